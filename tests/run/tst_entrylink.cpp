// SPDX-License-Identifier: MIT
#include "run/entrylink.h"
#include "run/runurl.h"

#include <QTest>

class TestEntryLink : public QObject
{
    Q_OBJECT
private slots:
    void parsesAWellFormedLink_data();
    void parsesAWellFormedLink();
    void refusesEveryMalformedForm_data();
    void refusesEveryMalformedForm();
    void formatsOnlyWhatIsNotDefault();
    void roundTrips_data();
    void roundTrips();
    void recognisesALinkBeforeParsingIt();
    void readsAnEntryFromAWebUrl_data();
    void readsAnEntryFromAWebUrl();
};

void TestEntryLink::parsesAWellFormedLink_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("org");
    QTest::addColumn<qint64>("run");
    QTest::addColumn<qint64>("entry"); // 0: none
    QTest::addColumn<QString>("origin");
    QTest::addRow("with an entry") << "runlog://run?org=7&run=42&entry=1412" << 7LL << 42LL << 1412LL << "https://api.codegen.com";
    QTest::addRow("without an entry") << "runlog://run?org=7&run=42" << 7LL << 42LL << 0LL << "https://api.codegen.com";
    QTest::addRow("any order") << "runlog://run?entry=3&run=42&org=7" << 7LL << 42LL << 3LL << "https://api.codegen.com";
    QTest::addRow("scheme in capitals, spaces around") << "  RUNLOG://run?org=7&run=42\n" << 7LL << 42LL << 0LL << "https://api.codegen.com";
    QTest::addRow("trailing slash") << "runlog://run/?org=7&run=42" << 7LL << 42LL << 0LL << "https://api.codegen.com";
    QTest::addRow("another origin") << "runlog://run?org=7&run=42&base=https%3A%2F%2Fapi.example.com%3A8443"
                                    << 7LL << 42LL << 0LL << "https://api.example.com:8443";
    QTest::addRow("origin with a slash") << "runlog://run?org=7&run=42&base=https%3A%2F%2FAPI.Example.com%2F"
                                         << 7LL << 42LL << 0LL << "https://api.example.com";
    QTest::addRow("plain http to this machine") << "runlog://run?org=1&run=2&entry=9&base=http%3A%2F%2F127.0.0.1%3A8080"
                                                << 1LL << 2LL << 9LL << "http://127.0.0.1:8080";
}

void TestEntryLink::parsesAWellFormedLink()
{
    QFETCH(QString, text);
    QFETCH(qint64, org);
    QFETCH(qint64, run);
    QFETCH(qint64, entry);
    QFETCH(QString, origin);
    const ParsedEntryLink parsed = EntryLink::parse(text);
    QVERIFY2(parsed.link, qPrintable(parsed.error));
    QCOMPARE(parsed.link->run.orgId, org);
    QCOMPARE(parsed.link->run.runId, run);
    QCOMPARE(parsed.link->entry.value_or(0), entry);
    QCOMPARE(parsed.link->origin.toString(), origin);
}

