// SPDX-License-Identifier: MIT
#include "compare/entrykeys.h"

#include "json/canonicaljson.h"
#include "json/simdjsonvalues.h"

#include <simdjson.h>

#include <QByteArrayView>
#include <QHashFunctions>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ondemand = simdjson::ondemand;
using simdjson::ondemand::json_type;

namespace {

// The members that count, in the order their forms are joined: the match key's, then the
// content's.
constexpr const char *kMembers[] = {"message_type", "tool_name", "tool_input", "thought", "observation", "tool_output"};
constexpr int kMemberCount = 6;
constexpr int kKeyMembers = 3;

int memberIndex(std::string_view name)
{
    for (int i = 0; i < kMemberCount; ++i) {
        if (name == kMembers[i])
            return i;
    }
    return -1;
}

quint64 hashOf(const std::string &bytes)
{
    quint64 hash = quint64(qHashBits(bytes.data(), bytes.size(), 0x9e3779b9u));
    if constexpr (sizeof(size_t) < sizeof(quint64))
        hash = (hash << 32) ^ quint64(qHashBits(bytes.data(), bytes.size(), 0x85ebca6bu));
    return hash;
}

class EntryReader
{
public:
    // The entry's key and content; an entry that is not a JSON object, or that simdjson stops
    // on, is its own bytes for both.
    void read(const QByteArray &raw, quint64 &key, quint64 &content)
    {
        if (!readObject(raw)) {
            m_form.assign(1, '!').append(raw.constData(), size_t(raw.size()));
            key = content = hashOf(m_form);
            return;
        }
        m_form.assign(1, 'k');
        for (int i = 0; i < kKeyMembers; ++i)
            m_form += m_forms[i].empty() ? std::string_view("n") : std::string_view(m_forms[i]);
        key = hashOf(m_form);
        m_form.assign(1, 'c');
        for (int i = kKeyMembers; i < kMemberCount; ++i)
            m_form += m_forms[i].empty() ? std::string_view("n") : std::string_view(m_forms[i]);
        content = hashOf(m_form);
    }

private:
    bool readObject(const QByteArray &raw)
    {
        // On-Demand does not look past the root object's end: "{...} x" is no object either.
        const std::string_view text = SimdjsonValues::trimTrailingSpace(std::string_view(raw.constData(), size_t(raw.size())));
        if (text.empty() || text.back() != '}')
            return false;
        // simdjson reads up to SIMDJSON_PADDING bytes past the end: one buffer, reused.
        const size_t size = size_t(raw.size());
        if (m_padded.size() < size + simdjson::SIMDJSON_PADDING)
            m_padded.resize(size + simdjson::SIMDJSON_PADDING);
        std::memcpy(m_padded.data(), raw.constData(), size);
        std::memset(m_padded.data() + size, 0, simdjson::SIMDJSON_PADDING);
        for (std::string &form : m_forms)
            form.clear();
        ondemand::document doc;
        ondemand::object object;
        if (m_parser.iterate(m_padded.data(), size, m_padded.size()).get(doc) || doc.get_object().get(object))
            return false;
        const char *documentEnd = m_padded.data() + size;
        for (auto fieldResult : object) {
            ondemand::field field;
            std::string_view name;
            if (std::move(fieldResult).get(field) || field.unescaped_key().get(name))
                return false;
            const int index = memberIndex(name);
            if (index < 0 || !m_forms[index].empty()) // the first occurrence counts
                continue;
            ondemand::value &value = field.value();
            json_type type;
            if (value.type().get(type) || !m_writer.append(value, type, m_forms[index], documentEnd))
                return false;
        }
        return true;
    }

    ondemand::parser m_parser;
    CanonicalJsonWriter m_writer;
    std::vector<char> m_padded;
    std::string m_forms[kMemberCount]; // empty: absent (a value's form is never empty)
    std::string m_form;
};

} // namespace

namespace EntryKeysOf {

EntryKeys entries(const QList<QByteArray> &entries, const std::atomic<bool> *cancel)
{
    EntryKeys keys;
    keys.match.resize(entries.size());
    keys.content.resize(entries.size());
    EntryReader reader;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (cancel && (i & 1023) == 0 && cancel->load(std::memory_order_relaxed)) {
            keys.cancelled = true;
            return keys;
        }
        reader.read(entries.at(i), keys.match[i], keys.content[i]);
    }
    return keys;
}

} // namespace EntryKeysOf
