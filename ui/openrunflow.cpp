#include "openrunflow.h"

#include "api/apiclient.h"
#include "openrundialog.h"
#include "session/credentials.h"
#include "session/runsession.h"
#include "settings/appsettings.h"
#include "settings/tokenstore.h"

#include <QAction>
#include <QMenu>
#include <QWidget>

OpenRunFlow::OpenRunFlow(RunSession *session, Credentials *credentials, AppSettings *settings, QWidget *dialogParent)
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
        if (run && endpoint && !ApiClient::isLoopback(endpoint->baseUrl))
            m_settings->addRecentRun(RecentRun{endpoint->baseUrl, *run});
    });
}

void OpenRunFlow::showDialog()
{
    const std::optional<RunRef> open = m_session->apiRun();
    showDialogFor(m_settings->baseUrl(), RunRef{open ? open->orgId : m_settings->lastOrgId(), 0});
}

void OpenRunFlow::showDialogFor(const QUrl &baseUrl, const RunRef &run)
{
    OpenRunDialog dialog(m_dialogParent);
    dialog.setOrgId(run.orgId);
    if (run.runId > 0)
        dialog.setRunText(QString::number(run.runId));
    dialog.setBaseUrl(baseUrl);
    dialog.setKeychainState(m_credentials->keychain()->isAvailable(), m_credentials->keychain()->unavailableReason());
    const QByteArray known = m_credentials->knownToken();
    if (!known.isEmpty()) {
        dialog.setKnownToken(known, m_credentials->knownTokenSource());
    } else {
        // The keychain answers while the dialog is open; the field then says a token is saved.
        // Only for the server the dialog was opened with: if the user changes the address, the
        // token saved for the first one is not offered for the other.
        m_credentials->lookUpSaved(baseUrl, &dialog, [&dialog, baseUrl](const QByteArray &token, const QString &) {
            if (!token.isEmpty() && Credentials::sameOrigin(dialog.endpoint().baseUrl, baseUrl))
                dialog.setKnownToken(token, tr("the system keychain"));
        });
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    ApiEndpoint endpoint = dialog.endpoint();
    if (dialog.tokenWasTyped())
        m_credentials->setSessionToken(endpoint.token);
    if (dialog.rememberToken())
        m_credentials->remember(endpoint.baseUrl, endpoint.token);
    m_settings->setBaseUrl(endpoint.baseUrl);
    m_settings->setLastOrgId(dialog.run().orgId);
    open(endpoint, dialog.run());
}

void OpenRunFlow::openWithBestToken(const QUrl &baseUrl, const RunRef &run, bool reverse)
{
    const QByteArray known = m_credentials->knownToken();
    // A loopback server (the demo, a test server) needs no token.
    if (!known.isEmpty() || ApiClient::isLoopback(baseUrl)) {
        open(ApiEndpoint{baseUrl, known}, run, reverse);
        return;
    }
    // One answer from the keychain: a saved token opens the run, none (or no keychain) asks.
    m_credentials->lookUpSaved(baseUrl, this, [this, baseUrl, run, reverse](const QByteArray &token, const QString &error) {
        if (!error.isEmpty())
            emit message(error, 15000);
        if (token.isEmpty()) {
            showDialogFor(baseUrl, run);
            return;
        }
        m_credentials->setSessionToken(token);
        open(ApiEndpoint{baseUrl, token}, run, reverse);
    });
}

void OpenRunFlow::open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse)
{
    m_session->openApi(endpoint, run, reverse);
}

void OpenRunFlow::populateRecentMenu(QMenu *menu)
{
    menu->clear();
    const QList<RecentRun> runs = m_settings->recentRuns();
    if (runs.isEmpty()) {
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
}
