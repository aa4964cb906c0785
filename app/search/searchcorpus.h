// SPDX-License-Identifier: MIT
#pragma once

#include "rows/ownertable.h"
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
// 16 bytes per row (where the bytes are, their owner, the flags), not a copy of the text. Those bytes may borrow
// what the store keeps them in (LogEntry::rawOwner: a mapped file, a page): each row keeps its
// owner, so a copy handed to a worker reads valid bytes even after the corpus it came from is
// cleared for another file, and an owner whose rows all got other text (a page fetched again)
// is let go, so a followed run does not pile them up.
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
    // Sets (or replaces) a row's text; grows the corpus when row >= size(). `owner` is what the
    // text's bytes live in when they are borrowed: kept alive while the row holds this text.
    // Without one, the text's own bytes are kept (one owner for the row).
    void setText(int row, SearchText text, std::shared_ptr<const void> owner = {});
    // Gives back the room the row table grew into beyond its rows (it grows by doubling while a
    // run loads): call once loading is done.
    void squeeze() { m_rows.squeeze(); }
    // Drops a row's text (the row stays, without text).
    void clearText(int row);

    // The row's text; its bytes are valid while this corpus (or a copy of it) lives.
    SearchText at(int row) const;
    // Where the row's bytes start (null without text): what the indexer compares a row by.
    const char *dataAt(int row) const { return m_rows.at(row).data; }
    bool hasText(int row) const { return row >= 0 && row < size() && (m_rows.at(row).flags & SearchText::Indexed); }

    // Owners kept for the rows' borrowed bytes, each once.
    int ownerCount() const { return m_owners.count(); }

private:
    // A row is 16 bytes, not a SearchText (a QByteArray and flags, 32): where its bytes are, what
    // keeps them alive, and its flags. A million rows are a million of these.
    struct Row
    {
        const char *data = nullptr;
        quint32 size = 0;
        quint32 owner : 24;   // OwnerTable::Id, kNone for none
        quint32 flags : 8;    // SearchText::Flag
        Row() : owner(0), flags(0) {}
    };

    void account(const Row &row, int sign);

    QList<Row> m_rows;
    OwnerTable m_owners;
    int m_indexedCount = 0;
    qint64 m_byteCount = 0;
};
