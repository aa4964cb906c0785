// SPDX-License-Identifier: MIT
#include "search/searchcorpus.h"

#include <algorithm>

void SearchCorpus::clear()
{
    m_rows.clear();
    m_rowOwners.clear();
    m_owners = {Owner()};
    m_freeOwners.clear();
    m_ownerIds.clear();
    m_indexedCount = 0;
    m_byteCount = 0;
}

void SearchCorpus::account(const SearchText &text, int sign)
{
    if (!text.isIndexed())
        return;
    m_indexedCount += sign;
    m_byteCount += sign * text.bytes.size();
}

quint32 SearchCorpus::holdOwner(std::shared_ptr<const void> owner)
{
    if (!owner)
        return 0;
    quint32 id = m_ownerIds.value(owner.get(), 0);
    if (id == 0) {
        if (!m_freeOwners.isEmpty()) {
            id = m_freeOwners.takeLast();
        } else {
            id = quint32(m_owners.size());
            m_owners.append(Owner());
        }
        m_ownerIds.insert(owner.get(), id);
        m_owners[id].owner = std::move(owner);
    }
    ++m_owners[id].rows;
    return id;
}

void SearchCorpus::releaseOwner(quint32 id)
{
    if (id == 0)
        return;
    Owner &slot = m_owners[id];
    if (--slot.rows > 0)
        return;
    m_ownerIds.remove(slot.owner.get());
    slot.owner.reset();
    m_freeOwners.append(id);
}

void SearchCorpus::resize(int rows)
{
    rows = std::max(0, rows);
    for (int row = rows; row < size(); ++row) {
        account(m_rows.at(row), -1);
        releaseOwner(m_rowOwners.at(row));
    }
    m_rows.resize(rows);
    m_rowOwners.resize(rows);
}

void SearchCorpus::setText(int row, SearchText text, std::shared_ptr<const void> owner)
{
    if (row < 0)
        return;
    if (row >= size())
        resize(row + 1);
    account(m_rows.at(row), -1);
    // Hold the new owner before letting the old one go: they may be the same.
    const quint32 ownerId = holdOwner(std::move(owner));
    releaseOwner(m_rowOwners.at(row));
    m_rowOwners[row] = ownerId;
    text.flags |= SearchText::Indexed;
    account(text, +1);
    m_rows[row] = std::move(text);
}

void SearchCorpus::clearText(int row)
{
    if (row < 0 || row >= size())
        return;
    account(m_rows.at(row), -1);
    releaseOwner(m_rowOwners.at(row));
    m_rowOwners[row] = 0;
    m_rows[row] = SearchText();
}
