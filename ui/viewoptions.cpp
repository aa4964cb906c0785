// SPDX-License-Identifier: MIT
#include "ui/viewoptions.h"

#include "ui/detail/detailpane.h"
#include "ui/table/logtableview.h"
#include "settings/appsettings.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QPlainTextEdit>

#include <algorithm>

namespace {
QFont zoomed(QFont font, int steps)
{
    font.setPointSizeF(std::max(4.0, font.pointSizeF() + steps));
    return font;
}
} // namespace

ViewOptions::ViewOptions(LogTableView *table, DetailPane *detail, AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_detail(detail)
    , m_settings(settings)
    , m_tableFont(table->font())
    , m_detailFont(detail->textView()->font())
{
    QHeaderView *header = m_table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &position) {
        QMenu menu;
        populateColumnsMenu(&menu);
        menu.exec(header->mapToGlobal(position));
    });
    m_wrapLines = m_settings->detailWrapsLines();
    m_detail->setWrapLines(m_wrapLines);
    m_zoomSteps = std::clamp(m_settings->zoomSteps(), kMinZoomSteps, kMaxZoomSteps);
    if (m_zoomSteps != 0) {
        const int steps = m_zoomSteps;
        m_zoomSteps = 0;
        setZoomSteps(steps);
    }
}

void ViewOptions::connectActions(QAction *zoomIn, QAction *zoomOut, QAction *zoomReset, QAction *wrapLines, QMenu *columns)
{
    connect(zoomIn, &QAction::triggered, this, &ViewOptions::zoomIn);
    connect(zoomOut, &QAction::triggered, this, &ViewOptions::zoomOut);
    connect(zoomReset, &QAction::triggered, this, &ViewOptions::resetZoom);
    wrapLines->setChecked(m_wrapLines);
    connect(wrapLines, &QAction::toggled, this, &ViewOptions::setWrapLines);
    connect(columns, &QMenu::aboutToShow, this, [this, columns] { populateColumnsMenu(columns); });
}

void ViewOptions::setZoomSteps(int steps)
{
    steps = std::clamp(steps, kMinZoomSteps, kMaxZoomSteps);
    if (steps == m_zoomSteps)
        return;
    m_zoomSteps = steps;
    const QFont tableFont = zoomed(m_tableFont, steps);
    m_table->setFont(tableFont);
    // Rows keep one fixed height (the table stays virtual): the new text's height.
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(tableFont).height() + 10);
    m_detail->setTextFont(zoomed(m_detailFont, steps));
    m_settings->setZoomSteps(steps);
    emit zoomChanged(steps);
}

void ViewOptions::setWrapLines(bool wrap)
{
    m_wrapLines = wrap;
    m_detail->setWrapLines(wrap);
    m_settings->setDetailWrapsLines(wrap);
}

void ViewOptions::populateColumnsMenu(QMenu *menu)
{
    menu->clear();
    QHeaderView *header = m_table->horizontalHeader();
    QAbstractItemModel *model = m_table->model();
    if (!model)
        return;
    int visible = 0;
    for (int column = 0; column < model->columnCount(); ++column)
        visible += header->isSectionHidden(column) ? 0 : 1;
    for (int column = 0; column < model->columnCount(); ++column) {
        const QString name = model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        QAction *action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(header->isSectionHidden(column) || visible > 1);
        connect(action, &QAction::toggled, this, [header, column](bool shown) { header->setSectionHidden(column, !shown); });
    }
}
