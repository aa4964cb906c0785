#include "markdownview.h"

#include "safetextdocument.h"

#include <QDesktopServices>
#include <QTextDocument>

namespace {
constexpr auto kDialect = QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub
                                                          | QTextDocument::MarkdownNoHTML);
}

MarkdownView::MarkdownView(QWidget *parent)
    : SafeTextBrowser(parent)
{
    setDocument(new SafeTextDocument(this));
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextBrowserInteraction | Qt::TextSelectableByKeyboard);
}

void MarkdownView::setMarkdownText(const QString &markdown)
{
    document()->setMarkdown(markdown, kDialect);
}

QString MarkdownView::firstPlainLine(const QString &markdown)
{
    QTextDocument document;
    document.setMarkdown(markdown, kDialect);
    const QStringList lines = document.toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            return line.trimmed();
    }
    return {};
}
