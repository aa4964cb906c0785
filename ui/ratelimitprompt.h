// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>

class AppSettings;
class QWidget;
class RequestPacer;

// View > Rate Limit…: asks for requests per seconds, keeps it in the settings and applies it to
// the pacer in use and to every pacer made from now on.
class RateLimitPrompt
{
    Q_DECLARE_TR_FUNCTIONS(RateLimitPrompt)

public:
    // Returns a sentence for the status bar; empty when nothing changed.
    static QString ask(QWidget *parent, AppSettings *settings, RequestPacer *pacerInUse);
};
