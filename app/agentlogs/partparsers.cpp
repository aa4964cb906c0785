// SPDX-License-Identifier: MIT
#include "agentlogs/partparsers.h"

#include "json/paddedjson.h"

namespace PartParsers {

bool parse(QByteArrayView part, const char *readableEnd, simdjson::dom::parser &parser, simdjson::dom::element &value)
{
    const PaddedJson padded(part, readableEnd - (part.data() + part.size()));
    return padded.isValid() && !parser.parse(padded.data(), padded.size(), false).get(value);
}

} // namespace PartParsers
