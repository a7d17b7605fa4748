// The request-body deadline: an allowance plus one second per min-rate bytes, counted on the
// time spent waiting for the client.
#include "daemon/http/body_pace.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>

namespace costgate::daemon::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(BodyPace, AFreshBodyHasTheWholeAllowance) {
  const BodyPace pace(seconds(30), 1024);
  EXPECT_EQ(pace.Remaining(), seconds(30));
}

TEST(BodyPace, WaitingSpendsTheAllowance) {
  BodyPace pace(seconds(30), 1024);
  pace.Record(seconds(10), 0);
  EXPECT_EQ(pace.Remaining(), seconds(20));
  pace.Record(seconds(25), 0);
  EXPECT_LT(pace.Remaining().count(), 0);
}

TEST(BodyPace, EachMinRateOfBytesEarnsOneSecond) {
  BodyPace pace(seconds(30), 1000);
  pace.Record(seconds(1), 5000);  // five seconds earned, one spent
  EXPECT_EQ(pace.Remaining(), seconds(34));
  pace.Record(milliseconds(0), 500);  // half a second more
  EXPECT_EQ(pace.Remaining(), milliseconds(34'500));
}

TEST(BodyPace, ATrickleRunsOutWhateverTheGapsBetweenReads) {
  // One byte every three seconds, each gap under a per-read timeout of ten seconds.
  BodyPace pace(seconds(30), 1024);
  int reads = 0;
  while (pace.Remaining().count() > 0 && reads < 1000) {
    pace.Record(seconds(3), 1);
    ++reads;
  }
  // Ten reads spend the 30 s allowance but for the few milliseconds the ten bytes earned: the
  // eleventh wait gets only those, and the body is cut off about 30 s after it started.
  EXPECT_EQ(reads, 11);
  EXPECT_LT(pace.Remaining().count(), 0);
}

TEST(BodyPace, ASteadyUploadAboveTheRateNeverRunsOut) {
  // 64 MiB at 2 KiB/s against a minimum of 1 KiB/s: nine hours, never cut off.
  BodyPace pace(seconds(30), 1024);
  for (int i = 0; i < 32 * 1024; ++i) {
    pace.Record(seconds(1), 2048);
    ASSERT_GT(pace.Remaining().count(), 0) << "after " << i << " s";
  }
}

TEST(BodyPace, HugeByteCountsDoNotOverflow) {
  BodyPace pace(seconds(30), 1);
  pace.Record(seconds(1), std::numeric_limits<uint64_t>::max() / 2);
  EXPECT_GT(pace.Remaining().count(), 0);
}

}  // namespace
}  // namespace costgate::daemon::http
