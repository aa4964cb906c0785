// SPDX-License-Identifier: MIT
// Which of the library's runs earlier demo starts left (EarlierDemoRuns), and that starting the
// demo drops them, as a window and every windowless command start it, while a demo still running
// (in this process or another) keeps its copies.
#include "api/pageparser.h"
#include "demo/logsendpoint.h"
#include "run/fileorigin.h"
#include "libraryanswers.h"
#include "samplerun.h"
#include "session/demoservice.h"
#include "session/earlierdemoruns.h"
#include "session/loaddefaults.h"
#include "settings/appsettings.h"
#include "store/runlibrary.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString kEnded = QStringLiteral("http://127.0.0.1:41234");
const QString kCurrent = QStringLiteral("http://127.0.0.1:45678");
const QString kTemp = QStringLiteral("/tmp");

QString fileOrigin(const QString &path)
{
    return FileOrigin::of(path);
}

void storeOneEntry(RunLibrary &library, const QString &origin, qint64 runId)
{
    PageParseResult parsed = PageParser::parse(LogsEndpoint::pageBody(makeRun(1, runId, 1), 0, 100, false));
    if (!parsed.ok)
        qFatal("test page does not parse: %s", qPrintable(parsed.error));
    library.store(PageCache::Key{origin, RunRef{1, runId}}, parsed.page.run, 0, parsed.page.entries);
}

// A library in a folder of its own, the one every loader and demo service of the test uses, with
// no demo start recorded yet.
struct DemoLibrary {
    QTemporaryDir folder;
    RunLibrary library{folder.path()};

    DemoLibrary()
    {
        LoadDefaults::setLibrary(&library);
        AppSettings().setDemoOrigins({});
    }
    ~DemoLibrary() { LoadDefaults::setLibrary(nullptr); }

    // The origins of the runs it holds, once what was asked of it is done.
    QStringList origins()
    {
        library.flush();
        QStringList origins;
        for (const LibraryRun &run : listRuns(library))
            origins.append(run.origin);
        return origins;
    }
};
} // namespace

class TestEarlierDemoRuns : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void endedStarts();
    void leftOvers_data();
    void leftOvers();
    void demoStartDropsTheLastStartsCopies();
    void aDemoRunningElsewhereKeepsItsCopies();
    void bothOverlappingStartsCopiesAreDroppedLater();
};

void TestEarlierDemoRuns::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestEarlierDemoRuns::endedStarts()
{
    // A process that has ended: a child that ran `true` and was waited for.
    QProcess child;
    child.start(QStringLiteral("true"), {});
    QVERIFY(child.waitForStarted());
    const qint64 gone = child.processId();
    QVERIFY(child.waitForFinished());
    const qint64 running = QCoreApplication::applicationPid();
    const QMap<QString, qint64> recorded{{QStringLiteral("http://127.0.0.1:1001"), running},
                                         {QStringLiteral("http://127.0.0.1:1002"), 0},
                                         {QStringLiteral("http://127.0.0.1:1003"), gone},
                                         {QStringLiteral("http://127.0.0.1:1004"), 1},  // init: runs
                                         {kCurrent, 0}};
    QStringList ended = EarlierDemoRuns::endedOrigins(recorded, kCurrent);
    ended.sort();
    QCOMPARE(ended, QStringList({QStringLiteral("http://127.0.0.1:1002"), QStringLiteral("http://127.0.0.1:1003")}));
}

void TestEarlierDemoRuns::leftOvers_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("leftOver");

    QTest::newRow("an ended start's origin") << kEnded << true;
    QTest::newRow("this start's origin") << kCurrent << false;
    QTest::newRow("another loopback server") << QStringLiteral("http://127.0.0.1:8000") << false;
    QTest::newRow("the API") << QStringLiteral("https://api.codegen.com") << false;
    QTest::newRow("a demo folder that is gone")
        << fileOrigin(QStringLiteral("/tmp/runlog-demo-agent-logs-AbC123/claude-code-session.jsonl")) << true;
    QTest::newRow("an Inspect sample in a demo folder that is gone")
        << FileOrigin::of(QStringLiteral("/tmp/runlog-demo-agent-logs-AbC123/inspect.eval"), SampleRef{QStringLiteral("s1"), 1})
        << true;
    QTest::newRow("a folder of that name elsewhere")
        << fileOrigin(QStringLiteral("/home/ana/runlog-demo-agent-logs-AbC123/x.jsonl")) << false;
    QTest::newRow("deeper under the temporary folder")
        << fileOrigin(QStringLiteral("/tmp/work/runlog-demo-agent-logs-AbC123/x.jsonl")) << false;
    QTest::newRow("another name in the temporary folder")
        << fileOrigin(QStringLiteral("/tmp/my-logs/x.jsonl")) << false;
}

