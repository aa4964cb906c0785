// SPDX-License-Identifier: MIT
#include "store/libraryrecords.h"

#include "api/pageparser.h"
#include "json/jsonwriter.h"
#include "run/timestamps.h"
#include "store/entryindextext.h"
#include "store/librarydatabase.h"
#include "store/libraryworker.h"
#include "store/storednote.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

#include <sqlite3.h>

namespace {
QVariant textOrNull(const std::optional<QString> &text)
{
    return text ? QVariant(*text) : QVariant(QMetaType(QMetaType::QString));
}

QVariant integerOrNull(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<QString> rawStringField(const RunInfo &run, const QString &name)
{
    for (const auto &field : run.rawFields) {
        if (field.first == name) {
            const QString text = JsonWriter::decodeString(field.second);
            if (!text.isNull())
                return text;
        }
    }
    return std::nullopt;
}
} // namespace

LibraryRecords::LibraryRecords(const QSqlDatabase &db)
    : m_db(db)
{
}

void LibraryRecords::setBusyWaitMs(int ms)
{
    QSqlQuery(m_db).exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(ms));
}

bool LibraryRecords::fail(const QSqlError &error)
{
    m_error = error;
    return false;
}

bool LibraryRecords::begin()
{
    QSqlQuery query(m_db);
    // IMMEDIATE: the write lock is taken now (waiting out another process's write), not halfway
    // through, where two readers turning writers would deadlock.
    return query.exec(QStringLiteral("BEGIN IMMEDIATE")) || fail(query.lastError());
}

bool LibraryRecords::commit()
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("COMMIT")))
        return true;
    fail(query.lastError());
    rollback();
    return false;
}

void LibraryRecords::rollback()
{
    QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

QByteArray LibraryRecords::runShell(const RunInfo &run)
{
    QByteArray shell = "{";
    for (const auto &field : run.rawFields) {
        if (field.first == QLatin1String("logs"))
            continue;
        if (shell.size() > 1)
            shell += ',';
        shell += JsonWriter::string(field.first) + ':' + field.second;
    }
    if (shell.size() == 1) // not from a parsed page: the fields the parser needs
        shell += "\"id\":" + QByteArray::number(run.id) + ",\"organization_id\":" + QByteArray::number(run.organizationId);
    shell += ",\"logs\":[]}";
    return shell;
}

qint64 LibraryRecords::runKey(const PageCache::Key &key)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id FROM runs WHERE origin = ? AND org_id = ? AND run_id = ?"));
    query.addBindValue(key.origin);
    query.addBindValue(key.run.orgId);
    query.addBindValue(key.run.runId);
    if (!query.exec())
        return fail(query.lastError()), -1;
    return query.next() ? query.value(0).toLongLong() : 0;
}

