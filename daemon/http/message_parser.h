// Incremental HTTP/1.1 message parser over llhttp (strict mode), for requests and responses.
//
// Feed() stops at two points so the caller can act between them: after the head (headers
// complete) and after the end of the message; bytes after the message stay unconsumed
// (pipelining, or a response followed by garbage). Body data is reported to an optional
// BodySink after transfer decoding; the caller forwards the raw consumed bytes itself.
// Limits on head size and header count are enforced here; llhttp's strict mode rejects bad
// syntax and chunk framing, and a request head must also pass DecideRequestFraming
// (request_framing.h), the one rule for how a request body is delimited.
#pragma once

#include <llhttp.h>

#include <cstdint>
#include <string_view>

#include "base/http_message.h"
#include "daemon/http/request_framing.h"

namespace costgate::daemon::http {

enum class ParseError {
  kNone,
  kMalformed,                  // syntax error, conflicting framing, bad chunking
  kUnsupportedTransferCoding,  // a request coded with more than chunked (request_framing.h)
  kHeadTooLarge,               // request/status line + headers over max_head_bytes
  kTooManyHeaders,             // more than max_header_count fields
  kTruncated,                  // the peer closed before the message was complete
};

// Receives decoded body data; `arg` is the value given to set_body_sink.
using BodySinkFn = void (*)(void* arg, std::string_view data);

class MessageParser {
 public:
  enum class Kind { kRequest, kResponse };
  enum class Progress { kNeedMore, kHeadDone, kMessageDone, kError };
  struct Limits {
    uint32_t max_head_bytes = 64 * 1024;
    uint32_t max_header_count = 100;
  };
  struct FeedResult {
    size_t consumed = 0;
    Progress progress = Progress::kNeedMore;
  };

  MessageParser(Kind kind, Limits limits);
  MessageParser(const MessageParser&) = delete;
  MessageParser& operator=(const MessageParser&) = delete;

  // Prepares for the next message on the same connection.
  void Reset();
  void set_limits(Limits limits) { limits_ = limits; }
  void set_body_sink(BodySinkFn fn, void* arg) {
    body_sink_ = fn;
    body_sink_arg_ = arg;
  }
  // Response parsing only: the request was HEAD, so the response has no body.
  void set_response_to_head(bool v) { response_to_head_ = v; }

  // Consumes a prefix of `data`. After kHeadDone the head is available; call Feed again with the
  // rest for the body. After kMessageDone call Reset before the next message.
  FeedResult Feed(std::string_view data);
  // The peer closed its side: completes a close-delimited body, else kTruncated.
  Progress Finish();

  bool head_done() const { return head_done_; }
  bool message_done() const { return message_done_; }
  ParseError error() const { return error_; }
  const char* error_detail() const { return error_detail_; }

  base::RequestHead& request() { return request_; }
  base::ResponseHead& response() { return response_; }

  // Valid after the head.
  bool keep_alive() const;
  bool chunked() const { return chunked_; }
  // Requests: how the body is delimited, as DecideRequestFraming read the head.
  BodyFraming body_framing() const { return body_framing_; }
  bool has_content_length() const { return has_content_length_; }
  uint64_t content_length() const { return content_length_; }
  bool body_expected() const { return body_expected_; }  // any body bytes may follow
  bool needs_eof() const;                                // close-delimited body
  uint64_t body_bytes() const { return body_bytes_; }    // decoded body bytes so far

 private:
  static int OnMessageBegin(llhttp_t* p);
  static int OnUrl(llhttp_t* p, const char* at, size_t len);
  static int OnStatus(llhttp_t* p, const char* at, size_t len);
  static int OnHeaderField(llhttp_t* p, const char* at, size_t len);
  static int OnHeaderValue(llhttp_t* p, const char* at, size_t len);
  static int OnHeadersComplete(llhttp_t* p);
  static int OnBody(llhttp_t* p, const char* at, size_t len);
  static int OnMessageComplete(llhttp_t* p);
  static const llhttp_settings_t* Settings();

  void Fail(ParseError e, const char* detail);
  // What llhttp accepts and a strict proxy must not, or nullptr.
  const char* LaxHeadSyntax(std::string_view head_part);
  int CountTrailer(size_t len);

  Kind kind_;
  Limits limits_;
  llhttp_t parser_;
  BodySinkFn body_sink_ = nullptr;
  void* body_sink_arg_ = nullptr;
  bool response_to_head_ = false;

  base::RequestHead request_;
  base::ResponseHead response_;
  bool in_header_value_ = false;
  bool after_newline_ = false;
  bool after_cr_ = false;
  bool in_request_line_ = false;
  bool previous_space_ = false;
  uint32_t head_bytes_ = 0;
  size_t trailer_bytes_ = 0;
  bool head_done_ = false;
  bool message_done_ = false;
  bool chunked_ = false;
  BodyFraming body_framing_ = BodyFraming::kNone;
  bool has_content_length_ = false;
  uint64_t content_length_ = 0;
  bool body_expected_ = false;
  uint64_t body_bytes_ = 0;
  ParseError error_ = ParseError::kNone;
  const char* error_detail_ = "";
};

}  // namespace costgate::daemon::http