void TestEntryLink::refusesEveryMalformedForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::addRow("another scheme") << "https://run?org=7&run=42"
        << "A Runlog link begins with runlog://, not \"https://run?org=7&run=42\".";
    QTest::addRow("another host") << "runlog://runs?org=7&run=42"
        << "A Runlog link looks like runlog://run?org=7&run=42&entry=1412, not \"runlog://runs?org=7&run=42\".";
    QTest::addRow("no slashes") << "runlog:run?org=7&run=42"
        << "A Runlog link looks like runlog://run?org=7&run=42&entry=1412, not \"runlog:run?org=7&run=42\".";
    QTest::addRow("a path") << "runlog://run/42?org=7&run=42"
        << "A Runlog link looks like runlog://run?org=7&run=42&entry=1412, not \"runlog://run/42?org=7&run=42\".";
    QTest::addRow("user info") << "runlog://me@run?org=7&run=42"
        << "A Runlog link looks like runlog://run?org=7&run=42&entry=1412, not \"runlog://me@run?org=7&run=42\".";
    QTest::addRow("a port") << "runlog://run:80?org=7&run=42"
        << "A Runlog link looks like runlog://run?org=7&run=42&entry=1412, not \"runlog://run:80?org=7&run=42\".";
    QTest::addRow("a fragment") << "runlog://run?org=7&run=42#x"
        << "A Runlog link looks like runlog://run?org=7&run=42&entry=1412, not \"runlog://run?org=7&run=42#x\".";
    QTest::addRow("not a URL") << "runlog://run?org=7&run=42 x"
        << "\"runlog://run?org=7&run=42 x\" is not a valid link.";
    QTest::addRow("no org") << "runlog://run?run=42" << "The link names no organization (org=…).";
    QTest::addRow("no run") << "runlog://run?org=7&entry=3" << "The link names no run (run=…).";
    QTest::addRow("no query") << "runlog://run" << "The link names no organization (org=…).";
    QTest::addRow("org not a number") << "runlog://run?org=seven&run=42"
        << "In the link, org must be a positive number, not \"seven\".";
    QTest::addRow("org zero") << "runlog://run?org=0&run=42" << "In the link, org must be a positive number, not \"0\".";
    QTest::addRow("run negative") << "runlog://run?org=7&run=-42" << "In the link, run must be a positive number, not \"-42\".";
    QTest::addRow("run with a sign") << "runlog://run?org=7&run=%2B42" << "In the link, run must be a positive number, not \"+42\".";
    QTest::addRow("run empty") << "runlog://run?org=7&run=" << "In the link, run must be a positive number, not \"\".";
    QTest::addRow("run too big") << "runlog://run?org=7&run=1234567890123456789"
        << "In the link, run must be a positive number, not \"1234567890123456789\".";
    QTest::addRow("entry zero") << "runlog://run?org=7&run=42&entry=0" << "In the link, entry must be a positive number, not \"0\".";
    QTest::addRow("entry a fraction") << "runlog://run?org=7&run=42&entry=1.5"
        << "In the link, entry must be a positive number, not \"1.5\".";
    QTest::addRow("org twice") << "runlog://run?org=7&org=8&run=42" << "The link gives \"org\" twice.";
    QTest::addRow("entry twice") << "runlog://run?org=7&run=42&entry=1&entry=1" << "The link gives \"entry\" twice.";
    QTest::addRow("unknown parameter") << "runlog://run?org=7&run=42&entyr=3"
        << "The link has a parameter Runlog does not know: \"entyr\" (it knows org, run, entry and base).";
    QTest::addRow("base not http") << "runlog://run?org=7&run=42&base=file%3A%2F%2F%2Fetc"
        << "The link's base must be an http(s) address, not \"file:///etc\".";
    QTest::addRow("base javascript") << "runlog://run?org=7&run=42&base=javascript%3Aalert(1)"
        << "The link's base must be an http(s) address, not \"javascript:alert(1)\".";
    QTest::addRow("base without host") << "runlog://run?org=7&run=42&base=https%3A%2F%2F%2Fetc%2Fpasswd"
        << "The link's base \"https:///etc/passwd\" names no host.";
    QTest::addRow("base with user info") << "runlog://run?org=7&run=42&base=https%3A%2F%2Fapi.codegen.com%40evil.example"
        << "The link's base must not hold a user name or password.";
    QTest::addRow("base with a path") << "runlog://run?org=7&run=42&base=https%3A%2F%2Fapi.example.com%2Fv1"
        << "The link's base must be an origin (scheme, host and port) only, not \"https://api.example.com/v1\".";
    QTest::addRow("base with a query") << "runlog://run?org=7&run=42&base=https%3A%2F%2Fapi.example.com%3Fa%3D1"
        << "The link's base must be an origin (scheme, host and port) only, not \"https://api.example.com?a=1\".";
    QTest::addRow("base plain http elsewhere") << "runlog://run?org=7&run=42&base=http%3A%2F%2Fapi.example.com"
        << "The link's base \"http://api.example.com\" is plain http to another machine: only https is allowed there.";
    QTest::addRow("base twice") << "runlog://run?org=7&run=42&base=https%3A%2F%2Fa.example&base=https%3A%2F%2Fb.example"
        << "The link gives \"base\" twice.";
    const QString overlong = QStringLiteral("runlog://run?org=7&run=42&entry=") + QString(2100, QLatin1Char('1'));
    QTest::addRow("overlong") << overlong
        << QStringLiteral("The link is too long (%1 characters; a link has at most 2048).").arg(overlong.size());
}

