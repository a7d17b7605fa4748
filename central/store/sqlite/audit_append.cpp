#include "central/store/sqlite/budget_rows.h"
#include "central/store/sqlite/sqlite_store.h"
#include "central/store/sqlite/store_statements.h"

namespace costgate::central {

StoreStatus SqliteStore::AppendAudit(const AuditEntry& audit) {
  return InsertAudit(db_, statements_->budgets.insert_audit, audit);
}

}  // namespace costgate::central
