// SPDX-License-Identifier: MIT
#include "ui/table/tablecontextmenu.h"

#include "rows/logtablemodel.h"
#include "search/logfilterproxymodel.h"
#include "ui/search/searchcontroller.h"
#include "ui/table/logtableview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontMetrics>
#include <QMenu>

#include <algorithm>

TableContextMenu::TableContextMenu(LogTableView *table, LogFilterProxyModel *proxy, SearchController *search, QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_proxy(proxy)
    , m_search(search)
{
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &TableContextMenu::showMenu);
}

void TableContextMenu::addGroup(const Group &group)
{
    m_groups.append(group);
}

QMenu *TableContextMenu::menuFor(const QModelIndex &index)
{
    if (index.isValid() && index.row() != m_table->currentIndex().row())
        m_table->setCurrentIndex(index);
    auto *menu = new QMenu(m_table);
    for (const Group &group : m_groups) {
        if (!menu->isEmpty() && !menu->actions().constLast()->isSeparator())
            menu->addSeparator();
        group(menu, index);
    }
    if (!menu->isEmpty() && menu->actions().constLast()->isSeparator())
        menu->removeAction(menu->actions().constLast());
    return menu;
}

void TableContextMenu::showMenu(const QPoint &pos)
{
    QMenu *menu = menuFor(m_table->indexAt(pos));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_table->viewport()->mapToGlobal(pos));
}

void TableContextMenu::addCopyGroup(QAction *copyEntry)
{
    addGroup([this, copyEntry](QMenu *menu, const QModelIndex &index) {
        menu->addAction(copyEntry);
        if (!index.isValid())
            return;
        const QString column = m_table->model()->headerData(index.column(), Qt::Horizontal).toString();
        const QString value = index.data(Qt::DisplayRole).toString();
        // Menu texts: '&' marks a mnemonic, and a column's name is ours (no server text here).
        QAction *copy = menu->addAction(tr("Copy %1 Value").arg(column));
        copy->setObjectName(QStringLiteral("copyValue"));
        copy->setEnabled(!value.isEmpty());
        connect(copy, &QAction::triggered, this, [value] { QGuiApplication::clipboard()->setText(value); });
    });
}

void TableContextMenu::addFilterGroup()
{
    addGroup([this](QMenu *menu, const QModelIndex &index) {
        if (!index.isValid())
            return;
        const QString tool = index.data(LogTableModel::ToolNameRole).toString();
        const QString type = index.data(LogTableModel::MessageTypeRole).toString();
        const QFontMetrics metrics(menu->font());
        // The tool and type are the server's words: elided, and '&' doubled so none is a mnemonic.
        const auto named = [&metrics](const QString &text) {
            return metrics.elidedText(text, Qt::ElideMiddle, 240).replace(QLatin1Char('&'), QStringLiteral("&&"));
        };
        QAction *onlyTool = menu->addAction(tool.isNull() ? tr("Show Only Entries Without a Tool")
                                                          : tr("Show Only Tool “%1”").arg(named(tool)));
        onlyTool->setObjectName(QStringLiteral("showOnlyTool"));
        connect(onlyTool, &QAction::triggered, this, [this, tool] { m_search->setAllowedToolNames(QStringList{tool}); });
        QAction *onlyType = menu->addAction(type.isNull() ? tr("Show Only Entries Without a Type")
                                                          : tr("Show Only Type “%1”").arg(named(type)));
        onlyType->setObjectName(QStringLiteral("showOnlyType"));
        connect(onlyType, &QAction::triggered, this, [this, type] { m_search->setAllowedMessageTypes(QStringList{type}); });

        const int entry = index.data(LogTableModel::ChronologicalIndexRole).toInt() + 1;
        const int entries = m_proxy->sourceRowCount();
        QAction *around = menu->addAction(tr("Show Entries Around (±%1)").arg(kEntriesAround));
        around->setObjectName(QStringLiteral("showEntriesAround"));
        around->setToolTip(tr("Only the %1 entries before and after this one; Clear Filters (or Escape) shows all again")
                               .arg(kEntriesAround));
        connect(around, &QAction::triggered, this, [this, entry, entries] {
            QVector<int> shown;
            for (int e = std::max(1, entry - kEntriesAround); e <= std::min(entries, entry + kEntriesAround); ++e)
                shown.append(e);
            m_proxy->setOnlyEntries(shown, tr("entries around #%1").arg(entry));
        });
    });
}
