// SPDX-License-Identifier: MIT
#include "rows/metadataformatter.h"

#include "run/keyfieldsummary.h"

#include "json/jsontext.h"

#include <QCoreApplication>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace {
// Same bytes? Sizes first, then shared data, then the bytes: a repeat of a large object costs
// one memcmp, never a format.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && (a.constData() == b.constData() || a == b);
}
} // namespace

MetadataFormatter::MetadataFormatter(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Text>::finished, this, &MetadataFormatter::onFormatted);
}

MetadataFormatter::~MetadataFormatter()
{
    // The worker owns its copy of the bytes and returns a value: let it finish unobserved.
    m_watcher.disconnect(this);
}

MetadataFormatter::Text MetadataFormatter::format(const QByteArray &raw)
{
    Text text;
    if (raw.isEmpty())
        return text;
    // One line of its key fields ("repository: acme · branch: fix"), else compact JSON.
    QByteArray oneLine = KeyFieldSummary::of(raw, kOneLineBytes);
    if (oneLine.isEmpty()) // not an object
        oneLine = JsonText::compactPreview(raw, kOneLineBytes);
    text.oneLine = QString::fromUtf8(oneLine);
    if (raw.size() <= kMaxFullChars) {
        text.full = JsonText::readable(raw); // key: value pairs, as the detail pane shows JSON
        return text;
    }
    const QByteArray pretty = JsonText::pretty(raw);
    // Cut at the byte limit before decoding so a huge object is never decoded whole; the
    // character count after decoding can only be smaller.
    const qsizetype shownBytes = std::min<qsizetype>(pretty.size(), kMaxFullChars);
    text.full = QString::fromUtf8(pretty.left(shownBytes));
    if (shownBytes < pretty.size()) {
        if (!text.full.isEmpty() && text.full.back() == QChar::ReplacementCharacter)
            text.full.chop(1); // a character cut in two
        const QLocale locale;
        text.full += QLatin1Char('\n')
            + QCoreApplication::translate("MetadataFormatter",
                                          "… (the metadata goes on: %1 of %2 shown here; an export keeps all of it)")
                  .arg(locale.formattedDataSize(shownBytes), locale.formattedDataSize(pretty.size()));
    }
    return text;
}

void MetadataFormatter::setMetadata(const QByteArray &raw)
{
    if (sameBytes(raw, m_wanted) && (m_haveText || m_formatInFlight || raw.isEmpty()))
        return;
    m_wanted = raw;
    m_haveText = false;
    if (raw.isEmpty()) {
        m_text = Text();
        m_haveText = true;
        emit formatted();
        return;
    }
    if (!m_formatInFlight)
        startFormat();
    // else: onFormatted() sees that m_wanted moved on and formats it then.
}

void MetadataFormatter::clear()
{
    m_wanted.clear();
    m_inFormat.clear();
    m_text = Text();
    m_haveText = false;
}

void MetadataFormatter::startFormat()
{
    m_inFormat = m_wanted;
    ++m_formatCount;
    m_formatInFlight = true;
    m_watcher.setFuture(QtConcurrent::run([raw = m_inFormat] { return format(raw); }));
}

void MetadataFormatter::onFormatted()
{
    m_formatInFlight = false;
    const Text text = m_watcher.result();
    if (m_wanted.isEmpty())
        return; // cleared while it ran
    if (!sameBytes(m_inFormat, m_wanted)) {
        // Superseded while it ran: the newest value is what counts.
        startFormat();
        return;
    }
    m_text = text;
    m_haveText = true;
    emit formatted();
}
