// SPDX-License-Identifier: MIT
// The demo's generated runs and the demo backend serving them.

#include "demo/demobackend.h"
#include "demo/demodataset.h"
#include "demo/demohistory.h"
#include "demo/logsendpoint.h"
#include "demo/loopbackhttpserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

class TestDemoDataset : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void deterministic();
    void runFields();
    void everyEntryIsValidJsonOfItsRun();
    void everyMessageTypePresent();
    void bothTimestampFormatsPresent();
    void bigOutputs();
    void realisticContent();
    void failedRunEndsInError();
    void liveRunGrowsThenCompletes();
    void liveRunCanEndNow();
    void backendServesOverHttp();
    void backendDrivesLiveRun();
    void liveRunAskedForAfterItFinishedIsLiveAgain();

private:
    std::unique_ptr<DemoDataset> m_dataset;
};

void TestDemoDataset::initTestCase()
{
    QElapsedTimer clock;
    clock.start();
    m_dataset = std::make_unique<DemoDataset>();
    // Informative only (timing is for benchmarks): the brief asks for well under a second.
    qInfo("generated the demo dataset in %lld ms", clock.elapsed());
}

void TestDemoDataset::deterministic()
{
    const DemoDataset again;
    for (const qint64 id : {DemoDataset::kCompleteRunId, DemoDataset::kLiveRunId, DemoDataset::kFailedRunId}) {
        QVERIFY(m_dataset->run(id));
        QCOMPARE(again.run(id)->entries, m_dataset->run(id)->entries);
        QCOMPARE(again.run(id)->fields, m_dataset->run(id)->fields);
    }
    QVERIFY(!m_dataset->run(4242));
    QCOMPARE(m_dataset->runs().size(), 3 + DemoHistory::kRunCount);
    for (qint64 id = DemoHistory::kFirstRunId; id < DemoHistory::kFirstRunId + DemoHistory::kRunCount; ++id) {
        QVERIFY(m_dataset->run(id));
        QCOMPARE(again.run(id)->entries, m_dataset->run(id)->entries);
        QCOMPARE(again.run(id)->listFields, m_dataset->run(id)->listFields);
    }
}

void TestDemoDataset::runFields()
{
    const auto run = m_dataset->run(DemoDataset::kCompleteRunId);
    QCOMPARE(run->organizationId, DemoDataset::kOrganizationId);
    QCOMPARE(run->status(), QStringLiteral("COMPLETE"));
    QCOMPARE(run->field(QStringLiteral("web_url")), QByteArray("\"https://codegen.com/agent/trace/1001\""));
    QVERIFY(run->field(QStringLiteral("result")).startsWith("\"## "));
    const QJsonObject metadata = QJsonDocument::fromJson(run->field(QStringLiteral("metadata"))).object();
    QVERIFY(metadata.size() >= 3);
    QVERIFY(run->entries.size() >= 1900 && run->entries.size() <= 2100);
    QCOMPARE(m_dataset->run(DemoDataset::kLiveRunId)->status(), QStringLiteral("ACTIVE"));
    QCOMPARE(m_dataset->run(DemoDataset::kFailedRunId)->status(), QStringLiteral("FAILED"));
}

void TestDemoDataset::everyEntryIsValidJsonOfItsRun()
{
    for (const auto &run : m_dataset->runs()) {
        for (int i = 0; i < run->entries.size(); ++i) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(run->entries.at(i), &error);
            if (error.error != QJsonParseError::NoError || !document.isObject())
                QFAIL(qPrintable(QStringLiteral("run %1 entry %2: %3").arg(run->id).arg(i).arg(error.errorString())));
            const QJsonObject entry = document.object();
            QCOMPARE(entry.value(QStringLiteral("agent_run_id")).toInteger(), run->id);
            // Everything the spec lists is present (maybe null) on every demo entry.
            for (const char *key : {"created_at", "tool_name", "message_type", "thought", "observation", "tool_input", "tool_output"})
                QVERIFY2(entry.contains(QLatin1String(key)), key);
            const QJsonValue input = entry.value(QStringLiteral("tool_input"));
            QVERIFY(input.isNull() || input.isObject());
            const QJsonValue output = entry.value(QStringLiteral("tool_output"));
            QVERIFY(output.isNull() || output.isObject());
        }
    }
}

