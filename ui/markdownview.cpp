// SPDX-License-Identifier: MIT
#include "markdownview.h"

#include "safetextdocument.h"

#include <QDesktopServices>

MarkdownView::MarkdownView(QWidget *parent)
    : SafeTextBrowser(parent)
{
    setDocument(new SafeTextDocument(this));
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextBrowserInteraction | Qt::TextSelectableByKeyboard);
}

void MarkdownView::setMarkdownText(const QString &markdown)
{
    document()->setMarkdown(markdown, SafeTextDocument::markdownFeatures());
}

QString MarkdownView::firstPlainLine(const QString &markdown)
{
    SafeTextDocument document;
    document.setMarkdown(markdown, SafeTextDocument::markdownFeatures());
    const QStringList lines = document.toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            return line.trimmed();
    }
    return {};
}
