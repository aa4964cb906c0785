// SPDX-License-Identifier: MIT
#include "runfile/runfilereader.h"

#include "runfile/runfileparse.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>

// Shared by the reader and its worker; outlives whichever ends first. The worker posts to the
// reader only while holding the mutex and only while `owner` is set: the reader's destructor
// clears it under the same mutex, so no post can reach a reader that is gone (posts already
// queued die with it).
struct RunFileReader::Control
{
    std::atomic<bool> cancel{false};
    QMutex mutex;
    RunFileReader *owner = nullptr;

    template<typename Call>
    void post(Call call)
    {
        QMutexLocker lock(&mutex);
        if (owner)
            QMetaObject::invokeMethod(owner, [owner = owner, call] { call(owner); }, Qt::QueuedConnection);
    }
};

namespace {
QMutex g_mappedHookMutex;
std::function<void(const QString &)> g_mappedHook;

std::function<void(const QString &)> mappedHook()
{
    QMutexLocker lock(&g_mappedHookMutex);
    return g_mappedHook;
}
} // namespace

void RunFileReader::setMappedHookForTesting(std::function<void(const QString &)> hook)
{
    QMutexLocker lock(&g_mappedHookMutex);
    g_mappedHook = std::move(hook);
}

RunFileReader::RunFileReader(QObject *parent)
    : QObject(parent)
{
}

RunFileReader::~RunFileReader()
{
    if (!m_control)
        return;
    m_control->cancel = true;
    QMutexLocker lock(&m_control->mutex);
    m_control->owner = nullptr;
}

RunFileReader::Contents RunFileReader::parseBytes(QByteArrayView bytes, const QString &shownName,
                                                  std::optional<Format> format, const std::optional<SampleRef> &sample)
{
    Contents contents;
    RunFileSink sink;
    sink.runInfo = [&contents](const RunInfo &run, Format f) {
        contents.run = run;
        contents.format = f;
    };
    sink.entries = [&contents](QList<LogEntry> &&entries, Format f) {
        contents.entries.append(std::move(entries));
        contents.format = f;
    };
    sink.finished = [&contents](bool ok, const QString &error) {
        contents.ok = ok;
        contents.error = error;
    };
    RunFileSampleOptions samples;
    samples.sample = sample;
    RunFileParse::bytes(std::move(sink), bytes, shownName, format, samples);
    if (!contents.ok)
        contents.entries.clear();
    return contents;
}

RunFileReader::IndexedContents RunFileReader::indexBytes(QByteArrayView bytes, const QString &shownName,
                                                        std::optional<Format> format)
{
    IndexedContents contents;
    RunFileSink sink;
    sink.runInfo = [&contents](const RunInfo &run, Format f) {
        contents.run = run;
        contents.format = f;
    };
    sink.entries = [](QList<LogEntry> &&, Format) {};
    sink.indexed = [&contents](FileIndex &&index, Format f) {
        contents.index = std::move(index);
        contents.format = f;
    };
    sink.finished = [&contents](bool ok, const QString &error) {
        contents.ok = ok;
        contents.error = error;
    };
    RunFileParse::bytes(std::move(sink), bytes, shownName, format);
    if (!contents.ok)
        contents.index = FileIndex();
    return contents;
}

std::optional<RunFileReader::Format> RunFileReader::formatFromPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json"))
        return Format::Json;
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson"))
        return Format::Jsonl;
    return std::nullopt;
}

bool RunFileReader::start(const QString &path)
{
    return startReading(path, false);
}

bool RunFileReader::startIndexing(const QString &path)
{
    return startReading(path, true);
}

