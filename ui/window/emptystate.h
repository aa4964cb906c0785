// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

// What a new user sees before any run is open: what Runlog does and the ways to start.
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);

signals:
    void openRunRequested();
    void openFileRequested();
    void demoRequested();
};
