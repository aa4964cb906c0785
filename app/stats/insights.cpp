// SPDX-License-Identifier: MIT
// The one pass over the entries (each read by InsightsEntry::Reader), then the findings. Strings
// are decoded only when a finding needs them, so a long thought costs nothing unless it is a
// failure's text.
#include "stats/insights.h"

#include "stats/insightsentry.h"

#include <simdjson.h>

#include <QHash>
#include <QMultiHash>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

using namespace InsightsEntry;

struct InsightsCollector::State
{
    struct FailureGroup
    {
        int count = 0;
        int firstEntry = 0;
        QVector<int> entries;  // filled from the second failure on
        QString signature;     // kept from the second failure on
    };

    Reader reader;
    std::vector<char> padded;
    std::string canonicalInput; // the entry's tool_input in canonical form (reused)
    std::string callKeyForm;    // the tool name and that form (reused)
    int entries = 0;
    QVector<quint64> callKeys;   // one per tool call, in order
    QVector<qint32> callEntries; // its entry number
    QHash<quint64, FailureGroup> failures; // by the signature's hash
    std::optional<InsightsFirstFailure> firstFailure;
    QVector<int> failureEntries;
    QList<InsightsCommand> commands;
    QList<InsightsFile> files;
    QMultiHash<quint64, int> fileIndex; // index in `files` by the hash of the path's bytes
    QList<QByteArray> filePaths;        // each file's path as UTF-8

    void addEntry(QByteArrayView rawJson);
    void noteFailure(int entry, const EntryReading &reading);
    void noteFiles(int entry, const EntryReading &reading);
};

