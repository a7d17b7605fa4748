// libFuzzer target for the request parser glue: llhttp, costgate's framing rule and the body
// re-framing, differential against the rule applied to an independently split head.
//
// Input: byte 0 seeds the read sizes, the rest is a raw request (head and body). Beyond what the
// sanitizers catch, it aborts when
//  - the parser accepts a head that the rule, applied to the same head split by a plain
//    CRLF/colon splitter, refuses or frames differently;
//  - a completed message, forwarded as costgate forwards it (its own head and framing, the body
//    re-framed), does not parse back to the same body with exactly one framing field;
//  - the outcome depends on how the input was split into reads.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/http/message_parser.h"
#include "daemon/http/request_framing.h"
#include "daemon/http/serialize.h"

namespace {

using costgate::daemon::http::AppendBodyEnd;
using costgate::daemon::http::AppendBodyPiece;
using costgate::daemon::http::AppendUpstreamRequestHead;
using costgate::daemon::http::BodyFraming;
using costgate::daemon::http::DecideRequestFraming;
using costgate::daemon::http::MessageParser;
using costgate::daemon::http::ParseError;
using costgate::daemon::http::RequestFraming;
using Progress = MessageParser::Progress;

#define Check(ok) CheckAt(ok, __LINE__)
void CheckAt(bool ok, int line) {
  if (!ok) {
    std::fprintf(stderr, "request_framing_fuzz: invariant at line %d broken\n", line);
    std::abort();
  }
}

struct Outcome {
  Progress progress = Progress::kNeedMore;
  ParseError error = ParseError::kNone;
  bool head_done = false;
  size_t consumed = 0;
  std::string body;       // decoded
  std::string forwarded;  // re-framed as costgate forwards it
  BodyFraming framing = BodyFraming::kNone;
  uint64_t content_length = 0;
  costgate::base::RequestHead head;
};

struct Sink {
  Outcome* out;
  static void Write(void* self, std::string_view data) {
    Outcome& o = *static_cast<Sink*>(self)->out;
    o.body.append(data);
    AppendBodyPiece(o.forwarded, o.framing, data);
  }
};

size_t NextSize(uint32_t& seed) {
  seed = seed * 1103515245U + 12345U;
  return 1 + (seed >> 16) % 64;
}

// Parses `wire` in reads of `split` sizes (0: whole), as the proxy does: head, then body.
Outcome Parse(std::string_view wire, uint32_t seed, bool whole,
              MessageParser::Limits limits = {16 * 1024, 64}) {
  Outcome o;
  MessageParser parser(MessageParser::Kind::kRequest, limits);
  Sink sink{&o};
  parser.set_body_sink(&Sink::Write, &sink);
  std::string buffered;
  size_t pos = 0;
  while (true) {
    const size_t n = whole ? wire.size() - pos : std::min(NextSize(seed), wire.size() - pos);
    buffered.append(wire.substr(pos, n));
    pos += n;
    while (!buffered.empty()) {
      const bool was_head_done = parser.head_done();
      const auto r = parser.Feed(buffered);
      buffered.erase(0, r.consumed);
      o.consumed += r.consumed;
      if (!was_head_done && parser.head_done()) {
        o.framing = parser.body_framing();
        o.content_length = parser.content_length();
        o.head = parser.request();
      }
      // A bodiless request is complete at its head (kHeadDone with message_done()).
      o.progress = r.progress != Progress::kError && parser.message_done() ? Progress::kMessageDone
                                                                           : r.progress;
      if (o.progress == Progress::kError || o.progress == Progress::kMessageDone) {
        o.error = parser.error();
        o.head_done = parser.head_done();
        if (o.progress == Progress::kMessageDone) {
          AppendBodyEnd(o.forwarded, o.framing);
        }
        return o;
      }
      if (r.consumed == 0) {
        break;
      }
    }
    if (pos == wire.size()) {
      o.head_done = parser.head_done();
      return o;
    }
  }
}

// The head split by the plainest reading of RFC 9112: CRLF lines, "name:value" fields, OWS
// trimmed. nullopt when the head is not that simple (llhttp must then refuse or agree anyway).
std::optional<costgate::base::RequestHead> SplitHead(std::string_view wire) {
  const size_t end = wire.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view head = wire.substr(0, end + 2);
  for (const char c : head) {
    if (c == '\0') {
      return std::nullopt;
    }
  }
  costgate::base::RequestHead out;
  size_t line_end = head.find("\r\n");
  const std::string_view request_line = head.substr(0, line_end);
  const size_t sp1 = request_line.find(' ');
  const size_t sp2 = request_line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) {
    return std::nullopt;
  }
  out.method = std::string(request_line.substr(0, sp1));
  out.target = std::string(request_line.substr(sp1 + 1, sp2 - sp1 - 1));
  const std::string_view version = request_line.substr(sp2 + 1);
  if (version == "HTTP/1.1") {
    out.version_minor = 1;
  } else if (version == "HTTP/1.0") {
    out.version_minor = 0;
  } else {
    return std::nullopt;
  }
  size_t start = line_end + 2;
  while (start < head.size()) {
    line_end = head.find("\r\n", start);
    const std::string_view line = head.substr(start, line_end - start);
    start = line_end + 2;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
      value.remove_suffix(1);
    }
    out.headers.Add(std::string(line.substr(0, colon)), std::string(value));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) {
    return 0;
  }
  const uint32_t seed = data[0];
  const std::string_view wire(reinterpret_cast<const char*>(data) + 1, size - 1);

  const Outcome whole = Parse(wire, seed, true);
  const Outcome split = Parse(wire, seed, false);
  // How the bytes were split into reads changes nothing; after an error only the error counts
  // (body bytes before it are forwarded, re-framed, and the upstream connection is then cut).
  Check(whole.progress == split.progress && whole.head_done == split.head_done);
  // Which problem is met first may depend on the split only when a limit is one of them: llhttp
  // reports a field name cut by a read as soon as the read ends, so the field count can trip
  // before an invalid byte later in that name is seen.
  const auto is_limit = [](ParseError e) {
    return e == ParseError::kTooManyHeaders || e == ParseError::kHeadTooLarge;
  };
  Check(whole.error == split.error || is_limit(whole.error) || is_limit(split.error));
  if (whole.progress != Progress::kError) {
    // The re-framed chunks follow the reads; what they carry may not.
    Check(whole.body == split.body && whole.consumed == split.consumed);
  }

  if (whole.head_done) {
    // What the parser accepted, the rule accepts, with the same framing, on its own split.
    const RequestFraming own = DecideRequestFraming(whole.head);
    Check(own.refusal == 0 && own.framing == whole.framing &&
          own.content_length == whole.content_length);
    if (const auto plain = SplitHead(wire)) {
      const RequestFraming reference = DecideRequestFraming(*plain);
      Check(reference.refusal == 0 && reference.framing == whole.framing &&
            reference.content_length == whole.content_length);
    }
  }

  if (whole.progress == Progress::kMessageDone) {
    // The request as the upstream receives it parses back to the same body, with costgate's one
    // framing field and none of the client's.
    std::string upstream;
    AppendUpstreamRequestHead(upstream, whole.head, "/t", "upstream.test", whole.framing,
                              whole.content_length);
    upstream += whole.forwarded;
    // The upstream's limits are not costgate's: the forwarded head gains a Host field.
    const Outcome again = Parse(upstream, seed, true, {64 * 1024, 1000});
    Check(again.progress == Progress::kMessageDone && again.consumed == upstream.size());
    Check(again.body == whole.body && again.framing == whole.framing);
    int framing_fields = 0;
    for (const auto& field : again.head.headers.fields()) {
      framing_fields += costgate::base::EqualsIgnoreCase(field.name, "content-length") ||
                        costgate::base::EqualsIgnoreCase(field.name, "transfer-encoding") ||
                        costgate::base::EqualsIgnoreCase(field.name, "trailer");
    }
    Check(framing_fields == (whole.framing == BodyFraming::kNone ? 0 : 1));
  }
  return 0;
}
