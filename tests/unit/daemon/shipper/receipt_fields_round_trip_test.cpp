// Every field of base/receipt_fields.h makes the whole journey: a receipt written to the outbox,
// read back for shipping, written as usage/batch JSON, read by central and stored in its events
// table, then found again. The test walks the field table, so a new field is covered by it
// without a change here.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "base/receipt_fields.h"
#include "central/api/batch_event.h"
#include "central/api/json_read.h"
#include "central/store/open_store.h"
#include "daemon/shipper/batch_json.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::shipper {
namespace {

// Gives a field a value of its own: different from the member's default and from every other
// field's (the field's index is in it), within what central accepts for its kind.
struct DistinctValue {
  size_t index;

  void operator()(std::string& v) const { v = "field-" + std::to_string(index); }
  void operator()(bool& v) const { v = !v; }
  void operator()(int& v) const { v = 100 + static_cast<int>(index); }  // an HTTP status
  // Grows with the index, so end_unix_ms (after start_unix_ms in the table) stays >= it.
  void operator()(int64_t& v) const { v = 1'000 + static_cast<int64_t>(index); }
  void operator()(uint64_t& v) const { v = 1'000 + index; }
  void operator()(std::optional<pricing::Money>& v) const {
    v = pricing::Money::FromPico(1'000 + static_cast<int64_t>(index));
  }
  void operator()(filters::Outcome& v) const { v = filters::Outcome::kCancelled; }
  void operator()(filters::Units& v) const {
    v.Set(filters::kUnitInputTokens, 1'000 + static_cast<int64_t>(index));
  }
};

filters::Receipt EveryFieldSet() {
  filters::Receipt r;
  base::ForEachReceiptFieldIndex([&](auto index) {
    const DistinctValue set{index.value};
    set(std::get<index.value>(base::kReceiptFields).outbox.Of(r));
  });
  return r;
}

template <typename T>
std::string Text(const T& v) {
  return ::testing::PrintToString(v);
}
std::string Text(const std::string& v) { return v; }
std::string Text(const filters::Units& v) { return v.ToJson(); }
std::string Text(const std::optional<pricing::Money>& v) {
  return v ? std::to_string(v->pico()) : "null";
}
std::string Text(filters::Outcome v) { return std::string(filters::OutcomeName(v)); }
std::string Text(const central::EventUnits& units) {
  std::string out;
  for (const auto& [name, count] : units) {
    out.append(name).append("=").append(std::to_string(count)).append(";");
  }
  return out;
}

// A receipt's value as central holds it.
template <typename T>
std::string AtCentral(const T& v) {
  return Text(v);
}
std::string AtCentral(const filters::Units& v) {
  central::EventUnits units;
  for (const auto& [name, count] : v.entries()) {
    units.emplace_back(name, count);
  }
  return Text(units);
}

TEST(ReceiptFieldTable, EveryFieldSetBeforeTheJourney) {
  const filters::Receipt set = EveryFieldSet();
  const filters::Receipt unset;
  base::ForEachReceiptField([&](const auto& field) {
    EXPECT_NE(Text(field.outbox.Of(set)), Text(field.outbox.Of(unset))) << field.key;
  });
}

class ReceiptFieldsRoundTrip : public outbox::testing::WriterTest {};

TEST_F(ReceiptFieldsRoundTrip, EveryFieldArrivesAtCentralAsWritten) {
  const filters::Receipt written = EveryFieldSet();

  // The outbox: a row, read back for shipping.
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(written);
  writer_.Flush();
  const outbox::ShipBatch batch = writer_.NextShipBatch(10, false);
  ASSERT_EQ(batch.receipts.size(), 1u);
  const outbox::StoredReceipt& stored = batch.receipts[0];
  base::ForEachReceiptField([&](const auto& field) {
    const auto& value = field.outbox.Of(stored.receipt);
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, filters::Units>) {
      EXPECT_EQ(stored.units_json, field.outbox.Of(written).ToJson()) << field.key;
    } else {
      EXPECT_EQ(Text(value), Text(field.outbox.Of(written))) << field.key;
    }
  });

  // The shipper's JSON, read by central.
  const std::string json = BatchJson(batch.receipts);
  simdjson::dom::element event;
  ASSERT_EQ(central::ParseJsonBody(json)["events"].at(0).get(event), simdjson::SUCCESS) << json;
  auto read = central::ReadBatchEvent(event);
  ASSERT_TRUE(std::holds_alternative<central::Event>(read))
      << std::get<central::FieldError>(read).field << ": "
      << std::get<central::FieldError>(read).reason << "\n"
      << json;

  // Central's events table.
  auto opened = central::OpenStore({config::StoreLocation::Kind::kSqlite, ":memory:"},
                                   config::SqliteSynchronous::kNormal);
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<central::Store>>(opened));
  central::Store& store = *std::get<std::unique_ptr<central::Store>>(opened);
  store.InsertEvents(std::vector{std::get<central::Event>(read)});
  const std::optional<central::Event> found =
      std::get<std::optional<central::Event>>(store.FindEvent(written.event_id));
  ASSERT_TRUE(found.has_value());
  base::ForEachReceiptField([&](const auto& field) {
    if constexpr (base::kKeptByCentral<decltype(field)>) {
      EXPECT_EQ(Text(field.central.Of(*found)), AtCentral(field.outbox.Of(written))) << field.key;
    }
  });
}

}  // namespace
}  // namespace costgate::daemon::shipper
