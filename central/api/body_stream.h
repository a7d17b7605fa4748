// A response body made part by part: an export of millions of rows is written as it is read,
// so central's memory stays the same whatever its size. The HTTP side asks for the next part
// only once the previous one is written (the client's pace sets the export's), and sends each
// as an HTTP/1.1 chunk.
//
// A stream reads through a store connection of its own (never the connection of the thread that
// made it, which serves other requests meanwhile and would share the export's snapshot): it may
// be advanced on any thread, one call at a time.
#pragma once

#include <cstddef>
#include <string>

namespace costgate::central {

class BodyStream {
 public:
  enum class Part {
    kMore,    // `out` got a part; more follow
    kLast,    // `out` got the last part (maybe empty)
    kFailed,  // the store failed mid-way: the response is cut short (the client sees a transfer
              // that never completed, not a complete file with rows missing)
  };

  virtual ~BodyStream() = default;

  // Appends the next part of the body to `out`: about `target_bytes` (whole rows, so a part may
  // be a little larger).
  virtual Part Next(std::string& out, size_t target_bytes) = 0;
};

}  // namespace costgate::central