void TestDemoDataset::everyMessageTypePresent()
{
    QSet<QString> types;
    QSet<QString> tools;
    int stringObservations = 0, objectObservations = 0, nullObservations = 0, nullThoughts = 0, extraFields = 0;
    for (const QByteArray &raw : m_dataset->run(DemoDataset::kCompleteRunId)->entries) {
        const QJsonObject entry = QJsonDocument::fromJson(raw).object();
        types.insert(entry.value(QStringLiteral("message_type")).toString());
        tools.insert(entry.value(QStringLiteral("tool_name")).toString());
        const QJsonValue observation = entry.value(QStringLiteral("observation"));
        stringObservations += observation.isString();
        objectObservations += observation.isObject();
        nullObservations += observation.isNull();
        nullThoughts += entry.value(QStringLiteral("thought")).isNull();
        extraFields += entry.size() > 8;
    }
    for (const char *type : {"ACTION", "PLAN_EVALUATION", "FINAL_ANSWER", "ERROR", "USER_MESSAGE",
                             "USER_GITHUB_ISSUE_COMMENT", "INITIAL_PR_GENERATION", "DETECT_PR_ERRORS",
                             "FIX_PR_ERRORS", "PR_CREATION_FAILED", "PR_EVALUATION", "COMMIT_EVALUATION",
                             "AGENT_RUN_LINK"}) {
        QVERIFY2(types.contains(QLatin1String(type)), type);
    }
    QVERIFY2(types.size() > 13, "an unknown message type must be present too");
    for (const char *tool : {"bash", "read_file", "edit_file", "grep", "ripgrep_search", "create_pr", "view_file", "list_directory"})
        QVERIFY2(tools.contains(QLatin1String(tool)), tool);
    QVERIFY(stringObservations > 10);
    QVERIFY(objectObservations > 10);
    QVERIFY(nullObservations > 10);
    QVERIFY(nullThoughts > 10);
    QVERIFY(extraFields >= 3);

    // ACTION dominates.
    int actions = 0;
    for (const QByteArray &raw : m_dataset->run(DemoDataset::kCompleteRunId)->entries)
        actions += raw.contains("\"message_type\":\"ACTION\"");
    QVERIFY(actions > m_dataset->run(DemoDataset::kCompleteRunId)->entries.size() * 3 / 4);
}

