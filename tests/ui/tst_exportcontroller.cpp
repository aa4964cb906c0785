// SPDX-License-Identifier: MIT
// ExportController, the window's export, against the spec server on 127.0.0.1: a cancel or a
// failure while the pages not loaded yet are being fetched leaves no file (and an old file of
// that name as it was) and reports once; a newest-first view exports the whole run oldest first.
#include "ui/export/exportcontroller.h"
#include "runsessioninternals.h"
#include "session/runsession.h"

#include "api/requestpacer.h"
#include "rows/logtablemodel.h"
#include "model/runloader.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}
} // namespace

class TestExportController : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cancelWhileFetchingLeavesNoFile();
    void fetchFailureLeavesNoFile();
    void newestFirstViewExportsOldestFirst();

private:
    ExportController::Source apiSource() const;
    QStringList filesInDirectory() const;

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<RequestPacer> m_pacer;
    std::unique_ptr<QWidget> m_window;
    RunSession *m_session = nullptr;   // the window's, as in the app
    RunLoader *m_loader = nullptr;     // the session's, for counting its requests
    LogTableModel *m_model = nullptr;
    ExportController *m_controller = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestExportController::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(0, 0);
    m_pacer = std::make_unique<RequestPacer>(1000, 60000);
    m_window = std::make_unique<QWidget>();
    m_session = new RunSession(m_window.get());
    m_model = m_session->model();
    m_loader = loaderOf(m_session);
    m_loader->setPacer(m_pacer.get());
    RunLoader::RetryPolicy fast;
    fast.maxAttempts = 2;
    fast.baseDelayMs = 10;
    m_loader->setRetryPolicy(fast);
    PageReply::Limits limits;
    limits.idleTimeoutMs = 30000;
    limits.totalTimeoutMs = 60000;
    m_loader->setReplyLimits(limits);
    m_controller = new ExportController(m_session, m_window.get());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestExportController::cleanup()
{
    m_window.reset(); // and the controller and the session with it
    m_pacer.reset();
    m_server.reset();
    m_dir.reset();
}

ExportController::Source TestExportController::apiSource() const
{
    ExportController::Source source;
    source.fromApi = true;
    source.hasRun = true;
    source.description = QStringLiteral("run %1 of organization %2").arg(kRun).arg(kOrg);
    source.suggestedName = QStringLiteral("run-%1").arg(kRun);
    return source;
}

QStringList TestExportController::filesInDirectory() const
{
    return QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden | QDir::System);
}

// Cancel while the pages not loaded yet are on their way (3 s each): one report, no file, the old
// file of that name untouched, loading stopped, and nothing more when the late pages land.
void TestExportController::cancelWhileFetchingLeavesNoFile()
{
    m_server->addRun(makeRun(kOrg, kRun, 500));
    TestLogServer *server = m_server.get();
    m_server->setInterceptor([server](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        HttpResponse response = server->endpoint().handle(request);
        if (request.queryValue(QStringLiteral("skip")) != QLatin1String("0"))
            response.delayMs = 3000; // the pages after the first take their time
        return response;
    });
    m_session->openApi(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun});
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    const QString path = m_dir->filePath(QStringLiteral("run.jsonl"));
    QVERIFY(writeFile(path, "old"));

    QSignalSpy finished(m_controller, &ExportController::finished);
    m_controller->exportTo(apiSource(), path, ExportFormat::Jsonl);
    QVERIFY(m_controller->isBusy());
    QTRY_VERIFY(m_loader->pagesInFlight() > 0);
    m_controller->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(!finished.first().at(1).toString().isEmpty());
    QCOMPARE(finished.first().at(2).toString(), path);
    QVERIFY(!m_controller->isBusy());
    QVERIFY(!m_loader->isLoadingAll());

    // The pages that were on their way arrive; the export stays cancelled.
    QTRY_COMPARE_WITH_TIMEOUT(m_loader->pagesInFlight(), 0, 20000);
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(readFile(path), QByteArray("old"));
    QCOMPARE(filesInDirectory(), QStringList{QStringLiteral("run.jsonl")});

    // And the next export is not blocked by the cancelled one.
    m_server->clearInterceptor();
    m_controller->exportTo(apiSource(), path, ExportFormat::Jsonl);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    QCOMPARE(readFile(path), [] {
        QByteArray lines;
        for (int n = 0; n < 500; ++n)
            lines += makeSampleEntry(kRun, n) + '\n';
        return lines;
    }());
}

// A page that fails for good while fetching stops the export: one report naming the server's
// message, no file, the old one untouched.
void TestExportController::fetchFailureLeavesNoFile()
{
    m_server->addRun(makeRun(kOrg, kRun, 500));
    m_server->setInterceptor([](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        if (request.queryValue(QStringLiteral("skip")) == QLatin1String("300"))
            return HttpResponse::json(500, "{\"message\":\"export-test-boom\",\"status_code\":500}");
        return std::nullopt;
    });
    m_session->openApi(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun});
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    const QString path = m_dir->filePath(QStringLiteral("run.json"));
    QVERIFY(writeFile(path, "old"));

    QSignalSpy finished(m_controller, &ExportController::finished);
    m_controller->exportTo(apiSource(), path, ExportFormat::Json);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("export-test-boom")),
             qPrintable(finished.first().at(1).toString()));
    QVERIFY(!m_controller->isBusy());
    QVERIFY(!m_loader->isLoadingAll());
    QTRY_COMPARE(m_loader->pagesInFlight(), 0);
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(readFile(path), QByteArray("old"));
    QCOMPARE(filesInDirectory(), QStringList{QStringLiteral("run.json")});
}

// The newest-first view of a run that does not grow, only its first page loaded: the export
// fetches the rest and writes the whole run oldest first, as the server holds it.
void TestExportController::newestFirstViewExportsOldestFirst()
{
    m_server->addRun(makeRun(kOrg, kRun, 250));
    m_session->openApi(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun}, true);
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    QCOMPARE(m_model->index(0, 0).data(LogTableModel::RawJsonRole).toByteArray(), makeSampleEntry(kRun, 249));
    const QString path = m_dir->filePath(QStringLiteral("run.jsonl"));
    QSignalSpy finished(m_controller, &ExportController::finished);
    m_controller->exportTo(apiSource(), path, ExportFormat::Jsonl);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QByteArray expected;
    for (int n = 0; n < 250; ++n)
        expected += makeSampleEntry(kRun, n) + '\n';
    QCOMPARE(readFile(path), expected);
    // Every request asked newest first: the view was never turned round for the export.
    for (const LogsRequestRecord &request : m_server->requestLog())
        QCOMPARE(request.reverse, QStringLiteral("true"));
}

QTEST_MAIN(TestExportController)
#include "tst_exportcontroller.moc"
