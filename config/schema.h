// The settings a config file may contain, each with the rule that reads its text.
//
// The YAML reader walks these tables, and the environment overrides address the same settings by
// path, so a setting has one parser whichever source its value comes from.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "config/config.h"
#include "config/scalars.h"

namespace costgate::config {

// What is wrong with a value; nullopt when it was accepted and stored.
using Problem = std::optional<std::string>;

// What a setting's rule does with a parsed value: stores it in `field`, or returns its error.
template <typename Field, typename Value>
Problem Store(Parsed<Value> parsed, Field& field) {
  if (!parsed.value) {
    return std::move(parsed.error);
  }
  field = static_cast<Field>(*std::move(parsed.value));
  return std::nullopt;
}

// Free text, stored as it is.
inline Problem StoreText(std::string_view text, std::string& field) {
  field = text;
  return std::nullopt;
}

template <typename Target>
struct Setting {
  std::string_view key;  // YAML key inside its section: "port"
  Problem (*set)(std::string_view text, Target& target);
};

struct Section {
  std::string_view key;  // YAML key: "listen" (top level), "refresh" (inside "pricing")
  std::span<const Setting<Config>> settings;
  std::span<const Section> sections = {};  // nested sections: "pricing.refresh"
};

// "a, b, c": the settings and nested sections of a section, for "unknown key" messages.
std::string SectionKeyList(const Section& section);

// The top-level sections made of plain settings (and nested sections), in file order. "upstreams"
// is not among them: it is a map keyed by provider name, each value made of UpstreamSettings().
std::span<const Section> Sections();
inline constexpr std::string_view kUpstreamsKey = "upstreams";
// The settings of one provider's upstream: the same for all, plus "regional" for the providers
// with regional hosts (Vertex AI).
std::span<const Setting<UpstreamConfig>> UpstreamSettings(std::string_view provider);

// The upstream configured under a provider name, or nullptr.
UpstreamConfig* FindUpstream(Config& config, std::string_view name);

// Sets the setting at a dotted path ("listen.port", "pricing.refresh.url",
// "upstreams.gemini.url") from text.
Problem SetByPath(Config& config, std::string_view path, std::string_view text);

// "a, b, c": the keys of a table, for "unknown key" messages.
template <typename Entry>
std::string KeyList(std::span<const Entry> entries) {
  std::string list;
  for (const Entry& entry : entries) {
    list += list.empty() ? "" : ", ";
    list += entry.key;
  }
  return list;
}

template <typename Entry>
const Entry* FindKey(std::span<const Entry> entries, std::string_view key) {
  for (const Entry& entry : entries) {
    if (entry.key == key) {
      return &entry;
    }
  }
  return nullptr;
}

}  // namespace costgate::config
