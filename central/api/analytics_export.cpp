// GET /admin/v1/analytics/export?view=events|breakdown|focus&format=csv|jsonl (breakdown: &by=)
// with the range and filters of every analytics route: a file to download (Content-Disposition:
// attachment), streamed (body_stream.h) so that 10 million events take no more memory than ten.
//
// The events and FOCUS exports read through a store connection of their own (Store::OpenReader):
// one snapshot from first row to last, and the reading thread that made the response is free at
// once. A store without a second connection (a private in-memory database: tests) has the whole
// file made before the answer instead.
#include <algorithm>
#include <memory>
#include <utility>

#include "central/api/analytics_ranking.h"
#include "central/api/analytics_request.h"
#include "central/api/analytics_time.h"
#include "central/api/api_error.h"
#include "central/api/event_json.h"
#include "central/api/export_rows.h"
#include "central/budgets/budget_period.h"

namespace costgate::central {
namespace {

enum class ExportFormat { kCsv, kJsonl };

constexpr size_t kExportBatchEvents = 512;

// Which store an export reads: its own reader, or (none to be had) the request's.
struct ExportStore {
  std::unique_ptr<Store> own;
  Store* store = nullptr;
};

ExportStore StoreForExport(Store& request_store) {
  ExportStore chosen;
  if (auto reader = request_store.OpenReader();
      auto* opened = std::get_if<std::unique_ptr<Store>>(&reader)) {
    chosen.own = std::move(*opened);
    chosen.store = chosen.own.get();
  } else {
    chosen.store = &request_store;
  }
  return chosen;
}

class EventsExport final : public BodyStream {
 public:
  EventsExport(ExportStore store, std::unique_ptr<EventScan> scan, ExportFormat format)
      : store_(std::move(store)), scan_(std::move(scan)), format_(format) {}

  Part Next(std::string& out, size_t target_bytes) override {
    if (!started_ && format_ == ExportFormat::kCsv) {
      CsvWriter header;
      AppendEventCsvHeader(header);
      out += header.text();
    }
    started_ = true;
    while (out.size() < target_bytes) {
      StoreError error;
      if (!scan_->Next(batch_, kExportBatchEvents, error)) {
        return Part::kFailed;
      }
      if (batch_.empty()) {
        scan_.reset();
        return Part::kLast;
      }
      if (format_ == ExportFormat::kCsv) {
        CsvWriter rows;
        for (const Event& e : batch_) {
          AppendEventCsvRow(rows, e);
        }
        out += rows.text();
      } else {
        for (const Event& e : batch_) {
          AppendEventJson(out, e);
          out += '\n';
        }
      }
    }
    return Part::kMore;
  }

 private:
  ExportStore store_;  // before scan_: the scan's statement is finalized before its connection
  std::unique_ptr<EventScan> scan_;
  ExportFormat format_;
  bool started_ = false;
  std::vector<Event> batch_;
};

// Breakdown rows, made before the answer (one row per value of a dimension: small beside the
// events), written a part at a time.
class BreakdownExport final : public BodyStream {
 public:
  BreakdownExport(Dimension by, std::vector<AnalyticsRow> rows, ExportFormat format)
      : by_(by), rows_(std::move(rows)), format_(format) {}

  Part Next(std::string& out, size_t target_bytes) override {
    const std::string_view name = DimensionName(by_);
    CsvWriter csv;
    if (next_ == 0 && format_ == ExportFormat::kCsv) {
      AppendBreakdownCsvHeader(csv, name);
    }
    for (; next_ < rows_.size() && out.size() + csv.text().size() < target_bytes; ++next_) {
      if (format_ == ExportFormat::kCsv) {
        AppendBreakdownCsvRow(csv, rows_[next_]);
      } else {
        AppendBreakdownJsonLine(out, name, rows_[next_]);
      }
    }
    out += csv.text();
    return next_ < rows_.size() ? Part::kMore : Part::kLast;
  }

 private:
  Dimension by_;
  std::vector<AnalyticsRow> rows_;
  ExportFormat format_;
  size_t next_ = 0;
};

// FOCUS rows, one local day of the range at a time: the day's sums grouped by every dimension.
class FocusExport final : public BodyStream {
 public:
  FocusExport(ExportStore store, std::vector<int64_t> edges, std::vector<AnalyticsFilter> filters,
              ExportFormat format)
      : store_(std::move(store)),
        edges_(std::move(edges)),
        filters_(std::move(filters)),
        format_(format) {}

  Part Next(std::string& out, size_t target_bytes) override {
    CsvWriter csv;
    if (day_ == 0 && format_ == ExportFormat::kCsv) {
      AppendFocusCsvHeader(csv);
    }
    std::vector<Dimension> every;
    for (size_t d = 0; d < kDimensionCount; ++d) {
      every.push_back(static_cast<Dimension>(d));
    }
    while (day_ + 1 < edges_.size() && out.size() + csv.text().size() < target_bytes) {
      const int64_t start = edges_[day_];
      const int64_t end = edges_[day_ + 1];
      ++day_;
      StoreResult<std::vector<AnalyticsRow>> rows =
          store_.store->Aggregate({start, end, filters_, every});
      if (std::holds_alternative<StoreError>(rows)) {
        return Part::kFailed;
      }
      // The most expensive first, as a reader scans a day (ties in key order: the same file
      // every time).
      std::vector<AnalyticsRow>& day = std::get<std::vector<AnalyticsRow>>(rows);
      std::sort(day.begin(), day.end(), [](const AnalyticsRow& a, const AnalyticsRow& b) {
        return a.measures.cost_pico != b.measures.cost_pico
                   ? a.measures.cost_pico > b.measures.cost_pico
                   : a.keys < b.keys;
      });
      for (const AnalyticsRow& row : day) {
        if (format_ == ExportFormat::kCsv) {
          AppendFocusCsvRow(csv, row, start, end);
        } else {
          AppendFocusJsonLine(out, row, start, end);
        }
      }
    }
    out += csv.text();
    return day_ + 1 < edges_.size() ? Part::kMore : Part::kLast;
  }

