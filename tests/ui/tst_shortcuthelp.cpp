// SPDX-License-Identifier: MIT
// Help > Keyboard Shortcuts is made from the actions: every shortcut shows, and texts are escaped.
#include "ui/window/shortcuthelp.h"
#include "ui/window/windowactions.h"

#include <QAction>
#include <QLabel>
#include <QMainWindow>
#include <QTest>
#include <QTextDocument>

class TestShortcutHelp : public QObject
{
    Q_OBJECT

private slots:
    void listsEveryActionShortcut();
    void escapesActionTexts();
};

namespace {
QString plainTextOf(const QString &html)
{
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
}
} // namespace

void TestShortcutHelp::listsEveryActionShortcut()
{
    QMainWindow window;
    WindowActions actions(&window);
    const QString text = plainTextOf(ShortcutHelp::html(actions.all()));
    // Written out by hand: the keys README.md promises.
    const QStringList expected = {QStringLiteral("Ctrl+O"), QStringLiteral("Ctrl+Shift+O"), QStringLiteral("Ctrl+E"),
                                  QStringLiteral("Ctrl+F"), QStringLiteral("F3"), QStringLiteral("Shift+F3"),
                                  QStringLiteral("Ctrl+L"), QStringLiteral("Ctrl+G"), QStringLiteral("F6"),
                                  QStringLiteral("Ctrl+J"), QStringLiteral("Ctrl+C"), QStringLiteral("F5"),
                                  QStringLiteral("Ctrl+."), QStringLiteral("Ctrl+W"), QStringLiteral("Ctrl+Q"),
                                  QStringLiteral("Ctrl+Home"), QStringLiteral("Ctrl+End"), QStringLiteral("Esc")};
    for (const QString &key : expected)
        QVERIFY2(text.contains(key), qPrintable(key + QStringLiteral(" missing from:\n") + text));
    QVERIFY(text.contains(QStringLiteral("Cancel every request in flight"))); // the tooltip says more than the menu
    QVERIFY(text.contains(QStringLiteral("j k")));
    // The Compare window's keys (README.md, "Two runs side by side").
    QVERIFY(text.contains(QStringLiteral("F7, Shift+F7")));
    QVERIFY(text.contains(QStringLiteral("Ctrl+Shift+D")));
}

void TestShortcutHelp::escapesActionTexts()
{
    QMainWindow window;
    QAction markup(QStringLiteral("<b>Bold</b> && <img src=\"/dev/zero\">"), &window); // && is a literal &
    markup.setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    const QString html = ShortcutHelp::html({&markup});
    QVERIFY(!html.contains(QStringLiteral("<b>Bold")));
    QVERIFY(!html.contains(QStringLiteral("<img")));
    QVERIFY(plainTextOf(html).contains(QStringLiteral("<b>Bold</b> & <img src=\"/dev/zero\">")));
}

QTEST_MAIN(TestShortcutHelp)
#include "tst_shortcuthelp.moc"
