// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QSqlDatabase>
#include <QStringList>

// The values the library's own runs and entries give the query language's keys, for Search All
// Runs' completer: statuses, sources (origins), organizations of the stored runs, and the message
// types and tool names of the most recently stored entries (a sample: reading every entry of a
// big library would take seconds for a list of suggestions).
struct LibraryQueryValues
{
    static constexpr int kSampledEntries = 20000;

    QStringList types;
    QStringList tools;
    QStringList statuses;
    QStringList sources;
    QStringList orgs;

    // The values of a key (type, tool, status, source, org); none for other keys.
    QStringList valuesFor(const QString &key) const;

    // Reads them on the calling thread (a worker's); empty lists when the library cannot be read.
    static LibraryQueryValues read(const QSqlDatabase &db, int sampledEntries = kSampledEntries);
};
Q_DECLARE_METATYPE(LibraryQueryValues)
