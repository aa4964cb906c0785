// SPDX-License-Identifier: MIT
#pragma once

#include "search/searchquery.h"

#include <QKeySequence>
#include <QList>
#include <QPair>
#include <QTimer>
#include <QWidget>

class QAction;
class QCheckBox;
class QueryCompleter;
class QueryErrorLabel;
class ElidedLabel;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

// The search bar (Ctrl+F): a query of the query language (QueryLanguage; its tooltip documents
// it, a completer offers keys and the run's values) with case, whole-word and regular-expression
// toggles, the match count, previous/next, and an offer to load the pages not loaded yet so the
// search covers the whole run. Emits the query as the user types, debounced. A query that does
// not parse shows where and why beside the field (setQueryError), the last result kept.
class SearchBar : public QWidget
{
    Q_OBJECT
public:
    explicit SearchBar(QWidget *parent = nullptr);

    SearchQuery query() const;
    void setPattern(const QString &pattern);
    QString pattern() const;
    // Why the query does not parse ("unknown key `foo:` at character 7"), in red beside the field;
    // empty hides it. The result shown stays the last good query's.
    void setQueryError(const QString &text);
    QString queryError() const;
    QueryCompleter *completer() const { return m_completer; }
    void focusSearch();

    // "3 of 21" (the selected match), "21 entries" or "No matches", in a place of fixed width;
    // `detail` ("37 matches in 21 entries") is its tooltip. Or why the pattern is invalid (in
    // red), or that a new search is under way (in grey, the last count gone).
    void setResultText(const QString &text, const QString &detail = QString());
    void setErrorText(const QString &text);
    void setBusyText(const QString &text);
    bool isBusy() const { return m_busy; }
    // The full count ("37 matches in 21 entries") when there is one, else what the bar shows.
    // Shown while part of the run is not loaded: "Searching 1,200 of 12,000 entries".
    void setCoverage(const QString &text, bool offerLoadAll, bool loading);
    QString resultText() const;
    QString errorText() const;
    QString coverageText() const;
    void setOnlyMatching(bool only);
    QToolButton *filterButton() const { return m_filter; }
    // For a view that is not a run's (the Compare window): no "only matching" and no Filter menu.
    void hideRunViewOptions();
    // True while the toggles and "Only matching" are folded into the Options menu (a narrow bar).
    bool optionsFolded() const { return m_optionsFolded; }

signals:
    void queryChanged(const SearchQuery &query);
    void nextRequested();
    void previousRequested();
    void closeRequested();
    void loadAllRequested();
    void stopLoadingRequested();
    void onlyMatchingToggled(bool only);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QList<QWidget *> foldableOptions() const;
    // The width the bar needs with every option beside the field.
    int unfoldedMinimumWidth() const;
    void setOptionsFolded(bool folded);

    QLineEdit *m_edit;
    QToolButton *m_case;
    QToolButton *m_word;
    QToolButton *m_regex;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_result;
    QueryErrorLabel *m_queryError;
    QueryCompleter *m_completer;
    QString m_resultFullText; // the label may show it elided
    ElidedLabel *m_coverage;
    QPushButton *m_loadAll;
    QCheckBox *m_onlyMatching;
    QToolButton *m_filter;
    QToolButton *m_close;
    QToolButton *m_options; // the folded options' menu
    QList<QPair<QAction *, QKeySequence>> m_foldedKeys;
    bool m_optionsFolded = false;
    bool m_runViewOptions = true;
    QTimer m_debounce;
    bool m_loading = false;
    bool m_busy = false;
    bool m_error = false;
};
