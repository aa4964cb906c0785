// SPDX-License-Identifier: MIT
#include "notes/notesplacement.h"

#include "notes/entryhash.h"

#include <QHash>
#include <QMap>

#include <optional>

namespace NotesPlacement {

Result place(const QList<StoredNote> &stored, const QList<QByteArray> &entries)
{
    // Most notes are where they were left: only their entries are hashed. Every entry is hashed
    // (SHA-256 of the whole run: seconds for a million entries) only when a note must look for
    // its entry elsewhere, as the window does (RunNotes).
    std::optional<QHash<QByteArray, qint64>> positionOf;
    const auto findEntry = [&positionOf, &entries](const QByteArray &hash) -> std::optional<qint64> {
        if (!positionOf) {
            positionOf.emplace();
            positionOf->reserve(entries.size());
            for (qsizetype i = 0; i < entries.size(); ++i)
                positionOf->insert(EntryHash::of(entries.at(i)), i); // identical entries: the last one (any would do)
        }
        const auto at = positionOf->constFind(hash);
        return at == positionOf->cend() ? std::nullopt : std::optional<qint64>(*at);
    };
    QMap<qint64, StoredNote> placed;
    Result result;
    for (StoredNote note : stored) {
        const bool inRun = note.position >= 0 && note.position < entries.size();
        const QByteArray hashThere = inRun ? EntryHash::of(entries.at(note.position)) : QByteArray();
        if (inRun && (note.entrySha256.isEmpty() || hashThere == note.entrySha256)) {
            note.entrySha256 = hashThere;
        } else if (const std::optional<qint64> found = note.entrySha256.isEmpty() ? std::nullopt : findEntry(note.entrySha256)) {
            note.position = *found;
        } else {
            result.orphans.append(note);
            continue;
        }
        if (placed.contains(note.position)) {
            result.orphans.append(note);
            continue;
        }
        placed.insert(note.position, note);
    }
    result.placed = placed.values();
    return result;
}

} // namespace NotesPlacement