namespace {

// The exit code an entry gives: the first number that is not 0 among its outcome objects'
// exit-code members (tool_output first) and the "exit code N" of its texts, else the first 0.
struct Outcome
{
    bool failure = false;
    std::optional<double> exitCode;
};

Outcome outcomeOf(const EntryReading &reading)
{
    Outcome outcome;
    std::optional<double> firstZero;
    const auto consider = [&](double code) {
        if (code != 0 && !outcome.exitCode) {
            outcome.exitCode = code;
            outcome.failure = true;
        } else if (code == 0 && !firstZero) {
            firstZero = 0.0;
        }
    };
    if (reading.messageType.present) {
        QByteArray storage;
        outcome.failure = equalsIgnoringAsciiCase(reading.messageType.view(storage), "error");
    }
    for (const OutcomeObject *object : {&reading.toolOutputObject, &reading.observationObject}) {
        for (int k = 0; k < object->exitCodeCount; ++k)
            consider(object->exitCodes[k]);
        outcome.failure = outcome.failure || object->isError;
    }
    for (const JsonString *text : {&reading.observationText, &reading.toolOutputText}) {
        if (!text->present)
            continue;
        QByteArray storage;
        const QByteArrayView utf8 = text->view(storage);
        std::optional<double> code;
        if (InsightsFinder::hasFailingExitText(utf8, &code))
            consider(*code);
        else if (code)
            consider(0);
        outcome.failure = outcome.failure || utf8.startsWith("Traceback (most recent call last)");
    }
    if (!outcome.exitCode)
        outcome.exitCode = firstZero;
    return outcome;
}

// The first of the failure's candidate texts that has a signature ("" when none has).
QString failureTextOf(const EntryReading &reading)
{
    const JsonString *candidates[] = {
        &reading.observationText,
        &reading.toolOutputObject.stderrText, &reading.toolOutputObject.errorText, &reading.toolOutputObject.messageText,
        &reading.observationObject.stderrText, &reading.observationObject.errorText, &reading.observationObject.messageText,
        &reading.thought,
    };
    for (const JsonString *candidate : candidates) {
        if (!candidate->present)
            continue;
        const QString text = QString::fromUtf8(candidate->utf8());
        if (!InsightsFinder::signatureOf(text).isEmpty())
            return text;
    }
    return QStringLiteral("");
}

QString signatureOf(const EntryReading &reading)
{
    return InsightsFinder::signatureOf(failureTextOf(reading));
}

QString textOf(const JsonString &s)
{
    if (!s.present)
        return QString();
    const QString text = QString::fromUtf8(s.utf8());
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

void InsightsCollector::State::addEntry(QByteArrayView rawJson)
{
    const int entry = ++entries;
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: one buffer, reused.
    const size_t size = size_t(rawJson.size());
    if (padded.size() < size + simdjson::SIMDJSON_PADDING)
        padded.resize(size + simdjson::SIMDJSON_PADDING);
    if (size)
        std::memcpy(padded.data(), rawJson.data(), size);
    std::memset(padded.data() + size, 0, simdjson::SIMDJSON_PADDING);

    EntryReading reading;
    if (!reader.read(padded.data(), size, padded.size(), reading, canonicalInput))
        return;
    const Outcome outcome = outcomeOf(reading);
    if (outcome.failure)
        noteFailure(entry, reading);
    if (!reading.isToolCall())
        return;

    QByteArray nameStorage;
    const QByteArrayView toolName = reading.toolName.view(nameStorage);
    callKeyForm.clear();
    appendLengthPrefixed(toolName, callKeyForm);
    if (reading.toolInputSeen)
        callKeyForm += canonicalInput;
    else
        callKeyForm += 'n'; // no tool_input is the same call as a null one
    callKeys.append(hashOf(QByteArrayView(callKeyForm.data(), qsizetype(callKeyForm.size()))));
    callEntries.append(entry);

    const JsonString &command = reading.command.present ? reading.command : reading.cmd;
    if (command.present) {
        InsightsCommand found;
        found.entry = entry;
        found.tool = textOf(reading.toolName);
        found.command = textOf(command);
        found.exitCode = outcome.exitCode;
        found.failed = outcome.failure;
        commands.append(std::move(found));
    }
    noteFiles(entry, reading);
}

void InsightsCollector::State::noteFailure(int entry, const EntryReading &reading)
{
    const QString signature = signatureOf(reading);
    failureEntries.append(entry);
    if (!firstFailure) {
        InsightsFirstFailure first;
        first.entry = entry;
        first.messageType = textOf(reading.messageType);
        first.toolName = reading.isToolCall() ? textOf(reading.toolName) : QString();
        first.signature = signature;
        first.line = InsightsFinder::failureLineOf(failureTextOf(reading));
        firstFailure = first;
    }
    const QByteArray utf8 = signature.toUtf8();
    FailureGroup &group = failures[hashOf(utf8)];
    if (group.count == 0) {
        group.firstEntry = entry;
    } else {
        if (group.count == 1) {
            group.entries.append(group.firstEntry);
            group.signature = signature;
        }
        group.entries.append(entry);
    }
    ++group.count;
}

void InsightsCollector::State::noteFiles(int entry, const EntryReading &reading)
{
    if (reading.pathCount == 0)
        return;
    QByteArray nameStorage;
    const bool writes = isWritingTool(reading.toolName.view(nameStorage));
    QByteArray storage[5];
    QByteArrayView named[5];
    for (int k = 0; k < reading.pathCount; ++k) {
        const QByteArrayView path = reading.paths[k].view(storage[k]);
        named[k] = path;
        // "" names no file; a file named twice by one call counts once.
        if (path.isEmpty() || std::find(named, named + k, path) != named + k)
            continue;
        // Found by the hash of its bytes (no string made for a file met before).
        const quint64 hash = hashOf(path);
        int index = -1;
        for (auto it = fileIndex.constFind(hash); it != fileIndex.constEnd() && it.key() == hash; ++it) {
            if (filePaths[*it] == path) {
                index = *it;
                break;
            }
        }
        if (index < 0) {
            index = int(files.size());
            fileIndex.insert(hash, index);
            filePaths.append(path.toByteArray());
            InsightsFile file;
            file.path = QString::fromUtf8(path);
            files.append(std::move(file));
        }
        InsightsFile &file = files[index];
        (writes ? file.writes : file.reads) += 1;
        file.entries.append(entry);
    }
}

InsightsCollector::InsightsCollector() : m_state(std::make_unique<State>()) {}

InsightsCollector::~InsightsCollector() = default;

void InsightsCollector::add(QByteArrayView rawJson)
{
    m_state->addEntry(rawJson);
}

int InsightsCollector::entriesAdded() const
{
    return m_state->entries;
}

namespace {

// The tool name of a call, read again from its entry.
QString toolNameAt(QByteArrayView rawJson)
{
    Reader reader;
    std::vector<char> padded(size_t(rawJson.size()) + simdjson::SIMDJSON_PADDING, '\0');
    if (!rawJson.isEmpty())
        std::memcpy(padded.data(), rawJson.data(), size_t(rawJson.size()));
    EntryReading reading;
    std::string canonical;
    if (!reader.read(padded.data(), size_t(rawJson.size()), padded.size(), reading, canonical))
        return QString();
    return textOf(reading.toolName);
}

} // namespace

Insights InsightsCollector::finish(const std::function<QByteArrayView(int index)> &entryAt)
{
    State &state = *m_state;
    Insights insights;
    insights.entries = state.entries;

    for (const InsightsFinder::KeyLoop &keyLoop : InsightsFinder::findLoops(state.callKeys)) {
        InsightsLoop loop;
        loop.period = keyLoop.period;
        loop.repeats = keyLoop.repeats;
        const int calls = keyLoop.period * keyLoop.repeats;
        loop.entries.reserve(calls);
        for (int k = keyLoop.start; k < keyLoop.start + calls; ++k)
            loop.entries.append(state.callEntries[k]);
        loop.firstEntry = loop.entries.first();
        loop.lastEntry = loop.entries.last();
        for (int k = 0; k < keyLoop.period; ++k)
            loop.tools.append(toolNameAt(entryAt(loop.entries[k] - 1)));
        insights.loops.append(loop);
    }

    for (const State::FailureGroup &group : std::as_const(state.failures)) {
        if (group.count < 2)
            continue;
        InsightsRepeatedFailure repeated;
        repeated.signature = group.signature;
        repeated.count = group.count;
        repeated.entries = group.entries;
        insights.repeatedFailures.append(repeated);
    }
    std::sort(insights.repeatedFailures.begin(), insights.repeatedFailures.end(),
              [](const InsightsRepeatedFailure &a, const InsightsRepeatedFailure &b) {
                  return a.count != b.count ? a.count > b.count : a.entries.first() < b.entries.first();
              });

    insights.firstFailure = state.firstFailure;
    insights.failures = state.failureEntries;
    insights.commands = state.commands;
    insights.files = state.files;
    return insights;
}

namespace InsightsFinder {

Insights compute(int entryCount, const std::function<QByteArrayView(int index)> &entryAt, const std::atomic<bool> *cancel)
{
    InsightsCollector collector;
    for (int index = 0; index < entryCount; ++index) {
        if (cancel && (index & 1023) == 0 && cancel->load(std::memory_order_relaxed)) {
            Insights stopped;
            stopped.cancelled = true;
            return stopped;
        }
        collector.add(entryAt(index));
    }
    return collector.finish(entryAt);
}

QString failureTextOf(QByteArrayView rawJson)
{
    std::vector<char> padded(size_t(rawJson.size()) + simdjson::SIMDJSON_PADDING, 0);
    if (!rawJson.isEmpty())
        std::memcpy(padded.data(), rawJson.data(), size_t(rawJson.size()));
    Reader reader;
    EntryReading reading;
    std::string canonicalInput;
    if (!reader.read(padded.data(), size_t(rawJson.size()), padded.size(), reading, canonicalInput))
        return QString();
    const QString text = ::failureTextOf(reading);
    return text.isEmpty() ? QString() : text;
}

Insights compute(const QList<QByteArray> &entries, const std::atomic<bool> *cancel)
{
    return compute(int(entries.size()), [&entries](int index) { return QByteArrayView(entries.at(index)); }, cancel);
}

} // namespace InsightsFinder
