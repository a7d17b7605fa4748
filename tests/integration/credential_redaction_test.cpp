// Provider credentials stay in the request that carried them: a canary secret sent in every
// credential position the providers accept (PROVIDERS.md A1, B1, C1, E18), on calls that succeed
// and on every error path, through proxies that ship to a real central, is found in none of the
// proxies' logs, receipts databases (with -wal and -shm, raw bytes) and /metrics, nor in
// central's database files, log and /metrics: not raw, not in another case, not percent-encoded.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <thread>

#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

// A token in the shape of an OAuth access token, with the bytes a query must percent-encode.
struct Canary {
  std::string core;  // letters and digits only: spelled the same in every encoding but one
  std::string raw;
};

Canary MakeCanary() {
  const std::string core = "CgCanary" + std::to_string(getpid()) + "Zq";
  return {core, "ya29." + core + "/x+Yw=="};
}

// Every byte not unreserved (RFC 3986) percent-encoded: how a client puts it in a query.
std::string QueryEncoded(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const bool unreserved =
        std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[static_cast<unsigned char>(c) >> 4];
      out += kHex[static_cast<unsigned char>(c) & 0xF];
    }
  }
  return out;
}

// Every byte percent-encoded, as a client may also send it.
std::string FullyEncoded(std::string_view s) {
  std::string out;
  for (const char c : s) {
    constexpr char kHex[] = "0123456789ABCDEF";
    out += '%';
    out += kHex[static_cast<unsigned char>(c) >> 4];
    out += kHex[static_cast<unsigned char>(c) & 0xF];
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The header sets a credential travels in, one set per request, cycled through: every header
// each provider reads, in other cases, repeated, and all at once.
std::vector<std::vector<std::string>> CredentialHeaderSets(const std::string& secret) {
  return {
      {"x-goog-api-key: " + secret},
      {"X-Goog-Api-Key: " + secret},
      {"X-GOOG-API-KEY: " + secret, "x-goog-api-key: " + secret},
      {"Authorization: Bearer " + secret},
      {"authorization: bearer " + secret},
      {"AUTHORIZATION: BEARER " + secret},
      {"xi-api-key: " + secret},
      {"XI-API-KEY: " + secret},
      {"Xi-Api-Key: " + secret, "xi-api-key: " + secret},
      {"x-goog-api-key: " + secret, "Authorization: Bearer " + secret, "xi-api-key: " + secret}};
}

// The query strings a credential travels in: every name the providers accept, in other cases,
// with '$' and percent-encoded names, encoded and unencoded values, repeated, and bare.
std::vector<std::string> CredentialQueries(const Canary& canary) {
  const std::string v = QueryEncoded(canary.raw);
  return {"key=" + v,
          "$key=" + v,
          "%24key=" + v,
          "KEY=" + v,
          "Key=" + v,
          "%6B%65%79=" + v,
          "key=" + FullyEncoded(canary.raw),
          "key=" + canary.raw,
          "api_key=" + v,
          "API_KEY=" + v,
          "access_token=" + v,
          "$access_token=" + v,
          "%24ACCESS_TOKEN=" + v,
          "oauth_token=" + v,
          "$oauth_token=" + v,
          "xi-api-key=" + v,
          "XI-API-KEY=" + v,
          "xi%2Dapi%2Dkey=" + v,
          "key=first&key=" + v + "&key=" + v,
          "alt=json&" + v,
          "alt=sse%26key%3D" + v,
          "key=" + v + "&$key=" + v + "&oauth_token=" + v + "&xi-api-key=" + v};
}

struct ProviderCall {
  std::string method;
  std::string path;  // through the provider's prefix: routing never depends on the credential
  std::string body;
};

// One call each provider meters, answered by the mock's default routes.
std::vector<ProviderCall> ProviderCalls() {
  const std::string gemini_body = R"({"contents":[{"parts":[{"text":"hello"}]}]})";
  return {
      {"POST", "/gemini/v1beta/models/gemini-2.0-flash:generateContent", gemini_body},
      {"POST",
       "/vertex/v1/projects/p/locations/us-central1/publishers/google/models/"
       "gemini-2.0-flash:generateContent",
       gemini_body},
      {"POST", "/elevenlabs/v1/text-to-speech/voice-1?output_format=mp3_44100_128",
       R"({"text":"hello","model_id":"eleven_multilingual_v2"})"},
      {"POST", "/gcp-tts/v1/text:synthesize",
       R"({"input":{"text":"hello"},"voice":{"languageCode":"en-US","name":"en-US-Standard-A"},)"
       R"("audioConfig":{"audioEncoding":"MP3"}})"},
  };
}

std::string MetricsText(const CostgateProcess& daemon) {
  HttpRequest request;
  request.url = daemon.Url("/metrics");
  return Http(request).body;
}

std::string WithQuery(const std::string& path, const std::string& query) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") + query;
}

// The raw HTTP/1.1 head of a request, Content-Length framed.
std::string RawHead(const std::string& method, const std::string& target,
                    const std::vector<std::string>& headers, size_t content_length) {
  std::string head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const std::string& header : headers) {
    head += header + "\r\n";
  }
  return head +
         "Content-Type: application/json\r\nContent-Length: " + std::to_string(content_length) +
         "\r\n\r\n";
}

