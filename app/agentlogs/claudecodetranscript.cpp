// SPDX-License-Identifier: MIT
#include "agentlogs/claudecodetranscript.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/parallelentries.h"
#include "agentlogs/qtorderedjson.h"
#include "agentlogs/simdjsonrecords.h"
#include "json/jsonwriter.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace {

const QString kAgentName = QStringLiteral("Claude Code");
// How many of its first lines decide whether a file is a transcript: bookkeeping lines
// (queue-operation, file-history-snapshot) may come before the first one with a session.
constexpr int kLinesToSniff = 16;
constexpr qsizetype kMaxTitleChars = 200;

bool isBlank(QByteArrayView line)
{
    return line.trimmed().isEmpty();
}

using simdjson::dom::element;
using namespace SimdRecords;

QByteArray joined(const QList<QByteArray> &parts)
{
    return parts.join("\n\n");
}

// Every record is parsed with simdjson's DOM parser: it checks a whole line as strictly as
// QJsonDocument did (a malformed line is read over, not half read) at a fraction of its time, and
// gives the strings in place. What it refuses and QJsonDocument took (a raw control character in
// a string, a lone surrogate escape) is read through QJsonDocument and its compact rewrite.

// What a line has that the mapping reads: one pass over its members, a repeated one's last value
// kept (as QJsonObject keeps it).
struct Line
{
    std::string_view uuid;
    std::string_view sessionId;
    std::string_view cwd;
    std::string_view gitBranch;
    std::string_view version;
    std::string_view type;
    std::string_view summary;
    std::string_view timestamp;
    bool sidechain = false;
    bool apiError = false;
    bool isMeta = false;
    std::optional<element> message;

    explicit Line(simdjson::dom::object object)
    {
        for (const simdjson::dom::key_value_pair field : object) {
            const std::string_view key = field.key;
            if (key == "uuid")
                uuid = stringOf(field.value);
            else if (key == "sessionId")
                sessionId = stringOf(field.value);
            else if (key == "cwd")
                cwd = stringOf(field.value);
            else if (key == "gitBranch")
                gitBranch = stringOf(field.value);
            else if (key == "version")
                version = stringOf(field.value);
            else if (key == "type")
                type = stringOf(field.value);
            else if (key == "summary")
                summary = stringOf(field.value);
            else if (key == "timestamp")
                timestamp = stringOf(field.value);
            else if (key == "isSidechain")
                sidechain = trueOf(field.value);
            else if (key == "isApiErrorMessage")
                apiError = trueOf(field.value);
            else if (key == "isMeta")
                isMeta = trueOf(field.value);
            else if (key == "message")
                message = field.value;
        }
    }
};

// The API message of a line: its id, model, usage and content.
struct Message
{
    std::string_view id;
    std::string_view model;
    std::optional<element> usage;
    std::optional<element> content;

    explicit Message(const std::optional<element> &value)
    {
        simdjson::dom::object object;
        if (!value || value->get_object().get(object))
            return;
        for (const simdjson::dom::key_value_pair field : object) {
            const std::string_view key = field.key;
            if (key == "id")
                id = stringOf(field.value);
            else if (key == "model")
                model = stringOf(field.value);
            else if (key == "usage")
                usage = field.value;
            else if (key == "content")
                content = field.value;
        }
    }
};

// A content block: text, thinking, tool_use or tool_result.
struct Block
{
    std::string_view type;
    std::string_view id;
    std::string_view text;
    std::string_view thinking;
    std::string_view name;
    std::string_view toolUseId;
    std::optional<element> input;
    std::optional<element> content;
    bool isError = false;

    explicit Block(element value)
    {
        simdjson::dom::object object;
        if (value.get_object().get(object))
            return;
        for (const simdjson::dom::key_value_pair field : object) {
            const std::string_view key = field.key;
            if (key == "type")
                type = stringOf(field.value);
            else if (key == "id")
                id = stringOf(field.value);
            else if (key == "text")
                text = stringOf(field.value);
            else if (key == "thinking")
                thinking = stringOf(field.value);
            else if (key == "name")
                name = stringOf(field.value);
            else if (key == "tool_use_id")
                toolUseId = stringOf(field.value);
            else if (key == "input")
                input = field.value;
            else if (key == "content")
                content = field.value;
            else if (key == "is_error")
                isError = trueOf(field.value);
        }
    }
};

