// SPDX-License-Identifier: MIT
#pragma once

#include "stats/runstatistics.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QWidget>

class BarChart;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class RateChart;

// The run's statistics in a panel: counts per message type and per tool, time per tool, errors,
// the longest gaps and entries per minute. Bars filter the table (a second click lifts the
// filter); errors, gaps and minutes go to their entry. Everything is drawn by our own QPainter
// widgets in the application's palette.
class StatisticsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit StatisticsPanel(QWidget *parent = nullptr);

    // The Errors list names at most this many (then "… and N more").
    static constexpr int kMaxListedErrors = 500;

    // allowedTypes / allowedTools: the table's filter, to show which bars it keeps.
    void setStatistics(const RunStatistics &statistics, const QSet<QString> &allowedTypes,
                       const QSet<QString> &allowedTools);
    void clear();
    // The first line of what each error says, by chronological position (worked out on a worker
    // after the statistics came): shown beside its entry number in the Errors list.
    void setErrorLines(const QHash<int, QString> &lines);
    const RunStatistics &statistics() const { return m_statistics; }

    BarChart *messageTypeChart() const { return m_types; }
    QListWidget *errorList() const { return m_errors; }
    QPushButton *loadAllButton() const { return m_loadAll; }

signals:
    void positionRequested(int chronologicalPosition);
    void timeRequested(qint64 msecs);
    void messageTypeRequested(const QString &type); // a null QString: entries without a type
    void toolNameRequested(const QString &tool);
    void clearFilterRequested();
    // The run is partly loaded and the user wants the statistics of all of it.
    void loadAllRequested();

private:
    QLabel *sectionTitle(const QString &text);
    // The dock scrolls as one: a list is as tall as its rows and never scrolls by itself.
    static void fitToRows(QListWidget *list);
    void showErrorLine(QListWidgetItem *item, const QString &line);

    RunStatistics m_statistics;
    QLabel *m_summary;
    QPushButton *m_clearFilter;
    QPushButton *m_loadAll;
    BarChart *m_types;
    BarChart *m_tools;
    BarChart *m_toolTime;
    QLabel *m_errorsTitle;
    QListWidget *m_errors;
    QListWidget *m_gaps;
    RateChart *m_rate;
    QStringList m_typeValues; // what each bar stands for, null for "no type"
    QStringList m_toolValues;
    QHash<int, QString> m_errorLines; // by chronological position
    QStringList m_toolTimeValues;
};
