// SPDX-License-Identifier: MIT
// Entries copied into shared blocks (BlockCopies, issue 28): each copy holds exactly its bytes,
// NUL-terminated, lives on after the copier and the other copies of its block, and changing one
// never shows in another; consecutive small copies share a block (the reason for it).
#include "agentlogs/blockcopies.h"
#include "json/paddedjson.h"

#include <QRandomGenerator>
#include <QtTest>

#include <functional>
#include <limits>
#include <memory>
#include <thread>

namespace {

QByteArray randomBytes(QRandomGenerator &random, qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(random.bounded(256)); // NULs too: a copy's size is its own, not strlen's
    return bytes;
}

} // namespace

class TestBlockCopies : public QObject
{
    Q_OBJECT

private slots:
    void copiesHoldTheirBytes();
    void smallCopiesShareABlock();
    void copiesOutliveTheCopierAndEachOther();
    void aChangedCopyIsItsOwn();
    void copiesAreFreedOnAnyThread();
    void theLastCopyOfABlockChangesLikeAnyArray();
    void anyEstimateOfBytesToCome();
    void aCopyIsParsedWithinItsBlock();
};

void TestBlockCopies::copiesHoldTheirBytes()
{
    QRandomGenerator random(2801);
    const qsizetype ownArray = BlockCopies::kMaxBlockBytes / 4;
    QList<QByteArray> expected;
    for (const qsizetype size : {qsizetype(0), qsizetype(1), ownArray - 2, ownArray - 1, ownArray, qsizetype(3), BlockCopies::kMaxBlockBytes + 5})
        expected.append(randomBytes(random, size));
    for (int i = 0; i < 3000; ++i)
        expected.append(randomBytes(random, random.bounded(3) ? random.bounded(200) : random.bounded(300000)));
    // Memory that held other bytes first (freed blocks of 0xFF copies), so that a NUL is not
    // there by the chance of fresh, zeroed pages.
    for (int round = 0; round < 4; ++round) {
        BlockCopies copier;
        QList<QByteArray> filler;
        for (int i = 0; i < 2000; ++i)
            filler.append(copier.copy(QByteArray(1 + random.bounded(300), '\xFF'), 150 * (2000 - i)));
    }
    QList<QByteArray> copies;
    {
        BlockCopies copier;
        for (const QByteArray &bytes : std::as_const(expected))
            copies.append(copier.copy(bytes, random.bounded(2) ? 0 : random.bounded(10000000)));
    }
    QCOMPARE(copies, expected);
    for (const QByteArray &copy : std::as_const(copies)) {
        QVERIFY(!copy.isNull());
        QCOMPARE(copy.constData()[copy.size()], '\0');
    }
}

void TestBlockCopies::smallCopiesShareABlock()
{
    BlockCopies copier;
    const QByteArray first = copier.copy("first entry", 1000);
    const QByteArray second = copier.copy("second", 1000);
    const QByteArray third = copier.copy("third one", 1000);
    // Each right after the one before and its NUL: one block, no allocation of its own.
    QCOMPARE(second.constData(), first.constData() + first.size() + 1);
    QCOMPARE(third.constData(), second.constData() + second.size() + 1);
    // A copy too large for a block is an array of its own, and the block goes on after it.
    const QByteArray large = copier.copy(QByteArray(BlockCopies::kMaxBlockBytes / 4, 'x'));
    const QByteArray fourth = copier.copy("fourth");
    QCOMPARE(fourth.constData(), third.constData() + third.size() + 1);
    QVERIFY(large.constData() < first.constData() || large.constData() > fourth.constData());
}

void TestBlockCopies::copiesOutliveTheCopierAndEachOther()
{
    QRandomGenerator random(2802);
    QList<QByteArray> expected;
    QList<QByteArray> copies;
    {
        BlockCopies copier;
        for (int i = 0; i < 20000; ++i) {
            expected.append(randomBytes(random, 1 + random.bounded(600)));
            copies.append(copier.copy(expected.last(), 300 * (20000 - i)));
        }
    }
    // Dropped in a random order: the others keep their bytes until the last of a block goes.
    while (!copies.isEmpty()) {
        const qsizetype k = random.bounded(copies.size());
        QCOMPARE(copies.at(k), expected.at(k));
        copies.removeAt(k);
        expected.removeAt(k);
        if (copies.size() % 997 == 0)
            QCOMPARE(copies, expected);
    }
}

