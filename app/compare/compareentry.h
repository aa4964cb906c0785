// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

// What a comparison shows of one entry, read from its raw JSON when it is shown (never kept for
// a whole run): its row's columns and the four fields whose text is compared word by word.
namespace CompareEntry {

struct Line
{
    QString messageType;
    QString toolName;
    QString summary; // the main table's one line (PageParser::summaryOf)
};
Line lineOf(QByteArrayView rawEntry);

// The texts a `changed` pair differs in, readable: a JSON string as its text, any other value
// as JsonText::readable shows it (`key: value` lines); null or absent as empty.
struct Fields
{
    QString thought;
    QString observation;
    QString toolInput;
    QString toolOutput;
};
Fields fieldsOf(QByteArrayView rawEntry);

} // namespace CompareEntry
