// SPDX-License-Identifier: MIT
#include "ui/table/copylinkcontroller.h"

#include "rows/logtablemodel.h"
#include "run/entrylink.h"
#include "run/weburl.h"
#include "session/runsession.h"
#include "ui/table/currententrycontroller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLocale>
#include <QMimeData>

CopyLinkController::CopyLinkController(RunSession *session, CurrentEntryController *currentEntry, QAction *action, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_currentEntry(currentEntry)
    , m_action(action)
{
    connect(action, &QAction::triggered, this, &CopyLinkController::copy);
    connect(session, &RunSession::stateChanged, this, &CopyLinkController::updateAction);
    connect(session, &RunSession::reset, this, &CopyLinkController::updateAction);
    connect(session, &RunSession::runInfoChanged, this, &CopyLinkController::updateAction);
    updateAction();
}

void CopyLinkController::updateAction()
{
    const bool linkable = !currentLink().isEmpty();
    m_action->setEnabled(linkable);
    if (linkable || m_session->kind() == RunSession::Kind::None)
        m_action->setToolTip(tr("Copy a link to the selected entry, which opens it in Runlog (in the table)"));
    else if (m_session->kind() == RunSession::Kind::File)
        m_action->setToolTip(tr("A run opened from a file has no link: only runs from the API can be linked to"));
    else
        m_action->setToolTip(tr("This run's API address has a path, which a link cannot hold"));
}

qint64 CopyLinkController::currentEntryNumber() const
{
    const int row = m_currentEntry->currentRow();
    const LogTableModel *model = m_session->model();
    if (row < 0 || row >= model->rowCount())
        return 0;
    return model->isReversed() ? model->rowCount() - row : row + 1;
}

QString CopyLinkController::currentLink() const
{
    const std::optional<RunRef> run = m_session->apiRun();
    const std::optional<ApiEndpoint> endpoint = m_session->apiEndpoint();
    if (!run || !endpoint)
        return {};
    EntryLink link;
    link.run = *run;
    link.origin = EntryLink::originOf(endpoint->baseUrl);
    if (link.origin.isEmpty())
        return {};
    if (const qint64 entry = currentEntryNumber())
        link.entry = entry;
    return link.toString();
}

void CopyLinkController::copy()
{
    const QString link = currentLink();
    if (link.isEmpty())
        return;
    const qint64 entry = currentEntryNumber();
    QString messageType;
    QString toolName;
    if (entry > 0) {
        const QModelIndex index = m_session->model()->index(m_currentEntry->currentRow(), 0);
        messageType = index.data(LogTableModel::MessageTypeRole).toString();
        toolName = index.data(LogTableModel::ToolNameRole).toString();
    }
    // The web address is the server's: only an http(s) one goes into the line.
    const std::optional<QString> webUrl = m_session->runInfo().webUrl;
    const QString web = webUrl && WebUrl::isOpenable(QUrl(*webUrl)) ? QUrl(*webUrl).toString(QUrl::FullyEncoded) : QString();
    auto *data = new QMimeData;
    data->setUrls({QUrl(link)});
    data->setText(chatLine(m_session->apiRun()->runId, entry, messageType, toolName, link, web));
    QApplication::clipboard()->setMimeData(data);
    emit message(entry > 0 ? tr("Copied a link to entry %1.").arg(QLocale().toString(entry)) : tr("Copied a link to the run."), 3000);
}

QString CopyLinkController::chatLine(qint64 runId, qint64 entry, const QString &messageType, const QString &toolName,
                                     const QString &link, const QString &webUrl)
{
    const QLocale locale;
    // A run ID is a name, written as the link and the web address write it; an entry is a count.
    QString place = entry > 0 ? tr("Run %1, entry %2").arg(runId).arg(locale.toString(entry)) : tr("Run %1").arg(runId);
    QStringList words;
    // The server's words, on one line.
    for (const QString &word : {messageType.simplified(), toolName.simplified()}) {
        if (!word.isEmpty())
            words << word;
    }
    if (!words.isEmpty())
        place += QStringLiteral(" (%1)").arg(words.join(QLatin1Char(' ')));
    QString line = tr("%1: %2").arg(place, link);
    if (!webUrl.isEmpty())
        line += tr(" · web: %1").arg(webUrl);
    return line;
}
