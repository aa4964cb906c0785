// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QtGlobal>

#include <memory>

// What a table of rows borrows its bytes from (a mapped file, a page body, a batch of entries),
// each owner once, by a small id a row can keep in a few bits instead of a shared_ptr (16 bytes
// and an atomic count per row). An owner is kept while rows hold it and let go with the last
// one, so a followed run does not pile up the pages it fetched again; its id is reused.
//
// Id 0 stands for "no owner": a null owner has it, and it is never given to a real one.
// A value type with implicit sharing: a copy is O(1) (a corpus handed to a worker copies its
// table) and keeps its owners alive on its own.
class OwnerTable
{
public:
    using Id = quint32;
    static constexpr Id kNone = 0;

    // The id of `owner` (kNone for a null one), given on first sight, with one more row holding
    // it.
    Id hold(const std::shared_ptr<const void> &owner);
    // One row fewer holds `id`; the owner let go with its last row is returned (null otherwise),
    // for a caller that keeps the live owners in a list of its own.
    std::shared_ptr<const void> release(Id id);

    // The owner of an id hold() gave and no release() let go.
    const std::shared_ptr<const void> &at(Id id) const { return m_slots.at(qsizetype(id)).owner; }
    // How many rows hold `id`.
    int rowsOf(Id id) const { return m_slots.at(qsizetype(id)).rows; }
    // Owners held, each once.
    int count() const { return int(m_slots.size() - m_freeIds.size()) - 1; }
    // Lets every owner go.
    void clear();

private:
    struct Slot
    {
        std::shared_ptr<const void> owner;
        int rows = 0;
    };

    QList<Slot> m_slots{Slot()};    // [kNone] stands for "no owner"
    QList<Id> m_freeIds;            // slots let go, reused last freed first
    QHash<const void *, Id> m_ids;
};