void TestEarlierDemoRuns::leftOvers()
{
    QFETCH(QString, origin);
    QFETCH(bool, leftOver);
    QCOMPARE(EarlierDemoRuns::isLeftOver(origin, {kEnded}, kTemp), leftOver);
}

void TestEarlierDemoRuns::demoStartDropsTheLastStartsCopies()
{
    // A demo folder that still exists is in use by a demo running now: its logs stay.
    QTemporaryDir liveDemoFolder(QDir::tempPath() + QStringLiteral("/runlog-demo-agent-logs-XXXXXX"));
    QVERIFY(liveDemoFolder.isValid());
    const QString liveLog = QDir(liveDemoFolder.path()).filePath(QStringLiteral("codex.jsonl"));
    const QString goneLog = QDir::tempPath() + QStringLiteral("/runlog-demo-agent-logs-gone0000/codex.jsonl");
    QVERIFY(!QFileInfo::exists(QFileInfo(goneLog).path()));

    DemoLibrary demoLibrary;
    QVERIFY(demoLibrary.folder.isValid());
    RunLibrary &library = demoLibrary.library;
    AppSettings().setDemoOrigins({{kEnded, 0}});
    storeOneEntry(library, kEnded, 1001);
    storeOneEntry(library, kEnded, 1002);
    storeOneEntry(library, QStringLiteral("http://127.0.0.1:8000"), 1001);
    storeOneEntry(library, fileOrigin(goneLog), 77);
    storeOneEntry(library, fileOrigin(liveLog), 78);
    QCOMPARE(listRuns(library).size(), 5);

    DemoService demo;
    QVERIFY(demo.start());
    library.flush();
    QStringList left;
    for (const LibraryRun &run : listRuns(library))
        left.append(run.origin + QLatin1Char(' ') + QString::number(run.runId));
    left.sort();
    QStringList expected{QStringLiteral("http://127.0.0.1:8000 1001"), fileOrigin(liveLog) + QStringLiteral(" 78")};
    expected.sort();
    QCOMPARE(left, expected);
    // Recorded: this start, in this process; the ended start is forgotten.
    const QMap<QString, qint64> recorded = AppSettings().demoOrigins();
    QCOMPARE(recorded, (QMap<QString, qint64>{{PageCache::originOf(demo.endpoint().baseUrl), QCoreApplication::applicationPid()}}));
}

// Two demos at once (a window's, and `runlog --demo --export` started from a terminal, or a second
// window): the second start must not drop the copies of the demo still running, and once both
// have ended, the next start drops both starts' copies.
void TestEarlierDemoRuns::aDemoRunningElsewhereKeepsItsCopies()
{
    DemoLibrary demoLibrary;
    QVERIFY(demoLibrary.folder.isValid());
    RunLibrary &library = demoLibrary.library;

    auto first = std::make_unique<DemoService>();
    QVERIFY(first->start());
    const QString firstOrigin = PageCache::originOf(first->endpoint().baseUrl);
    storeOneEntry(library, firstOrigin, 2001);
    library.flush();

    auto second = std::make_unique<DemoService>();
    QVERIFY(second->start());
    const QString secondOrigin = PageCache::originOf(second->endpoint().baseUrl);
    storeOneEntry(library, secondOrigin, 2002);
    QVERIFY2(demoLibrary.origins().contains(firstOrigin), "the second start dropped the copies of the demo still running");

    first.reset();
    second.reset();
    DemoService third;
    QVERIFY(third.start());
    const QStringList left = demoLibrary.origins();
    QVERIFY2(!left.contains(firstOrigin), "the first start's copies are never dropped");
    QVERIFY(!left.contains(secondOrigin));
}

// Two overlapping demo starts that have both ended: the next start drops both starts' copies
// (the first start's copies, stored again while it ran after the second started, included).
void TestEarlierDemoRuns::bothOverlappingStartsCopiesAreDroppedLater()
{
    DemoLibrary demoLibrary;
    QVERIFY(demoLibrary.folder.isValid());
    RunLibrary &library = demoLibrary.library;

    auto first = std::make_unique<DemoService>();
    QVERIFY(first->start());
    const QString firstOrigin = PageCache::originOf(first->endpoint().baseUrl);
    auto second = std::make_unique<DemoService>();
    QVERIFY(second->start());
    const QString secondOrigin = PageCache::originOf(second->endpoint().baseUrl);
    storeOneEntry(library, firstOrigin, 2001); // the first demo's window goes on loading
    storeOneEntry(library, secondOrigin, 2002);
    library.flush();
    first.reset();
    second.reset();

    DemoService third;
    QVERIFY(third.start());
    const QStringList left = demoLibrary.origins();
    QVERIFY(!left.contains(secondOrigin));
    QVERIFY2(!left.contains(firstOrigin), "the first start's copies are never dropped");
}

QTEST_GUILESS_MAIN(TestEarlierDemoRuns)
#include "tst_earlierdemoruns.moc"
