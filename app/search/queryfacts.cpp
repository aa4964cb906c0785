// SPDX-License-Identifier: MIT
#include "search/queryfacts.h"

#include "rows/logtablemodel.h"

#include <QHash>

QueryFacts QueryFacts::fromModel(const LogTableModel &model)
{
    QueryFacts facts;
    const LogStore &store = model.store();
    const int rows = store.size();
    facts.texts = store.texts();
    facts.rows.resize(rows);
    if (rows == 0)
        return facts;
    const bool reversed = model.isReversed();
    // Rows are numbered from the oldest: row 0 is entry 0, or the newest in a reversed view.
    const int firstEntry = model.data(model.index(0, 0), LogTableModel::ChronologicalIndexRole).toInt();
    for (int row = 0; row < rows; ++row) {
        QueryRowFacts &f = facts.rows[row];
        f.entry = reversed ? firstEntry - row : row;
        f.marked = model.isMarked(row);
        if (!store.isLoaded(row))
            continue;
        f.messageType = store.messageTypeIdAt(row);
        f.toolName = store.toolNameIdAt(row);
        f.createdAtMsecs = store.createdAtMsecsAt(row);
    }
    for (int row = 0; row < rows; ++row) {
        const int previous = reversed ? row + 1 : row - 1;
        if (previous < 0 || previous >= rows)
            continue;
        const qint64 now = facts.rows.at(row).createdAtMsecs;
        const qint64 before = facts.rows.at(previous).createdAtMsecs;
        if (now != LogEntry::kNoTime && before != LogEntry::kNoTime)
            facts.rows[row].gapMsecs = now - before;
    }
    return facts;
}

QueryFacts QueryFacts::fromEntries(const QStringList &types, const QStringList &tools, const QVector<qint64> &times,
                                   const QSet<int> &marked)
{
    QueryFacts facts;
    QHash<QString, quint32> ids;
    const auto idOf = [&](const QString &text) -> quint32 {
        if (text.isNull())
            return 0;
        auto it = ids.find(text);
        if (it == ids.end()) {
            it = ids.insert(text, quint32(facts.texts.size()));
            facts.texts.append(text);
        }
        return *it;
    };
    const int rows = int(times.size());
    facts.rows.resize(rows);
    for (int row = 0; row < rows; ++row) {
        QueryRowFacts &f = facts.rows[row];
        f.entry = row;
        f.marked = marked.contains(row);
        f.messageType = idOf(types.value(row));
        f.toolName = idOf(tools.value(row));
        f.createdAtMsecs = times.at(row);
        if (row > 0 && f.createdAtMsecs != LogEntry::kNoTime && times.at(row - 1) != LogEntry::kNoTime)
            f.gapMsecs = f.createdAtMsecs - times.at(row - 1);
    }
    return facts;
}
