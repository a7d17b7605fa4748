#include "filters/local_reply.h"

#include "base/json_text.h"
#include "filters/gemini/errors.h"
#include "filters/rpc_status.h"

namespace costgate::filters {

using base::AppendJsonInt;
using base::AppendJsonString;

namespace {

// ElevenLabs' error shape (PROVIDERS.md B3): {"detail":{"status":..., "message":...}}, which its
// SDKs surface as the error's body.
std::string ElevenLabsErrorBody(std::string_view reason, std::string_view message) {
  std::string out = R"({"detail":{"status":)";
  AppendJsonString(out, reason);
  out.append(R"(,"message":)");
  AppendJsonString(out, message);
  out.append("}}");
  return out;
}

// Google's APIs (Gemini, Vertex AI, Cloud TTS) share one error shape: google.rpc.Status.
std::string ErrorBodyFor(std::string_view provider, int status, std::string_view reason,
                         std::string_view message) {
  if (provider == "gemini" || provider == "vertex" || provider == "google-tts") {
    return gemini::ErrorBody(status, reason, message);
  }
  if (provider == "elevenlabs") {
    return ElevenLabsErrorBody(reason, message);
  }
  return GenericErrorBody(status, reason, message);
}

}  // namespace

std::string GenericErrorBody(int status, std::string_view reason, std::string_view message,
                             std::string_view extra_members) {
  std::string out = R"({"error":{"code":)";
  AppendJsonInt(out, status);
  out.append(R"(,"status":)");
  AppendJsonString(out, RpcStatusName(status));
  out.append(R"(,"message":)");
  AppendJsonString(out, message);
  out.append(R"(,"reason":)");
  AppendJsonString(out, reason);
  if (!extra_members.empty()) {
    out.push_back(',');
    out.append(extra_members);
  }
  out.append("}}");
  return out;
}

void SetErrorReply(Exchange& x, int status, std::string_view reason, std::string_view message) {
  x.reply.status = status;
  x.reply.reason = std::string(reason);
  x.reply.body = ErrorBodyFor(x.provider, status, reason, message);
  x.reply.headers.clear();
  x.reply.headers.Add("content-type", "application/json");
  x.reply.headers.Add("x-costgate-reason", std::string(reason));
}

}  // namespace costgate::filters
