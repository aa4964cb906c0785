// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

// The server's own words from an error body: {"message": ...} (403/404/429), FastAPI's
// {"detail": "..."} or {"detail": [{"loc": [...], "msg": ...}]} (422), or the body's text when it
// is not JSON. Shortened and stripped of control characters so it is safe to show in one line.
namespace ServerMessage {
QString fromBody(const QByteArray &body);
}
