// SPDX-License-Identifier: MIT
#include "notes/runnotes.h"

#include "notes/entryhash.h"
#include "notes/fileidentity.h"
#include "rows/logtablemodel.h"
#include "store/runlibrary.h"

#include <QDateTime>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace {
// Without a library (--no-store) notes last as long as the process: a run opened again in the
// same session (or in the other order) still has them.
QHash<QString, QList<StoredNote>> &sessionNotes()
{
    static QHash<QString, QList<StoredNote>> notes;
    return notes;
}

struct HashedRows
{
    QList<std::pair<qint64, QByteArray>> hashes; // position, hash
};

QString joined(const QString &a, const QString &b)
{
    if (a.isEmpty() || a == b)
        return b;
    if (b.isEmpty())
        return a;
    return a + QStringLiteral("\n\n") + b;
}
} // namespace

RunNotes::RunNotes(LogTableModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    qRegisterMetaType<RunNotes::ImportResult>();
    connect(m_model, &LogTableModel::marksChanged, this, &RunNotes::onMarksChanged);
    connect(m_model, &LogTableModel::entriesSet, this, &RunNotes::onEntriesSet);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // Positions hashed so far are of the rows that went.
        m_knownHashes.clear();
        m_hashedPositions.clear();
    });
}

RunNotes::~RunNotes()
{
    if (m_search)
        m_search->waitForFinished();
}

void RunNotes::setLibrary(RunLibrary *library)
{
    m_library = library;
}

void RunNotes::open(const NotesScope &scope, const QSet<int> &legacyMarks)
{
    const quint64 generation = ++m_generation;
    m_scope = scope;
    m_ready = false;
    m_placed.clear();
    m_orphans.clear();
    m_pendingImport.clear();
    m_importing = false;
    publish();
    if (!scope.isValid()) {
        adopt({}, legacyMarks);
        return;
    }
    if (!m_library) {
        adopt(sessionNotes().value(scope.key), legacyMarks);
        return;
    }
    m_library->loadNotes(scope.key, this, [this, generation, legacyMarks](const QList<StoredNote> &stored) {
        if (generation == m_generation)
            adopt(stored, legacyMarks);
    });
}

void RunNotes::openFile(const QString &path, std::optional<qint64> orgId, std::optional<qint64> runId,
                        const QSet<int> &legacyMarks, const QString &part)
{
    const quint64 generation = ++m_generation;
    m_scope = {};
    m_ready = false;
    m_placed.clear();
    m_orphans.clear();
    publish();
    auto *watcher = new QFutureWatcher<NotesScope>(this);
    connect(watcher, &QFutureWatcher<NotesScope>::finished, this, [this, watcher, generation, orgId, runId, legacyMarks, part] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        NotesScope scope = watcher->result();
        if (scope.isValid() && !part.isEmpty())
            scope.key += QStringLiteral(" part ") + part;
        scope.orgId = orgId;
        scope.runId = runId;
        open(scope, legacyMarks);
    });
    watcher->setFuture(QtConcurrent::run([path] { return FileIdentity::scopeOf(path); }));
}

void RunNotes::close()
{
    ++m_generation;
    m_scope = {};
    m_ready = false;
    m_placed.clear();
    m_orphans.clear();
    m_pendingImport.clear();
    m_importing = false;
    publish();
}

void RunNotes::adopt(const QList<StoredNote> &stored, const QSet<int> &legacyMarks)
{
    for (const StoredNote &note : stored) {
        if (m_placed.contains(note.position))
            m_orphans.append(note); // two notes for one place: the second one's entry moved away
        else
            m_placed.insert(note.position, note);
    }
    // Marks set before the notes were read, and marks an older Runlog kept in its settings.
    QSet<int> marks = legacyMarks;
    marks.unite(m_model->markedEntries());
    for (int position : std::as_const(marks)) {
        StoredNote &note = m_placed[position];
        note.position = position;
        note.marked = true;
    }
    m_ready = true;
    publish();
    verifyRows(0, m_model->rowCount() - 1);
    if (!legacyMarks.isEmpty())
        save();
}

QString RunNotes::noteAt(int row) const
{
    return m_model->noteText(row);
}

StoredNote *RunNotes::placedAt(qint64 position)
{
    const auto it = m_placed.find(position);
    return it == m_placed.end() ? nullptr : &it.value();
}

