#include "config/yaml_walk.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace costgate::config {
namespace {

struct Walk {
  std::vector<std::string> visited;  // key_path=value
  std::vector<std::string> problems;
};

Walk WalkMap(const std::string& yaml, const std::string& path) {
  Walk walk;
  ForEachYamlEntry(
      YAML::Load(yaml), path,
      [&](const std::string& at, std::string_view problem) {
        walk.problems.push_back(YamlProblem(at, problem));
      },
      [&](const std::string&, const YAML::Node& value, const std::string& key_path) {
        walk.visited.push_back(key_path + "=" + value.Scalar());
      });
  return walk;
}

TEST(YamlWalk, VisitsEachEntryWithItsPath) {
  const Walk walk = WalkMap("a: 1\nb: 2\n", "top");
  EXPECT_EQ(walk.visited, (std::vector<std::string>{"top.a=1", "top.b=2"}));
  EXPECT_TRUE(walk.problems.empty());
}

TEST(YamlWalk, ReportsARepeatedKeyAndVisitsOnlyTheFirst) {
  const Walk walk = WalkMap("a: 1\na: 2\n", "");
  EXPECT_EQ(walk.visited, (std::vector<std::string>{"a=1"}));
  EXPECT_EQ(walk.problems, (std::vector<std::string>{"a: duplicate key"}));
}

TEST(YamlWalk, ReportsAKeyThatIsNotPlain) {
  const Walk walk = WalkMap("[x]: 1\n", "top");
  EXPECT_TRUE(walk.visited.empty());
  EXPECT_EQ(walk.problems,
            (std::vector<std::string>{"top: expected plain keys, got a list as a key"}));
}

TEST(YamlWalk, ANullNodeHasNoEntries) {
  const Walk walk = WalkMap("", "top");
  EXPECT_TRUE(walk.visited.empty());
  EXPECT_TRUE(walk.problems.empty());
}

TEST(YamlProblem, NamesThePathUnlessItIsTheRoot) {
  EXPECT_EQ(YamlProblem("listen.port", "expected a number"), "listen.port: expected a number");
  EXPECT_EQ(YamlProblem("", "expected a map"), "expected a map");
}

}  // namespace
}  // namespace costgate::config
