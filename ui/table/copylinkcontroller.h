// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

class CurrentEntryController;
class QAction;
class RunSession;

// Copy Link to Entry: a runlog:// link to the selected entry (to the run when none is selected)
// on the clipboard, as text/uri-list, and as plain text a line a chat client shows well. Only a
// run from the API has a link; the action says why it is off otherwise.
class CopyLinkController : public QObject
{
    Q_OBJECT
public:
    CopyLinkController(RunSession *session, CurrentEntryController *currentEntry, QAction *action, QObject *parent = nullptr);

    // The link to what is selected; empty when the open run has none.
    QString currentLink() const;
    void copy();

    // "Run 42, entry 1,412 (ACTION run_bash_command): runlog://… · web: https://…"; entry 0,
    // empty words and an empty web address are left out.
    static QString chatLine(qint64 runId, qint64 entry, const QString &messageType, const QString &toolName,
                            const QString &link, const QString &webUrl);

signals:
    void message(const QString &text, int timeoutMsecs);

private:
    void updateAction();
    qint64 currentEntryNumber() const;

    RunSession *m_session;
    CurrentEntryController *m_currentEntry;
    QAction *m_action;
};
