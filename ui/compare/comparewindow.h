// SPDX-License-Identifier: MIT
#pragma once

#include "compare/comparesearch.h"
#include "compare/comparestepfilter.h"
#include "compare/runcomparison.h"
#include "search/searchquery.h"
#include "export/runsnapshot.h"
#include "run/apiendpoint.h"
#include "ui/compare/comparesourcesload.h"

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

#include <atomic>
#include <memory>

class CompareAligner;
class CompareStepsModel;
class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class SearchBar;
class QTableView;
class QTextDocument;
class QTextEdit;

// Two runs compared step by step (issue 24): a summary of each side and of the steps' kinds,
// the aligned steps row against row (CompareStepsModel), and the selected step's two entries
// side by side with their differing words marked. Loading and aligning happen off the window's
// thread; until they are over the window says what it is doing, and a failure is said in it.
// F7 / Shift+F7: next / previous difference; Ctrl+Shift+D: the first divergence; Enter, → or
// a click opens a fold of identical entries. The summary's tools and message types counted
// differently are links: one clicked shows only the steps with it (Clear Filter shows all).
// Ctrl+F searches both runs (on a worker), F3 / Shift+F3 go to the next / previous step with a
// match, opening its fold. Ctrl+E exports the comparison as Markdown or HTML, on a worker. While
// a big comparison is aligned, its leading identical entries are shown already, with a busy bar.
class CompareWindow : public QWidget
{
    Q_OBJECT
public:
    explicit CompareWindow(QWidget *parent = nullptr);
    ~CompareWindow() override;

    // Compares entries already in hand (raw JSON, oldest first); `*Description` name the sides.
    void compareEntries(const QList<QByteArray> &left, const QList<QByteArray> &right,
                        const QString &leftDescription, const QString &rightDescription);
    // Loads both sides whole, one after the other, then compares them.
    void loadAndCompare(const ApiEndpoint &endpoint, const CompareSideSource &left, const CompareSideSource &right);

    CompareStepsModel *stepsModel() const { return m_model; }
    QTableView *stepsView() const { return m_table; }
    QTextDocument *leftDetail() const;
    QTextDocument *rightDetail() const;
    QString statusText() const;
    QString countsText() const;
    QString countDeltasText() const;
    QString sideText(int side) const;
    bool isAligning() const;
    // The busy bar beside the status: shown while the runs are loaded and aligned.
    bool isBusyShown() const;

    // The summary's links: only the steps whose entry on either side has the tool or type (worked
    // out on a worker; filtered() ends it). clearFilter shows every step again.
    void filterSteps(const CompareStepFilter::Filter &filter);
    void clearFilter();
    bool isFiltered() const;
    QString filterText() const;          // what the filter shows; empty without one
    QLabel *countDeltasLabel() const { return m_countDeltas; }

    // Search (the run view's bar and engine): searched() ends it.
    SearchBar *searchBar() const { return m_searchBar; }
    void openSearch();
    void search(const SearchQuery &query);
    const QVector<CompareSearch::Hit> &searchHits() const { return m_searchHits; }
    void findNext();
    void findPrevious();
    // The search's matches marked in a side's detail (0 left, 1 right).
    int detailHighlightCount(int side) const;
    QAction *findAction() const { return m_find; }
    QAction *findNextAction() const { return m_findNext; }
    QAction *findPreviousAction() const { return m_findPrevious; }

    QAction *nextDifferenceAction() const { return m_nextDifference; }
    QAction *previousDifferenceAction() const { return m_previousDifference; }
    QAction *firstDivergenceAction() const { return m_firstDivergence; }

    void goToNextDifference();
    void goToPreviousDifference();
    void goToFirstDivergence();
    // The selected step's entries as JSON, on the clipboard (Ctrl+C in the steps).
    void copySelectedStep();
    QString selectedStepText() const;
    enum class ExportFormat { Markdown, Html };
    // Writes the comparison (CompareMarkdown or CompareHtml) to `path` on a worker; exported() ends it.
    void exportTo(const QString &path, ExportFormat format);
    void exportMarkdownTo(const QString &path) { exportTo(path, ExportFormat::Markdown); }
    // The export dialog (Ctrl+E): Markdown or HTML, as its name filter says.
    void exportInteractively();
    // What the dialog's answer means: the format of the name filter chosen (or of the path's
    // suffix, which wins), and the path with the format's suffix when it has none.
    static ExportFormat exportFormatOf(const QString &path, const QString &nameFilter);
    static QString exportPathOf(const QString &path, ExportFormat format);
    static QString markdownNameFilter();
    static QString htmlNameFilter();
    // The dialog's answer acted on (what exportInteractively does with it).
    void exportChosen(const QString &path, const QString &nameFilter);

signals:
    // The steps are shown (after each alignment).
    void aligned();
    // An export is over: `message` says where it went or why it failed.
    void exported(bool ok, const QString &message);
    // A filter's steps are shown.
    void filtered();
    // A search is over; its hits are marked.
    void searched();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *makeSummary();
    QWidget *makeLegend();
    void makeActions();
    void showComparison(const RunComparison &comparison);
    void showStatus(const QString &text, bool error = false);
    void goToRow(int row);
    void showSelectedStep();
    void applyPalette();
    void showPrefix(int leadingSame);
    void showCountDeltas(const RunComparison &comparison);
    void showFilterState();
    void startSearch();
    void showSearchResult(const CompareSearch::Result &result);
    void goToHit(bool forward);
    QString searchDetail() const;
    void showSearchCount();
    void highlightSearchInDetails();
    void setBusy(bool busy);

    CompareAligner *m_aligner = nullptr;
    std::unique_ptr<CompareSourcesLoad> m_load;
    RunSnapshot m_snapshots[2];   // keep the entries' bytes (a file's mapping) alive
    QList<QByteArray> m_entries[2];
    QString m_descriptions[2];
    QString m_statuses[2];        // an API run's status when it was loaded; empty for a file
    RunComparison m_comparison;

    QLabel *m_status = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_sides[2] = {nullptr, nullptr};
    QLabel *m_counts = nullptr;
    QLabel *m_countDeltas = nullptr; // the tools and message types counted differently, as links
    QString m_countDeltasPlain;      // the same, without the links
    QList<CompareStepFilter::Filter> m_countFilters; // the links' targets, by index
    QLabel *m_filterState = nullptr;
    QPushButton *m_clearFilter = nullptr;
    std::optional<CompareStepFilter::Filter> m_filter;
    QFutureWatcher<QVector<int>> m_filterWatcher;
    std::shared_ptr<std::atomic<bool>> m_filterCancel;
    SearchBar *m_searchBar = nullptr;
    SearchQuery m_query;
    QVector<CompareSearch::Hit> m_searchHits;
    int m_matchingEntries = 0;
    QFutureWatcher<CompareSearch::Result> m_searchWatcher;
    std::shared_ptr<std::atomic<bool>> m_searchCancel;
    QAction *m_find = nullptr;
    QAction *m_findNext = nullptr;
    QAction *m_findPrevious = nullptr;
    QLabel *m_divergence = nullptr;
    QPushButton *m_goToDivergence = nullptr;
    QList<QLabel *> m_legendSwatches;
    CompareStepsModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QTextEdit *m_details[2] = {nullptr, nullptr};
    QAction *m_nextDifference = nullptr;
    QAction *m_previousDifference = nullptr;
    QAction *m_firstDivergence = nullptr;
    QAction *m_export = nullptr;
    QFutureWatcher<QString> m_exportWatcher; // the export's error; empty when it was written
    QString m_exportPath;
};
