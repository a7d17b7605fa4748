#include "daemon/http/message_parser.h"

#include <algorithm>

namespace costgate::daemon::http {

namespace {
MessageParser* Self(llhttp_t* p) { return static_cast<MessageParser*>(p->data); }
}  // namespace

const llhttp_settings_t* MessageParser::Settings() {
  static const llhttp_settings_t settings = [] {
    llhttp_settings_t s;
    llhttp_settings_init(&s);
    s.on_message_begin = &MessageParser::OnMessageBegin;
    s.on_url = &MessageParser::OnUrl;
    s.on_status = &MessageParser::OnStatus;
    s.on_header_field = &MessageParser::OnHeaderField;
    s.on_header_value = &MessageParser::OnHeaderValue;
    s.on_headers_complete = &MessageParser::OnHeadersComplete;
    s.on_body = &MessageParser::OnBody;
    s.on_message_complete = &MessageParser::OnMessageComplete;
    return s;
  }();
  return &settings;
}

MessageParser::MessageParser(Kind kind, Limits limits)
    : kind_(kind), limits_(limits), in_request_line_(kind == Kind::kRequest) {
  llhttp_init(&parser_, kind == Kind::kRequest ? HTTP_REQUEST : HTTP_RESPONSE, Settings());
  parser_.data = this;
}

void MessageParser::Reset() {
  llhttp_reset(&parser_);
  parser_.data = this;
  request_.method.clear();
  request_.target.clear();
  request_.version_minor = 1;
  request_.headers.clear();
  request_.headers.mutable_fields().reserve(16);  // the head is moved out each message
  response_.status = 0;
  response_.reason.clear();
  response_.version_minor = 1;
  response_.headers.clear();
  response_.headers.mutable_fields().reserve(16);
  in_header_value_ = false;
  after_newline_ = false;
  after_cr_ = false;
  in_request_line_ = kind_ == Kind::kRequest;
  previous_space_ = false;
  head_bytes_ = 0;
  trailer_bytes_ = 0;
  head_done_ = false;
  message_done_ = false;
  chunked_ = false;
  body_framing_ = BodyFraming::kNone;
  has_content_length_ = false;
  content_length_ = 0;
  body_expected_ = false;
  body_bytes_ = 0;
  error_ = ParseError::kNone;
  error_detail_ = "";
}

void MessageParser::Fail(ParseError e, const char* detail) {
  if (error_ == ParseError::kNone) {
    error_ = e;
    error_detail_ = detail;
  }
}

MessageParser::FeedResult MessageParser::Feed(std::string_view data) {
  if (error_ != ParseError::kNone) {
    return {0, Progress::kError};
  }
  if (message_done_) {
    return {0, Progress::kMessageDone};
  }
  const bool was_head_done = head_done_;
  size_t n = data.size();
  if (!head_done_) {
    // Never hand llhttp more head bytes than the limit allows, so an endless header is cut off
    // at the limit instead of after it was buffered.
    n = std::min<size_t>(n, limits_.max_head_bytes - head_bytes_);
  }
  const llhttp_errno_t err = llhttp_execute(&parser_, data.data(), n);
  size_t consumed = n;
  if (err == HPE_PAUSED) {
    consumed = static_cast<size_t>(llhttp_get_error_pos(&parser_) - data.data());
    llhttp_resume(&parser_);
  } else if (err != HPE_OK) {
    if (err == HPE_USER) {
      Fail(ParseError::kTooManyHeaders, "too many header fields");
    } else {
      Fail(ParseError::kMalformed, llhttp_get_error_reason(&parser_));
    }
    if (!was_head_done) {
      // The earliest problem in the bytes wins, however they were split into reads: a lax
      // spelling before the point llhttp stopped at is reported as it would have been had it
      // arrived in an earlier read.
      const size_t before_error = static_cast<size_t>(llhttp_get_error_pos(&parser_) - data.data());
      if (const char* problem = LaxHeadSyntax(data.substr(0, std::min(before_error, n)))) {
        error_ = ParseError::kMalformed;
        error_detail_ = problem;
      }
      head_done_ = false;
      message_done_ = false;
    }
    return {0, Progress::kError};
  }
  if (!was_head_done) {
    const size_t head_part = head_done_ ? consumed : n;
    if (const char* problem = LaxHeadSyntax(data.substr(0, head_part))) {
      Fail(ParseError::kMalformed, problem);
      // llhttp may have completed a head (even a message) that these bytes make invalid.
      head_done_ = false;
      message_done_ = false;
      return {0, Progress::kError};
    }
    head_bytes_ += static_cast<uint32_t>(head_part);
    if (!head_done_) {
      if (head_bytes_ >= limits_.max_head_bytes) {
        Fail(ParseError::kHeadTooLarge, "request head too large");
        return {consumed, Progress::kError};
      }
      return {consumed, Progress::kNeedMore};
    }
    return {consumed, Progress::kHeadDone};
  }
  return {consumed, message_done_ ? Progress::kMessageDone : Progress::kNeedMore};
}

// Checks the head's raw bytes for what strict llhttp lets through. RFC 9112 5.2: a proxy must
// reject or replace obs-fold (a field line that starts with whitespace). RFC 9112 2.2: lines end
// in CRLF; llhttp takes a lone LF after a CRLF as the empty line that ends the head (found by
// the request_framing fuzzer), so the fields after it would be read as the body by one parser
// and as fields by another. RFC 9112 3: a request line is three words separated by single
// spaces; llhttp also takes runs of spaces, which another parser might split differently.
const char* MessageParser::LaxHeadSyntax(std::string_view head_part) {
  for (size_t i = 0; i < head_part.size(); ++i) {
    const char c = head_part[i];
    if ((c == ' ' || c == '\t') && after_newline_) {
      return "obsolete line folding in a header field";
    }
    if (c == '\n' && !after_cr_) {
      return "a line of the head ends in a bare LF";
    }
    after_cr_ = c == '\r';
    if (in_request_line_) {
      if (c == '\t' || (c == ' ' && previous_space_)) {
        return "the request line must separate its parts by single spaces";
      }
      previous_space_ = c == ' ';
      in_request_line_ = c != '\n';
    }
    after_newline_ = c == '\n';
  }
  return nullptr;
}

MessageParser::Progress MessageParser::Finish() {
  if (message_done_) {
    return Progress::kMessageDone;
  }
  if (error_ == ParseError::kNone && head_done_) {
    // A pause in on_headers_complete leaves llhttp one step short of the body state in which
    // EOF is a valid end; an empty execute takes that step.
    static constexpr char kNothing[1] = {0};
    llhttp_execute(&parser_, kNothing, 0);
    const llhttp_errno_t err = llhttp_finish(&parser_);
    if ((err == HPE_OK || err == HPE_PAUSED) && message_done_) {
      return Progress::kMessageDone;
    }
  }
  Fail(ParseError::kTruncated, "connection closed before the message was complete");
  return Progress::kError;
}

bool MessageParser::keep_alive() const { return llhttp_should_keep_alive(&parser_) != 0; }

bool MessageParser::needs_eof() const { return llhttp_message_needs_eof(&parser_) != 0; }

int MessageParser::OnMessageBegin(llhttp_t*) { return 0; }

int MessageParser::OnUrl(llhttp_t* p, const char* at, size_t len) {
  Self(p)->request_.target.append(at, len);
  return 0;
}

int MessageParser::OnStatus(llhttp_t* p, const char* at, size_t len) {
  Self(p)->response_.reason.append(at, len);
  return 0;
}

int MessageParser::OnHeaderField(llhttp_t* p, const char* at, size_t len) {
  MessageParser* self = Self(p);
  if (self->head_done_) {
    return self->CountTrailer(len);
  }
  base::Headers& headers =
      self->kind_ == Kind::kRequest ? self->request_.headers : self->response_.headers;
  if (self->in_header_value_ || headers.size() == 0) {
    if (headers.size() >= self->limits_.max_header_count) {
      return HPE_USER;
    }
    headers.Add(std::string(at, len), std::string());
    self->in_header_value_ = false;
    return 0;
  }
  // llhttp split one field name across two reads.
  headers.back().name.append(at, len);
  return 0;
}

int MessageParser::OnHeaderValue(llhttp_t* p, const char* at, size_t len) {
  MessageParser* self = Self(p);
  if (self->head_done_) {
    return self->CountTrailer(len);
  }
  base::Headers& headers =
      self->kind_ == Kind::kRequest ? self->request_.headers : self->response_.headers;
  headers.back().value.append(at, len);
  self->in_header_value_ = true;
  return 0;
}

// Trailer fields travel on with the raw body bytes; they are not part of the head, but their
// size is bounded like the head's.
int MessageParser::CountTrailer(size_t len) {
  trailer_bytes_ += len;
  if (trailer_bytes_ > limits_.max_head_bytes) {
    Fail(ParseError::kHeadTooLarge, "trailer fields too large");
    return -1;
  }
  return 0;
}

namespace {
// llhttp drops leading whitespace of a field value but keeps trailing whitespace, which
// RFC 9110 5.5 excludes from the value.
void TrimTrailingWhitespace(base::Headers& headers) {
  for (auto& field : headers.mutable_fields()) {
    std::string& value = field.value;
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
      value.pop_back();
    }
  }
}
}  // namespace

