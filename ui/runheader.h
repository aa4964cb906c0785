#pragma once

#include "model/runinfo.h"

#include <QWidget>

class MetadataFormatter;
class QLabel;
class QProgressBar;
class QPlainTextEdit;
class QToolButton;

// The run at a glance: ID and organization, status badge, created time and duration, result,
// web link, metadata (one line, expandable), and how much of the run is loaded.
class RunHeader : public QWidget
{
    Q_OBJECT
public:
    explicit RunHeader(QWidget *parent = nullptr);

    void clear();
    void setRunInfo(const RunInfo &info);
    // A line under the title: where the run comes from, while it opens or when it is a file.
    void setSourceDescription(const QString &text);
    // The title for a source without run fields (a .jsonl file): its file name.
    void setTitle(const QString &title);
    // Loaded rows of known rows; endKnown false shows "N+" for a run whose size is not known yet.
    void setProgress(int loaded, int known, bool endKnown, bool busy);
    // First and last entry times, for the run's duration.
    void setTimeSpan(qint64 firstMsecs, qint64 lastMsecs);

    QString statusText() const;
    // "Showing 120 of 4,210" while a filter is on; empty hides it.
    void setFilterText(const QString &text);
    QString filterText() const;
    // The metadata formatter (formats each distinct metadata once, on a worker): for tests.
    const MetadataFormatter *metadataFormatter() const { return m_metadataFormatter; }

private:
    void updateDuration();
    void showFormattedMetadata();

    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_created;
    QLabel *m_duration;
    QLabel *m_result;
    QLabel *m_link;
    QLabel *m_metadata;
    QToolButton *m_metadataToggle;
    QPlainTextEdit *m_metadataFull;
    QLabel *m_progressText;
    QLabel *m_filterText;
    QProgressBar *m_progress;
    MetadataFormatter *m_metadataFormatter;
    qint64 m_firstMsecs;
    qint64 m_lastMsecs;
};
