// SPDX-License-Identifier: MIT
#pragma once

#include "stats/runstatistics.h"

#include <QSet>
#include <QString>
#include <QWidget>

class BarChart;
class QLabel;
class QListWidget;
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

    // allowedTypes / allowedTools: the table's filter, to show which bars it keeps.
    void setStatistics(const RunStatistics &statistics, const QSet<QString> &allowedTypes,
                       const QSet<QString> &allowedTools);
    void clear();
    const RunStatistics &statistics() const { return m_statistics; }

    BarChart *messageTypeChart() const { return m_types; }

signals:
    void positionRequested(int chronologicalPosition);
    void timeRequested(qint64 msecs);
    void messageTypeRequested(const QString &type); // a null QString: entries without a type
    void toolNameRequested(const QString &tool);
    void clearFilterRequested();

private:
    QLabel *sectionTitle(const QString &text);

    RunStatistics m_statistics;
    QLabel *m_summary;
    QPushButton *m_clearFilter;
    BarChart *m_types;
    BarChart *m_tools;
    BarChart *m_toolTime;
    QLabel *m_errorsTitle;
    QListWidget *m_errors;
    QListWidget *m_gaps;
    RateChart *m_rate;
    QStringList m_typeValues; // what each bar stands for, null for "no type"
    QStringList m_toolValues;
    QStringList m_toolTimeValues;
};
