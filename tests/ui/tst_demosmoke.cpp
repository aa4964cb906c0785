// SPDX-License-Identifier: MIT
// `runlog --demo` starts, serves its sample run on 127.0.0.1 over the spec's endpoint, and opens
// it in a window: the real binary, as a user starts it, on an X server of the test's own (Xvfb),
// where xwininfo can see its window. `--help` and `--version` answer without any display.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

// Xvfb (package xvfb) and xwininfo (x11-utils) are test dependencies, installed by
// packaging/install-deps.sh like Qt itself: without them the window cannot be checked, and a test
// that skipped would report a pass for a window nobody saw. So their absence fails.
#define REQUIRE_PROGRAM(name)                                                                          \
    do {                                                                                               \
        if (QStandardPaths::findExecutable(QStringLiteral(name)).isEmpty())                            \
            QFAIL(name " is not installed; the demo's window is checked with it "                      \
                       "(bash packaging/install-deps.sh installs it)");                                \
    } while (false)

class TestDemoSmoke : public QObject
{
    Q_OBJECT

private slots:
    void demoServesItsRunAndShowsItInAWindow();
    void versionAndHelpNeedNoDisplay();
    void badArgumentsFailWithOneLine();
};

namespace {
// The names of the top-level windows on an X display, as xwininfo prints them.
QString windowTree(const QString &display)
{
    QProcess xwininfo;
    xwininfo.start(QStringLiteral("xwininfo"), {QStringLiteral("-display"), display, QStringLiteral("-root"),
                                                QStringLiteral("-tree")});
    return xwininfo.waitForFinished(10000) ? QString::fromUtf8(xwininfo.readAllStandardOutput()) : QString();
}
} // namespace

void TestDemoSmoke::demoServesItsRunAndShowsItInAWindow()
{
    REQUIRE_PROGRAM("Xvfb");
    REQUIRE_PROGRAM("xwininfo");
    // Xvfb picks a free display and writes its number on stdout (-displayfd 1) once it is ready.
    QProcess xvfb;
    xvfb.start(QStringLiteral("Xvfb"), {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"),
                                        QStringLiteral("0"), QStringLiteral("1280x800x24"), QStringLiteral("-nolisten"),
                                        QStringLiteral("tcp")});
    QVERIFY(xvfb.waitForStarted());
    QByteArray displayNumber;
    QTRY_VERIFY_WITH_TIMEOUT((displayNumber += xvfb.readAllStandardOutput(), displayNumber.endsWith('\n')), 20000);
    const QString display = QLatin1Char(':') + QString::fromLatin1(displayNumber.trimmed());

    QTemporaryDir config;
    QVERIFY(config.isValid());
    QProcess runlog;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DISPLAY"), display);
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    runlog.setProcessEnvironment(environment);
    runlog.start(QStringLiteral(RUNLOG_BINARY), {QStringLiteral("--demo")});
    QVERIFY(runlog.waitForStarted());

    QString output;
    const QRegularExpression announced(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+) \\(organization 1, run 1001\\)"));
    QRegularExpressionMatch match;
    QTRY_VERIFY_WITH_TIMEOUT((output += QString::fromUtf8(runlog.readAllStandardError()),
                              (match = announced.match(output)).hasMatch()),
                             30000);
    const QUrl base(match.captured(1));

    // The window is there and shows the demo run: its title names the run and organization.
    const QString title = QStringLiteral("\"Run 1001 (organization 1) \u2014 Runlog\"");
    QString windows;
    QTRY_VERIFY2_WITH_TIMEOUT((windows = windowTree(display)).contains(title), qPrintable(windows), 30000);

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
    xvfb.terminate();
    QVERIFY(xvfb.waitForFinished(10000));
}

void TestDemoSmoke::versionAndHelpNeedNoDisplay()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    const auto run = [&environment](const QString &option, QByteArray *out, QByteArray *err) {
        QProcess runlog;
        runlog.setProcessEnvironment(environment);
        runlog.start(QStringLiteral(RUNLOG_BINARY), {option});
        const bool finished = runlog.waitForFinished(10000);
        *out = runlog.readAllStandardOutput();
        *err = runlog.readAllStandardError();
        return finished && runlog.exitStatus() == QProcess::NormalExit ? runlog.exitCode() : -1;
    };
    QByteArray out;
    QByteArray err;
    QCOMPARE(run(QStringLiteral("--version"), &out, &err), 0);
    QCOMPARE(out, QByteArray("runlog " RUNLOG_VERSION "\n"));
    QCOMPARE(err, QByteArray());

    QCOMPARE(run(QStringLiteral("--help"), &out, &err), 0);
    QCOMPARE(err, QByteArray());
    const QString help = QString::fromUtf8(out);
    QVERIFY2(help.startsWith(QStringLiteral("Usage: runlog [options] [FILE|LINK]\n")), qPrintable(help));
    // Every option of the README's command-line section, with its argument, and where the token
    // comes from.
    for (const char *expected : {"-h, --help", "-v, --version", "--demo", "--org <ORG>", "--run <RUN>",
                                 "--base-url <URL>", "--export <OUT>", "--format <FORMAT>", "--reverse",
                                 "--rate-limit <N/SECONDS>", "CODEGEN_API_TOKEN", "CODEGEN_ORG_ID",
                                 "CODEGEN_API_BASE_URL"})
        QVERIFY2(help.contains(QLatin1String(expected)), expected);
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