// An entry and the lines it was made of, as read: slices of the input, written as its
// "source_records" without being parsed into objects and written again. Its fields are kept as
// UTF-8 and written by entryJson(), in agentEntryJson()'s order and bytes.
struct Mapped
{
    const char *messageType = "";
    QByteArrayView createdAt; // in the converter's StringArena, as are the views below
    QByteArray thought;
    QByteArrayView toolName;
    QByteArray toolInput;       // compact JSON; empty for null
    QByteArray toolOutput;      // compact JSON; empty for null
    std::optional<QByteArray> observation; // a string, or null
    bool sidechain = false;
    bool isMeta = false;
    std::optional<QByteArrayView> toolUseId;
    QList<QByteArrayView> records;
    // Written and handed over (SettledEntries): its texts are freed, and nothing changes it.
    bool handedOver = false;
};

} // namespace

// Moved bit for bit when its list grows (realloc, of a large list without a copy): its members
// are Qt's containers and plain values, none pointing into itself.
Q_DECLARE_TYPEINFO(Mapped, Q_RELOCATABLE_TYPE);

namespace {

// The entry as agentEntryJson() writes it, appended to `out`: the endpoint's fields, then the
// extra ones in QJsonObject's (sorted) order, then the source records.
void appendEntryJson(QByteArray &out, const Mapped &entry, qint64 runId, qint64 id)
{
    qsizetype size = out.size() + 256 + entry.thought.size() + entry.toolInput.size() + entry.toolOutput.size()
        + (entry.observation ? entry.observation->size() : 0);
    for (const QByteArrayView record : entry.records)
        size += record.size() + 1;
    out.reserve(size);
    appendEntryHead(out, runId, id, {entry.createdAt, entry.messageType, entry.thought, entry.toolName, entry.toolInput, entry.toolOutput});
    out += ",\"observation\":";
    if (entry.observation)
        JsonWriter::appendString(out, *entry.observation);
    else
        out += "null";
    if (entry.isMeta)
        out += ",\"is_meta\":true";
    if (entry.sidechain)
        out += ",\"sidechain\":true";
    if (entry.toolUseId) {
        out += ",\"tool_use_id\":";
        JsonWriter::appendString(out, QByteArray::fromRawData(entry.toolUseId->data(), entry.toolUseId->size()));
    }
    out += '}';
    appendRawSources(out, entry.records);
}

// One conversation: the main one, or the sidechains (subagents) together.
struct Chain
{
    bool sidechain = false;
    QList<Mapped> entries;
    // Read since the last call or user text: what the next call's thought is made of, or, when
    // no call follows, an entry of its own.
    QList<QByteArray> thinking;
    QList<QByteArray> text;
    QList<QByteArrayView> records;
    QSet<QByteArrayView> recordUuids;
    QByteArrayView firstTime;
    // The entry that holds the chain's last assistant text, and that text with its thinking:
    // the main chain's is the final answer when no call took it as its thought.
    int lastTextEntry = -1;
    QByteArray lastAnswerThinking;
    QByteArray lastAnswerText;
};

class Converter
{
public:
    // `settled`: hands the main conversation's settled entries over while reading (may be null).
    AgentLogConversion run(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries *settled = nullptr)
    {
        m_settled = settled && settled->handOver ? settled : nullptr;
        m_cancel = &cancel;
        m_side.sidechain = true;
        bool anyRecord = false;
        int firstBadLine = 0;
        QString firstBadReason;
        CancelCheck cancelled(cancel);
        forEachLine(bytes, [&](QByteArrayView line, int number, bool last) {
            if (cancelled())
                return false;
            if (isBlank(line))
                return true;
            const QByteArrayView trimmed = line.trimmed();
            QString reason;
            simdjson::dom::object object;
            if (!parse(trimmed, bytes.data() + bytes.size() - (trimmed.data() + trimmed.size()), object, reason)) {
                if (!firstBadLine) {
                    firstBadLine = number;
                    firstBadReason = reason;
                }
                m_out.warnings.append(last ? QCoreApplication::translate("ClaudeCodeTranscript", "line %1: cut short (%2); skipped").arg(number).arg(reason)
                                           : QCoreApplication::translate("ClaudeCodeTranscript", "line %1: not a JSON object (%2); skipped").arg(number).arg(reason));
                return true;
            }
            anyRecord = true;
            read(Line(object), number);
            return handOverSettled(trimmed.data() + trimmed.size() - bytes.data());
        });
        if (cancelled.cancelled() || m_stopped)
            return cancelledConversion(kAgentName);
        if (!anyRecord && firstBadLine) {
            m_out.error = QCoreApplication::translate("ClaudeCodeTranscript", "Claude Code transcript, line %1: not JSON (%2).").arg(firstBadLine).arg(firstBadReason);
            m_out.warnings.clear();
            return m_out;
        }
        finishChain(m_main, true);
        // A subagent's own file (agent-*.jsonl) is all sidechain: then its last text is the answer.
        finishChain(m_side, m_main.entries.isEmpty());
        return finish(cancel) ? std::move(m_out) : cancelledConversion(kAgentName);
    }

private:
    // Parses `line` (`readableAfter` bytes of the input follow it) into `object` and points
    // m_rawLine at the record's bytes; false with QJsonDocument's reason when it is no JSON object.
    bool parse(QByteArrayView line, qsizetype readableAfter, simdjson::dom::object &object, QString &reason)
    {
        switch (m_parser.parseObject(line, readableAfter, object, reason)) {
        case RecordParser::Result::Parsed:
            m_rawLine = line; // the record as read, even when its rewrite was parsed
            return true;
        case RecordParser::Result::OtherKind:
            reason = QCoreApplication::translate("ClaudeCodeTranscript", "not a JSON object");
            return false;
        case RecordParser::Result::NotJson:
            break;
        }
        return false;
    }

