// SPDX-License-Identifier: MIT
#include "export/entryquickcheck.h"

#include <simdjson.h>

#include <cstring>

namespace {
// PageParser validates entries at this depth; a deeper one is left to it.
constexpr size_t kMaxDepth = 512;
// The parser's first allocation: most entries are far smaller, and it grows for the others.
constexpr size_t kInitialCapacity = 64 * 1024;
// Larger entries go the slow way, under PageParser's memory budget: the DOM keeps what it grew
// to, about 14 bytes per input byte.
constexpr qsizetype kMaxQuickBytes = 1 << 20;
} // namespace

EntryQuickCheck::EntryQuickCheck()
    : m_parser(std::make_unique<simdjson::dom::parser>(size_t(kMaxQuickBytes)))
{
    // Without it, the first parse allocates (with simdjson's default depth, above PageParser's).
    if (m_parser->allocate(kInitialCapacity, kMaxDepth) != simdjson::SUCCESS)
        m_parser.reset();
}

EntryQuickCheck::~EntryQuickCheck() = default;

std::optional<qint64> EntryQuickCheck::agentRunId(QByteArrayView entry, qsizetype readableAfter)
{
    if (!m_parser || entry.isEmpty() || entry.size() > kMaxQuickBytes || entry.front() != '{')
        return std::nullopt;
    const char *data = entry.data();
    if (readableAfter < qsizetype(simdjson::SIMDJSON_PADDING)) {
        m_padded.resize(entry.size() + qsizetype(simdjson::SIMDJSON_PADDING));
        std::memcpy(m_padded.data(), entry.data(), size_t(entry.size()));
        std::memset(m_padded.data() + entry.size(), 0, simdjson::SIMDJSON_PADDING);
        data = m_padded.constData();
    }
    simdjson::dom::element root;
    if (m_parser->parse(data, size_t(entry.size()), false).get(root) != simdjson::SUCCESS)
        return std::nullopt;
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS)
        return std::nullopt;
    std::optional<qint64> runId;
    // Every "agent_run_id" must be an integer (PageParser reads each, the last one wins).
    for (const simdjson::dom::key_value_pair field : object) {
        if (field.key != "agent_run_id")
            continue;
        if (!field.value.is_int64())
            return std::nullopt;
        runId = qint64(int64_t(field.value));
    }
    return runId;
}