bool RunFileReader::startReading(const QString &path, bool indexing)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancelled = false;
    m_path = path;
    m_format = formatFromPath(path).value_or(Format::Json);
    m_hasRunInfo = false;
    m_runInfo = RunInfo();
    m_entryCount = 0;
    m_samplesToChoose.clear();
    if (m_control) {
        // A worker of an earlier read may still be winding down: it reports to no one.
        QMutexLocker lock(&m_control->mutex);
        m_control->owner = nullptr;
    }
    m_control = std::make_shared<Control>();
    m_control->owner = this;
    RunFileSink sink;
    const std::shared_ptr<Control> control = m_control;
    sink.cancelled = [control] { return control->cancel.load(std::memory_order_relaxed); };
    sink.runInfo = [control](const RunInfo &run, Format format) {
        control->post([run, format](RunFileReader *reader) { reader->deliverRunInfo(run, format); });
    };
    sink.entries = [control](QList<LogEntry> &&entries, Format format) {
        control->post([batch = std::move(entries), format](RunFileReader *reader) { reader->deliverEntries(batch, format); });
    };
    sink.progress = [control, indexing](qint64 done, qint64 total, int entries) {
        // Reading counts the entries it delivers; indexing delivers them only at the end.
        const int counted = indexing ? entries : -1;
        control->post([done, total, counted](RunFileReader *reader) { reader->deliverProgress(done, total, counted); });
    };
    sink.converting = [control](const QString &formatName, qint64 records) {
        control->post([formatName, records](RunFileReader *reader) { reader->deliverConverting(formatName, records); });
    };
    if (indexing) {
        sink.indexed = [control](FileIndex &&index, Format format) {
            control->post([index = std::move(index), format](RunFileReader *reader) { reader->deliverIndex(index, format); });
        };
    }
    sink.finished = [control](bool ok, const QString &error) {
        control->post([ok, error](RunFileReader *reader) { reader->deliverFinished(ok, error); });
    };
    sink.samplesToChoose = [control](const QList<InspectSampleInfo> &samples) {
        control->post([samples](RunFileReader *reader) { reader->deliverSamplesToChoose(samples); });
    };
    RunFileSampleOptions samples;
    samples.sample = m_sample;
    samples.choiceRequired = m_sampleChoiceRequired;
    sink.mapped = [](const QString &mappedPath) {
        if (const auto hook = mappedHook())
            hook(mappedPath);
    };
    // Not kept: nobody waits for it (see the destructor); it ends at its next cancel check.
    (void)QtConcurrent::run([sink = std::move(sink), path, samples]() mutable { RunFileParse::file(std::move(sink), path, samples); });
    return true;
}

void RunFileReader::cancel()
{
    if (!m_running || !m_control)
        return;
    m_control->cancel = true;
    m_cancelled = true;
}

void RunFileReader::deliverRunInfo(const RunInfo &run, Format format)
{
    if (m_cancelled)
        return;
    m_format = format;
    m_runInfo = run;
    m_hasRunInfo = true;
    emit runInfoRead(m_runInfo);
}

void RunFileReader::deliverEntries(const QList<LogEntry> &entries, Format format)
{
    if (m_cancelled)
        return;
    m_format = format;
    m_entryCount += int(entries.size());
    emit entriesRead(entries);
}

void RunFileReader::deliverProgress(qint64 done, qint64 total, int entries)
{
    if (m_cancelled)
        return;
    if (entries >= 0)
        m_entryCount = entries;
    emit progress(done, total);
}

void RunFileReader::deliverConverting(const QString &formatName, qint64 records)
{
    if (m_cancelled)
        return;
    emit converting(formatName, records);
}

void RunFileReader::deliverIndex(const FileIndex &index, Format format)
{
    if (m_cancelled)
        return;
    m_format = format;
    m_entryCount = int(index.entries.size());
    emit indexed(index);
}

void RunFileReader::deliverSamplesToChoose(const QList<InspectSampleInfo> &samples)
{
    if (m_cancelled)
        return;
    m_samplesToChoose = samples;
    emit sampleChoiceNeeded(samples);
}

void RunFileReader::deliverFinished(bool ok, const QString &error)
{
    m_running = false;
    if (m_cancelled) {
        emit finished(false, QCoreApplication::translate("RunFileReader", "Reading %1 was cancelled.").arg(QDir::toNativeSeparators(m_path)));
        return;
    }
    emit finished(ok, error);
}
