#include "config/yaml_document.h"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace costgate::config {
namespace {

// Counts documents without building them, and remembers where the last one started.
class DocumentStarts final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { last_start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  YAML::Mark last_start = YAML::Mark::null_mark();
};

std::string Where(const YAML::Mark& mark) {
  if (mark.is_null()) {
    return "";
  }
  // yaml-cpp marks are zero-based; editors count from one.
  return " at line " + std::to_string(mark.line + 1) + ", column " +
         std::to_string(mark.column + 1);
}

}  // namespace

YamlDocument ParseSingleYamlDocument(std::string_view text) {
  YamlDocument result;
  try {
    // yaml-cpp 0.7's LoadAll loops forever, allocating a null document per turn, when its parser
    // reports a document without consuming a token (a stream starting with ',':
    // jbeder/yaml-cpp#1040, fixed upstream by #1319 after 0.7.0, the version Debian 12 ships).
    // So documents are counted first, by a pass that stops when one starts where the previous
    // one did; then the single document is built with Load, which parses one and returns.
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    DocumentStarts starts;
    size_t documents = 0;
    YAML::Mark previous = YAML::Mark::null_mark();
    while (parser.HandleNextDocument(starts)) {
      if (documents > 0 && starts.last_start.pos == previous.pos) {
        result.error = "YAML syntax error" + Where(starts.last_start) + ": unexpected token";
        return result;
      }
      previous = starts.last_start;
      ++documents;
    }
    if (documents > 1) {
      result.error = "expected one YAML document, got " + std::to_string(documents);
      return result;
    }
    result.root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    result.error = "YAML syntax error" + Where(e.mark) + ": " + e.msg;
  }
  return result;
}

}  // namespace costgate::config
