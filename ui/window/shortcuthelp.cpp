// SPDX-License-Identifier: MIT
#include "ui/window/shortcuthelp.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeySequence>
#include <QMessageBox>
#include <QStringList>

namespace {
QString row(const QString &keys, const QString &what)
{
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
}

// A menu text as the user reads it: "&Close Run" is "Close Run", "&&" is one "&".
QString withoutMnemonic(const QString &text)
{
    QString plain;
    plain.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&') && i + 1 < text.size())
            ++i;
        plain += text.at(i);
    }
    if (plain.endsWith(QStringLiteral("…")))
        plain.chop(1);
    return plain;
}
} // namespace

namespace ShortcutHelp {

QString html(const QList<QAction *> &actions)
{
    QString rows;
    for (const QAction *action : actions) {
        const QList<QKeySequence> shortcuts = action->shortcuts();
        if (shortcuts.isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &shortcut : shortcuts) {
            if (!shortcut.isEmpty())
                keys << shortcut.toString(QKeySequence::NativeText);
        }
        keys.removeDuplicates();
        if (keys.isEmpty())
            continue;
        // The tooltip says more than the menu text when there is one (Qt makes one from the text).
        const QString text = withoutMnemonic(action->text());
        QString what = action->toolTip();
        if (what.isEmpty() || withoutMnemonic(what) == text)
            what = text;
        rows += row(keys.join(QStringLiteral(", ")), what);
    }
    // Keys of the table and the search bar, which no menu holds.
    rows += row(QCoreApplication::translate("ShortcutHelp", "↑ ↓, j k"), QCoreApplication::translate("ShortcutHelp", "Previous / next entry"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "PgUp PgDn"), QCoreApplication::translate("ShortcutHelp", "Page up / down"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "→ ←"), QCoreApplication::translate("ShortcutHelp", "Open / close a folded repeat (View > Fold Repeats)"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "Home End"), QCoreApplication::translate("ShortcutHelp", "First / last entry"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "Enter, Shift+Enter, n, N"), QCoreApplication::translate("ShortcutHelp", "Next / previous search match"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "Alt+C, Alt+W, Alt+R, Alt+O"), QCoreApplication::translate("ShortcutHelp", "Search bar: match case, whole words, regular expression, only matching entries"));
    // The painted overview answers keys too (Tab to it): no action needs the mouse.
    rows += row(QCoreApplication::translate("ShortcutHelp", "← →, Home End, PgUp PgDn, Enter"), QCoreApplication::translate("ShortcutHelp", "Timeline (Tab to it): previous / next stretch with entries, first / last, a tenth further, go there"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "↑ ↓, Enter"), QCoreApplication::translate("ShortcutHelp", "Statistics charts (Tab to them): previous / next bar, show only its entries"));
    // Keys of the Compare window (File > Compare Runs…), which has no menu of its own.
    rows += row(QCoreApplication::translate("ShortcutHelp", "F7, Shift+F7"), QCoreApplication::translate("ShortcutHelp", "Compare Runs: next / previous difference"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "Ctrl+Shift+D"), QCoreApplication::translate("ShortcutHelp", "Compare Runs: the first divergence"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "Enter, →"), QCoreApplication::translate("ShortcutHelp", "Compare Runs: open a fold of identical entries"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "Ctrl+F, F3, Shift+F3"), QCoreApplication::translate("ShortcutHelp", "Compare Runs: search both runs, next / previous step with a match"));
    rows += row(QCoreApplication::translate("ShortcutHelp", "Ctrl+E"), QCoreApplication::translate("ShortcutHelp", "Compare Runs: export as Markdown or HTML"));
    return QStringLiteral("<table cellspacing='4'>%1</table>").arg(rows);
}

void show(QWidget *parent, const QList<QAction *> &actions)
{
    QMessageBox box(QMessageBox::NoIcon, QCoreApplication::translate("ShortcutHelp", "Keyboard Shortcuts"), html(actions),
                    QMessageBox::Close, parent);
    box.setTextFormat(Qt::RichText); // our own markup; every text in it is escaped
    box.exec();
}

} // namespace ShortcutHelp
