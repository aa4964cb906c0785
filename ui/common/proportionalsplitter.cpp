// SPDX-License-Identifier: MIT
#include "ui/common/proportionalsplitter.h"

#include <QResizeEvent>

#include <algorithm>

ProportionalSplitter::ProportionalSplitter(Qt::Orientation orientation, QWidget *parent)
    : QSplitter(orientation, parent)
{
    connect(this, &QSplitter::splitterMoved, this, &ProportionalSplitter::noteShare);
}

void ProportionalSplitter::setFirstShare(double share)
{
    m_firstShare = std::clamp(share, 0.1, 0.9);
    applyShare();
}

bool ProportionalSplitter::restoreState(const QByteArray &state)
{
    const bool restored = QSplitter::restoreState(state);
    if (restored)
        noteShare();
    return restored;
}

void ProportionalSplitter::resizeEvent(QResizeEvent *event)
{
    emit resizing(event->size());
    QSplitter::resizeEvent(event);
    applyShare();
}

void ProportionalSplitter::noteShare()
{
    if (m_applying || count() < 2)
        return;
    const QList<int> now = sizes();
    const int total = now.value(0) + now.value(1);
    if (total > 0)
        m_firstShare = std::clamp(double(now.value(0)) / total, 0.1, 0.9);
}

void ProportionalSplitter::applyShare()
{
    if (count() < 2)
        return;
    const QList<int> now = sizes();
    const int total = now.value(0) + now.value(1);
    if (total <= 0)
        return;
    m_applying = true;
    const int first = int(total * m_firstShare + 0.5);
    setSizes({first, total - first});
    m_applying = false;
}
