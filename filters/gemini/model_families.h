// Model families whose `:predict` / `:predictLongRunning` calls Google bills, by the model id
// of the path (PROVIDERS.md A2, A6).
#pragma once

#include <string_view>

namespace costgate::filters::gemini {

// Vertex AI text embedding models billed per character of input (text-embedding-004/005,
// textembedding-gecko*, text-multilingual-embedding-*, multimodalembedding*).
inline bool IsCharacterBilledEmbeddingModel(std::string_view model) noexcept {
  return model.starts_with("text-embedding-") || model.starts_with("textembedding-gecko") ||
         model.starts_with("text-multilingual-embedding-") ||
         model.starts_with("multimodalembedding");
}

// Every embedding model `:predict` serves: the character-billed ones and gemini-embedding-*
// (billed per token).
inline bool IsEmbeddingModel(std::string_view model) noexcept {
  return IsCharacterBilledEmbeddingModel(model) || model.starts_with("gemini-embedding-");
}

inline bool IsImagenModel(std::string_view model) noexcept { return model.starts_with("imagen-"); }

inline bool IsVeoModel(std::string_view model) noexcept { return model.starts_with("veo-"); }

}  // namespace costgate::filters::gemini
