// SPDX-License-Identifier: MIT
#include "ui/open/openrundialog.h"

#include "run/runurl.h"
#include "ui/common/plainlabel.h"
#include "ui/common/plaintext.h"
#include "settings/tokenstore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

OpenRunDialog::OpenRunDialog(QWidget *parent)
    : QDialog(parent)
    , m_runEdit(new QLineEdit(this))
    , m_orgEdit(new QLineEdit(this))
    , m_tokenEdit(new QLineEdit(this))
    , m_baseUrlEdit(new QLineEdit(this))
    , m_tokenHint(new PlainLabel(this))
    , m_remember(new QCheckBox(tr("Remember the token in the system keychain"), this))
    , m_problem(new PlainLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Open Run"));
    m_runEdit->setPlaceholderText(tr("12345 or https://codegen.com/agent/trace/12345"));
    m_runEdit->setClearButtonEnabled(true);
    m_orgEdit->setPlaceholderText(tr("e.g. 7"));
    m_orgEdit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\s*\\d{1,18}\\s*")), m_orgEdit));
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenEdit->setPlaceholderText(tr("API token from the Codegen web app"));
    m_baseUrlEdit->setPlaceholderText(QStringLiteral("https://api.codegen.com"));
    m_tokenHint->setWordWrap(true);
    m_tokenHint->setStyleSheet(QStringLiteral("color: gray"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c03030"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Run ID or URL:"), m_runEdit);
    form->addRow(tr("&Organization ID:"), m_orgEdit);
    form->addRow(tr("API &token:"), m_tokenEdit);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_tokenHint);
    form->addRow(tr("API &base URL:"), m_baseUrlEdit);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);
    // Tab goes down the form as it is drawn: the Remember box sits under the token (it was
    // created after the base URL field, which Tab reached first).
    setTabOrder(m_runEdit, m_orgEdit);
    setTabOrder(m_orgEdit, m_tokenEdit);
    setTabOrder(m_tokenEdit, m_remember);
    setTabOrder(m_remember, m_baseUrlEdit);
    setTabOrder(m_baseUrlEdit, m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_runEdit, m_orgEdit, m_tokenEdit, m_baseUrlEdit})
        connect(edit, &QLineEdit::textChanged, this, &OpenRunDialog::validate);
    connect(m_baseUrlEdit, &QLineEdit::textChanged, this, &OpenRunDialog::updateTokenHint);
    connect(m_baseUrlEdit, &QLineEdit::editingFinished, this, &OpenRunDialog::onBaseUrlEdited);
    // A pasted API URL carries the organization too.
    connect(m_runEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (const auto org = RunUrl::orgIdFrom(text))
            m_orgEdit->setText(QString::number(*org));
    });
    setKnownToken({}, {});
    validate();
}

void OpenRunDialog::setKeychainState(bool available, const QString &reason, const QString &saveFailure)
{
    m_remember->setEnabled(available);
    m_remember->setChecked(available && saveFailure.isEmpty());
    // The reason is the keychain's own words.
    m_remember->setToolTip(available ? tr("Saved for this API address, never in a plain file") : PlainText::toolTip(reason));
    if (!available) {
        m_remember->setText(tr("Remember the token (no system keychain is available)"));
    } else if (!saveFailure.isEmpty()) {
        m_remember->setText(tr("Remember the token (saving it failed last time)"));
        m_remember->setToolTip(PlainText::toolTip(saveFailure));
    }
}

bool OpenRunDialog::rememberToken() const
{
    return m_remember->isEnabled() && m_remember->isChecked() && tokenWasTyped();
}

void OpenRunDialog::setOrgId(qint64 orgId)
{
    if (orgId > 0)
        m_orgEdit->setText(QString::number(orgId));
}

void OpenRunDialog::setRunText(const QString &text)
{
    m_runEdit->setText(text);
}

void OpenRunDialog::setBaseUrl(const QUrl &url)
{
    m_baseUrlEdit->setText(url.toString());
    m_lastOrigin = TokenStore::originKey(baseUrl());
}

void OpenRunDialog::setKnownToken(const QByteArray &token, const QString &source, const QUrl &origin)
{
    m_knownToken = token;
    m_knownTokenSource = source;
    m_knownTokenOrigin = origin.isEmpty() ? QString() : TokenStore::originKey(origin);
    updateTokenHint();
    validate();
}

