// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"
#include "export/runsnapshot.h"
#include "run/apiendpoint.h"
#include "ui/compare/comparesourcesload.h"

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

#include <memory>

class CompareAligner;
class CompareStepsModel;
class QAction;
class QLabel;
class QPushButton;
class QTableView;
class QTextDocument;
class QTextEdit;

// Two runs compared step by step (issue 24): a summary of each side and of the steps' kinds,
// the aligned steps row against row (CompareStepsModel), and the selected step's two entries
// side by side with their differing words marked. Loading and aligning happen off the window's
// thread; until they are over the window says what it is doing, and a failure is said in it.
// F7 / Shift+F7: next / previous difference; Ctrl+Shift+D: the first divergence; Enter, → or
// a click opens a fold of identical entries.
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

    QAction *nextDifferenceAction() const { return m_nextDifference; }
    QAction *previousDifferenceAction() const { return m_previousDifference; }
    QAction *firstDivergenceAction() const { return m_firstDivergence; }

    void goToNextDifference();
    void goToPreviousDifference();
    void goToFirstDivergence();
    // The selected step's entries as JSON, on the clipboard (Ctrl+C in the steps).
    void copySelectedStep();
    QString selectedStepText() const;
    // Writes the comparison as Markdown (CompareMarkdown) to `path` on a worker; exported() ends it.
    void exportMarkdownTo(const QString &path);
    void exportMarkdownInteractively();

signals:
    // The steps are shown (after each alignment).
    void aligned();
    // An export is over: `message` says where it went or why it failed.
    void exported(bool ok, const QString &message);

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

    CompareAligner *m_aligner = nullptr;
    std::unique_ptr<CompareSourcesLoad> m_load;
    RunSnapshot m_snapshots[2];   // keep the entries' bytes (a file's mapping) alive
    QList<QByteArray> m_entries[2];
    QString m_descriptions[2];
    QString m_statuses[2];        // an API run's status when it was loaded; empty for a file
    RunComparison m_comparison;

    QLabel *m_status = nullptr;
    QLabel *m_sides[2] = {nullptr, nullptr};
    QLabel *m_counts = nullptr;
    QLabel *m_countDeltas = nullptr; // the tools and message types counted differently
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
