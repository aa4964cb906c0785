// SPDX-License-Identifier: MIT
// The word diff a changed pair's fields are shown with: expected pieces written by hand.
#include "compare/worddiff.h"

#include <QTest>

namespace {
using Piece = WordDiff::Piece;

QString render(const QVector<Piece> &pieces)
{
    QString out;
    for (const Piece &piece : pieces) {
        switch (piece.kind) {
        case Piece::Same: out += piece.text; break;
        case Piece::Removed: out += QStringLiteral("[-") + piece.text + QStringLiteral("-]"); break;
        case Piece::Added: out += QStringLiteral("{+") + piece.text + QStringLiteral("+}"); break;
        }
    }
    return out;
}
} // namespace

class TestWordDiff : public QObject
{
    Q_OBJECT
private slots:
    void pieces_data();
    void pieces();
    void piecesGiveBackBothTexts();
    void overTheCapTheMiddleIsReplacedWhole();
};

void TestWordDiff::pieces_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected");
    QTest::addRow("equal") << "fix the bug" << "fix the bug" << "fix the bug";
    QTest::addRow("a word replaced") << "fix the old bug" << "fix the nasty bug" << "fix the [-old-]{+nasty+} bug";
    QTest::addRow("a word added") << "run tests" << "run all tests" << "run {+all +}tests";
    QTest::addRow("a word removed") << "run all tests" << "run tests" << "run [-all -]tests";
    QTest::addRow("punctuation alone") << "done." << "done!" << "done[-.-]{+!+}";
    QTest::addRow("from empty") << "" << "new text" << "{+new text+}";
    QTest::addRow("to empty") << "old text" << "" << "[-old text-]";
    QTest::addRow("lines") << "a\nb\nc" << "a\nx\nc" << "a\n[-b-]{+x+}\nc";
}

void TestWordDiff::pieces()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, expected);
    QCOMPARE(render(WordDiff::diff(before, after)), expected);
}

void TestWordDiff::piecesGiveBackBothTexts()
{
    const QString before = QStringLiteral("The quick brown fox, jumps over the lazy dog.");
    const QString after = QStringLiteral("A quick red fox jumps over lazy dogs!");
    QString left, right;
    for (const Piece &piece : WordDiff::diff(before, after)) {
        if (piece.kind != Piece::Added)
            left += piece.text;
        if (piece.kind != Piece::Removed)
            right += piece.text;
    }
    QCOMPARE(left, before);
    QCOMPARE(right, after);
}

void TestWordDiff::overTheCapTheMiddleIsReplacedWhole()
{
    // 5 and 5 tokens in the middle need 36 cells: over a cap of 10 the middle is replaced whole.
    QCOMPARE(render(WordDiff::diff(QStringLiteral("x a b c y"), QStringLiteral("x a q c y"), 10)),
             QStringLiteral("x a [-b-]{+q+} c y")); // head and tail are set aside first
    QCOMPARE(render(WordDiff::diff(QStringLiteral("a b c"), QStringLiteral("c b a"), 10)),
             QStringLiteral("[-a b c-]{+c b a+}"));
}

QTEST_APPLESS_MAIN(TestWordDiff)
#include "tst_worddiff.moc"
