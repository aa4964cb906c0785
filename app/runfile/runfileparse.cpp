// SPDX-License-Identifier: MIT
#include "runfile/runfileparse.h"

#include "agentlogs/agentlogformats.h"
#include "agentlogs/conversionsupport.h"
#include "api/pageparser.h"
#include "json/jsonsyntax.h"
#include "json/jsontext.h"
#include "json/jsontokens.h"
#include "json/jsonwriter.h"
#include "run/stringinterner.h"
#include "run/timestamps.h"
#include "runfile/entryquickcheck.h"
#include "runfile/runfilebytes.h"
#include "runfile/samplechoice.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <atomic>

namespace {
constexpr qint64 kProgressIntervalMs = 100;

// The worker's side: reads one file (or buffer) and hands what it found to the sink. Knows
// nothing of the reader: it may outlive it, since the reader's destructor does not wait but
// cancels, and disconnects the sink (RunFileReader::Control), so this ends at its next
// cancelled() check and what it still reports reaches no one.
class Parser
{
public:
    Parser(RunFileSink sink, const QString &path, std::optional<RunFileReader::Format> format = std::nullopt,
           const RunFileSampleOptions &samples = {})
        : m_sink(std::move(sink))
        , m_path(path)
        , m_shownPath(QDir::toNativeSeparators(path))
        , m_forcedFormat(format)
        , m_samples(samples)
    {
    }

    void run()
    {
        m_bytes = std::make_shared<RunFileBytes>(m_path);
        switch (m_bytes->open()) {
        case RunFileBytes::Opened::Failed:
            return finish(false, QCoreApplication::translate("RunFileReader", "Could not open %1: %2").arg(m_shownPath, m_bytes->errorString()));
        case RunFileBytes::Opened::Device:
            return finish(false, QCoreApplication::translate("RunFileReader", "%1 cannot be opened: it is a device, not a file. Runlog opens files and pipes.").arg(m_shownPath));
        case RunFileBytes::Opened::Folder:
            return finish(false, QCoreApplication::translate("RunFileReader", "%1 cannot be opened: it is a folder, not a file.").arg(m_shownPath));
        case RunFileBytes::Opened::Other:
            return finish(false, QCoreApplication::translate("RunFileReader", "%1 cannot be opened: it is neither a file nor a pipe.").arg(m_shownPath));
        case RunFileBytes::Opened::Pipe:
            if (!readWhole())
                return;
            break;
        case RunFileBytes::Opened::File: {
            QFile &file = m_bytes->file();
            // A file that cannot be mapped (some file systems cannot): read it whole.
            if (file.size() > 0 && !m_bytes->map()) {
                if (!readWhole())
                    return;
            } else if (m_sink.mapped) {
                m_sink.mapped(m_path);
            }
            break;
        }
        }
        parse(QByteArrayView(m_bytes->data(), m_bytes->size()));
    }

    void parse(QByteArrayView bytes)
    {
        m_data = bytes.data();
        m_size = bytes.size();
        qsizetype start = 0;
        if (m_size >= 3 && QByteArrayView(m_data, 3) == QByteArrayView("\xEF\xBB\xBF"))
            start = 3; // a byte order mark some editors write
        const qsizetype first = skipSpace(start);
        if (first >= m_size) {
            finish(false, QCoreApplication::translate("RunFileReader", "%1 is empty: it is not an exported run.").arg(m_shownPath));
            return;
        }
        // Another agent's log, whatever its name: converted here, on the worker, into entries
        // that are then read as a .jsonl of Codegen entries (the same checks, index and batches).
        if (!m_forcedFormat) {
            const QByteArrayView head(m_data + start, std::min<qsizetype>(m_size - start, AgentLogFormats::kHeadBytes));
            if (const AgentLogFormats::Format *agent = AgentLogFormats::detect(head)) {
                if (!convertAgentLog(*agent, QByteArrayView(m_data + start, m_size - start)))
                    return;
                start = 0;
            }
        }
        // Sniffed only without a known extension (value_or would sniff every file, reading its
        // whole first line).
        if (m_converted)
            m_format = Format::Jsonl;
        else if (m_forcedFormat)
            m_format = *m_forcedFormat;
        else if (const std::optional<Format> byName = RunFileReader::formatFromPath(m_path))
            m_format = *byName;
        else
            m_format = sniff(first);
        m_progressClock.start();
        const bool ok = m_convertedEntries                            ? readConvertedEntries()
                        : m_format == RunFileReader::Format::Jsonl ? readJsonl(start)
                                                                   : readJson(first);
        if (!ok)
            return;
        flush();
        postProgress(m_size, true);
        if (m_sink.indexed) {
            // The slices must be the file's bytes up to the write, not those of another file.
            if (m_bytes && !m_bytes->unchanged())
                return finish(false, changedText());
            m_index.bytes = m_bytes;
            m_sink.indexed(std::exchange(m_index, {}), m_format);
        }
        finish(true, QString());
    }

private:
    using Format = RunFileReader::Format;

    static QString bytesText(qint64 bytes)
    {
        return QLocale::system().formattedDataSize(bytes);
    }

    bool failTooLargeUnmapped()
    {
        return fail(QCoreApplication::translate("RunFileReader", "%1 cannot be opened: it cannot be mapped (a pipe?) and is larger than the %2 Runlog reads into memory.")
                            .arg(m_shownPath, bytesText(RunFileReader::kMaxUnmappedBytes)));
    }

