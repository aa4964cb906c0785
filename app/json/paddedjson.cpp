// SPDX-License-Identifier: MIT
#include "json/paddedjson.h"

PaddedJson::PaddedJson(const QByteArray &bytes)
{
    m_size = size_t(bytes.size());
    // The room after the data (none in a raw-data array), not capacity(): Qt counts in it the
    // room before the data too (an array whose front was removed, or a copy made inside a
    // shared block by BlockCopies, which every converted agent log entry is).
    m_shared = bytes;
    const qsizetype readableAfter = m_shared.data_ptr().freeSpaceAtEnd();
    if (!bytes.isEmpty() && readableAfter >= qsizetype(simdjson::SIMDJSON_PADDING)) {
        m_data = m_shared.constData();
        m_capacity = m_size + size_t(readableAfter);
        return;
    }
    m_shared = QByteArray();
    m_copy = simdjson::padded_string(bytes.constData(), m_size);
    m_data = m_copy.data();
    m_capacity = m_size + simdjson::SIMDJSON_PADDING;
}

PaddedJson::PaddedJson(QByteArrayView bytes, qsizetype readableAfter)
{
    m_size = size_t(bytes.size());
    if (!bytes.isEmpty() && readableAfter >= qsizetype(simdjson::SIMDJSON_PADDING)) {
        m_data = bytes.data();
        m_capacity = m_size + size_t(readableAfter);
        return;
    }
    m_copy = simdjson::padded_string(bytes.data(), m_size);
    m_data = m_copy.data();
    m_capacity = m_size + simdjson::SIMDJSON_PADDING;
}

simdjson::padded_string_view PaddedJson::view() const
{
    return simdjson::padded_string_view(m_data, m_size, m_capacity);
}

void PaddedJson::reserveFor(QByteArray &bytes)
{
    if (bytes.data_ptr().freeSpaceAtEnd() < qsizetype(simdjson::SIMDJSON_PADDING))
        bytes.reserve(bytes.size() + qsizetype(simdjson::SIMDJSON_PADDING));
}
