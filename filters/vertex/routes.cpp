#include "filters/vertex/routes.h"

#include "filters/google/project_paths.h"

namespace costgate::filters::vertex {

// Cloud TTS's test is the narrow one (a method name, a client library token); everything else
// under /{ver}/projects is Vertex AI's, so the negation keeps the two from ever disagreeing.
bool ClaimsRequest(const RequestHead& request) noexcept {
  return !google::IsCloudTtsRequest(request);
}

}  // namespace costgate::filters::vertex
