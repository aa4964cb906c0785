// SPDX-License-Identifier: MIT
#include "ui/open/openruncontroller.h"

#include "ui/common/plaintext.h"
#include "ui/open/openrundialog.h"
#include "run/sampleref.h"
#include "session/credentials.h"
#include "session/runsession.h"
#include "settings/appsettings.h"
#include "settings/tokenstore.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QWidget>

OpenRunController::OpenRunController(RunSession *session, Credentials *credentials, AppSettings *settings, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_session(session)
    , m_credentials(credentials)
    , m_settings(settings)
    , m_dialogParent(dialogParent)
{
    // Open Recent lists runs that opened, not every ID that was tried.
    connect(m_session, &RunSession::runOpened, this, [this] {
        const std::optional<RunRef> run = m_session->apiRun();
        const std::optional<ApiEndpoint> endpoint = m_session->apiEndpoint();
        if (run && endpoint && !ApiEndpoint::isLoopback(endpoint->baseUrl))
            m_settings->addRecentRun(RecentRun{endpoint->baseUrl, *run});
        if (!m_session->filePath().isEmpty())
            m_settings->addRecentFile(RecentFile{QFileInfo(m_session->filePath()).absoluteFilePath(), m_session->fileSample()});
    });
}

void OpenRunController::showDialog()
{
    if (!m_lastBaseUrl.isEmpty())
        showDialogFor(m_lastBaseUrl, m_lastRun);
    else
        showDialogFor(dialogBaseUrl(), RunRef{dialogOrgId(), 0});
}

void OpenRunController::showDialogForAnotherToken()
{
    if (m_lastBaseUrl.isEmpty())
        showDialog();
    else
        showDialogFor(m_lastBaseUrl, m_lastRun, TokenPrompt::AskForAnother);
}

void OpenRunController::setDefaultPlace(const QUrl &baseUrl, qint64 orgId)
{
    m_defaultBaseUrl = baseUrl;
    m_defaultOrgId = orgId;
}

QUrl OpenRunController::dialogBaseUrl() const
{
    if (!m_lastBaseUrl.isEmpty())
        return m_lastBaseUrl;
    return m_defaultBaseUrl.isValid() && !m_defaultBaseUrl.isEmpty() ? m_defaultBaseUrl : m_settings->baseUrl();
}

qint64 OpenRunController::dialogOrgId() const
{
    if (const std::optional<RunRef> open = m_session->apiRun())
        return open->orgId;
    if (!m_lastBaseUrl.isEmpty())
        return m_lastRun.orgId;
    return m_defaultOrgId > 0 ? m_defaultOrgId : m_settings->lastOrgId();
}

void OpenRunController::showDialogFor(const QUrl &baseUrl, const RunRef &run, TokenPrompt prompt)
{
    OpenRunDialog dialog(m_dialogParent);
    dialog.setObjectName(QStringLiteral("openRunDialog"));
    dialog.setOrgId(run.orgId);
    if (run.runId > 0)
        dialog.setRunText(QString::number(run.runId));
    dialog.setBaseUrl(baseUrl);
    dialog.setKeychainState(m_credentials->keychain()->isAvailable(), m_credentials->keychain()->unavailableReason(),
                            m_credentials->keychain()->saveFailure());
    // The keychain answers while the dialog is open; the field then says a token is saved. A
    // token is bound to its origin: the dialog uses it only while its address names that origin,
    // and asks the keychain again when the user edits the address to another one.
    const auto askKeychain = [this, &dialog](const QUrl &origin) {
        m_credentials->lookUpSaved(origin, &dialog, [&dialog, origin](const QByteArray &token, const QString &) {
            dialog.offerSavedToken(origin, token);
        });
    };
    connect(&dialog, &OpenRunDialog::originChanged, &dialog, [this, &dialog, askKeychain](const QUrl &origin) {
        const QByteArray known = m_credentials->knownToken(origin);
        if (!known.isEmpty())
            dialog.setKnownToken(known, m_credentials->knownTokenSource(origin), m_credentials->knownTokenOrigin(origin));
        else
            askKeychain(origin);
    });
    const QByteArray known = m_credentials->knownToken(baseUrl);
    if (prompt == TokenPrompt::AskForAnother)
        dialog.askForAnotherToken(); // the token known for this server is the one refused
    else if (!known.isEmpty())
        dialog.setKnownToken(known, m_credentials->knownTokenSource(baseUrl), m_credentials->knownTokenOrigin(baseUrl));
    else
        askKeychain(baseUrl);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ApiEndpoint endpoint = dialog.endpoint();
    if (dialog.tokenWasTyped())
        m_credentials->setSessionToken(endpoint.token, endpoint.baseUrl);
    if (dialog.rememberToken())
        m_credentials->remember(endpoint.baseUrl, endpoint.token);
    m_settings->setBaseUrl(endpoint.baseUrl);
    m_settings->setLastOrgId(dialog.run().orgId);
    open(endpoint, dialog.run());
}

void OpenRunController::openWithBestToken(const QUrl &baseUrl, const RunRef &run, bool reverse)
{
    // Only while nothing newer was asked for or opened: else the user has moved on, and a late
    // answer from the keychain opens nothing.
    const int request = supersede();
    m_credentials->answerFor(baseUrl, this, [this, request, baseUrl, run, reverse](const Credentials::TokenAnswer &answer) {
        if (request != m_request)
            return;
        if (answer.kind != Credentials::TokenAnswer::Kind::AskUser) {
            open(ApiEndpoint{baseUrl, answer.token}, run, reverse);
            return;
        }
        if (!answer.problem.isEmpty())
            emit message(answer.problem, 15000);
        showDialogFor(baseUrl, run);
    });
}

int OpenRunController::supersede()
{
    return ++m_request;
}

void OpenRunController::open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse)
{
    supersede();
    m_lastBaseUrl = endpoint.baseUrl;
    m_lastRun = run;
    m_session->openApi(endpoint, run, reverse);
}

