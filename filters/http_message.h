// The HTTP message heads filters inspect and edit. They are defined once in base/ (daemon/http
// parses and serialises the same values); these names let filter code say Headers rather than
// base::Headers.
#pragma once

#include "base/http_message.h"

namespace costgate::filters {

using base::EqualsIgnoreCase;
using base::Headers;
using base::RequestHead;
using base::ResponseHead;

}  // namespace costgate::filters
