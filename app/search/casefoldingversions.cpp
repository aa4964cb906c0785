// SPDX-License-Identifier: MIT
#include "search/casefoldingversions.h"

#include <QChar>
#include <QStringList>

#if defined(RUNLOG_HAVE_PCRE2) || defined(RUNLOG_HAVE_PCRE2_8)
#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 0 // every width's names, none of them the default
#endif
#include <pcre2.h>
#endif

namespace CaseFoldingVersions {

QString qtUnicodeVersion()
{
    switch (QChar::currentUnicodeVersion()) {
    case QChar::Unicode_13_0: return QStringLiteral("13.0");
    case QChar::Unicode_14_0: return QStringLiteral("14.0");
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    case QChar::Unicode_15_0: return QStringLiteral("15.0");
#endif
#if QT_VERSION >= QT_VERSION_CHECK(6, 7, 0)
    case QChar::Unicode_15_1: return QStringLiteral("15.1");
#endif
#if QT_VERSION >= QT_VERSION_CHECK(6, 9, 0)
    case QChar::Unicode_16_0: return QStringLiteral("16.0");
#endif
    default: return {};
    }
}

QString matcherUnicodeVersion()
{
    QString eight, sixteen;
#ifdef RUNLOG_HAVE_PCRE2_8
    PCRE2_UCHAR8 text8[32] = {};
    if (pcre2_config_8(PCRE2_CONFIG_UNICODE_VERSION, text8) > 0)
        eight = QString::fromLatin1(reinterpret_cast<const char *>(text8));
#endif
#ifdef RUNLOG_HAVE_PCRE2
    PCRE2_UCHAR16 text16[32] = {};
    if (pcre2_config_16(PCRE2_CONFIG_UNICODE_VERSION, text16) > 0)
        sixteen = QString::fromUtf16(reinterpret_cast<const char16_t *>(text16));
#endif
    if (!eight.isEmpty() && !sixteen.isEmpty())
        return eight == sixteen ? eight : QString();
    return eight.isEmpty() ? sixteen : eight;
}

bool sameVersion(QStringView qt, QStringView pcre2)
{
    const QList<QStringView> a = qt.split(u'.');
    const QList<QStringView> b = pcre2.split(u'.');
    if (a.size() < 2 || b.size() < 2)
        return false;
    bool ok[4] = {};
    const int numbers[4] = {a.at(0).toInt(&ok[0]), a.at(1).toInt(&ok[1]), b.at(0).toInt(&ok[2]), b.at(1).toInt(&ok[3])};
    return ok[0] && ok[1] && ok[2] && ok[3] && numbers[0] == numbers[2] && numbers[1] == numbers[3];
}

bool qtFoldsAsTheMatcher()
{
    static const bool same = sameVersion(qtUnicodeVersion(), matcherUnicodeVersion());
    return same;
}

}
