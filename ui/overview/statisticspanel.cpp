// SPDX-License-Identifier: MIT
#include "ui/overview/statisticspanel.h"

#include "ui/overview/barchart.h"
#include "ui/common/palette.h"
#include "ui/common/plaintext.h"
#include "ui/overview/ratechart.h"
#include "run/messagecategory.h"
#include "run/timestamps.h"

#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {

QString duration(qint64 msecs)
{
    return Timestamps::formatGap(msecs).mid(1); // without the sign of a gap
}
} // namespace

StatisticsPanel::StatisticsPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_clearFilter(new QPushButton(tr("Show All Entries"), this))
    , m_loadAll(new QPushButton(tr("Load All"), this))
    , m_types(new BarChart(this))
    , m_tools(new BarChart(this))
    , m_toolTime(new BarChart(this))
    , m_errors(new QListWidget(this))
    , m_gaps(new QListWidget(this))
    , m_rate(new RateChart(this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_clearFilter->setToolTip(tr("Lift the filter set by clicking a bar"));
    m_clearFilter->hide();
    m_loadAll->setObjectName(QStringLiteral("statisticsLoadAll"));
    m_loadAll->setToolTip(tr("Fetch the entries not loaded yet, so that the statistics count the whole run"));
    m_loadAll->hide();
    m_errors->setObjectName(QStringLiteral("statisticsErrors"));
    // What a screen reader calls each chart and list: the section's title.
    m_types->setObjectName(QStringLiteral("statisticsTypes"));
    m_types->setAccessibleName(tr("Message types"));
    m_tools->setObjectName(QStringLiteral("statisticsTools"));
    m_tools->setAccessibleName(tr("Tools: entries"));
    m_toolTime->setObjectName(QStringLiteral("statisticsToolTime"));
    m_toolTime->setAccessibleName(tr("Tools: time until the next entry"));
    m_errors->setAccessibleName(tr("Errors"));
    m_gaps->setObjectName(QStringLiteral("statisticsGaps"));
    m_gaps->setAccessibleName(tr("Longest gaps"));
    m_rate->setObjectName(QStringLiteral("statisticsRate"));
    m_rate->setAccessibleName(tr("Entries per minute"));
    for (QWidget *chart : std::initializer_list<QWidget *>{m_types, m_tools, m_toolTime})
        chart->setAccessibleDescription(tr("Up and Down choose a bar, Enter shows only its entries"));
    for (QListWidget *list : {m_errors, m_gaps}) {
        list->setUniformItemSizes(true);
        list->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        list->setTextElideMode(Qt::ElideRight);
        list->setSizeAdjustPolicy(QAbstractScrollArea::AdjustIgnored);
    }

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_summary);
    layout->addWidget(m_loadAll, 0, Qt::AlignLeft);
    layout->addWidget(m_clearFilter, 0, Qt::AlignLeft);
    layout->addWidget(sectionTitle(tr("Message types")));
    layout->addWidget(m_types);
    layout->addWidget(sectionTitle(tr("Tools: entries")));
    layout->addWidget(m_tools);
    layout->addWidget(sectionTitle(tr("Tools: time until the next entry")));
    layout->addWidget(m_toolTime);
    m_errorsTitle = sectionTitle(tr("Errors"));
    layout->addWidget(m_errorsTitle);
    layout->addWidget(m_errors);
    layout->addWidget(sectionTitle(tr("Longest gaps")));
    layout->addWidget(m_gaps);
    layout->addWidget(sectionTitle(tr("Entries per minute")));
    layout->addWidget(m_rate);
    layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_clearFilter, &QPushButton::clicked, this, &StatisticsPanel::clearFilterRequested);
    connect(m_loadAll, &QPushButton::clicked, this, [this] {
        m_loadAll->setEnabled(false); // until the statistics of what arrives come
        emit loadAllRequested();
    });
    connect(m_types, &BarChart::barClicked, this, [this](int i) { emit messageTypeRequested(m_typeValues.value(i)); });
    connect(m_tools, &BarChart::barClicked, this, [this](int i) { emit toolNameRequested(m_toolValues.value(i)); });
    connect(m_toolTime, &BarChart::barClicked, this, [this](int i) { emit toolNameRequested(m_toolTimeValues.value(i)); });
    connect(m_errors, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit positionRequested(item->data(Qt::UserRole).toInt());
    });
    connect(m_errors, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        emit positionRequested(item->data(Qt::UserRole).toInt());
    });
    connect(m_gaps, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        emit positionRequested(item->data(Qt::UserRole).toInt());
    });
    connect(m_gaps, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit positionRequested(item->data(Qt::UserRole).toInt());
    });
    connect(m_rate, &RateChart::bucketClicked, this, [this](int bucket) {
        emit timeRequested(m_statistics.bucketStartMsecs + bucket * m_statistics.bucketMsecs);
    });
    clear();
}

QLabel *StatisticsPanel::sectionTitle(const QString &text)
{
    auto *label = new QLabel(text, this);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    label->setContentsMargins(0, 8, 0, 0);
    label->setWordWrap(true); // a narrow dock (800 x 500) wraps a long title rather than cut it
    return label;
}

void StatisticsPanel::clear()
{
    m_errorLines.clear();
    setStatistics(RunStatistics(), {}, {});
}

