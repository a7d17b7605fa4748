#include "filters/local_reply.h"

#include <gtest/gtest.h>

namespace costgate::filters {
namespace {

TEST(SetErrorReplyTest, UnroutedRequestGetsTheGenericShape) {
  Exchange x;
  SetErrorReply(x, 404, "unknown_route", "costgate: no route for POST /foo");
  EXPECT_EQ(x.reply.status, 404);
  EXPECT_EQ(x.reply.reason, "unknown_route");
  EXPECT_EQ(x.reply.body,
            R"({"error":{"code":404,"status":"NOT_FOUND","message":"costgate: no route for )"
            R"(POST /foo","reason":"unknown_route"}})");
}

TEST(SetErrorReplyTest, GeminiRequestGetsTheGeminiShape) {
  Exchange x;
  x.provider = "gemini";
  SetErrorReply(x, 504, "upstream_timeout", "costgate: no response");
  EXPECT_EQ(x.reply.body,
            R"({"error":{"code":504,"message":"costgate: no response","status":)"
            R"("DEADLINE_EXCEEDED","details":[{"@type":"type.googleapis.com/google.rpc.)"
            R"(ErrorInfo","reason":"UPSTREAM_TIMEOUT","domain":"costgate"}]}})");
}

TEST(SetErrorReplyTest, VertexAndCloudTtsRequestsGetGooglesShape) {
  for (const std::string provider : {"vertex", "google-tts"}) {
    Exchange x;
    x.provider = provider;
    SetErrorReply(x, 400, "bad_location", "m");
    EXPECT_EQ(x.reply.body,
              R"({"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT","details":[{"@)"
              R"(type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"BAD_LOCATION",)"
              R"("domain":"costgate"}]}})")
        << provider;
  }
}

TEST(SetErrorReplyTest, ElevenLabsRequestGetsItsDetailShape) {
  Exchange x;
  x.provider = "elevenlabs";
  SetErrorReply(x, 503, "outbox_unavailable", "costgate: \"full\"");
  EXPECT_EQ(x.reply.body,
            R"({"detail":{"status":"outbox_unavailable","message":"costgate: \"full\""}})");
}

TEST(SetErrorReplyTest, UnknownProviderGetsTheGenericShape) {
  Exchange x;
  x.provider = "someday";
  SetErrorReply(x, 502, "upstream_connect_failed", "m");
  EXPECT_EQ(x.reply.body, R"({"error":{"code":502,"status":"UNAVAILABLE","message":"m",)"
                          R"("reason":"upstream_connect_failed"}})");
}

TEST(SetErrorReplyTest, SetsReasonAndContentTypeHeaders) {
  Exchange x;
  x.provider = "gemini";
  SetErrorReply(x, 413, "request_body_too_large", "m");
  ASSERT_NE(x.reply.headers.Find("x-costgate-reason"), nullptr);
  EXPECT_EQ(*x.reply.headers.Find("x-costgate-reason"), "request_body_too_large");
  ASSERT_NE(x.reply.headers.Find("content-type"), nullptr);
  EXPECT_EQ(*x.reply.headers.Find("content-type"), "application/json");
}

TEST(SetErrorReplyTest, ReplacesAnEarlierReply) {
  Exchange x;
  SetErrorReply(x, 400, "first", "m");
  SetErrorReply(x, 431, "request_headers_too_large", "m");
  EXPECT_EQ(x.reply.status, 431);
  EXPECT_EQ(x.reply.headers.size(), 2u);
  EXPECT_EQ(*x.reply.headers.Find("x-costgate-reason"), "request_headers_too_large");
}

TEST(GenericErrorBodyTest, InsertsExtraMembersAfterReason) {
  EXPECT_EQ(GenericErrorBody(404, "unknown_route", "m", R"("routes":[])"),
            R"({"error":{"code":404,"status":"NOT_FOUND","message":"m",)"
            R"("reason":"unknown_route","routes":[]}})");
}

}  // namespace
}  // namespace costgate::filters
