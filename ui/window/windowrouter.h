// SPDX-License-Identifier: MIT
#pragma once

#include "ui/window/openrequest.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

class MainWindow;
class RunLibrary;

// Where what a later start handed over is shown: the window that already shows that file or run
// comes to the front (and goes to the entry asked for); else a window showing nothing takes it;
// else a new window opens it. The token is this process's own: CODEGEN_API_TOKEN only for the
// API origin it was given for, else one saved or typed for that origin, else the user is asked.
class WindowRouter : public QObject
{
    Q_OBJECT
public:
    struct Routed
    {
        enum class Window { New, Raised, Empty };
        Window window = Window::New;
        MainWindow *shown = nullptr;
        int windows = 0; // main windows open afterwards
    };

    // `environmentOrigin`: the origin CODEGEN_API_TOKEN belongs to (this process's configured
    // base URL).
    WindowRouter(RunLibrary *library, const QByteArray &environmentToken, const QUrl &environmentOrigin,
                 QObject *parent = nullptr);

    Routed route(const OpenRequest &request);

    static QString windowWord(Routed::Window window); // "new", "raised", "empty": the protocol's
    // The visible main windows of this process.
    static QList<MainWindow *> mainWindows();

private:
    MainWindow *windowShowing(const OpenRequest &request) const;
    MainWindow *newWindow();
    void open(MainWindow *window, const OpenRequest &request);

    RunLibrary *m_library;
    QByteArray m_environmentToken;
    QUrl m_environmentOrigin;
};
