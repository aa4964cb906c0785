// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>
#include <QtGlobal>

// What a search found over a corpus: "37 matches in 21 entries".
struct SearchResult
{
    QVector<int> matchingRows; // source rows of the LogTableModel, ascending
    qint64 matchCount = 0;     // non-overlapping matches over all rows
    int entryCount = 0;        // rows with at least one match (matchingRows.size())
    int searchedRows = 0;      // rows with text that were searched so far
    bool complete = false;     // false for a partial result delivered while the search runs
    QString error;             // why nothing was searched (an invalid regular expression)
};

Q_DECLARE_METATYPE(SearchResult)
