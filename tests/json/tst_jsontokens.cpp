// SPDX-License-Identifier: MIT
// Where a JSON string ends (JsonTokens::closingQuoteEnd, used by every exact tool: the search
// text, the re-indenter, the run file scan, the raw look at agent logs): against a reading
// written here of what RFC 8259 says, the first quote not preceded by an odd run of backslashes
// after the opening one, for random texts of quotes, backslashes and other bytes at every place
// around the 16-byte steps, and strings that never close.
#include "json/jsontokens.h"

#include <QRandomGenerator>
#include <QtTest>

#if defined(Q_OS_UNIX)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <cstring>

namespace {

qsizetype closingQuoteEndByHand(const QByteArray &text, qsizetype open)
{
    for (qsizetype quote = open + 1; quote < text.size(); ++quote) {
        if (text.at(quote) != '"')
            continue;
        qsizetype backslashes = 0;
        for (qsizetype k = quote - 1; k > open && text.at(k) == '\\'; --k)
            ++backslashes;
        if (backslashes % 2 == 0)
            return quote + 1;
    }
    return -1;
}

} // namespace

class TestJsonTokens : public QObject
{
    Q_OBJECT

private slots:
    void knownStrings_data();
    void knownStrings();
    void randomTextsAsByHand();
    void noByteReadPastTheTextsEnd();
};

void TestJsonTokens::knownStrings_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qsizetype>("end");
    QTest::newRow("empty string") << QByteArray("\"\"") << qsizetype(2);
    QTest::newRow("plain") << QByteArray("\"abc\", 1") << qsizetype(5);
    QTest::newRow("escaped quote") << QByteArray("\"a\\\"b\"") << qsizetype(6);
    QTest::newRow("escaped backslash") << QByteArray("\"a\\\\\"b\"") << qsizetype(5);
    QTest::newRow("three backslashes") << QByteArray("\"\\\\\\\"x\"") << qsizetype(7);
    QTest::newRow("never closed") << QByteArray("\"abc") << qsizetype(-1);
    QTest::newRow("backslash last") << QByteArray("\"abc\\") << qsizetype(-1);
    QTest::newRow("escaped quote last") << QByteArray("\"abc\\\"") << qsizetype(-1);
    QTest::newRow("quote at byte 17") << QByteArray("\"0123456789abcdef\"") << qsizetype(18);
    QTest::newRow("backslash at byte 16 escapes 17") << QByteArray("\"0123456789abcde\\\"x\"") << qsizetype(20);
}

void TestJsonTokens::knownStrings()
{
    QFETCH(QByteArray, text);
    QFETCH(qsizetype, end);
    QCOMPARE(JsonTokens::closingQuoteEnd(text.constData(), text.size(), 0), end);
    QCOMPARE(JsonTokens::stringTokenEnd(text.constData(), text.size(), 0), end < 0 ? text.size() : end);
}

void TestJsonTokens::randomTextsAsByHand()
{
    QRandomGenerator random(8262);
    for (int round = 0; round < 30000; ++round) {
        const int length = 1 + (round < 3000 ? round % 80 : random.bounded(300));
        QByteArray text(length, Qt::Uninitialized);
        const int density = 2 + random.bounded(30);
        for (char &c : text) {
            const int pick = random.bounded(density);
            c = pick == 0 ? '"' : pick == 1 ? '\\' : char(random.bounded(2) ? 'a' + random.bounded(26) : random.bounded(256));
        }
        const qsizetype open = random.bounded(qMin(length, 40));
        text[open] = '"';
        const qsizetype expected = closingQuoteEndByHand(text, open);
        const qsizetype found = JsonTokens::closingQuoteEnd(text.constData(), text.size(), open);
        if (found != expected)
            QFAIL(qPrintable(QStringLiteral("round %1: %2 instead of %3 in %4 (open %5)").arg(round).arg(found).arg(expected).arg(QString::fromLatin1(text.toHex())).arg(open)));
    }
}

void TestJsonTokens::noByteReadPastTheTextsEnd()
{
#if defined(Q_OS_UNIX)
    // The text ends right before a page that cannot be read: a look at any byte past `size` (a
    // 16-byte load that runs over, a step over a last backslash that reads what it skipped)
    // stops the test. Texts of every length around the 16-byte steps, with a quote, a backslash
    // or a backslash and quote in their last bytes.
    const long page = sysconf(_SC_PAGESIZE);
    void *mapped = mmap(nullptr, size_t(2 * page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    QVERIFY(mapped != MAP_FAILED);
    char *const guard = static_cast<char *>(mapped) + page;
    QCOMPARE(mprotect(guard, size_t(page), PROT_NONE), 0);
    QRandomGenerator random(8263);
    int checked = 0;
    for (int round = 0; round < 20000; ++round) {
        const int length = 1 + (round < 2000 ? round % 100 : random.bounded(200));
        QByteArray text(length, Qt::Uninitialized);
        const int density = 2 + random.bounded(20);
        for (char &c : text) {
            const int pick = random.bounded(density);
            c = pick == 0 ? '"' : pick == 1 ? '\\' : char('a' + random.bounded(26));
        }
        const int ending = random.bounded(4);
        if (ending == 1)
            text[length - 1] = '\\';
        else if (ending == 2 && length >= 2)
            text.replace(length - 2, 2, "\\\"");
        else if (ending == 3)
            text[length - 1] = '"';
        const qsizetype open = random.bounded(length);
        text[open] = '"';
        char *const start = guard - length;
        std::memcpy(start, text.constData(), size_t(length));
        const qsizetype expected = closingQuoteEndByHand(text, open);
        const qsizetype found = JsonTokens::closingQuoteEnd(start, length, open);
        if (found != expected)
            QFAIL(qPrintable(QStringLiteral("round %1: %2 instead of %3 in %4 (open %5)").arg(round).arg(found).arg(expected).arg(QString::fromLatin1(text.toHex())).arg(open)));
        ++checked;
    }
    QCOMPARE(checked, 20000);
    munmap(mapped, size_t(2 * page));
#else
    QSKIP("needs mmap and mprotect");
#endif
}

QTEST_GUILESS_MAIN(TestJsonTokens)
#include "tst_jsontokens.moc"