class CredentialRedactionTest : public IntegrationTest {
 protected:
  // Central, and the proxy that reaches the mock upstream for every provider.
  CostgateProcess& StartDaemon() override {
    central_ = std::make_unique<CentralUnderTest>();
    key_ = central_->CreateKey("redaction-" + UniqueToken("key"), "redaction-app", "ship");
    proxy_ = std::make_unique<DaemonUnderTest>(ProxySettings());
    return *proxy_->daemon;
  }

  DaemonSettings ProxySettings() const {
    DaemonSettings settings = ShippingProxySettings(central_->Url(), key_);
    settings.labels = {{"source_app", "redaction-app"}};
    return settings;
  }

  // A second proxy, shipping to the same central, whose upstreams fail before any byte is
  // forwarded: Vertex AI at its public host (a bad location is refused before connecting) and
  // every other provider at a loopback port nobody listens on.
  CostgateProcess& StartFailingProxy() {
    DaemonSettings settings = ProxySettings();
    settings.upstream_url = "https://127.0.0.1:" + std::to_string(FreeLoopbackPort());
    settings.env = {"COSTGATE_VERTEX_URL=https://aiplatform.googleapis.com"};
    failing_ = std::make_unique<DaemonUnderTest>(settings);
    return *failing_->daemon;
  }

  // Sends one request and remembers its event id (when costgate made one) to wait for its
  // access line and receipt.
  HttpResponse Send(CostgateProcess& proxy, const std::string& method, const std::string& target,
                    const std::string& body, std::vector<std::string> headers) {
    headers.push_back(std::string(kMarkerHeader) + ": " + marker_);
    headers.push_back("Content-Type: application/json");
    HttpRequest request;
    request.method = method;
    request.url = proxy.Url(target);
    request.headers = std::move(headers);
    if (method != "GET") {
      request.body = body;
    }
    HttpResponse response = Http(request);
    EXPECT_NE(response.status, 0) << target << ": " << response.curl_error;
    if (const auto id = response.Header("x-costgate-event-id")) {
      sent_.push_back({&proxy, *id});
    }
    return response;
  }

  // Waits until every access line is written and central holds every receipt of both
  // proxies, then checks every place, stops all three daemons (their last lines and
  // checkpoints written) and checks again.
  void ExpectNoCanaryAnywhere() {
    for (const auto& [proxy, event_id] : sent_) {
      EXPECT_TRUE(proxy->WaitForAccessLine(event_id, kWait).has_value()) << event_id;
    }
    const auto deadline = Clock::now() + kShipWait;
    int64_t at_proxies = ReceiptCount();
    int64_t at_central = central_->CountEvents();
    while ((at_proxies == 0 || at_central != at_proxies) && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, bounded above
      at_proxies = ReceiptCount();
      at_central = central_->CountEvents();
    }
    ASSERT_GT(at_proxies, 0);
    EXPECT_EQ(at_central, at_proxies);
    ExpectCanaryAbsent("while running");
    for (DaemonUnderTest* proxy : {proxy_.get(), failing_.get()}) {
      if (proxy != nullptr) {
        proxy->daemon->process().Signal(SIGTERM);
        EXPECT_TRUE(proxy->daemon->process().WaitExit(kShipWait).has_value());
      }
    }
    central_->Stop();
    ExpectCanaryAbsent("after stopping");
  }