    void read(const Line &line, int number)
    {
        m_uuid = {};
        if (!line.uuid.empty()) {
            if (m_seenUuids.contains(viewOf(line.uuid)))
                return; // a line repeated (a resumed session copies its history)
            m_uuid = m_arena.keep(viewOf(line.uuid));
            m_seenUuids.insert(m_uuid);
        }
        noteSession(line);
        if (line.type == "summary") {
            if (m_summary.isEmpty())
                m_summary = QString::fromUtf8(viewOf(line.summary));
            return;
        }
        Chain &chain = line.sidechain ? m_side : m_main;
        if (line.type == "assistant")
            readAssistant(chain, line);
        else if (line.type == "user")
            readUser(chain, line, number);
        // system lines and bookkeeping (queue-operation, file-history-snapshot) are no entries
    }

    void noteSession(const Line &line)
    {
        const auto keep = [](QString &into, std::string_view value) {
            if (into.isEmpty() && !value.empty())
                into = QString::fromUtf8(viewOf(value));
        };
        keep(m_sessionId, line.sessionId);
        keep(m_cwd, line.cwd);
        keep(m_gitBranch, line.gitBranch);
        keep(m_version, line.version);
    }

    void noteModel(std::string_view model)
    {
        // "<synthetic>" marks Claude Code's own messages
        if (model.empty() || model.front() == '<' || viewOf(model) == m_lastModel)
            return;
        m_lastModel = bytesOf(model);
        const QString name = QString::fromUtf8(viewOf(model));
        if (!m_models.contains(name))
            m_models.append(name);
    }

    void noteUsage(const Message &message)
    {
        simdjson::dom::object usage;
        if (message.id.empty() || !message.usage || message.usage->get_object().get(usage))
            return;
        std::array<qint64, 4> counts{};
        for (const simdjson::dom::key_value_pair field : usage) {
            for (size_t i = 0; i < kUsageKeys.size(); ++i) {
                if (field.key == kUsageKeys[i])
                    counts[i] = QtOrderedJson::toInteger(field.value); // a repeated key: the last
            }
        }
        const auto known = m_usage.find(viewOf(message.id));
        if (known != m_usage.end())
            *known = counts;
        else
            m_usage.insert(m_arena.keep(viewOf(message.id)), counts); // the last one is complete
    }

