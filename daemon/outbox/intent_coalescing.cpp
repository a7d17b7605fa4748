#include "daemon/outbox/intent_coalescing.h"

#include <string_view>
#include <unordered_set>

namespace costgate::daemon::outbox {

size_t DropSupersededIntents(std::vector<filters::Receipt>& work) {
  size_t open = 0;
  for (const filters::Receipt& r : work) {
    open += r.open ? 1 : 0;
  }
  if (open == 0) {
    return 0;
  }
  // Walking backwards, a closed receipt is seen before the intents it supersedes.
  std::unordered_set<std::string_view> closed;
  closed.reserve(work.size());
  std::vector<bool> drop(work.size(), false);
  size_t dropped = 0;
  for (size_t i = work.size(); i-- > 0;) {
    if (!work[i].open) {
      closed.insert(work[i].event_id);
    } else if (closed.contains(work[i].event_id)) {
      drop[i] = true;
      ++dropped;
    }
  }
  if (dropped == 0) {
    return 0;
  }
  size_t kept = 0;
  for (size_t i = 0; i < work.size(); ++i) {
    if (!drop[i]) {
      if (kept != i) {
        work[kept] = std::move(work[i]);
      }
      ++kept;
    }
  }
  work.resize(kept);
  return dropped;
}

}  // namespace costgate::daemon::outbox
