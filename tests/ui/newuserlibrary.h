// SPDX-License-Identifier: MIT
#pragma once

#include <QSize>
#include <QTemporaryDir>

#include <memory>

class MainWindow;
class RunLibrary;

// Runlog as a new user meets it, in its default configuration: no settings saved by an earlier
// test (or run), and a library of runs of its own (in a temporary folder) that is also every
// loader's page cache. One per test: made in init(), reset in cleanup().
class NewUserLibrary
{
public:
    NewUserLibrary();
    ~NewUserLibrary(); // the page cache is unset before the library goes

    bool isValid() const { return m_folder.isValid(); }
    RunLibrary *library() const { return m_library.get(); }

    // A main window on this library, shown and exposed.
    std::unique_ptr<MainWindow> showWindow(QSize size = QSize(1200, 800)) const;

private:
    QTemporaryDir m_folder;
    std::unique_ptr<RunLibrary> m_library;
};