void TestBlockCopies::aChangedCopyIsItsOwn()
{
    BlockCopies copier;
    QByteArray a = copier.copy("alpha", 100);
    QByteArray b = copier.copy("bravo", 100);
    QByteArray c = copier.copy("charlie", 100);
    a.append(" and more after it");       // would run into b's bytes in place
    b.data()[0] = 'B';                     // a write through data()
    c.fill('#');
    QCOMPARE(a, QByteArray("alpha and more after it"));
    QCOMPARE(b, QByteArray("Bravo"));
    QCOMPARE(c, QByteArray("#######"));
    const QByteArray d = copier.copy("delta", 100);
    QCOMPARE(d, QByteArray("delta"));

    // The last copy left in a block, the copier gone: still its own bytes, and it can grow.
    QByteArray last;
    {
        BlockCopies other;
        QByteArray before = other.copy("before", 100);
        last = other.copy("last", 100);
        QByteArray after = other.copy("after", 100);
        QCOMPARE(before, QByteArray("before"));
        QCOMPARE(after, QByteArray("after"));
    }
    last.append(QByteArray(5000, 'z'));
    QCOMPARE(last.size(), 5004);
    QVERIFY(last.startsWith("last"));
    QCOMPARE(last.count('z'), 5000);
}

void TestBlockCopies::copiesAreFreedOnAnyThread()
{
    // The block's reference count is Qt's atomic one: copies dropped on several threads at once.
    for (int round = 0; round < 20; ++round) {
        auto halves = std::make_unique<QList<QByteArray>[]>(2);
        {
            BlockCopies copier;
            for (int i = 0; i < 4000; ++i)
                halves[i % 2].append(copier.copy(QByteArray::number(i) + " entry", 8 * (4000 - i)));
        }
        int wrong = 0;
        std::thread first([&] { halves[0].clear(); });
        std::thread second([&] {
            for (int i = 0; i < halves[1].size(); ++i)
                wrong += halves[1].at(i) != QByteArray::number(2 * i + 1) + " entry";
            halves[1].clear();
        });
        first.join();
        second.join();
        QCOMPARE(wrong, 0);
        QVERIFY(halves[0].isEmpty() && halves[1].isEmpty());
    }
}

void TestBlockCopies::theLastCopyOfABlockChangesLikeAnyArray()
{
    // Once a copy is all that is left of its block (ref 1: the copier and the other copies gone),
    // Qt changes it in place: its room runs from the block's start (before it) to the block's end
    // (after it), and growing it reallocates the block with the copy at its offset (realloc of
    // the block's start, never of the copy's). Each change below, made to such a copy (the
    // first, a middle and the last of a block), must give what it gives an ordinary array.
    using Change = std::function<void(QByteArray &)>;
    const QList<Change> changes{
        [](QByteArray &a) { a.append(" tail"); },
        [](QByteArray &a) { a.append(QByteArray(3 * BlockCopies::kMaxBlockBytes, 'g')); }, // past the block
        [](QByteArray &a) { a.prepend("head "); },
        [](QByteArray &a) { a.prepend(QByteArray(200000, 'h')); },
        [](QByteArray &a) { a.insert(2, "in"); },
        [](QByteArray &a) { a.resize(a.size() + 70000); a.fill('r'); },
        [](QByteArray &a) { a.resize(2); },
        [](QByteArray &a) { a.reserve(BlockCopies::kMaxBlockBytes); a.append('v'); },
        [](QByteArray &a) { a.squeeze(); a.append('s'); },
        [](QByteArray &a) { a.chop(1); a.truncate(2); },
        [](QByteArray &a) { a.replace("ee", "EEEE"); },
        [](QByteArray &a) { a.remove(0, 2); a.append("after a removal at the front"); },
        [](QByteArray &a) { a.data()[0] = 'D'; },
        [](QByteArray &a) { a.clear(); a.append("cleared"); },
        [](QByteArray &a) { a = "assigned"; a.append(QByteArray(100000, 'a')); },
        [](QByteArray &a) { a = QByteArray(); },
    };
    for (qsizetype c = 0; c < changes.size(); ++c) {
        for (int which = 0; which < 3; ++which) {
            QByteArray kept;
            {
                BlockCopies copier;
                QList<QByteArray> others;
                for (int i = 0; i < 3; ++i) {
                    const QByteArray copy = copier.copy("entree number " + QByteArray::number(i), 1000);
                    if (i == which)
                        kept = copy;
                    else
                        others.append(copy);
                }
            }
            const QByteArray original("entree number " + QByteArray::number(which));
            QByteArray reference(original.constData(), original.size()); // an ordinary array
            changes.at(c)(kept);
            changes.at(c)(reference);
            QVERIFY2(kept == reference, qPrintable(QStringLiteral("change %1, copy %2").arg(c).arg(which)));
            if (!kept.isNull())
                QCOMPARE(kept.constData()[kept.size()], '\0');
            // And once more, changed again after the first change.
            kept.append("!");
            reference.append("!");
            QCOMPARE(kept, reference);
        }
    }
}

