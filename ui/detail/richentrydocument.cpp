// SPDX-License-Identifier: MIT
#include "ui/detail/richentrydocument.h"

#include "ui/detail/difflines.h"
#include "ui/detail/entryrenderer.h"
#include "ui/detail/readablelines.h"
#include "run/entrydetail.h"
#include "run/entrytext.h"
#include "json/jsontext.h"
#include "ui/detail/safetextdocument.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QTextBlock>
#include <QTextCursor>
#include <QThread>

namespace {

class Builder
{
public:
    Builder(QTextDocument *document, const QFont &prose, const QFont &fixed)
        : m_cursor(document)
        , m_prose(prose)
        , m_fixed(fixed)
        , m_spaceWidth(QFontMetricsF(fixed).horizontalAdvance(QLatin1Char(' ')))
    {
        m_fixedFormat.setFont(fixed);
        m_keyFormat = m_fixedFormat;
        m_keyFormat.setForeground(EntryRenderer::keyColour());
    }

    void heading(const QString &title, qsizetype bytes = -1)
    {
        QString line = QChar(EntryRenderer::kHeadingMark) + QLatin1Char(' ') + title;
        if (bytes >= 0)
            line += QStringLiteral("  ·  ") + QLocale::system().formattedDataSize(bytes);
        QTextCharFormat format;
        format.setFont(m_prose);
        format.setFontWeight(QFont::Bold);
        format.setForeground(EntryRenderer::headingColour());
        QTextBlockFormat block;
        block.setTopMargin(m_first ? 0 : 10);
        block.setBottomMargin(4);
        newBlock(block, format);
        m_cursor.insertText(line, format);
    }

    void markdown(const QString &text)
    {
        QTextCharFormat prose;
        prose.setFont(m_prose);
        newBlock(QTextBlockFormat(), prose);
        SafeTextDocument::insertMarkdown(m_cursor, text);
    }

    // JsonText::readable() lines: keys coloured, diffs in multi-line strings' blocks coloured, a
    // hanging indent per line.
    void readable(const QString &text)
    {
        const QStringList lines = text.split(QLatin1Char('\n'));
        const bool wholeIsDiff = !lines.isEmpty() && DiffLines::opensDiff(lines.first());
        ReadableLines readableLines;
        for (const QString &line : lines) {
            const int indent = ReadableLines::indentOf(line);
            QTextBlockFormat block;
            block.setLeftMargin(indent * m_spaceWidth);
            block.setTextIndent(-indent * m_spaceWidth);
            newBlock(block, m_fixedFormat);
            if (line.isEmpty())
                continue;
            const ReadableLines::Line kind = readableLines.next(line);
            if (kind.kind == ReadableLines::Kind::BlockText) {
                if (kind.blockIsDiff)
                    diffLine(line, QStringView(line).mid(std::min<qsizetype>(kind.textStart, line.size())));
                else
                    m_cursor.insertText(line, m_fixedFormat);
                continue;
            }
            if (wholeIsDiff) {
                diffLine(line, line);
                continue;
            }
            if (kind.kind == ReadableLines::Kind::Key) {
                m_cursor.insertText(line.left(kind.keyStart), m_fixedFormat);
                m_cursor.insertText(line.mid(kind.keyStart, kind.keyLength), m_keyFormat);
                m_cursor.insertText(line.mid(kind.keyStart + kind.keyLength), m_fixedFormat);
            } else {
                m_cursor.insertText(line, m_fixedFormat);
            }
        }
    }

    void plain(const QString &text)
    {
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            newBlock(QTextBlockFormat(), m_fixedFormat);
            m_cursor.insertText(line, m_fixedFormat);
        }
    }

private:
    void newBlock(const QTextBlockFormat &block, const QTextCharFormat &chars)
    {
        if (m_first) {
            m_cursor.setBlockFormat(block);
            m_cursor.setBlockCharFormat(chars);
            m_first = false;
        } else {
            m_cursor.insertBlock(block, chars);
        }
    }

    void diffLine(const QString &line, QStringView content)
    {
        QTextCharFormat format = m_fixedFormat;
        format.merge(DiffLines::formatFor(DiffLines::kindOf(content)));
        m_cursor.insertText(line, format);
    }

    QTextCursor m_cursor;
    QFont m_prose;
    QFont m_fixed;
    qreal m_spaceWidth;
    QTextCharFormat m_fixedFormat;
    QTextCharFormat m_keyFormat;
    bool m_first = true;
};

} // namespace

namespace RichEntryDocument {

void appendMarkdown(QTextDocument *document, const QString &markdown)
{
    QTextCursor cursor(document);
    cursor.movePosition(QTextCursor::End);
    SafeTextDocument::insertMarkdown(cursor, markdown);
}

QTextDocument *build(const QByteArray &rawEntry, const QFont &proseFont, const QFont &fixedFont, QThread *owner,
                     QString *plainText)
{
    auto *document = new SafeTextDocument;
    document->setUndoRedoEnabled(false);
    document->setDefaultFont(proseFont);
    Builder builder(document, proseFont, fixedFont);
    const EntryDetail detail = parseEntryDetail(rawEntry);
    if (!detail.ok) {
        builder.heading(QCoreApplication::translate("EntryRenderer", "This entry could not be read"));
        builder.plain(detail.error);
        builder.heading(QCoreApplication::translate("EntryRenderer", "Raw text"));
        builder.plain(QString::fromUtf8(rawEntry));
    } else {
        bool any = false;
        if (!detail.thought.isNull()) {
            builder.heading(QCoreApplication::translate("EntryRenderer", "Thought"));
            builder.markdown(detail.thought);
            any = true;
        }
        const auto section = [&](const QString &title, const QByteArray &json) {
            builder.heading(title, json.size());
            builder.readable(JsonText::readable(json));
            any = true;
        };
        if (!detail.toolInput.isEmpty())
            section(QCoreApplication::translate("EntryRenderer", "Tool input"), detail.toolInput);
        if (!detail.toolOutput.isEmpty())
            section(QCoreApplication::translate("EntryRenderer", "Tool output"), detail.toolOutput);
        if (detail.observationIsString) {
            builder.heading(QCoreApplication::translate("EntryRenderer", "Observation (text)"), detail.observation.size());
            builder.markdown(detail.observationText);
            any = true;
        } else if (!detail.observation.isEmpty()) {
            section(QCoreApplication::translate("EntryRenderer", "Observation"), detail.observation);
        }
        if (!detail.otherFields.isEmpty()) {
            builder.heading(QCoreApplication::translate("EntryRenderer", "Other fields"));
            builder.readable(EntryText::otherFieldsReadable(detail.otherFields));
            any = true;
        }
        if (!any)
            builder.plain(QCoreApplication::translate("EntryRenderer", "This entry has no thought, tool input, tool output or observation."));
    }
    if (plainText)
        *plainText = document->toPlainText();
    document->moveToThread(owner);
    return document;
}

} // namespace RichEntryDocument
