#include "central/alerts/email_message.h"

#include <array>
#include <cstdio>

#include "central/budgets/civil_date.h"

namespace costgate::central::alerts {
namespace {

constexpr std::string_view kRecipientSeparator = ", ";
// Bytes of UTF-8 per encoded word: 45 bytes are 60 base64 characters, and with "=?UTF-8?B?" and
// "?=" the word stays within RFC 2047's 75.
constexpr size_t kWordBytes = 45;

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i]) << 16 |
                                         static_cast<unsigned char>(bytes[i + 1]) << 8 |
                                         static_cast<unsigned char>(bytes[i + 2]));
    for (int shift = 18; shift >= 0; shift -= 6) {
      out += kAlphabet[(n >> shift) & 63];
    }
  }
  if (const size_t rest = bytes.size() - i; rest > 0) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i]) << 16);
    if (rest == 2) {
      n |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1]) << 8);
    }
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool PrintableAscii(std::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c > 0x7e) {
      return false;
    }
  }
  return true;
}

// Where a chunk of at most `max` bytes may end without cutting a UTF-8 sequence.
size_t Utf8Cut(std::string_view text, size_t max) {
  if (text.size() <= max) {
    return text.size();
  }
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) {
    --cut;
  }
  return cut == 0 ? max : cut;
}

// Line breaks become CRLF whatever they were; a lone CR too.
std::string CrlfLines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      out += "\r\n";
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) {
    out += "\r\n";
  }
  return out;
}

std::string_view DomainOf(std::string_view address) {
  const size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view("localhost") : address.substr(at + 1);
}

}  // namespace

std::vector<std::string> SplitRecipients(std::string_view target) {
  std::vector<std::string> addresses;
  while (!target.empty()) {
    const size_t end = target.find(kRecipientSeparator);
    addresses.emplace_back(target.substr(0, end));
    target = end == std::string_view::npos ? std::string_view()
                                           : target.substr(end + kRecipientSeparator.size());
  }
  return addresses;
}

std::string JoinRecipients(std::span<const std::string> addresses) {
  std::string text;
  for (const std::string& address : addresses) {
    text += (text.empty() ? "" : std::string(kRecipientSeparator)) + address;
  }
  return text;
}

std::string EmailDate(int64_t unix_ms) {
  static constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t seconds = budgets::FloorDiv(unix_ms, 1000);
  const int64_t days = budgets::FloorDiv(seconds, 86'400);
  const int64_t in_day = budgets::FloorMod(seconds, 86'400);
  const budgets::CivilDate date = budgets::CivilFromDays(days);
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %02d %s %04lld %02d:%02d:%02d +0000",
                kDays[static_cast<size_t>(budgets::WeekdayFromDays(days))], date.day,
                kMonths[static_cast<size_t>(date.month - 1)], static_cast<long long>(date.year),
                static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60));
  return buffer.data();
}

std::string EncodeSubject(std::string_view subject) {
  if (PrintableAscii(subject)) {
    return std::string(subject);
  }
  std::string out;
  while (!subject.empty()) {
    const size_t cut = Utf8Cut(subject, kWordBytes);
    // Folded: each encoded word on a line of its own, continued by the leading space.
    out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") +
           Base64(subject.substr(0, cut)) + "?=";
    subject.remove_prefix(cut);
  }
  return out;
}

std::string EmailMessage(const EmailEnvelope& envelope, std::string_view subject,
                         std::string_view text) {
  std::string message;
  message += "Date: " + EmailDate(envelope.date_unix_ms) + "\r\n";
  message += "From: " + envelope.from + "\r\n";
  message += "To: " + JoinRecipients(envelope.to) + "\r\n";
  message += "Subject: " + EncodeSubject(subject) + "\r\n";
  message += "Message-ID: <costgate." + envelope.message_key + "@" +
             std::string(DomainOf(envelope.from)) + ">\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: 8bit\r\n";
  message += "Auto-Submitted: auto-generated\r\n";
  message += "\r\n";
  message += CrlfLines(text);
  return message;
}

}  // namespace costgate::central::alerts
