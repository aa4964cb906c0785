// SPDX-License-Identifier: MIT
#include "agentlogs/claudecodetranscript.h"

#include "agentlogs/conversionsupport.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace {

const QString kAgentName = QStringLiteral("Claude Code");
// How many of its first lines decide whether a file is a transcript: bookkeeping lines
// (queue-operation, file-history-snapshot) may come before the first one with a session.
constexpr int kLinesToSniff = 16;
constexpr qsizetype kMaxTitleChars = 200;

// The file's lines, each with its 1-based number, without the line break ("\n" or "\r\n").
template<typename Visit>
void forEachLine(QByteArrayView bytes, Visit visit)
{
    qsizetype pos = 0;
    int number = 0;
    while (pos < bytes.size()) {
        ++number;
        qsizetype end = bytes.indexOf('\n', pos);
        const qsizetype next = end < 0 ? bytes.size() : end + 1;
        if (end < 0)
            end = bytes.size();
        QByteArrayView line = bytes.sliced(pos, end - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = next;
        if (!visit(line, number, next >= bytes.size() && !bytes.endsWith('\n')))
            return;
    }
}

bool isBlank(QByteArrayView line)
{
    return line.trimmed().isEmpty();
}

QString joined(const QStringList &parts)
{
    return parts.join(QStringLiteral("\n\n"));
}

// An entry and the lines it was made of, as read: slices of the input, written as its
// "source_records" without being parsed into objects and written again (on a long session that
// was most of the time and memory of the conversion).
struct Mapped
{
    AgentEntryFields fields;
    QList<QByteArrayView> records;
};

// One conversation: the main one, or the sidechains (subagents) together.
struct Chain
{
    bool sidechain = false;
    QList<Mapped> entries;
    // Read since the last call or user text: what the next call's thought is made of, or, when
    // no call follows, an entry of its own.
    QStringList thinking;
    QStringList text;
    QList<QByteArrayView> records;
    QSet<QString> recordUuids;
    QString firstTime;
    // The entry that holds the chain's last assistant text, and that text with its thinking:
    // the main chain's is the final answer when no call took it as its thought.
    int lastTextEntry = -1;
    QString lastAnswerThinking;
    QString lastAnswerText;
};

class Converter
{
public:
    AgentLogConversion run(QByteArrayView bytes)
    {
        m_side.sidechain = true;
        bool anyRecord = false;
        int firstBadLine = 0;
        QString firstBadReason;
        forEachLine(bytes, [&](QByteArrayView line, int number, bool last) {
            if (isBlank(line))
                return true;
            QJsonParseError error;
            // Parsed in place: the line is a slice of the caller's bytes, which outlive the parse.
            const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &error);
            if (error.error != QJsonParseError::NoError || !document.isObject()) {
                const QString reason = error.error != QJsonParseError::NoError ? error.errorString() : QCoreApplication::translate("ClaudeCodeTranscript", "not a JSON object");
                if (!firstBadLine) {
                    firstBadLine = number;
                    firstBadReason = reason;
                }
                m_out.warnings.append(last ? QCoreApplication::translate("ClaudeCodeTranscript", "line %1: cut short (%2); skipped").arg(number).arg(reason)
                                           : QCoreApplication::translate("ClaudeCodeTranscript", "line %1: not a JSON object (%2); skipped").arg(number).arg(reason));
                return true;
            }
            anyRecord = true;
            m_rawLine = line.trimmed();
            read(document.object(), number);
            return true;
        });
        if (!anyRecord && firstBadLine) {
            m_out.error = QCoreApplication::translate("ClaudeCodeTranscript", "Claude Code transcript, line %1: not JSON (%2).").arg(firstBadLine).arg(firstBadReason);
            m_out.warnings.clear();
            return m_out;
        }
        finishChain(m_main, true);
        // A subagent's own file (agent-*.jsonl) is all sidechain: then its last text is the answer.
        finishChain(m_side, m_main.entries.isEmpty());
        return finish();
    }

private:
    void read(const QJsonObject &line, int number)
    {
        const QString uuid = line.value(QLatin1String("uuid")).toString();
        if (!uuid.isEmpty()) {
            if (m_seenUuids.contains(uuid))
                return; // a line repeated (a resumed session copies its history)
            m_seenUuids.insert(uuid);
        }
        noteSession(line);
        const QString type = line.value(QLatin1String("type")).toString();
        if (type == QLatin1String("summary")) {
            if (m_summary.isEmpty())
                m_summary = line.value(QLatin1String("summary")).toString();
            return;
        }
        Chain &chain = line.value(QLatin1String("isSidechain")).toBool() ? m_side : m_main;
        if (type == QLatin1String("assistant"))
            readAssistant(chain, line);
        else if (type == QLatin1String("user"))
            readUser(chain, line, number);
        // system lines and bookkeeping (queue-operation, file-history-snapshot) are no entries
    }

    void noteSession(const QJsonObject &line)
    {
        const auto keep = [&line](QString &into, const char *key) {
            if (into.isEmpty())
                into = line.value(QLatin1String(key)).toString();
        };
        keep(m_sessionId, "sessionId");
        keep(m_cwd, "cwd");
        keep(m_gitBranch, "gitBranch");
        keep(m_version, "version");
    }

    void readAssistant(Chain &chain, const QJsonObject &line)
    {
        const QJsonObject message = line.value(QLatin1String("message")).toObject();
        const QString messageId = message.value(QLatin1String("id")).toString();
        const QString model = message.value(QLatin1String("model")).toString();
        if (!model.isEmpty() && !model.startsWith(QLatin1Char('<')) && !m_models.contains(model))
            m_models.append(model); // "<synthetic>" marks Claude Code's own messages
        if (!messageId.isEmpty() && message.value(QLatin1String("usage")).isObject())
            m_usage.insert(messageId, message.value(QLatin1String("usage")).toObject()); // the last one is complete
        const QJsonValue content = message.value(QLatin1String("content"));
        if (line.value(QLatin1String("isApiErrorMessage")).toBool()) {
            // Claude Code's note that the API call failed ("API Error: 529 …"): an error of the
            // run, not an answer.
            flushPending(chain);
            AgentEntryFields entry = newEntry(chain, QStringLiteral("ERROR"), line.value(QLatin1String("timestamp")).toString());
            entry.observation = contentText(content);
            chain.entries.append({entry, {m_rawLine}});
            return;
        }
        const QJsonArray blocks = content.isString() ? QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                                             {QStringLiteral("text"), content}}}
                                                     : content.toArray();
        for (const QJsonValue &value : blocks) {
            const QJsonObject block = value.toObject();
            const QString blockType = block.value(QLatin1String("type")).toString();
            // Claude Code writes a message once per content block; older versions repeat the
            // earlier blocks in each line. A block is read once per message.
            const QString blockKey = messageId + QLatin1Char('\x1f') + blockType + QLatin1Char('\x1f')
                + block.value(QLatin1String(blockType == QLatin1String("tool_use") ? "id" : blockType == QLatin1String("thinking") ? "thinking" : "text")).toString();
            if (!messageId.isEmpty()) {
                if (m_seenBlocks.contains(blockKey))
                    continue;
                m_seenBlocks.insert(blockKey);
            }
            if (blockType == QLatin1String("thinking")) {
                addPending(chain, line, block.value(QLatin1String("thinking")).toString(), chain.thinking);
            } else if (blockType == QLatin1String("text")) {
                addPending(chain, line, block.value(QLatin1String("text")).toString(), chain.text);
            } else if (blockType == QLatin1String("tool_use")) {
                addCall(chain, line, block);
            }
        }
    }

    void addRecord(Chain &chain, const QJsonObject &line) const
    {
        const QString uuid = line.value(QLatin1String("uuid")).toString();
        if (!uuid.isEmpty() && chain.recordUuids.contains(uuid))
            return;
        chain.recordUuids.insert(uuid);
        chain.records.append(m_rawLine);
    }

    void addPending(Chain &chain, const QJsonObject &line, const QString &text, QStringList &into)
    {
        if (text.trimmed().isEmpty())
            return;
        if (chain.firstTime.isEmpty())
            chain.firstTime = line.value(QLatin1String("timestamp")).toString();
        into.append(text);
        addRecord(chain, line);
    }

    static void clearPending(Chain &chain)
    {
        chain.thinking.clear();
        chain.text.clear();
        chain.records.clear();
        chain.recordUuids.clear();
        chain.firstTime.clear();
    }

    AgentEntryFields newEntry(const Chain &chain, const QString &type, const QString &time) const
    {
        AgentEntryFields entry;
        entry.messageType = type;
        entry.createdAt = time;
        if (chain.sidechain)
            entry.extra.insert(QStringLiteral("sidechain"), true);
        return entry;
    }

    void addCall(Chain &chain, const QJsonObject &line, const QJsonObject &block)
    {
        AgentEntryFields entry = newEntry(chain, QStringLiteral("ACTION"), line.value(QLatin1String("timestamp")).toString());
        entry.thought = joined(chain.thinking + chain.text);
        entry.toolName = block.value(QLatin1String("name")).toString();
        const QJsonValue input = block.value(QLatin1String("input"));
        entry.toolInput = input.isObject() ? input : QJsonValue(QJsonObject{{QStringLiteral("input"), input}});
        const QString callId = block.value(QLatin1String("id")).toString();
        entry.extra.insert(QStringLiteral("tool_use_id"), callId);
        addRecord(chain, line);
        const QList<QByteArrayView> records = chain.records;
        if (!chain.text.isEmpty())
            chain.lastTextEntry = int(chain.entries.size());
        clearPending(chain);
        if (!callId.isEmpty())
            m_calls.insert(callId, {&chain, int(chain.entries.size())});
        chain.entries.append({entry, records});
    }

    void readUser(Chain &chain, const QJsonObject &line, int number)
    {
        const QJsonValue content = line.value(QLatin1String("message")).toObject().value(QLatin1String("content"));
        const QJsonArray blocks = content.toArray();
        for (const QJsonValue &value : blocks) {
            const QJsonObject block = value.toObject();
            if (block.value(QLatin1String("type")).toString() == QLatin1String("tool_result"))
                addResult(block, number);
        }
        const QString text = contentText(content);
        if (text.trimmed().isEmpty())
            return; // tool results alone
        flushPending(chain);
        AgentEntryFields entry = newEntry(chain, QStringLiteral("USER_MESSAGE"), line.value(QLatin1String("timestamp")).toString());
        entry.observation = text;
        if (line.value(QLatin1String("isMeta")).toBool())
            entry.extra.insert(QStringLiteral("is_meta"), true); // Claude Code's own note, not typed by the user
        if (m_firstUserText.isEmpty() && !line.value(QLatin1String("isMeta")).toBool())
            m_firstUserText = text;
        chain.entries.append({entry, {m_rawLine}});
    }

    void addResult(const QJsonObject &block, int number)
    {
        const QString callId = block.value(QLatin1String("tool_use_id")).toString();
        const auto call = m_calls.constFind(callId);
        if (call == m_calls.constEnd()) {
            m_out.warnings.append(QCoreApplication::translate("ClaudeCodeTranscript", "line %1: a tool result (id %2) without its call; skipped").arg(number).arg(callId));
            return;
        }
        Mapped &mapped = call->chain->entries[call->index];
        AgentEntryFields &entry = mapped.fields;
        if (!entry.toolOutput.isNull())
            return; // the same result again
        const QJsonValue result = block.value(QLatin1String("content"));
        QJsonObject output = toolOutputObject(result.isUndefined() ? QJsonValue(QString()) : result);
        if (block.value(QLatin1String("is_error")).toBool()) {
            entry.messageType = QStringLiteral("ERROR");
            entry.observation = contentText(result);
            output.insert(QStringLiteral("is_error"), true);
        }
        entry.toolOutput = output;
        mapped.records.append(m_rawLine);
    }

    // Assistant text (or thinking) that no call followed: an entry of its own.
    void flushPending(Chain &chain)
    {
        if (chain.thinking.isEmpty() && chain.text.isEmpty())
            return;
        AgentEntryFields entry = newEntry(chain, QStringLiteral("PLAN_EVALUATION"), chain.firstTime);
        entry.thought = joined(chain.thinking + chain.text);
        const QList<QByteArrayView> records = chain.records;
        if (!chain.text.isEmpty()) {
            chain.lastTextEntry = int(chain.entries.size());
            chain.lastAnswerThinking = joined(chain.thinking);
            chain.lastAnswerText = joined(chain.text);
        }
        chain.entries.append({entry, records});
        clearPending(chain);
    }

    void finishChain(Chain &chain, bool main)
    {
        flushPending(chain);
        // The session's last assistant text, when no call came after it, is its answer.
        if (!main || chain.lastTextEntry < 0)
            return;
        AgentEntryFields &entry = chain.entries[chain.lastTextEntry].fields;
        if (entry.messageType == QLatin1String("PLAN_EVALUATION")) {
            entry.messageType = QStringLiteral("FINAL_ANSWER");
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
            for (const char *key : {"input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"}) {
                qint64 sum = 0;
                for (const QJsonObject &usage : m_usage)
                    sum += usage.value(QLatin1String(key)).toInteger();
                totals.insert(QLatin1String(key), sum);
            }
            meta.insert(QStringLiteral("usage"), totals);
        }
        return meta;
    }

    AgentLogConversion finish()
    {
        m_out.ok = true;
        m_out.agentName = kAgentName;
        m_out.metadata = metadata();
        const QString title = m_summary.isEmpty() ? m_firstUserText.section(QLatin1Char('\n'), 0, 0, QString::SectionSkipEmpty).trimmed()
                                                  : m_summary;
        m_out.title = title.left(kMaxTitleChars);
        const QByteArray key = !m_sessionId.isEmpty() ? m_sessionId.toUtf8() : QByteArrayLiteral("claude-code");
        const qint64 runId = agentRunIdFor(key);
        bool anyTime = false;
        qint64 id = 0;
        for (Chain *chain : {&m_main, &m_side}) {
            for (Mapped &mapped : chain->entries) {
                AgentEntryFields &entry = mapped.fields;
                entry.agentRunId = runId;
                entry.id = ++id;
                anyTime = anyTime || !entry.createdAt.isEmpty();
                m_out.entries.append(entryWithRawSources(entry, mapped.records));
            }
            chain->entries.clear();
        }
        m_out.hasTimes = anyTime || m_out.entries.isEmpty();
        return m_out;
    }

    struct Place
    {
        Chain *chain = nullptr;
        int index = -1;
    };

    AgentLogConversion m_out;
    QByteArrayView m_rawLine; // the line being read, without surrounding space
    Chain m_main;
    Chain m_side;
    QHash<QString, Place> m_calls;
    QSet<QString> m_seenUuids;
    QSet<QString> m_seenBlocks;
    QHash<QString, QJsonObject> m_usage;  // by message.id: counted once however often repeated
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
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
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

AgentLogConversion convertClaudeCodeTranscript(QByteArrayView bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    return Converter().run(bytes);
}
