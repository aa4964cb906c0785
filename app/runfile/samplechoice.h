// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/inspectlog.h"
#include "run/sampleref.h"

#include <QList>
#include <QString>

// Which sample of a log of several (an Inspect eval log) a read converts, and the words for it.
namespace SampleChoice {

// The position of `sample` in `samples` (its id, and its epoch; epoch 0: the id's first); -1 when
// the log holds no such sample.
int indexOf(const QList<InspectSampleInfo> &samples, const SampleRef &sample);

// The sample as a user names it back: its id and epoch.
SampleRef refOf(const InspectSampleInfo &sample);

// "s-1 (epoch 1), 2 (epoch 1)", the first ten, then "and 5 more".
QString listText(const QList<InspectSampleInfo> &samples);

} // namespace SampleChoice
