// SPDX-License-Identifier: MIT
#include "ui/table/linkedentrycontroller.h"

#include "rows/logtablemodel.h"
#include "session/runsession.h"
#include "ui/table/currententrycontroller.h"

#include <QLocale>

LinkedEntryController::LinkedEntryController(RunSession *session, CurrentEntryController *currentEntry, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_currentEntry(currentEntry)
{
    connect(session, &RunSession::progressChanged, this, &LinkedEntryController::selectIfThere);
    connect(session, &RunSession::runOpened, this, &LinkedEntryController::forgetUnlessItsRun);
}

void LinkedEntryController::selectOnceOpen(const RunRef &run, qint64 entry)
{
    m_run = run;
    m_entry = entry;
    selectIfThere();
}

void LinkedEntryController::forgetUnlessItsRun()
{
    const std::optional<RunRef> open = m_session->apiRun();
    if (!open || !(*open == m_run))
        m_entry.reset();
    else
        selectIfThere();
}

void LinkedEntryController::selectIfThere()
{
    // The run may still be on its way (a keychain to ask, a first page to come): wait for it.
    const std::optional<RunRef> open = m_session->apiRun();
    if (!m_entry || !open || !(*open == m_run))
        return;
    const int rows = m_session->model()->rowCount();
    const qint64 entry = *m_entry;
    if (entry <= rows) {
        m_entry.reset();
        m_currentEntry->goToEntryNumber(int(entry));
        return;
    }
    // The server's count gives every row at once; without one, rows come page by page until the
    // end is known.
    const RunProgress progress = m_session->progress();
    if (!progress.countKnown && !progress.endKnown)
        return;
    m_entry.reset();
    const QLocale locale;
    emit message(tr("Run %1 has %2 entries: entry %3 is past its end.")
                     .arg(locale.toString(m_run.runId), locale.toString(rows), locale.toString(entry)),
                 15000);
}
