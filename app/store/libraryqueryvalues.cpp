// SPDX-License-Identifier: MIT
#include "store/libraryqueryvalues.h"

#include "api/pageparser.h"

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace {
// Sorted as a user scans a list: any case, then exactly, each value once.
QStringList sortedUnique(const QSet<QString> &values)
{
    QStringList list(values.begin(), values.end());
    list.removeAll(QString());
    std::sort(list.begin(), list.end(), [](const QString &a, const QString &b) {
        const int order = a.compare(b, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : a < b;
    });
    return list;
}

QSet<QString> column(const QSqlDatabase &db, const QString &sql)
{
    QSet<QString> values;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (query.exec(sql)) {
        while (query.next())
            values.insert(query.value(0).toString());
    }
    return values;
}
} // namespace

QStringList LibraryQueryValues::valuesFor(const QString &key) const
{
    if (key == QLatin1String("type"))
        return types;
    if (key == QLatin1String("tool"))
        return tools;
    if (key == QLatin1String("status"))
        return statuses;
    if (key == QLatin1String("source"))
        return sources;
    if (key == QLatin1String("org"))
        return orgs;
    return {};
}

LibraryQueryValues LibraryQueryValues::read(const QSqlDatabase &db, int sampledEntries)
{
    LibraryQueryValues values;
    values.statuses = sortedUnique(column(db, QStringLiteral("SELECT DISTINCT status FROM runs WHERE status IS NOT NULL")));
    values.sources = sortedUnique(column(db, QStringLiteral("SELECT DISTINCT origin FROM runs")));
    QStringList orgs = column(db, QStringLiteral("SELECT DISTINCT org_id FROM runs")).values();
    std::sort(orgs.begin(), orgs.end(), [](const QString &a, const QString &b) { return a.toLongLong() < b.toLongLong(); });
    values.orgs = orgs;

    // Entry ids grow with the run's key: the highest are of the runs stored last.
    QSet<QString> types, tools;
    QSqlQuery entries(db);
    entries.setForwardOnly(true);
    entries.prepare(QStringLiteral("SELECT raw FROM entries ORDER BY id DESC LIMIT ?"));
    entries.addBindValue(sampledEntries);
    if (entries.exec()) {
        while (entries.next()) {
            const EntryParseResult entry = PageParser::parseEntry(entries.value(0).toByteArray(), 0);
            if (!entry.ok)
                continue;
            types.insert(entry.entry.messageType);
            tools.insert(entry.entry.toolName);
        }
    }
    values.types = sortedUnique(types);
    values.tools = sortedUnique(tools);
    return values;
}
