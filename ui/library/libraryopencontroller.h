// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "run/sampleref.h"

#include <QObject>
#include <QString>

#include <optional>

class AppSettings;
class Credentials;
class LibraryController;
class MainWindow;
class RunLibrary;

// Joins a main window to the library of runs: the Library menu and its windows (a
// LibraryController), runs opened from them in this window, and a search result's entry selected
// once its run's rows are there. Kept out of MainWindow, which only creates it.
class LibraryOpenController : public QObject
{
    Q_OBJECT
public:
    // `library` may be null (--no-store): the organization's runs still work.
    LibraryOpenController(RunLibrary *library, MainWindow *window, Credentials *credentials, AppSettings *settings);

    RunLibrary *library() const { return m_library; }
    LibraryController *controller() const { return m_controller; }

private:
    void openRunAtEntry(const ApiEndpoint &endpoint, const RunRef &run, qint64 position);
    void openFileAtEntry(const QString &path, const std::optional<SampleRef> &sample, qint64 runId, qint64 position);
    bool pendingRunIsOpen() const;
    void selectPendingEntry();

    RunLibrary *m_library;
    MainWindow *m_window;
    LibraryController *m_controller = nullptr;
    RunRef m_pendingRun;
    QString m_pendingFile;                   // the file whose entry waits; empty: an API run's
    std::optional<SampleRef> m_pendingSample;
    qint64 m_pendingEntry = -1; // 0-based, oldest first; -1: none
};