void StatisticsPanel::setStatistics(const RunStatistics &statistics, const QSet<QString> &allowedTypes,
                                    const QSet<QString> &allowedTools)
{
    m_statistics = statistics;
    const QLocale locale;
    QStringList summary;
    summary << tr("%1 entries").arg(locale.toString(statistics.entries));
    if (statistics.hasDuration)
        summary << tr("%1 from first to last").arg(duration(statistics.durationMsecs()));
    summary << tr("%Ln errors", nullptr, int(statistics.errorPositions.size()));
    QString text = summary.join(QStringLiteral("  ·  "));
    const bool partly = statistics.loadedEntries < statistics.entries;
    if (partly)
        text += QLatin1Char('\n')
            + tr("Counted over the %Ln loaded entries of %1.", nullptr, statistics.loadedEntries)
                  .arg(locale.toString(statistics.entries));
    m_summary->setText(text);
    if (partly && !m_loadAll->isVisibleTo(this))
        m_loadAll->setEnabled(true);
    m_loadAll->setVisible(partly);
    if (partly)
        m_loadAll->setText(tr("Load All %1 Entries").arg(locale.toString(statistics.entries)));
    m_clearFilter->setVisible(!allowedTypes.isEmpty() || !allowedTools.isEmpty());

    QList<BarChart::Bar> bars;
    m_typeValues.clear();
    for (const RunStatistics::Count &count : statistics.messageTypes) {
        bars.append({count.value.isEmpty() ? tr("(empty)") : count.value, double(count.count), locale.toString(count.count),
                     RunlogPalette::forCategory(messageCategoryOf(count.value)), allowedTypes.contains(count.value)});
        m_typeValues.append(count.value);
    }
    if (statistics.withoutMessageType > 0) {
        bars.append({tr("(no type)"), double(statistics.withoutMessageType), locale.toString(statistics.withoutMessageType),
                     RunlogPalette::forCategory(MessageCategory::Other), allowedTypes.contains(QString())});
        m_typeValues.append(QString());
    }
    m_types->setBars(bars);

    bars.clear();
    m_toolValues.clear();
    for (const RunStatistics::Count &count : statistics.tools) {
        bars.append({count.value.isEmpty() ? tr("(empty)") : count.value, double(count.count), locale.toString(count.count),
                     QColor(), allowedTools.contains(count.value)});
        m_toolValues.append(count.value);
    }
    if (statistics.withoutTool > 0) {
        bars.append({tr("(no tool)"), double(statistics.withoutTool), locale.toString(statistics.withoutTool),
                     RunlogPalette::neutralBar(palette()), allowedTools.contains(QString())});
        m_toolValues.append(QString());
    }
    m_tools->setBars(bars);

    bars.clear();
    m_toolTimeValues.clear();
    for (const RunStatistics::ToolTime &time : statistics.timePerTool) {
        bars.append({time.tool.isEmpty() ? tr("(empty)") : time.tool, double(time.msecs), duration(time.msecs),
                     RunlogPalette::forCategory(MessageCategory::Action), allowedTools.contains(time.tool)});
        m_toolTimeValues.append(time.tool);
    }
    m_toolTime->setBars(bars);

    m_errors->clear();
    m_errorsTitle->setText(tr("Errors (%1)").arg(locale.toString(statistics.errorPositions.size())));
    for (int i = 0; i < statistics.errorPositions.size() && i < kMaxListedErrors; ++i) {
        const int position = statistics.errorPositions[i];
        auto *item = new QListWidgetItem(tr("Entry %1").arg(locale.toString(position + 1)), m_errors);
        item->setData(Qt::UserRole, position);
        // The line already known for this entry stays while the statistics are recomputed.
        const auto known = m_errorLines.constFind(position);
        if (known != m_errorLines.constEnd())
            showErrorLine(item, *known);
    }
    if (statistics.errorPositions.size() > kMaxListedErrors)
        (new QListWidgetItem(tr("… and %1 more").arg(locale.toString(statistics.errorPositions.size() - kMaxListedErrors)), m_errors))
            ->setData(Qt::UserRole, -1);
    m_errors->setVisible(!statistics.errorPositions.isEmpty());
    fitToRows(m_errors);

    m_gaps->clear();
    for (const RunStatistics::Gap &gap : statistics.longestGaps) {
        auto *item = new QListWidgetItem(tr("%1 after entry %2, at %3")
                                             .arg(duration(gap.msecs), locale.toString(gap.afterPosition + 1),
                                                  Timestamps::formatLocal(gap.startMsecs, Timestamps::LocalStyle::DateAndTime)),
                                         m_gaps);
        item->setData(Qt::UserRole, gap.afterPosition);
    }
    fitToRows(m_gaps);
    m_rate->setBuckets(statistics.entriesPerBucket, statistics.bucketStartMsecs, statistics.bucketMsecs);
}

void StatisticsPanel::showErrorLine(QListWidgetItem *item, const QString &line)
{
    const int position = item->data(Qt::UserRole).toInt();
    const QString entry = tr("Entry %1").arg(QLocale().toString(position + 1));
    if (line.isEmpty()) {
        item->setText(entry);
        item->setToolTip(QString());
        return;
    }
    // The line is the run's text: plain in the item (QListWidget draws text plainly) and in its tooltip.
    item->setText(tr("%1 — %2").arg(entry, line));
    item->setToolTip(PlainText::toolTip(line));
}

void StatisticsPanel::setErrorLines(const QHash<int, QString> &lines)
{
    m_errorLines = lines;
    for (int i = 0; i < m_errors->count(); ++i) {
        QListWidgetItem *item = m_errors->item(i);
        const int position = item->data(Qt::UserRole).toInt();
        if (position < 0)
            continue;
        const auto line = lines.constFind(position);
        if (line != lines.constEnd())
            showErrorLine(item, *line);
    }
}

void StatisticsPanel::fitToRows(QListWidget *list)
{
    const int rows = list->count();
    const int rowHeight = rows > 0 ? list->sizeHintForRow(0) : list->fontMetrics().height();
    list->setFixedHeight(rows * rowHeight + 2 * list->frameWidth());
}
