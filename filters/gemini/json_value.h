// Reading small captured JSON values (a usage object, a model name, request parameters).
// Pure; malformed or mistyped input is nullopt, never an exception.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace costgate::filters::gemini {

// A JSON string's decoded text.
std::optional<std::string> JsonString(std::string_view raw);

// A non-negative integer: a JSON number with an integral value, or a string of digits ("8").
std::optional<int64_t> JsonCount(std::string_view raw);

// The count at `path` (keys of nested objects) inside the JSON object `raw`.
std::optional<int64_t> JsonCountAt(std::string_view raw, std::string_view key,
                                   std::string_view nested_key = {});

// A model name as a receipt names it: what follows "models/" in a resource name
// ("models/gemini-2.5-flash", "projects/p/locations/l/publishers/google/models/gemini-2.5-pro"),
// without the "google/" of Vertex's OpenAI-compatible endpoint ("google/gemini-2.0-flash").
// A tuned model ("tunedModels/x") keeps its whole name. The view points into `name`.
std::string_view BareModelView(std::string_view name) noexcept;
std::string BareModelName(std::string_view name);

}  // namespace costgate::filters::gemini
