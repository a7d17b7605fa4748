#include "central/api/path_pattern.h"

#include <optional>
#include <stdexcept>

#include "central/api/percent.h"

namespace costgate::central {

const std::string* PathParams::Find(std::string_view name) const {
  for (const PathParam& param : params_) {
    if (param.name == name) {
      return &param.value;
    }
  }
  return nullptr;
}

PathPattern::PathPattern(std::string_view pattern) : text_(pattern) {
  const auto bad = [&](std::string_view why) {
    throw std::invalid_argument("path pattern \"" + text_ + "\": " + std::string(why));
  };
  if (pattern.empty() || pattern.front() != '/') {
    bad("must start with /");
  }
  std::string_view rest = pattern.substr(1);
  while (true) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (!segments_.empty() && segments_.back().kind == Segment::Kind::kRest) {
      bad("{name...} must be the last segment");
    }
    if (!segment.empty() && segment.front() == '{') {
      if (segment.back() != '}' || segment.size() < 3) {
        bad("a capture is {name} or {name...}, alone in its segment");
      }
      std::string_view name = segment.substr(1, segment.size() - 2);
      Segment::Kind kind = Segment::Kind::kCapture;
      if (name.ends_with("...")) {
        name.remove_suffix(3);
        kind = Segment::Kind::kRest;
      }
      if (name.empty() || name.find_first_of("{}/") != std::string_view::npos) {
        bad("a capture needs a name");
      }
      segments_.push_back({kind, std::string(name)});
    } else if (segment.find_first_of("{}") != std::string_view::npos) {
      bad("a capture is {name} or {name...}, alone in its segment");
    } else {
      segments_.push_back({Segment::Kind::kLiteral, std::string(segment)});
    }
    if (slash == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(slash + 1);
  }
}

template <typename OnCapture>
bool PathPattern::Walk(std::string_view path, OnCapture&& capture) const {
  if (path.empty() || path.front() != '/') {
    return false;
  }
  std::string_view rest = path.substr(1);
  for (size_t i = 0; i < segments_.size(); ++i) {
    const Segment& segment = segments_[i];
    if (segment.kind == Segment::Kind::kRest) {
      return capture(segment.text, rest);
    }
    if (rest.data() == nullptr) {
      return false;  // the path ended before the pattern
    }
    const size_t slash = rest.find('/');
    const std::string_view piece = rest.substr(0, slash);
    // Past the last "/" there is nothing more: a null view tells it from an empty segment.
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.kind == Segment::Kind::kLiteral) {
      if (piece != segment.text) {
        return false;
      }
    } else if (piece.empty() || !capture(segment.text, piece)) {
      return false;
    }
  }
  return rest.data() == nullptr;
}

bool PathPattern::Matches(std::string_view path) const {
  return Walk(path, [](std::string_view, std::string_view) { return true; });
}

bool PathPattern::Capture(std::string_view path, PathParams& params, std::string& bad) const {
  return Walk(path, [&](std::string_view name, std::string_view raw) {
    std::optional<std::string> value = PercentDecode(raw);
    if (!value) {
      bad = name;
      return false;
    }
    params.Add(std::string(name), std::move(*value));
    return true;
  });
}

}  // namespace costgate::central