    // Input that cannot be mapped (a pipe, a file on a file system that cannot map), read whole.
    bool readWhole()
    {
        switch (m_bytes->readWhole(RunFileReader::kMaxUnmappedBytes, [this] { return cancelled(); })) {
        case RunFileBytes::ReadWhole::Done:
            return true;
        case RunFileBytes::ReadWhole::Cancelled:
            return failCancelled();
        case RunFileBytes::ReadWhole::TooLarge:
            return failTooLargeUnmapped();
        case RunFileBytes::ReadWhole::Failed:
            break;
        }
        return fail(QCoreApplication::translate("RunFileReader", "Could not read %1: %2").arg(m_shownPath, m_bytes->errorString()));
    }

    bool cancelled() const { return m_sink.cancelled && m_sink.cancelled(); }

    // The cancel a conversion asks now and then, so that Cancel stops a large log's conversion.
    ConversionCancel cancelCheck() const
    {
        if (!m_sink.converting)
            return m_sink.cancelled ? ConversionCancel(m_sink.cancelled) : ConversionCancel();
        // A converter asks every CancelCheck::kRecordsPerAsk records: counting the asks tells how
        // far it has come, without the converters knowing of progress. Two threads may ask at
        // once (ParallelEntries writes the second half on its own): the counts are atomic, and
        // one of them reports when the interval has passed.
        struct Reports
        {
            QElapsedTimer clock;
            std::atomic<qint64> asks{0};
            std::atomic<qint64> lastReportMs{0};
        };
        auto reports = std::make_shared<Reports>();
        reports->clock.start();
        // Once the entries come in batches, progress() says how far the read is: no more reports.
        const std::atomic<bool> *entriesCome = &m_entriesCome;
        return [sink = m_sink, name = m_convertingName, reports, entriesCome] {
            reports->asks.fetch_add(1, std::memory_order_relaxed);
            if (entriesCome->load(std::memory_order_relaxed))
                return sink.cancelled && sink.cancelled();
            const qint64 now = reports->clock.elapsed();
            qint64 last = reports->lastReportMs.load(std::memory_order_relaxed);
            if (now - last >= kProgressIntervalMs && reports->lastReportMs.compare_exchange_strong(last, now))
                sink.converting(name, reports->asks.load(std::memory_order_relaxed) * CancelCheck::kRecordsPerAsk);
            return sink.cancelled && sink.cancelled();
        };
    }

    // How many bytes after the end of the log being converted may be read: the rest of a mapped
    // file's last page (the log ends where the file does).
    qsizetype readableAfterConverted() const
    {
        return m_bytes && m_data == m_bytes->data() && m_size == m_bytes->size() ? m_bytes->readableAfterEnd() : 0;
    }

    // A log of several runs (Inspect's samples): the one chosen, else the first (with a warning
    // naming how many there are), or, when a choice is required, a failure naming them.
    std::optional<AgentLogConversion> convertSample(const AgentLogFormats::Format &format, QByteArrayView bytes)
    {
        // One read for the list and the sample; for the window, the sample's events are parsed
        // one at a time as they are read, so that its first entries come before the whole text
        // is parsed.
        const InspectLog log = format.readSamples(bytes, readableAfterConverted(), !m_sink.indexed);
        const QList<InspectSampleInfo> samples = log.samples();
        if (samples.isEmpty())
            return log.convert(0); // fails with the converter's own sentence
        if (cancelled()) {
            failCancelled();
            return std::nullopt;
        }
        int index = 0;
        if (m_samples.sample) {
            index = SampleChoice::indexOf(samples, *m_samples.sample);
            if (index < 0) {
                fail(QCoreApplication::translate("RunFileReader", "%1 holds no %2; its samples: %3.")
                         .arg(m_shownPath, sampleText(*m_samples.sample), SampleChoice::listText(samples)));
                return std::nullopt;
            }
        } else if (samples.size() > 1 && m_samples.choiceRequired) {
            if (m_sink.samplesToChoose)
                m_sink.samplesToChoose(samples);
            fail(QCoreApplication::translate("RunFileReader", "%1 holds %n samples, each a run of its own: %2.", nullptr, int(samples.size()))
                     .arg(m_shownPath, SampleChoice::listText(samples)));
            return std::nullopt;
        }
        // The window reads the sample's entries in batches as they are written (convertInBatches()).
        AgentLogConversion conversion = m_sink.indexed ? log.convert(index, cancelCheck())
                                                       : log.convertInBatches(index, cancelCheck(), settledEntries(bytes));
        if (!m_samples.sample && samples.size() > 1) {
            conversion.warnings.append(QCoreApplication::translate(
                "AgentLogFormats", "this log holds %n samples; the first (id %1) is shown", nullptr, int(samples.size()))
                                           .arg(samples.constFirst().id));
        }
        return conversion;
    }

