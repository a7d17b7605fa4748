#include "daemon/budget/lease_book.h"

#include <algorithm>
#include <limits>

namespace costgate::daemon::budget {
namespace {

int64_t SatAdd(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) {
    return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
  return sum;
}

bool Matches(const std::string& wanted, std::string_view actual) {
  return wanted.empty() || wanted == actual;
}

bool Covers(const BudgetScope& s, const filters::preflight::GateCall& call) {
  static const filters::Labels kNoLabels;
  const filters::Labels& l = call.x != nullptr ? call.x->labels : kNoLabels;
  const std::string_view provider = call.x != nullptr ? std::string_view(call.x->provider) : "";
  return Matches(s.workspace, l.workspace) && Matches(s.team, l.team) &&
         Matches(s.project, l.project) && Matches(s.source_app, l.source_app) &&
         Matches(s.environment, l.environment) && Matches(s.user, l.user) &&
         Matches(s.provider, provider) && Matches(s.model, call.model);
}

}  // namespace

struct LeaseBook::Entry {
  SyncedBudget budget;        // as central answered it (its times in central's clock)
  int64_t period_end_ms = 0;  // local clock
  bool has_lease = false;
  int64_t granted = 0;
  int64_t expires_ms = 0;      // local clock
  int64_t last_grant = 0;      // what the latest answer that raised `granted` added
  int64_t used = 0;            // this period: settled real costs + open holds
  uint64_t period_serial = 0;  // changes with the period: a hold of an older one is dropped
  int64_t need = 0;            // the largest need not yet sent to central
  int64_t sent_need = 0;       // the need the sync in flight carries
  int64_t dry_until_ms = 0;    // central did not meet a need: deny without asking until then
  bool low_signalled = false;  // the fall below half the last grant was reported
  uint32_t open_holds = 0;

