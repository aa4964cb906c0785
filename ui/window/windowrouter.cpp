// SPDX-License-Identifier: MIT
#include "ui/window/windowrouter.h"

#include "run/entrylink.h"
#include "session/runsession.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

namespace {
QString canonical(const QString &path)
{
    const QFileInfo info(path);
    const QString resolved = info.canonicalFilePath();
    return resolved.isEmpty() ? info.absoluteFilePath() : resolved;
}
} // namespace

QString OpenRequest::description() const
{
    if (run && entry)
        return QCoreApplication::translate("OpenRequest", "run %1 (organization %2), entry %3").arg(run->runId).arg(run->orgId).arg(*entry);
    if (run)
        return QCoreApplication::translate("OpenRequest", "run %1 (organization %2)").arg(run->runId).arg(run->orgId);
    return file;
}

WindowRouter::WindowRouter(RunLibrary *library, const QByteArray &environmentToken, const QUrl &environmentOrigin,
                           QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_environmentToken(environmentToken)
    , m_environmentOrigin(EntryLink::originOf(environmentOrigin))
{
}

QList<MainWindow *> WindowRouter::mainWindows()
{
    // A closed window may be hidden rather than gone (the first one lives as long as main()):
    // only what the user can see counts.
    QList<MainWindow *> windows;
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *window = qobject_cast<MainWindow *>(widget); window && window->isVisible())
            windows << window;
    }
    return windows;
}

QString WindowRouter::windowWord(Routed::Window window)
{
    switch (window) {
    case Routed::Window::New: return QStringLiteral("new");
    case Routed::Window::Raised: return QStringLiteral("raised");
    case Routed::Window::Empty: return QStringLiteral("empty");
    }
    return {};
}

WindowRouter::Routed WindowRouter::route(const OpenRequest &request)
{
    Routed routed;
    if (MainWindow *showing = windowShowing(request)) {
        routed.window = Routed::Window::Raised;
        routed.shown = showing;
        if (request.run && request.entry)
            showing->selectEntryOnceOpen(*request.run, *request.entry);
    } else {
        MainWindow *empty = nullptr;
        for (MainWindow *window : mainWindows()) {
            if (!window->session()->isOpen()) {
                empty = window;
                break;
            }
        }
        routed.window = empty ? Routed::Window::Empty : Routed::Window::New;
        routed.shown = empty ? empty : newWindow();
        // Opening may ask for a token in a modal dialog: after the later start has its answer,
        // which it would otherwise wait for in vain (and then open a Runlog of its own).
        MainWindow *window = routed.shown;
        QTimer::singleShot(0, window, [this, window, request] { open(window, request); });
    }
    MainWindow *window = routed.shown;
    if (window->isMinimized())
        window->showNormal();
    window->show();
    window->raise();
    window->activateWindow();
    routed.windows = int(mainWindows().size());
    return routed;
}

MainWindow *WindowRouter::windowShowing(const OpenRequest &request) const
{
    for (MainWindow *window : mainWindows()) {
        const RunSession *session = window->session();
        if (!request.file.isEmpty()) {
            if (!session->filePath().isEmpty() && canonical(session->filePath()) == canonical(request.file)
                && (!request.sample || session->fileSample() == request.sample))
                return window;
            continue;
        }
        const std::optional<RunRef> run = session->apiRun();
        const std::optional<ApiEndpoint> endpoint = session->apiEndpoint();
        if (run && endpoint && request.run && *run == *request.run
            && EntryLink::originOf(endpoint->baseUrl) == EntryLink::originOf(request.baseUrl))
            return window;
    }
    return nullptr;
}

MainWindow *WindowRouter::newWindow()
{
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    const QList<MainWindow *> windows = mainWindows();
    if (!windows.isEmpty()) {
        window->copyTokensFrom(*windows.constLast());
        window->move(windows.constLast()->pos() + QPoint(32, 32));
    }
    window->setLibrary(m_library);
    return window;
}

void WindowRouter::open(MainWindow *window, const OpenRequest &request)
{
    if (!request.file.isEmpty()) {
        window->openFile(request.file, request.sample);
        return;
    }
    if (!request.run)
        return;
    // CODEGEN_API_TOKEN is this process's, for the origin it was started with: a run of another
    // origin (a link from a browser, say) must not get it; a token typed or saved for that origin
    // may be used.
    const bool environmentTokenFits = EntryLink::originOf(request.baseUrl) == m_environmentOrigin;
    window->setEnvironmentToken(environmentTokenFits ? m_environmentToken : QByteArray());
    window->openRunWithSavedToken(request.baseUrl, *request.run, request.reverse);
    if (request.entry)
        window->selectEntryOnceOpen(*request.run, *request.entry);
}