PageCache::Stored LibraryRecords::openRun(const PageCache::Key &key, qint64 nowMs, qint64 entriesWithOpen)
{
    m_error = QSqlError();
    PageCache::Stored stored;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "SELECT id, run_json, stored_entries FROM runs WHERE origin = ? AND org_id = ? AND run_id = ?"));
    query.addBindValue(key.origin);
    query.addBindValue(key.run.orgId);
    query.addBindValue(key.run.runId);
    if (!query.exec()) {
        fail(query.lastError());
        return stored;
    }
    if (!query.next())
        return stored;
    const qint64 runKey = query.value(0).toLongLong();
    const PageParseResult shell = PageParser::parse(query.value(1).toByteArray());
    const qint64 storedEntries = query.value(2).toLongLong();
    query.finish();
    if (!shell.ok)
        return stored; // unreadable fields: as if not kept, the API is asked
    stored.run = shell.page.run;

    const qint64 low = entryId(runKey, 0);
    const qint64 high = entryId(runKey + 1, 0) - 1;
    // The first and last stored positions: two seeks. When the count fills the span between them,
    // the run is one range, known without reading its entries (a whole run of 100,000 entries
    // would otherwise be read through here, ~100 MB, on every open).
    bool failed = false;
    const auto edge = [&](const QString &sql) -> qint64 {
        query.prepare(sql);
        query.addBindValue(low);
        query.addBindValue(high);
        if (!query.exec() || !query.next()) {
            fail(query.lastError());
            failed = true;
            return -1;
        }
        const qint64 position = query.value(0).isNull() ? -1 : query.value(0).toLongLong() - low;
        query.finish();
        return position;
    };
    const qint64 first = edge(QStringLiteral("SELECT min(id) FROM entries WHERE id BETWEEN ? AND ?"));
    const qint64 last = edge(QStringLiteral("SELECT max(id) FROM entries WHERE id BETWEEN ? AND ?"));
    if (failed)
        return PageCache::Stored();
    if (first >= 0 && last >= first && last - first + 1 == storedEntries) {
        stored.ranges.append({first, last});
    } else if (first >= 0) {
        // Gaps: runs of consecutive positions ("gaps and islands"): position minus its rank is
        // constant along each run of consecutive positions.
        query.prepare(QStringLiteral(
            "SELECT min(p), max(p) FROM (SELECT id - :base AS p, id - row_number() OVER (ORDER BY id) AS g"
            " FROM entries WHERE id BETWEEN :low AND :high) GROUP BY g ORDER BY 1"));
        query.bindValue(QStringLiteral(":base"), low);
        query.bindValue(QStringLiteral(":low"), low);
        query.bindValue(QStringLiteral(":high"), high);
        if (!query.exec()) {
            fail(query.lastError());
            return PageCache::Stored();
        }
        while (query.next())
            stored.ranges.append({query.value(0).toLongLong(), query.value(1).toLongLong()});
        if (query.lastError().isValid()) {
            fail(query.lastError());
            return PageCache::Stored();
        }
    }
    stored.found = true;
    // A run of usual size comes whole: one query here instead of one read per page later. An
    // entry that cannot be read leaves the list empty; the loader then reads (or fetches) by page.
    if (!stored.ranges.isEmpty() && stored.storedCount() <= entriesWithOpen
        && (!readEntries(runKey, stored.ranges.first().first, stored.ranges.last().second, false, stored.entries)
            || stored.entries.size() != stored.storedCount()))
        stored.entries.clear();

    query.prepare(QStringLiteral("UPDATE runs SET last_opened_ms = ? WHERE id = ?"));
    query.addBindValue(nowMs);
    query.addBindValue(runKey);
    if (!query.exec())
        fail(query.lastError()); // a busy file: the run still opens, its date is not updated
    return stored;
}

QList<LogEntry> LibraryRecords::readRows(const PageCache::Key &key, qint64 firstPosition, int count)
{
    m_error = QSqlError();
    QList<LogEntry> entries;
    const qint64 run = runKey(key);
    if (run <= 0 || count <= 0 || firstPosition < 0)
        return entries;
    // Only the consecutive rows from the first: a gap ends the answer (the loader fetches).
    readEntries(run, firstPosition, firstPosition + count - 1, true, entries);
    return entries;
}

// The entries kept at positions first..last of a run, in position order, each parsed as a page's
// entry would be. `consecutive`: stop at the first position not kept. False on a read error or an
// entry that does not parse (the entries read before it stay in `entries`).
bool LibraryRecords::readEntries(qint64 run, qint64 first, qint64 last, bool consecutive, QList<LogEntry> &entries)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, raw FROM entries WHERE id BETWEEN ? AND ? ORDER BY id"));
    query.addBindValue(entryId(run, first));
    query.addBindValue(entryId(run, last));
    if (!query.exec())
        return fail(query.lastError());
    const qsizetype before = entries.size();
    entries.reserve(before + int(std::min<qint64>(last - first + 1, PageCache::kEntriesWithOpen)));
    while (query.next()) {
        const qint64 position = positionOf(query.value(0).toLongLong());
        if (consecutive && position != first + (entries.size() - before))
            break;
        EntryParseResult parsed = PageParser::parseEntry(query.value(1).toByteArray(), position);
        if (!parsed.ok)
            return false;
        entries.append(std::move(parsed.entry));
    }
    if (query.lastError().isValid())
        return fail(query.lastError());
    return true;
}

