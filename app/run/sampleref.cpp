// SPDX-License-Identifier: MIT
#include "run/sampleref.h"

#include <QCoreApplication>

QString sampleText(const SampleRef &sample)
{
    if (sample.epoch <= 0)
        return QCoreApplication::translate("SampleRef", "sample %1").arg(sample.id);
    return QCoreApplication::translate("SampleRef", "sample %1, epoch %2").arg(sample.id).arg(sample.epoch);
}

QString sampleKey(const SampleRef &sample)
{
    return QStringLiteral("sample=%1 epoch=%2").arg(sample.id).arg(sample.epoch);
}
