// SPDX-License-Identifier: MIT
// StringInterner: ids in order of first sight under both conventions for a null text, null kept
// apart from "", and sharing that stops keeping new texts at its limit.
#include "run/stringinterner.h"

#include <QTest>

class TestStringInterner : public QObject
{
    Q_OBJECT

private slots:
    void nullHasNoIdByDefault()
    {
        StringInterner texts;
        QCOMPARE(texts.idOf(QString()), StringInterner::kNoId);
        QCOMPARE(texts.idOf(QStringLiteral("tool")), 0);
        QCOMPARE(texts.idOf(QStringLiteral("")), 1);
        QCOMPARE(texts.idOf(QStringLiteral("tool")), 0);
        QCOMPARE(texts.size(), 2);
        QVERIFY(texts.textOf(StringInterner::kNoId).isNull());
        QCOMPARE(texts.textOf(0), QStringLiteral("tool"));
        QVERIFY(!texts.textOf(1).isNull());
        QVERIFY(texts.textOf(1).isEmpty());
    }

    void nullIsIdZeroWhenAsked()
    {
        StringInterner texts(StringInterner::NullText::IdZero);
        QCOMPARE(texts.size(), 1);
        QVERIFY(texts.at(0).isNull());
        QCOMPARE(texts.idOf(QString()), 0);
        QCOMPARE(texts.idOf(QStringLiteral("")), 1);
        QCOMPARE(texts.idOf(QStringLiteral("THOUGHT")), 2);
        QCOMPARE(texts.idOf(QString()), 0);
        QVERIFY(!texts.at(1).isNull());
        texts.clear();
        QCOMPARE(texts.size(), 1);
        QCOMPARE(texts.idOf(QStringLiteral("THOUGHT")), 1);
    }

    void sharedTextsAreOneString()
    {
        StringInterner texts;
        const QString first = QString::fromUtf8("shell"); // heap data: a literal shares with nothing
        QString again = QStringLiteral("sh");
        again += QStringLiteral("ell");
        QVERIFY(!again.isSharedWith(first));
        QVERIFY(texts.shared(first, 10).isSharedWith(first));
        QVERIFY(texts.shared(again, 10).isSharedWith(first));
        QVERIFY(texts.shared(QString(), 10).isNull());
        QVERIFY(texts.sharedUtf8(QByteArrayView("shell"), 10).isSharedWith(first));
        const QString decoded = texts.sharedUtf8(QByteArrayView("grep"), 10);
        QCOMPARE(decoded, QStringLiteral("grep"));
        QVERIFY(texts.sharedUtf8(QByteArrayView("grep"), 10).isSharedWith(decoded));
    }

    void sharingKeepsNoMoreThanItsLimit()
    {
        StringInterner texts;
        texts.shared(QStringLiteral("a"), 1);
        QCOMPARE(texts.shared(QStringLiteral("b"), 1), QStringLiteral("b"));
        QCOMPARE(texts.sharedUtf8(QByteArrayView("c"), 1), QStringLiteral("c"));
        QCOMPARE(texts.size(), 1);
    }
};

QTEST_APPLESS_MAIN(TestStringInterner)
#include "tst_stringinterner.moc"
