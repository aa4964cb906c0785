// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/inspectlog.h"
#include "run/sampleref.h"
#include "runfile/runfilereader.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

// Where the parse delivers what it found. The file reader posts each call to its own thread;
// RunFileReader::parseBytes() collects them in place, so the same code is tested and fuzzed
// without files, threads or an event loop. Only finished() is always called, and always last.
struct RunFileSink
{
    std::function<bool()> cancelled;
    // Called with the path once a file is mapped, before it is read (the reader's test hook).
    std::function<void(const QString &)> mapped;
    std::function<void(const RunInfo &, RunFileReader::Format)> runInfo;
    std::function<void(QList<LogEntry> &&, RunFileReader::Format)> entries;
    std::function<void(qint64, qint64, int)> progress; // bytes done, bytes in all, entries so far
    // Another agent's log is being converted before its entries are read: the format's name and
    // about how many of its records are read so far; at the start (0), then as often as progress().
    std::function<void(const QString &, qint64)> converting;
    std::function<void(bool, const QString &)> finished;
    // Set for a conversion: entries are only checked and kept as slices of the input, all handed
    // over here just before finished(true); entries() is never called.
    std::function<void(RunFileReader::FileIndex &&, RunFileReader::Format)> indexed;
    // A log of several samples with none chosen, when a choice is required: its samples, just
    // before finished(false) says so.
    std::function<void(const QList<InspectSampleInfo> &)> samplesToChoose;
};

// Which run of a log of several (an Inspect eval log's samples) is read.
struct RunFileSampleOptions
{
    std::optional<SampleRef> sample; // this one; a log without it fails, naming the samples it has
    // Without a sample: true fails a log of several, naming them (samplesToChoose()); false reads
    // the first and says in a warning that there are others.
    bool choiceRequired = false;
};

// The scan of an exported run: its structure (a .json's run object and "logs", a .jsonl's lines),
// each entry checked and described (EntryQuickCheck, else PageParser::parseEntry), the limits,
// and the sentence that says where a file goes wrong. It knows nothing of threads: RunFileReader
// runs it on a worker and hands its sink's calls to its own thread.
namespace RunFileParse {

// Opens `path` (a file or a pipe; anything else fails), maps the file or reads the input into
// memory, and parses it. The format comes from the extension, else from the bytes.
void file(RunFileSink sink, const QString &path, const RunFileSampleOptions &samples = {});

// Parses bytes in place; `shownName` names them in messages and, by its extension, picks the
// format unless `format` is given.
void bytes(RunFileSink sink, QByteArrayView bytes, const QString &shownName,
           std::optional<RunFileReader::Format> format = std::nullopt, const RunFileSampleOptions &samples = {});

} // namespace RunFileParse
