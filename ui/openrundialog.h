#pragma once

#include "api/apiendpoint.h"

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
    // The token already known (environment or this session); the field stays empty and says so.
    void setKnownToken(const QByteArray &token, const QString &source);

    RunRef run() const;
    ApiEndpoint endpoint() const;
    // True when the user typed a token (to be remembered for the session).
    bool tokenWasTyped() const;
    // Offers to keep a typed token in the system keychain, or says why it cannot.
    void setKeychainState(bool available, const QString &reason);
    bool rememberToken() const;

private:
    void validate();

    QLineEdit *m_runEdit;
    QLineEdit *m_orgEdit;
    QLineEdit *m_tokenEdit;
    QLineEdit *m_baseUrlEdit;
    QLabel *m_tokenHint;
    QCheckBox *m_remember;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QByteArray m_knownToken;
};
