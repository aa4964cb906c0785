// SPDX-License-Identifier: MIT
#pragma once

#include "run/runinfo.h"

#include <QWidget>

class ElidedLabel;
class MarkdownView;
class QHBoxLayout;
class MetadataFormatter;
class QLabel;
class QProgressBar;
class QPlainTextEdit;
class QToolButton;

// The run at a glance: ID and organization, status badge (and the Live switch of a run that is
// going), created time and duration, result and metadata in one line each, web link, and how
// much of the run is loaded and shown. Details opens the result, rendered from its Markdown and
// selectable, beside the metadata as key: value lines. Every line elides to the window's width.
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

    // The status in full (upper case), as the badge shows it when it is not too long.
    QString statusText() const;
    // While a filter is on: how many entries it shows, and of what. Beside the loaded count,
    // so that turning a filter on or off moves nothing. `loaded` < `total` says the count covers
    // only the loaded part, and offers to load the rest. `onlyEntries` names the entries of
    // "Show only these entries" while that filter is on, with a link to clear the filters.
    void setFilterCounts(bool filtering, int shown, int loaded, int total, bool totalKnown, bool loadingAll,
                         const QString &onlyEntries = QString());
    QString filterText() const;
    // The metadata formatter (formats each distinct metadata once, on a worker): for tests.
    const MetadataFormatter *metadataFormatter() const { return m_metadataFormatter; }
    // A widget shown after the status badge (the Live switch).
    void setLiveWidget(QWidget *widget);
    // Shows or hides the Details part: the result (Markdown) and the metadata.
    void setShowingDetails(bool show);
    // The result line as shown: its first line, Markdown stripped.
    QString resultText() const;
    // The run's first failure (insights): "First failure at #14 · ERROR · its signature", with a
    // button that goes there. Entry 0: none (the line goes).
    void setFirstFailure(int entry, const QString &what);
    QString firstFailureText() const;

signals:
    void loadAllRequested();
    void firstFailureRequested();
    void clearFiltersRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // The link line: a run's page (`url` set) or where the run comes from, cut to the room it has.
    void setLinkText(const QString &text, const QString &url);
    void updateLinkElision();
    void fitFilterText();
    void updateDuration();
    void setMetadataLine(const QString &text);
    void showFormattedMetadata();

    QLabel *m_title;
    QLabel *m_organization;
    QLabel *m_status;
    QString m_statusText; // in full; the badge may show it cut short
    ElidedLabel *m_created;
    QLabel *m_duration;
    ElidedLabel *m_result;
    QLabel *m_link;
    QString m_linkText; // in full
    QString m_linkUrl;
    ElidedLabel *m_metadata;
    ElidedLabel *m_firstFailure;
    QToolButton *m_firstFailureGo;
    QWidget *m_firstFailureRow;
    QToolButton *m_metadataToggle;
    QWidget *m_details;
    MarkdownView *m_resultFull;
    QString m_resultShown; // the result the rendered view holds, so that each page does not render it again
    QPlainTextEdit *m_metadataFull;
    QHBoxLayout *m_topRow = nullptr;
    QLabel *m_progressText;
    QLabel *m_filterText;
    int m_filterTextWidth = 0; // the count on one line, in pixels
    QProgressBar *m_progress;
    MetadataFormatter *m_metadataFormatter;
    qint64 m_firstMsecs;
    qint64 m_lastMsecs;
};
