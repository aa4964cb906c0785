// SPDX-License-Identifier: MIT
#include "runfile/samplechoice.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace SampleChoice {

int indexOf(const QList<InspectSampleInfo> &samples, const SampleRef &sample)
{
    for (qsizetype i = 0; i < samples.size(); ++i) {
        if (samples.at(i).id == sample.id && (sample.epoch == 0 || samples.at(i).epoch == sample.epoch))
            return int(i);
    }
    return -1;
}

SampleRef refOf(const InspectSampleInfo &sample)
{
    return SampleRef{sample.id, sample.epoch};
}

QString listText(const QList<InspectSampleInfo> &samples)
{
    constexpr qsizetype kNamed = 10;
    QStringList names;
    for (qsizetype i = 0; i < samples.size() && i < kNamed; ++i) {
        // A sample file that could not be read has no id: its place names it.
        if (samples.at(i).id.isEmpty())
            names.append(QCoreApplication::translate("SampleChoice", "#%1 (not readable)").arg(i + 1));
        else
            names.append(QCoreApplication::translate("SampleChoice", "%1 (epoch %2)").arg(samples.at(i).id).arg(samples.at(i).epoch));
    }
    QString text = names.join(QLatin1String(", "));
    if (samples.size() > kNamed) {
        text = QCoreApplication::translate("SampleChoice", "%1 and %n more", nullptr, int(samples.size() - kNamed)).arg(text);
    }
    return text;
}

} // namespace SampleChoice
