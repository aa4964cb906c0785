// SPDX-License-Identifier: MIT
#include "ui/export/exportscope.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

ExportScope::Choice ExportScope::ask(QWidget *parent, bool filtering, int shown, int total, int marked)
{
    if (!filtering && marked == 0)
        return Choice::WholeRun;
    const QLocale locale;
    const QString question = filtering
        ? tr("A filter shows %1 of the %2 entries. What should be exported?").arg(locale.toString(shown), locale.toString(total))
        : tr("%1 of the %2 entries are marked. What should be exported?").arg(locale.toString(marked), locale.toString(total));
    QMessageBox box(QMessageBox::Question, tr("Export Run"), question, QMessageBox::Cancel, parent);
    QPushButton *shownButton = filtering ? box.addButton(tr("The %1 &Shown").arg(locale.toString(shown)), QMessageBox::AcceptRole) : nullptr;
    QPushButton *markedButton = marked > 0 ? box.addButton(tr("The %1 &Marked").arg(locale.toString(marked)), QMessageBox::AcceptRole) : nullptr;
    QPushButton *wholeButton = box.addButton(tr("The &Whole Run"), QMessageBox::AcceptRole);
    box.setDefaultButton(wholeButton);
    box.exec();
    if (box.clickedButton() == shownButton && shownButton)
        return Choice::Shown;
    if (box.clickedButton() == markedButton && markedButton)
        return Choice::Marked;
    if (box.clickedButton() == wholeButton)
        return Choice::WholeRun;
    return Choice::Cancel;
}
