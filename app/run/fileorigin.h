// SPDX-License-Identifier: MIT
#pragma once

#include "run/sampleref.h"

#include <QString>

#include <optional>

// Where the library keeps a run read from a file (another agent's log): its origin names the file,
// and the sample when the log holds several, as a file URL ("file:///home/dev/a.eval#sample=s-1&
// epoch=1"), so that it never mixes with an API's origin and the Library can open it again.
namespace FileOrigin {

QString of(const QString &absolutePath, const std::optional<SampleRef> &sample = std::nullopt);
bool isFileOrigin(const QString &origin);

struct Parts
{
    QString path;                      // absolute, native to the system
    std::optional<SampleRef> sample;
};
// Nothing for an origin that is not a file's.
std::optional<Parts> parse(const QString &origin);

} // namespace FileOrigin
