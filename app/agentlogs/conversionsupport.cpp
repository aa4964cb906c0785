// SPDX-License-Identifier: MIT
#include "agentlogs/conversionsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

#include <algorithm>
#include <cstring>

ConversionWarnings::ConversionWarnings(int limit)
    : m_limit(limit)
{
}

void ConversionWarnings::add(const QString &warning)
{
    if (m_warnings.size() < m_limit)
        m_warnings.append(warning);
    else
        ++m_leftOff;
}

void ConversionWarnings::addAll(ConversionWarnings &&other)
{
    for (const QString &warning : std::as_const(other.m_warnings))
        add(warning);
    m_leftOff += other.m_leftOff;
    other.m_warnings.clear();
    other.m_leftOff = 0;
}

QStringList ConversionWarnings::take()
{
    QStringList out = std::move(m_warnings);
    if (m_leftOff > 0)
        out.append(QCoreApplication::translate("ConversionWarnings", "… and %n more warning(s)", nullptr, m_leftOff));
    m_warnings.clear();
    m_leftOff = 0;
    return out;
}

QString timestampWithZone(const QString &time)
{
    const qsizetype t = time.indexOf(QLatin1Char('T')) >= 0 ? time.indexOf(QLatin1Char('T')) : time.indexOf(QLatin1Char(' '));
    if (t < 8 || time.size() < t + 6 || !time.at(0).isDigit())
        return time;
    const QStringView clock = QStringView(time).mid(t + 1);
    if (clock.endsWith(QLatin1Char('Z')) || clock.endsWith(QLatin1Char('z')) || clock.contains(QLatin1Char('+'))
        || clock.contains(QLatin1Char('-')))
        return time;
    QString withZone = time;
    withZone[t] = QLatin1Char('T');
    withZone += QLatin1Char('Z');
    return withZone;
}

QByteArrayView timestampWithZone(QByteArrayView time, StringArena &arena)
{
    const bool ascii = std::all_of(time.begin(), time.end(), [](char c) { return uchar(c) < 0x80; });
    if (!ascii) // QString's indexes and digits differ from bytes': its own reading
        return arena.keep(timestampWithZone(QString::fromUtf8(time)).toUtf8());
    // The QString version's steps on bytes, which are its characters here.
    const qsizetype t = time.indexOf('T') >= 0 ? time.indexOf('T') : time.indexOf(' ');
    if (t < 8 || time.size() < t + 6 || !(time.front() >= '0' && time.front() <= '9'))
        return time;
    const QByteArrayView clock = time.sliced(t + 1);
    if (clock.endsWith('Z') || clock.endsWith('z') || clock.contains('+') || clock.contains('-'))
        return time;
    QByteArray &withZone = arena.scratch();
    withZone.resize(0);
    withZone += time;
    withZone[t] = 'T';
    withZone += 'Z';
    return arena.keep(withZone);
}

int lineOfOffset(QByteArrayView bytes, qsizetype offset)
{
    const qsizetype end = qBound(qsizetype(0), offset, bytes.size());
    int line = 1;
    for (qsizetype i = 0; i < end; ++i) {
        if (bytes.at(i) == '\n')
            ++line;
    }
    return line;
}

QString contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    if (!content.isArray())
        return {};
    QStringList parts;
    for (const QJsonValue &block : content.toArray()) {
        const QJsonValue text = block.toObject().value(QLatin1String("text"));
        if (text.isString() && !text.toString().isEmpty())
            parts.append(text.toString());
    }
    return parts.join(QLatin1String("\n\n"));
}

QString titleFromText(const QString &text)
{
    for (QStringView line : QStringView(text).split(QLatin1Char('\n'))) {
        const QStringView trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            return trimmed.left(200).toString();
    }
    return {};
}

std::optional<qint64> exactInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    constexpr double limit = 9007199254740992.0; // 2^53
    if (!(number >= -limit && number <= limit) || number != double(qint64(number)))
        return std::nullopt;
    return qint64(number);
}

