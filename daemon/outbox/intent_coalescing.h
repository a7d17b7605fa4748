// Intents (open receipts written at admission) exist for one case: the daemon dies before the
// call ends. An intent whose final receipt is already waiting in the same batch can never be
// needed, so it never reaches the disk: a call shorter than the group-commit interval costs one
// row write, not two.
#pragma once

#include <cstddef>
#include <vector>

#include "filters/receipt.h"

namespace costgate::daemon::outbox {

// Removes from `work` each open receipt followed, later in `work`, by a closed one of the same
// event_id; keeps the order of the rest. Returns how many were removed.
size_t DropSupersededIntents(std::vector<filters::Receipt>& work);

}  // namespace costgate::daemon::outbox
