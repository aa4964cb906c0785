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

void SearchCorpus::account(const SearchText &text, int sign)
{
    if (!text.isIndexed())
        return;
    m_indexedCount += sign;
    m_byteCount += sign * text.bytes.size();
}

void SearchCorpus::resize(int rows)
{
    rows = std::max(0, rows);
    for (int row = rows; row < size(); ++row)
        account(m_rows.at(row), -1);
    m_rows.resize(rows);
}

void SearchCorpus::setText(int row, SearchText text)
{
    if (row < 0)
        return;
    if (row >= size())
        m_rows.resize(row + 1);
    account(m_rows.at(row), -1);
    text.flags |= SearchText::Indexed;
    account(text, +1);
    m_rows[row] = std::move(text);
}

void SearchCorpus::clearText(int row)
{
    if (row < 0 || row >= size())
        return;
    account(m_rows.at(row), -1);
    m_rows[row] = SearchText();
}

void SearchCorpus::keepOwners(const QList<std::shared_ptr<const void>> &owners)
{
    for (const std::shared_ptr<const void> &owner : owners) {
        if (owner && !m_owners.contains(owner))
            m_owners.append(owner);
    }
}
