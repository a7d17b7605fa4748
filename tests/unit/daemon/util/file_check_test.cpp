#include "daemon/util/file_check.h"

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/file_modes.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/daemon/util/pem_helpers.h"

namespace costgate::daemon::util {
namespace {

using test_support::ScopedFileModesApply;
using test_support::TempDir;
using testing::PrivateKeyPem;
using testing::SelfSignedCertificatePem;
using testing::WriteText;

// A file that cannot be opened as a regular file, and the reason both checks give for it.
struct UnopenableFile {
  std::string path;
  std::string reason;
};

// Missing, a directory, unreadable, a FIFO: the OS-level failures, made in `dir`.
std::vector<UnopenableFile> UnopenableFiles(const TempDir& dir) {
  const std::string unreadable = dir.File("unreadable.pem");
  WriteText(unreadable, SelfSignedCertificatePem());
  chmod(unreadable.c_str(), 0);
  const std::string fifo = dir.File("fifo.pem");
  mkfifo(fifo.c_str(), 0600);
  std::filesystem::create_directory(dir.File("dir.pem"));
  return {{dir.File("missing.pem"), "No such file or directory"},
          {dir.File("missing-dir/ca.pem"), "No such file or directory"},
          {dir.File("dir.pem"), "Is a directory"},
          {unreadable, "Permission denied"},
          {fifo, "not a regular file"}};
}

// Whether OpenSSL's TLS setup loads verification certificates from `path`.
bool TlsLoads(const std::string& path) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  const bool loaded = SSL_CTX_load_verify_locations(ctx, path.c_str(), nullptr) == 1;
  SSL_CTX_free(ctx);
  ERR_clear_error();
  return loaded;
}

TEST(UnreadableFileReason, IsEmptyForAReadableFileAndASymlinkToOne) {
  TempDir dir;
  ASSERT_TRUE(WriteText(dir.File("key"), "ct_live_x\n"));
  std::filesystem::create_symlink(dir.File("key"), dir.File("link"));
  EXPECT_EQ(UnreadableFileReason(dir.File("key")), "");
  EXPECT_EQ(UnreadableFileReason(dir.File("link")), "");
  EXPECT_EQ(UnreadableFileReason(dir.File("empty")), "No such file or directory");
  ASSERT_TRUE(WriteText(dir.File("empty"), ""));
  EXPECT_EQ(UnreadableFileReason(dir.File("empty")), "");
}

TEST(UnreadableFileReason, NamesTheOsErrorOfEveryFileThatCannotBeOpened) {
  TempDir dir;
  const ScopedFileModesApply modes;
  for (const UnopenableFile& file : UnopenableFiles(dir)) {
    EXPECT_EQ(UnreadableFileReason(file.path), file.reason) << file.path;
  }
}

TEST(UnusableCaFileReason, NamesTheOsErrorOfEveryFileThatCannotBeOpened) {
  TempDir dir;
  const ScopedFileModesApply modes;
  for (const UnopenableFile& file : UnopenableFiles(dir)) {
    EXPECT_EQ(UnusableCaFileReason(file.path), file.reason) << file.path;
  }
}

TEST(UnusableCaFileReason, IsEmptyForAFileWithAPemCertificate) {
  TempDir dir;
  const std::string cert = SelfSignedCertificatePem();
  ASSERT_TRUE(WriteText(dir.File("one.pem"), cert));
  ASSERT_TRUE(WriteText(dir.File("bundle.pem"), "# a comment\n" + cert + PrivateKeyPem() + cert));
  std::filesystem::create_symlink(dir.File("one.pem"), dir.File("link.pem"));
  for (const char* name : {"one.pem", "bundle.pem", "link.pem"}) {
    EXPECT_EQ(UnusableCaFileReason(dir.File(name)), "") << name;
  }
}

TEST(UnusableCaFileReason, SaysNoPemCertificatesForAReadableFileWithoutOne) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> files = {
      {"empty.pem", ""},
      {"text.pem", "not a certificate\n"},
      {"key.pem", PrivateKeyPem()},
      {"der.pem", std::string("\x30\x82\x01\x0a\x02\x82\x01\x01", 8)},
  };
  for (const auto& [name, contents] : files) {
    ASSERT_TRUE(WriteText(dir.File(name), contents));
    EXPECT_EQ(UnusableCaFileReason(dir.File(name)), "no PEM certificates") << name;
  }
}

TEST(UnusableCaFileReason, SaysMalformedPemForABrokenCertificateBlock) {
  TempDir dir;
  ASSERT_TRUE(WriteText(dir.File("broken.pem"),
                        "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"));
  EXPECT_TRUE(UnusableCaFileReason(dir.File("broken.pem")).starts_with("malformed PEM: "))
      << UnusableCaFileReason(dir.File("broken.pem"));
  EXPECT_EQ(ERR_peek_error(), 0u) << "the OpenSSL error queue was left with an error";
}

TEST(UnusableCaFileReason, RefusesAFileLargerThanACaBundleCanBe) {
  TempDir dir;
  ASSERT_TRUE(WriteText(dir.File("huge.pem"), std::string(kMaxCaFileBytes + 1, '\n')));
  EXPECT_EQ(UnusableCaFileReason(dir.File("huge.pem")),
            "larger than " + std::to_string(kMaxCaFileBytes) + " bytes");
}

// The check and the TLS setup agree on every kind of file: the check never passes a file the
// proxy then fails to load, nor refuses one it would load.
TEST(UnusableCaFileReason, AgreesWithWhatTlsVerificationLoads) {
  TempDir dir;
  const std::string cert = SelfSignedCertificatePem();
  const std::vector<std::pair<std::string, std::string>> files = {
      {"cert.pem", cert},
      {"two.pem", cert + cert},
      {"text-around.pem", "header\n" + cert + "trailer\n"},
      {"key.pem", PrivateKeyPem()},
      {"empty.pem", ""},
      {"text.pem", "hello\n"},
      {"truncated.pem", cert.substr(0, cert.size() / 2)},
      {"broken.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"},
  };
  for (const auto& [name, contents] : files) {
    ASSERT_TRUE(WriteText(dir.File(name), contents));
    EXPECT_EQ(UnusableCaFileReason(dir.File(name)).empty(), TlsLoads(dir.File(name))) << name;
  }
}

}  // namespace
}  // namespace costgate::daemon::util