int MessageParser::OnHeadersComplete(llhttp_t* p) {
  MessageParser* self = Self(p);
  if (p->http_major != 1) {
    self->Fail(ParseError::kMalformed, "unsupported HTTP version (only HTTP/1.x is spoken)");
    return -1;
  }
  TrimTrailingWhitespace(self->kind_ == Kind::kRequest ? self->request_.headers
                                                       : self->response_.headers);
  self->chunked_ = (p->flags & F_CHUNKED) != 0;
  self->has_content_length_ = (p->flags & F_CONTENT_LENGTH) != 0;
  self->content_length_ = self->has_content_length_ ? p->content_length : 0;
  if (self->kind_ == Kind::kRequest) {
    self->request_.method = llhttp_method_name(static_cast<llhttp_method_t>(p->method));
    self->request_.version_minor = p->http_minor;
    const RequestFraming framing = DecideRequestFraming(self->request_);
    if (framing.refusal != 0) {
      self->Fail(
          framing.refusal == 501 ? ParseError::kUnsupportedTransferCoding : ParseError::kMalformed,
          framing.detail);
      return -1;
    }
    // llhttp delimits the body it hands on; it must read the head exactly as the rule did, or
    // what costgate forwards would not be what it checked.
    const bool same =
        self->chunked_ == (framing.framing == BodyFraming::kChunked) &&
        self->has_content_length_ == (framing.framing == BodyFraming::kContentLength) &&
        self->content_length_ == framing.content_length;
    if (!same) {
      self->Fail(ParseError::kMalformed, "request framing read two ways");
      return -1;
    }
    self->head_done_ = true;
    self->body_framing_ = framing.framing;
    self->body_expected_ = self->chunked_ || self->content_length_ > 0;
    // A bodiless request completes in this same execute call; pause there instead.
    return self->body_expected_ ? HPE_PAUSED : 0;
  }
  self->head_done_ = true;
  self->response_.status = p->status_code;
  self->response_.version_minor = p->http_minor;
  const int status = p->status_code;
  const bool bodiless = self->response_to_head_ || status < 200 || status == 204 || status == 304;
  if (bodiless) {
    self->body_expected_ = false;
    return 1;  // tells llhttp there is no body; on_message_complete pauses next
  }
  self->body_expected_ = self->chunked_ || self->content_length_ > 0 || !self->has_content_length_;
  return self->body_expected_ ? HPE_PAUSED : 0;
}

int MessageParser::OnBody(llhttp_t* p, const char* at, size_t len) {
  MessageParser* self = Self(p);
  self->body_bytes_ += len;
  if (self->body_sink_ != nullptr) {
    self->body_sink_(self->body_sink_arg_, std::string_view(at, len));
  }
  return 0;
}

int MessageParser::OnMessageComplete(llhttp_t* p) {
  Self(p)->message_done_ = true;
  return HPE_PAUSED;
}

}  // namespace costgate::daemon::http
