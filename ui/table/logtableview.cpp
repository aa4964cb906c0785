// SPDX-License-Identifier: MIT
#include "ui/table/logtableview.h"

#include "ui/table/logitemdelegate.h"
#include "ui/table/markedscrollbar.h"
#include "rows/logtablemodel.h"
#include "run/timestamps.h"

#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStyle>

namespace {
int digitsOf(int rows)
{
    return int(QString::number(rows).size());
}

bool showsDates(const QAbstractItemModel *model)
{
    return model && model->rowCount() > 0
        && model->index(0, LogTableModel::TimeColumn).data().toString().size() > 12;
}
} // namespace

LogTableView::LogTableView(QWidget *parent)
    : QTableView(parent)
    , m_scrollBar(new MarkedScrollBar(this))
    , m_delegate(new LogItemDelegate(this))
{
    // Tab goes on to the detail pane (the arrows move between rows): not a trap cell by cell.
    setTabKeyNavigation(false);
    setVerticalScrollBar(m_scrollBar);
    setItemDelegate(m_delegate);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    setAlternatingRowColors(true);
    setCornerButtonEnabled(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    // A fixed row height is what keeps 100,000 rows cheap: no per-row size queries.
    QHeaderView *rows = verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 10);
    rows->hide();

    QHeaderView *columns = horizontalHeader();
    columns->setHighlightSections(false);
    columns->setStretchLastSection(true);
    columns->setSectionsMovable(true);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setMinimumSectionSize(32);
    columns->setTextElideMode(Qt::ElideRight);
    connect(columns, &QHeaderView::sectionResized, this, [this](int column) {
        // Only a drag by the user counts: restoring a saved state resizes too.
        if (!m_fitting && column >= 0 && column < m_userSized.size() && QGuiApplication::mouseButtons() != Qt::NoButton)
            m_userSized[column] = true;
    });

    // Pinned to the end is a state of the user's making: scrolling to the bottom pins, scrolling
    // up unpins. When the range grows (new rows, a smaller viewport) a pinned view follows it.
    QScrollBar *bar = verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        m_pinned = value >= bar->maximum() - 2;
    });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (m_pinToBottom && m_pinned && bar->value() != maximum)
            bar->setValue(maximum);
    });

    // Scrolling fires many events per frame; the loader needs only the rows where it settles.
    m_viewportTimer.setSingleShot(true);
    m_viewportTimer.setInterval(15);
    connect(&m_viewportTimer, &QTimer::timeout, this, [this] {
        measureGapsOnScreen();
        const auto [first, last] = visibleRows();
        emit visibleRowsChanged(first, last);
    });
}

void LogTableView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    if (!model)
        return;
    m_userSized = QVector<bool>(LogTableModel::ColumnCount, false);
    m_widestGap = 0;
    m_widestShortGap = 0;
    fitColumns();
    // "Since start" and dates make the Time column wider or narrower.
    connect(model, &QAbstractItemModel::headerDataChanged, this, &LogTableView::fitColumns);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &LogTableView::reportVisibleRowsSoon);
    // The first screen of a big file shows its first rows while the rest is indexed: "99…" in #
    // until something re-laid the table. Refit when the content outgrows the columns.
    connect(model, &QAbstractItemModel::rowsInserted, this, &LogTableView::refitIfContentGrew);
    connect(model, &QAbstractItemModel::dataChanged, this, &LogTableView::refitIfContentGrew);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_widestGap = m_widestShortGap = 0; // another run: its own gaps
        fitColumns();    // and entry numbers' digits
    });
    connect(model, &QAbstractItemModel::modelReset, this, &LogTableView::reportVisibleRowsSoon);
    connect(model, &QAbstractItemModel::layoutChanged, this, &LogTableView::reportVisibleRowsSoon);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { emit currentRowChanged(current.isValid() ? current.row() : -1); });
    reportVisibleRowsSoon();
}

QPair<int, int> LogTableView::visibleRows() const
{
    if (!model() || model()->rowCount() == 0)
        return {-1, -1};
    const int first = rowAt(0);
    int last = rowAt(viewport()->height() - 1);
    if (first < 0)
        return {-1, -1};
    if (last < 0)
        last = model()->rowCount() - 1;
    return {first, last};
}

bool LogTableView::isAtBottom() const
{
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 2;
}

QModelIndex LogTableView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    // Rows are what the user moves between: Home/End go to the first/last entry, as Ctrl+Home/End do.
    if (model() && model()->rowCount() > 0) {
        const int column = currentIndex().isValid() ? currentIndex().column() : 0;
        if (cursorAction == MoveHome)
            return model()->index(0, column);
        if (cursorAction == MoveEnd)
            return model()->index(model()->rowCount() - 1, column);
    }
    return QTableView::moveCursor(cursorAction, modifiers);
}