void TestDemoDataset::bothTimestampFormatsPresent()
{
    const QRegularExpression iso(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z$"));
    const QRegularExpression spaced(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"));
    int isoCount = 0, isoMillis = 0, spacedCount = 0, nullCount = 0, longGaps = 0;
    qint64 previous = -1;
    for (const QByteArray &raw : m_dataset->run(DemoDataset::kCompleteRunId)->entries) {
        const QJsonValue value = QJsonDocument::fromJson(raw).object().value(QStringLiteral("created_at"));
        if (value.isNull()) {
            ++nullCount;
            continue;
        }
        const QString text = value.toString();
        QDateTime time;
        if (iso.match(text).hasMatch()) {
            ++isoCount;
            isoMillis += text.contains(u'.');
            time = QDateTime::fromString(text, Qt::ISODateWithMs);
        } else {
            QVERIFY2(spaced.match(text).hasMatch(), qPrintable(text));
            ++spacedCount;
            time = QDateTime::fromString(text.left(23), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
            time.setTimeSpec(Qt::UTC);
        }
        QVERIFY2(time.isValid(), qPrintable(text));
        // Chronological; the seconds-only form drops the fraction, so compare whole seconds.
        const qint64 ms = time.toMSecsSinceEpoch();
        QVERIFY2(ms / 1000 >= previous / 1000, qPrintable(text));
        if (previous >= 0 && ms - previous > 120000)
            ++longGaps;
        previous = ms;
    }
    QVERIFY(isoCount > 100);
    QVERIFY(isoMillis > 50);
    QVERIFY(isoCount - isoMillis > 50);
    QVERIFY(spacedCount > 100);
    QVERIFY(nullCount >= 1);
    QVERIFY(longGaps >= 2);
}

void TestDemoDataset::bigOutputs()
{
    int big = 0;
    for (const QByteArray &raw : m_dataset->run(DemoDataset::kCompleteRunId)->entries) {
        if (raw.size() <= 2 * 1000 * 1000)
            continue;
        ++big;
        QVERIFY(raw.size() <= 6 * 1000 * 1000 + 1000);
        const QString output = QJsonDocument::fromJson(raw).object().value(QStringLiteral("tool_output"))
                                       .toObject().value(QStringLiteral("output")).toString();
        QVERIFY(output.count(u'\n') > 10000);
    }
    QCOMPARE(big, 3);
}

void TestDemoDataset::realisticContent()
{
    const auto run = m_dataset->run(DemoDataset::kCompleteRunId);
    const QByteArray all = run->entries.mid(0, 400).join('\n') + run->entries.mid(1600).join('\n');
    QVERIFY(all.contains("\xf0\x9f"));                       // emoji
    QVERIFY(all.contains("\xd7"));                           // Hebrew
    QVERIFY(all.contains("\xe4\xba") || all.contains("\xe6\x97"));   // CJK
    QVERIFY(all.contains("\"exit_code\":0"));
    QVERIFY(run->entries.constLast().contains("\"message_type\":\"FINAL_ANSWER\""));
    QVERIFY(run->entries.constFirst().contains("\"message_type\":\"USER_MESSAGE\""));
    // Thoughts of up to 40 lines.
    int longest = 0;
    for (const QByteArray &raw : run->entries) {
        const QString thought = QJsonDocument::fromJson(raw).object().value(QStringLiteral("thought")).toString();
        longest = qMax(longest, int(thought.count(u'\n')) + 1);
    }
    QVERIFY(longest >= 20 && longest <= 40);
}

void TestDemoDataset::failedRunEndsInError()
{
    const auto run = m_dataset->run(DemoDataset::kFailedRunId);
    QVERIFY(run->entries.size() >= 30 && run->entries.size() <= 50);
    const QJsonObject last = QJsonDocument::fromJson(run->entries.constLast()).object();
    QCOMPARE(last.value(QStringLiteral("message_type")).toString(), QStringLiteral("ERROR"));
    QVERIFY(last.value(QStringLiteral("observation")).isString());
    QVERIFY(!run->field(QStringLiteral("result")).isEmpty());
}

void TestDemoDataset::liveRunGrowsThenCompletes()
{
    DemoDataset dataset;
    const auto live = dataset.run(DemoDataset::kLiveRunId);
    QCOMPARE(live->entries.size(), DemoDataset::kLiveInitialEntries);
    QCOMPARE(live->field(QStringLiteral("result")), QByteArray("null"));
    QCOMPARE(dataset.remainingLiveEntries(), DemoDataset::kLiveAppendedEntries);
    int appended = 0;
    while (dataset.appendNextLiveEntry()) {
        ++appended;
        QCOMPARE(live->entries.size(), DemoDataset::kLiveInitialEntries + appended);
        QCOMPARE(live->status(), QStringLiteral("ACTIVE"));
    }
    ++appended;
    QCOMPARE(appended, DemoDataset::kLiveAppendedEntries);
    QVERIFY(dataset.isLiveRunFinished());
    QCOMPARE(live->status(), QStringLiteral("COMPLETE"));
    QVERIFY(live->field(QStringLiteral("result")).startsWith('"'));
    QVERIFY(live->entries.constLast().contains("\"message_type\":\"FINAL_ANSWER\""));
    // Nothing more once finished.
    QVERIFY(!dataset.appendNextLiveEntry());
    QCOMPARE(live->entries.size(), DemoDataset::kLiveInitialEntries + DemoDataset::kLiveAppendedEntries);
}

void TestDemoDataset::liveRunCanEndNow()
{
    const QDateTime now(QDate(2031, 3, 4), QTime(5, 6, 7), Qt::UTC);
    DemoDataset dataset(now);
    const auto live = dataset.run(DemoDataset::kLiveRunId);
    const QString last = QJsonDocument::fromJson(live->entries.constLast()).object()
                                 .value(QStringLiteral("created_at")).toString();
    QVERIFY2(last.startsWith(QLatin1String("2031-03-04")), qPrintable(last));
    QCOMPARE(live->entries.size(), DemoDataset::kLiveInitialEntries);
    // The other runs stay fixed.
    QCOMPARE(dataset.run(DemoDataset::kCompleteRunId)->entries, m_dataset->run(DemoDataset::kCompleteRunId)->entries);
}

void TestDemoDataset::backendServesOverHttp()
{
    DemoBackend backend;
    QVERIFY(backend.start());
    QVERIFY(backend.isRunning());
    QCOMPARE(backend.demoOrgId(), qint64(1));
    QCOMPARE(backend.demoRunId(), qint64(1001));
    QCOMPARE(backend.endpoint().rateLimitCount(), 60);
    QCOMPARE(backend.endpoint().rateLimitWindowMs(), 60000);

    QNetworkAccessManager nam;
    QUrl url = backend.baseUrl();
    url.setPath(LogsEndpoint::logsPath(backend.demoOrgId(), backend.demoRunId()));
    url.setQuery(QStringLiteral("skip=0&limit=100&reverse=true"));
    QNetworkReply *reply = nam.get(QNetworkRequest(url));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    QCOMPARE(json.value(QStringLiteral("id")).toInteger(), qint64(1001));
    QCOMPARE(json.value(QStringLiteral("total_logs")).toInteger(),
             qint64(backend.dataset().run(1001)->entries.size()));
    QCOMPARE(json.value(QStringLiteral("logs")).toArray().first().toObject()
                     .value(QStringLiteral("message_type")).toString(), QStringLiteral("FINAL_ANSWER"));
    QCOMPARE(json.value(QStringLiteral("web_url")).toString(), QStringLiteral("https://codegen.com/agent/trace/1001"));
    QCOMPARE(json.value(QStringLiteral("source_type")).toString(), QStringLiteral("GITHUB"));

    backend.stop();
    QVERIFY(!backend.isRunning());
}

void TestDemoDataset::backendDrivesLiveRun()
{
    DemoBackend backend;
    backend.setLiveInterval(5);
    QSignalSpy appended(&backend, &DemoBackend::liveEntryAppended);
    QSignalSpy finished(&backend, &DemoBackend::liveRunFinished);
    QVERIFY(backend.start());
    QVERIFY(finished.wait(10000));
    QCOMPARE(appended.size(), DemoDataset::kLiveAppendedEntries);
    QCOMPARE(finished.first().first().toLongLong(), backend.liveRunId());
    QCOMPARE(backend.dataset().run(backend.liveRunId())->status(), QStringLiteral("COMPLETE"));
}

// "Open the Live Demo Run" after the live run's three minutes (issue 27, stumble 14): a new run,
// live, while the finished one stays as it ended.
void TestDemoDataset::liveRunAskedForAfterItFinishedIsLiveAgain()
{
    DemoBackend backend;
    backend.setLiveInterval(1);
    QVERIFY(backend.start());
    QCOMPARE(backend.liveRunId(), qint64(1002));
    backend.restartLiveRunIfFinished(); // still going: the same run
    QCOMPARE(backend.liveRunId(), qint64(1002));
    QSignalSpy finished(&backend, &DemoBackend::liveRunFinished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(backend.dataset().run(1002)->status(), QStringLiteral("COMPLETE"));

    backend.restartLiveRunIfFinished();
    QCOMPARE(backend.liveRunId(), qint64(1100));
    const auto live = backend.dataset().run(1100);
    QVERIFY(live);
    QCOMPARE(live->status(), QStringLiteral("ACTIVE"));
    QCOMPARE(live->entries.size(), qsizetype(150));
    QVERIFY(live->entries.first().contains("\"agent_run_id\": 1100") || live->entries.first().contains("\"agent_run_id\":1100"));
    QCOMPARE(backend.dataset().run(1002)->status(), QStringLiteral("COMPLETE"));
    // It grows, as the first did.
    QSignalSpy appended(&backend, &DemoBackend::liveEntryAppended);
    QVERIFY(appended.wait(10000));
    QCOMPARE(appended.first().at(0).toLongLong(), 1100);
    backend.stop();
}

QTEST_GUILESS_MAIN(TestDemoDataset)
#include "tst_demodataset.moc"
