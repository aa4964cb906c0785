// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

class QAction;
class QWidget;

// The Help > Keyboard Shortcuts text, made from the actions' own shortcuts and texts (so it can
// never disagree with them), plus the keys the table handles itself.
namespace ShortcutHelp {
QString html(const QList<QAction *> &actions);
void show(QWidget *parent, const QList<QAction *> &actions);
}