bool LogTableView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_N && key->modifiers() == Qt::NoModifier && m_hasMatches && m_hasMatches()) {
            event->accept(); // the key press comes here (next match), not to the shortcut
            return true;
        }
    }
    return QTableView::event(event);
}

void LogTableView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_N && (event->modifiers() & ~Qt::ShiftModifier) == Qt::NoModifier) {
        if (event->modifiers() & Qt::ShiftModifier)
            emit previousMatchRequested();
        else
            emit nextMatchRequested();
        return;
    }
    // j/k move like in a pager or mail reader.
    if (event->modifiers() == Qt::NoModifier && (event->key() == Qt::Key_J || event->key() == Qt::Key_K)) {
        QKeyEvent arrow(QEvent::KeyPress, event->key() == Qt::Key_J ? Qt::Key_Down : Qt::Key_Up, Qt::NoModifier);
        QTableView::keyPressEvent(&arrow);
        return;
    }
    QTableView::keyPressEvent(event);
}

void LogTableView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    fitColumns();
    reportVisibleRowsSoon();
}

int LogTableView::naturalWidth(int column) const
{
    const QFontMetrics metrics = fontMetrics();
    switch (column) {
    case LogTableModel::IndexColumn: // as many digits as the run's last entry number has, after
        // the margin where a mark's bookmark and a note's page are drawn (LogItemDelegate)
        return metrics.horizontalAdvance(QString(std::max(3, int(QString::number(model() ? model()->rowCount() : 0).size())),
                                                 QLatin1Char('9'))) + 14 + LogItemDelegate::kMarkIconRoom
            + LogItemDelegate::kNoteIconRoom;
    case LogTableModel::TimeColumn: {
        // The widest of what the column can show in its current style.
        const QString title = model() ? model()->headerData(column, Qt::Horizontal).toString() : QString();
        const bool dated = showsDates(model());
        return std::max(metrics.horizontalAdvance(dated ? QStringLiteral("00-00 00:00:00.000") : QStringLiteral("00:00:00.000")),
                        metrics.horizontalAdvance(title)) + 18;
    }
    case LogTableModel::GapColumn: {
        // As wide as the widest gap shown yet (most runs' gaps are seconds: "+6.6 s"), never
        // narrower than the title or a short gap.
        const QString title = model() ? model()->headerData(column, Qt::Horizontal).toString() : QString();
        return std::max({m_widestGap, metrics.horizontalAdvance(title), metrics.horizontalAdvance(QStringLiteral("+9.9 s"))}) + 14;
    }
    case LogTableModel::TypeColumn: return metrics.horizontalAdvance(QStringLiteral("PLAN_EVALUATION")) + 20;
    case LogTableModel::ToolColumn: return metrics.horizontalAdvance(QStringLiteral("ripgrep_search")) + 16;
    default: return 0;
    }
}

void LogTableView::measureGapsOnScreen()
{
    if (!model())
        return;
    const auto [first, last] = visibleRows();
    if (first < 0)
        return;
    // Long gaps are drawn in bold (LogItemDelegate): measure as bold.
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = m_widestGap;
    int widestShort = m_widestShortGap;
    for (int row = first; row <= last; ++row) {
        const QModelIndex gap = model()->index(row, LogTableModel::GapColumn);
        widest = std::max(widest, metrics.horizontalAdvance(gap.data().toString()));
        const QVariant msecs = gap.data(LogTableModel::GapMsecsRole);
        if (msecs.isValid())
            widestShort = std::max(widestShort, metrics.horizontalAdvance(Timestamps::formatGapShort(msecs.toLongLong())));
    }
    if (widest > m_widestGap || widestShort > m_widestShortGap) {
        m_widestGap = widest;
        m_widestShortGap = widestShort;
        fitColumns();
    }
}

int LogTableView::minimumSummaryWidth() const
{
    return fontMetrics().horizontalAdvance(QLatin1Char('x')) * 28;
}

int LogTableView::comfortableWidth() const
{
    int width = minimumSummaryWidth() + frameWidth() * 2 + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    for (int column = 0; column < LogTableModel::ColumnCount; ++column) {
        if (column == LogTableModel::SummaryColumn || isColumnHidden(column))
            continue;
        width += column < m_userSized.size() && m_userSized[column] ? columnWidth(column) : naturalWidth(column);
    }
    return width;
}

QMap<int, int> LogTableView::userColumnWidths() const
{
    QMap<int, int> widths;
    for (int column = 0; column < m_userSized.size(); ++column) {
        if (m_userSized[column] && column != LogTableModel::SummaryColumn)
            widths.insert(column, columnWidth(column));
    }
    return widths;
}

