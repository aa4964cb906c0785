// SPDX-License-Identifier: MIT
#include "ui/detail/entryrenderer.h"

#include "ui/detail/difflines.h"

#include "json/jsontext.h"
#include "run/entrydetail.h"
#include "run/messagecategory.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPlainTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QThread>
#include <QVector>

namespace {
// Lines longer than this are broken for display only: laying out one multi-megabyte line would
// freeze any text widget. Copy actions still copy the exact value.
constexpr int kMaxDisplayLine = 4000;

QString heading(const QString &title, qsizetype bytes = -1)
{
    QString line = QChar(EntryRenderer::kHeadingMark) + QLatin1Char(' ') + title;
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

QString section(const QByteArray &json, EntryRenderer::Mode mode)
{
    const QString body = mode == EntryRenderer::Mode::Json ? QString::fromUtf8(JsonText::pretty(json))
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

// The text, and for each heading in order whether the section under it is prose (a colon in a
// sentence is not a key, so prose gets no key colouring).
struct Rendered
{
    QString text;
    QVector<bool> proseSections;
};

Rendered render(const QByteArray &rawEntry, EntryRenderer::Mode mode)
{
    Rendered out;
    QString &text = out.text;
    const auto addHeading = [&out](const QString &title, qsizetype bytes, bool prose) {
        out.text += heading(title, bytes);
        out.proseSections.append(prose);
    };
    const EntryDetail detail = parseEntryDetail(rawEntry);
    if (!detail.ok) {
        addHeading(QCoreApplication::translate("EntryRenderer", "This entry could not be read"), -1, true);
        text += detail.error + QStringLiteral("\n\n");
        addHeading(QCoreApplication::translate("EntryRenderer", "Raw text"), -1, true);
        text += QString::fromUtf8(rawEntry);
        return out;
    }
    if (mode == EntryRenderer::Mode::Json) {
        addHeading(QCoreApplication::translate("EntryRenderer", "Entry JSON"), rawEntry.size(), false);
        text += QString::fromUtf8(JsonText::pretty(rawEntry));
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
        for (const auto &[key, value] : detail.otherFields) {
            const QString rendered = JsonText::readable(value);
            text += key + QStringLiteral(": ")
                + (rendered.contains(QLatin1Char('\n')) ? QStringLiteral("\n") + rendered : rendered)
                + QLatin1Char('\n');
        }
    }
    if (text.isEmpty())
        text = QCoreApplication::translate("EntryRenderer", "This entry has no thought, tool input, tool output or observation.");
    text = breakLongLines(text);
    return out;
}
} // namespace

namespace EntryRenderer {

QString renderText(const QByteArray &rawEntry, Mode mode)
{
    return render(rawEntry, mode).text;
}

// Readable (WCAG AA) on the pane's background in either palette.
QColor headingColour(bool dark)
{
    return dark ? QColor(0x8c, 0xb4, 0xff) : QColor(0x1f, 0x5a, 0xc4);
}

QColor keyColour(bool dark)
{
    return dark ? QColor(0xc9, 0xa8, 0xff) : QColor(0x6f, 0x3a, 0xb8);
}

int keyLength(const QString &line, int indent, Mode mode)
{
    const int size = int(line.size());
    if (indent >= size)
        return 0;
    if (mode == Mode::Json) {
        if (line.at(indent) != QLatin1Char('"'))
            return 0;
        for (int i = indent + 1; i < size; ++i) {
            if (line.at(i) == QLatin1Char('\\')) {
                ++i;
            } else if (line.at(i) == QLatin1Char('"')) {
                return i + 1 < size && line.at(i + 1) == QLatin1Char(':') ? i + 2 - indent : 0;
            }
        }
        return 0;
    }
    const int colon = int(line.indexOf(QLatin1Char(':'), indent));
    if (colon <= indent || colon > indent + 200 || (colon + 1 < size && line.at(colon + 1) != QLatin1Char(' ')))
        return 0;
    if (line.at(indent) == QLatin1Char('-'))
        return 0; // an array item, not a key
    return colon + 1 - indent;
}

QTextDocument *buildDocument(const QByteArray &rawEntry, Mode mode, const QFont &font, QThread *owner,
                             QString *plainText, bool dark)
{
    auto *document = new QTextDocument;
    document->setDocumentLayout(new QPlainTextDocumentLayout(document));
    document->setDefaultFont(font);
    document->setUndoRedoEnabled(false);
    const Rendered rendered = render(rawEntry, mode);
    const QString &text = rendered.text;
    document->setPlainText(text);
    if (plainText)
        *plainText = text;

    QTextCharFormat headingFormat;
    headingFormat.setFontWeight(QFont::Bold);
    headingFormat.setForeground(headingColour(dark));
    QTextCharFormat keyFormat;
    keyFormat.setForeground(keyColour(dark));
    // Formats are set here, on the worker, block by block: a QSyntaxHighlighter would walk a
    // multi-megabyte document on the UI thread.
    bool inProse = false;
    int headingNumber = 0;
    int literalIndent = -1; // inside "key: |": deeper lines are the string's own text
    int contentIndent = -1; // where that text starts
    bool literalIsDiff = false;
    bool sectionStart = false; // the first line after a heading: is the whole section a diff?
    bool sectionIsDiff = false;
    const auto colourDiff = [](QTextBlock &block, const QString &line, QStringView content) {
        block.layout()->setFormats({QTextLayout::FormatRange{0, int(line.size()), DiffLines::formatFor(DiffLines::kindOf(content))}});
    };
    for (QTextBlock block = document->firstBlock(); block.isValid(); block = block.next()) {
        const QString line = block.text();
        if (line.startsWith(QChar(kHeadingMark))) {
            // Text sections: a colon in a sentence is not a key.
            inProse = rendered.proseSections.value(headingNumber++, true);
            literalIndent = -1;
            sectionStart = mode == Mode::Readable;
            sectionIsDiff = false;
            block.layout()->setFormats({QTextLayout::FormatRange{0, int(line.size()), headingFormat}});
            continue;
        }
        if (inProse || line.isEmpty())
            continue;
        if (sectionStart) {
            sectionStart = false;
            sectionIsDiff = DiffLines::opensDiff(line);
        }
        if (sectionIsDiff) {
            colourDiff(block, line, line);
            continue;
        }
        int indent = 0;
        while (indent < line.size() && line.at(indent) == QLatin1Char(' '))
            ++indent;
        if (literalIndent >= 0) {
            if (indent > literalIndent) {
                if (contentIndent < 0) {
                    contentIndent = indent;
                    literalIsDiff = DiffLines::opensDiff(QStringView(line).mid(indent));
                }
                if (literalIsDiff)
                    colourDiff(block, line, QStringView(line).mid(std::min<qsizetype>(contentIndent, line.size())));
                continue;
            }
            literalIndent = -1;
        }
        if (const int length = keyLength(line, indent, mode)) {
            block.layout()->setFormats({QTextLayout::FormatRange{indent, length, keyFormat}});
            if (mode == Mode::Readable && line.endsWith(QLatin1String(": |"))) {
                literalIndent = indent;
                contentIndent = -1;
            }
        }
    }
    document->moveToThread(owner);
    return document;
}

} // namespace EntryRenderer
