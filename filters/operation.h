// What a provider's route classifier says about one request target.
#pragma once

#include <string>

#include "filters/exchange.h"

namespace costgate::filters {

struct Operation {
  std::string name;  // "generateContent", "countTokens", "cachedContents.create", ...
  Metering metering = Metering::kUnmetered;
  std::string model;        // model named by the path, URL-decoded; empty when none
  bool stream_sse = false;  // the query asked for alt=sse
  // Whose price list applies when it differs from the provider's default ("vertex": a Vertex
  // AI path on the Gemini route, where list prices differ from the Gemini API's); empty: the
  // provider's own.
  std::string price_family;
};

}  // namespace costgate::filters
