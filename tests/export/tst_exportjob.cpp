// SPDX-License-Identifier: MIT
// ExportJob: the file appears only when complete. Cancel, a failed write or an unwritable place
// leave no file and no temporary file behind, and an old file of that name untouched.
#include "exporttesthelpers.h"

#include "export/exportjob.h"
#include "samplerun.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

class TestExportJob : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void writesTheFileAndReportsProgress();
    void cancelLeavesOldFileUntouched();
    void cancelMidwayLeavesNoFile();
    void unwritablePlaceFailsNamingThePath_data();
    void unwritablePlaceFailsNamingThePath();
    void destroyingARunningJobLeavesNoFile();
    void secondStartWhileRunningIsRefused();

private:
    // Many entries sharing one big buffer: gigabytes to write if nothing stopped it.
    static RunSnapshot hugeSnapshot();
    QStringList filesInDir() const { return QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestExportJob::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

RunSnapshot TestExportJob::hugeSnapshot()
{
    RunSnapshot snapshot = ExportTest::snapshotOf(makeRun(7, 42, 1));
    const QByteArray big = "{\"agent_run_id\":42,\"thought\":\"" + QByteArray(1024 * 1024, 'x') + "\"}";
    snapshot.entries = QList<QByteArray>(4000, big);
    return snapshot;
}

void TestExportJob::writesTheFileAndReportsProgress()
{
    const RunRecord run = makeRun(7, 42, 5000);
    const QString path = m_dir->filePath(QStringLiteral("run.jsonl"));
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    QSignalSpy progress(&job, &ExportJob::progress);
    QVERIFY(job.start(ExportTest::snapshotOf(run), path, ExportFormat::Jsonl));
    QVERIFY(job.isRunning());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(finished.first().at(1).toString(), QString());
    QVERIFY(!job.isRunning());
    QCOMPARE(ExportTest::readFile(path), ExportTest::linesOf(run.entries));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), QVariantList({5000, 5000}));
    QCOMPARE(filesInDir(), QStringList({QStringLiteral("run.jsonl")}));
}

void TestExportJob::cancelLeavesOldFileUntouched()
{
    const QString path = m_dir->filePath(QStringLiteral("run.json"));
    QVERIFY(ExportTest::writeFile(path, "old content"));
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    QVERIFY(job.start(hugeSnapshot(), path, ExportFormat::Json));
    job.cancel();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(job.wasCancelled());
    QVERIFY(finished.first().at(1).toString().contains(QDir::toNativeSeparators(path)));
    QCOMPARE(ExportTest::readFile(path), QByteArray("old content"));
    QCOMPARE(filesInDir(), QStringList({QStringLiteral("run.json")}));
}

void TestExportJob::cancelMidwayLeavesNoFile()
{
    const QString path = m_dir->filePath(QStringLiteral("run.csv"));
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    QSignalSpy progress(&job, &ExportJob::progress);
    connect(&job, &ExportJob::progress, &job, &ExportJob::cancel);
    QVERIFY(job.start(hugeSnapshot(), path, ExportFormat::Csv));
    QVERIFY(finished.wait(60000));
    QVERIFY(!progress.isEmpty());
    QVERIFY(progress.first().at(0).toInt() < 4000);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(job.wasCancelled());
    QVERIFY(!QFile::exists(path));
    QCOMPARE(filesInDir(), QStringList());
}

void TestExportJob::unwritablePlaceFailsNamingThePath_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::addRow("missing directory") << QStringLiteral("no/such/dir/run.json");
    QTest::addRow("a directory") << QStringLiteral("adir");
}

void TestExportJob::unwritablePlaceFailsNamingThePath()
{
    QFETCH(QString, relativePath);
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("adir")));
    const QString path = m_dir->filePath(relativePath);
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    QVERIFY(job.start(ExportTest::snapshotOf(makeRun(7, 42, 3)), path, ExportFormat::Json));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    const QString error = finished.first().at(1).toString();
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
    QVERIFY(!job.wasCancelled());
    QCOMPARE(filesInDir(), QStringList());
}

void TestExportJob::destroyingARunningJobLeavesNoFile()
{
    const QString path = m_dir->filePath(QStringLiteral("run.html"));
    {
        ExportJob job;
        QVERIFY(job.start(hugeSnapshot(), path, ExportFormat::Html));
        QTest::qWait(50);
    }
    QVERIFY(!QFile::exists(path));
    QCOMPARE(filesInDir(), QStringList());
}

void TestExportJob::secondStartWhileRunningIsRefused()
{
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    QVERIFY(job.start(hugeSnapshot(), m_dir->filePath(QStringLiteral("a.md")), ExportFormat::Markdown));
    QVERIFY(!job.start(hugeSnapshot(), m_dir->filePath(QStringLiteral("b.md")), ExportFormat::Markdown));
    job.cancel();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(filesInDir(), QStringList());
}

QTEST_GUILESS_MAIN(TestExportJob)
#include "tst_exportjob.moc"