    void readAssistant(Chain &chain, const Line &line)
    {
        const Message message(line.message);
        noteModel(message.model);
        noteUsage(message);
        if (line.apiError) {
            // Claude Code's note that the API call failed ("API Error: 529 …"): an error of the
            // run, not an answer.
            flushPending(chain);
            Mapped entry = newEntry(chain, "ERROR", line.timestamp);
            entry.observation = message.content ? contentTextOf(*message.content) : QByteArray();
            entry.records = {m_rawLine};
            chain.entries.append(std::move(entry));
            return;
        }
        if (!message.content)
            return;
        std::string_view text;
        if (!message.content->get_string().get(text)) {
            readAssistantBlock(chain, line, message.id, "text", text, {});
            return;
        }
        simdjson::dom::array blocks;
        if (message.content->get_array().get(blocks))
            return;
        for (const element value : blocks) {
            const Block block(value);
            if (block.type == "thinking")
                readAssistantBlock(chain, line, message.id, block.type, block.thinking, block);
            else if (block.type == "text")
                readAssistantBlock(chain, line, message.id, block.type, block.text, block);
            else if (block.type == "tool_use")
                readAssistantBlock(chain, line, message.id, block.type, block.id, block);
        }
    }

    // A thinking, text or tool_use block (`key`: its thinking, its text, its id).
    void readAssistantBlock(Chain &chain, const Line &line, std::string_view messageId, std::string_view type,
                            std::string_view key, const std::optional<Block> &block)
    {
        // Claude Code writes a message once per content block; older versions repeat the
        // earlier blocks in each line. A block is read once per message.
        if (!messageId.empty()) {
            QByteArray &blockKey = m_blockKey; // reused: no allocation per block
            blockKey.clear();
            blockKey += viewOf(messageId);
            blockKey += '\x1f';
            blockKey += viewOf(type);
            blockKey += '\x1f';
            blockKey += viewOf(key);
            if (m_seenBlocks.contains(QByteArrayView(blockKey)))
                return;
            m_seenBlocks.insert(m_arena.keep(blockKey));
        }
        if (type == "thinking")
            addPending(chain, line, key, chain.thinking);
        else if (type == "text")
            addPending(chain, line, key, chain.text);
        else
            addCall(chain, line, *block);
    }

    // The line being read as one of the pending records, once per chain.
    void addRecord(Chain &chain) const
    {
        if (!m_uuid.isEmpty() && chain.recordUuids.contains(m_uuid))
            return;
        chain.recordUuids.insert(m_uuid);
        chain.records.append(m_rawLine);
    }

    void addPending(Chain &chain, const Line &line, std::string_view text, QList<QByteArray> &into)
    {
        if (isBlankText(viewOf(text)))
            return;
        if (chain.firstTime.isEmpty())
            chain.firstTime = m_arena.keep(viewOf(line.timestamp));
        into.append(bytesOf(text));
        addRecord(chain);
    }

    static void clearPending(Chain &chain)
    {
        chain.thinking.clear();
        chain.text.clear();
        chain.records.clear();
        chain.recordUuids.clear();
        chain.firstTime = {};
    }

    Mapped newEntry(const Chain &chain, const char *type, std::string_view time)
    {
        Mapped entry;
        entry.messageType = type;
        entry.createdAt = m_arena.keep(viewOf(time));
        entry.sidechain = chain.sidechain;
        return entry;
    }

    void addCall(Chain &chain, const Line &line, const Block &block)
    {
        Mapped entry = newEntry(chain, "ACTION", line.timestamp);
        entry.thought = joined(chain.thinking + chain.text);
        entry.toolName = m_arena.keep(viewOf(block.name));
        // As toolInput held it: an object as it is; anything else as {"input": value}, which
        // an absent input leaves empty.
        simdjson::dom::object input;
        if (block.input && !block.input->get_object().get(input)) {
            QtOrderedJson::append(entry.toolInput, *block.input);
        } else if (block.input) {
            entry.toolInput = "{\"input\":";
            QtOrderedJson::append(entry.toolInput, *block.input);
            entry.toolInput += '}';
        } else {
            entry.toolInput = "{}";
        }
        const QByteArrayView callId = m_arena.keep(viewOf(block.id));
        entry.toolUseId = callId;
        addRecord(chain);
        entry.records = chain.records;
        if (!chain.text.isEmpty())
            chain.lastTextEntry = int(chain.entries.size());
        clearPending(chain);
        if (!callId.isEmpty())
            m_calls.insert(callId, {&chain, int(chain.entries.size())});
        chain.entries.append(std::move(entry));
    }

