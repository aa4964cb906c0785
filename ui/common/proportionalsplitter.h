// SPDX-License-Identifier: MIT
#pragma once

#include <QSplitter>

// A splitter that keeps its panes' proportions when the window is resized (QSplitter gives all
// the change to the panes by stretch factor, so a small window could leave the table a sliver).
// The user's drag sets the proportion; restoreState() sets it from what was saved.
class ProportionalSplitter : public QSplitter
{
    Q_OBJECT
public:
    explicit ProportionalSplitter(Qt::Orientation orientation, QWidget *parent = nullptr);

    // The first pane's share of the width, from 0 to 1.
    void setFirstShare(double share);
    bool restoreState(const QByteArray &state);

signals:
    // Before the panes are laid out at a new size: a pane may adjust its minimum to the room.
    void resizing(const QSize &size);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void noteShare();
    void applyShare();

    double m_firstShare = 0.58;
    bool m_applying = false;
};
