#include "daemon/metrics/family.h"

#include <algorithm>
#include <string_view>

#include "daemon/metrics/text_format.h"

namespace costgate::daemon::metrics {
namespace {

std::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

void AppendHeader(std::string& out, const FamilyDef& family) {
  out += "# HELP ";
  out += family.name;
  out += ' ';
  AppendEscapedHelp(out, family.help);
  out += "\n# TYPE ";
  out += family.name;
  out += ' ';
  out += TypeName(family.type);
  out += '\n';
}

// `name{a="x",b="y",le="0.5"} ` -- `le` only for histogram buckets; no braces without labels.
void AppendSeries(std::string& out, std::string_view name, std::string_view suffix,
                  const FamilyDef& family, const std::vector<std::string>& values,
                  std::string_view le = {}) {
  out += name;
  out += suffix;
  if (!values.empty() || !le.empty()) {
    out += '{';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) {
        out += ',';
      }
      out += family.label_names[i];
      out += "=\"";
      AppendEscapedLabelValue(out, values[i]);
      out += '"';
    }
    if (!le.empty()) {
      out += values.empty() ? "le=\"" : ",le=\"";
      out += le;
      out += '"';
    }
    out += '}';
  }
  out += ' ';
}

void AppendHistogramChild(std::string& out, const FamilyDef& family,
                          const std::vector<std::string>& values, const Cell& cell) {
  uint64_t cumulative = 0;
  std::string le;
  for (size_t i = 0; i <= family.upper_bounds.size(); ++i) {
    cumulative += cell.buckets[i];
    le.clear();
    if (i < family.upper_bounds.size()) {
      AppendDouble(le, family.upper_bounds[i]);
    } else {
      le = "+Inf";
    }
    AppendSeries(out, family.name, "_bucket", family, values, le);
    AppendUint(out, cumulative);
    out += '\n';
  }
  AppendSeries(out, family.name, "_sum", family, values);
  AppendDouble(out, cell.sum);
  out += '\n';
  AppendSeries(out, family.name, "_count", family, values);
  AppendUint(out, cell.count);
  out += '\n';
}

}  // namespace

Cell Cell::For(const FamilyDef& family) {
  Cell cell;
  if (family.type == MetricType::kHistogram) {
    cell.buckets.resize(family.upper_bounds.size() + 1);
  }
  return cell;
}

void Cell::Merge(const Cell& other) {
  count += other.count;
  gauge += other.gauge;
  sum += other.sum;
  for (size_t i = 0; i < other.buckets.size() && i < buckets.size(); ++i) {
    buckets[i] += other.buckets[i];
  }
}

void AppendCellFamily(std::string& out, const FamilyDef& family,
                      const std::map<std::vector<std::string>, Cell>& cells) {
  AppendHeader(out, family);
  // An unlabelled family is a single series: show it at zero before its first update.
  const std::map<std::vector<std::string>, Cell> zero = {{{}, Cell::For(family)}};
  const auto& children = cells.empty() && family.label_names.empty() ? zero : cells;
  for (const auto& [values, cell] : children) {
    switch (family.type) {
      case MetricType::kCounter:
        AppendSeries(out, family.name, "", family, values);
        AppendUint(out, cell.count);
        out += '\n';
        break;
      case MetricType::kGauge:
        AppendSeries(out, family.name, "", family, values);
        AppendInt(out, cell.gauge);
        out += '\n';
        break;
      case MetricType::kHistogram:
        AppendHistogramChild(out, family, values, cell);
        break;
    }
  }
}

void AppendCallbackFamily(std::string& out, const FamilyDef& family, std::vector<Sample> samples) {
  AppendHeader(out, family);
  std::sort(samples.begin(), samples.end(),
            [](const Sample& a, const Sample& b) { return a.label_values < b.label_values; });
  for (const Sample& sample : samples) {
    if (sample.label_values.size() != family.label_names.size()) {
      continue;  // a callback bug must not corrupt the exposition
    }
    AppendSeries(out, family.name, "", family, sample.label_values);
    AppendDouble(out, sample.value);
    out += '\n';
  }
}

}  // namespace costgate::daemon::metrics
