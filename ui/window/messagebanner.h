// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

// A strip above the table for what went wrong, in words the user can act on, with a Retry
// button when trying again can help, or "Use Another Token…" when the server refused the token
// (a Retry would only be refused again). Loaded rows stay visible below it.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Error, Warning, Info };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, bool offerRetry);
    // An error whose way out is another token.
    void showTokenRefused(const QString &text);
    QString text() const;
    bool retryOffered() const;
    bool anotherTokenOffered() const;

signals:
    void retryRequested();
    void anotherTokenRequested();

private:
    QLabel *m_text;
    QPushButton *m_retry;
    QPushButton *m_anotherToken;
    QToolButton *m_close;
};
