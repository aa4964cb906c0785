// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// One sample of a log that holds several (an Inspect eval log, where each sample is a run of its
// own): named by its id and epoch, as `--sample ID --epoch N`, Open Recent and the library name
// it. An id may repeat across epochs, so the pair names the sample.
struct SampleRef
{
    QString id;
    int epoch = 0; // 0: the first of the id's epochs in the log

    bool operator==(const SampleRef &other) const { return id == other.id && epoch == other.epoch; }
    bool operator!=(const SampleRef &other) const { return !(*this == other); }
};

// "sample s-1, epoch 2" (or "sample s-1" when no epoch is named), for titles, menus and messages.
QString sampleText(const SampleRef &sample);
// The sample as part of a key (notes kept for it): "sample=s-1 epoch=2"; not translated.
QString sampleKey(const SampleRef &sample);
