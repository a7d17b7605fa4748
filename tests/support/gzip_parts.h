// Test-side gzip writer (zlib deflate), to build bodies the way a server streams them: sync-flushed
// parts, so a decoder can be shown to hand out each part before the member ends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace costgate::test_support {

struct GzipBody {
  std::string bytes;
  // Offsets in `bytes` where each part's sync flush ended (its data decodable from there).
  std::vector<size_t> flush_ends;
};

// One gzip member holding the parts in order; every part but the last ends with Z_SYNC_FLUSH.
GzipBody GzipParts(const std::vector<std::string_view>& parts);

std::string Gzip(std::string_view data);

}  // namespace costgate::test_support
