// SPDX-License-Identifier: MIT
#pragma once

#include "run/runref.h"

#include <QObject>

#include <optional>

class CurrentEntryController;
class RunSession;

// The entry a link or --entry named, selected once its run is open: as soon as the run's rows
// reach it (a server that gives the run's count gives every row at once, and centring the row
// fetches the page around it), or said to be past the run's end once the end is known.
class LinkedEntryController : public QObject
{
    Q_OBJECT
public:
    LinkedEntryController(RunSession *session, CurrentEntryController *currentEntry, QObject *parent = nullptr);

    // `entry` counts from 1, the oldest. Replaces an entry still waiting for its run.
    void selectOnceOpen(const RunRef &run, qint64 entry);
    bool isWaiting() const { return m_entry.has_value(); }

signals:
    void message(const QString &text, int timeoutMsecs);

private:
    void selectIfThere();
    void forgetUnlessItsRun();

    RunSession *m_session;
    CurrentEntryController *m_currentEntry;
    RunRef m_run;
    std::optional<qint64> m_entry;
};
