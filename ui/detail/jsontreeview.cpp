// SPDX-License-Identifier: MIT
#include "ui/detail/jsontreeview.h"

#include "json/jsontreemodel.h"
#include "ui/common/plaintooltipdelegate.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QMenu>
#include <QQueue>

JsonTreeView::JsonTreeView(QWidget *parent)
    : QTreeView(parent)
    , m_model(new JsonTreeModel(this))
{
    setModel(m_model);
    setUniformRowHeights(true); // keeps a level of thousands of rows cheap to scroll
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    header()->setStretchLastSection(true);
    header()->resizeSection(JsonTreeModel::KeyColumn, 220);
    setTextElideMode(Qt::ElideRight);
    // A long string's tooltip is the entry's text: shown as characters, never as rich text.
    setItemDelegate(new PlainToolTipDelegate(this));

    auto *copyValueAction = new QAction(tr("Copy Value"), this);
    copyValueAction->setShortcut(QKeySequence::Copy);
    copyValueAction->setShortcutContext(Qt::WidgetShortcut);
    connect(copyValueAction, &QAction::triggered, this, &JsonTreeView::copyValue);
    auto *copyPathAction = new QAction(tr("Copy Path"), this);
    copyPathAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyPathAction->setShortcutContext(Qt::WidgetShortcut);
    connect(copyPathAction, &QAction::triggered, this, &JsonTreeView::copyPath);
    addActions({copyValueAction, copyPathAction});
}

void JsonTreeView::setJson(const QByteArray &json)
{
    m_model->setJson(json);
    while (m_model->canFetchMore({}))
        m_model->fetchMore({}); // the top level is one scan of the entry; its members are few
}

void JsonTreeView::expandMembers(const QStringList &keys)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (keys.contains(index.data().toString()))
            expand(index);
    }
}

bool JsonTreeView::expandAllBounded()
{
    int shown = 0;
    QQueue<QModelIndex> queue;
    queue.enqueue(QModelIndex());
    while (!queue.isEmpty()) {
        const QModelIndex parent = queue.dequeue();
        while (m_model->canFetchMore(parent) && shown + m_model->rowCount(parent) < kExpandAllLimit)
            m_model->fetchMore(parent);
        if (parent.isValid())
            expand(parent);
        const int rows = m_model->rowCount(parent);
        shown += rows;
        if (shown >= kExpandAllLimit) {
            emit message(tr("Expanded the first %1 rows; expand deeper levels one by one.").arg(kExpandAllLimit));
            return false;
        }
        for (int row = 0; row < rows; ++row) {
            const QModelIndex child = m_model->index(row, 0, parent);
            if (m_model->hasChildren(child))
                queue.enqueue(child);
        }
    }
    return true;
}

void JsonTreeView::copyValue()
{
    const QModelIndex index = currentIndex();
    if (index.isValid())
        QApplication::clipboard()->setText(index.siblingAtColumn(0).data(JsonTreeModel::ValueTextRole).toString());
}

void JsonTreeView::copyPath()
{
    const QModelIndex index = currentIndex();
    if (index.isValid())
        QApplication::clipboard()->setText(index.siblingAtColumn(0).data(JsonTreeModel::PathRole).toString());
}

void JsonTreeView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const bool onRow = indexAt(event->pos()).isValid();
    if (onRow)
        setCurrentIndex(indexAt(event->pos()));
    menu.addAction(tr("Copy Value"), this, &JsonTreeView::copyValue)->setEnabled(onRow);
    menu.addAction(tr("Copy Path"), this, &JsonTreeView::copyPath)->setEnabled(onRow);
    menu.addSeparator();
    menu.addAction(tr("Expand All"), this, &JsonTreeView::expandAllBounded);
    menu.addAction(tr("Collapse All"), this, &QTreeView::collapseAll);
    menu.exec(event->globalPos());
}