void OpenRunController::populateRecentMenu(QMenu *menu)
{
    menu->clear();
    const QList<RecentRun> runs = m_settings->recentRuns();
    const QList<RecentFile> files = m_settings->recentFiles();
    if (runs.isEmpty() && files.isEmpty()) {
        menu->addAction(tr("(no runs opened yet)"))->setEnabled(false);
        return;
    }
    for (const RecentRun &recent : runs) {
        const QUrl base = recent.baseUrl.isEmpty() ? m_settings->baseUrl() : recent.baseUrl;
        // Menu texts are plain, but '&' marks a mnemonic: a host cannot contain one, ids neither.
        const QString server = base.port() < 0 ? base.host() : QStringLiteral("%1:%2").arg(base.host()).arg(base.port());
        QAction *action = menu->addAction(tr("Run %1 (organization %2) at %3").arg(recent.run.runId).arg(recent.run.orgId).arg(server));
        const RunRef run = recent.run;
        connect(action, &QAction::triggered, this, [this, base, run] { openWithBestToken(base, run); });
    }
    // Files after the runs: exports and other agents' logs, by name (a file name may hold '&',
    // which a menu would take for a mnemonic), the whole path in the tooltip.
    if (!runs.isEmpty() && !files.isEmpty())
        menu->addSeparator();
    for (const RecentFile &file : files) {
        QString name = QFileInfo(file.path).fileName();
        if (file.sample)
            name = tr("%1 (%2)").arg(name, sampleText(*file.sample));
        QAction *action = menu->addAction(PlainText::mnemonicSafe(name));
        action->setToolTip(PlainText::toolTip(QDir::toNativeSeparators(file.path)));
        connect(action, &QAction::triggered, this, [this, file] { emit fileRequested(file.path, file.sample); });
    }
    menu->setToolTipsVisible(true);
}
