// SPDX-License-Identifier: MIT
#pragma once

#include <QTextDocument>

class QTextCursor;
class QTextDocumentFragment;

// A document that loads nothing: Markdown from a run may name images by path or URL
// (![](/etc/passwd), ![](rel.png), ![](/path/to/a/fifo), ![](http://…)), and laying it out,
// painting it or copying from it must neither open a file nor reach the network. Refusing
// resources is not enough: for a plain or relative path Qt's image handler then reads the file
// itself (QImage::load), and so does the ODF writer behind every copy. So Markdown enters these
// documents only through setMarkdownText() and insertMarkdown(), which bring no image into the
// document at all: each image becomes its alt text, as characters, before the document sees it.
// Resources the layout may still ask for are refused, and counted (for tests).
class SafeTextDocument : public QTextDocument
{
    Q_OBJECT
public:
    explicit SafeTextDocument(QObject *parent = nullptr);

    int refusedResources() const { return m_refused; }

    // Markdown as GitHub writes it, with HTML left as text.
    static QTextDocument::MarkdownFeatures markdownFeatures();

    // The document's whole text from Markdown, images as text.
    void setMarkdownText(const QString &markdown);
    // Markdown at the cursor, into any document, images as text.
    static void insertMarkdown(QTextCursor &cursor, const QString &markdown);

    // What an image shows instead of itself: "[image: ALT]", or "[image]" without alt text.
    static QString imagePlaceholder(const QString &altText);

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    static QTextDocumentFragment markdownFragment(const QString &markdown);
    static void replaceImages(QTextDocument *document);

    int m_refused = 0;
};
