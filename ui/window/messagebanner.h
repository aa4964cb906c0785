// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

// A strip above the table for what went wrong, in words the user can act on, with a Retry
// button when trying again can help. Loaded rows stay visible below it.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Error, Warning, Info };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, bool offerRetry);
    QString text() const;
    bool retryOffered() const;

signals:
    void retryRequested();

private:
    QLabel *m_text;
    QPushButton *m_retry;
    QToolButton *m_close;
};
