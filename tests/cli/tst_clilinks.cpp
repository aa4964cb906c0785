// SPDX-License-Identifier: MIT
// runlog LINK and --entry N: what the command line makes of them (CommandLine::parse), and the
// real binary's answer to a malformed one (exit 2, one line on stderr, no window) and to a link
// naming another server than the configured one (CODEGEN_API_TOKEN is not sent there).

#include "cli/commandline.h"
#include "clienvironment.h"
#include "clirun.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
CommandLineOptions parse(const QStringList &arguments, const QStringList &environment = {})
{
    QProcessEnvironment env;
    for (const QString &assignment : environment)
        env.insert(assignment.section(QLatin1Char('='), 0, 0), assignment.section(QLatin1Char('='), 1));
    return CommandLine::parse(QStringList{QStringLiteral("runlog")} + arguments, env);
}

#define VERIFY_RUN(options) \
    QVERIFY2((options).action == CommandLineOptions::Action::Run, qPrintable((options).errorText))
} // namespace

class TestCliLinks : public QObject
{
    Q_OBJECT
private slots:
    void opensWhatALinkNames_data();
    void opensWhatALinkNames();
    void aFileMayComeAsAFileUrl();
    void refusesWhatDoesNotFit_data();
    void refusesWhatDoesNotFit();
    void realBinaryRefusesWithExitTwoAndNoWindow_data();
    void realBinaryRefusesWithExitTwoAndNoWindow();
    void linkToAnotherServerNeverGetsTheEnvironmentToken_data();
    void linkToAnotherServerNeverGetsTheEnvironmentToken();
};

void TestCliLinks::opensWhatALinkNames_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<qint64>("run");
    QTest::addColumn<qint64>("entry"); // 0: none
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<bool>("withheld");
    const QString link = QStringLiteral("runlog://run?org=7&run=42&entry=1412");
    QTest::addRow("link") << QStringList{link} << QStringList{} << 42LL << 1412LL << "https://api.codegen.com" << false;
    QTest::addRow("link without entry") << QStringList{QStringLiteral("runlog://run?org=7&run=42")} << QStringList{}
                                        << 42LL << 0LL << "https://api.codegen.com" << false;
    QTest::addRow("link and --entry") << QStringList{QStringLiteral("runlog://run?org=7&run=42"), QStringLiteral("--entry"), QStringLiteral("9")}
                                      << QStringList{} << 42LL << 9LL << "https://api.codegen.com" << false;
    QTest::addRow("--org --run --entry") << QStringList{QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--run"), QStringLiteral("42"),
                                                        QStringLiteral("--entry"), QStringLiteral("1412")}
                                         << QStringList{} << 42LL << 1412LL << "https://api.codegen.com" << false;
    QTest::addRow("web URL with ?entry=") << QStringList{QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--run"),
                                                         QStringLiteral("https://codegen.com/agent/trace/42?entry=5")}
                                          << QStringList{} << 42LL << 5LL << "https://api.codegen.com" << false;
    QTest::addRow("link to the configured origin")
        << QStringList{QStringLiteral("runlog://run?org=7&run=42&base=https%3A%2F%2Fstaging.example")}
        << QStringList{QStringLiteral("CODEGEN_API_BASE_URL=https://staging.example/")} << 42LL << 0LL << "https://staging.example" << false;
    QTest::addRow("a link's entry with --stats: the whole run")
        << QStringList{link, QStringLiteral("--stats")} << QStringList{} << 42LL << 0LL << "https://api.codegen.com" << false;
    QTest::addRow("link to another origin") << QStringList{QStringLiteral("runlog://run?org=7&run=42&base=https%3A%2F%2Fother.example")}
                                            << QStringList{} << 42LL << 0LL << "https://other.example" << true;
    QTest::addRow("link to the default while another is configured")
        << QStringList{link} << QStringList{QStringLiteral("CODEGEN_API_BASE_URL=https://staging.example")}
        << 42LL << 1412LL << "https://api.codegen.com" << true;
}

void TestCliLinks::opensWhatALinkNames()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(qint64, run);
    QFETCH(qint64, entry);
    QFETCH(QString, baseUrl);
    QFETCH(bool, withheld);
    const CommandLineOptions options = parse(arguments, environment);
    VERIFY_RUN(options);
    QVERIFY(options.run);
    QCOMPARE(options.run->orgId, 7);
    QCOMPARE(options.run->runId, run);
    QCOMPARE(options.entry.value_or(0), entry);
    QCOMPARE(options.baseUrl.toString(), baseUrl);
    QCOMPARE(options.withholdEnvironmentToken, withheld);
    QVERIFY(options.inputFile.isEmpty());
}

void TestCliLinks::aFileMayComeAsAFileUrl()
{
    // The desktop file's Exec=runlog %u passes a link, a path or a file: URL.
    CommandLineOptions options = parse({QStringLiteral("file:///tmp/some%20run.json")});
    VERIFY_RUN(options);
    QCOMPARE(options.inputFile, QStringLiteral("/tmp/some run.json"));
    options = parse({QStringLiteral("/tmp/run.json")});
    VERIFY_RUN(options);
    QCOMPARE(options.inputFile, QStringLiteral("/tmp/run.json"));
    QVERIFY(!options.run);
}

