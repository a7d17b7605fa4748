// File permissions that apply to the test even when it runs as root.
#pragma once

#include <linux/capability.h>

namespace costgate::test_support {

// Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the calling thread's effective set for the
// scope, so file modes apply even when tests run as root. Threads started inside the scope (a
// writer thread) inherit the reduced set. A no-op for an unprivileged user.
class ScopedFileModesApply {
 public:
  ScopedFileModesApply();
  ~ScopedFileModesApply();
  ScopedFileModesApply(const ScopedFileModesApply&) = delete;
  ScopedFileModesApply& operator=(const ScopedFileModesApply&) = delete;

 private:
  __user_cap_data_struct saved_[2] = {};
};

}  // namespace costgate::test_support
