// An alert as an email: headers, CRLF lines, a subject encoded when it is not ASCII.
#include "central/alerts/email_message.h"

#include <gtest/gtest.h>

namespace costgate::central::alerts {
namespace {

TEST(EmailMessage, HeadersThenTheTextWithCrlfLines) {
  EmailEnvelope envelope;
  envelope.from = "costgate@example.com";
  envelope.to = {"a@example.com", "b@example.org"};
  envelope.date_unix_ms = 1'797'000'000'000;
  envelope.message_key = "alert-12.delivery-3";
  EXPECT_EQ(EmailMessage(envelope, "Budget \"x\" reached 80%", "First.\n\nSecond.\n"),
            "Date: Fri, 11 Dec 2026 14:40:00 +0000\r\n"
            "From: costgate@example.com\r\n"
            "To: a@example.com, b@example.org\r\n"
            "Subject: Budget \"x\" reached 80%\r\n"
            "Message-ID: <costgate.alert-12.delivery-3@example.com>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "\r\n"
            "First.\r\n\r\nSecond.\r\n");
}

TEST(EncodeSubject, NonAsciiBecomesFoldedEncodedWordsCutBetweenCharacters) {
  // Python: base64 of the UTF-8 in pieces of at most 45 bytes, cut between characters.
  EXPECT_EQ(EncodeSubject("Budget \"\xc3\x89quipe vid\xc3\xa9o\" reached 80%: $12.34 of $15.00 "
                          "(monthly, 2026-12)"),
            "=?UTF-8?B?QnVkZ2V0ICLDiXF1aXBlIHZpZMOpbyIgcmVhY2hlZCA4MCU6ICQxMi4zNCBv?=\r\n"
            " =?UTF-8?B?ZiAkMTUuMDAgKG1vbnRobHksIDIwMjYtMTIp?=");
}

TEST(EncodeSubject, ALineBreakCannotStartAHeader) {
  const std::string encoded = EncodeSubject("x\r\nBcc: someone@example.com");
  EXPECT_EQ(encoded.find("Bcc"), std::string::npos);
  EXPECT_TRUE(encoded.starts_with("=?UTF-8?B?"));
}

TEST(Recipients, SplitAndJoinRoundTrip) {
  const std::vector<std::string> addresses = {"a@example.com", "b@example.org"};
  EXPECT_EQ(JoinRecipients(addresses), "a@example.com, b@example.org");
  EXPECT_EQ(SplitRecipients("a@example.com, b@example.org"), addresses);
  EXPECT_EQ(SplitRecipients("a@example.com"), std::vector<std::string>{"a@example.com"});
}

TEST(EmailDate, IsRfc5322InUtc) { EXPECT_EQ(EmailDate(0), "Thu, 01 Jan 1970 00:00:00 +0000"); }

}  // namespace
}  // namespace costgate::central::alerts
