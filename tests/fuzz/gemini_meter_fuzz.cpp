// libFuzzer target for the Gemini usage meter (gunzip, SSE framing, field extraction, usage
// parsing) fed arbitrary bodies in every format.
//
// Input: byte 0 picks the options (format, gzip, a tiny or the default capture limit, and
// whether the harness gzips the body itself so the decoder sees valid compression of arbitrary
// content), byte 1 seeds the read sizes, the rest is the body. Beyond what the sanitizers catch,
// it aborts when the result depends on how the body was split into reads, or when buffers grow
// past a bound that does not depend on the body's length.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "filters/gemini/stream_scanner.h"

namespace {

using costgate::filters::MeteredUsage;
using costgate::filters::gemini::BodyFormat;
using costgate::filters::gemini::MeterOptions;
using costgate::filters::gemini::StreamScanner;

// Next pseudo-random read size, 1..32 bytes.
size_t NextSize(uint32_t& seed) {
  seed = seed * 1103515245U + 12345U;
  return 1 + (seed >> 16) % 32;
}

// gzip of `body` with a sync flush every few hundred bytes, as the Gemini servers stream it.
std::string Gzip(std::string_view body, uint32_t seed) {
  z_stream zs{};
  if (deflateInit2(&zs, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    std::abort();
  }
  std::string out;
  char buffer[4096];
  size_t pos = 0;
  do {
    const size_t n = std::min(body.size() - pos, NextSize(seed) * 16);
    const int flush = pos + n == body.size() ? Z_FINISH : Z_SYNC_FLUSH;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data() + pos));
    zs.avail_in = static_cast<uInt>(n);
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buffer);
      zs.avail_out = sizeof(buffer);
      deflate(&zs, flush);
      out.append(buffer, sizeof(buffer) - zs.avail_out);
    } while (zs.avail_out == 0);
    pos += n;
  } while (pos < body.size());
  deflateEnd(&zs);
  return out;
}

bool Same(const MeteredUsage& a, const MeteredUsage& b) {
  return a.units == b.units && a.model_version == b.model_version &&
         a.service_tier == b.service_tier && a.traffic_type == b.traffic_type &&
         a.reported == b.reported && a.malformed == b.malformed && a.oversized == b.oversized;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) {
    return 0;
  }
  const uint8_t flags = data[0];
  uint32_t seed = data[1];
  std::string body(reinterpret_cast<const char*>(data) + 2, size - 2);

  MeterOptions options;
  options.format = static_cast<BodyFormat>(flags % 3);
  options.gzip = (flags & 0x04) != 0;
  options.max_capture_bytes = (flags & 0x08) != 0 ? 48 : 64 * 1024;
  if ((flags & 0x10) != 0) {
    body = Gzip(body, seed);
    options.gzip = true;
  }

  StreamScanner whole(options);
  whole.Feed(body);
  whole.Finish();

  StreamScanner split(options);
  const std::string_view rest = body;
  for (size_t pos = 0; pos < rest.size();) {
    const size_t n = std::min(NextSize(seed), rest.size() - pos);
    split.Feed(rest.substr(pos, n));
    pos += n;
  }
  split.Finish();

  if (!Same(whole.usage(), split.usage())) {
    std::abort();
  }
  if (whole.usage().reported && whole.usage().units.empty()) {
    std::abort();
  }
  // Decoder buffer, two capture buffers (growth can double them), the padded copy and the JSON
  // parser's ~6 bytes per byte of the largest capture.
  const size_t bound = 16 * 1024 + 16 * options.max_capture_bytes + 4096;
  if (whole.BufferHighWater() > bound || split.BufferHighWater() > bound) {
    std::abort();
  }
  return 0;
}
