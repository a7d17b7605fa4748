#include "pricing/book_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>

#include "pricing/bundled.h"
#include "pricing/litellm_catalogue.h"
#include "pricing/price_history.h"
#include "pricing/yaml_catalogue.h"

namespace costgate::pricing {
namespace {

struct CloseFile {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// The whole file, or nullopt with `error` set (naming the file and why).
std::optional<std::string> ReadWholeFile(const std::string& path, std::string& error) {
  std::unique_ptr<std::FILE, CloseFile> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    error = "cannot read " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char buffer[65536];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
  }
  if (std::ferror(file.get())) {
    error = "cannot read " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  return text;
}

void AddLiteLlm(std::string_view origin, std::string_view json, int64_t effective_from_ms,
                std::vector<PriceRow>& rows, std::vector<std::string>& errors) {
  CatalogueLoad loaded = LoadLiteLlmCatalogue(json, effective_from_ms);
  for (std::string& error : loaded.errors) {
    errors.push_back(std::string(origin) + ": " + std::move(error));
  }
  if (loaded.errors.empty()) {
    std::move(loaded.rows.begin(), loaded.rows.end(), std::back_inserter(rows));
  }
}

void AddYaml(std::string_view origin, std::string_view yaml, Layer layer,
             std::vector<PriceRow>& rows, std::vector<std::string>& errors) {
  YamlCatalogueLoad loaded = LoadYamlCatalogue(yaml, layer, origin);
  // LoadYamlCatalogue's errors already start with the origin.
  std::move(loaded.errors.begin(), loaded.errors.end(), std::back_inserter(errors));
  if (loaded.errors.empty()) {
    std::move(loaded.rows.begin(), loaded.rows.end(), std::back_inserter(rows));
  }
}

// Saved versions priced usage since they were saved; one that no longer reads back (edited,
// truncated, a newer format) would silently drop those prices, so it stops the load instead.
void AddSavedVersions(const std::string& history_dir, std::vector<PriceRow>& rows, BookLoad& out) {
  HistoryList history = ListPriceHistory(history_dir);
  std::move(history.errors.begin(), history.errors.end(), std::back_inserter(out.errors));
  std::move(history.notes.begin(), history.notes.end(), std::back_inserter(out.notes));
  size_t loaded = 0;
  for (const SavedVersion& version : history.versions) {
    std::string error;
    std::optional<std::string> text = ReadWholeFile(version.path, error);
    if (!text) {
      out.errors.push_back(std::move(error));
      continue;
    }
    if (base::Sha256Hex(*text, kHistoryShaDigits) != version.sha) {
      out.errors.push_back(version.path +
                           ": content does not match the SHA-256 in its name (edited or "
                           "damaged after it was saved); restore it or move it away");
      continue;
    }
    const size_t errors_before = out.errors.size();
    AddLiteLlm(version.path, *text, version.effective_from_ms, rows, out.errors);
    loaded += out.errors.size() == errors_before ? 1 : 0;
  }
  if (loaded == history.versions.size() && loaded > 0) {
    out.notes.push_back(std::to_string(loaded) + " saved LiteLLM version(s) loaded from " +
                        history_dir + ", newest " + history.versions.back().path);
  }
}

}  // namespace

BookLoad LoadPriceBook(const config::PricingConfig& pricing) {
  BookLoad out;
  std::vector<PriceRow> rows;
  AddLiteLlm("bundled litellm_model_prices.json", BundledLiteLlmJson(), kSinceAlways, rows,
             out.errors);
  AddSavedVersions(pricing.history_dir, rows, out);
  AddYaml("bundled catalogue.yaml", BundledCatalogueYaml(), Layer::kCatalogue, rows, out.errors);
  if (!pricing.overrides_file.empty()) {
    std::string error;
    if (std::optional<std::string> text = ReadWholeFile(pricing.overrides_file, error)) {
      AddYaml(pricing.overrides_file, *text, Layer::kOverride, rows, out.errors);
    } else {
      out.errors.push_back(std::move(error));
    }
  }
  if (!out.errors.empty()) {
    return out;
  }
  out.book = PriceBook::Build(std::move(rows), BookOptions{pricing.elevenlabs_plan});
  return out;
}

}  // namespace costgate::pricing
