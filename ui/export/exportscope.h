// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>

class QWidget;

// Before File > Export, when a filter hides entries or entries are marked: the whole run, the
// entries shown, or the marked ones?
class ExportScope
{
    Q_DECLARE_TR_FUNCTIONS(ExportScope)

public:
    enum class Choice { Cancel, WholeRun, Shown, Marked };

    // Asks only when there is a choice (a filter on, or marks); else WholeRun.
    static Choice ask(QWidget *parent, bool filtering, int shown, int total, int marked);
};