    // Converts another agent's log and reads on in its entries as the lines of a .jsonl: for the
    // window, each where the converter wrote it (the entries are slices of them, with the list
    // as their owner); for a conversion, from a buffer of them one a line that stands in for the
    // file's bytes from here on (the index's slices are of it, as of a mapped file). The run's
    // fields name the agent and the file, with the log's metadata.
    bool convertAgentLog(const AgentLogFormats::Format &format, QByteArrayView bytes)
    {
        m_convertingName = AgentLogFormats::nameOf(format);
        if (m_sink.converting)
            m_sink.converting(m_convertingName, 0);
        // The window reads a JSON Lines log's entries as they settle; a conversion (indexing)
        // takes them all at the end, as it takes a file's.
        const bool inBatches = format.convertInBatches && !m_sink.indexed;
        std::optional<AgentLogConversion> result = format.readSamples ? convertSample(format, bytes)
                                                   : inBatches        ? convertInBatches(format, bytes)
                                                                      : format.convert(bytes, cancelCheck(), readableAfterConverted());
        if (!result || m_batchReadFailed)
            return false; // said so already
        AgentLogConversion conversion = std::move(*result);
        if (cancelled())
            return failCancelled();
        if (m_bytes && m_bytes->lostPages())
            return fail(changedText());
        if (!conversion.ok)
            return fail(QCoreApplication::translate("RunFileReader", "%1 cannot be opened: %2").arg(m_shownPath, conversion.error));
        if (m_readingBatches)
            return finishConversionInBatches(format, std::move(conversion));
        qsizetype total = 0;
        bool oneLineEach = true;
        for (const QByteArray &entry : std::as_const(conversion.entries)) {
            total += entry.size() + 1;
            oneLineEach = oneLineEach && !entry.contains('\n');
        }
        const RunInfo run = agentRunInfo(format, conversion, conversion.entries.isEmpty() ? QByteArray() : conversion.entries.first(),
                                         conversion.entries.size());
        m_fileSize = m_size;
        // The window's read takes the entries where the converter wrote them: copying them into
        // one buffer first cost more than reading them (the copy's fresh pages). A conversion
        // (indexing) keeps slices of one RunFileBytes, and an entry holding a newline (no
        // converter writes one) would be two lines of that buffer: both read the buffer.
        if (!m_sink.indexed && oneLineEach) {
            m_convertedEntries = std::make_shared<const QList<QByteArray>>(std::move(conversion.entries));
            m_bytes.reset(); // what the run's entries are read from no longer is the file
            m_data = nullptr;
            m_size = total; // as the buffer's, for the progress and the places in errors
        } else {
            QByteArray lines;
            lines.reserve(total);
            for (const QByteArray &entry : std::as_const(conversion.entries)) {
                lines += entry;
                lines += '\n';
            }
            conversion.entries.clear();
            auto converted = std::make_shared<RunFileBytes>(m_path);
            converted->adopt(std::move(lines));
            m_bytes = std::move(converted);
            m_data = m_bytes->data();
            m_size = m_bytes->size();
        }
        m_converted = true;
        m_hasRun = true;
        m_run = run;
        m_format = Format::Jsonl;
        postRunInfo(m_run);
        return true;
    }

    // Converts a log whose settled entries come in batches: each batch is read as the next lines
    // of the converted log (the same checks, errors and batches of rows as the rest), so that the
    // first rows show while the conversion goes on. The run's fields come at the end.
    std::optional<AgentLogConversion> convertInBatches(const AgentLogFormats::Format &format, QByteArrayView bytes)
    {
        return format.convertInBatches(bytes, cancelCheck(), settledEntries(bytes));
    }

    // What takes a conversion's batches (convertInBatches()) of the log `bytes`.
    SettledEntries settledEntries(QByteArrayView bytes)
    {
        SettledEntries settled;
        settled.readableAfter = readableAfterConverted();
        settled.firstBatch = RunFileReader::kFirstBatch;
        settled.batch = RunFileReader::kBatch;
        const qsizetype bytesBefore = bytes.data() - m_data; // a byte order mark
        settled.handOver = [this, bytesBefore](QList<QByteArray> &&entries, qsizetype bytesRead) {
            if (m_batchReadFailed)
                return false;
            if (!m_readingBatches) {
                m_readingBatches = true;
                m_entriesCome.store(true, std::memory_order_relaxed);
                m_converted = true;
                m_format = Format::Jsonl;
                m_fileSize = m_size;
                m_progressClock.start();
                if (!entries.isEmpty())
                    m_firstConvertedEntry = entries.constFirst();
            }
            m_convertedBytesRead = bytesBefore + bytesRead;
            m_entriesHandedOver += entries.size();
            if (!readConvertedEntries(std::make_shared<const QList<QByteArray>>(std::move(entries)))) {
                m_batchReadFailed = true;
                return false;
            }
            flush(); // the batch's rows show now, not after the next batch's
            return true;
        };
        return settled;
    }

    // The end of a conversion whose first entries were read in batches: the run's fields, now
    // complete, then the entries settled only at the end, read on from where the batches ended.
    bool finishConversionInBatches(const AgentLogFormats::Format &format, AgentLogConversion &&conversion)
    {
        qsizetype restBytes = 0;
        for (const QByteArray &entry : std::as_const(conversion.entries))
            restBytes += entry.size() + 1;
        const RunInfo run = agentRunInfo(format, conversion, m_firstConvertedEntry, m_entriesHandedOver + conversion.entries.size());
        m_readingBatches = false;
        m_bytes.reset(); // the rest is read from the converted entries, no longer from the file
        m_data = nullptr;
        m_size = m_convertedLineStart + restBytes; // as the buffer's, for the progress and the places in errors
        m_convertedEntries = std::make_shared<const QList<QByteArray>>(std::move(conversion.entries));
        m_hasRun = true;
        m_run = run;
        postRunInfo(m_run);
        return true;
    }

