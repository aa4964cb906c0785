// SPDX-License-Identifier: MIT
#include "ui/detail/safetextdocument.h"
#include "ui/detail/markdownlinebreaks.h"

#include <QList>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QTextFragment>
#include <QTextImageFormat>

SafeTextDocument::SafeTextDocument(QObject *parent)
    : QTextDocument(parent)
{
}

QTextDocument::MarkdownFeatures SafeTextDocument::markdownFeatures()
{
    return QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML);
}

void SafeTextDocument::setMarkdownText(const QString &markdown)
{
    clear();
    QTextCursor cursor(this);
    cursor.insertFragment(markdownFragment(markdown));
}

void SafeTextDocument::insertMarkdown(QTextCursor &cursor, const QString &markdown)
{
    cursor.insertFragment(markdownFragment(markdown));
}

QTextDocumentFragment SafeTextDocument::markdownFragment(const QString &markdown)
{
    // Parsed in a document of its own, which has no layout, and so asks for no image before the
    // images are gone: parsed into a document on screen, each image is laid out, and so read,
    // the moment Qt's Markdown reader inserts it.
    QTextDocument scratch;
    bool anyMarked = false;
    scratch.setMarkdown(MarkdownLineBreaks::marked(markdown, &anyMarked), markdownFeatures());
    if (anyMarked)
        MarkdownLineBreaks::joinMarked(&scratch);
    replaceImages(&scratch);
    return QTextDocumentFragment(&scratch);
}

QString SafeTextDocument::imagePlaceholder(const QString &altText)
{
    const QString alt = altText.simplified();
    return alt.isEmpty() ? tr("[image]") : tr("[image: %1]").arg(alt);
}

void SafeTextDocument::replaceImages(QTextDocument *document)
{
    // Qt's Markdown reader inserts an image per piece of alt text ("![a *b*](x)" is two), and
    // equal neighbours share a fragment: one placeholder per run of characters naming one image.
    struct Image
    {
        int position = 0;
        int length = 0;
        QString name;
        QString alt;
        QTextCharFormat format;
    };
    QList<Image> images;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (QTextBlock::iterator it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.charFormat().isImageFormat())
                continue;
            const QTextImageFormat image = fragment.charFormat().toImageFormat();
            const QString alt = image.stringProperty(QTextFormat::ImageAltText);
            if (!images.isEmpty() && images.last().position + images.last().length == fragment.position()
                && images.last().name == image.name()) {
                images.last().length += fragment.length();
                images.last().alt += alt;
                continue;
            }
            // The text keeps what the image had around it (a link, bold), not what made it an image.
            QTextCharFormat text = image;
            for (const int property : {int(QTextFormat::ObjectType), int(QTextFormat::ImageName), int(QTextFormat::ImageTitle),
                                       int(QTextFormat::ImageAltText), int(QTextFormat::ImageWidth),
                                       int(QTextFormat::ImageHeight), int(QTextFormat::ImageQuality)})
                text.clearProperty(property);
            images.append({fragment.position(), fragment.length(), image.name(), alt, text});
        }
    }
    // From the end, so that the positions still to replace stay where they were.
    for (auto it = images.crbegin(); it != images.crend(); ++it) {
        QTextCursor cursor(document);
        cursor.setPosition(it->position);
        cursor.setPosition(it->position + it->length, QTextCursor::KeepAnchor);
        cursor.insertText(imagePlaceholder(it->alt), it->format);
    }
}

QVariant SafeTextDocument::loadResource(int, const QUrl &)
{
    // Not QTextDocument::loadResource: it would read local files and ask a parent text
    // browser, which reads files too.
    ++m_refused;
    return {};
}