void TestCliLinks::refusesWhatDoesNotFit_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    const QString link = QStringLiteral("runlog://run?org=7&run=42&entry=3");
    QTest::addRow("malformed link") << QStringList{QStringLiteral("runlog://run?org=7&run=x")}
                                    << "In the link, run must be a positive number, not \"x\".";
    QTest::addRow("--entry without a run") << QStringList{QStringLiteral("--entry"), QStringLiteral("3")}
                                           << "--entry needs a run: --org ORG --run RUN, or a link.";
    QTest::addRow("--entry with a file") << QStringList{QStringLiteral("run.json"), QStringLiteral("--entry"), QStringLiteral("3")}
                                         << "--entry needs a run: --org ORG --run RUN, or a link.";
    QTest::addRow("--entry zero") << QStringList{QStringLiteral("--org=7"), QStringLiteral("--run=42"), QStringLiteral("--entry=0")}
                                  << "--entry must be a positive entry number, not \"0\".";
    QTest::addRow("--entry words") << QStringList{QStringLiteral("--org=7"), QStringLiteral("--run=42"), QStringLiteral("--entry=last")}
                                   << "--entry must be a positive entry number, not \"last\".";
    QTest::addRow("two entries") << QStringList{link, QStringLiteral("--entry=4")}
                                 << "--entry 4 and the entry 3 the run's address names differ: give one.";
    QTest::addRow("web URL with a bad entry") << QStringList{QStringLiteral("--org=7"), QStringLiteral("--run=https://codegen.com/agent/trace/42#entry=0")}
                                              << "The entry in \"https://codegen.com/agent/trace/42#entry=0\" must be a positive number.";
    QTest::addRow("link and --run") << QStringList{link, QStringLiteral("--run=43")}
                                    << "A link names its run: it does not go with --org or --run.";
    QTest::addRow("link and another --base-url") << QStringList{link, QStringLiteral("--base-url=https://other.example")}
                                                 << "The link names the server https://api.codegen.com, --base-url another (https://other.example).";
    QTest::addRow("--demo and a --run without --org") << QStringList{QStringLiteral("--demo"), QStringLiteral("--run=1002")}
                                                      << "Open one thing at a time: --demo, --run, or a file.";
    QTest::addRow("link and --demo") << QStringList{link, QStringLiteral("--demo")} << "Open one thing at a time: --demo, --run, or a file.";
    QTest::addRow("--entry with --export") << QStringList{QStringLiteral("--org=7"), QStringLiteral("--run=42"), QStringLiteral("--entry=3"),
                                                          QStringLiteral("--export=out.json")}
                                           << "--entry opens the window at an entry: it does not go with --export, --stats, --insights, --list-runs or --search.";
}

void TestCliLinks::refusesWhatDoesNotFit()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    const CommandLineOptions options = parse(arguments);
    QCOMPARE(int(options.action), int(CommandLineOptions::Action::Error));
    QCOMPARE(options.errorText, error);
}

void TestCliLinks::realBinaryRefusesWithExitTwoAndNoWindow_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    QTest::addRow("another scheme's link") << QStringList{QStringLiteral("runlog:/run?org=7&run=42")}
        << "runlog: A Runlog link looks like runlog://run?org=7&run=42&entry=1412, not \"runlog:/run?org=7&run=42\".";
    QTest::addRow("unknown parameter") << QStringList{QStringLiteral("runlog://run?org=7&run=42&line=3")}
        << "runlog: The link has a parameter Runlog does not know: \"line\" (it knows org, run, entry and base).";
    QTest::addRow("base with user info")
        << QStringList{QStringLiteral("runlog://run?org=7&run=42&base=https%3A%2F%2Fapi.codegen.com%40evil.example")}
        << "runlog: The link's base must not hold a user name or password.";
    QTest::addRow("--entry without a run") << QStringList{QStringLiteral("--entry"), QStringLiteral("3")}
        << "runlog: --entry needs a run: --org ORG --run RUN, or a link.";
}

void TestCliLinks::realBinaryRefusesWithExitTwoAndNoWindow()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    QTemporaryDir home;
    // No display in this environment: a window would fail differently, not with exit 2.
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY), arguments, cliEnvironment(home.path()), 30000);
    QCOMPARE(run.code(), 2);
    QVERIFY(run.out.isEmpty());
    const QStringList lines = QString::fromUtf8(run.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), error);
    QCOMPARE(lines.value(1), QStringLiteral("Try 'runlog --help' for more information."));
}

void TestCliLinks::linkToAnotherServerNeverGetsTheEnvironmentToken_data()
{
    QTest::addColumn<bool>("configuredThere");
    QTest::addRow("configured origin: the token goes") << true;
    QTest::addRow("another origin: no token") << false;
}

void TestCliLinks::linkToAnotherServerNeverGetsTheEnvironmentToken()
{
    QFETCH(bool, configuredThere);
    TestLogServer server;
    QVERIFY(server.isListening());
    server.addRun(makeRun(7, 42, 30));
    QTemporaryDir home;
    QProcessEnvironment environment = cliEnvironment(home.path(), "secret-token");
    if (configuredThere)
        environment.insert(QStringLiteral("CODEGEN_API_BASE_URL"), server.baseUrl().toString());
    const QString link = QStringLiteral("runlog://run?org=7&run=42&entry=3&base=")
                         + QString::fromLatin1(QUrl::toPercentEncoding(server.baseUrl().toString()));
    QProcess window;
    window.setProcessEnvironment(environment);
    window.start(QStringLiteral(RUNLOG_BINARY), {QStringLiteral("-platform"), QStringLiteral("offscreen"),
                                                 QStringLiteral("--no-store"), link});
    QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() >= 1, 30000);
    window.kill();
    window.waitForFinished();
    const QByteArray authorization = server.requestLog().constFirst().authorization;
    if (configuredThere)
        QCOMPARE(authorization, QByteArray("Bearer secret-token"));
    else
        QVERIFY2(authorization.isNull(), authorization.constData());
}

QTEST_GUILESS_MAIN(TestCliLinks)
#include "tst_clilinks.moc"
