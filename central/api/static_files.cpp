#include "central/api/static_files.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>
#include <string>

#include "base/sha256.h"
#include "central/api/api_error.h"
#include "central/api/static_names.h"

namespace costgate::central {
namespace {

constexpr std::string_view kIndex = "index.html";

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::optional<std::string> RealPath(const std::string& path) {
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) {
    return std::nullopt;
  }
  return std::string(resolved);
}

bool HasDotSegment(std::string_view relative) {
  return relative.front() == '.' || relative.find("/.") != std::string_view::npos;
}

// Up to `size` bytes of the open file; nullopt on a read error.
std::optional<std::string> ReadAll(int fd, uint64_t size) {
  std::string content(size, '\0');
  uint64_t got = 0;
  while (got < size) {
    const ssize_t n = ::pread(fd, content.data() + got, size - got, static_cast<off_t>(got));
    if (n < 0) {
      return std::nullopt;
    }
    if (n == 0) {
      break;  // the file shrank since fstat: serve what is there
    }
    got += static_cast<uint64_t>(n);
  }
  content.resize(got);
  return content;
}

ApiResponse NotModified(const std::string& etag, std::string_view relative) {
  ApiResponse response;
  response.status = 304;
  response.content_type.clear();  // RFC 9110 15.4.5: no representation metadata but these
  response.headers.push_back({"ETag", etag});
  response.headers.push_back({"Cache-Control", std::string(StaticCacheControl(relative))});
  return response;
}

}  // namespace

std::variant<std::unique_ptr<StaticFiles>, std::string> StaticFiles::Open(const std::string& dir) {
  std::optional<std::string> root = RealPath(dir);
  struct stat info {};
  if (!root || ::stat(root->c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return "central.static_dir " + dir + " is not an existing directory";
  }
  if (*root == "/") {
    root->clear();  // every path below starts with root_ + "/"
  }
  return std::unique_ptr<StaticFiles>(new StaticFiles(std::move(*root)));
}

ApiResponse StaticFiles::Serve(std::string_view path, std::string_view if_none_match) const {
  std::variant<std::string, PathRefusal> checked = StaticRelativePath(path);
  if (const PathRefusal* refused = std::get_if<PathRefusal>(&checked)) {
    if (*refused == PathRefusal::kHidden) {
      return NoSuchRoute();
    }
    return ErrorResponse(400, "bad_path", "the path is malformed or leaves the static directory");
  }
  const std::string& relative = std::get<std::string>(checked);
  if (!relative.empty()) {
    if (std::optional<ApiResponse> served = ServeFile(relative, if_none_match)) {
      return std::move(*served);
    }
    if (!LooksLikeAppRoute(relative)) {
      return NoSuchRoute();
    }
  }
  std::optional<ApiResponse> index = ServeFile(std::string(kIndex), if_none_match);
  return index ? std::move(*index) : NoSuchRoute();
}

std::optional<ApiResponse> StaticFiles::ServeFile(const std::string& relative,
                                                  std::string_view if_none_match) const {
  std::optional<std::string> real = RealPath(root_ + "/" + relative);
  if (!real) {
    return std::nullopt;
  }
  // realpath followed every symlink: what it names must still be inside the root, and not a
  // dotfile reached through an innocent-looking link.
  if (real->size() <= root_.size() + 1 || !real->starts_with(root_) ||
      (*real)[root_.size()] != '/' ||
      HasDotSegment(std::string_view(*real).substr(root_.size() + 1))) {
    return NoSuchRoute();
  }
  // O_NOFOLLOW: a symlink swapped in since realpath is refused, not followed out of the root.
  const Fd fd(::open(real->c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  struct stat info {};
  if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return std::nullopt;  // a directory, or gone: the caller may fall back to index.html
  }
  const uint64_t size = static_cast<uint64_t>(info.st_size);
  if (size > kMaxStaticFileBytes) {
    return ErrorResponse(500, "file_too_large", "the file exceeds the static file size limit");
  }
  const int64_t mtime_ns = int64_t{info.st_mtim.tv_sec} * 1'000'000'000 + info.st_mtim.tv_nsec;

  std::string etag;
  {
    std::lock_guard lock(mutex_);
    const auto it = tags_.find(*real);
    if (it != tags_.end() && it->second.mtime_ns == mtime_ns && it->second.size == size) {
      etag = it->second.etag;
    }
  }
  if (!etag.empty() && IfNoneMatchNames(if_none_match, etag)) {
    return NotModified(etag, relative);
  }
  std::optional<std::string> content = ReadAll(fd.get(), size);
  if (!content) {
    return ErrorResponse(500, "file_unreadable", "the file could not be read");
  }
  if (etag.empty()) {
    etag = "\"" + base::Sha256Hex(*content, 32) + "\"";
    std::lock_guard lock(mutex_);
    tags_[*real] = Tag{mtime_ns, size, etag};
    if (IfNoneMatchNames(if_none_match, etag)) {
      return NotModified(etag, relative);
    }
  }
  ApiResponse response;
  response.body = std::move(*content);
  response.content_type = StaticContentType(relative);
  response.headers.push_back({"ETag", std::move(etag)});
  response.headers.push_back({"Cache-Control", std::string(StaticCacheControl(relative))});
  // The type is ours, from the extension: a browser must not guess another from the bytes.
  response.headers.push_back({"X-Content-Type-Options", "nosniff"});
  return response;
}

bool IfNoneMatchNames(std::string_view field, std::string_view etag) {
  while (!field.empty()) {
    const size_t comma = field.find(',');
    std::string_view tag = field.substr(0, comma);
    field = comma == std::string_view::npos ? std::string_view() : field.substr(comma + 1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) {
      tag.remove_prefix(1);
    }
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) {
      tag.remove_suffix(1);
    }
    if (tag.starts_with("W/")) {
      tag.remove_prefix(2);
    }
    if (tag == "*" || tag == etag) {
      return true;
    }
  }
  return false;
}

}  // namespace costgate::central