namespace {

// Whether `bytes` holds a control character (below U+0020). Read a block at a time without an
// early exit, so that the compiler can use vector instructions: every source record is read.
bool holdsControlCharacter(QByteArrayView bytes)
{
    constexpr qsizetype kBlock = 64;
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype at = 0;
    for (; at + kBlock <= size; at += kBlock) {
        unsigned char found = 0;
        for (qsizetype i = 0; i < kBlock; ++i)
            found |= static_cast<unsigned char>(data[at + i] < 0x20);
        if (found)
            return true;
    }
    for (; at < size; ++at) {
        if (data[at] < 0x20)
            return true;
    }
    return false;
}

// A record as read, with the control characters inside its strings escaped (\u00XX), which a
// reader that took it (QJsonDocument does) left raw there: JSON allows them only escaped. White
// space between the values (a tab, a carriage return) stays as it is.
void appendWithControlCharactersEscaped(QByteArray &out, QByteArrayView record)
{
    static const char kHex[] = "0123456789abcdef";
    bool inString = false;
    for (qsizetype i = 0; i < record.size(); ++i) {
        const char c = record.at(i);
        if (!inString) {
            inString = c == '"';
            out += c;
        } else if (c == '\\' && i + 1 < record.size()) {
            out += c;
            out += record.at(++i);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += "\\u00";
            out += kHex[(c >> 4) & 0xf];
            out += kHex[c & 0xf];
        } else {
            inString = c != '"';
            out += c;
        }
    }
}

template<typename Record>
void appendSources(QByteArray &out, const QList<Record> &rawSources)
{
    if (rawSources.isEmpty())
        return;
    qsizetype size = out.size() + 20;
    for (const Record &raw : rawSources)
        size += raw.size() + 1;
    out.reserve(size);
    out.chop(1); // the closing brace
    out += ",\"source_records\":[";
    for (qsizetype i = 0; i < rawSources.size(); ++i) {
        if (i > 0)
            out += ',';
        const QByteArrayView raw = rawSources.at(i);
        if (!simdjson::validate_utf8(raw.data(), size_t(raw.size())))
            out += QJsonDocument::fromJson(raw.toByteArray()).toJson(QJsonDocument::Compact);
        else if (holdsControlCharacter(raw))
            appendWithControlCharactersEscaped(out, raw);
        else
            out += raw;
    }
    out += "]}";
}

} // namespace

QByteArray entryWithRawSources(const AgentEntryFields &fields, const QList<QByteArray> &rawSources)
{
    QByteArray out = agentEntryJson(fields);
    appendSources(out, rawSources);
    return out;
}

void appendRawSources(QByteArray &entryJson, const QList<QByteArrayView> &rawSources)
{
    appendSources(entryJson, rawSources);
}

QString firstWord(const QString &commandLine)
{
    const QStringView trimmed = QStringView(commandLine).trimmed();
    qsizetype end = 0;
    while (end < trimmed.size() && !trimmed.at(end).isSpace())
        ++end;
    return trimmed.left(end).toString();
}

CancelCheck::CancelCheck(const ConversionCancel &cancel)
    : m_cancel(cancel)
{
}

bool CancelCheck::operator()()
{
    if (!m_cancelled && m_cancel && ++m_records % kRecordsPerAsk == 1)
        m_cancelled = m_cancel();
    return m_cancelled;
}

AgentLogConversion cancelledConversion(const QString &agentName)
{
    AgentLogConversion out;
    out.agentName = agentName;
    out.cancelled = true;
    out.error = QCoreApplication::translate("AgentLogConversion", "%1 log: the conversion was cancelled.").arg(agentName);
    return out;
}

QByteArrayView StringArena::keep(QByteArrayView text)
{
    constexpr qsizetype kBlockBytes = 256 * 1024;
    if (text.isEmpty())
        return QByteArrayView("", 0);
    if (text.size() > kBlockBytes / 4) { // a long one in a block of its own
        m_large.push_back(std::make_unique<char[]>(size_t(text.size())));
        std::memcpy(m_large.back().get(), text.data(), size_t(text.size()));
        return QByteArrayView(m_large.back().get(), text.size());
    }
    if (m_used + text.size() > m_capacity) {
        m_blocks.push_back(std::make_unique<char[]>(size_t(kBlockBytes)));
        m_used = 0;
        m_capacity = kBlockBytes;
    }
    char *at = m_blocks.back().get() + m_used;
    std::memcpy(at, text.data(), size_t(text.size()));
    m_used += text.size();
    return QByteArrayView(at, text.size());
}
