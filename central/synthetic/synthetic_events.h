// Synthetic usage events for demos and benchmarks (`costgate central generate-events`): calls of
// a made-up company spread over the last few days, with the shape of real traffic (working hours
// and weekdays busier than nights and weekends, a few heavy users and models, some errors), so
// the dashboard's charts, breakdowns and forecast have something true to show.
//
// Every event is labelled as what it is: source_app "synthetic", host "synthetic", daemon_version
// "synthetic", so it is never mistaken for a real call and can be filtered out. Events come
// unpriced: the caller prices them with central's book (central/api/reprice.h) and stores them
// through the normal ingest path, like any other.
//
// The same spec makes the same events (ids included): a second run with the same seed and end
// time adds nothing (every event is a duplicate).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "base/uuid7.h"
#include "central/store/event.h"

namespace costgate::central {

inline constexpr std::string_view kSyntheticSourceApp = "synthetic";

struct SyntheticSpec {
  int64_t events = 0;       // how many, in all
  int days = 30;            // spread over [end - days, end)
  uint64_t seed = 1;        // the same seed makes the same events
  int64_t end_unix_ms = 0;  // usually now
};

class SyntheticEvents {
 public:
  explicit SyntheticEvents(const SyntheticSpec& spec);

  // Replaces `batch` with up to `max_events` next events, in start-time order; false when every
  // event has been made already (batch left empty).
  bool Next(std::vector<Event>& batch, size_t max_events);

  int64_t made() const { return made_; }

 private:
  void StartHour();
  Event MakeEvent(int64_t start_unix_ms);

  SyntheticSpec spec_;
  std::mt19937_64 random_;
  base::UuidV7Generator ids_;
  int64_t first_hour_unix_ms_ = 0;
  std::vector<int64_t> per_hour_;  // events in each hour of the range, summing to spec.events
  size_t hour_ = 0;                // the hour being made
  std::vector<int64_t> offsets_;   // the current hour's start offsets (ms), ascending
  size_t next_offset_ = 0;
  int64_t made_ = 0;
};

}  // namespace costgate::central