void RunNotes::setNote(int row, const QString &text)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const qint64 position = m_model->positionOfRow(row);
    const QString kept = text.trimmed().isEmpty() ? QString() : text;
    StoredNote *note = placedAt(position);
    if (!note) {
        if (kept.isEmpty())
            return;
        note = &m_placed[position];
        note->position = position;
    }
    note->text = kept;
    note->updatedMs = QDateTime::currentMSecsSinceEpoch();
    if (m_model->store().isLoaded(row))
        note->entrySha256 = EntryHash::of(m_model->store().rawJsonAt(row));
    if (note->text.isEmpty() && !note->marked)
        m_placed.remove(position);
    publish();
    save();
}

void RunNotes::removeNote(qint64 position, const QByteArray &entrySha256)
{
    for (int i = 0; i < m_orphans.size(); ++i) {
        if (m_orphans.at(i).position == position && m_orphans.at(i).entrySha256 == entrySha256) {
            m_orphans.removeAt(i);
            publish();
            save();
            return;
        }
    }
    if (StoredNote *note = placedAt(position)) {
        note->text.clear();
        if (!note->marked)
            m_placed.remove(position);
        publish();
        save();
    }
}

QList<StoredNote> RunNotes::records() const
{
    QList<StoredNote> all = m_placed.values();
    all.append(m_orphans);
    return all;
}

QList<StoredNote> RunNotes::notes() const
{
    QList<StoredNote> withText;
    for (const StoredNote &note : m_placed) {
        if (!note.text.isEmpty())
            withText.append(note);
    }
    for (const StoredNote &note : m_orphans) {
        if (!note.text.isEmpty())
            withText.append(note);
    }
    return withText;
}

bool RunNotes::isOrphan(const StoredNote &note) const
{
    return std::any_of(m_orphans.cbegin(), m_orphans.cend(), [&note](const StoredNote &orphan) {
        return orphan.position == note.position && orphan.entrySha256 == note.entrySha256;
    });
}

void RunNotes::onMarksChanged()
{
    if (m_publishing)
        return;
    const QSet<int> marks = m_model->markedEntries();
    bool changedAny = false;
    for (auto it = m_placed.begin(); it != m_placed.end();) {
        const bool marked = marks.contains(int(it.key()));
        if (it->marked != marked) {
            it->marked = marked;
            changedAny = true;
        }
        if (!it->marked && it->text.isEmpty())
            it = m_placed.erase(it);
        else
            ++it;
    }
    for (int position : marks) {
        if (m_placed.contains(position))
            continue;
        StoredNote note;
        note.position = position;
        note.marked = true;
        note.updatedMs = QDateTime::currentMSecsSinceEpoch();
        const int row = m_model->rowOfPosition(position);
        if (row >= 0 && m_model->store().isLoaded(row))
            note.entrySha256 = EntryHash::of(m_model->store().rawJsonAt(row));
        m_placed.insert(position, note);
        changedAny = true;
    }
    if (changedAny) {
        save();
        emit changed();
    }
}

void RunNotes::onEntriesSet(int firstRow, int lastRow)
{
    if (m_ready)
        verifyRows(firstRow, lastRow);
}

void RunNotes::verifyRows(int firstRow, int lastRow)
{
    const LogStore &store = m_model->store();
    bool learned = false;
    bool moved = false;
    for (auto it = m_placed.begin(); it != m_placed.end();) {
        const int row = m_model->rowOfPosition(int(it.key()));
        if (row < firstRow || row > lastRow || row < 0 || !store.isLoaded(row)) {
            ++it;
            continue;
        }
        const QByteArray hash = EntryHash::of(store.rawJsonAt(row));
        m_knownHashes.insert(hash, it.key());
        m_hashedPositions.insert(it.key());
        if (it->entrySha256.isEmpty()) {
            // A mark kept before notes had hashes: this is its entry.
            it->entrySha256 = hash;
            learned = true;
        } else if (it->entrySha256 != hash) {
            // Another entry holds this place now: the note looks for its own.
            m_orphans.append(*it);
            it = m_placed.erase(it);
            moved = true;
            continue;
        }
        ++it;
    }
    if (moved)
        publish();
    if (learned || moved)
        save();
    if (!m_orphans.isEmpty() || m_importing)
        startHashSearch();
}