  int64_t ReceiptCount() const {
    int64_t count = 0;
    for (const DaemonUnderTest* proxy : {proxy_.get(), failing_.get()}) {
      if (proxy != nullptr) {
        count += static_cast<int64_t>(
            QueryRows(proxy->daemon->receipts().path(), "SELECT event_id FROM receipts").size());
      }
    }
    return count;
  }

  void ExpectCanaryAbsent(const std::string& when) {
    std::vector<std::pair<std::string, std::string>> places;  // name, contents
    const auto add_file = [&places](const std::filesystem::path& path) {
      places.emplace_back(path.string(), ReadFileOrEmpty(path));
    };
    const auto add_database = [&add_file](const std::filesystem::path& path) {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        add_file(path.string() + suffix);
      }
    };
    for (const DaemonUnderTest* proxy : {proxy_.get(), failing_.get()}) {
      if (proxy == nullptr) {
        continue;
      }
      add_file(proxy->daemon->stderr_path());
      add_file(proxy->daemon->config_path());
      add_database(proxy->daemon->receipts().path());
      if (proxy->daemon->process().Running()) {
        places.emplace_back("/metrics of " + proxy->daemon->Url(""), MetricsText(*proxy->daemon));
      }
    }
    if (central_->running()) {
      add_file(central_->process().stderr_path());
      add_database(central_->process().central_db_path());
      places.emplace_back("/metrics of central", MetricsText(central_->process()));
    } else {
      add_database(central_->dir() / "central.db");
    }
    const std::vector<std::string> needles = {canary_.raw, QueryEncoded(canary_.raw),
                                              FullyEncoded(canary_.raw), canary_.core};
    bool saw_a_log = false;
    for (const auto& [name, contents] : places) {
      const std::string haystack = AsciiLower(contents);
      saw_a_log = saw_a_log || contents.find("\"msg\":\"request\"") != std::string::npos;
      for (const std::string& needle : needles) {
        const size_t at = haystack.find(AsciiLower(needle));
        EXPECT_EQ(at, std::string::npos)
            << when << ": '" << needle << "' in " << name << " near: "
            << contents.substr(at == std::string::npos ? 0 : at - std::min<size_t>(at, 200), 400);
      }
    }
    EXPECT_TRUE(saw_a_log) << when << ": no access line was checked";
  }

  // The canary did reach the upstream, so it was on the wire the proxy saw and forwarded: the
  // checks above look for something that was there to leak.
  void ExpectForwardedUntouched() {
    const std::vector<MockRequest> seen = mock().RequestsWith(kMarkerHeader, marker_);
    ASSERT_FALSE(seen.empty());
    bool in_header = false;
    bool in_query = false;
    for (const MockRequest& request : seen) {
      in_header = in_header || request.Header("x-goog-api-key") == canary_.raw ||
                  request.Header("xi-api-key") == canary_.raw;
      in_query = in_query || request.target.find(QueryEncoded(canary_.raw)) != std::string::npos;
    }
    EXPECT_TRUE(in_header);
    EXPECT_TRUE(in_query);
  }

  std::unique_ptr<CentralUnderTest> central_;
  std::string key_;
  std::unique_ptr<DaemonUnderTest> proxy_;
  std::unique_ptr<DaemonUnderTest> failing_;
  const Canary canary_ = MakeCanary();
  const std::string marker_ = UniqueToken("redaction");
  std::vector<std::pair<CostgateProcess*, std::string>> sent_;
};