 private:
  ExportStore store_;
  std::vector<int64_t> edges_;
  std::vector<AnalyticsFilter> filters_;
  ExportFormat format_;
  size_t day_ = 0;
};

std::string ExportFileName(std::string_view view, const AnalyticsRequest& request,
                           ExportFormat format) {
  // Dates only: digits and dashes, safe in a header and on every file system.
  const std::string from =
      budgets::LocalTimeText(request.from_unix_ms, *request.zone).substr(0, 10);
  const std::string to =
      budgets::LocalTimeText(request.to_unix_ms - 1, *request.zone).substr(0, 10);
  return "costgate-" + std::string(view) + "-" + from + "-to-" + to +
         (format == ExportFormat::kCsv ? ".csv" : ".jsonl");
}

// The stream as the answer: sent part by part, or, when it reads the request's own store (no
// second connection), made whole now.
ApiResponse Streamed(std::shared_ptr<BodyStream> stream, bool own_store) {
  ApiResponse response;
  if (own_store) {
    response.stream = std::move(stream);
    return response;
  }
  for (;;) {
    const BodyStream::Part part = stream->Next(response.body, SIZE_MAX);
    if (part == BodyStream::Part::kFailed) {
      return StoreUnavailable();
    }
    if (part == BodyStream::Part::kLast) {
      return response;
    }
  }
}

}  // namespace

ApiResponse HandleAnalyticsExport(const Call& call) {
  std::variant<AnalyticsRequest, ApiResponse> read =
      ReadAnalyticsRequest(call, {"view", "format", "by"});
  if (auto* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const AnalyticsRequest& request = std::get<AnalyticsRequest>(read);
  const std::string* view = call.query.Find("view");
  if (view == nullptr || (*view != "events" && *view != "breakdown" && *view != "focus")) {
    return ErrorResponse(400, "invalid_query", "view must be events, breakdown or focus", "view");
  }
  const std::string* format_text = call.query.Find("format");
  ExportFormat format = ExportFormat::kCsv;
  if (format_text != nullptr && *format_text == "jsonl") {
    format = ExportFormat::kJsonl;
  } else if (format_text != nullptr && *format_text != "csv") {
    return ErrorResponse(400, "invalid_query", "format must be csv or jsonl", "format");
  }

  std::shared_ptr<BodyStream> stream;
  bool own_store = false;
  if (*view == "breakdown") {
    std::variant<Dimension, ApiResponse> by = ReadDimension(call.query, "by");
    if (auto* refused = std::get_if<ApiResponse>(&by)) {
      return std::move(*refused);
    }
    auto rows = AggregateFor(call, request, request.from_unix_ms, request.to_unix_ms,
                             {std::get<Dimension>(by)});
    if (auto* refused = std::get_if<ApiResponse>(&rows)) {
      return std::move(*refused);
    }
    stream = std::make_shared<BreakdownExport>(
        std::get<Dimension>(by),
        RankByFirstKey(std::get<std::vector<AnalyticsRow>>(rows),
                       [](const AnalyticsMeasures& m) { return m.cost_pico; }),
        format);
  } else if (*view == "events") {
    ExportStore store = StoreForExport(call.store);
    own_store = store.own != nullptr;
    auto scan = store.store->ScanEvents(request.from_unix_ms, request.to_unix_ms, request.filters);
    if (std::holds_alternative<StoreError>(scan)) {
      return StoreUnavailable();
    }
    stream = std::make_shared<EventsExport>(
        std::move(store), std::get<std::unique_ptr<EventScan>>(std::move(scan)), format);
  } else {
    std::vector<int64_t> edges =
        BucketEdges(request.from_unix_ms, request.to_unix_ms, BucketKind::kDay, *request.zone);
    // The range's own ends, not its days' (a range may start or end mid-day).
    edges.front() = request.from_unix_ms;
    edges.back() = request.to_unix_ms;
    ExportStore store = StoreForExport(call.store);
    own_store = store.own != nullptr;
    stream =
        std::make_shared<FocusExport>(std::move(store), std::move(edges), request.filters, format);
  }

  ApiResponse response = Streamed(std::move(stream), own_store);
  if (response.status != 200) {
    return response;
  }
  response.content_type =
      format == ExportFormat::kCsv ? "text/csv; charset=utf-8" : "application/x-ndjson";
  response.headers.push_back(
      {"Content-Disposition",
       "attachment; filename=\"" + ExportFileName(*view, request, format) + "\""});
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

}  // namespace costgate::central
