// SPDX-License-Identifier: MIT
#include "ui/detail/markdownview.h"

#include "ui/detail/safetextdocument.h"

MarkdownView::MarkdownView(QWidget *parent)
    : SafeTextBrowser(parent)
    , m_document(new SafeTextDocument(this))
{
    setDocument(m_document);
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextBrowserInteraction | Qt::TextSelectableByKeyboard);
}

void MarkdownView::setMarkdownText(const QString &markdown)
{
    m_document->setMarkdownText(markdown);
}

QString MarkdownView::firstPlainLine(const QString &markdown)
{
    SafeTextDocument document;
    document.setMarkdownText(markdown);
    const QStringList lines = document.toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            return line.trimmed();
    }
    return {};
}
