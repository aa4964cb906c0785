// SPDX-License-Identifier: MIT
#include "runfile/entryquickcheck.h"

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

bool EntryQuickCheck::parse(QByteArrayView entry, qsizetype readableAfter, void *object)
{
    if (!m_parser || entry.isEmpty() || entry.size() > kMaxQuickBytes || entry.front() != '{')
        return false;
    const char *data = entry.data();
    if (readableAfter < qsizetype(simdjson::SIMDJSON_PADDING)) {
        m_padded.resize(entry.size() + qsizetype(simdjson::SIMDJSON_PADDING));
        std::memcpy(m_padded.data(), entry.data(), size_t(entry.size()));
        std::memset(m_padded.data() + entry.size(), 0, simdjson::SIMDJSON_PADDING);
        data = m_padded.constData();
    }
    simdjson::dom::element root;
    if (m_parser->parse(data, size_t(entry.size()), false).get(root) != simdjson::SUCCESS)
        return false;
    return root.get_object().get(*static_cast<simdjson::dom::object *>(object)) == simdjson::SUCCESS;
}

std::optional<qint64> EntryQuickCheck::agentRunId(QByteArrayView entry, qsizetype readableAfter)
{
    simdjson::dom::object object;
    if (!parse(entry, readableAfter, &object))
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

std::optional<EntryQuickCheck::Facts> EntryQuickCheck::facts(QByteArrayView entry, qsizetype readableAfter)
{
    simdjson::dom::object object;
    if (!parse(entry, readableAfter, &object))
        return std::nullopt;
    Facts facts;
    bool haveRunId = false;
    // A text field as PageParser reads it, when it is a string or null; the last one wins.
    const auto text = [](simdjson::dom::element value, std::optional<std::string_view> &target) {
        if (value.is_null()) {
            target.reset();
            return true;
        }
        std::string_view s;
        if (value.get_string().get(s) != simdjson::SUCCESS)
            return false;
        target = s;
        return true;
    };
    for (const simdjson::dom::key_value_pair field : object) {
        if (field.key == "agent_run_id") {
            if (!field.value.is_int64())
                return std::nullopt;
            facts.agentRunId = qint64(int64_t(field.value));
            haveRunId = true;
        } else if (field.key == "created_at") {
            if (!text(field.value, facts.createdAt))
                return std::nullopt;
        } else if (field.key == "message_type") {
            if (!text(field.value, facts.messageType))
                return std::nullopt;
        } else if (field.key == "tool_name") {
            if (!text(field.value, facts.toolName))
                return std::nullopt;
        }
    }
    if (!haveRunId)
        return std::nullopt;
    return facts;
}
