// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

#include <simdjson.h>

#include <list>
#include <mutex>
#include <thread>
#include <utility>

// What the converters that parse a JSON text a part at a time (JsonTextParts: an OpenHands
// stream's events, a SWE-agent trajectory's steps) share: a part's parse in a reused parser, with
// the whole text's depth limit, and a parser per writing thread (ParallelEntries writes on two),
// since a part's values live only until its parser's next parse.
namespace PartParsers {

// Prepares `parser` for parts `levelsAbove` levels inside the whole text (1 for an element of the
// text's list): a part is refused when the whole text would be too deep for simdjson, so that the
// whole text's parse (and its message) reads it. False when it could not be allocated.
inline bool prepare(simdjson::dom::parser &parser, size_t levelsAbove)
{
    return parser.allocate(simdjson::dom::MINIMAL_DOCUMENT_CAPACITY, simdjson::DEFAULT_MAX_DEPTH - levelsAbove) == simdjson::SUCCESS;
}

// Parses `part` (bytes up to `readableEnd` may be read after it: the rest of the text, a mapped
// file's last page) with `parser`; false when simdjson refuses it. Its values live until the
// parser's next parse.
bool parse(QByteArrayView part, const char *readableEnd, simdjson::dom::parser &parser, simdjson::dom::element &value);

// `Count` parsers for each thread that asks (an entry may read two parts at once), made on its
// first ask and kept until this goes.
template<int Count>
class PerThread
{
public:
    simdjson::dom::parser *forThisThread()
    {
        const std::thread::id thread = std::this_thread::get_id();
        const std::lock_guard<std::mutex> lock(m_mutex);
        for (auto &[id, parsers] : m_parsers) {
            if (id == thread)
                return parsers.parsers;
        }
        m_parsers.emplace_back();
        m_parsers.back().first = thread;
        return m_parsers.back().second.parsers;
    }

private:
    // Not prepared: the parts were read once before, with the depth limit.
    struct Parsers {
        simdjson::dom::parser parsers[Count];
    };
    std::mutex m_mutex;
    std::list<std::pair<std::thread::id, Parsers>> m_parsers; // not moved while they grow
};

} // namespace PartParsers
