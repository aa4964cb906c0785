// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "run/sampleref.h"

#include <QObject>
#include <QUrl>

#include <optional>

class AppSettings;
class Credentials;
class QMenu;
class QWidget;
class RunSession;

// How a user gets from "I want run 42" to an open run: the Open Run dialog, the token (typed,
// from the environment, or saved in the keychain for that server only), and Open Recent.
class OpenRunController : public QObject
{
    Q_OBJECT

public:
    OpenRunController(RunSession *session, Credentials *credentials, AppSettings *settings, QWidget *dialogParent);

    // Ctrl+O: the dialog, filled with the run last asked for here (its run, organization and
    // server as used, whether it opened or not), else the place this window was given, else the
    // last one used.
    void showDialog();
    // The server refused the token (401/403): the dialog for the same run and server, asking for
    // a token other than the one refused.
    void showDialogForAnotherToken();
    // A window opened from another works where that one did: its server (the demo's too) and
    // organization fill the dialog until a run is open here.
    void setDefaultPlace(const QUrl &baseUrl, qint64 orgId);
    QUrl dialogBaseUrl() const;
    qint64 dialogOrgId() const;
    enum class TokenPrompt { OfferKnown, AskForAnother };
    void showDialogFor(const QUrl &baseUrl, const RunRef &run, TokenPrompt prompt = TokenPrompt::OfferKnown);
    // Opens with a known token (typed, environment), else the keychain's for baseUrl, else asks.
    void openWithBestToken(const QUrl &baseUrl, const RunRef &run, bool reverse = false);
    // Opens the run; Open Recent remembers it once it opened (loopback servers are not worth recalling).
    void open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse = false);
    void populateRecentMenu(QMenu *menu);
    // Something else was opened (a file, another run): a keychain answer still to come for an
    // earlier request opens nothing. Returns the new request's number.
    int supersede();

signals:
    void message(const QString &text, int timeoutMs);
    // A file of Open Recent was chosen.
    void fileRequested(const QString &path, const std::optional<SampleRef> &sample);

private:
    RunSession *m_session;
    Credentials *m_credentials;
    AppSettings *m_settings;
    QWidget *m_dialogParent;
    int m_request = 0;
    QUrl m_defaultBaseUrl;   // empty: the one in the settings
    qint64 m_defaultOrgId = 0; // 0: the one in the settings
    QUrl m_lastBaseUrl;        // of the run last asked for here; empty: none yet
    RunRef m_lastRun;
};
