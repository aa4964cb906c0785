#pragma once

#include <QString>

class AppSettings;
class QWidget;
class RequestPacer;

// View > Rate Limit…: asks for "requests/seconds", keeps it in the settings and applies it to
// new requests and to `pacer` (the open run's, or null).
namespace RateLimitPrompt {
// What changed, for the status bar; empty when the user cancelled or the text was refused (then
// a warning has said why).
QString ask(QWidget *parent, AppSettings *settings, RequestPacer *pacer);
}
