// SPDX-License-Identifier: MIT
#pragma once

#include "search/searchtext.h"

#include <QList>
#include <QtGlobal>

// The searchable text of every row of a run, by source row of the LogTableModel. Rows not
// loaded yet have no text and never match.
//
// A value type with implicit sharing: copying a corpus is O(1), so a search takes a snapshot
// (a copy) to a worker thread while the UI thread goes on adding rows; the first change after
// a snapshot copies the row table (not the texts, which are shared byte arrays).
// Not thread-safe to modify from two threads; a copy may be read on any thread.
class SearchCorpus
{
public:
    int size() const { return int(m_rows.size()); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    // Rows that have text.
    int indexedCount() const { return m_indexedCount; }
    // Bytes of text held (what a search scans).
    qint64 byteCount() const { return m_byteCount; }

    void clear();
    // Grows with rows without text, or drops trailing rows.
    void resize(int rows);
    // Sets (or replaces) a row's text; grows the corpus when row >= size().
    void setText(int row, SearchText text);
    // Drops a row's text (the row stays, without text).
    void clearText(int row);

    const SearchText &at(int row) const { return m_rows.at(row); }
    bool hasText(int row) const { return row >= 0 && row < size() && m_rows.at(row).isIndexed(); }

private:
    void account(const SearchText &text, int sign);

    QList<SearchText> m_rows;
    int m_indexedCount = 0;
    qint64 m_byteCount = 0;
};