    // `firstEntry`: the run's first entry (empty for none), `entryCount`: how many it has.
    RunInfo agentRunInfo(const AgentLogFormats::Format &format, const AgentLogConversion &conversion, const QByteArray &firstEntry,
                         qsizetype entryCount) const
    {
        RunInfo run;
        run.agentName = conversion.agentName;
        run.agentFormat = AgentLogFormats::nameOf(format);
        run.agentTitle = conversion.title;
        run.hasTimes = conversion.hasTimes;
        run.agentWarnings = conversion.warnings;
        QJsonObject first;
        if (!firstEntry.isEmpty())
            first = QJsonDocument::fromJson(firstEntry).object();
        // The entries' own run id (a converter derives it from the session), so that no entry
        // counts as another run's.
        run.id = first.isEmpty() ? agentRunIdFor(m_path.toUtf8()) : first.value(QLatin1String("agent_run_id")).toInteger();
        if (first.value(QLatin1String("created_at")).isString())
            run.createdAt = first.value(QLatin1String("created_at")).toString();
        QJsonObject metadata = conversion.metadata;
        metadata.insert(QStringLiteral("source_file"), QDir::toNativeSeparators(m_path));
        metadata.insert(QStringLiteral("source_format"), run.agentFormat);
        // Every format's run names its agent (the Library lists it so).
        if (!metadata.contains(QLatin1String("agent")))
            metadata.insert(QStringLiteral("agent"), run.agentName);
        run.metadataJson = QJsonDocument(metadata).toJson(QJsonDocument::Compact);
        run.totalLogs = entryCount;
        // What a .json export writes: a run that reads back (id and organization_id are required;
        // no organization is 0), its metadata naming the agent and the source file.
        run.rawFields = {
            {QStringLiteral("id"), QByteArray::number(run.id)},
            {QStringLiteral("organization_id"), QByteArrayLiteral("0")},
            {QStringLiteral("created_at"), run.createdAt ? JsonWriter::string(*run.createdAt) : QByteArrayLiteral("null")},
            {QStringLiteral("metadata"), run.metadataJson},
            {QStringLiteral("total_logs"), QByteArray::number(*run.totalLogs)},
        };
        return run;
    }

    qsizetype skipSpace(qsizetype pos) const
    {
        while (pos < m_size && JsonTokens::isSpace(m_data[pos]))
            ++pos;
        return pos;
    }

    // A file without a known extension: one entry object on its first line is JSON Lines.
    Format sniff(qsizetype first) const
    {
        if (m_data[first] != '{')
            return Format::Json;
        // A first line too long for one entry is more likely a compact .json than a .jsonl; the
        // newline is looked for no further than that.
        const qsizetype limit = scanEnd(first, RunFileReader::kMaxEntryBytes + 1);
        const qsizetype newline = QByteArrayView(m_data + first, limit - first).indexOf('\n');
        if (newline < 0 && limit - first > RunFileReader::kMaxEntryBytes)
            return Format::Json;
        const qsizetype end = newline < 0 ? m_size : first + newline;
        return PageParser::parseEntry(QByteArrayView(m_data + first, end - first), 0).ok ? Format::Jsonl
                                                                                        : Format::Json;
    }

