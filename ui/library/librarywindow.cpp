// SPDX-License-Identifier: MIT
#include "ui/library/librarywindow.h"

#include "ui/library/libraryrunspanel.h"
#include "ui/library/librarysearchpanel.h"

#include <QKeySequence>
#include <QShortcut>
#include <QTabWidget>
#include <QVBoxLayout>

LibraryWindow::LibraryWindow(LibraryRunsPanel *runs, LibrarySearchPanel *search, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_runs(runs)
    , m_search(search)
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Library — Runlog"));
    m_tabs->addTab(m_runs, tr("&Runs in the Library"));
    m_tabs->addTab(m_search, tr("&Search All Runs"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_tabs);
    new QShortcut(QKeySequence::Find, this, this, &LibraryWindow::showSearch);
    new QShortcut(QKeySequence(Qt::Key_Escape), this, this, &QWidget::close);
    resize(1180, 640);
}

void LibraryWindow::showRuns()
{
    m_tabs->setCurrentWidget(m_runs);
    show();
    raise();
    activateWindow();
    m_runs->setFocus();
}

void LibraryWindow::showSearch()
{
    m_tabs->setCurrentWidget(m_search);
    show();
    raise();
    activateWindow();
    m_search->refreshCompletions();
    m_search->focusQuery();
}
