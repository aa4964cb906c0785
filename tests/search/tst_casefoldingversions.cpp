// SPDX-License-Identifier: MIT
// When the regex prefilter may list a letter's case spellings from Qt's tables: only when Qt and
// the PCRE2 the search matches with follow one Unicode version (CaseFoldingVersions).
#include "search/casefoldingversions.h"

#include <QRegularExpression>
#include <QTest>

class TestCaseFoldingVersions : public QObject
{
    Q_OBJECT

private slots:
    void sameVersion_data();
    void sameVersion();
    void thisBuildsVersions();
};

void TestCaseFoldingVersions::sameVersion_data()
{
    QTest::addColumn<QString>("qt");
    QTest::addColumn<QString>("pcre2");
    QTest::addColumn<bool>("same");
    QTest::newRow("Debian 12: Qt 6.4, PCRE2 10.42") << "14.0" << "14.0.0" << true;
    QTest::newRow("Debian 13: Qt 6.8, PCRE2 10.45") << "15.1" << "16.0.0" << false;
    QTest::newRow("minor differs") << "15.0" << "15.1.0" << false;
    QTest::newRow("major differs") << "14.0" << "4.0.0" << false;
    QTest::newRow("no PCRE2") << "14.0" << "" << false;
    QTest::newRow("a Qt this build does not name") << "" << "16.0.0" << false;
    QTest::newRow("not numbers") << "14.x" << "14.x.0" << false;
}

void TestCaseFoldingVersions::sameVersion()
{
    QFETCH(QString, qt);
    QFETCH(QString, pcre2);
    QFETCH(bool, same);
    QCOMPARE(CaseFoldingVersions::sameVersion(qt, pcre2), same);
}

void TestCaseFoldingVersions::thisBuildsVersions()
{
    const QString qt = CaseFoldingVersions::qtUnicodeVersion();
    const QString pcre2 = CaseFoldingVersions::matcherUnicodeVersion();
    qInfo("Qt's Unicode %s, PCRE2's %s", qPrintable(qt), qPrintable(pcre2));
    QVERIFY2(qt.isEmpty() || QRegularExpression(QStringLiteral("^\\d+\\.\\d+$")).match(qt).hasMatch(), qPrintable(qt));
    QVERIFY2(pcre2.isEmpty() || QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(pcre2).hasMatch(),
             qPrintable(pcre2));
    QCOMPARE(CaseFoldingVersions::qtFoldsAsTheMatcher(), CaseFoldingVersions::sameVersion(qt, pcre2));
}

QTEST_GUILESS_MAIN(TestCaseFoldingVersions)
#include "tst_casefoldingversions.moc"
