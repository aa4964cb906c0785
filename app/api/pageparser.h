#pragma once

#include "api/parsedpage.h"

#include <QByteArray>

// Parses a response body of GET .../agent/run/{id}/logs. Pure function, thread-safe: meant to
// run on a worker thread. Validates the whole document (simdjson's DOM parser) and slices each
// log entry's exact bytes (its On-Demand parser), so nothing is re-serialised.
namespace PageParser {
PageParseResult parse(const QByteArray &body);
}
