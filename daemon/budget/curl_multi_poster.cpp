#include "daemon/budget/curl_multi_poster.h"

#include <algorithm>

#include "daemon/shipper/api_key.h"
#include "daemon/shipper/central_client.h"
#include "daemon/util/curl_transfer.h"

namespace costgate::daemon::budget {
namespace {

// A key that cannot be loaded is tried again at most this often, not for every call.
constexpr std::chrono::seconds kKeyRetry{1};
// How long the thread sleeps in curl_multi_poll when nothing wakes it (a Post does, at once).
constexpr int kPollMs = 1000;

}  // namespace

struct CurlMultiPoster::Transfer {
  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    if (easy != nullptr) {
      curl_easy_cleanup(easy);
    }
  }

  CURL* easy = nullptr;
  std::string body;
  std::chrono::milliseconds timeout{0};
  Done done;
  util::CurlHeaders headers;
  util::BoundedAnswer answer;
  char error[CURL_ERROR_SIZE] = {};
};

CurlMultiPoster::CurlMultiPoster(const config::ShipperConfig& shipper, std::string_view path)
    : shipper_(shipper), url_(shipper.url + std::string(path)), multi_(nullptr) {
  util::InitCurlOnce();
  multi_ = curl_multi_init();
  thread_ = std::jthread([this](std::stop_token stop) { Run(std::move(stop)); });
}

CurlMultiPoster::~CurlMultiPoster() {
  thread_.request_stop();
  if (multi_ != nullptr) {
    curl_multi_wakeup(multi_);
  }
  thread_.join();
  for (auto& t : active_) {
    curl_multi_remove_handle(multi_, t->easy);
    t->done({0, {}, "stopped: the daemon is shutting down"});
  }
  active_.clear();
  for (auto& t : incoming_) {
    t->done({0, {}, "stopped: the daemon is shutting down"});
  }
  incoming_.clear();
  if (multi_ != nullptr) {
    curl_multi_cleanup(multi_);
  }
}

void CurlMultiPoster::Post(std::string body, std::chrono::milliseconds timeout, Done done) {
  auto t = std::make_unique<Transfer>();
  t->body = std::move(body);
  t->timeout = timeout;
  t->done = std::move(done);
  {
    const std::lock_guard lock(mutex_);
    incoming_.push_back(std::move(t));
  }
  if (multi_ != nullptr) {
    curl_multi_wakeup(multi_);
  }
}

bool CurlMultiPoster::LoadKey() {
  if (!key_.empty()) {
    return true;
  }
  const auto now = std::chrono::steady_clock::now();
  if (now < next_key_load_) {
    return false;
  }
  key_ = shipper::LoadApiKey(shipper_).key;
  next_key_load_ = now + kKeyRetry;
  return !key_.empty();
}

void CurlMultiPoster::Begin(std::unique_ptr<Transfer> t) {
  if (multi_ == nullptr || !LoadKey()) {
    t->done({0, {}, multi_ == nullptr ? "curl_multi_init failed" : "no API key"});
    return;
  }
  t->easy = curl_easy_init();
  if (t->easy == nullptr) {
    t->done({0, {}, "curl_easy_init failed"});
    return;
  }
  t->headers.Add("X-API-Key: " + key_);
  t->headers.Add("Content-Type: application/json");
  t->headers.Add("Expect:");
  t->answer.max_bytes = shipper::kMaxAnswerBytes;
  util::SetCentralPost(t->easy, url_, t->body, t->headers, static_cast<long>(t->timeout.count()),
                       shipper_.ca_file);
  util::CollectInto(t->easy, t->answer);
  curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t.get());
  if (curl_multi_add_handle(multi_, t->easy) != CURLM_OK) {
    t->done({0, {}, "curl_multi_add_handle failed"});
    return;
  }
  active_.push_back(std::move(t));
}

void CurlMultiPoster::Finish(CURL* easy, CURLcode code) {
  const auto it = std::find_if(active_.begin(), active_.end(),
                               [easy](const auto& t) { return t->easy == easy; });
  if (it == active_.end()) {
    return;
  }
  std::unique_ptr<Transfer> t = std::move(*it);
  active_.erase(it);
  curl_multi_remove_handle(multi_, easy);
  shipper::PostResult result;
  if (code != CURLE_OK) {
    result.error = t->error[0] != '\0' ? t->error : curl_easy_strerror(code);
  } else {
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &result.status);
    result.body = std::move(t->answer.body);
    if (result.status == 401 || result.status == 403) {
      key_.clear();  // reloaded for the next call: a key replaced in its file is picked up
    }
  }
  t->done(std::move(result));
}

void CurlMultiPoster::Run(std::stop_token stop) {
  if (multi_ == nullptr) {
    return;
  }
  std::vector<std::unique_ptr<Transfer>> starting;
  while (!stop.stop_requested()) {
    {
      const std::lock_guard lock(mutex_);
      starting.swap(incoming_);
    }
    for (auto& t : starting) {
      Begin(std::move(t));
    }
    starting.clear();
    int running = 0;
    curl_multi_perform(multi_, &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg == CURLMSG_DONE) {
        Finish(msg->easy_handle, msg->data.result);
      }
    }
    curl_multi_poll(multi_, nullptr, 0, kPollMs, nullptr);
  }
}

}  // namespace costgate::daemon::budget