void RunNotes::startHashSearch()
{
    if (m_search) {
        m_searchAgain = true;
        return;
    }
    const LogStore &store = m_model->store();
    const int rows = store.size();
    if (rows == 0) {
        onHashesFound({});
        return;
    }
    // Position of row r: the model's numbering, taken now (rows may change while the worker runs).
    const qint64 first = m_model->positionOfRow(0);
    const bool reversed = m_model->isReversed();
    auto views = std::make_shared<std::vector<QByteArrayView>>(store.rawViews());
    const QList<std::shared_ptr<const void>> owners = store.rawOwners();
    const QSet<qint64> skip = m_hashedPositions;
    m_search = new QFutureWatcher<HashMap>(this);
    const quint64 generation = m_generation;
    connect(m_search, &QFutureWatcher<HashMap>::finished, this, [this, generation] {
        const HashMap found = m_search->result();
        m_search->deleteLater();
        m_search = nullptr;
        if (generation != m_generation) {
            m_searchAgain = false;
            return;
        }
        onHashesFound(found);
    });
    m_search->setFuture(QtConcurrent::run([views, owners, skip, first, reversed] {
        HashMap found;
        for (size_t row = 0; row < views->size(); ++row) {
            const QByteArrayView view = (*views)[row];
            const qint64 position = reversed ? first - qint64(row) : first + qint64(row);
            if (view.isEmpty() || skip.contains(position))
                continue;
            found.insert(EntryHash::of(view), position);
        }
        return found;
    }));
}

void RunNotes::onHashesFound(const HashMap &found)
{
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        m_knownHashes.insert(it.key(), it.value());
        m_hashedPositions.insert(it.value());
    }
    bool moved = false;
    for (int i = 0; i < m_orphans.size();) {
        const StoredNote orphan = m_orphans.at(i);
        const auto at = m_knownHashes.constFind(orphan.entrySha256);
        if (at == m_knownHashes.cend()) {
            ++i;
            continue;
        }
        StoredNote *there = placedAt(*at);
        if (there && !there->entrySha256.isEmpty() && there->entrySha256 != orphan.entrySha256) {
            ++i;
            continue;
        }
        StoredNote placed = orphan;
        placed.position = *at;
        if (there) {
            placed.text = joined(there->text, orphan.text);
            placed.marked = there->marked || orphan.marked;
        }
        m_placed.insert(*at, placed);
        m_orphans.removeAt(i);
        moved = true;
    }
    if (moved) {
        publish();
        save();
    }
    if (m_searchAgain) {
        m_searchAgain = false;
        startHashSearch();
        return;
    }
    if (m_importing)
        finishImport();
}

void RunNotes::importNotes(const QList<StoredNote> &incoming)
{
    m_pendingImport.append(incoming);
    m_importing = true;
    startHashSearch();
}

void RunNotes::finishImport()
{
    m_importing = false;
    ImportResult result;
    const QList<StoredNote> incoming = std::exchange(m_pendingImport, {});
    const LogStore &store = m_model->store();
    for (const StoredNote &note : incoming) {
        qint64 position = -1;
        const auto at = m_knownHashes.constFind(note.entrySha256);
        if (at != m_knownHashes.cend()) {
            position = *at;
        } else {
            // Its place is not loaded yet: it waits there and is checked when the entry comes.
            const int row = m_model->rowOfPosition(int(note.position));
            if (row >= 0 && !store.isLoaded(row) && !m_hashedPositions.contains(note.position))
                position = note.position;
        }
        StoredNote *there = position >= 0 ? placedAt(position) : nullptr;
        if (position < 0 || (there && !there->entrySha256.isEmpty() && there->entrySha256 != note.entrySha256)) {
            result.unplaced.append(note);
            continue;
        }
        StoredNote placed = note;
        placed.position = position;
        if (there) {
            placed.text = joined(there->text, note.text);
            placed.marked = there->marked || note.marked;
        }
        if (placed.updatedMs == 0)
            placed.updatedMs = QDateTime::currentMSecsSinceEpoch();
        m_placed.insert(position, placed);
        ++result.placed;
    }
    publish();
    save();
    emit imported(result);
}

void RunNotes::publish()
{
    QSet<int> marks;
    QHash<int, QString> texts;
    for (const StoredNote &note : std::as_const(m_placed)) {
        if (note.marked)
            marks.insert(int(note.position));
        if (!note.text.isEmpty())
            texts.insert(int(note.position), note.text);
    }
    m_publishing = true;
    m_model->setMarkedEntries(marks);
    m_model->setNotes(texts);
    m_publishing = false;
    emit changed();
}

void RunNotes::save()
{
    if (!m_ready || !m_scope.isValid())
        return;
    const QList<StoredNote> all = records();
    if (m_library)
        m_library->saveNotes(m_scope, all);
    else
        sessionNotes().insert(m_scope.key, all);
}
