#include "pricing/price_key.h"

#include <array>
#include <span>

namespace costgate::pricing {
namespace {

constexpr std::array<std::string_view, 3> kGeminiPrefixes = {"gemini/", "", "vertex_ai/"};
constexpr std::array<std::string_view, 3> kVertexPrefixes = {"vertex_ai/", "", "gemini/"};
constexpr std::array<std::string_view, 1> kElevenLabsPrefixes = {"elevenlabs/"};
constexpr std::array<std::string_view, 3> kCloudTtsPrefixes = {"google-tts/", "vertex_ai/", ""};

bool AllDigits(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

// Removes one version suffix (rule 3); false when there is none left.
bool StripVersionSuffix(std::string_view& name) {
  if (const size_t at = name.rfind('@'); at != std::string_view::npos && at > 0) {
    name = name.substr(0, at);
    return true;
  }
  const size_t dash = name.rfind('-');
  if (dash == std::string_view::npos || dash == 0) {
    return false;
  }
  const std::string_view last = name.substr(dash + 1);
  if ((last.size() >= 2 && AllDigits(last)) || last == "preview" || last == "exp" ||
      last == "latest") {
    name = name.substr(0, dash);
    return true;
  }
  return false;
}

// Calls `try_key(key, pass)` for each candidate in order until it returns true: per name and
// version stem, every prefix in Pass::kOwnList, then every prefix again in Pass::kAnyList.
enum class Pass { kOwnList, kAnyList };

template <typename TryKey>
void ForEachCandidate(const PriceSubject& subject, std::string& buffer, TryKey&& try_key) {
  std::string provider_prefix;
  std::array<std::string_view, 2> other_prefixes;
  std::span<const std::string_view> prefixes;
  if (subject.provider == "gemini") {
    prefixes = kGeminiPrefixes;
  } else if (subject.provider == "vertex") {
    prefixes = kVertexPrefixes;
  } else if (subject.provider == "elevenlabs") {
    prefixes = kElevenLabsPrefixes;
  } else if (subject.provider == "google-tts") {
    prefixes = kCloudTtsPrefixes;
  } else {
    provider_prefix = std::string(subject.provider) + "/";
    other_prefixes = {provider_prefix, ""};
    prefixes = other_prefixes;
  }
  const std::array<std::string_view, 2> names = {subject.model_version, subject.model_requested};
  for (size_t n = 0; n < names.size(); ++n) {
    std::string_view stem = PricedModelName(names[n]);
    if (stem.empty() || (n == 1 && stem == PricedModelName(names[0]))) {
      continue;
    }
    do {
      // The same model in another provider's list is a closer price than a shorter version in
      // the provider's own (Gemini API and Vertex AI list most models alike; versions differ).
      for (Pass pass : {Pass::kOwnList, Pass::kAnyList}) {
        for (std::string_view prefix : prefixes) {
          buffer.assign(prefix);
          buffer.append(stem);
          if (try_key(std::string_view(buffer), pass)) {
            return;
          }
        }
      }
    } while (StripVersionSuffix(stem));
  }
}

}  // namespace

std::string_view PricedModelName(std::string_view name) noexcept {
  constexpr std::string_view kModels = "models/";
  const size_t at = name.rfind(kModels);
  if (at != std::string_view::npos) {
    name.remove_prefix(at + kModels.size());
  }
  return name;
}

bool RowBelongsTo(const PriceRow& row, std::string_view provider) noexcept {
  const std::string_view list = row.provider;
  if (list.empty()) {
    return true;
  }
  const bool vertex_list = list.starts_with("vertex_ai");
  if (provider == "vertex") {
    return vertex_list || list == "vertex";
  }
  if (provider == "google-tts") {
    return vertex_list || list == "google-tts";
  }
  return list == provider;
}

ResolvedKey ResolvePriceKey(const PriceBook& book, const PriceSubject& subject, int64_t at_ms) {
  // Reused across calls on this thread: resolving allocates nothing once warm.
  thread_local std::string buffer;
  ResolvedKey out;
  ForEachCandidate(subject, buffer, [&](std::string_view key, Pass pass) {
    const PriceRow* row = book.Find(key, at_ms);
    if (row == nullptr || (pass == Pass::kOwnList && !RowBelongsTo(*row, subject.provider))) {
      return false;
    }
    out.row = row;
    out.key.assign(key);
    return true;
  });
  return out;
}

ResolvedKey ResolvePriceKey(const PriceBook& book, const PriceSubject& subject, const Units& units,
                            int64_t at_ms) {
  ResolvedKey resolved = ResolvePriceKey(book, subject, at_ms);
  if (resolved.row == nullptr && subject.provider == "elevenlabs" && units.entries().size() == 1 &&
      units.Get(kUnitCredits).has_value()) {
    if (const PriceRow* plan = book.ElevenLabsPlanRow(at_ms)) {
      resolved = {plan, book.elevenlabs_plan_key()};
    }
  }
  return resolved;
}

std::vector<std::string> PriceKeyCandidates(const PriceSubject& subject) {
  std::string buffer;
  std::vector<std::string> keys;
  ForEachCandidate(subject, buffer, [&](std::string_view key, Pass pass) {
    // Each key once: the second pass tries the same keys for any provider's row.
    if (pass == Pass::kOwnList) {
      keys.emplace_back(key);
    }
    return false;
  });
  return keys;
}

}  // namespace costgate::pricing
