// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <simdjson.h>

// JSON bytes as simdjson reads them: simdjson::SIMDJSON_PADDING readable bytes past the end. A QByteArray
// that already has that much spare capacity is read in place (PageReply gives every page body
// that capacity), so a large page is not copied once more just to be parsed; anything else is
// copied once. Internal to the core: it exposes simdjson, which only the core links.
class PaddedJson
{
public:
    explicit PaddedJson(const QByteArray &bytes);
    // A view (into a mapped file, say) promises nothing past its end unless the caller knows
    // better: with at least SIMDJSON_PADDING readable bytes after it (the rest of the file) it is
    // read in place, else copied.
    explicit PaddedJson(QByteArrayView bytes, qsizetype readableAfter = 0);

    // False when a needed copy could not be allocated.
    bool isValid() const { return m_data != nullptr || m_size == 0; }
    const char *data() const { return m_data; }
    size_t size() const { return m_size; }
    simdjson::padded_string_view view() const;

    // Makes room for the padding in `bytes` itself (at most one reallocation), so that
    // PaddedJson(bytes) reads it in place.
    static void reserveFor(QByteArray &bytes);

private:
    QByteArray m_shared;            // keeps in-place data alive
    simdjson::padded_string m_copy;
    const char *m_data = nullptr;
    size_t m_size = 0;
    size_t m_capacity = 0;
};
