// The receiver of the bytes a stream reader produces, defined in base/ (the gzip decoder and the
// server core's body reader write to it too); named here so filter code says stream::ByteSink.
#pragma once

#include "base/byte_sink.h"

namespace costgate::filters::stream {

using base::ByteSink;

}  // namespace costgate::filters::stream