void LogTableView::setUserColumnWidths(const QMap<int, int> &widths)
{
    if (m_userSized.isEmpty())
        return;
    m_fitting = true;
    for (auto it = widths.begin(); it != widths.end(); ++it) {
        const int column = it.key();
        if (column < 0 || column >= m_userSized.size() || column == LogTableModel::SummaryColumn || it.value() <= 0)
            continue;
        m_userSized[column] = true;
        setColumnWidth(column, std::max(horizontalHeader()->minimumSectionSize(), it.value()));
    }
    m_fitting = false;
    fitColumns();
}

void LogTableView::refitIfContentGrew()
{
    if (!model())
        return;
    if (digitsOf(model()->rowCount()) != m_fittedDigits || showsDates(model()) != m_fittedDated)
        fitColumns();
}

void LogTableView::fitColumns()
{
    if (!model() || m_userSized.isEmpty())
        return;
    m_fittedDigits = digitsOf(model()->rowCount());
    m_fittedDated = showsDates(model());
    QHeaderView *columns = horizontalHeader();
    columns->setSectionResizeMode(LogTableModel::SummaryColumn, QHeaderView::Stretch);
    m_fitting = true;
    const int minimumSummary = minimumSummaryWidth();
    const int minimumShrunk = fontMetrics().horizontalAdvance(QStringLiteral("ACTI…")) + 16;
    // Gap gives way only down to its widest gap in the short form ("+5m 2s"), which the
    // delegate then draws: never a cut "+5 mi…".
    const int minimumGap = std::max({m_widestShortGap, fontMetrics().horizontalAdvance(QStringLiteral("+9.9s")),
                                     fontMetrics().horizontalAdvance(model()->headerData(LogTableModel::GapColumn, Qt::Horizontal).toString())})
        + 14;
    int used = 0;
    for (int column = 0; column < LogTableModel::ColumnCount; ++column) {
        if (column != LogTableModel::SummaryColumn && !isColumnHidden(column))
            used += m_userSized[column] ? columnWidth(column) : naturalWidth(column);
    }
    int excess = used + minimumSummary - viewport()->width();
    QVector<int> widths(LogTableModel::ColumnCount);
    for (int column = 0; column < LogTableModel::ColumnCount; ++column)
        widths[column] = naturalWidth(column);
    for (int column : {int(LogTableModel::ToolColumn), int(LogTableModel::TypeColumn), int(LogTableModel::GapColumn)}) {
        const int cut = std::min(excess, widths[column] - (column == LogTableModel::GapColumn ? minimumGap : minimumShrunk));
        if (cut > 0 && !m_userSized[column]) {
            widths[column] -= cut;
            excess -= cut;
        }
    }
    for (int column = 0; column < LogTableModel::ColumnCount; ++column) {
        if (column != LogTableModel::SummaryColumn && !m_userSized[column] && columnWidth(column) != widths[column])
            setColumnWidth(column, widths[column]);
    }
    // Ask the splitter for the room a Summary needs to stay readable beside the others at their
    // narrowest (the detail pane gives it up first), rather than scroll sideways. Smaller than
    // the fit's own minimum, so that a small window (800 x 500 with the dock) still fits.
    int narrowest = fontMetrics().horizontalAdvance(QLatin1Char('x')) * 16 + frameWidth() * 2
        + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    for (int column = 0; column < LogTableModel::ColumnCount; ++column) {
        if (column == LogTableModel::SummaryColumn || isColumnHidden(column))
            continue;
        if (m_userSized[column])
            narrowest += columnWidth(column);
        else if (column == LogTableModel::ToolColumn || column == LogTableModel::TypeColumn)
            narrowest += std::min(widths[column], minimumShrunk);
        else if (column == LogTableModel::GapColumn)
            narrowest += std::min(widths[column], minimumGap);
        else
            narrowest += widths[column];
    }
    m_narrowestWidth = narrowest;
    applyMinimumWidth();
    m_fitting = false;
}

void LogTableView::setMinimumWidthCap(int cap)
{
    m_minimumWidthCap = std::max(0, cap);
    applyMinimumWidth();
}

void LogTableView::applyMinimumWidth()
{
    const int wanted = std::min(m_narrowestWidth, m_minimumWidthCap);
    if (minimumWidth() != wanted)
        setMinimumWidth(wanted);
}

void LogTableView::scrollContentsBy(int dx, int dy)
{
    QTableView::scrollContentsBy(dx, dy);
    if (dy != 0)
        reportVisibleRowsSoon();
}

void LogTableView::reportVisibleRowsSoon()
{
    if (!m_viewportTimer.isActive())
        m_viewportTimer.start();
}
