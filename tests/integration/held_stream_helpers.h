// A streaming call held open by the mock, for tests that cut calls midway (kill -9).
#pragma once

#include <string>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {

// Opens a streaming call held by the mock after its first event (gate `gate`); returns its
// event id ("" after a failed expectation).
std::string StartHeldStream(RawConnection& stream, const GeminiFixture& fixture,
                            const std::string& gate);

// Polls until the intent of `event_id` is on disk (it waits for the group-commit interval).
bool IntentCommitted(const CostgateProcess& daemon, const std::string& event_id);

}  // namespace costgate::integration
