// SPDX-License-Identifier: MIT
#include "rows/ownertable.h"

#include <utility>

OwnerTable::Id OwnerTable::hold(const std::shared_ptr<const void> &owner)
{
    if (!owner)
        return kNone;
    Id id = m_ids.value(owner.get(), kNone);
    if (id == kNone) {
        if (!m_freeIds.isEmpty()) {
            id = m_freeIds.takeLast();
        } else {
            id = Id(m_slots.size());
            m_slots.append(Slot());
        }
        m_ids.insert(owner.get(), id);
        m_slots[qsizetype(id)].owner = owner;
    }
    ++m_slots[qsizetype(id)].rows;
    return id;
}

std::shared_ptr<const void> OwnerTable::release(Id id)
{
    if (id == kNone)
        return nullptr;
    Slot &slot = m_slots[qsizetype(id)];
    if (--slot.rows > 0)
        return nullptr;
    m_ids.remove(slot.owner.get());
    m_freeIds.append(id);
    return std::exchange(slot.owner, nullptr);
}

void OwnerTable::clear()
{
    m_slots = {Slot()};
    m_freeIds.clear();
    m_ids.clear();
}