TEST_F(CredentialRedactionTest, NoCredentialOfAForwardedCallIsLoggedStoredOrShipped) {
  const auto header_sets = CredentialHeaderSets(canary_.raw);
  size_t next_headers = 0;
  for (const ProviderCall& call : ProviderCalls()) {
    for (const std::string& query : CredentialQueries(canary_)) {
      const std::string target = WithQuery(call.path, query);
      const HttpResponse response = Send(daemon(), call.method, target, call.body,
                                         header_sets[next_headers++ % header_sets.size()]);
      EXPECT_EQ(response.status, 200) << target << "\n" << response.body;
    }
  }
  ExpectForwardedUntouched();
  ExpectNoCanaryAnywhere();
}

TEST_F(CredentialRedactionTest, NoCredentialOfARefusedOrFailedCallIsLoggedStoredOrShipped) {
  const std::string v = QueryEncoded(canary_.raw);
  const std::vector<std::string> all_headers = {"x-goog-api-key: " + canary_.raw,
                                                "Authorization: Bearer " + canary_.raw,
                                                "xi-api-key: " + canary_.raw};
  const std::string query = "key=" + v + "&$key=" + v + "&access_token=" + v;
  const auto reason = [](const HttpResponse& r) { return r.Header("x-costgate-reason"); };

  // Unknown route, and a shared path whose headers pick two providers.
  HttpResponse r = Send(daemon(), "GET", "/nowhere/at/all?" + query, "", all_headers);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(reason(r), "unknown_route");
  r = Send(daemon(), "GET", "/v1/models?" + query, "", all_headers);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(reason(r), "ambiguous_route");

  // Byte-level requests: malformed, head too large, body too large, a fragment in the target,
  // and a client that hangs up halfway through its body.
  const std::string target = "/gemini/v1beta/models/gemini-2.0-flash:generateContent?" + query;
  const auto raw_status = [this](const std::string& bytes) {
    RawConnection connection(daemon().port());
    EXPECT_TRUE(connection.Send(bytes));
    const std::optional<RawResponseHead> head = connection.ReadHead(kWait);
    return head ? head->status : 0;
  };
  EXPECT_EQ(raw_status(RawHead("POST", target, {all_headers[0], "Bad Header Line"}, 2) + "{}"),
            400);
  EXPECT_EQ(raw_status(RawHead("POST", target,
                               {all_headers[0], "x-filler: " + std::string(20 * 1024, 'f')}, 2) +
                       "{}"),
            431);
  EXPECT_EQ(raw_status(RawHead("POST", target, all_headers, 1024 * 1024)), 413);
  EXPECT_EQ(raw_status(RawHead("GET", "/gemini/v1beta/models?alt=json#key=" + v, all_headers, 0)),
            400);
  {
    RawConnection connection(daemon().port());
    ASSERT_TRUE(connection.Send(RawHead("POST", target, all_headers, 4096) + R"({"contents":)"));
    // Hang up once the proxy is in the exchange (it forwards the head, then waits for the body).
    EXPECT_GE(WaitForMetricAtLeast(daemon(), "costgate_requests_in_flight", 1, kWait), 1);
    connection.Close();
  }

  // A bad Vertex AI location and unreachable upstreams, on the second proxy.
  CostgateProcess& failing = StartFailingProxy();
  r = Send(failing, "POST",
           "/vertex/v1/projects/p/locations/Bad_Location/publishers/google/models/"
           "gemini-2.0-flash:generateContent?" +
               query,
           "{}", all_headers);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(reason(r), "bad_location");
  for (const ProviderCall& call : ProviderCalls()) {
    if (call.path.starts_with("/vertex/")) {
      continue;
    }
    r = Send(failing, call.method, WithQuery(call.path, query), call.body, all_headers);
    EXPECT_EQ(r.status, 502) << call.path;
    EXPECT_EQ(reason(r), "upstream_connect_failed") << call.path;
  }
  ExpectNoCanaryAnywhere();
}

}  // namespace
}  // namespace costgate::integration
