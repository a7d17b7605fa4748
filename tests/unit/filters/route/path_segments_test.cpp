#include "filters/route/path_segments.h"

#include <gtest/gtest.h>

namespace costgate::filters {
namespace {

using Segments = std::vector<std::string_view>;

TEST(SplitPathSegmentsTest, SplitsAtSlashesKeepingCustomMethods) {
  EXPECT_EQ(SplitPathSegments("/v1beta/models/x:generateContent"),
            (Segments{"v1beta", "models", "x:generateContent"}));
}

TEST(SplitPathSegmentsTest, DropsEmptySegments) {
  EXPECT_EQ(SplitPathSegments("//v1//voices/"), (Segments{"v1", "voices"}));
  EXPECT_EQ(SplitPathSegments("/"), Segments{});
  EXPECT_EQ(SplitPathSegments(""), Segments{});
}

}  // namespace
}  // namespace costgate::filters
