// SPDX-License-Identifier: MIT
#pragma once

#include "search/searchtext.h"

#include <QList>
#include <QtGlobal>

#include <memory>

// The searchable text of every row of a run, by source row of the LogTableModel. Rows not
// loaded yet have no text and never match.
//
// A value type with implicit sharing: copying a corpus is O(1), so a search takes a snapshot
// (a copy) to a worker thread while the UI thread goes on adding rows; the first change after
// a snapshot copies the row table (not the texts, which are shared byte arrays).
//
// Rows hold the raw form of SearchText (the entries' JSON bytes, shared), so the corpus costs
// about one QByteArray and its flags per row, not a copy of the text. Those bytes may borrow a
// mapped file: the corpus keeps the files' owners (LogStore::rawOwners()), so a copy handed to a
// worker reads valid bytes even after the corpus it came from is cleared for another file.
// Not thread-safe to modify from two threads; a copy may be read on any thread.
class SearchCorpus
{
public:
    int size() const { return int(m_rows.size()); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    // Rows that have text.
    int indexedCount() const { return m_indexedCount; }
    // Bytes of text held (what a search scans): of the raw JSON for raw rows.
    qint64 byteCount() const { return m_byteCount; }

    // Drops every row and every owner.
    void clear();
    // Grows with rows without text, or drops trailing rows.
    void resize(int rows);
    // Sets (or replaces) a row's text; grows the corpus when row >= size().
    void setText(int row, SearchText text);
    // Drops a row's text (the row stays, without text).
    void clearText(int row);

    const SearchText &at(int row) const { return m_rows.at(row); }
    bool hasText(int row) const { return row >= 0 && row < size() && m_rows.at(row).isIndexed(); }

    // Keeps what the rows' borrowed bytes point into alive as long as this corpus or a copy of
    // it lives (or until clear()); each owner is held once.
    void keepOwners(const QList<std::shared_ptr<const void>> &owners);
    const QList<std::shared_ptr<const void>> &owners() const { return m_owners; }

private:
    void account(const SearchText &text, int sign);

    QList<SearchText> m_rows;
    QList<std::shared_ptr<const void>> m_owners;
    int m_indexedCount = 0;
    qint64 m_byteCount = 0;
};
