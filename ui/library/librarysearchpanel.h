// SPDX-License-Identifier: MIT
#pragma once

#include "store/libraryqueryvalues.h"
#include "store/librarysearchhit.h"

#include <QWidget>

class LibrarySearch;
class LibrarySearchModel;
class PlainLabel;
class QueryCompleter;
class QueryErrorLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolButton;

// Search across every run in the library: the in-run search's text and toggles (match case,
// whole words, regular expression), results newest runs first as they come, Enter on a result
// opens its run at that entry. Works with no network. As in the run's search bar, a completer
// offers the keys and the library's own values (QueryCompleter), and a query that does not parse
// says where and why beside the field, the last results kept.
class LibrarySearchPanel : public QWidget
{
    Q_OBJECT
public:
    LibrarySearchPanel(LibrarySearch *search, QWidget *parent = nullptr);

    void focusQuery();
    // Fills in a query (a failure's signature from Insights) and runs it: the text, and whether
    // it is a regular expression (case and whole words off).
    void searchFor(const QString &text, bool regex);
    QLineEdit *queryField() const { return m_query; }
    QTableView *table() const { return m_table; }
    LibrarySearchModel *model() const { return m_model; }
    QueryCompleter *completer() const { return m_completer; }
    // Why the query does not parse; empty when it does.
    QString queryError() const;
    // Reads the library's values for the completer again (runs come and go).
    void refreshCompletions();
    // Runs the query now (tests and screenshots do not wait for the typing pause).
    void searchNow();

signals:
    void openRequested(const LibrarySearchHit &hit);

private:
    void openCurrent();
    void onFinished(const LibrarySearchSummary &summary);

    LibrarySearch *m_search;
    LibrarySearchModel *m_model;
    QLineEdit *m_query;
    QToolButton *m_case;
    QToolButton *m_word;
    QToolButton *m_regex;
    QTableView *m_table;
    PlainLabel *m_status;
    QueryErrorLabel *m_queryError;
    QueryCompleter *m_completer;
    LibraryQueryValues m_values;
    QTimer *m_typingPause;
};
