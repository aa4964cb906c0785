// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/inspectlog.h"
#include "run/logentry.h"
#include "run/runinfo.h"
#include "run/sampleref.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class RunFileBytes;

// Opens an exported run (.json or .jsonl) without any network. The file is read on a worker
// thread and handed over in batches, the first one small (kFirstBatch entries) so that the first
// screen shows at once, then larger ones, with progress in bytes. Entries are validated and
// described by PageParser::parseEntry, exactly as entries of a page from the server.
//
// A .json is an object with the run's fields and "logs" (the shape JsonExportWriter writes and
// the endpoint answers); its run fields give the header when they include id and
// organization_id. A .jsonl holds one entry per line and no run. A file that is neither fails
// with a message naming the file and where the problem is: the line (.jsonl), or the byte
// offset, line and column (.json). Signals arrive on the thread that owns the reader.
//
// What it reads: a regular file, or a pipe (a FIFO the user named, /dev/stdin being one); a
// device (/dev/zero, a terminal), a folder or a socket fails at once. A FIFO is opened without
// waiting for a writer and read with a timeout, so that cancel() or the reader's destruction
// (the window closed, Quit) ends the worker within a fraction of a second even when no writer
// ever comes: QCoreApplication's exit waits for the pool the worker runs on.
//
// Memory: the file is read through a memory map; only input that cannot be mapped (a pipe) is
// read into memory, up to kMaxUnmappedBytes, in place into one reservation (no copies while it
// grows). An entry of start() is not a copy: its rawJson is a
// slice of those bytes and its rawOwner keeps them alive (mapped) for as long as the entry, or
// whoever took its bytes with LogStore::rawOwners(), lives; its type and tool strings are shared
// with the other entries of the file. (parseBytes() entries own copies: its buffer is the
// caller's.) One entry (a .jsonl line, an element of "logs") may
// take up to kMaxEntryBytes, the run's other fields together as much; past either the file fails
// with a sentence naming the place and the limit, before anything of that size is parsed.
//
// A conversion reads with startIndexing(): the same checks and errors, but each entry is only
// checked and kept as a slice of the mapped file (see FileIndex), so that `--export` streams a
// run of any size in a few megabytes. A mapped file that shrinks while it is read fails the read
// ("changed while it was being read") instead of crashing (MappedFileGuard).
class RunFileReader : public QObject
{
    Q_OBJECT
public:
    enum class Format { Json, Jsonl };
    Q_ENUM(Format)
    static constexpr int kFirstBatch = 200;
    static constexpr int kBatch = 5000;
    // The largest entry the API can send: a page body is at most 128 MB (PageReply's limit), so
    // no exported entry is larger. A bigger one is not from Runlog, and parsing it would take
    // several times its size.
    static constexpr qint64 kMaxEntryBytes = 128LL << 20;
    static constexpr qint64 kMaxUnmappedBytes = 512LL << 20;

    explicit RunFileReader(QObject *parent = nullptr);
    // Cancels a running read and returns at once: the worker stops by itself at its next check
    // (after the entry it is parsing) and reports to no one. Opening another file while a huge
    // entry parses never waits for it.
    ~RunFileReader() override;

    // What a whole file holds, read in place: the same parse as start(), without files, threads
    // or signals (for tests and fuzzing). On failure `entries` is empty and `error` is the
    // sentence finished() would give.
    struct Contents {
        bool ok = false;
        QString error;
        Format format = Format::Json;
        std::optional<RunInfo> run;   // the last run info the file gave
        QList<LogEntry> entries;
    };
    // `shownName` names the input in messages (and, by its extension, picks the format unless
    // `format` is given; without either the bytes are sniffed).
    // `sample`: of a log of several samples (an Inspect eval log), the one to read (else the first).
    static Contents parseBytes(QByteArrayView bytes, const QString &shownName,
                               std::optional<Format> format = std::nullopt,
                               const std::optional<SampleRef> &sample = std::nullopt);