void OpenRunDialog::askForAnotherToken()
{
    m_askingForAnother = true;
    setKnownToken({}, {});
    m_tokenEdit->setFocus();
}

bool OpenRunDialog::offerSavedToken(const QUrl &origin, const QByteArray &token)
{
    if (m_askingForAnother)
        return false; // the keychain's token is the one just refused
    const QString key = TokenStore::originKey(origin);
    if (token.isEmpty() || key.isEmpty() || key != TokenStore::originKey(baseUrl()))
        return false;
    setKnownToken(token, tr("the system keychain"), origin);
    return true;
}

// The known token goes only to the origin it belongs to: editing the base URL to another host
// must not carry it there.
bool OpenRunDialog::knownTokenApplies() const
{
    if (m_knownToken.isEmpty())
        return false;
    return m_knownTokenOrigin.isEmpty() || m_knownTokenOrigin == TokenStore::originKey(baseUrl());
}

void OpenRunDialog::updateTokenHint()
{
    if (m_askingForAnother) {
        m_tokenHint->setText(tr("The server refused the token it was sent. Paste another from the Codegen web app's settings."));
        m_tokenEdit->setPlaceholderText(tr("API token from the Codegen web app"));
    } else if (!knownTokenApplies()) {
        m_tokenHint->setText(tr("Set CODEGEN_API_TOKEN to skip this field."));
        m_tokenEdit->setPlaceholderText(tr("API token from the Codegen web app"));
    } else {
        m_tokenHint->setText(tr("Using the token from %1. Type another to replace it for this session.")
                                 .arg(m_knownTokenSource));
        m_tokenEdit->setPlaceholderText(tr("(token from %1)").arg(m_knownTokenSource));
    }
}

void OpenRunDialog::onBaseUrlEdited()
{
    const QUrl base = baseUrl();
    const QString origin = TokenStore::originKey(base);
    if (origin == m_lastOrigin)
        return;
    m_lastOrigin = origin;
    if (!origin.isEmpty())
        emit originChanged(base);
}

RunRef OpenRunDialog::run() const
{
    RunRef run;
    run.runId = RunUrl::runIdFrom(m_runEdit->text()).value_or(0);
    run.orgId = m_orgEdit->text().trimmed().toLongLong();
    return run;
}

QUrl OpenRunDialog::baseUrl() const
{
    const QString base = m_baseUrlEdit->text().trimmed();
    return QUrl(base.isEmpty() ? QStringLiteral("https://api.codegen.com") : base);
}

ApiEndpoint OpenRunDialog::endpoint() const
{
    ApiEndpoint endpoint;
    endpoint.baseUrl = baseUrl();
    if (tokenWasTyped())
        endpoint.token = m_tokenEdit->text().trimmed().toUtf8();
    else if (knownTokenApplies())
        endpoint.token = m_knownToken;
    return endpoint;
}

bool OpenRunDialog::tokenWasTyped() const
{
    return !m_tokenEdit->text().trimmed().isEmpty();
}

void OpenRunDialog::validate()
{
    QString problem;
    const RunRef target = run();
    const QUrl base = endpoint().baseUrl;
    if (!m_runEdit->text().trimmed().isEmpty() && target.runId <= 0)
        problem = tr("That is not a run ID or a run URL.");
    else if (!base.isValid() || base.host().isEmpty()
             || (base.scheme() != QLatin1String("https") && base.scheme() != QLatin1String("http")))
        problem = tr("The base URL must be an https:// address.");
    else if (!ApiEndpoint::isSecureEnough(base))
        problem = tr("Plain http:// is only allowed for this computer (127.0.0.1, localhost); use https://.");
    // Asked here, before anything is opened or closed: without a token the server refuses.
    const bool needsToken = (endpoint().token.isEmpty() && !ApiEndpoint::isLoopback(base))
        || (m_askingForAnother && !tokenWasTyped());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(problem.isEmpty() && target.isValid() && !needsToken);
    m_tokenEdit->setToolTip(needsToken ? tr("An API token is needed to open a run on %1.").arg(base.host().toHtmlEscaped()) : QString());
}
