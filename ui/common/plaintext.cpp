// SPDX-License-Identifier: MIT
#include "ui/common/plaintext.h"

#include "run/weburl.h"

#include <QTextDocument>
#include <QUrl>

namespace PlainText {

QString toolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    // "<p>…</p>" with <, >, & escaped and line breaks as <br>: a tooltip of ours, whatever the
    // text looks like.
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

QString mnemonicSafe(const QString &text)
{
    QString safe = text;
    return safe.replace(QLatin1Char('&'), QLatin1String("&&"));
}

QString windowTitle(const QString &text)
{
    QString safe = text;
    return safe.replace(QLatin1String("[*]"), QLatin1String("[*][*]"));
}

QString link(const QString &url, const QString &shownText)
{
    const QUrl parsed(url);
    if (!WebUrl::isOpenable(parsed))
        return shownText.toHtmlEscaped();
    // Fully encoded, the address holds no quote, space or angle bracket; escaping it as well
    // keeps the attribute closed whatever QUrl lets through.
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(QString::fromLatin1(parsed.toEncoded(QUrl::FullyEncoded)).toHtmlEscaped(), shownText.toHtmlEscaped());
}

QMessageBox *messageBox(QMessageBox::Icon icon, const QString &title, const QString &text,
                        QMessageBox::StandardButtons buttons, QWidget *parent)
{
    auto *box = new QMessageBox(icon, title, QString(), buttons, parent);
    box->setTextFormat(Qt::PlainText);
    box->setText(text);
    return box;
}

} // namespace PlainText
