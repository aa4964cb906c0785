// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

// What the library's full-text index is told of an entry: the text in-run search sees
// (SearchText), its value separators made line breaks (SQLite text holds no NUL). The same bytes
// must be given again to take the entry out of the index, so this is the one place that makes
// them. An index finds candidates only; every match is checked against SearchText itself.
struct EntryIndexText
{
    QByteArray text;
    // The entry holds a character that case-insensitive search folds into ASCII (Qt's folding,
    // which SQLite's may not share): always checked, whatever the index says.
    bool foldsIntoAscii = false;

    static EntryIndexText of(QByteArrayView rawEntryJson);
};