    // A file's entries as bytes, for a conversion (see startIndexing()): no LogEntry, no QString,
    // about 32 bytes per entry besides the file itself.
    struct FileIndex {
        QList<QByteArray> entries;   // each entry's exact bytes, oldest first; slices of `bytes`
        QList<qint64> agentRunIds;   // each entry's agent_run_id
        std::shared_ptr<RunFileBytes> bytes; // what the slices point into (null for indexBytes())
    };
    struct IndexedContents {
        bool ok = false;
        QString error;
        Format format = Format::Json;
        std::optional<RunInfo> run;
        FileIndex index;             // slices of the bytes given to indexBytes()
    };
    // The conversion's read of a whole buffer in place: the same checks and errors as
    // parseBytes(), the entries as slices of `bytes`, which must outlive them.
    static IndexedContents indexBytes(QByteArrayView bytes, const QString &shownName,
                                      std::optional<Format> format = std::nullopt);

    // For tests: called on the worker with the path once a file is mapped, before it is read
    // (a test truncates it there to stand for a file cut short while it is read). Empty: none.
    static void setMappedHookForTesting(std::function<void(const QString &)> hook);

    // .json / .jsonl (.ndjson) by extension; std::nullopt otherwise (then start() sniffs).
    static std::optional<Format> formatFromPath(const QString &path);

    // Of a log that holds several runs (an Inspect eval log's samples), the one the next start()
    // reads; a log without it fails, naming the samples it has. Without one, the first is read
    // (a warning says there are others), unless setSampleChoiceRequired(true): then the read
    // fails, after sampleChoiceNeeded() named them, so that the caller lets the user pick one.
    void setSample(const std::optional<SampleRef> &sample) { m_sample = sample; }
    std::optional<SampleRef> sample() const { return m_sample; }
    void setSampleChoiceRequired(bool required) { m_sampleChoiceRequired = required; }
    // The samples of the log the last read failed on for want of a choice; empty otherwise.
    const QList<InspectSampleInfo> &samplesToChoose() const { return m_samplesToChoose; }

    // False, and nothing started, when a read is already running.
    bool start(const QString &path);
    // The same read for a conversion, in one pass and a fraction of the memory: entries are
    // checked (valid JSON, an object with an integer agent_run_id, exactly what start() demands)
    // but not described, and kept as slices of the mapped file. No entriesRead(): indexed()
    // hands them all over before finished(true); entryCount() grows as progress() arrives.
    bool startIndexing(const QString &path);
    // No entriesRead() after this; finished(false, ...) follows, wasCancelled() is true.
    void cancel();

    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_cancelled; }
    QString path() const { return m_path; }
    // Known once the first batch or runInfoRead() arrived.
    Format format() const { return m_format; }
    bool hasRunInfo() const { return m_hasRunInfo; }
    const RunInfo &runInfo() const { return m_runInfo; }
    int entryCount() const { return m_entryCount; }

signals:
    // The run's fields (a .json with id and organization_id), before its entries; again at the
    // end when fields follow "logs" or total_logs was not the number of entries.
    void runInfoRead(const RunInfo &run);
    // The next entries, oldest first; the first of them is entry number entryCount() - size.
    void entriesRead(const QList<LogEntry> &entries);
    void progress(qint64 bytesRead, qint64 bytesTotal);
    // Another agent's log is converted before its entries come (a few seconds for a large one):
    // its format's name ("Claude Code transcript") and about how many records are read so far.
    void converting(const QString &formatName, qint64 recordsRead);
    // startIndexing() only: every entry, just before finished(true).
    void indexed(const RunFileReader::FileIndex &index);
    // A log of several samples and none chosen (setSampleChoiceRequired()): its samples, just
    // before finished(false, …).
    void sampleChoiceNeeded(const QList<InspectSampleInfo> &samples);
    // After the last batch. `error` is one sentence naming the file and the place, empty on success.
    void finished(bool ok, const QString &error);

private:
    struct Control;

    bool startReading(const QString &path, bool indexing);
    void deliverRunInfo(const RunInfo &run, Format format);
    void deliverEntries(const QList<LogEntry> &entries, Format format);
    void deliverProgress(qint64 done, qint64 total, int entries);
    void deliverConverting(const QString &formatName, qint64 records);
    void deliverIndex(const FileIndex &index, Format format);
    void deliverFinished(bool ok, const QString &error);
    void deliverSamplesToChoose(const QList<InspectSampleInfo> &samples);

    std::shared_ptr<Control> m_control;
    QString m_path;
    Format m_format = Format::Json;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_hasRunInfo = false;
    RunInfo m_runInfo;
    int m_entryCount = 0;
    std::optional<SampleRef> m_sample;
    bool m_sampleChoiceRequired = false;
    QList<InspectSampleInfo> m_samplesToChoose;
};
