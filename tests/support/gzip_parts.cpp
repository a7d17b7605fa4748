#include "tests/support/gzip_parts.h"

#include <zlib.h>

#include <stdexcept>

namespace costgate::test_support {

GzipBody GzipParts(const std::vector<std::string_view>& parts) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  GzipBody body;
  char buffer[16384];
  for (size_t i = 0; i < parts.size(); ++i) {
    const int flush = i + 1 == parts.size() ? Z_FINISH : Z_SYNC_FLUSH;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(parts[i].data()));
    zs.avail_in = static_cast<uInt>(parts[i].size());
    int rc = Z_OK;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buffer);
      zs.avail_out = sizeof(buffer);
      rc = deflate(&zs, flush);
      body.bytes.append(buffer, sizeof(buffer) - zs.avail_out);
    } while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    body.flush_ends.push_back(body.bytes.size());
  }
  deflateEnd(&zs);
  return body;
}

std::string Gzip(std::string_view data) { return GzipParts({data}).bytes; }

}  // namespace costgate::test_support
