// SPDX-License-Identifier: MIT
#include "newuserlibrary.h"

#include "model/runloader.h"
#include "store/runlibrary.h"
#include "ui/window/mainwindow.h"

#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

NewUserLibrary::NewUserLibrary()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_library = std::make_unique<RunLibrary>(m_folder.filePath(QStringLiteral("library")));
    RunLoader::setDefaultPageCache(m_library.get());
}

NewUserLibrary::~NewUserLibrary()
{
    RunLoader::setDefaultPageCache(nullptr);
}

std::unique_ptr<MainWindow> NewUserLibrary::showWindow(QSize size) const
{
    auto window = std::make_unique<MainWindow>();
    window->setLibrary(m_library.get());
    window->resize(size);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("window not exposed");
    return window;
}
