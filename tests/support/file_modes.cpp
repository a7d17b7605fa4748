#include "tests/support/file_modes.h"

#include <sys/syscall.h>
#include <unistd.h>

namespace costgate::test_support {

ScopedFileModesApply::ScopedFileModesApply() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  syscall(SYS_capget, &header, saved_);
  __user_cap_data_struct reduced[2] = {saved_[0], saved_[1]};
  reduced[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
  syscall(SYS_capset, &header, reduced);
}

ScopedFileModesApply::~ScopedFileModesApply() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  syscall(SYS_capset, &header, saved_);
}

}  // namespace costgate::test_support