qint64 LibraryRecords::upsertRun(const PageCache::Key &key, const RunInfo &run, qint64 nowMs)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO runs (origin, org_id, run_id, status, created_at, created_ms, web_url, result, summary,"
        " total_logs, run_json, first_stored_ms, last_written_ms, last_opened_ms)"
        " VALUES (:origin, :org, :run, :status, :created, :createdMs, :url, :result, :summary, :total, :json,"
        " :now, :now, :now)"
        " ON CONFLICT (origin, org_id, run_id) DO UPDATE SET status = excluded.status,"
        " created_at = excluded.created_at, created_ms = excluded.created_ms, web_url = excluded.web_url,"
        " result = excluded.result, summary = coalesce(excluded.summary, runs.summary),"
        " total_logs = excluded.total_logs, run_json = excluded.run_json, last_written_ms = excluded.last_written_ms"));
    query.bindValue(QStringLiteral(":origin"), key.origin);
    query.bindValue(QStringLiteral(":org"), key.run.orgId);
    query.bindValue(QStringLiteral(":run"), key.run.runId);
    query.bindValue(QStringLiteral(":status"), textOrNull(run.status));
    query.bindValue(QStringLiteral(":created"), textOrNull(run.createdAt));
    const qint64 createdMs = run.createdAt ? Timestamps::parseUtcMsecs(*run.createdAt) : LogEntry::kNoTime;
    query.bindValue(QStringLiteral(":createdMs"),
                    createdMs == LogEntry::kNoTime ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(createdMs));
    query.bindValue(QStringLiteral(":url"), textOrNull(run.webUrl));
    query.bindValue(QStringLiteral(":result"), textOrNull(run.result));
    query.bindValue(QStringLiteral(":summary"), textOrNull(rawStringField(run, QStringLiteral("summary"))));
    query.bindValue(QStringLiteral(":total"), integerOrNull(run.totalLogs));
    query.bindValue(QStringLiteral(":json"), runShell(run));
    query.bindValue(QStringLiteral(":now"), nowMs);
    if (!query.exec())
        return fail(query.lastError()), -1;
    const qint64 key64 = runKey(key);
    return key64 > 0 ? key64 : -1;
}

bool LibraryRecords::store(const PageCache::Key &key, const RunInfo &run, qint64 firstPosition,
                           const QList<LogEntry> &entries, qint64 nowMs)
{
    m_error = QSqlError();
    if (firstPosition < 0 || firstPosition + entries.size() >= (qint64(1) << kPositionBits))
        return false;
    if (!begin())
        return false;
    const qint64 run64 = upsertRun(key, run, nowMs);
    if (run64 < 0) {
        rollback();
        return false;
    }
    if (entries.isEmpty())
        return commit();

    const qint64 firstId = entryId(run64, firstPosition);
    const qint64 lastId = firstId + entries.size() - 1;
    QHash<qint64, QByteArray> existing;
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT id, raw FROM entries WHERE id BETWEEN ? AND ?"));
        query.addBindValue(firstId);
        query.addBindValue(lastId);
        if (!query.exec()) {
            fail(query.lastError());
            rollback();
            return false;
        }
        while (query.next())
            existing.insert(query.value(0).toLongLong(), query.value(1).toByteArray());
        if (query.lastError().isValid()) {
            fail(query.lastError());
            rollback();
            return false;
        }
    }

    QSqlQuery insertEntry(m_db);
    insertEntry.prepare(QStringLiteral("INSERT OR REPLACE INTO entries (id, raw) VALUES (?, ?)"));
    QSqlQuery indexText(m_db);
    indexText.prepare(QStringLiteral("INSERT INTO entry_text (rowid, raw) VALUES (?, ?)"));
    QSqlQuery unindexText(m_db);
    unindexText.prepare(QStringLiteral("INSERT INTO entry_text (entry_text, rowid, raw) VALUES ('delete', ?, ?)"));
    QSqlQuery markFold(m_db);
    markFold.prepare(QStringLiteral("INSERT OR IGNORE INTO fold_entries (id) VALUES (?)"));
    QSqlQuery unmarkFold(m_db);
    unmarkFold.prepare(QStringLiteral("DELETE FROM fold_entries WHERE id = ?"));

    qint64 addedEntries = 0;
    qint64 addedBytes = 0;
    const auto step = [this](QSqlQuery &query) {
        if (query.exec())
            return true;
        fail(query.lastError());
        rollback();
        return false;
    };
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const qint64 id = firstId + i;
        const QByteArray &raw = entries.at(i).rawJson;
        const auto old = existing.constFind(id);
        if (old != existing.cend() && *old == raw)
            continue; // kept already, byte for byte
        if (old != existing.cend()) {
            // The index must forget exactly what it was told of the old bytes.
            unindexText.addBindValue(id);
            unindexText.addBindValue(EntryIndexText::of(*old).text);
            unmarkFold.addBindValue(id);
            if (!step(unindexText) || !step(unmarkFold))
                return false;
            addedBytes -= old->size();
        } else {
            ++addedEntries;
        }
        insertEntry.addBindValue(id);
        insertEntry.addBindValue(raw);
        if (!step(insertEntry))
            return false;
        const EntryIndexText text = EntryIndexText::of(raw);
        indexText.addBindValue(id);
        indexText.addBindValue(text.text);
        if (!step(indexText))
            return false;
        if (text.foldsIntoAscii) {
            markFold.addBindValue(id);
            if (!step(markFold))
                return false;
        }
        addedBytes += raw.size();
    }
    QSqlQuery totals(m_db);
    totals.prepare(QStringLiteral(
        "UPDATE runs SET stored_entries = stored_entries + ?, stored_bytes = stored_bytes + ? WHERE id = ?"));
    totals.addBindValue(addedEntries);
    totals.addBindValue(addedBytes);
    totals.addBindValue(run64);
    if (!step(totals))
        return false;
    return commit();
}

