// SPDX-License-Identifier: MIT
#include "run/timestamps.h"

#include "run/logentry.h"

#include <QDateTime>

namespace {

// Reads exactly `count` ASCII digits at pos; -1 when any is missing.
int readDigits(QStringView s, qsizetype pos, int count)
{
    if (pos + count > s.size())
        return -1;
    int value = 0;
    for (int k = 0; k < count; ++k) {
        const char16_t c = s[pos + k].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + int(c - u'0');
    }
    return value;
}

bool isLeapYear(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): plain
// integer arithmetic, no time zone database, no allocation.
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

namespace Timestamps {

qint64 parseUtcMsecs(QStringView text)
{
    const QStringView s = text.trimmed();
    const int year = readDigits(s, 0, 4);
    if (year < 0 || s.size() < 10 || s[4] != u'-' || s[7] != u'-')
        return LogEntry::kNoTime;
    const int month = readDigits(s, 5, 2);
    const int day = readDigits(s, 8, 2);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return LogEntry::kNoTime;

    int hour = 0, minute = 0, second = 0, millis = 0;
    qsizetype pos = 10;
    if (pos < s.size() && s[pos] != u'Z' && s[pos] != u'z') {
        const QChar sep = s[pos];
        if (sep != u'T' && sep != u't' && sep != u' ')
            return LogEntry::kNoTime;
        hour = readDigits(s, pos + 1, 2);
        if (hour < 0 || pos + 3 >= s.size() || s[pos + 3] != u':')
            return LogEntry::kNoTime;
        minute = readDigits(s, pos + 4, 2);
        if (hour > 23 || minute < 0 || minute > 59)
            return LogEntry::kNoTime;
        pos += 6;
        if (pos < s.size() && s[pos] == u':') {
            second = readDigits(s, pos + 1, 2);
            if (second < 0 || second > 60) // 60: a leap second, counted into the next minute
                return LogEntry::kNoTime;
            pos += 3;
            if (pos < s.size() && (s[pos] == u'.' || s[pos] == u',')) {
                ++pos;
                const qsizetype fracStart = pos;
                int scale = 100;
                while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
                    millis += scale * int(s[pos].unicode() - u'0'); // digits past the third add 0
                    scale /= 10;
                    ++pos;
                }
                if (pos == fracStart)
                    return LogEntry::kNoTime;
            }
        }
    }

    qint64 offsetMinutes = 0;
    if (pos < s.size()) {
        const QChar zone = s[pos];
        if (zone == u'Z' || zone == u'z') {
            ++pos;
        } else if (zone == u'+' || zone == u'-') {
            const int oh = readDigits(s, pos + 1, 2);
            if (oh < 0 || oh > 23)
                return LogEntry::kNoTime;
            pos += 3;
            int om = 0;
            if (pos < s.size()) {
                if (s[pos] == u':')
                    ++pos;
                om = readDigits(s, pos, 2);
                if (om < 0 || om > 59)
                    return LogEntry::kNoTime;
                pos += 2;
            }
            offsetMinutes = (oh * 60 + om) * (zone == u'-' ? -1 : 1);
        } else {
            return LogEntry::kNoTime;
        }
    }
    if (pos != s.size())
        return LogEntry::kNoTime;

    const qint64 secs = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
            - offsetMinutes * 60;
    return secs * 1000 + millis;
}

QString formatLocal(qint64 msecs, LocalStyle style)
{
    if (msecs == LogEntry::kNoTime)
        return {};
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(msecs, Qt::LocalTime);
    return local.toString(style == LocalStyle::Time ? QStringLiteral("HH:mm:ss.zzz")
                                                    : QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString formatRowTime(qint64 msecs, Clock clock, bool withDate)
{
    if (msecs == LogEntry::kNoTime)
        return {};
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msecs, clock == Clock::Utc ? Qt::UTC : Qt::LocalTime);
    return at.toString(withDate ? QStringLiteral("MM-dd HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss.zzz"));
}

QString formatSinceStart(qint64 msecs, qint64 startMsecs)
{
    if (msecs == LogEntry::kNoTime || startMsecs == LogEntry::kNoTime)
        return {};
    const qint64 delta = msecs - startMsecs;
    const QString sign = delta < 0 ? QStringLiteral("-") : QString();
    const quint64 a = delta < 0 ? quint64(0) - quint64(delta) : quint64(delta);
    const quint64 ms = a % 1000;
    const quint64 seconds = (a / 1000) % 60;
    const quint64 minutes = (a / 60'000) % 60;
    const quint64 hours = (a / 3'600'000) % 24;
    const quint64 days = a / 86'400'000;
    const QLatin1Char zero('0');
    if (days > 0)
        return QStringLiteral("%1%2d %3:%4:%5.%6").arg(sign).arg(days).arg(hours, 2, 10, zero)
            .arg(minutes, 2, 10, zero).arg(seconds, 2, 10, zero).arg(ms, 3, 10, zero);
    if (hours > 0)
        return QStringLiteral("%1%2:%3:%4.%5").arg(sign).arg(hours).arg(minutes, 2, 10, zero)
            .arg(seconds, 2, 10, zero).arg(ms, 3, 10, zero);
    return QStringLiteral("%1%2:%3.%4").arg(sign).arg(minutes).arg(seconds, 2, 10, zero).arg(ms, 3, 10, zero);
}

bool onDifferentDays(qint64 firstMsecs, qint64 lastMsecs, Clock clock)
{
    if (firstMsecs == LogEntry::kNoTime || lastMsecs == LogEntry::kNoTime)
        return false;
    const Qt::TimeSpec spec = clock == Clock::Utc ? Qt::UTC : Qt::LocalTime;
    return QDateTime::fromMSecsSinceEpoch(firstMsecs, spec).date() != QDateTime::fromMSecsSinceEpoch(lastMsecs, spec).date();
}

namespace {
// The forms of one style of gap: tenths of a second, seconds, minutes and seconds, hours and minutes.
struct GapForms
{
    const char *tenths;
    const char *seconds;
    const char *minutes;
    const char *hours;
    int secondFieldWidth; // 2 pads "+5 min 07 s"; 0 leaves "+5m 7s"
};

QString formatGapWith(qint64 msecs, const GapForms &forms)
{
    if (msecs == LogEntry::kNoTime)
        return {};
    const QChar sign = msecs < 0 ? u'-' : u'+';
    const quint64 a = msecs < 0 ? quint64(0) - quint64(msecs) : quint64(msecs);
    const QLatin1Char zero('0');
    if (a < 10'000)
        return QLatin1String(forms.tenths).arg(sign).arg(a / 1000).arg((a % 1000) / 100);
    if (a < 60'000)
        return QLatin1String(forms.seconds).arg(sign).arg(a / 1000);
    if (a < 3'600'000)
        return QLatin1String(forms.minutes).arg(sign).arg(a / 60'000).arg((a / 1000) % 60, forms.secondFieldWidth, 10, zero);
    return QLatin1String(forms.hours).arg(sign).arg(a / 3'600'000).arg((a / 60'000) % 60, forms.secondFieldWidth, 10, zero);
}
} // namespace

QString formatGap(qint64 msecs)
{
    return formatGapWith(msecs, {"%1%2.%3 s", "%1%2 s", "%1%2 min %3 s", "%1%2 h %3 min", 2});
}

QString formatGapShort(qint64 msecs)
{
    return formatGapWith(msecs, {"%1%2.%3s", "%1%2s", "%1%2m %3s", "%1%2h %3m", 0});
}

} // namespace Timestamps
