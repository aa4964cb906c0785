// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <vector>

// A stretch of the run shown as one row until opened (View > Fold Repeats): a loop of repeated
// tool calls. Entries are numbered from 1, oldest first; the fold covers every entry from first
// to last, entries between the tool calls included.
struct EntryFold
{
    int firstEntry = 0;
    int lastEntry = 0;
    QString label; // one line, plain text
};

// The folds of a run and which of them the user opened, found by entry number in O(log folds).
// Folds are kept sorted and never overlap: one that overlaps an earlier one is dropped.
class EntryFolds
{
public:
    // Replaces the folds. A fold whose first entry is the same as before keeps its open state
    // (folds are recomputed as a run grows); new folds start closed. Returns whether anything
    // changed (a range, a label or an open state).
    bool setFolds(const QList<EntryFold> &folds);
    void clear() { m_folds.clear(); }
    bool isEmpty() const { return m_folds.empty(); }
    int count() const { return int(m_folds.size()); }

    // The fold holding the entry (1-based), or -1.
    int indexOfEntry(int entry) const;
    const EntryFold &at(int index) const { return m_folds[size_t(index)].fold; }
    bool isOpen(int index) const { return m_folds[size_t(index)].open; }
    // Returns whether the state changed.
    bool setOpen(int index, bool open);

private:
    struct Fold
    {
        EntryFold fold;
        bool open = false;
    };
    std::vector<Fold> m_folds; // by first entry
};
