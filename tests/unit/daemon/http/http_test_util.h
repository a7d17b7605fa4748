// Small helpers shared by the daemon/http tests: collecting the decoded body, feeding a whole
// buffer, and turning header fields into comparable values and back.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/http_message.h"
#include "daemon/http/message_parser.h"

namespace costgate::daemon::http::test_util {

using Progress = MessageParser::Progress;
using FieldList = std::vector<std::pair<std::string, std::string>>;

// The decoded body bytes the parser reported, concatenated.
class BodyCollector {
 public:
  explicit BodyCollector(MessageParser& parser) { parser.set_body_sink(&Sink, this); }
  const std::string& data() const { return data_; }
  int calls() const { return calls_; }

 private:
  static void Sink(void* arg, std::string_view chunk) {
    auto* self = static_cast<BodyCollector*>(arg);
    self->data_.append(chunk);
    ++self->calls_;
  }
  std::string data_;
  int calls_ = 0;
};

struct FeedAllResult {
  size_t consumed = 0;
  Progress progress = Progress::kNeedMore;
};

// Feeds `data` until the message ends, the parser fails, or the bytes run out. A kHeadDone stop
// is passed through, so the result is about the whole message.
inline FeedAllResult FeedAll(MessageParser& parser, std::string_view data) {
  FeedAllResult total;
  while (true) {
    const MessageParser::FeedResult r = parser.Feed(data.substr(total.consumed));
    total.consumed += r.consumed;
    total.progress = r.progress;
    if (r.progress == Progress::kError || r.progress == Progress::kMessageDone) {
      return total;
    }
    if (r.progress == Progress::kHeadDone) {
      continue;
    }
    if (r.consumed == 0 || total.consumed == data.size()) {
      return total;
    }
  }
}

inline FieldList Fields(const base::Headers& headers) {
  FieldList out;
  for (const auto& f : headers.fields()) {
    out.emplace_back(f.name, f.value);
  }
  return out;
}

inline base::Headers MakeHeaders(const FieldList& fields) {
  base::Headers headers;
  for (const auto& [name, value] : fields) {
    headers.Add(name, value);
  }
  return headers;
}

}  // namespace costgate::daemon::http::test_util