QList<LibraryRun> LibraryRecords::runs()
{
    m_error = QSqlError();
    QList<LibraryRun> list;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "SELECT id, origin, org_id, run_id, status, created_at, created_ms, web_url, result, summary,"
            " total_logs, stored_entries, stored_bytes, last_opened_ms, last_written_ms,"
            " CASE WHEN origin LIKE 'file:%' THEN run_json END FROM runs"
            " ORDER BY last_opened_ms DESC, id DESC"))) {
        fail(query.lastError());
        return list;
    }
    while (query.next()) {
        LibraryRun run;
        run.key = query.value(0).toLongLong();
        run.origin = query.value(1).toString();
        run.orgId = query.value(2).toLongLong();
        run.runId = query.value(3).toLongLong();
        run.status = query.value(4).toString();
        run.createdAt = query.value(5).toString();
        run.createdMs = query.value(6).toLongLong();
        run.webUrl = query.value(7).toString();
        run.result = query.value(8).toString();
        run.summary = query.value(9).toString();
        if (!query.value(10).isNull())
            run.totalLogs = query.value(10).toLongLong();
        run.storedEntries = query.value(11).toLongLong();
        run.storedBytes = query.value(12).toLongLong();
        run.lastOpenedMs = query.value(13).toLongLong();
        run.lastWrittenMs = query.value(14).toLongLong();
        if (!query.value(15).isNull()) {
            // A run read from another agent's log: its metadata names the agent (and the format).
            const QJsonObject metadata = QJsonDocument::fromJson(query.value(15).toByteArray()).object().value(QLatin1String("metadata")).toObject();
            run.agentName = metadata.value(QLatin1String("agent")).toString();
            if (run.agentName.isEmpty())
                run.agentName = metadata.value(QLatin1String("source_format")).toString();
        }
        list.append(run);
    }
    if (query.lastError().isValid()) {
        fail(query.lastError());
        return list;
    }
    // Counted by the scope's key as NotesScope::forApi() spells it, which maps the demo's
    // origins (a new port at every start) to one.
    const QHash<QString, int> notesByScope = noteCountsByScope();
    for (LibraryRun &run : list)
        run.notes = notesByScope.value(NotesScope::forApi(run.origin, run.orgId, run.runId).key);
    return list;
}

