// SPDX-License-Identifier: MIT
// Where the command line places the library's notes on a whole run (NotesPlacement): at their
// position when the entry there is theirs, else at the entry with their hash, else nowhere.
// Expected places written by hand; hashes computed here with QCryptographicHash.
#include "notes/notesplacement.h"

#include <QCryptographicHash>
#include <QTest>

namespace {

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

StoredNote note(qint64 position, const QByteArray &entry, const char *text)
{
    StoredNote made;
    made.position = position;
    made.entrySha256 = entry.isNull() ? QByteArray() : sha256(entry);
    made.text = QString::fromUtf8(text);
    return made;
}

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list << QString::fromUtf8(text);
    return list;
}

// position:text of each note, in order.
QStringList placesOf(const QList<StoredNote> &notes)
{
    QStringList places;
    for (const StoredNote &placed : notes)
        places << QString::number(placed.position) + u':' + placed.text;
    return places;
}

const QList<QByteArray> kRun{R"({"id":1})", R"({"id":2})", R"({"id":3})", R"({"id":2})", R"({"id":5})"};

} // namespace

class TestNotesPlacement : public QObject
{
    Q_OBJECT

private slots:
    void noNotes();
    void notesWhereTheyWereLeft();
    void notesFollowTheirEntries();
    void marksWithoutHashTakeTheirPlace();
    void oneNoteAPlace();
};

void TestNotesPlacement::noNotes()
{
    const NotesPlacement::Result result = NotesPlacement::place({}, kRun);
    QVERIFY(result.placed.isEmpty());
    QVERIFY(result.orphans.isEmpty());
}

void TestNotesPlacement::notesWhereTheyWereLeft()
{
    const NotesPlacement::Result result
        = NotesPlacement::place({note(4, R"({"id":5})", "e"), note(0, R"({"id":1})", "a")}, kRun);
    QCOMPARE(placesOf(result.placed), strings({"0:a", "4:e"}));
    QVERIFY(result.orphans.isEmpty());
}

void TestNotesPlacement::notesFollowTheirEntries()
{
    // The run was read again from its other end: the notes' positions hold other entries now.
    const NotesPlacement::Result result = NotesPlacement::place(
        {note(0, R"({"id":3})", "three"), note(9, R"({"id":5})", "five, past the end"),
         note(1, R"({"id":2})", "two, where it was"), note(2, R"({"id":2})", "two again: the last copy"),
         note(3, R"({"id":9})", "gone")},
        kRun);
    QCOMPARE(placesOf(result.placed), strings({"1:two, where it was", "2:three", "3:two again: the last copy",
                                                    "4:five, past the end"}));
    QCOMPARE(placesOf(result.orphans), strings({"3:gone"}));
}

void TestNotesPlacement::marksWithoutHashTakeTheirPlace()
{
    // Marks kept before notes had hashes: the entry at their place is theirs, and gives its hash.
    StoredNote mark = note(2, QByteArray(), "");
    mark.marked = true;
    StoredNote lost = note(7, QByteArray(), "no place, no hash");
    const NotesPlacement::Result result = NotesPlacement::place({mark, lost}, kRun);
    QCOMPARE(result.placed.size(), 1);
    QCOMPARE(result.placed.first().position, 2);
    QVERIFY(result.placed.first().marked);
    QCOMPARE(result.placed.first().entrySha256, sha256(R"({"id":3})"));
    QCOMPARE(placesOf(result.orphans), strings({"7:no place, no hash"}));
}

void TestNotesPlacement::oneNoteAPlace()
{
    // Two notes that find the same entry: the first keeps it.
    const NotesPlacement::Result result
        = NotesPlacement::place({note(4, R"({"id":5})", "first"), note(0, R"({"id":5})", "second")}, kRun);
    QCOMPARE(placesOf(result.placed), strings({"4:first"}));
    QCOMPARE(result.orphans.size(), 1);
    QCOMPARE(result.orphans.first().text, QStringLiteral("second"));
}

QTEST_GUILESS_MAIN(TestNotesPlacement)
#include "tst_notesplacement.moc"