    // "line 3, column 17 (byte 52)": columns count characters, as editors do.
    QString place(qsizetype offset) const
    {
        offset = std::clamp<qsizetype>(offset, 0, m_size);
        qsizetype line = 1;
        qsizetype lineStart = 0;
        for (qsizetype i = 0; i < offset; ++i) {
            if (m_data[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        qsizetype column = 1;
        for (qsizetype i = lineStart; i < offset; ++i) {
            if ((uchar(m_data[i]) & 0xC0) != 0x80)
                ++column;
        }
        return QCoreApplication::translate("RunFileReader", "line %1, column %2 (byte %3)").arg(line).arg(column).arg(offset);
    }

    bool failAt(qsizetype offset, const QString &reason)
    {
        return failNotAnExport(QCoreApplication::translate("RunFileReader", "%1 is not a valid exported run: %2: %3.").arg(m_shownPath, place(offset), reason));
    }

    // A file that is no export from its start may be of a format Runlog does not read: the
    // message says which ones it reads. One that went wrong further on is an export gone bad.
    bool failNotAnExport(QString error)
    {
        if (m_entries == 0 && !m_hasRun && !m_converted)
            error += QLatin1Char(' ') + AgentLogFormats::unknownFormatText();
        return fail(error);
    }

    bool failCancelled()
    {
        finish(false, QCoreApplication::translate("RunFileReader", "Reading %1 was cancelled.").arg(m_shownPath));
        return false;
    }

    // Where a JSON syntax error is inside [begin, end), and why, as a failure of the file.
    bool failSyntax(qsizetype begin, qsizetype end, const QString &fallback)
    {
        const JsonSyntax::Check check = JsonSyntax::check(QByteArrayView(m_data + begin, end - begin));
        if (!check.ok)
            return failAt(begin + check.offset, check.reason);
        return failAt(begin, fallback);
    }

    // ---- JSON Lines ----

    bool readJsonl(qsizetype pos)
    {
        qsizetype lineNumber = 0;
        while (pos < m_size) {
            if (cancelled())
                return failCancelled();
            ++lineNumber;
            // The newline is looked for no further than one entry may reach: a line of a gigabyte
            // is refused after reading the limit, not the gigabyte.
            const qsizetype limit = scanEnd(pos, RunFileReader::kMaxEntryBytes + 1);
            const qsizetype newline = QByteArrayView(m_data + pos, limit - pos).indexOf('\n');
            if (newline < 0 && limit - pos > RunFileReader::kMaxEntryBytes)
                return failLineTooLong(lineNumber);
            const qsizetype end = newline < 0 ? m_size : pos + newline;
            QByteArrayView line(m_data + pos, end - pos);
            const qsizetype lineStart = pos;
            pos = end + 1;
            if (!readLine(line, lineNumber, lineStart, pos))
                return false;
        }
        return true;
    }

    // A converted log's entries for the window, one a line as readJsonl() would read them from
    // the buffer they would make (convertAgentLog() made sure none holds a newline): the same
    // checks, errors and positions, without the buffer.
    // Read in batches (convertInBatches()), the entries are the next lines of that buffer: they
    // own the rows read from them, and the line numbers and places go on from the batch before.
    // An entry holding a newline (no converter writes one) is read as the lines it would make.
    bool readConvertedEntries(std::shared_ptr<const QList<QByteArray>> entries = {})
    {
        if (entries)
            m_convertedEntries = std::move(entries);
        for (const QByteArray &entry : std::as_const(*m_convertedEntries)) {
            QByteArrayView rest = entry;
            while (true) {
                if (cancelled())
                    return failCancelled();
                const qsizetype newline = rest.indexOf('\n');
                const QByteArrayView line = newline < 0 ? rest : rest.first(newline);
                ++m_convertedLineNumber;
                if (line.size() > RunFileReader::kMaxEntryBytes)
                    return failLineTooLong(m_convertedLineNumber);
                const qsizetype next = m_convertedLineStart + line.size() + 1;
                if (!readLine(line, m_convertedLineNumber, m_convertedLineStart, next))
                    return false;
                m_convertedLineStart = next;
                if (newline < 0)
                    break;
                rest = rest.sliced(newline + 1);
            }
        }
        return true;
    }

    bool failLineTooLong(qsizetype lineNumber)
    {
        return fail(QCoreApplication::translate("RunFileReader", "%1 cannot be opened: line %2 is longer than the %3 one entry may have.")
                        .arg(m_shownPath)
                        .arg(lineNumber)
                        .arg(bytesText(RunFileReader::kMaxEntryBytes)));
    }

    // One line of JSON Lines (without its newline), starting at byte `lineStart`; `bytesDone`:
    // where the next one starts. A blank line is skipped.
    bool readLine(QByteArrayView line, qsizetype lineNumber, qsizetype lineStart, qsizetype bytesDone)
    {
        if (line.trimmed().isEmpty())
            return true;
        PageParseResultEntry parsed = parseEntry(line, m_entries);
        if (!parsed.ok) {
            const JsonSyntax::Check check = JsonSyntax::check(line);
            const QString where = QCoreApplication::translate("RunFileReader", "line %1").arg(lineNumber);
            if (!check.ok) {
                return failNotAnExport(QCoreApplication::translate("RunFileReader", "%1 is not a valid exported run: %2, column %3 (byte %4): %5.")
                                    .arg(m_shownPath, where)
                                    .arg(check.column)
                                    .arg(lineStart + check.offset)
                                    .arg(check.reason));
            }
            return failNotAnExport(QCoreApplication::translate("RunFileReader", "%1 is not a valid exported run: %2: %3.").arg(m_shownPath, where, parsed.error));
        }
        add(std::move(parsed.entry), bytesDone);
        return true;
    }

    // ---- JSON ----

    // What valueEnd() and stringEnd() say when they stop early.
    static constexpr qsizetype kFileEnds = -1;
    static constexpr qsizetype kTooLong = -2;

    // The end of the search for a value of at most maxBytes starting at pos: the scan stops there,
    // so a value of a gigabyte costs no more than one of the limit.
    qsizetype scanEnd(qsizetype pos, qint64 maxBytes) const
    {
        return qsizetype(std::min<qint64>(m_size, qint64(pos) + maxBytes));
    }

    // The end (one past) of the value starting at pos, found by brackets and strings alone; the
    // value itself is validated afterwards. kFileEnds when the file ends first, kTooLong when the
    // value is longer than maxBytes.
    qsizetype valueEnd(qsizetype pos, qint64 maxBytes = RunFileReader::kMaxEntryBytes) const
    {
        const qsizetype limit = scanEnd(pos, maxBytes);
        const auto stopped = [this, limit] { return limit < m_size ? kTooLong : kFileEnds; };
        const char c = m_data[pos];
        if (c == '"')
            return stringEnd(pos, maxBytes);
        if (c != '{' && c != '[') {
            pos = JsonTokens::scalarTokenEnd(m_data, limit, pos, JsonTokens::ScalarStop::ValueEnd);
            return pos < limit || limit == m_size ? pos : kTooLong;
        }
        const qsizetype start = pos;
        int depth = 0;
        for (; pos < limit; ++pos) {
            const char d = m_data[pos];
            if (d == '"') {
                pos = stringEnd(pos, maxBytes - (pos - start));
                if (pos < 0)
                    return pos;
                --pos;
            } else if (d == '{' || d == '[') {
                ++depth;
            } else if (d == '}' || d == ']') {
                if (--depth == 0)
                    return pos + 1;
            }
        }
        return stopped();
    }

    // Strings are most of an entry's bytes: their closing quote is looked for with memchr (many
    // bytes at a time), no further than the limit.
    qsizetype stringEnd(qsizetype pos, qint64 maxBytes = RunFileReader::kMaxEntryBytes) const
    {
        const qsizetype limit = scanEnd(pos, maxBytes);
        const qsizetype end = JsonTokens::closingQuoteEnd(m_data, limit, pos);
        if (end >= 0)
            return end;
        return limit < m_size ? kTooLong : kFileEnds;
    }

    bool tooLongAt(qsizetype offset, const QString &what)
    {
        return fail(QCoreApplication::translate("RunFileReader", "%1 cannot be opened: %2 (at %3) is larger than the %4 one entry may have.")
                        .arg(m_shownPath, what, place(offset), bytesText(RunFileReader::kMaxEntryBytes)));
    }

    bool truncatedAt(qsizetype offset, const QString &what)
    {
        return failAt(offset, QCoreApplication::translate("RunFileReader", "the file ends inside %1 (truncated?)").arg(what));
    }

    bool readJson(qsizetype pos)
    {
        if (m_data[pos] != '{') {
            if (m_data[pos] == '[')
                return failAt(pos, QCoreApplication::translate("RunFileReader", "it is a JSON array, but an exported run is an object with \"logs\""));
            if (!looksLikeText(pos))
                return failAt(pos, QCoreApplication::translate("RunFileReader", "it is not text (a binary file?)"));
            return failSyntax(pos, m_size, QCoreApplication::translate("RunFileReader", "it is not a JSON object with \"logs\""));
        }
        bool haveLogs = false;
        bool fieldsAfterLogs = false;
        pos = skipSpace(pos + 1);
        if (pos < m_size && m_data[pos] == '}')
            return failAt(pos, QCoreApplication::translate("RunFileReader", "the object has no \"logs\" field"));
        while (true) {
            if (pos >= m_size)
                return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "the run object"));
            if (m_data[pos] != '"')
                return failSyntax(pos, m_size, QCoreApplication::translate("RunFileReader", "expected a field name"));
            const qsizetype keyEnd = stringEnd(pos);
            if (keyEnd == kTooLong)
                return tooLongAt(pos, QCoreApplication::translate("RunFileReader", "a field name"));
            if (keyEnd < 0)
                return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "a field name"));
            const QByteArrayView keyToken(m_data + pos, keyEnd - pos);
            if (!JsonSyntax::check(keyToken).ok)
                return failSyntax(pos, keyEnd, QCoreApplication::translate("RunFileReader", "invalid field name"));
            const QString key = JsonText::unescapeString(keyToken);
            pos = skipSpace(keyEnd);
            if (pos >= m_size)
                return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "the run object"));
            if (m_data[pos] != ':')
                return failAt(pos, QCoreApplication::translate("RunFileReader", "expected ':' after the field name"));
            pos = skipSpace(pos + 1);
            if (pos >= m_size)
                return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "the value of \"%1\"").arg(key));
            if (key == QLatin1String("logs")) {
                if (haveLogs)
                    return failAt(pos, QCoreApplication::translate("RunFileReader", "\"logs\" appears more than once"));
                haveLogs = true;
                if (m_data[pos] != '[')
                    return failAt(pos, QCoreApplication::translate("RunFileReader", "\"logs\" is not an array"));
                if (!postRunInfo())
                    return false;
                pos = readLogs(pos);
                if (pos < 0)
                    return false;
            } else {
                // The run's fields together may take what one entry may.
                const qsizetype end = valueEnd(pos, RunFileReader::kMaxEntryBytes - m_rawFieldBytes);
                if (end == kTooLong) {
                    return fail(QCoreApplication::translate("RunFileReader", "%1 cannot be opened: the run's fields (up to \"%2\", at %3) are larger than the %4 they may have.")
                                    .arg(m_shownPath, key, place(pos), bytesText(RunFileReader::kMaxEntryBytes)));
                }
                if (end < 0)
                    return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "the value of \"%1\"").arg(key));
                const QByteArrayView value(m_data + pos, end - pos);
                m_rawFieldBytes += value.size();
                if (value.isEmpty() || !JsonSyntax::check(value).ok)
                    return failSyntax(pos, end, QCoreApplication::translate("RunFileReader", "invalid value"));
                m_rawFields.append({key, value.toByteArray()});
                fieldsAfterLogs = haveLogs;
                pos = end;
            }
            pos = skipSpace(pos);
            if (pos >= m_size)
                return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "the run object"));
            if (m_data[pos] == '}')
                break;
            if (m_data[pos] != ',')
                return failAt(pos, QCoreApplication::translate("RunFileReader", "expected ',' or '}'"));
            pos = skipSpace(pos + 1);
        }
        const qsizetype after = skipSpace(pos + 1);
        if (after < m_size)
            return failAt(after, QCoreApplication::translate("RunFileReader", "unexpected text after the run object"));
        if (!haveLogs)
            return failAt(pos, QCoreApplication::translate("RunFileReader", "the object has no \"logs\" field"));
        flush();
        const bool totalWrong = m_hasRun && m_run.totalLogs != std::optional<qint64>(m_entries);
        if (fieldsAfterLogs && !postRunInfo())
            return false;
        if (m_hasRun && (fieldsAfterLogs || totalWrong)) {
            m_run.totalLogs = m_entries;
            postRunInfo(m_run);
        }
        return true;
    }

    // The "logs" array from its '['; returns the position after its ']', or -1 after failing.
    qsizetype readLogs(qsizetype pos)
    {
        pos = skipSpace(pos + 1);
        if (pos < m_size && m_data[pos] == ']')
            return pos + 1;
        while (true) {
            if (cancelled())
                return failCancelled(), -1;
            if (pos >= m_size)
                return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "\"logs\"")), -1;
            if (m_data[pos] != '{') {
                if (valueEnd(pos) == kFileEnds)
                    return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "\"logs\"")), -1;
                return failAt(pos, QCoreApplication::translate("RunFileReader", "log entry %1 is not an object").arg(m_entries)), -1;
            }
            const qsizetype end = valueEnd(pos);
            if (end == kTooLong)
                return tooLongAt(pos, QCoreApplication::translate("RunFileReader", "log entry %1").arg(m_entries)), -1;
            if (end < 0)
                return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "log entry %1").arg(m_entries)), -1;
            PageParseResultEntry parsed = parseEntry(QByteArrayView(m_data + pos, end - pos), m_entries);
            if (!parsed.ok) {
                const JsonSyntax::Check check = JsonSyntax::check(QByteArrayView(m_data + pos, end - pos));
                return failAt(check.ok ? pos : pos + check.offset, check.ok ? parsed.error : check.reason), -1;
            }
            add(std::move(parsed.entry), end);
            pos = skipSpace(end);
            if (pos >= m_size)
                return truncatedAt(pos, QCoreApplication::translate("RunFileReader", "\"logs\"")), -1;
            if (m_data[pos] == ']')
                return pos + 1;
            if (m_data[pos] != ',')
                return failAt(pos, QCoreApplication::translate("RunFileReader", "expected ',' or ']' in \"logs\"")), -1;
            pos = skipSpace(pos + 1);
        }
    }

    bool looksLikeText(qsizetype pos) const
    {
        const QByteArrayView head(m_data + pos, std::min<qsizetype>(m_size - pos, 512));
        if (head.contains('\0'))
            return false;
        return QString::fromUtf8(head).count(QChar::ReplacementCharacter) <= 1; // one may be a cut character
    }

    // The run's fields read so far, as the header: parsed by PageParser like a page's, so the
    // window shows a file's run exactly as it would the server's.
    bool postRunInfo()
    {
        const bool identified = std::any_of(m_rawFields.cbegin(), m_rawFields.cend(), [](const auto &field) {
            return field.first == QLatin1String("id") || field.first == QLatin1String("organization_id");
        });
        if (!identified)
            return true;
        QByteArray body = "{";
        for (const auto &[key, value] : std::as_const(m_rawFields))
            body += JsonWriter::string(key) + ':' + value + ',';
        body += "\"logs\":[]}";
        const PageParseResult parsed = PageParser::parse(body);
        if (!parsed.ok)
            return failAt(0, QCoreApplication::translate("RunFileReader", "the run's fields are not valid: %1").arg(parsed.error));
        m_hasRun = true;
        m_run = parsed.page.run;
        postRunInfo(m_run);
        return true;
    }

    void postRunInfo(const RunInfo &run)
    {
        m_sink.runInfo(run, m_format);
    }

    struct PageParseResultEntry
    {
        bool ok = false;
        QString error;
        LogEntry entry;
    };

    PageParseResultEntry parseEntry(QByteArrayView raw, qsizetype index)
    {
        const qsizetype after = readableAfter(raw);
        if (m_sink.indexed) {
            if (std::optional<LogEntry> checked = checkQuickly(raw))
                return {true, QString(), std::move(*checked)};
        } else if (entryOwner()) {
            if (std::optional<LogEntry> described = describeQuickly(raw))
                return {true, QString(), std::move(*described)};
        }
        // A window's entry is a slice of the file's bytes (kept alive through its rawOwner), not a
        // copy; parseBytes() has no owner (the caller's buffer) and its entries own copies.
        EntryParseResult r = PageParser::parseEntry(raw, index, after, m_sink.indexed ? nullptr : entryOwner());
        if (r.ok && !m_sink.indexed)
            share(r.entry);
        return {r.ok, r.error, std::move(r.entry)};
    }

    // How many bytes after `raw` may be read: the rest of the file (or buffer), so that the
    // parser needs no copy for its padding; none of a converted entry (its own QByteArray).
    qsizetype readableAfter(QByteArrayView raw) const
    {
        if (m_convertedEntries)
            return 0;
        return (m_data + m_size) - (raw.data() + raw.size());
    }

    // What the window's entries are slices of: the file's bytes, or a converted log's entries.
    // Null for parseBytes() of a buffer (its entries own copies).
    std::shared_ptr<const void> entryOwner() const
    {
        if (m_convertedEntries)
            return m_convertedEntries;
        return m_bytes;
    }

    // The entries share one string per distinct type and tool (a run has a handful of them), and
    // a borrowed entry whose time was read keeps no text for it: the table shows the time, and
    // reads the text from the bytes for a tooltip (LogTableModel::createdAtTextOf).
    void share(LogEntry &entry)
    {
        entry.messageType = shared(entry.messageType);
        entry.toolName = shared(entry.toolName);
        if (entry.rawOwner && entry.hasTime())
            entry.createdAtText = QString();
    }

    QString shared(const QString &text)
    {
        return m_sharedTexts.shared(text, kMaxSharedTexts);
    }

    static QByteArrayView withoutSpace(QByteArrayView raw)
    {
        while (!raw.isEmpty() && JsonTokens::isSpace(raw.front()))
            raw = raw.sliced(1);
        while (!raw.isEmpty() && JsonTokens::isSpace(raw.back()))
            raw.chop(1);
        return raw;
    }

    // A conversion's entry, when the quick check is sure of it: its bytes as a slice of the input
    // without the surrounding whitespace (as PageParser's rawJson), no copy, and its
    // agent_run_id; nothing else is described. std::nullopt leaves the entry to
    // PageParser::parseEntry, which decides and names what is wrong.
    std::optional<LogEntry> checkQuickly(QByteArrayView raw)
    {
        raw = withoutSpace(raw);
        const qsizetype after = readableAfter(raw);
        const std::optional<qint64> runId = m_quickCheck.agentRunId(raw, after);
        if (!runId)
            return std::nullopt;
        LogEntry entry;
        entry.rawJson = QByteArray::fromRawData(raw.data(), raw.size());
        entry.agentRunId = *runId;
        return entry;
    }

    // The window's read of a usual entry: the same quick check, which also reads the table's
    // fields (strings or null) from its DOM, so no second parse of the entry. Anything unusual
    // goes to PageParser::parseEntry.
    std::optional<LogEntry> describeQuickly(QByteArrayView raw)
    {
        raw = withoutSpace(raw);
        const qsizetype after = readableAfter(raw);
        const std::optional<EntryQuickCheck::Facts> facts = m_quickCheck.facts(raw, after);
        if (!facts)
            return std::nullopt;
        LogEntry entry;
        entry.rawJson = QByteArray::fromRawData(raw.data(), raw.size());
        entry.rawOwner = entryOwner();
        entry.agentRunId = facts->agentRunId;
        entry.messageType = sharedText(facts->messageType);
        entry.toolName = sharedText(facts->toolName);
        if (facts->createdAt) {
            const QString text = QString::fromUtf8(facts->createdAt->data(), qsizetype(facts->createdAt->size()));
            entry.createdAtMsecs = Timestamps::parseUtcMsecs(text);
            // As share() does: the table reads the text from the bytes when the time was read.
            if (!entry.hasTime())
                entry.createdAtText = text;
        }
        return entry;
    }

    QString sharedText(const std::optional<std::string_view> &text)
    {
        if (!text)
            return QString();
        return m_sharedTexts.sharedUtf8(QByteArrayView(text->data(), qsizetype(text->size())), kMaxSharedTexts);
    }

    // A conversion keeps only the entry's bytes (a slice, or PageParser's copy when the quick
    // check was unsure of it) and its agent_run_id.
    void keep(LogEntry &&entry, qsizetype bytesDone)
    {
        m_index.entries.append(std::move(entry.rawJson));
        m_index.agentRunIds.append(entry.agentRunId);
        ++m_entries;
        if (m_bytes)
            m_bytes->release(m_data + bytesDone);
        postProgress(bytesDone, false);
    }

    void add(LogEntry &&entry, qsizetype bytesDone)
    {
        if (m_sink.indexed)
            return keep(std::move(entry), bytesDone);
        const int batchSize = m_sentAny ? RunFileReader::kBatch : RunFileReader::kFirstBatch;
        if (m_batch.capacity() == 0)
            m_batch.reserve(batchSize); // grown by appending, a batch of 5,000 was copied a dozen times
        m_batch.append(std::move(entry));
        ++m_entries;
        if (m_batch.size() >= batchSize)
            flush();
        postProgress(bytesDone, false);
    }

    void flush()
    {
        if (m_batch.isEmpty())
            return;
        m_sentAny = true;
        m_sink.entries(std::exchange(m_batch, {}), m_format);
    }

    void postProgress(qsizetype done, bool force)
    {
        // The clock is read every 64 entries: reading it per entry cost more than a quick check.
        if (!force && ((m_entries & 63) != 0 || m_progressClock.elapsed() < kProgressIntervalMs))
            return;
        m_progressClock.restart();
        if (!m_sink.progress)
            return;
        if (m_converted) { // in the file's bytes, not the converted entries'
            qint64 fileDone = m_readingBatches ? qint64(m_convertedBytesRead)
                              : m_size          ? qint64(double(done) / double(m_size) * double(m_fileSize))
                                                : qint64(m_fileSize);
            // The batches' progress is how far the conversion read, the rest's how far the
            // converted entries are read: it never goes back.
            fileDone = std::max(fileDone, m_convertedProgress);
            m_convertedProgress = fileDone;
            m_sink.progress(fileDone, m_fileSize, m_entries);
        } else
            m_sink.progress(done, m_size, m_entries);
    }

    bool fail(const QString &error)
    {
        finish(false, error);
        return false;
    }

    QString changedText() const
    {
        return QCoreApplication::translate("RunFileReader", "%1 changed while it was being read: open it again.")
                .arg(m_shownPath);
    }

    void finish(bool ok, QString error)
    {
        // Whatever the parse made of the zeros that replaced them, the file shrank while read.
        // Cut short inside its last mapped page, it loses no page (the rest of that page reads
        // as zeros, and the parse fails on them at the end): its size and time say it changed.
        if (m_bytes && (m_bytes->lostPages() || (!ok && !m_bytes->unchanged()))) {
            ok = false;
            error = changedText();
        }
        if (!ok)
            m_batch.clear();
        m_sink.finished(ok, error);
    }

    RunFileSink m_sink;
    QString m_path;
    QString m_shownPath;
    std::optional<RunFileReader::Format> m_forcedFormat;
    RunFileSampleOptions m_samples;
    const char *m_data = nullptr;
    qsizetype m_size = 0;
    Format m_format = Format::Json;
    QList<LogEntry> m_batch;
    bool m_sentAny = false;
    int m_entries = 0;
    QList<QPair<QString, QByteArray>> m_rawFields;
    qint64 m_rawFieldBytes = 0;
    bool m_hasRun = false;
    RunInfo m_run;
    bool m_converted = false;  // another agent's log, read on as its converted entries
    QString m_convertingName;  // its format's name, for the sink's converting()
    qsizetype m_fileSize = 0;  // the file's size, for progress, once m_size is the converted bytes'.
    QElapsedTimer m_progressClock;
    std::shared_ptr<RunFileBytes> m_bytes; // the file's, while run() reads one
    // A converted log's entries, when the window reads them where the converter wrote them
    // (convertAgentLog()); null otherwise. The entries read are slices of them.
    std::shared_ptr<const QList<QByteArray>> m_convertedEntries;
    qsizetype m_convertedLineNumber = 0; // the converted entries read so far, as lines of a .jsonl
    qsizetype m_convertedLineStart = 0;  // and where the next one starts in it
    // A conversion in batches (convertInBatches()): reading them, a batch's read failed (and said
    // so), how many entries came, the first of them, and how far in the file the conversion is.
    bool m_readingBatches = false;
    bool m_batchReadFailed = false;
    std::atomic<bool> m_entriesCome{false}; // read by the conversion's cancel checks (cancelCheck())
    qsizetype m_entriesHandedOver = 0;
    QByteArray m_firstConvertedEntry;
    qsizetype m_convertedBytesRead = 0;
    qint64 m_convertedProgress = 0; // the last progress of a converted log, in the file's bytes
    RunFileReader::FileIndex m_index;       // a conversion's entries so far
    EntryQuickCheck m_quickCheck;
    // The types and tools met so far, one string each (also by their UTF-8, for describeQuickly());
    // a file of ever new tool names is not made to grow this without end.
    static constexpr qsizetype kMaxSharedTexts = 1024;
    StringInterner m_sharedTexts;
};

} // namespace

namespace RunFileParse {

void file(RunFileSink sink, const QString &path, const RunFileSampleOptions &samples)
{
    Parser(std::move(sink), path, std::nullopt, samples).run();
}

void bytes(RunFileSink sink, QByteArrayView bytes, const QString &shownName,
           std::optional<RunFileReader::Format> format, const RunFileSampleOptions &samples)
{
    Parser(std::move(sink), shownName, format, samples).parse(bytes);
}

} // namespace RunFileParse
