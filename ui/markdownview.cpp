#include "markdownview.h"

#include <QDesktopServices>
#include <QTextDocument>

namespace {
constexpr auto kDialect = QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub
                                                          | QTextDocument::MarkdownNoHTML);
}

MarkdownView::MarkdownView(QWidget *parent)
    : QTextBrowser(parent)
{
    setReadOnly(true);
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setTextInteractionFlags(Qt::TextBrowserInteraction | Qt::TextSelectableByKeyboard);
    connect(this, &QTextBrowser::anchorClicked, this, &MarkdownView::openLink);
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

QVariant MarkdownView::loadResource(int, const QUrl &)
{
    return {}; // an image in a result must not read a local file or reach the network
}

void MarkdownView::openLink(const QUrl &url)
{
    if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
        QDesktopServices::openUrl(url);
}