    void readUser(Chain &chain, const Line &line, int number)
    {
        const Message message(line.message);
        if (!message.content)
            return;
        simdjson::dom::array blocks;
        if (!message.content->get_array().get(blocks)) {
            for (const element value : blocks) {
                const Block block(value);
                if (block.type == "tool_result")
                    addResult(block, number);
            }
        }
        QByteArray text = contentTextOf(*message.content);
        if (isBlankText(text))
            return; // tool results alone
        flushPending(chain);
        Mapped entry = newEntry(chain, "USER_MESSAGE", line.timestamp);
        if (line.isMeta)
            entry.isMeta = true; // Claude Code's own note, not typed by the user
        if (m_firstUserText.isEmpty() && !line.isMeta)
            m_firstUserText = QString::fromUtf8(text);
        entry.observation = std::move(text);
        entry.records = {m_rawLine};
        chain.entries.append(std::move(entry));
    }

    void addResult(const Block &block, int number)
    {
        const QByteArrayView callId = viewOf(block.toolUseId);
        const auto call = m_calls.constFind(callId);
        if (call == m_calls.constEnd()) {
            m_out.warnings.append(QCoreApplication::translate("ClaudeCodeTranscript", "line %1: a tool result (id %2) without its call; skipped")
                                      .arg(number)
                                      .arg(QString::fromUtf8(callId)));
            return;
        }
        Mapped &entry = call->chain->entries[call->index];
        if (entry.handedOver || !entry.toolOutput.isEmpty())
            return; // the same result again (an entry handed over has its result: isSettled())
        // As toolOutputObject() made it: an object as it is, anything else as {"content": value}
        // (an absent one as ""), with "is_error": true inserted for a failure.
        QByteArray &output = entry.toolOutput;
        simdjson::dom::object object;
        if (block.content && !block.content->get_object().get(object)) {
            if (block.isError)
                QtOrderedJson::appendObjectWith(output, object, "is_error", "true");
            else
                QtOrderedJson::append(output, *block.content);
        } else {
            output = "{\"content\":";
            if (block.content)
                QtOrderedJson::append(output, *block.content);
            else
                output += "\"\"";
            output += block.isError ? ",\"is_error\":true}" : "}";
        }
        if (block.isError) {
            entry.messageType = "ERROR";
            entry.observation = block.content ? contentTextOf(*block.content) : QByteArray();
        }
        entry.records.append(m_rawLine);
    }

    // Assistant text (or thinking) that no call followed: an entry of its own.
    void flushPending(Chain &chain)
    {
        if (chain.thinking.isEmpty() && chain.text.isEmpty())
            return;
        Mapped entry = newEntry(chain, "PLAN_EVALUATION", {});
        entry.createdAt = chain.firstTime;
        entry.thought = joined(chain.thinking + chain.text);
        entry.records = chain.records;
        if (!chain.text.isEmpty()) {
            chain.lastTextEntry = int(chain.entries.size());
            chain.lastAnswerThinking = joined(chain.thinking);
            chain.lastAnswerText = joined(chain.text);
        }
        chain.entries.append(std::move(entry));
        clearPending(chain);
    }

    void finishChain(Chain &chain, bool main)
    {
        flushPending(chain);
        // The session's last assistant text, when no call came after it, is its answer.
        if (!main || chain.lastTextEntry < 0)
            return;
        Mapped &entry = chain.entries[chain.lastTextEntry];
        if (qstrcmp(entry.messageType, "PLAN_EVALUATION") == 0) {
            entry.messageType = "FINAL_ANSWER";
            entry.thought = chain.lastAnswerThinking;
            entry.observation = chain.lastAnswerText;
        }
    }

