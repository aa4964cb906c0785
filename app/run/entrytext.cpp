// SPDX-License-Identifier: MIT
#include "run/entrytext.h"

#include "json/jsontext.h"
#include "json/jsonwriter.h"
#include "run/entrydetail.h"
#include "run/messagecategory.h"

#include <QCoreApplication>
#include <QLocale>

namespace {
// Lines longer than this are broken for display only: laying out one multi-megabyte line would
// freeze any text widget. Copy actions still copy the exact value.
constexpr int kMaxDisplayLine = 4000;

QString heading(const QString &title, qsizetype bytes = -1)
{
    QString line = QChar(EntryText::kHeadingMark) + QLatin1Char(' ') + title;
    if (bytes >= 0)
        line += QStringLiteral("  ·  ") + QLocale::system().formattedDataSize(bytes);
    return line + QLatin1Char('\n');
}

QString breakLongLines(const QString &text)
{
    bool anyLong = false;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text.at(i) == QLatin1Char('\n')) {
            if (i - lineStart > kMaxDisplayLine) {
                anyLong = true;
                break;
            }
            lineStart = i + 1;
        }
    }
    if (!anyLong)
        return text;
    QString out;
    out.reserve(text.size() + text.size() / kMaxDisplayLine + 16);
    qsizetype run = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n')) {
            run = 0;
        } else if (run >= kMaxDisplayLine && !c.isLowSurrogate()) {
            out += QLatin1Char('\n');
            run = 0;
        }
        out += c;
        ++run;
    }
    return out;
}

QString section(const QByteArray &json, EntryText::Mode mode)
{
    const QString body = mode == EntryText::Mode::Json ? QString::fromUtf8(JsonText::pretty(json))
                                                       : JsonText::readable(json);
    return body + QStringLiteral("\n\n");
}

// What a text observation is, by the entry's type: a user's message is not an observation.
QString textObservationTitle(const QString &messageType)
{
    switch (messageCategoryOf(messageType)) {
    case MessageCategory::User: return QCoreApplication::translate("EntryRenderer", "Message");
    case MessageCategory::Error: return QCoreApplication::translate("EntryRenderer", "Error");
    case MessageCategory::Answer: return QCoreApplication::translate("EntryRenderer", "Answer");
    default: return QCoreApplication::translate("EntryRenderer", "Observation");
    }
}

// The pane's text; `forSearch` leaves out what is not the entry's own (headings, placeholder)
// and the display-only line breaks.
EntryText::Rendered render(const QByteArray &rawEntry, EntryText::Mode mode, bool forSearch)
{
    EntryText::Rendered out;
    QString &text = out.text;
    const auto addHeading = [&out, forSearch](const QString &title, qsizetype bytes, bool prose) {
        if (forSearch)
            return;
        out.text += heading(title, bytes);
        out.proseSections.append(prose);
    };
    const EntryDetail detail = parseEntryDetail(rawEntry);
    if (!detail.ok) {
        addHeading(QCoreApplication::translate("EntryRenderer", "This entry could not be read"), -1, true);
        if (!forSearch)
            text += detail.error + QStringLiteral("\n\n");
        addHeading(QCoreApplication::translate("EntryRenderer", "Raw text"), -1, true);
        text += QString::fromUtf8(rawEntry);
        return out;
    }
    if (mode == EntryText::Mode::Json) {
        addHeading(QCoreApplication::translate("EntryRenderer", "Entry JSON"), rawEntry.size(), false);
        text += QString::fromUtf8(JsonText::pretty(rawEntry));
        if (!forSearch)
            text = breakLongLines(text);
        return out;
    }
    const auto addSection = [&](const QString &title, const QByteArray &json) {
        addHeading(title, json.size(), false);
        text += section(json, mode);
    };
    if (!detail.thought.isNull()) {
        addHeading(QCoreApplication::translate("EntryRenderer", "Thought"), -1, true);
        text += detail.thought + QStringLiteral("\n\n");
    }
    if (!detail.toolInput.isEmpty())
        addSection(QCoreApplication::translate("EntryRenderer", "Tool input"), detail.toolInput);
    if (!detail.toolOutput.isEmpty())
        addSection(QCoreApplication::translate("EntryRenderer", "Tool output"), detail.toolOutput);
    if (detail.observationIsString) {
        addHeading(textObservationTitle(detail.messageType), detail.observation.size(), true);
        text += detail.observationText + QStringLiteral("\n\n");
    } else if (!detail.observation.isEmpty()) {
        addSection(QCoreApplication::translate("EntryRenderer", "Observation"), detail.observation);
    }
    if (!detail.otherFields.isEmpty()) {
        addHeading(QCoreApplication::translate("EntryRenderer", "Other fields"), -1, false);
        text += EntryText::otherFieldsReadable(detail.otherFields) + QLatin1Char('\n');
    }
    if (forSearch)
        return out;
    if (text.isEmpty())
        text = QCoreApplication::translate("EntryRenderer", "This entry has no thought, tool input, tool output or observation.");
    text = breakLongLines(text);
    return out;
}
} // namespace

namespace EntryText {

QString otherFieldsReadable(const QList<QPair<QString, QByteArray>> &fields)
{
    // Each value is the entry's own JSON for the field (the parse that found it checked it).
    QByteArray object("{");
    for (const auto &[key, value] : fields) {
        if (object.size() > 1)
            object += ',';
        object += JsonWriter::string(key) + ':' + value;
    }
    object += '}';
    return JsonText::readable(object);
}

Rendered render(const QByteArray &rawEntry, Mode mode)
{
    return ::render(rawEntry, mode, false);
}

QString searchable(const QByteArray &rawEntry, Mode mode)
{
    return ::render(rawEntry, mode, true).text;
}

} // namespace EntryText