QHash<QString, int> LibraryRecords::noteCountsByScope()
{
    QHash<QString, int> counts;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT scope, count(*) FROM notes GROUP BY scope"))) {
        fail(query.lastError());
        return counts;
    }
    while (query.next())
        counts.insert(query.value(0).toString(), query.value(1).toInt());
    return counts;
}

bool LibraryRecords::deleteRunEntries(qint64 key)
{
    const qint64 low = entryId(key, 0);
    const qint64 high = entryId(key + 1, 0) - 1;
    QSqlQuery unindexText(m_db);
    unindexText.prepare(QStringLiteral("INSERT INTO entry_text (entry_text, rowid, raw) VALUES ('delete', ?, ?)"));
    QSqlQuery read(m_db);
    read.setForwardOnly(true);
    read.prepare(QStringLiteral("SELECT id, raw FROM entries WHERE id BETWEEN ? AND ?"));
    read.addBindValue(low);
    read.addBindValue(high);
    if (!read.exec())
        return fail(read.lastError());
    while (read.next()) {
        unindexText.addBindValue(read.value(0).toLongLong());
        unindexText.addBindValue(EntryIndexText::of(read.value(1).toByteArray()).text);
        if (!unindexText.exec())
            return fail(unindexText.lastError());
    }
    if (read.lastError().isValid())
        return fail(read.lastError());
    for (const char *table : {"entries", "fold_entries"}) {
        QSqlQuery remove(m_db);
        remove.prepare(QStringLiteral("DELETE FROM %1 WHERE id BETWEEN ? AND ?").arg(QLatin1String(table)));
        remove.addBindValue(low);
        remove.addBindValue(high);
        if (!remove.exec())
            return fail(remove.lastError());
    }
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM runs WHERE id = ?"));
    remove.addBindValue(key);
    return remove.exec() || fail(remove.lastError());
}

bool LibraryRecords::removeRun(const PageCache::Key &key)
{
    m_error = QSqlError();
    if (!begin())
        return false;
    const qint64 run = runKey(key);
    if (run < 0 || (run > 0 && !deleteRunEntries(run))) {
        rollback();
        return false;
    }
    // The user's notes go with the run when it is removed (never when it is evicted).
    QSqlQuery removeNotes(m_db);
    removeNotes.prepare(QStringLiteral("DELETE FROM notes WHERE scope = ?"));
    removeNotes.addBindValue(NotesScope::forApi(key.origin, key.run.orgId, key.run.runId).key);
    if (!removeNotes.exec()) {
        fail(removeNotes.lastError());
        rollback();
        return false;
    }
    if (!commit())
        return false;
    compact();
    return true;
}

int LibraryRecords::forgetRuns(const std::function<bool(const QString &origin)> &forgets)
{
    m_error = QSqlError();
    QList<qint64> forgotten;
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT id, origin FROM runs"))) {
            fail(query.lastError());
            return 0;
        }
        while (query.next()) {
            if (forgets(query.value(1).toString()))
                forgotten.append(query.value(0).toLongLong());
        }
    }
    const int removed = dropRuns(forgotten);
    if (removed > 0)
        compact();
    return removed;
}

// Each run and its entries in a transaction of its own (a failure loses only that one), the
// notes left; stops at the first failure. Returns how many went.
int LibraryRecords::dropRuns(const QList<qint64> &runs)
{
    int dropped = 0;
    for (const qint64 run : runs) {
        if (!begin())
            return dropped;
        if (!deleteRunEntries(run)) {
            rollback();
            return dropped;
        }
        if (!commit())
            return dropped;
        ++dropped;
    }
    return dropped;
}

bool LibraryRecords::clear()
{
    m_error = QSqlError();
    if (!begin())
        return false;
    QSqlQuery query(m_db);
    for (const char *statement : {"DELETE FROM entries", "DELETE FROM fold_entries", "DELETE FROM runs", "DELETE FROM notes",
                                  "INSERT INTO entry_text (entry_text) VALUES ('delete-all')"}) {
        if (!query.exec(QString::fromLatin1(statement))) {
            fail(query.lastError());
            rollback();
            return false;
        }
    }
    if (!commit())
        return false;
    vacuumFreePages();
    // The journal too: the logs are gone from the disk, not only from the tables.
    query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return true;
}

