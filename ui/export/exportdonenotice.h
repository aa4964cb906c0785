// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>

class QWidget;

// After an export: a message that does not block the window, with "Open" (the file, in the
// application the desktop picks) and "Show in Folder".
class ExportDoneNotice
{
    Q_DECLARE_TR_FUNCTIONS(ExportDoneNotice)

public:
    static void show(QWidget *parent, const QString &message, const QString &path);
};
