// SPDX-License-Identifier: MIT
#include "ui/detail/entryrenderer.h"
#include "ui/detail/readablelines.h"

#include "ui/detail/difflines.h"

#include "run/entrytext.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPlainTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QThread>
#include <QVector>

namespace {
EntryText::Mode textMode(EntryRenderer::Mode mode)
{
    return mode == EntryRenderer::Mode::Json ? EntryText::Mode::Json : EntryText::Mode::Readable;
}
} // namespace

namespace EntryRenderer {

QString renderText(const QByteArray &rawEntry, Mode mode)
{
    return EntryText::render(rawEntry, textMode(mode)).text;
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
    if (line.at(indent) == QLatin1Char('-') && (indent + 1 == size || line.at(indent + 1) == QLatin1Char(' ')))
        return 0; // a list's dash (ReadableLines looks for the key after it)
    return colon + 1 - indent;
}

QTextDocument *buildDocument(const QByteArray &rawEntry, Mode mode, const QFont &font, QThread *owner,
                             QString *plainText, bool dark)
{
    auto *document = new QTextDocument;
    document->setDocumentLayout(new QPlainTextDocumentLayout(document));
    document->setDefaultFont(font);
    document->setUndoRedoEnabled(false);
    const EntryText::Rendered rendered = EntryText::render(rawEntry, textMode(mode));
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
    ReadableLines readableLines;
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
            readableLines.reset();
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
        if (mode == Mode::Json) {
            const int indent = ReadableLines::indentOf(line);
            if (const int length = keyLength(line, indent, mode))
                block.layout()->setFormats({QTextLayout::FormatRange{indent, length, keyFormat}});
            continue;
        }
        const ReadableLines::Line kind = readableLines.next(line);
        if (kind.kind == ReadableLines::Kind::BlockText) {
            if (kind.blockIsDiff)
                colourDiff(block, line, QStringView(line).mid(std::min<qsizetype>(kind.textStart, line.size())));
        } else if (kind.kind == ReadableLines::Kind::Key) {
            block.layout()->setFormats({QTextLayout::FormatRange{kind.keyStart, kind.keyLength, keyFormat}});
        }
    }
    document->moveToThread(owner);
    return document;
}

} // namespace EntryRenderer
