// SPDX-License-Identifier: MIT
#include "search/searchcorpus.h"

#include <algorithm>

void SearchCorpus::clear()
{
    m_rows.clear();
    m_owners.clear();
    m_indexedCount = 0;
    m_byteCount = 0;
}

SearchText SearchCorpus::at(int row) const
{
    static_assert(sizeof(void *) != 8 || sizeof(Row) == 16, "a row of a million-entry corpus");
    const Row &r = m_rows.at(row);
    SearchText text;
    if (r.flags & SearchText::Indexed)
        text.bytes = QByteArray::fromRawData(r.data, qsizetype(r.size));
    text.flags = quint8(r.flags);
    return text;
}

void SearchCorpus::account(const Row &row, int sign)
{
    if (!(row.flags & SearchText::Indexed))
        return;
    m_indexedCount += sign;
    m_byteCount += sign * qint64(row.size);
}

void SearchCorpus::resize(int rows)
{
    rows = std::max(0, rows);
    for (int row = rows; row < size(); ++row) {
        account(m_rows.at(row), -1);
        m_owners.release(m_rows.at(row).owner);
    }
    m_rows.resize(rows);
}

void SearchCorpus::setText(int row, SearchText text, std::shared_ptr<const void> owner)
{
    if (row < 0)
        return;
    if (row >= size())
        resize(row + 1);
    // A text whose bytes have no owner given keeps them itself (decoded texts, tests).
    if (!owner) {
        auto own = std::make_shared<const QByteArray>(std::move(text.bytes));
        text.bytes = QByteArray::fromRawData(own->constData(), own->size());
        owner = std::move(own);
    }
    Row &target = m_rows[row];
    account(target, -1);
    // Hold the new owner before letting the old one go: they may be the same.
    const OwnerTable::Id ownerId = m_owners.hold(owner);
    Q_ASSERT(ownerId < (1u << 24));
    m_owners.release(target.owner);
    target.owner = ownerId;
    target.data = text.bytes.constData();
    target.size = quint32(text.bytes.size());
    target.flags = quint8(text.flags | SearchText::Indexed);
    account(target, +1);
}

void SearchCorpus::clearText(int row)
{
    if (row < 0 || row >= size())
        return;
    Row &target = m_rows[row];
    account(target, -1);
    m_owners.release(target.owner);
    target = Row();
}
