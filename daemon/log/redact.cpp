#include "daemon/log/redact.h"

#include <algorithm>
#include <array>
#include <optional>

#include "base/hex.h"

namespace costgate::daemon::log {
namespace {

// Decoded and lowercased. Only parameters that select a format, a page size or an audio option:
// free text (search, filter), opaque tokens (pageToken, upload_id: an upload session is a
// capability) and anything not listed are redacted. Google's system parameters also take a '$'
// prefix ($alt, $fields), so those are listed in both spellings.
constexpr std::array<std::string_view, 32> kLoggableNames = {
    // Google APIs (Gemini API, Vertex AI, Cloud TTS): system parameters and paging.
    "alt", "$alt", "$.xgafv", "prettyprint", "$prettyprint", "fields", "$fields", "uploadtype",
    "upload_type", "upload_protocol", "$upload_protocol", "pagesize", "page_size", "updatemask",
    "update_mask", "languagecode", "language_code",
    // ElevenLabs: generation options on text-to-speech, speech-to-speech and their streams, and
    // list options on voices, history and models.
    "output_format", "enable_logging", "optimize_streaming_latency", "model_id",
    "enable_ssml_parsing", "inactivity_timeout", "sync_alignment", "auto_mode",
    "apply_text_normalization", "show_legacy", "include_total_count", "sort", "sort_direction",
    "voice_type", "category"};

// Long enough for any allow-listed name or value; a longer one is not a format switch.
constexpr size_t kMaxShownBytes = 64;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The query name as a server reads it: percent-decoded, '+' as a space (form encoding), ASCII
// lowercased. nullopt once it passes kMaxShownBytes: no allow-listed name is that long.
std::optional<std::string> DecodedName(std::string_view raw) {
  std::string decoded;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (decoded.size() >= kMaxShownBytes) {
      return std::nullopt;
    }
    char c = raw[i];
    if (c == '%' && i + 2 < raw.size() && base::HexValue(raw[i + 1]) >= 0 &&
        base::HexValue(raw[i + 2]) >= 0) {
      c = static_cast<char>(base::HexValue(raw[i + 1]) * 16 + base::HexValue(raw[i + 2]));
      i += 2;
    } else if (c == '+') {
      c = ' ';
    }
    decoded += Lower(c);
  }
  return decoded;
}

// A name that can be shown next to a redacted value: it reads like a parameter name, so it is
// not a secret or a second parameter smuggled in with an encoded '=' or '&'.
bool LooksLikeName(std::string_view decoded) {
  return !decoded.empty() && std::all_of(decoded.begin(), decoded.end(), [](char c) {
    return IsAlnum(c) || c == '-' || c == '_' || c == '.' || c == '$';
  });
}

// A value shown as sent: an enumeration, a number, a language code or a field mask. Encoded
// bytes are not shown, so no value can carry a nested "&key=..." in escaped form.
bool IsPlainValue(std::string_view value) {
  return value.size() <= kMaxShownBytes && std::all_of(value.begin(), value.end(), [](char c) {
           return IsAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == ',' ||
                  c == ':' || c == '*' || c == '(' || c == ')';
         });
}

bool IsListed(std::string_view decoded) {
  return std::find(kLoggableNames.begin(), kLoggableNames.end(), decoded) != kLoggableNames.end();
}

void AppendParameter(std::string& out, std::string_view param) {
  if (param.empty()) {
    return;
  }
  const size_t eq = param.find('=');
  const std::string_view raw_name = param.substr(0, eq);
  const std::optional<std::string> name = DecodedName(raw_name);
  // Without '=' the whole parameter may be a bare secret; only a listed name is shown.
  if (!name || !LooksLikeName(*name) || (eq == std::string_view::npos && !IsListed(*name))) {
    out.append(kRedacted);
    return;
  }
  out.append(raw_name);
  if (eq == std::string_view::npos) {
    return;
  }
  out += '=';
  const std::string_view value = param.substr(eq + 1);
  out.append(IsListed(*name) && IsPlainValue(value) ? value : kRedacted);
}

// Appends `head` (the target before its query and fragment) with the userinfo of an
// absolute-form or authority-form target replaced: browsers and some clients send Basic
// credentials as "scheme://user:password@host".
void AppendWithoutUserinfo(std::string& out, std::string_view head) {
  if (head.starts_with('/')) {
    out.append(head);
    return;
  }
  const size_t scheme_end = head.find("://");
  const size_t authority_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const size_t authority_end = std::min(head.find('/', authority_start), head.size());
  const size_t at = head.substr(0, authority_end).rfind('@');
  if (at == std::string_view::npos || at < authority_start) {
    out.append(head);
    return;
  }
  out.append(head.substr(0, authority_start));
  out.append(kRedacted);
  out.append(head.substr(at));
}

}  // namespace

bool IsLoggableQueryName(std::string_view name) {
  const std::optional<std::string> decoded = DecodedName(name);
  return decoded && IsListed(*decoded);
}

std::string RedactTarget(std::string_view target) {
  const size_t fragment = std::min(target.find('#'), target.size());
  const std::string_view before_fragment = target.substr(0, fragment);
  const size_t query_start = std::min(before_fragment.find('?'), before_fragment.size());
  std::string out;
  out.reserve(target.size());
  AppendWithoutUserinfo(out, before_fragment.substr(0, query_start));
  if (query_start < before_fragment.size()) {
    out += '?';
    std::string_view query = before_fragment.substr(query_start + 1);
    while (true) {
      const size_t amp = query.find('&');
      AppendParameter(out, query.substr(0, amp));
      if (amp == std::string_view::npos) {
        break;
      }
      out += '&';
      query.remove_prefix(amp + 1);
    }
  }
  if (fragment < target.size()) {
    out += '#';
    if (fragment + 1 < target.size()) {
      out.append(kRedacted);
    }
  }
  return out;
}

std::string LoggableUrl(std::string_view url) {
  std::string out;
  AppendWithoutUserinfo(out, url.substr(0, url.find_first_of("?#")));
  return out;
}

}  // namespace costgate::daemon::log