qint64 LibraryRecords::usedBytes()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT (SELECT page_count FROM pragma_page_count()) - "
                                   "(SELECT freelist_count FROM pragma_freelist_count()),"
                                   " (SELECT page_size FROM pragma_page_size())"))
        || !query.next()) {
        fail(query.lastError());
        return -1;
    }
    return query.value(0).toLongLong() * query.value(1).toLongLong();
}

int LibraryRecords::enforceSizeLimit(qint64 limitBytes, const PageCache::Key &keep)
{
    m_error = QSqlError();
    if (limitBytes <= 0)
        return 0;
    int removed = 0;
    const qint64 keepKey = runKey(keep);
    // Measured again after each compaction; a few rounds at most, in case the estimate fell short.
    for (int round = 0; round < 4; ++round) {
        const qint64 used = usedBytes();
        if (used < 0 || used <= limitBytes)
            break;
        const QList<qint64> victims = runsToEvict(used, limitBytes * 9 / 10, keepKey);
        if (victims.isEmpty())
            break; // only the run being written is left: it stays, whatever its size
        const int dropped = dropRuns(victims);
        removed += dropped;
        if (dropped < victims.size())
            return removed;
        compact();
    }
    return removed;
}

// The least recently opened runs (never `keepKey`) whose going brings the file from `used` bytes
// down to `target`. Each run's share of the file is its share of the stored bytes: the pages in
// use cannot tell it, since the full-text index keeps a deleted run's pages until it is merged.
// The target is below the limit so that the next pages stored do not evict again at once.
QList<qint64> LibraryRecords::runsToEvict(qint64 used, qint64 target, qint64 keepKey)
{
    QList<qint64> victims;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT coalesce(sum(stored_bytes), 0) FROM runs")) || !query.next()) {
        fail(query.lastError());
        return victims;
    }
    const double bytesPerStoredByte = double(used) / double(std::max<qint64>(1, query.value(0).toLongLong()));
    query.finish();
    query.prepare(QStringLiteral("SELECT id, stored_bytes FROM runs WHERE id != ? ORDER BY last_opened_ms ASC, id ASC"));
    query.addBindValue(keepKey);
    if (!query.exec()) {
        fail(query.lastError());
        return victims;
    }
    qint64 left = used;
    while (left > target && query.next()) {
        victims.append(query.value(0).toLongLong());
        left -= qint64(double(query.value(1).toLongLong()) * bytesPerStoredByte);
    }
    return victims;
}

bool LibraryRecords::needsAutoVacuum()
{
    QSqlQuery query(m_db);
    return query.exec(QStringLiteral("PRAGMA auto_vacuum")) && query.next() && query.value(0).toInt() == 0;
}

bool LibraryRecords::turnOnAutoVacuum()
{
    m_error = QSqlError();
    QSqlQuery query(m_db);
    // VACUUM waits for no lock of its own: it needs the write lock for as long as it runs, so it
    // waits as a writer does at exit.
    setBusyWaitMs(LibraryDatabase::kBusyTimeoutMs);
    const bool done = query.exec(QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL"))
        && query.exec(QStringLiteral("VACUUM"));
    if (!done)
        fail(query.lastError());
    query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    setBusyWaitMs(LibraryWorker::kWriteWaitMs);
    return done;
}

// Every free page back to the file system. Through SQLite's own exec, which steps the statement to
// its end: it frees one page per step, and QSqlQuery::exec() steps a statement with no result
// columns once (one page).
void LibraryRecords::vacuumFreePages()
{
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return;
    if (sqlite3 *sqlite = *static_cast<sqlite3 *const *>(handle.data()))
        sqlite3_exec(sqlite, "PRAGMA incremental_vacuum", nullptr, nullptr, nullptr);
}

// Gives the space of removed runs back: the full-text index merged (which drops what its 'delete'
// tombstones name), the free pages returned to the file system, and the journal emptied. Its cost
// grows with the index, so it runs once per eviction, which the 10 % margin keeps rare.
void LibraryRecords::compact()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("INSERT INTO entry_text (entry_text) VALUES ('optimize')")))
        fail(query.lastError());
    vacuumFreePages();
    query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}
