#include "daemon/outbox/receipt_schema.h"

namespace costgate::daemon::outbox {

// Both indexes are partial so that the request-rate insert pays as little as possible: an
// intent enters neither, a final receipt only the first (which holds just the rows waiting to
// ship, so it stays small while central keeps up), and the second is written by the shipper's
// acknowledgement, not by the insert.
const char* const kCreateReceiptsIndexesSql = R"sql(
CREATE INDEX IF NOT EXISTS receipts_unshipped ON receipts(event_id)
  WHERE shipped_at_ms IS NULL AND state = 'closed';
CREATE INDEX IF NOT EXISTS receipts_shipped_at ON receipts(shipped_at_ms)
  WHERE shipped_at_ms IS NOT NULL;
)sql";

// Version 1 stored cost_micro_usd; money is pico-USD from version 2 on (pricing/money.h).
const char* const kMigrateReceiptsV1ToV2Sql = R"sql(
ALTER TABLE receipts RENAME COLUMN cost_micro_usd TO cost_pico_usd;
UPDATE receipts SET cost_pico_usd = cost_pico_usd * 1000000 WHERE cost_pico_usd IS NOT NULL;
ALTER TABLE receipts ADD COLUMN service_tier TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN price_key TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN unpriced_reason TEXT NOT NULL DEFAULT '';
)sql";

// Version 3 ships: rejections are kept (the indexes come with kCreateReceiptsIndexesSql).
const char* const kMigrateReceiptsV2ToV3Sql = R"sql(
ALTER TABLE receipts ADD COLUMN rejected_reason TEXT;
)sql";

// Version 4 says where a price is not the call's own row and tier. Rows priced before it have
// no notes: '' claims nothing about them that was not known when they were priced.
const char* const kMigrateReceiptsV3ToV4Sql = R"sql(
ALTER TABLE receipts ADD COLUMN pricing_notes TEXT NOT NULL DEFAULT '';
)sql";

// Version 5 carries the preflight's estimate and the budget lease holder (issue 14). Rows from
// before it had no preflight: no estimate, no holder.
const char* const kMigrateReceiptsV4ToV5Sql = R"sql(
ALTER TABLE receipts ADD COLUMN estimated_cost_pico_usd INTEGER;
ALTER TABLE receipts ADD COLUMN estimate_method TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN budget_holder TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace costgate::daemon::outbox
