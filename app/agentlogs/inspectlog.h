// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/agentlogconversion.h"

#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>

// Inspect (inspect_ai) evaluation logs: a .json EvalLog, one object with version, status, eval
// (task, model, run_id, created), plan, results, stats, error and samples; or an .eval archive
// (ZIP) of header.json (that object without its samples; _journal/start.json while the
// evaluation runs) and samples/<id>_epoch_<n>.json. A sample is a run: a file with several opens
// a chooser (listInspectSamples), and one sample is converted at a time.
//
// Mapping of a sample (issue 28):
// - its input is a USER_MESSAGE (observation: the text; its first line the title).
// - its events in order: a model event's assistant message with tool calls gives its text and
//   reasoning as the thought of the tool events that follow; without tool calls its text is a
//   PLAN_EVALUATION (thought; reasoning in "reasoning"), the last one the FINAL_ANSWER
//   (observation: the text). A tool event is an ACTION: tool_name its function, tool_input its
//   arguments, tool_output toolOutputObject(result), created_at its timestamp; one with an
//   error is an ERROR, its message in tool_output's "error" and its type as "error_type". An
//   error event (or a model event's error) is an ERROR. The events of a subtask are marked
//   "sidechain": true.
// - a sample without events (older logs) is read from its messages: an assistant message's tool
//   calls and the tool messages with their ids are the ACTIONs; those carry no times.
// - the log's eval (task, model, run id, created), status and the sample's id, epoch, target,
//   scores, model usage and error go into metadata.
// An event that is not an object is skipped with a warning naming its place.
struct InspectSampleInfo {
    int index = 0;        // what convertInspectSample() takes
    QString id;           // the sample's id (a string or a number in the log)
    int epoch = 0;
    QString title;        // the input's first line
    QString score;        // the first score's value as text; empty when not scored
    QString target;       // what the sample should give (the target as text; a list joined)
    int toolEvents = 0;   // its tool calls: tool events (subtasks' too), or the messages' calls
    bool failed = false;  // the sample has an error
};

Q_DECLARE_METATYPE(InspectSampleInfo)

bool looksLikeInspectLog(QByteArrayView head);

// A log read once: its samples listed and the one chosen converted from the same parse (a log
// of many samples is one large JSON text, or an archive of them, and was parsed twice). Cheap
// to copy: the copies share the parse.
class InspectLog
{
public:
    // `readableAfter`: bytes after `bytes` that may be read, to parse a .json log in place.
    // `eventByEvent`: a sample's list of events is split by a look at its raw bytes
    // (JsonTextParts) and each event parsed when it is read, in reused memory, instead of the
    // whole log at once (for the window: the first entries come before the whole text is parsed);
    // whatever that look or a part's parse refuses is parsed whole, as before. `bytes` must then
    // outlive this (and its copies).
    explicit InspectLog(QByteArrayView bytes, qsizetype readableAfter = 0, bool eventByEvent = false);
    // Empty when the file can be read.
    QString error() const;
    // The samples, in the log's order; empty when the file cannot be read.
    QList<InspectSampleInfo> samples() const;
    AgentLogConversion convert(int sampleIndex, const ConversionCancel &cancel = {}) const;
    // The same conversion, its entries handed over in batches (SettledEntries) as the sample's
    // events are read (a tool event holds its result; the last assistant text, which may be the
    // answer, waits), while they are written. The log was read by the constructor:
    // settled.readableAfter is not read.
    AgentLogConversion convertInBatches(int sampleIndex, const ConversionCancel &cancel, const SettledEntries &settled) const;
    // Whether the sample's events are read event by event (the constructor's `eventByEvent`,
    // where the look at the raw bytes and each part's parse took the log).
    bool readsEventByEvent(int sampleIndex) const;

    struct Sample; // what the log holds, parsed (inspectlog.cpp)
    struct Parsed;

private:
    // `settled`: may be null.
    AgentLogConversion convert(int sampleIndex, const ConversionCancel &cancel, const SettledEntries *settled) const;

    std::shared_ptr<const Parsed> m_log;
};

// The samples of a log, in the log's order; empty with `error` set when the file cannot be read.
QList<InspectSampleInfo> listInspectSamples(QByteArrayView bytes, QString *error = nullptr);
AgentLogConversion convertInspectSample(QByteArrayView bytes, int sampleIndex, const ConversionCancel &cancel = {});
