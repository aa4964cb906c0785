// SPDX-License-Identifier: MIT
#pragma once

#include "store/librarysearchhit.h"

#include <QWidget>

class LibrarySearch;
class LibrarySearchModel;
class PlainLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolButton;

// Search across every run in the library: the in-run search's text and toggles (match case,
// whole words, regular expression), results newest runs first as they come, Enter on a result
// opens its run at that entry. Works with no network.
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
    QTimer *m_typingPause;
};
