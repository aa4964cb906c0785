// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QtGlobal>

// Each distinct text once. A run's entries name a handful of message types and tools, each of
// them many times: one kept QString per distinct text, and a small id for it, cost a few bytes
// per entry instead of a string each. A null text (the server sent null) is kept apart from ""
// (QHash would take them for the same key); whether it has an id of its own is the owner's
// choice (NullText). Not thread-safe; a copy is cheap (implicitly shared) and independent.
class StringInterner
{
public:
    using Id = qint32;
    static constexpr Id kNoId = -1;

    enum class NullText {
        NoId,    // a null text is kNoId; the texts, never null, are ids 0, 1, 2...
        IdZero,  // a null text is id 0 (at(0) is null); the other texts are ids 1, 2...
    };
    explicit StringInterner(NullText nullText = NullText::NoId);

    // The id of `text`, given on first sight, in order. Every text is kept: an id stands for it.
    Id idOf(const QString &text);
    // The text of an id idOf() gave; a null QString for kNoId.
    QString textOf(Id id) const { return id == kNoId ? QString() : m_texts.at(id); }
    // The texts by id, as a list would give them.
    const QString &at(qsizetype id) const { return m_texts.at(id); }
    qsizetype size() const { return m_texts.size(); }
    const QStringList &texts() const { return m_texts; }
    // Forgets every text (ids start again).
    void clear();

    // The kept copy of `text`, so that equal texts share one string. A text not met before is
    // kept only while fewer than `maxTexts` are: a file of ever new tool names does not make
    // this grow without end (such a text is returned as it is). A null text stays null.
    QString shared(const QString &text, qsizetype maxTexts);
    // The same for a text given as UTF-8 bytes: a text met before is found by its bytes,
    // without decoding them again.
    QString sharedUtf8(QByteArrayView utf8, qsizetype maxTexts);

private:
    // The id of a non-null text, kept if new and fewer than maxTexts are kept; else kNoId.
    Id keptIdOf(const QString &text, qsizetype maxTexts);

    NullText m_nullText;
    QStringList m_texts;
    QHash<QString, Id> m_ids;          // never holds the null text
    QHash<QByteArray, Id> m_utf8Ids;   // sharedUtf8()'s texts by their bytes
};
