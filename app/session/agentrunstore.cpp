// SPDX-License-Identifier: MIT
#include "session/agentrunstore.h"

#include "json/jsonwriter.h"
#include "rows/logstore.h"
#include "run/fileorigin.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace AgentRunStore {

PageCache::Key keyOf(const QString &path, const std::optional<SampleRef> &sample, const RunInfo &run)
{
    return PageCache::Key{FileOrigin::of(QFileInfo(path).absoluteFilePath(), sample), RunRef{0, run.id}};
}

RunInfo restoredRunInfo(const RunInfo &stored, const LogEntry &firstEntry)
{
    RunInfo run = stored;
    const QJsonObject metadata = QJsonDocument::fromJson(stored.metadataJson).object();
    run.agentName = metadata.value(QLatin1String("agent")).toString();
    run.agentFormat = metadata.value(QLatin1String("source_format")).toString();
    if (run.agentName.isEmpty())
        run.agentName = run.agentFormat;
    for (const auto &[name, value] : std::as_const(stored.rawFields)) {
        if (name == QLatin1String("summary"))
            run.agentTitle = JsonWriter::decodeString(value);
    }
    run.hasTimes = firstEntry.hasTime();
    return run;
}

void store(PageCache *cache, const QString &path, const std::optional<SampleRef> &sample, const RunInfo &run,
           const LogStore &entries)
{
    if (!cache || run.agentName.isEmpty())
        return;
    // The Library lists a run by its summary: the session's title names it there.
    RunInfo stored = run;
    if (!run.agentTitle.isEmpty())
        stored.rawFields.append({QStringLiteral("summary"), JsonWriter::string(run.agentTitle)});
    const PageCache::Key key = keyOf(path, sample, run);
    // One transaction a piece on the library's thread: a long session does not hold the
    // database in one write, and a window opened meanwhile reads between the pieces.
    constexpr int kPiece = 1000;
    const int rows = entries.size();
    if (rows == 0)
        cache->store(key, stored, 0, {});
    for (int first = 0; first < rows; first += kPiece) {
        QList<LogEntry> piece;
        const int last = std::min(rows, first + kPiece);
        piece.reserve(last - first);
        for (int row = first; row < last; ++row)
            piece.append(entries.at(row));
        cache->store(key, stored, first, piece);
    }
}

} // namespace AgentRunStore
