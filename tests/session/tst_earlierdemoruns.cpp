// SPDX-License-Identifier: MIT
// Which of the library's runs an earlier demo start left (EarlierDemoRuns), and that starting the
// demo drops them, as a window and every windowless command start it.
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
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString kLast = QStringLiteral("http://127.0.0.1:41234");
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
} // namespace

class TestEarlierDemoRuns : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void leftOvers_data();
    void leftOvers();
    void demoStartDropsTheLastStartsCopies();
};

void TestEarlierDemoRuns::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestEarlierDemoRuns::leftOvers_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("last");
    QTest::addColumn<bool>("leftOver");

    QTest::newRow("the last start's origin") << kLast << kLast << true;
    QTest::newRow("this start's origin") << kCurrent << kCurrent << false;
    QTest::newRow("this start's, recorded last too") << kCurrent << kCurrent << false;
    QTest::newRow("another loopback server") << QStringLiteral("http://127.0.0.1:8000") << kLast << false;
    QTest::newRow("the API") << QStringLiteral("https://api.codegen.com") << kLast << false;
    QTest::newRow("nothing recorded") << kLast << QString() << false;
    QTest::newRow("a demo folder that is gone")
        << fileOrigin(QStringLiteral("/tmp/runlog-demo-agent-logs-AbC123/claude-code-session.jsonl")) << kLast << true;
    QTest::newRow("an Inspect sample in a demo folder that is gone")
        << FileOrigin::of(QStringLiteral("/tmp/runlog-demo-agent-logs-AbC123/inspect.eval"), SampleRef{QStringLiteral("s1"), 1})
        << kLast << true;
    QTest::newRow("a folder of that name elsewhere")
        << fileOrigin(QStringLiteral("/home/ana/runlog-demo-agent-logs-AbC123/x.jsonl")) << kLast << false;
    QTest::newRow("deeper under the temporary folder")
        << fileOrigin(QStringLiteral("/tmp/work/runlog-demo-agent-logs-AbC123/x.jsonl")) << kLast << false;
    QTest::newRow("another name in the temporary folder")
        << fileOrigin(QStringLiteral("/tmp/my-logs/x.jsonl")) << kLast << false;
}

void TestEarlierDemoRuns::leftOvers()
{
    QFETCH(QString, origin);
    QFETCH(QString, last);
    QFETCH(bool, leftOver);
    QCOMPARE(EarlierDemoRuns::isLeftOver(origin, last, kCurrent, kTemp), leftOver);
}

void TestEarlierDemoRuns::demoStartDropsTheLastStartsCopies()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    // A demo folder that still exists is in use by a demo running now: its logs stay.
    QTemporaryDir liveDemoFolder(QDir::tempPath() + QStringLiteral("/runlog-demo-agent-logs-XXXXXX"));
    QVERIFY(liveDemoFolder.isValid());
    const QString liveLog = QDir(liveDemoFolder.path()).filePath(QStringLiteral("codex.jsonl"));
    const QString goneLog = QDir::tempPath() + QStringLiteral("/runlog-demo-agent-logs-gone0000/codex.jsonl");
    QVERIFY(!QFileInfo::exists(QFileInfo(goneLog).path()));

    RunLibrary library(folder.path());
    LoadDefaults::setLibrary(&library);
    const auto unset = qScopeGuard([] { LoadDefaults::setLibrary(nullptr); });
    AppSettings().setLastDemoOrigin(kLast);
    storeOneEntry(library, kLast, 1001);
    storeOneEntry(library, kLast, 1002);
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
    const QString current = AppSettings().lastDemoOrigin();
    QVERIFY(current.startsWith(QLatin1String("http://127.0.0.1:")));
    QCOMPARE(QUrl(current).port(), demo.endpoint().baseUrl.port());
}

QTEST_GUILESS_MAIN(TestEarlierDemoRuns)
#include "tst_earlierdemoruns.moc"
