// SPDX-License-Identifier: MIT
// A whole run loaded with no window, as --export and --stats load it: every page of an API run
// in order, a page that fails for good, a file read whole.
#include "samplerun.h"
#include "session/wholerunload.h"
#include "testlogserver.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <optional>

class TestWholeRunLoad : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void apiRunArrivesWholeInOrder();
    void pageFailingForGoodEndsWithTheServersWords();
    void fileLoadsWhole();
    void agentLogSaysItsConversion();

private:
    // Connects `load` so that its one outcome lands in m_snapshot or m_error.
    void watch(WholeRunLoad &load);

    std::unique_ptr<TestLogServer> m_server;
    std::optional<RunSnapshot> m_snapshot;
    std::optional<QString> m_error;
    int m_outcomes = 0;
    QTemporaryDir m_directory;
};

void TestWholeRunLoad::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_directory.isValid());
}

void TestWholeRunLoad::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_server->addRun(makeRun(7, 42, 250));
    m_snapshot.reset();
    m_error.reset();
    m_outcomes = 0;
}

void TestWholeRunLoad::cleanup()
{
    m_server.reset();
}

void TestWholeRunLoad::watch(WholeRunLoad &load)
{
    connect(&load, &WholeRunLoad::finished, this, [this](const RunSnapshot &snapshot) {
        m_snapshot = snapshot;
        ++m_outcomes;
    });
    connect(&load, &WholeRunLoad::failed, this, [this](const QString &error) {
        m_error = error;
        ++m_outcomes;
    });
}

// 250 entries are three pages (100, 100, 50); the snapshot holds all of them, oldest first,
// byte for byte as the server sent them, and says which run they are.
void TestWholeRunLoad::apiRunArrivesWholeInOrder()
{
    WholeRunLoad load;
    watch(load);
    QList<int> progressed;
    std::optional<int> known;
    connect(&load, &WholeRunLoad::progressChanged, this, [&](const WholeRunProgress &progress) {
        progressed << progress.entries;
        known = progress.known;
    });
    std::optional<RunRef> announced;
    connect(&load, &WholeRunLoad::fetching, this, [&announced](const RunRef &run, const QUrl &) { announced = run; });
    load.loadApi(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{7, 42});
    QTRY_COMPARE(m_outcomes, 1);
    QVERIFY2(!m_error, qPrintable(m_error.value_or(QString())));
    QVERIFY(announced.has_value());
    QCOMPARE(announced->orgId, 7);
    QCOMPARE(announced->runId, 42);
    QCOMPARE(m_snapshot->entries.size(), 250);
    for (int n = 0; n < 250; ++n)
        QCOMPARE(m_snapshot->entries.at(n), makeSampleEntry(42, n));
    QVERIFY(m_snapshot->hasRun);
    QCOMPARE(m_snapshot->run.id, 42);
    QCOMPARE(m_snapshot->sourceDescription, QStringLiteral("run 42 of organization 7"));
    // Progress came as the pages did (the last one may come with the end itself).
    QVERIFY(!progressed.isEmpty());
    QVERIFY(std::is_sorted(progressed.cbegin(), progressed.cend()));
    QVERIFY(progressed.last() <= 250);
    QCOMPARE(known, std::optional<int>(250));
    QCOMPARE(load.pagesFromLibrary(), 0);
    QVERIFY(load.otherRunEntries().isEmpty());
    QCOMPARE(load.apiRun()->runId, 42);
}

// The second page is refused (403: not worth retrying): the load ends with one error that
// carries the server's own words and status, and no snapshot.
void TestWholeRunLoad::pageFailingForGoodEndsWithTheServersWords()
{
    m_server->setInterceptor([](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        if (request.queryValue(QStringLiteral("skip")) == QLatin1String("100"))
            return HttpResponse::json(403, "{\"message\":\"wholerun-test-refused\",\"status_code\":403}");
        return std::nullopt;
    });
    WholeRunLoad load;
    watch(load);
    load.loadApi(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{7, 42});
    QTRY_COMPARE(m_outcomes, 1);
    QVERIFY(!m_snapshot);
    QVERIFY(m_error.has_value());
    QVERIFY2(m_error->contains(QStringLiteral("wholerun-test-refused")), qPrintable(*m_error));
    QVERIFY2(m_error->contains(QStringLiteral("HTTP 403")), qPrintable(*m_error));
    QTest::qWait(200); // nothing more arrives once it failed
    QCOMPARE(m_outcomes, 1);
}

// A .json export with its run object: every entry as its bytes, the run's fields, the path as
// the source, and the one entry of another run named by its number.
void TestWholeRunLoad::fileLoadsWhole()
{
    const QByteArray first = makeSampleEntry(42, 0);
    const QByteArray stray = makeSampleEntry(43, 1);
    const QByteArray third = makeSampleEntry(42, 2);
    const QString path = m_directory.filePath(QStringLiteral("run42.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"id\":42,\"organization_id\":7,\"status\":\"COMPLETE\",\"logs\":[" + first + ',' + stray + ',' + third + "]}");
    file.close();

    WholeRunLoad load;
    watch(load);
    load.loadFile(path);
    QTRY_COMPARE(m_outcomes, 1);
    QVERIFY2(!m_error, qPrintable(m_error.value_or(QString())));
    QCOMPARE(m_snapshot->entries, (QList<QByteArray>{first, stray, third}));
    QVERIFY(m_snapshot->hasRun);
    QCOMPARE(m_snapshot->run.id, 42);
    QCOMPARE(m_snapshot->sourceDescription, QDir::toNativeSeparators(path));
    QCOMPARE(load.otherRunEntries().size(), 1);
    QCOMPARE(load.otherRunEntries().first().number, 2);
    QCOMPARE(load.otherRunEntries().first().runId, 43);
    QVERIFY(!load.apiRun());
}

// Another agent's log (a Claude Code session) is converted first: the load names the format at
// the conversion's start, before its snapshot; a Codegen file is not converted.
void TestWholeRunLoad::agentLogSaysItsConversion()
{
    WholeRunLoad load;
    watch(load);
    QList<QPair<QString, qint64>> reports;
    connect(&load, &WholeRunLoad::converting, this, [&](const QString &name, qint64 records) {
        QCOMPARE(m_outcomes, 0);
        reports.append({name, records});
    });
    load.loadFile(QStringLiteral(AGENTLOGS_DATA_DIR "/claudecode-session.jsonl"));
    QTRY_COMPARE(m_outcomes, 1);
    QVERIFY2(!m_error, qPrintable(m_error.value_or(QString())));
    QCOMPARE(m_snapshot->entries.size(), 9);
    QVERIFY(!reports.isEmpty());
    QCOMPARE(reports.first(), (QPair<QString, qint64>{QStringLiteral("Claude Code transcript"), 0}));

    reports.clear();
    m_outcomes = 0;
    m_snapshot.reset();
    const QString path = m_directory.filePath(QStringLiteral("plain.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(makeSampleEntry(42, 0) + '\n');
    file.close();
    WholeRunLoad plain;
    watch(plain);
    connect(&plain, &WholeRunLoad::converting, this, [&](const QString &name, qint64 records) { reports.append({name, records}); });
    plain.loadFile(path);
    QTRY_COMPARE(m_outcomes, 1);
    QCOMPARE(m_snapshot->entries.size(), 1);
    QVERIFY(reports.isEmpty());
}

QTEST_GUILESS_MAIN(TestWholeRunLoad)
#include "tst_wholerunload.moc"
