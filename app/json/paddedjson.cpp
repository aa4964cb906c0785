// SPDX-License-Identifier: MIT
#include "json/paddedjson.h"

PaddedJson::PaddedJson(const QByteArray &bytes)
{
    m_size = size_t(bytes.size());
    // capacity() counts allocated bytes after the data's start; a raw-data array has none.
    if (!bytes.isEmpty() && bytes.capacity() - bytes.size() >= qsizetype(simdjson::SIMDJSON_PADDING)) {
        m_shared = bytes;
        m_data = m_shared.constData();
        m_capacity = size_t(m_shared.capacity());
        return;
    }
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
    if (bytes.capacity() - bytes.size() < qsizetype(simdjson::SIMDJSON_PADDING))
        bytes.reserve(bytes.size() + qsizetype(simdjson::SIMDJSON_PADDING));
}
