#include "daemon/util/file_check.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace costgate::daemon::util {
namespace {

struct CloseFile {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, CloseFile>;

// Opens `path` for reading; on failure `reason` says why. Non-blocking, so a FIFO is refused
// rather than waited on (fopen would block until a writer came), and the type is checked on the
// open descriptor (no race with a rename in between).
File OpenRegularFile(const std::string& path, std::string& reason) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    reason = std::strerror(errno);
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    reason = std::strerror(errno);
    ::close(fd);
    return nullptr;
  }
  if (!S_ISREG(st.st_mode)) {
    reason = S_ISDIR(st.st_mode) ? std::strerror(EISDIR) : "not a regular file";
    ::close(fd);
    return nullptr;
  }
  File file(::fdopen(fd, "rb"));
  if (!file) {
    reason = std::strerror(errno);
    ::close(fd);
  }
  return file;
}

struct FreeBio {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct FreeInfos {
  void operator()(STACK_OF(X509_INFO) * infos) const {
    sk_X509_INFO_pop_free(infos, X509_INFO_free);
  }
};

// The parse OpenSSL's X509_load_cert_crl_file (behind SSL_CTX_load_verify_locations) does, so a
// file passes here exactly when the TLS setup can load certificates from it.
std::string PemCertificatesReason(const std::string& text) {
  std::unique_ptr<BIO, FreeBio> bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) {
    return "out of memory";
  }
  std::unique_ptr<STACK_OF(X509_INFO), FreeInfos> infos(
      PEM_X509_INFO_read_bio(bio.get(), nullptr, nullptr, nullptr));
  std::string reason;
  if (!infos) {
    const char* why = ERR_reason_error_string(ERR_peek_last_error());
    reason = std::string("malformed PEM: ") + (why != nullptr ? why : "unreadable");
  } else {
    int certificates = 0;
    for (int i = 0; i < sk_X509_INFO_num(infos.get()); ++i) {
      certificates += sk_X509_INFO_value(infos.get(), i)->x509 != nullptr ? 1 : 0;
    }
    if (certificates == 0) {
      reason = "no PEM certificates";
    }
  }
  // A stale error would be taken for the cause of the next, unrelated OpenSSL failure.
  ERR_clear_error();
  return reason;
}

}  // namespace

std::string UnreadableFileReason(const std::string& path) {
  std::string reason;
  OpenRegularFile(path, reason);
  return reason;
}

std::string UnusableCaFileReason(const std::string& path) {
  std::string reason;
  File file = OpenRegularFile(path, reason);
  if (!file) {
    return reason;
  }
  std::string text;
  char buffer[16 * 1024];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    if (text.size() + n > kMaxCaFileBytes) {
      return "larger than " + std::to_string(kMaxCaFileBytes) + " bytes";
    }
    text.append(buffer, n);
  }
  if (std::ferror(file.get())) {
    return std::strerror(errno);
  }
  return PemCertificatesReason(text);
}

}  // namespace costgate::daemon::util