    QJsonObject metadata() const
    {
        QJsonObject meta{{QStringLiteral("agent"), kAgentName}};
        const auto put = [&meta](const char *key, const QString &value) {
            if (!value.isEmpty())
                meta.insert(QLatin1String(key), value);
        };
        put("session_id", m_sessionId);
        put("cwd", m_cwd);
        put("git_branch", m_gitBranch);
        put("version", m_version);
        put("summary", m_summary);
        if (!m_models.isEmpty())
            meta.insert(QStringLiteral("model"), m_models.first());
        if (m_models.size() > 1)
            meta.insert(QStringLiteral("models"), QJsonArray::fromStringList(m_models));
        if (!m_usage.isEmpty()) {
            QJsonObject totals;
            for (size_t i = 0; i < kUsageKeys.size(); ++i) {
                qint64 sum = 0;
                for (const std::array<qint64, 4> &usage : m_usage)
                    sum += usage[i];
                totals.insert(QLatin1String(kUsageKeys[i].data(), qsizetype(kUsageKeys[i].size())), sum);
            }
            meta.insert(QStringLiteral("usage"), totals);
        }
        return meta;
    }

    // False when the cancel said stop.
    bool finish(const ConversionCancel &cancel)
    {
        m_out.ok = true;
        m_out.agentName = kAgentName;
        m_out.metadata = metadata();
        const QString title = m_summary.isEmpty() ? m_firstUserText.section(QLatin1Char('\n'), 0, 0, QString::SectionSkipEmpty).trimmed()
                                                  : m_summary;
        m_out.title = title.left(kMaxTitleChars);
        const qint64 runId = runIdOfSession();
        bool anyTime = false;
        for (const Chain *chain : {&m_main, &m_side}) {
            for (const Mapped &entry : chain->entries)
                anyTime = anyTime || !entry.createdAt.isEmpty();
        }
        // The main chain's entries (those not handed over yet), then the sidechains'.
        const qsizetype mainCount = m_main.entries.size();
        const qsizetype first = m_handedOver;
        const auto write = [this, mainCount, first, runId](qsizetype i, QByteArray &out) {
            const qsizetype index = first + i;
            const Mapped &entry = index < mainCount ? m_main.entries.at(index) : m_side.entries.at(index - mainCount);
            appendEntryJson(out, entry, runId, index + 1);
        };
        if (!ParallelEntries::write(m_out.entries, mainCount - first + m_side.entries.size(), write, cancel))
            return false;
        m_main.entries.clear();
        m_side.entries.clear();
        m_out.hasTimes = anyTime || (m_out.entries.isEmpty() && first == 0);
        return true;
    }

    // Every entry's agent_run_id: of the session's id (the first line's that has one), else of
    // a fixed key. Known for sure only once a session id was read, or at the end.
    qint64 runIdOfSession() const
    {
        const QByteArray key = !m_sessionId.isEmpty() ? m_sessionId.toUtf8() : QByteArrayLiteral("claude-code");
        return agentRunIdFor(key);
    }

    // Whether no later line can change main entry `index`: the mapping changes an entry it made
    // only by giving a call its result (the first result for the call's id, while the call is
    // the one its id names: a later call of the same id takes the id over), and by making the
    // main conversation's last assistant text, when it stayed a PLAN_EVALUATION, the
    // FINAL_ANSWER. Everything else a line adds goes into entries still to come (the pending
    // thinking and text, which repeated content-block lines are read into at most once).
    bool isSettled(qsizetype index) const
    {
        const Mapped &entry = m_main.entries.at(index);
        if (index == m_main.lastTextEntry && qstrcmp(entry.messageType, "PLAN_EVALUATION") == 0)
            return false;
        if (entry.toolUseId && !entry.toolUseId->isEmpty() && entry.toolOutput.isEmpty()) {
            const auto call = m_calls.constFind(*entry.toolUseId);
            if (call != m_calls.constEnd() && call->chain == &m_main && call->index == index)
                return false; // its result may still come
        }
        return true;
    }

