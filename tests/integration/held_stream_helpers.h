// Streaming calls held open by the mock, for tests that cut calls midway (kill -9).
#pragma once

#include <string>
#include <vector>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {

// One crash: opens two streaming calls of `fixture` held mid-body by `mock`, waits until both
// intents are on disk, kills `daemon` with SIGKILL and lets the mock finish. Returns the two
// event ids (empty after a failed expectation, which is recorded).
std::vector<std::string> KillWithTwoStreamsInFlight(CostgateProcess& daemon,
                                                    const MockUpstream& mock,
                                                    const GeminiFixture& fixture);

}  // namespace costgate::integration
