// Ingest's use of project assignment: an event sent without a workspace takes the workspace (and,
// when it has none of its own, the team) its project is assigned to, so that events from an
// assigned project are attributed from then on. Events already stored are never changed: the
// analytics rollups group by the labels each event was stored with (org.h).
#pragma once

#include <span>
#include <vector>

#include "central/store/store.h"

namespace costgate::central {

// The events to store: `events` itself when none needs its project's place, else `filled`
// holding a copy of them with the places filled in. A store failure leaves events as sent (the
// insert that follows reports the store's state).
std::span<const Event> AttributeToProjects(Store& store, std::span<const Event> events,
                                           std::vector<Event>& filled);

}  // namespace costgate::central