  BudgetRef Ref() const { return {budget.id, budget.name, period_end_ms, budget.fail_closed}; }
  // What a call holds here: the estimate, capped by the per-request cap when not exact.
  int64_t HeldFor(const filters::preflight::GateCall& call) const {
    int64_t amount = call.estimate ? std::max<int64_t>(0, call.estimate->pico()) : 0;
    if (budget.per_request_cap && !call.exact) {
      amount = std::min(amount, budget.per_request_cap->pico());
    }
    return amount;
  }
  bool OverCap(const filters::preflight::GateCall& call) const {
    return budget.per_request_cap && call.exact && call.estimate &&
           *call.estimate > *budget.per_request_cap;
  }
};

struct LeaseBook::Hold {
  Entry* entry;
  uint64_t period_serial;
  int64_t amount;
};

struct LeaseBook::Record {
  uint32_t serial = 0;
  bool in_use = false;
  std::vector<Hold> holds;  // cleared, not freed, between uses
};

LeaseBook::LeaseBook() = default;
LeaseBook::~LeaseBook() = default;

bool LeaseBook::LeaseUsable(const Entry& e, int64_t now_ms) const {
  return e.has_lease && now_ms < e.period_end_ms && SatAdd(now_ms, margin_ms_) < e.expires_ms;
}

bool LeaseBook::Low(Entry& e) {
  if (e.low_signalled || !e.has_lease || e.last_grant <= 0 ||
      e.granted - e.used >= e.last_grant / 2) {
    return false;
  }
  e.low_signalled = true;
  return true;
}

ReserveResult LeaseBook::Reserve(const filters::preflight::GateCall& call, int64_t now_ms,
                                 HoldRule rule) {
  ReserveResult result;
  const std::lock_guard lock(mutex_);
  if (!synced_) {
    result.status = ReserveStatus::kNotSynced;
    return result;
  }
  // First pass decides, so that a call is held in all its budgets or in none.
  const Entry* first = nullptr;
  const Entry* exhausted = nullptr;
  const Entry* lacking = nullptr;
  for (Entry* e : hard_) {
    if (!Covers(e->budget.scope, call)) {
      continue;
    }
    if (e->OverCap(call)) {
      result.status = ReserveStatus::kOverCap;
      result.budget = e->Ref();
      return result;
    }
    first = first != nullptr ? first : e;
    if (rule == HoldRule::kForced) {
      continue;
    }
    const int64_t amount = e->HeldFor(call);
    const bool usable = LeaseUsable(*e, now_ms);
    if (usable && e->granted - e->used >= amount) {
      continue;
    }
    if (usable && now_ms < e->dry_until_ms) {
      exhausted = exhausted != nullptr ? exhausted : e;
    } else {
      e->need = std::max(e->need, amount);
      lacking = lacking != nullptr ? lacking : e;
    }
  }
  if (exhausted != nullptr || lacking != nullptr) {
    result.status = exhausted != nullptr ? ReserveStatus::kExhausted : ReserveStatus::kNeedLease;
    result.budget = (exhausted != nullptr ? exhausted : lacking)->Ref();
    return result;
  }
  if (first == nullptr) {
    return result;  // kUncovered
  }
  result.reservation = NewRecord();
  Record& record = *RecordOf(result.reservation);
  for (Entry* e : hard_) {
    if (!Covers(e->budget.scope, call)) {
      continue;
    }
    const int64_t amount = e->HeldFor(call);
    e->used = SatAdd(e->used, amount);
    ++e->open_holds;
    record.holds.push_back({e, e->period_serial, amount});
    result.wants_sync = Low(*e) || result.wants_sync;
  }
  result.status = ReserveStatus::kHeld;
  result.budget = first->Ref();
  return result;
}

uint64_t LeaseBook::NewRecord() {
  uint32_t index = 0;
  if (!free_records_.empty()) {
    index = free_records_.back();
    free_records_.pop_back();
  } else {
    index = static_cast<uint32_t>(records_.size());
    records_.emplace_back();
    // Settle pushes every record back: room for all of them now keeps Settle from allocating.
    free_records_.reserve(records_.size());
  }
  Record& record = records_[index];
  record.in_use = true;
  ++record.serial;
  return (uint64_t{record.serial} << 32) | (uint64_t{index} + 1);
}

LeaseBook::Record* LeaseBook::RecordOf(uint64_t reservation) {
  const uint64_t slot = reservation & 0xffff'ffffULL;
  if (slot == 0 || slot > records_.size()) {
    return nullptr;
  }
  Record& record = records_[slot - 1];
  if (!record.in_use || record.serial != static_cast<uint32_t>(reservation >> 32)) {
    return nullptr;
  }
  return &record;
}

bool LeaseBook::Settle(uint64_t reservation, std::optional<pricing::Money> real_cost) noexcept {
  const int64_t real = real_cost ? std::max<int64_t>(0, real_cost->pico()) : 0;
  const std::lock_guard lock(mutex_);
  Record* record = RecordOf(reservation);
  if (record == nullptr) {
    return false;
  }
  bool wants_sync = false;
  for (const Hold& h : record->holds) {
    Entry& e = *h.entry;
    --e.open_holds;
    if (h.period_serial != e.period_serial) {
      continue;  // its period ended: the new one's use starts from 0
    }
    e.used = std::max<int64_t>(0, SatAdd(e.used - h.amount, real));
    wants_sync = Low(e) || wants_sync;
  }
  record->holds.clear();
  record->in_use = false;
  free_records_.push_back(static_cast<uint32_t>((reservation & 0xffff'ffffULL) - 1));
  return wants_sync;
}

std::optional<BudgetRef> LeaseBook::FailClosedBudget(const filters::preflight::GateCall& call,
                                                     int64_t now_ms,
                                                     bool config_fail_closed) const {
  const std::lock_guard lock(mutex_);
  for (const Entry* e : hard_) {
    if (!Covers(e->budget.scope, call)) {
      continue;
    }
    const bool serves = LeaseUsable(*e, now_ms) && e->granted - e->used >= e->HeldFor(call);
    if (!serves && e->budget.fail_closed.value_or(config_fail_closed)) {
      return e->Ref();
    }
  }
  return std::nullopt;
}

std::vector<LeaseReport> LeaseBook::Reports(bool release) {
  std::vector<LeaseReport> reports;
  const std::lock_guard lock(mutex_);
  for (Entry* e : hard_) {
    if (!e->has_lease && e->need == 0) {
      continue;
    }
    e->sent_need = release ? 0 : e->need;
    reports.push_back({e->budget.id, e->budget.period_key, pricing::Money::FromPico(e->used),
                       pricing::Money::FromPico(e->sent_need), release});
  }
  return reports;
}

void LeaseBook::Apply(const LeaseAnswer& answer, int64_t now_ms, int64_t dry_ms) {
  const int64_t offset = now_ms - answer.now_unix_ms;  // local = central + offset
  const std::lock_guard lock(mutex_);
  margin_ms_ = answer.lease_ttl_ms / 4;
  refresh_ms_ = std::max<int64_t>(1, answer.lease_ttl_ms / 3);
  std::vector<std::unique_ptr<Entry>> next;
  next.reserve(answer.budgets.size());
  for (const SyncedBudget& b : answer.budgets) {
    std::unique_ptr<Entry> e;
    for (auto& old : entries_) {
      if (old != nullptr && old->budget.id == b.id) {
        e = std::move(old);
        break;
      }
    }
    if (e == nullptr) {
      e = std::make_unique<Entry>();
    } else if (e->budget.period_key != b.period_key) {
      // A new period: its use starts at 0; holds of the old one settle into nothing.
      const uint64_t serial = e->period_serial + 1;
      const uint32_t open = e->open_holds;
      *e = Entry{};
      e->period_serial = serial;
      e->open_holds = open;
    }
    e->budget = b;
    e->period_end_ms = SatAdd(b.period_end_unix_ms, offset);
    e->has_lease = b.hard_limit && b.lease.has_value();
    if (e->has_lease) {
      const int64_t before = e->granted;
      e->granted = b.lease->granted.pico();
      e->expires_ms = SatAdd(b.lease->expires_unix_ms, offset);
      if (e->granted > before) {
        e->last_grant = e->granted - before;
        e->low_signalled = false;
      }
    }
    if (e->sent_need > 0) {
      if (e->granted - e->used < e->sent_need) {
        e->dry_until_ms = SatAdd(now_ms, dry_ms);
      }
      if (e->need <= e->sent_need) {
        e->need = 0;
      }
      e->sent_need = 0;
    }
    next.push_back(std::move(e));
  }
  for (auto& old : entries_) {
    if (old != nullptr && old->open_holds > 0) {
      retired_.push_back(std::move(old));  // its holds still point at it
    }
  }
  std::erase_if(retired_, [](const auto& e) { return e->open_holds == 0; });
  entries_ = std::move(next);
  hard_.clear();
  for (const auto& e : entries_) {
    if (e->budget.hard_limit) {
      hard_.push_back(e.get());
    }
  }
  synced_ = true;
  last_answer_ms_ = now_ms;
}

bool LeaseBook::synced() const {
  const std::lock_guard lock(mutex_);
  return synced_;
}

std::optional<int64_t> LeaseBook::NextSyncDueMs() const {
  const std::lock_guard lock(mutex_);
  if (!synced_) {
    return std::nullopt;
  }
  int64_t due = SatAdd(last_answer_ms_, refresh_ms_);
  for (const Entry* e : hard_) {
    // A period that ended by our clock but not yet by central's is central's to roll over: the
    // refresh point covers it.
    if (e->period_end_ms > last_answer_ms_) {
      due = std::min(due, e->period_end_ms);
    }
  }
  return due;
}

std::vector<LeaseBook::LeaseView> LeaseBook::Remaining(size_t limit) const {
  std::vector<LeaseView> views;
  {
    const std::lock_guard lock(mutex_);
    for (const Entry* e : hard_) {
      if (e->has_lease) {
        views.push_back({e->budget.id, e->granted - e->used});
      }
    }
  }
  std::sort(views.begin(), views.end(),
            [](const LeaseView& a, const LeaseView& b) { return a.budget_id < b.budget_id; });
  if (views.size() > limit) {
    views.resize(limit);
  }
  return views;
}

}  // namespace costgate::daemon::budget