void TestEntryLink::refusesEveryMalformedForm()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const ParsedEntryLink parsed = EntryLink::parse(text);
    QVERIFY(!parsed.link);
    QCOMPARE(parsed.error, error);
}

void TestEntryLink::formatsOnlyWhatIsNotDefault()
{
    EntryLink link;
    link.run = RunRef{7, 42};
    link.origin = EntryLink::defaultOrigin();
    QCOMPARE(link.toString(), QStringLiteral("runlog://run?org=7&run=42"));
    link.entry = 1412;
    QCOMPARE(link.toString(), QStringLiteral("runlog://run?org=7&run=42&entry=1412"));
    link.origin = QUrl(QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(link.toString(), QStringLiteral("runlog://run?org=7&run=42&entry=1412&base=http%3A%2F%2F127.0.0.1%3A8080"));
}

void TestEntryLink::roundTrips_data()
{
    QTest::addColumn<qint64>("entry"); // 0: none
    QTest::addColumn<QString>("origin");
    QTest::addRow("default origin, entry") << 1412LL << "https://api.codegen.com";
    QTest::addRow("default origin, no entry") << 0LL << "https://api.codegen.com";
    QTest::addRow("another origin with a port") << 1LL << "https://api.example.com:8443";
    QTest::addRow("loopback") << 999999999LL << "http://[::1]:4000";
}

void TestEntryLink::roundTrips()
{
    QFETCH(qint64, entry);
    QFETCH(QString, origin);
    EntryLink link;
    link.run = RunRef{7, 42};
    if (entry > 0)
        link.entry = entry;
    link.origin = QUrl(origin);
    const ParsedEntryLink parsed = EntryLink::parse(link.toString());
    QVERIFY2(parsed.link, qPrintable(parsed.error + QLatin1String(": ") + link.toString()));
    QCOMPARE(parsed.link->run, link.run);
    QCOMPARE(parsed.link->entry, link.entry);
    QCOMPARE(parsed.link->origin, link.origin);
    QCOMPARE(parsed.link->toString(), link.toString());
}

void TestEntryLink::recognisesALinkBeforeParsingIt()
{
    QVERIFY(EntryLink::looksLikeLink(QStringLiteral("runlog://run?org=1&run=2")));
    QVERIFY(EntryLink::looksLikeLink(QStringLiteral(" Runlog:garbage")));
    QVERIFY(!EntryLink::looksLikeLink(QStringLiteral("run.json")));
    QVERIFY(!EntryLink::looksLikeLink(QStringLiteral("./runlog:file.json")));
}

void TestEntryLink::readsAnEntryFromAWebUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<qint64>("entry"); // 0: none
    QTest::addColumn<bool>("malformed");
    QTest::addRow("query") << "https://codegen.com/agent/trace/42?entry=1412" << 1412LL << false;
    QTest::addRow("fragment") << "https://codegen.com/agent/trace/42#entry=7" << 7LL << false;
    QTest::addRow("none") << "https://codegen.com/agent/trace/42" << 0LL << false;
    QTest::addRow("a plain ID has none") << "42" << 0LL << false;
    QTest::addRow("zero") << "https://codegen.com/agent/trace/42?entry=0" << 0LL << true;
    QTest::addRow("words") << "https://codegen.com/agent/trace/42#entry=last" << 0LL << true;
}

void TestEntryLink::readsAnEntryFromAWebUrl()
{
    QFETCH(QString, url);
    QFETCH(qint64, entry);
    QFETCH(bool, malformed);
    bool wasMalformed = !malformed;
    QCOMPARE(RunUrl::entryFrom(url, &wasMalformed).value_or(0), entry);
    QCOMPARE(wasMalformed, malformed);
    QCOMPARE(RunUrl::runIdFrom(url).value_or(0), 42);
}

QTEST_GUILESS_MAIN(TestEntryLink)
#include "tst_entrylink.moc"
