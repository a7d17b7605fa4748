#include "filters/gemini/routes.h"

#include <string>
#include <vector>

#include "base/hex.h"
#include "filters/gemini/model_families.h"
#include "filters/route/path_segments.h"

namespace costgate::filters::gemini {
namespace {

constexpr std::array<std::string_view, 4> kVersions = {"v1", "v1beta", "v1alpha", "v1beta1"};

bool IsVersion(std::string_view segment) noexcept {
  for (const auto version : kVersions) {
    if (segment == version) {
      return true;
    }
  }
  return false;
}

bool HasQueryParameter(std::string_view query, std::string_view name,
                       std::string_view value = {}) noexcept {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    const size_t eq = param.find('=');
    const std::string_view param_name = param.substr(0, eq);
    const std::string_view param_value =
        eq == std::string_view::npos ? std::string_view{} : param.substr(eq + 1);
    if (param_name == name && (value.empty() || param_value == value)) {
      return true;
    }
    if (amp == std::string_view::npos) {
      break;
    }
    query.remove_prefix(amp + 1);
  }
  return false;
}

// A malformed escape is kept as it is: the name is for receipts, and the upstream decides.
std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int high = base::HexValue(s[i + 1]);
      const int low = base::HexValue(s[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string JoinOperation(std::string_view head, const std::vector<std::string_view>& segments,
                          size_t from) {
  std::string name(head);
  for (size_t i = from; i < segments.size(); ++i) {
    name.push_back('.');
    name.append(segments[i]);
  }
  return name;
}

// Collections whose items are models a method can be called on.
bool IsModelCollection(std::string_view collection) noexcept {
  return collection == "models" || collection == "tunedModels" || collection == "endpoints";
}

std::string ModelName(std::string_view collection, std::string_view id) {
  std::string decoded = PercentDecode(id);
  const std::string qualifier = collection == "models" ? "" : std::string(collection) + "/";
  constexpr std::string_view kModelsPrefix = "models/";
  if (std::string_view(decoded).starts_with(kModelsPrefix)) {
    decoded.erase(0, kModelsPrefix.size());
  }
  if (!qualifier.empty() && !std::string_view(decoded).starts_with(qualifier)) {
    decoded.insert(0, qualifier);
  }
  return decoded;
}

// REST verbs of Google's resource-oriented design, for paths without a custom method.
std::string_view StandardVerb(std::string_view method, bool names_one_item) noexcept {
  if (method == "GET") {
    return names_one_item ? "get" : "list";
  }
  if (method == "POST") {
    return "create";
  }
  if (method == "PATCH") {
    return "update";
  }
  if (method == "DELETE") {
    return "delete";
  }
  return "other";
}

void ClassifyModelMethod(std::string_view model_method, Operation& op) {
  op.name = std::string(model_method);
  if (model_method == "generateContent" || model_method == "streamGenerateContent" ||
      model_method == "embedContent" || model_method == "batchEmbedContents") {
    op.metering = Metering::kMetered;
  } else if (model_method == "predict") {
    // Only the families whose answer says what Google bills; other models (tuned endpoints,
    // third-party publishers) stay unmetered.
    if (IsEmbeddingModel(op.model) || IsImagenModel(op.model)) {
      op.metering = Metering::kMetered;
    }
  } else if (model_method == "predictLongRunning") {
    if (IsVeoModel(op.model)) {
      op.metering = Metering::kMetered;
    }
  } else if (model_method == "countTokens" || model_method == "computeTokens") {
    op.metering = Metering::kFree;
  } else if (model_method == "fetchPredictOperation") {
    op.metering = Metering::kPassThrough;  // polling a Veo operation billed at its start
  }
}

Metering OpenAiMetering(std::string_view name) noexcept {
  return name == "openai.chat.completions" || name == "openai.embeddings" ? Metering::kMetered
                                                                          : Metering::kUnmetered;
}

// Operations on resources that are not models ("<collection>.<verb>").
Metering ResourceMetering(std::string_view collection, std::string_view verb) noexcept {
  if (collection == "cachedContents") {
    // Creation bills the cached tokens as input. Reading, listing, updating the TTL and
    // deleting are free; the storage fee per token-hour is not visible on the wire.
    return verb == "create" ? Metering::kMetered : Metering::kPassThrough;
  }
  if (collection == "files") {
    return Metering::kPassThrough;  // uploads, reads and deletes of files are free
  }
  if (collection == "operations" && (verb == "get" || verb == "list")) {
    return Metering::kPassThrough;  // long-running operation polls
  }
  if (collection == "batches" && (verb == "get" || verb == "list")) {
    return Metering::kPassThrough;  // batch job polls (results are billed at creation)
  }
  return Metering::kUnmetered;
}

}  // namespace

bool ClaimsRequest(const RequestHead& request) noexcept {
  return request.headers.Contains("x-goog-api-key") || HasQueryParameter(request.Query(), "key") ||
         !request.headers.Contains("xi-api-key");
}

Operation Classify(std::string_view method, std::string_view path, std::string_view query) {
  Operation op;
  op.stream_sse = HasQueryParameter(query, "alt", "sse");
  std::vector<std::string_view> segments = SplitPathSegments(path);

  // Resumable uploads go to /upload/{ver}/files; the rest of the path is the usual one.
  const bool upload = !segments.empty() && segments.front() == "upload";
  const size_t version_index = upload ? 1 : 0;
  if (segments.size() <= version_index + 1 || !IsVersion(segments[version_index])) {
    op.name = "unknown";
    return op;
  }
  segments.erase(segments.begin(), segments.begin() + static_cast<long>(version_index) + 1);
  // Vertex AI resource paths (regional/global projects/..., express mode publishers/...) are
  // billed at Vertex AI prices.
  if (segments.front() == "projects" || segments.front() == "publishers") {
    op.price_family = "vertex";
  }

  // OpenAI-compatible endpoints: Gemini API /{ver}/openai/..., Vertex .../endpoints/openapi/...
  if (segments.front() == "openai") {
    op.name = JoinOperation("openai", segments, 1);
    op.metering = OpenAiMetering(op.name);
    return op;
  }
  for (size_t i = 0; i + 1 < segments.size(); ++i) {
    if (segments[i] == "endpoints" && segments[i + 1] == "openapi") {
      op.name = JoinOperation("openai", segments, i + 2);
      op.metering = OpenAiMetering(op.name);
      return op;
    }
  }

  // Google resource names alternate collection/id; a custom method follows the last one (':').
  std::string_view custom_method;
  std::string_view& last = segments.back();
  if (const size_t colon = last.find(':'); colon != std::string_view::npos) {
    custom_method = last.substr(colon + 1);
    last = last.substr(0, colon);
  }
  const bool names_one_item = segments.size() % 2 == 0;
  const std::string_view collection =
      segments[names_one_item ? segments.size() - 2 : segments.size() - 1];

  if (names_one_item && IsModelCollection(collection)) {
    op.model = ModelName(collection, segments.back());
  }
  if (!custom_method.empty()) {
    if (names_one_item && IsModelCollection(collection)) {
      ClassifyModelMethod(custom_method, op);
    } else {
      op.name = std::string(collection) + "." + std::string(custom_method);
      op.metering = ResourceMetering(collection, custom_method);
    }
    return op;
  }
  if (upload) {
    op.name = std::string(collection) + ".upload";
    op.metering = ResourceMetering(collection, "upload");
    return op;
  }
  if (method == "GET" && (collection == "models" || collection == "tunedModels")) {
    op.name = names_one_item ? "getModel" : "listModels";
    op.metering = Metering::kPassThrough;
    return op;
  }
  const std::string_view verb = StandardVerb(method, names_one_item);
  op.name = std::string(collection) + "." + std::string(verb);
  op.metering = ResourceMetering(collection, verb);
  return op;
}

}  // namespace costgate::filters::gemini
