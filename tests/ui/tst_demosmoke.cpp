// `runlog --demo` starts, serves its sample run on 127.0.0.1 over the spec's endpoint, and opens
// it: the real binary, as a user starts it.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

class TestDemoSmoke : public QObject
{
    Q_OBJECT

private slots:
    void demoStartsAndServesItsRun();
    void versionAndHelpNeedNoDisplay();
    void badArgumentsFailWithOneLine();
};

void TestDemoSmoke::demoStartsAndServesItsRun()
{
    QProcess runlog;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir::tempPath() + QStringLiteral("/runlog-smoke-config"));
    runlog.setProcessEnvironment(environment);
    runlog.start(QStringLiteral(RUNLOG_BINARY), {QStringLiteral("--demo")});
    QVERIFY(runlog.waitForStarted());

    QString output;
    const QRegularExpression announced(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)"));
    QRegularExpressionMatch match;
    QTRY_VERIFY_WITH_TIMEOUT((output += QString::fromUtf8(runlog.readAllStandardError()),
                              (match = announced.match(output)).hasMatch()),
                             20000);
    const QUrl base(match.captured(1));

    QNetworkAccessManager network;
    QUrl url = base;
    url.setPath(QStringLiteral("/v1/alpha/organizations/1/agent/run/1001/logs"));
    url.setQuery(QStringLiteral("skip=0&limit=5"));
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject run = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(run.value(QStringLiteral("id")).toInteger(), 1001);
    QCOMPARE(run.value(QStringLiteral("logs")).toArray().size(), 5);
    QVERIFY(run.value(QStringLiteral("total_logs")).toInteger() >= 1000);
    QVERIFY(runlog.state() == QProcess::Running);

    runlog.terminate();
    QVERIFY(runlog.waitForFinished(10000));
}

void TestDemoSmoke::versionAndHelpNeedNoDisplay()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    for (const QString &option : {QStringLiteral("--version"), QStringLiteral("--help")}) {
        QProcess runlog;
        runlog.setProcessEnvironment(environment);
        runlog.start(QStringLiteral(RUNLOG_BINARY), {option});
        QVERIFY(runlog.waitForFinished(10000));
        QCOMPARE(runlog.exitCode(), 0);
        QVERIFY(runlog.readAllStandardOutput().contains("runlog") || option == QLatin1String("--help"));
    }
}

void TestDemoSmoke::badArgumentsFailWithOneLine()
{
    QProcess runlog;
    runlog.start(QStringLiteral(RUNLOG_BINARY), {QStringLiteral("--run"), QStringLiteral("not-a-run"),
                                                 QStringLiteral("--org"), QStringLiteral("7")});
    QVERIFY(runlog.waitForFinished(10000));
    QCOMPARE(runlog.exitCode(), 2);
    const QString error = QString::fromUtf8(runlog.readAllStandardError());
    QVERIFY2(error.startsWith(QStringLiteral("runlog: --run must be a run ID")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestDemoSmoke)
#include "tst_demosmoke.moc"