void TestBlockCopies::anyEstimateOfBytesToCome()
{
    // An estimate is only a hint: none, however large or negative, may overflow a block's size.
    BlockCopies copier;
    for (const qsizetype estimate : {std::numeric_limits<qsizetype>::max(), std::numeric_limits<qsizetype>::max() - 1, qsizetype(-1), std::numeric_limits<qsizetype>::min()}) {
        const QByteArray copy = copier.copy("estimated", estimate);
        QCOMPARE(copy, QByteArray("estimated"));
    }
    const QByteArray large = copier.copy(QByteArray(BlockCopies::kMaxBlockBytes / 4 - 1, 'L'), std::numeric_limits<qsizetype>::max());
    QCOMPARE(large.size(), BlockCopies::kMaxBlockBytes / 4 - 1);
}

void TestBlockCopies::aCopyIsParsedWithinItsBlock()
{
    // A copy starts inside its block: its capacity() (Qt: the block's whole room, before it
    // too) is not room after it. PaddedJson reads an array in place when SIMDJSON_PADDING bytes
    // after it can be read: for the last copy of a block, with fewer than that left after it,
    // simdjson must get a copy, never a view that runs past the block's end.
    const qsizetype padding = qsizetype(simdjson::SIMDJSON_PADDING);
    // Bytes left after a copy, its NUL included (Qt's freeSpaceAtEnd: the block's end less it).
    for (const qsizetype leftAfter : {qsizetype(1), qsizetype(2), padding / 2, padding - 1, padding, 4 * padding}) {
        BlockCopies copier;
        QByteArray first = copier.copy(QByteArray(1000, 'f'), 0); // a block of its own
        const qsizetype room = first.data_ptr().freeSpaceAtEnd() - 1; // after first's NUL
        const QByteArray entry = "{\"k\":\"" + QByteArray(room - leftAfter - 8, 'v') + "\"}";
        QByteArray copy = copier.copy(entry, 0);
        QCOMPARE(copy.constData(), first.constData() + first.size() + 1); // in the same block
        const qsizetype readableAfter = copy.data_ptr().freeSpaceAtEnd();
        QCOMPARE(readableAfter, leftAfter);
        const PaddedJson json(copy);
        QVERIFY(json.isValid());
        const simdjson::padded_string_view view = json.view();
        QCOMPARE(qsizetype(view.length()), copy.size());
        QVERIFY(qsizetype(view.capacity()) >= copy.size() + padding);
        if (view.data() == copy.constData()) // read in place: the padding must be the block's
            QVERIFY2(qsizetype(view.capacity()) <= copy.size() + readableAfter,
                     qPrintable(QStringLiteral("%1 bytes after the copy claimed, %2 there").arg(qsizetype(view.capacity()) - copy.size()).arg(readableAfter)));
        simdjson::dom::parser parser;
        simdjson::dom::element root;
        QVERIFY(!parser.parse(view).get(root));
        QCOMPARE(qsizetype(std::string_view(root["k"].get_string().value()).size()), entry.size() - 8);
    }
}

QTEST_GUILESS_MAIN(TestBlockCopies)
#include "tst_blockcopies.moc"
