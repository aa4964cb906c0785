// SPDX-License-Identifier: MIT
// A run's Markdown summary as the Library's and the Runs window's lists show it (issue 27,
// stumble 14): text, not marks. Expected texts written by hand.
#include "run/markdowntext.h"

#include <QTest>

class TestMarkdownText : public QObject
{
    Q_OBJECT

private slots:
    void plainLines_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("plain");
        QTest::addColumn<QString>("oneLine");
        QTest::newRow("heading and emphasis") << QStringLiteral("## Fixed the **login** bug\n\nAll `pytest` tests pass.")
                                              << QStringLiteral("Fixed the login bug\nAll pytest tests pass.")
                                              << QStringLiteral("Fixed the login bug All pytest tests pass.");
        QTest::newRow("lists and quotes") << QStringLiteral("- one\n* two\n1. three\n> - quoted")
                                          << QStringLiteral("one\ntwo\nthree\nquoted") << QStringLiteral("one two three quoted");
        QTest::newRow("a link") << QStringLiteral("See [PR #12](https://example.com/pr/12) ~~now~~")
                                << QStringLiteral("See PR #12 now") << QStringLiteral("See PR #12 now");
        QTest::newRow("a rule") << QStringLiteral("Done\n---\nNext") << QStringLiteral("Done\nNext") << QStringLiteral("Done Next");
        QTest::newRow("plain text stays") << QStringLiteral("x - y = 3 # not a heading")
                                          << QStringLiteral("x - y = 3 # not a heading") << QStringLiteral("x - y = 3 # not a heading");
        QTest::newRow("markup-looking text is text") << QStringLiteral("<b>bold</b>") << QStringLiteral("<b>bold</b>")
                                                     << QStringLiteral("<b>bold</b>");
    }

    void plainLines()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, plain);
        QFETCH(QString, oneLine);
        QCOMPARE(MarkdownText::plain(markdown), plain);
        QCOMPARE(MarkdownText::oneLine(markdown), oneLine);
    }

    void firstLine()
    {
        QCOMPARE(MarkdownText::firstLine(QStringLiteral("\n\n## Fixed: discount **rounding**\nmore")),
                 QStringLiteral("Fixed: discount rounding"));
        QCOMPARE(MarkdownText::firstLine(QStringLiteral("  \n")), QString());
    }
};

QTEST_GUILESS_MAIN(TestMarkdownText)
#include "tst_markdowntext.moc"
