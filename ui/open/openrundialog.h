// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QDialogButtonBox;

// Asks which run to open: organization ID and run ID, or a pasted run URL; the API token (taken
// from CODEGEN_API_TOKEN when set, else typed, and kept for this session only) and the base URL.
class OpenRunDialog : public QDialog
{
    Q_OBJECT
public:
    explicit OpenRunDialog(QWidget *parent = nullptr);

    void setOrgId(qint64 orgId);
    void setRunText(const QString &text);
    void setBaseUrl(const QUrl &url);
    // The token already known; the field stays empty and says so. `origin` (a base URL) binds it
    // to one API origin: it is used only while the base URL field names that origin. An empty
    // origin (CODEGEN_API_TOKEN, which the user set for whatever they point Runlog at) binds it
    // to none.
    void setKnownToken(const QByteArray &token, const QString &source, const QUrl &origin = QUrl());
    // A token the keychain answered for `origin`: taken (true) only when the base URL field names
    // that origin now, so a late answer for another origin is never sent anywhere.
    bool offerSavedToken(const QUrl &origin, const QByteArray &token);

    // The server refused the token it was sent: nothing known is offered, a new one is asked
    // for (the focus is in its field).
    void askForAnotherToken();

    RunRef run() const;
    ApiEndpoint endpoint() const;
    // True when the user typed a token (to be remembered for the session).
    bool tokenWasTyped() const;
    // Offers to keep a typed token in the system keychain, or says why it cannot.
    // `saveFailure`: why the last save to the keychain failed (TokenStore::saveFailure); then
    // Remember starts unticked and says so, so that opening a run does not fail to save again.
    void setKeychainState(bool available, const QString &reason, const QString &saveFailure = QString());
    bool rememberToken() const;

signals:
    // The base URL field names another origin than before (after editing): the keychain may
    // hold a token for it.
    void originChanged(const QUrl &baseUrl);

private:
    void validate();
    QUrl baseUrl() const;
    bool knownTokenApplies() const;
    void updateTokenHint();
    void onBaseUrlEdited();

    QLineEdit *m_runEdit;
    QLineEdit *m_orgEdit;
    QLineEdit *m_tokenEdit;
    QLineEdit *m_baseUrlEdit;
    QLabel *m_tokenHint;
    QCheckBox *m_remember;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QByteArray m_knownToken;
    QString m_knownTokenSource;
    QString m_knownTokenOrigin;   // TokenStore::originKey, empty: any origin
    QString m_lastOrigin;         // of the base URL field, to notice a change
    bool m_askingForAnother = false;
};
