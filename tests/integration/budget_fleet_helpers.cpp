#include "tests/integration/budget_fleet_helpers.h"

#include <gtest/gtest.h>

#include <thread>

#include "tests/integration/json_helpers.h"

namespace costgate::integration {

FleetCentral::FleetCentral(int64_t lease_ttl_ms, uint16_t port)
    : central_(std::make_unique<CentralUnderTest>(
          port, "  budget_lease_ttl_ms: " + std::to_string(lease_ttl_ms) + "\n")) {
  ship_key_ = central_->CreateKey(UniqueToken("fleet-ship"), std::string(kFleetSourceApp),
                                  "ship,preflight");
  admin_key_ = central_->CreateKey(UniqueToken("fleet-admin"), "", "admin");
}

HttpResponse FleetCentral::Admin(const std::string& method, const std::string& path,
                                 const std::string& body) const {
  HttpRequest request;
  request.method = method;
  request.url = central_->Url("/admin/v1" + path);
  request.headers = {"X-API-Key: " + admin_key_, "Content-Type: application/json"};
  if (!body.empty()) {
    request.body = body;
  }
  return Http(request);
}

std::string FleetCentral::CreateBudget(const std::string& json) const {
  const HttpResponse created = Admin("POST", "/budgets", json);
  EXPECT_EQ(created.status, 201) << created.body;
  return JsonString(created.body, "/id").value_or("");
}

void FleetCentral::ChangeBudget(const std::string& id, const std::string& json) const {
  const HttpResponse changed = Admin("PATCH", "/budgets/" + id, json);
  EXPECT_EQ(changed.status, 200) << changed.body;
}

int64_t FleetCentral::SpentPico(const std::string& id) const {
  const HttpResponse shown = Admin("GET", "/budgets/" + id);
  return JsonInt(shown.body, "/spend/spent_pico_usd").value_or(-1);
}

DaemonSettings FleetProxySettings(const FleetCentral& central, const FleetProxyOptions& options) {
  DaemonSettings settings = MockUpstreamSettings();
  settings.labels = {{"source_app", std::string(kFleetSourceApp)}};
  settings.extra_yaml = ShipperYaml(central.Url(), central.ship_key(), 500) +
                        "preflight:\n  mode: " + options.mode +
                        "\n  fail_closed: " + (options.fail_closed ? "true" : "false") +
                        "\n  timeout_ms: " + std::to_string(options.timeout_ms) + "\n";
  if (!options.holder_id.empty()) {
    settings.extra_yaml += "  holder_id: \"" + options.holder_id + "\"\n";
  }
  return settings;
}

namespace {

HttpRequest FleetPost(const CostgateProcess& proxy, std::string_view path, std::string body,
                      std::string_view marker, std::vector<std::string> headers) {
  HttpRequest request;
  request.method = "POST";
  request.url = proxy.Url(path);
  request.headers = std::move(headers);
  request.headers.push_back("Content-Type: application/json");
  request.headers.push_back(std::string(kMarkerHeader) + ": " + std::string(marker));
  request.body = std::move(body);
  return request;
}

}  // namespace

HttpRequest FleetGenerateRequest(const CostgateProcess& proxy, size_t text_bytes,
                                 std::optional<int64_t> max_output_tokens, int64_t prompt_tokens,
                                 int64_t output_tokens, std::string_view marker) {
  std::string body = R"({"contents":[{"role":"user","parts":[{"text":")" +
                     std::string(text_bytes, 'w') + R"("}]}])";
  if (max_output_tokens) {
    body += R"(,"generationConfig":{"maxOutputTokens":)" + std::to_string(*max_output_tokens) + "}";
  }
  body += "}";
  return FleetPost(
      proxy, "/v1beta/models/gemini-2.0-flash-001:generateContent", std::move(body), marker,
      {"x-goog-api-key: fleet-key", "x-mock-usage: prompt=" + std::to_string(prompt_tokens) +
                                        ",output=" + std::to_string(output_tokens)});
}

HttpRequest FleetCloudTtsRequest(const CostgateProcess& proxy, size_t characters,
                                 std::string_view marker) {
  return FleetPost(proxy, "/v1/text:synthesize",
                   R"({"input":{"text":")" + std::string(characters, 't') +
                       R"("},"voice":{"languageCode":"en-US","name":"en-US-Standard-C"},)"
                       R"("audioConfig":{"audioEncoding":"MP3"}})",
                   marker, {"x-goog-api-key: fleet-key"});
}

HttpRequest FleetElevenLabsRequest(const CostgateProcess& proxy, size_t characters,
                                   std::string_view marker) {
  return FleetPost(
      proxy, "/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb",
      R"({"text":")" + std::string(characters, 'e') + R"(","model_id":"eleven_multilingual_v2"})",
      marker, {"xi-api-key: fleet-key"});
}

std::optional<ReceiptRow> FleetReceipt(const CostgateProcess& proxy, const HttpResponse& response) {
  const std::optional<std::string> event_id = response.Header("x-costgate-event-id");
  if (!event_id) {
    ADD_FAILURE() << "no x-costgate-event-id: " << response.status << " " << response.body;
    return std::nullopt;
  }
  return proxy.receipts().WaitForReceipt(*event_id, kFleetWait);
}

bool FleetPollUntil(const std::function<bool()>& probe, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!probe()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return probe();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace costgate::integration
