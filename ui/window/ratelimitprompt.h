// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>

class AppSettings;
class QWidget;
class RunSession;

// View > Rate Limit…: asks for requests per seconds, keeps it in the settings and applies it to
// the session's requests from now on (and to every window's new ones).
class RateLimitPrompt
{
    Q_DECLARE_TR_FUNCTIONS(RateLimitPrompt)

public:
    // Returns a sentence for the status bar; empty when nothing changed.
    static QString ask(QWidget *parent, AppSettings *settings, RunSession *session);
};