    // After each line: the main entries settled since the last batch, written and handed over
    // once there are enough of them. False when the taker or the cancel said stop.
    bool handOverSettled(qsizetype bytesRead)
    {
        if (!m_settled)
            return true;
        while (m_settledEnd < m_main.entries.size() && isSettled(m_settledEnd))
            ++m_settledEnd;
        const qsizetype wanted = m_handedOver == 0 ? m_settled->firstBatch : m_settled->batch;
        // Until a session id is read, the entries' run id is not known.
        if (m_sessionId.isEmpty() || m_settledEnd - m_handedOver < std::max<qsizetype>(wanted, 1))
            return true;
        const qsizetype first = m_handedOver;
        const qint64 runId = runIdOfSession();
        const auto write = [this, first, runId](qsizetype i, QByteArray &out) {
            appendEntryJson(out, m_main.entries.at(first + i), runId, first + i + 1);
        };
        QList<QByteArray> batch;
        if (!ParallelEntries::write(batch, m_settledEnd - first, write, *m_cancel)) {
            m_stopped = true;
            return false;
        }
        for (qsizetype i = first; i < m_settledEnd; ++i) {
            // What finish() still reads of it is its time (hasTimes) and type (the final answer's
            // check): the rest is freed.
            Mapped &entry = m_main.entries[i];
            entry.thought = QByteArray();
            entry.toolInput = QByteArray();
            entry.toolOutput = QByteArray();
            entry.observation.reset();
            entry.records = {};
            entry.handedOver = true;
        }
        m_handedOver = m_settledEnd;
        if (!m_settled->handOver(std::move(batch), bytesRead)) {
            m_stopped = true;
            return false;
        }
        return true;
    }

    struct Place
    {
        Chain *chain = nullptr;
        int index = -1;
    };

    static constexpr std::array<std::string_view, 4> kUsageKeys{"input_tokens", "output_tokens", "cache_creation_input_tokens",
                                                                "cache_read_input_tokens"};

    AgentLogConversion m_out;
    const SettledEntries *m_settled = nullptr;
    const ConversionCancel *m_cancel = nullptr;
    qsizetype m_settledEnd = 0; // the main entries before it are settled
    qsizetype m_handedOver = 0; // the main entries before it are handed over
    bool m_stopped = false;     // by the taker of the settled entries, or the cancel while writing them
    RecordParser m_parser;
    QByteArrayView m_rawLine; // the line being read, without surrounding space
    Chain m_main;
    Chain m_side;
    StringArena m_arena; // the keys below and the entries' short strings
    QByteArrayView m_uuid; // the uuid of the line being read, kept in m_arena
    QByteArray m_blockKey;
    QHash<QByteArrayView, Place> m_calls;
    QSet<QByteArrayView> m_seenUuids;
    QSet<QByteArrayView> m_seenBlocks;
    QHash<QByteArrayView, std::array<qint64, 4>> m_usage; // by message.id: counted once however often repeated
    QByteArray m_lastModel; // the model of the line before, looked up no further
    QStringList m_models;
    QString m_sessionId;
    QString m_cwd;
    QString m_gitBranch;
    QString m_version;
    QString m_summary;
    QString m_firstUserText;
};

bool hasKey(const QJsonObject &object, const char *key)
{
    return object.contains(QLatin1String(key));
}

} // namespace

bool looksLikeClaudeCodeTranscript(QByteArrayView head)
{
    bool found = false;
    int lines = 0;
    forEachLine(head, [&](QByteArrayView line, int, bool last) {
        if (++lines > kLinesToSniff)
            return false;
        if (isBlank(line))
            return true;
        // Cheap before a parse: every transcript line names its type, and one of the first names
        // the session (or is the summary).
        if (!line.trimmed().startsWith('{') || !line.contains("\"type\"")) {
            if (!last) // a line cut by the head's end is not judged
                found = false;
            return false;
        }
        const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray());
        if (!document.isObject())
            return !last; // a malformed line is read over, as the conversion does; a cut one ends the head
        const QJsonObject object = document.object();
        if (hasKey(object, "agent_run_id") || !object.value(QLatin1String("type")).isString())
            return (found = false);
        const QString type = object.value(QLatin1String("type")).toString();
        if (hasKey(object, "sessionId") || (type == QLatin1String("summary") && hasKey(object, "leafUuid")))
            found = true;
        return true;
    });
    return found;
}

AgentLogConversion convertClaudeCodeTranscript(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype /*readableAfter: each line is parsed in place*/)
{
    return Converter().run(bytes, cancel);
}

AgentLogConversion convertClaudeCodeTranscriptInBatches(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled)
{
    return Converter().run(bytes, cancel, &settled);
}
