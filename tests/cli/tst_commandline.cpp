// SPDX-License-Identifier: MIT
// The command line contract (ARCHITECTURE.md section 5): CommandLine::parse with an environment
// built by the test, RunUrl's reading of pasted runs.

#include "cli/commandline.h"
#include "run/runurl.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

#include <optional>
#include <vector>

Q_DECLARE_METATYPE(CommandLineOptions::Action)

namespace {

QProcessEnvironment environmentOf(const QStringList &assignments)
{
    QProcessEnvironment environment; // empty: nothing of the real environment leaks in
    for (const QString &assignment : assignments) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        environment.insert(assignment.left(equals), assignment.mid(equals + 1));
    }
    return environment;
}

CommandLineOptions parse(const QStringList &arguments, const QStringList &environment = {})
{
    return CommandLine::parse(QStringList{QStringLiteral("runlog")} + arguments, environmentOf(environment));
}

const char *actionName(CommandLineOptions::Action action)
{
    switch (action) {
    case CommandLineOptions::Action::Run: return "Run";
    case CommandLineOptions::Action::ShowHelp: return "ShowHelp";
    case CommandLineOptions::Action::ShowVersion: return "ShowVersion";
    case CommandLineOptions::Action::Error: return "Error";
    }
    return "?";
}

#define COMPARE_ACTION(actual, expected) \
    QCOMPARE(QByteArray(actionName(actual)), QByteArray(actionName(expected)))

// Fails with the error text when parsing did not succeed.
#define VERIFY_RUN(options) \
    QVERIFY2((options).action == CommandLineOptions::Action::Run, qPrintable((options).errorText))

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void runSelection_data();
    void runSelection();
    void baseUrl_data();
    void baseUrl();
    void rateLimit_data();
    void rateLimit();
    void exportAndSources_data();
    void exportAndSources();
    void helpAndVersion_data();
    void helpAndVersion();
    void csvByteOrderMarkOption();
    void errorsAreOneLine_data();
    void errorsAreOneLine();
    void errorQuotesInputVisibly();
    void compareWithoutFormatOpensTheWindow();
    void compareTakesASamplePerSide();
    void runIdFrom_data();
    void runIdFrom();
    void orgIdFrom_data();
    void orgIdFrom();
    void qtOptionsPassThrough_data();
    void qtOptionsPassThrough();
    void realBinaryAcceptsQtOptions_data();
    void realBinaryAcceptsQtOptions();
    void libraryOptions_data();
    void libraryOptions();
};

void TestCommandLine::defaults()
{
    const CommandLineOptions options = parse({});
    VERIFY_RUN(options);
    QVERIFY(!options.demo);
    QVERIFY(!options.run);
    QCOMPARE(options.baseUrl, QUrl(QStringLiteral("https://api.codegen.com")));
    QVERIFY(options.inputFile.isEmpty());
    QVERIFY(options.exportPath.isEmpty());
    QVERIFY(options.exportFormat.isEmpty());
    QVERIFY(!options.reverse);
    QCOMPARE(options.rateLimitCount, 60);
    QCOMPARE(options.rateLimitWindowMs, 60000);
    QVERIFY(!options.rateLimitGiven);
    QVERIFY(options.errorText.isEmpty());

    const CommandLineOptions demo = parse({QStringLiteral("--demo"), QStringLiteral("--reverse")});
    VERIFY_RUN(demo);
    QVERIFY(demo.demo);
    QVERIFY(demo.reverse);
    QVERIFY(!demo.run);
}

void TestCommandLine::runSelection_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<qint64>("org");   // 0: an error is expected
    QTest::addColumn<qint64>("run");
    QTest::addColumn<QString>("error"); // a fragment of the error text

    const QString org = QStringLiteral("--org");
    const QString run = QStringLiteral("--run");
    QTest::addRow("--org --run") << QStringList{org, QStringLiteral("7"), run, QStringLiteral("12345")}
                                 << QStringList{} << qint64(7) << qint64(12345) << QString();
    QTest::addRow("--org=, --run=") << QStringList{QStringLiteral("--org=7"), QStringLiteral("--run=12345")}
                                    << QStringList{} << qint64(7) << qint64(12345) << QString();
    QTest::addRow("run as #id") << QStringList{org, QStringLiteral("7"), run, QStringLiteral("#12345")}
                                << QStringList{} << qint64(7) << qint64(12345) << QString();
    QTest::addRow("run as trace URL")
        << QStringList{org, QStringLiteral("7"), run, QStringLiteral("https://codegen.com/agent/trace/12345")}
        << QStringList{} << qint64(7) << qint64(12345) << QString();
    QTest::addRow("org from CODEGEN_ORG_ID")
        << QStringList{run, QStringLiteral("https://codegen.com/agent/trace/12345")}
        << QStringList{QStringLiteral("CODEGEN_ORG_ID=7")} << qint64(7) << qint64(12345) << QString();
    QTest::addRow("CODEGEN_ORG_ID with spaces")
        << QStringList{run, QStringLiteral("12345")} << QStringList{QStringLiteral("CODEGEN_ORG_ID= 7 ")}
        << qint64(7) << qint64(12345) << QString();
    QTest::addRow("--org beats CODEGEN_ORG_ID")
        << QStringList{org, QStringLiteral("9"), run, QStringLiteral("12345")}
        << QStringList{QStringLiteral("CODEGEN_ORG_ID=7")} << qint64(9) << qint64(12345) << QString();
    QTest::addRow("org from the API URL")
        << QStringList{run, QStringLiteral("https://api.codegen.com/v1/alpha/organizations/7/agent/run/42/logs")}
        << QStringList{} << qint64(7) << qint64(42) << QString();
    QTest::addRow("API URL's org beats CODEGEN_ORG_ID")
        << QStringList{run, QStringLiteral("https://api.codegen.com/v1/alpha/organizations/7/agent/run/42/logs")}
        << QStringList{QStringLiteral("CODEGEN_ORG_ID=8")} << qint64(7) << qint64(42) << QString();
    QTest::addRow("--org beats the URL's org")
        << QStringList{org, QStringLiteral("3"), run,
                       QStringLiteral("https://api.codegen.com/v1/alpha/organizations/7/agent/run/42/logs")}
        << QStringList{} << qint64(3) << qint64(42) << QString();
    QTest::addRow("no organization anywhere") << QStringList{run, QStringLiteral("12345")} << QStringList{}
                                              << qint64(0) << qint64(0) << QStringLiteral("--org");
    QTest::addRow("bad CODEGEN_ORG_ID") << QStringList{run, QStringLiteral("12345")}
                                        << QStringList{QStringLiteral("CODEGEN_ORG_ID=acme")}
                                        << qint64(0) << qint64(0) << QStringLiteral("CODEGEN_ORG_ID");
    QTest::addRow("bad --org") << QStringList{org, QStringLiteral("acme"), run, QStringLiteral("1")} << QStringList{}
                               << qint64(0) << qint64(0) << QStringLiteral("\"acme\"");
    QTest::addRow("zero --org") << QStringList{org, QStringLiteral("0"), run, QStringLiteral("1")} << QStringList{}
                                << qint64(0) << qint64(0) << QStringLiteral("--org");
    QTest::addRow("negative --org") << QStringList{QStringLiteral("--org=-7"), run, QStringLiteral("1")} << QStringList{}
                                    << qint64(0) << qint64(0) << QStringLiteral("--org");
    QTest::addRow("bad --run") << QStringList{org, QStringLiteral("7"), run, QStringLiteral("latest")} << QStringList{}
                               << qint64(0) << qint64(0) << QStringLiteral("\"latest\"");
    QTest::addRow("zero --run") << QStringList{org, QStringLiteral("7"), run, QStringLiteral("0")} << QStringList{}
                                << qint64(0) << qint64(0) << QStringLiteral("--run");
    QTest::addRow("URL without a number")
        << QStringList{org, QStringLiteral("7"), run, QStringLiteral("https://codegen.com/agent/trace/")}
        << QStringList{} << qint64(0) << qint64(0) << QStringLiteral("--run");
    QTest::addRow("--org alone") << QStringList{org, QStringLiteral("7")} << QStringList{}
                                 << qint64(0) << qint64(0) << QStringLiteral("--run");
    QTest::addRow("--run without value") << QStringList{org, QStringLiteral("7"), run} << QStringList{}
                                         << qint64(0) << qint64(0) << QStringLiteral("run");
}

void TestCommandLine::runSelection()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(qint64, org);
    QFETCH(qint64, run);
    QFETCH(QString, error);

    const CommandLineOptions options = parse(arguments, environment);
    if (org == 0) {
        COMPARE_ACTION(options.action, CommandLineOptions::Action::Error);
        QVERIFY2(options.errorText.contains(error), qPrintable(options.errorText));
        QVERIFY(!options.run);
        return;
    }
    VERIFY_RUN(options);
    QVERIFY(options.run.has_value());
    QCOMPARE(options.run->orgId, org);
    QCOMPARE(options.run->runId, run);
    QVERIFY(options.run->isValid());
}

void TestCommandLine::baseUrl_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("expected"); // empty: an error naming the URL

    const QString flag = QStringLiteral("--base-url");
    QTest::addRow("default") << QStringList{} << QStringList{} << QStringLiteral("https://api.codegen.com");
    QTest::addRow("flag") << QStringList{flag, QStringLiteral("https://staging.codegen.com")} << QStringList{}
                          << QStringLiteral("https://staging.codegen.com");
    QTest::addRow("flag with port and path") << QStringList{flag, QStringLiteral("http://127.0.0.1:8080/api")}
                                             << QStringList{} << QStringLiteral("http://127.0.0.1:8080/api");
    QTest::addRow("flag trimmed") << QStringList{flag, QStringLiteral("  https://x.example  ")} << QStringList{}
                                  << QStringLiteral("https://x.example");
    QTest::addRow("environment") << QStringList{}
                                 << QStringList{QStringLiteral("CODEGEN_API_BASE_URL=https://env.codegen.com")}
                                 << QStringLiteral("https://env.codegen.com");
    QTest::addRow("flag beats environment")
        << QStringList{flag, QStringLiteral("https://flag.codegen.com")}
        << QStringList{QStringLiteral("CODEGEN_API_BASE_URL=https://env.codegen.com")}
        << QStringLiteral("https://flag.codegen.com");
    QTest::addRow("ftp") << QStringList{flag, QStringLiteral("ftp://api.codegen.com")} << QStringList{} << QString();
    QTest::addRow("no scheme") << QStringList{flag, QStringLiteral("api.codegen.com")} << QStringList{} << QString();
    QTest::addRow("no host") << QStringList{flag, QStringLiteral("https://")} << QStringList{} << QString();
    QTest::addRow("not a URL") << QStringList{flag, QStringLiteral("https://exa mple.com")} << QStringList{} << QString();
    QTest::addRow("empty") << QStringList{flag, QString()} << QStringList{} << QString();
    QTest::addRow("bad environment")
        << QStringList{} << QStringList{QStringLiteral("CODEGEN_API_BASE_URL=file:///etc/passwd")} << QString();
}

void TestCommandLine::baseUrl()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, expected);

    const CommandLineOptions options = parse(arguments, environment);
    if (expected.isEmpty()) {
        COMPARE_ACTION(options.action, CommandLineOptions::Action::Error);
        QVERIFY2(options.errorText.contains(QLatin1String("base URL")), qPrintable(options.errorText));
        return;
    }
    VERIFY_RUN(options);
    QCOMPARE(options.baseUrl, QUrl(expected));
    // Only the default is not "given": Open Run… then asks the server last used.
    QCOMPARE(options.baseUrlGiven, QByteArray(QTest::currentDataTag()) != "default");
}

void TestCommandLine::rateLimit_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("count");    // 0: refused
    QTest::addColumn<int>("windowMs");

    QTest::addRow("60/60") << QStringLiteral("60/60") << 60 << 60000;
    QTest::addRow("100/2m") << QStringLiteral("100/2m") << 100 << 120000;
    QTest::addRow("30/60s") << QStringLiteral("30/60s") << 30 << 60000;
    QTest::addRow("10/500ms") << QStringLiteral("10/500ms") << 10 << 500;
    QTest::addRow("5/1.5") << QStringLiteral("5/1.5") << 5 << 1500;
    QTest::addRow("spaces") << QStringLiteral(" 60 / 60 ") << 60 << 60000;
    QTest::addRow("a day") << QStringLiteral("1000/1440m") << 1000 << 24 * 3600 * 1000;
    QTest::addRow("no window") << QStringLiteral("60") << 0 << 0;
    QTest::addRow("zero requests") << QStringLiteral("0/60") << 0 << 0;
    QTest::addRow("zero window") << QStringLiteral("60/0") << 0 << 0;
    QTest::addRow("negative") << QStringLiteral("-1/60") << 0 << 0;
    QTest::addRow("letters") << QStringLiteral("a/b") << 0 << 0;
    QTest::addRow("hours") << QStringLiteral("60/1h") << 0 << 0;
    QTest::addRow("more than a day") << QStringLiteral("60/1441m") << 0 << 0;
    QTest::addRow("too many requests") << QStringLiteral("100001/60") << 0 << 0;
    QTest::addRow("overflowing count") << QStringLiteral("99999999999999999999/60") << 0 << 0;
    QTest::addRow("empty") << QString() << 0 << 0;
    QTest::addRow("per minute words") << QStringLiteral("60 per minute") << 0 << 0;
}

void TestCommandLine::rateLimit()
{
    QFETCH(QString, value);
    QFETCH(int, count);
    QFETCH(int, windowMs);

    const CommandLineOptions options = parse({QStringLiteral("--rate-limit"), value});
    if (count == 0) {
        COMPARE_ACTION(options.action, CommandLineOptions::Action::Error);
        QVERIFY2(options.errorText.contains(QLatin1String("--rate-limit")), qPrintable(options.errorText));
        return;
    }
    VERIFY_RUN(options);
    QVERIFY(options.rateLimitGiven);
    QCOMPARE(options.rateLimitCount, count);
    QCOMPARE(options.rateLimitWindowMs, windowMs);
}

void TestCommandLine::exportAndSources_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("inputFile");
    QTest::addColumn<QString>("exportPath");
    QTest::addColumn<QString>("exportFormat");
    QTest::addColumn<QString>("error"); // non-empty: a fragment of the expected error

    const QString orgRun = QStringLiteral("--org 7 --run 12345");
    const auto args = [](const QString &line) { return line.split(QLatin1Char(' '), Qt::SkipEmptyParts); };

    QTest::addRow("file") << args(QStringLiteral("run.json")) << QStringLiteral("run.json") << QString() << QString() << QString();
    QTest::addRow("jsonl file with spaces in its name") << QStringList{QStringLiteral("my run.jsonl")}
                                                        << QStringLiteral("my run.jsonl") << QString() << QString() << QString();
    QTest::addRow("run export") << args(orgRun + QStringLiteral(" --export out.csv")) << QString()
                                << QStringLiteral("out.csv") << QString() << QString();
    QTest::addRow("run export, format") << args(orgRun + QStringLiteral(" --export out.txt --format MD")) << QString()
                                        << QStringLiteral("out.txt") << QStringLiteral("md") << QString();
    QTest::addRow("--export=") << args(orgRun + QStringLiteral(" --export=out.html")) << QString()
                               << QStringLiteral("out.html") << QString() << QString();
    QTest::addRow("file conversion") << args(QStringLiteral("in.json --export out.jsonl")) << QStringLiteral("in.json")
                                     << QStringLiteral("out.jsonl") << QString() << QString();
    QTest::addRow("demo export") << args(QStringLiteral("--demo --export demo.json")) << QString()
                                 << QStringLiteral("demo.json") << QString() << QString();
    QTest::addRow("export of nothing") << args(QStringLiteral("--export out.csv")) << QString() << QString() << QString()
                                       << QStringLiteral("--export needs something");
    QTest::addRow("export to an empty name") << QStringList{QStringLiteral("run.json"), QStringLiteral("--export"), QString()}
                                             << QString() << QString() << QString() << QStringLiteral("file name");
    QTest::addRow("export without a value") << args(QStringLiteral("run.json --export")) << QString() << QString()
                                            << QString() << QStringLiteral("export");
    QTest::addRow("two files") << args(QStringLiteral("a.json b.json")) << QString() << QString() << QString()
                               << QStringLiteral("one file");
    QTest::addRow("demo and file") << args(QStringLiteral("--demo a.json")) << QString() << QString() << QString()
                                   << QStringLiteral("one thing at a time");
    QTest::addRow("demo and run") << args(QStringLiteral("--demo ") + orgRun) << QString() << QString() << QString()
                                  << QStringLiteral("one thing at a time");
    QTest::addRow("run and file") << args(orgRun + QStringLiteral(" a.json")) << QString() << QString() << QString()
                                  << QStringLiteral("one thing at a time");
    QTest::addRow("token on the command line") << args(QStringLiteral("--token abc ") + orgRun) << QString()
                                               << QString() << QString() << QStringLiteral("token");
    QTest::addRow("unknown option") << args(QStringLiteral("--frobnicate")) << QString() << QString() << QString()
                                    << QStringLiteral("frobnicate");
    QTest::addRow("--csv-bom=maybe") << args(orgRun + QStringLiteral(" --export out.csv --csv-bom=maybe")) << QString()
                                     << QString() << QString() << QStringLiteral("--csv-bom must be yes or no, not \"maybe\"");
    QTest::addRow("--csv-bom without --export") << args(orgRun + QStringLiteral(" --csv-bom=no")) << QString() << QString()
                                                << QString() << QStringLiteral("--csv-bom goes with --export");
}

void TestCommandLine::csvByteOrderMarkOption()
{
    const QStringList run{QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--run"), QStringLiteral("1"),
                          QStringLiteral("--export"), QStringLiteral("out.csv")};
    QCOMPARE(parse(run).csvByteOrderMark, true); // spreadsheets first: the default has one
    QCOMPARE(parse(run + QStringList{QStringLiteral("--csv-bom=no")}).csvByteOrderMark, false);
    QCOMPARE(parse(run + QStringList{QStringLiteral("--csv-bom"), QStringLiteral("NO")}).csvByteOrderMark, false);
    QCOMPARE(parse(run + QStringList{QStringLiteral("--csv-bom=yes")}).csvByteOrderMark, true);
}

void TestCommandLine::exportAndSources()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, inputFile);
    QFETCH(QString, exportPath);
    QFETCH(QString, exportFormat);
    QFETCH(QString, error);

    const CommandLineOptions options = parse(arguments);
    if (!error.isEmpty()) {
        COMPARE_ACTION(options.action, CommandLineOptions::Action::Error);
        QVERIFY2(options.errorText.contains(error, Qt::CaseInsensitive), qPrintable(options.errorText));
        return;
    }
    VERIFY_RUN(options);
    QCOMPARE(options.inputFile, inputFile);
    QCOMPARE(options.exportPath, exportPath);
    QCOMPARE(options.exportFormat, exportFormat);
}

void TestCommandLine::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<CommandLineOptions::Action>("action");

    QTest::addRow("--help") << QStringList{QStringLiteral("--help")} << CommandLineOptions::Action::ShowHelp;
    QTest::addRow("-h") << QStringList{QStringLiteral("-h")} << CommandLineOptions::Action::ShowHelp;
    QTest::addRow("--help wins over an error")
        << QStringList{QStringLiteral("--rate-limit"), QStringLiteral("nonsense"), QStringLiteral("--help")}
        << CommandLineOptions::Action::ShowHelp;
    QTest::addRow("--help with a run")
        << QStringList{QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--run"), QStringLiteral("1"),
                       QStringLiteral("--help")}
        << CommandLineOptions::Action::ShowHelp;
    QTest::addRow("--help-all") << QStringList{QStringLiteral("--help-all")} << CommandLineOptions::Action::ShowHelp;
    QTest::addRow("--version") << QStringList{QStringLiteral("--version")} << CommandLineOptions::Action::ShowVersion;
    QTest::addRow("-v") << QStringList{QStringLiteral("-v")} << CommandLineOptions::Action::ShowVersion;
}

void TestCommandLine::helpAndVersion()
{
    QFETCH(QStringList, arguments);
    QFETCH(CommandLineOptions::Action, action);

    const CommandLineOptions options = parse(arguments);
    COMPARE_ACTION(options.action, action);
    if (action == CommandLineOptions::Action::ShowHelp) {
        // The man page is made from this text: its usage line names the command, not argv[0].
        QVERIFY2(options.helpText.startsWith(QLatin1String("Usage: runlog [options] [FILE|LINK]\n")),
                 qPrintable(options.helpText.left(80)));
        for (const char *word : {"--org", "--run", "--base-url", "--export", "--format", "--reverse",
                                 "--rate-limit", "--demo", "CODEGEN_API_TOKEN", "CODEGEN_ORG_ID",
                                 "CODEGEN_API_BASE_URL"}) {
            QVERIFY2(options.helpText.contains(QLatin1String(word)), word);
        }
    } else {
        QVERIFY(options.helpText.isEmpty());
    }
}

void TestCommandLine::errorsAreOneLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");

    const QStringList none;
    QTest::addRow("unknown option") << QStringList{QStringLiteral("--nope")} << none;
    QTest::addRow("missing value") << QStringList{QStringLiteral("--org")} << none;
    QTest::addRow("bad run") << QStringList{QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--run"),
                                            QStringLiteral("line one\nline two")} << none;
    QTest::addRow("bad rate limit with a newline") << QStringList{QStringLiteral("--rate-limit"), QStringLiteral("6\n0/60")} << none;
    QTest::addRow("bad base URL with a newline") << QStringList{QStringLiteral("--base-url"), QStringLiteral("ftp://a\nb")} << none;
    QTest::addRow("bad org with a newline") << QStringList{QStringLiteral("--org"), QStringLiteral("7\n8"),
                                                           QStringLiteral("--run"), QStringLiteral("1")} << none;
    QTest::addRow("bad CODEGEN_ORG_ID") << QStringList{QStringLiteral("--run"), QStringLiteral("1")}
                                        << QStringList{QStringLiteral("CODEGEN_ORG_ID=x")};
    QTest::addRow("no org") << QStringList{QStringLiteral("--run"), QStringLiteral("1")} << none;
    QTest::addRow("terminal escape in --run") << QStringList{QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--run"),
                                                             QStringLiteral("\x1b[31mred\x1b[0m")} << none;
    QTest::addRow("unknown option with a newline") << QStringList{QStringLiteral("--x\ny")} << none;
    QTest::addRow("line separator in --org") << QStringList{QStringLiteral("--org"), QString(QChar(0x2028)),
                                                            QStringLiteral("--run"), QStringLiteral("1")} << none;
    QTest::addRow("conflict") << QStringList{QStringLiteral("--demo"), QStringLiteral("f.json")} << none;
    QTest::addRow("export nothing") << QStringList{QStringLiteral("--export"), QStringLiteral("o.csv")} << none;
}

void TestCommandLine::errorsAreOneLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);

    const CommandLineOptions options = parse(arguments, environment);
    COMPARE_ACTION(options.action, CommandLineOptions::Action::Error);
    QVERIFY(!options.errorText.trimmed().isEmpty());
    QVERIFY2(!options.errorText.contains(QLatin1Char('\n')), qPrintable(options.errorText));
    QVERIFY2(!options.errorText.contains(QLatin1Char('\r')), qPrintable(options.errorText));
    for (const QChar c : options.errorText) {
        QVERIFY2(c.category() != QChar::Other_Control && c != QChar::LineSeparator
                     && c != QChar::ParagraphSeparator,
                 qPrintable(options.errorText));
    }
}

void TestCommandLine::errorQuotesInputVisibly()
{
    const CommandLineOptions options = parse({QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--run"),
                                              QStringLiteral("line one\nline two")});
    COMPARE_ACTION(options.action, CommandLineOptions::Action::Error);
    QVERIFY2(options.errorText.contains(QLatin1String("\"line one\\nline two\"")), qPrintable(options.errorText));
}


void TestCommandLine::runIdFrom_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // 0: nullopt

    QTest::addRow("plain") << QStringLiteral("12345") << qint64(12345);
    QTest::addRow("spaces") << QStringLiteral("  12345\n") << qint64(12345);
    QTest::addRow("hash") << QStringLiteral("#123") << qint64(123);
    QTest::addRow("big") << QStringLiteral("9007199254740993") << qint64(9007199254740993LL);
    QTest::addRow("trace URL") << QStringLiteral("https://codegen.com/agent/trace/12345") << qint64(12345);
    QTest::addRow("trace URL, slash") << QStringLiteral("https://codegen.com/agent/trace/12345/") << qint64(12345);
    QTest::addRow("trace URL, query and fragment")
        << QStringLiteral("https://codegen.com/agent/trace/12345?tab=logs&page=2#entry-9") << qint64(12345);
    QTest::addRow("trace URL without scheme") << QStringLiteral("codegen.com/agent/trace/12345") << qint64(12345);
    QTest::addRow("trace URL, other host") << QStringLiteral("https://app.codegen.example/agent/trace/777") << qint64(777);
    QTest::addRow("API logs URL")
        << QStringLiteral("https://api.codegen.com/v1/alpha/organizations/7/agent/run/42/logs") << qint64(42);
    QTest::addRow("API logs URL with query")
        << QStringLiteral("https://api.codegen.com/v1/alpha/organizations/7/agent/run/42/logs?skip=100&limit=100")
        << qint64(42);
    QTest::addRow("runs path") << QStringLiteral("https://codegen.com/runs/55/details") << qint64(55);
    QTest::addRow("query run_id") << QStringLiteral("https://codegen.com/agent?run_id=88") << qint64(88);
    QTest::addRow("query agent_run_id") << QStringLiteral("https://codegen.com/x/?agent_run_id=89") << qint64(89);
    QTest::addRow("last number in path") << QStringLiteral("https://codegen.com/a/31/b") << qint64(31);
    QTest::addRow("zero") << QStringLiteral("0") << qint64(0);
    QTest::addRow("negative") << QStringLiteral("-5") << qint64(0);
    QTest::addRow("hash alone") << QStringLiteral("#") << qint64(0);
    QTest::addRow("empty") << QString() << qint64(0);
    QTest::addRow("words") << QStringLiteral("latest run") << qint64(0);
    QTest::addRow("number with letters") << QStringLiteral("12345abc") << qint64(0);
    QTest::addRow("overflow") << QStringLiteral("99999999999999999999") << qint64(0);
    QTest::addRow("URL without numbers") << QStringLiteral("https://codegen.com/agent/trace/abc") << qint64(0);
    QTest::addRow("host only") << QStringLiteral("https://codegen.com/") << qint64(0);
    QTest::addRow("trace 0") << QStringLiteral("https://codegen.com/agent/trace/0") << qint64(0);
    QTest::addRow("organization URL names no run") << QStringLiteral("https://codegen.com/organizations/7/settings") << qint64(0);
    QTest::addRow("org URL names no run") << QStringLiteral("https://codegen.com/org/7") << qint64(0);
    QTest::addRow("number after the org's") << QStringLiteral("https://codegen.com/org/7/agent/31") << qint64(31);
}

void TestCommandLine::runIdFrom()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const std::optional<qint64> id = RunUrl::runIdFrom(text);
    if (expected == 0) {
        QVERIFY2(!id, qPrintable(QString::number(id.value_or(0))));
        return;
    }
    QVERIFY(id.has_value());
    QCOMPARE(*id, expected);
}

void TestCommandLine::orgIdFrom_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // 0: nullopt

    QTest::addRow("API logs URL")
        << QStringLiteral("https://api.codegen.com/v1/alpha/organizations/7/agent/run/42/logs") << qint64(7);
    QTest::addRow("org path") << QStringLiteral("https://codegen.com/org/5/agent/trace/1") << qint64(5);
    QTest::addRow("query org_id") << QStringLiteral("https://codegen.com/agent/trace/1?org_id=9") << qint64(9);
    QTest::addRow("query organization_id")
        << QStringLiteral("https://codegen.com/agent/trace/1?organization_id=11") << qint64(11);
    QTest::addRow("trace URL has none") << QStringLiteral("https://codegen.com/agent/trace/12345") << qint64(0);
    QTest::addRow("plain number has none") << QStringLiteral("12345") << qint64(0);
    QTest::addRow("not a number") << QStringLiteral("https://x.example/organizations/acme/agent/run/1") << qint64(0);
    QTest::addRow("zero") << QStringLiteral("https://x.example/organizations/0/agent/run/1") << qint64(0);
    QTest::addRow("empty") << QString() << qint64(0);
}

void TestCommandLine::orgIdFrom()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const std::optional<qint64> id = RunUrl::orgIdFrom(text);
    if (expected == 0) {
        QVERIFY2(!id, qPrintable(QString::number(id.value_or(0))));
        return;
    }
    QVERIFY(id.has_value());
    QCOMPARE(*id, expected);
}

void TestCommandLine::libraryOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected"); // "listRuns org source user search offline noStore", or error words
    const QString list = QStringLiteral("--list-runs");
    QTest::addRow("list with --org") << QStringList{list, QStringLiteral("--org"), QStringLiteral("7")} << QStringList{} << true
                                     << QStringLiteral("1 7 - - - 0 0");
    QTest::addRow("list, org from the environment") << QStringList{list} << QStringList{QStringLiteral("CODEGEN_ORG_ID=9")} << true
                                                    << QStringLiteral("1 9 - - - 0 0");
    QTest::addRow("list with filters")
        << QStringList{list, QStringLiteral("--org=7"), QStringLiteral("--source-type"), QStringLiteral(" github "),
                       QStringLiteral("--user-id"), QStringLiteral("12")}
        << QStringList{} << true << QStringLiteral("1 7 GITHUB 12 - 0 0");
    QTest::addRow("list the demo's runs") << QStringList{list, QStringLiteral("--demo")} << QStringList{} << true
                                          << QStringLiteral("1 0 - - - 0 0");
    QTest::addRow("list, json") << QStringList{list, QStringLiteral("--org=7"), QStringLiteral("--format"), QStringLiteral("JSON")}
                                << QStringList{} << true << QStringLiteral("1 7 - - - 0 0");
    QTest::addRow("search") << QStringList{QStringLiteral("--search"), QStringLiteral("Segmentation fault")} << QStringList{}
                            << true << QStringLiteral("0 0 - - Segmentation_fault 0 0");
    QTest::addRow("search offline") << QStringList{QStringLiteral("--search=x"), QStringLiteral("--offline")} << QStringList{}
                                    << true << QStringLiteral("0 0 - - x 1 0");
    // With a run, --search searches that run (HeadlessRunSearch), also without the library.
    QTest::addRow("search one run") << QStringList{QStringLiteral("--search=type:error"), QStringLiteral("--org=7"), QStringLiteral("--run=8")}
                                    << QStringList{} << true << QStringLiteral("0 0 - - type:error 0 0");
    QTest::addRow("search the demo, no store") << QStringList{QStringLiteral("--search=x"), QStringLiteral("--demo"), QStringLiteral("--no-store")}
                                               << QStringList{} << true << QStringLiteral("0 0 - - x 0 1");
    QTest::addRow("export offline, no store")
        << QStringList{QStringLiteral("--org=7"), QStringLiteral("--run=8"), QStringLiteral("--export=o.json"),
                       QStringLiteral("--offline"), QStringLiteral("--no-store")}
        << QStringList{} << true << QStringLiteral("0 0 - - - 1 1");

    QTest::addRow("list without an organization") << QStringList{list} << QStringList{} << false << QStringLiteral("organization");
    QTest::addRow("list with a bad --org") << QStringList{list, QStringLiteral("--org=x")} << QStringList{} << false
                                           << QStringLiteral("--org");
    QTest::addRow("list with --run") << QStringList{list, QStringLiteral("--org=7"), QStringLiteral("--run=8")} << QStringList{}
                                     << false << QStringLiteral("--list-runs");
    QTest::addRow("list offline") << QStringList{list, QStringLiteral("--org=7"), QStringLiteral("--offline")} << QStringList{}
                                  << false << QStringLiteral("--offline");
    QTest::addRow("list with a bad --user-id") << QStringList{list, QStringLiteral("--org=7"), QStringLiteral("--user-id=me")}
                                               << QStringList{} << false << QStringLiteral("--user-id");
    QTest::addRow("filters without --list-runs") << QStringList{QStringLiteral("--source-type=API")} << QStringList{} << false
                                                 << QStringLiteral("--list-runs");
    QTest::addRow("list as csv") << QStringList{list, QStringLiteral("--org=7"), QStringLiteral("--format=csv")} << QStringList{}
                                 << false << QStringLiteral("tsv or json");
    QTest::addRow("empty search") << QStringList{QStringLiteral("--search=")} << QStringList{} << false << QStringLiteral("--search");
    QTest::addRow("search with --export") << QStringList{QStringLiteral("--search=x"), QStringLiteral("--demo"), QStringLiteral("--export=o.json")}
                                          << QStringList{} << false << QStringLiteral("--search");
    QTest::addRow("search with --stats") << QStringList{QStringLiteral("--search=x"), QStringLiteral("--demo"), QStringLiteral("--stats")}
                                         << QStringList{} << false << QStringLiteral("--search");
    QTest::addRow("search as csv") << QStringList{QStringLiteral("--search=x"), QStringLiteral("--demo"), QStringLiteral("--format=csv")}
                                   << QStringList{} << false << QStringLiteral("tsv or json");
    QTest::addRow("search, no store") << QStringList{QStringLiteral("--search=x"), QStringLiteral("--no-store")} << QStringList{}
                                      << false << QStringLiteral("--no-store");
}

void TestCommandLine::libraryOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    const CommandLineOptions options = parse(arguments, environment);
    if (!ok) {
        COMPARE_ACTION(options.action, CommandLineOptions::Action::Error);
        QVERIFY2(options.errorText.contains(expected), qPrintable(options.errorText));
        return;
    }
    VERIFY_RUN(options);
    const QString actual = QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                               .arg(int(options.listRuns))
                               .arg(options.listOrgId)
                               .arg(options.sourceType.isEmpty() ? QStringLiteral("-") : options.sourceType)
                               .arg(options.userId ? QString::number(*options.userId) : QStringLiteral("-"))
                               .arg(options.searchText.isNull() ? QStringLiteral("-") : QString(options.searchText).replace(u' ', u'_'))
                               .arg(int(options.offline))
                               .arg(int(options.noStore));
    QCOMPARE(actual, expected);
}

void TestCommandLine::compareWithoutFormatOpensTheWindow()
{
    // Two sides that are no files: a run ID of --org and a run's web address.
    const CommandLineOptions shown = parse({QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--compare"),
                                            QStringLiteral("42"), QStringLiteral("https://codegen.com/agent/trace/43")});
    QCOMPARE(shown.action, CommandLineOptions::Action::Run);
    QVERIFY(shown.compare);
    QVERIFY(shown.compareInWindow());
    QCOMPARE(shown.compareSources.size(), 2);
    QCOMPARE(shown.compareSources.at(0).run->runId, 42);
    QCOMPARE(shown.compareSources.at(1).run->runId, 43);
    for (const QString &format : {QStringLiteral("tsv"), QStringLiteral("json")}) {
        const CommandLineOptions printed = parse({QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--compare"),
                                                  QStringLiteral("42"), QStringLiteral("43"), QStringLiteral("--format"), format});
        QCOMPARE(printed.action, CommandLineOptions::Action::Run);
        QVERIFY(printed.compare);
        QVERIFY(!printed.compareInWindow());
    }
    QVERIFY(!parse({}).compareInWindow());
}

// --sample (and --epoch) once per side of --compare, in the sides' order, or once for both.
void TestCommandLine::compareTakesASamplePerSide()
{
    const QString left = QStringLiteral("left.eval");
    const QString right = QStringLiteral("right.json");
    const CommandLineOptions two = parse({QStringLiteral("--compare"), left, right, QStringLiteral("--sample"), QStringLiteral("s-1"),
                                          QStringLiteral("--sample"), QStringLiteral("2"), QStringLiteral("--epoch"), QStringLiteral("1"),
                                          QStringLiteral("--epoch"), QStringLiteral("3"), QStringLiteral("--format"), QStringLiteral("tsv")});
    QCOMPARE(two.action, CommandLineOptions::Action::Run);
    QCOMPARE(two.compareSources.size(), 2);
    QVERIFY(two.compareSources.at(0).sample);
    QCOMPARE(*two.compareSources.at(0).sample, (SampleRef{QStringLiteral("s-1"), 1}));
    QVERIFY(two.compareSources.at(1).sample);
    QCOMPARE(*two.compareSources.at(1).sample, (SampleRef{QStringLiteral("2"), 3}));
    QVERIFY(!two.sample); // no sample of one file

    const CommandLineOptions one = parse({QStringLiteral("--compare"), left, right, QStringLiteral("--sample"), QStringLiteral("7")});
    QCOMPARE(one.action, CommandLineOptions::Action::Run);
    QVERIFY(one.compareSources.at(0).sample);
    QCOMPARE(*one.compareSources.at(0).sample, (SampleRef{QStringLiteral("7"), 0}));
    QVERIFY(one.compareSources.at(1).sample);
    QCOMPARE(*one.compareSources.at(1).sample, (SampleRef{QStringLiteral("7"), 0}));

    // One --sample beside a run of the API is the file's; two name the API run's too: refused.
    const CommandLineOptions api = parse({QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--compare"), left,
                                          QStringLiteral("42"), QStringLiteral("--sample"), QStringLiteral("7")});
    QCOMPARE(api.action, CommandLineOptions::Action::Run);
    QVERIFY(api.compareSources.at(0).sample);
    QCOMPARE(*api.compareSources.at(0).sample, (SampleRef{QStringLiteral("7"), 0}));
    QVERIFY(!api.compareSources.at(1).sample);
    const CommandLineOptions apiTwo = parse({QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--compare"), left,
                                             QStringLiteral("42"), QStringLiteral("--sample"), QStringLiteral("7"), QStringLiteral("--sample"),
                                             QStringLiteral("8")});
    QCOMPARE(apiTwo.action, CommandLineOptions::Action::Error);
    QCOMPARE(apiTwo.errorText, QStringLiteral("--sample names a sample of a file; \"42\" is a run of the API."));

    const CommandLineOptions three = parse({QStringLiteral("--compare"), left, right, QStringLiteral("--sample"), QStringLiteral("1"),
                                            QStringLiteral("--sample"), QStringLiteral("2"), QStringLiteral("--sample"), QStringLiteral("3")});
    QCOMPARE(three.action, CommandLineOptions::Action::Error);
    QCOMPARE(three.errorText, QStringLiteral("--compare takes --sample once per side, at most twice."));
    const CommandLineOptions epochs = parse({QStringLiteral("--compare"), left, right, QStringLiteral("--sample"), QStringLiteral("1"),
                                             QStringLiteral("--sample"), QStringLiteral("2"), QStringLiteral("--epoch"), QStringLiteral("1")});
    QCOMPARE(epochs.action, CommandLineOptions::Action::Error);
    QCOMPARE(epochs.errorText, QStringLiteral("Give --epoch once for each --sample, or not at all."));
    const CommandLineOptions twoForOneFile = parse({left, QStringLiteral("--sample"), QStringLiteral("1"), QStringLiteral("--sample"),
                                                    QStringLiteral("2"), QStringLiteral("--stats")});
    QCOMPARE(twoForOneFile.action, CommandLineOptions::Action::Error);
    QCOMPARE(twoForOneFile.errorText, QStringLiteral("--sample names one sample."));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"

void TestCommandLine::qtOptionsPassThrough_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("qtArguments"); // what the application object must get
    QTest::addColumn<QString>("inputFile");
    QTest::addColumn<bool>("reverse");            // Runlog's own --reverse (newest first)

    const QString file = QStringLiteral("run.json");
    QTest::addRow("-platform offscreen") << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen")}
                                         << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen")}
                                         << QString() << false;
    QTest::addRow("-style Fusion and a file")
        << QStringList{QStringLiteral("-style"), QStringLiteral("Fusion"), file}
        << QStringList{QStringLiteral("-style"), QStringLiteral("Fusion")} << file << false;
    QTest::addRow("-style=Fusion") << QStringList{QStringLiteral("-style=Fusion"), file}
                                   << QStringList{QStringLiteral("-style=Fusion")} << file << false;
    QTest::addRow("--style Fusion (Qt reads two dashes too)")
        << QStringList{file, QStringLiteral("--style"), QStringLiteral("Fusion")}
        << QStringList{QStringLiteral("--style"), QStringLiteral("Fusion")} << file << false;
    QTest::addRow("-stylesheet, -qwindowgeometry, -widgetcount")
        << QStringList{QStringLiteral("-stylesheet"), QStringLiteral("a.qss"), QStringLiteral("-qwindowgeometry"),
                       QStringLiteral("800x600+0+0"), QStringLiteral("-widgetcount")}
        << QStringList{QStringLiteral("-stylesheet"), QStringLiteral("a.qss"), QStringLiteral("-qwindowgeometry"),
                       QStringLiteral("800x600+0+0"), QStringLiteral("-widgetcount")}
        << QString() << false;
    QTest::addRow("X11: -display, -geometry, -title")
        << QStringList{QStringLiteral("-display"), QStringLiteral(":1"), QStringLiteral("-geometry"),
                       QStringLiteral("640x480"), QStringLiteral("-title"), QStringLiteral("Logs")}
        << QStringList{QStringLiteral("-display"), QStringLiteral(":1"), QStringLiteral("-geometry"),
                       QStringLiteral("640x480"), QStringLiteral("-title"), QStringLiteral("Logs")}
        << QString() << false;
    QTest::addRow("Qt's -reverse is right-to-left, not newest first")
        << QStringList{QStringLiteral("-reverse")} << QStringList{QStringLiteral("-reverse")} << QString() << false;
    QTest::addRow("Runlog's --reverse is not Qt's")
        << QStringList{QStringLiteral("--reverse"), QStringLiteral("-platform"), QStringLiteral("offscreen")}
        << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen")} << QString() << true;
    QTest::addRow("after --, a file named like an option")
        << QStringList{QStringLiteral("--"), QStringLiteral("-style")} << QStringList{}
        << QStringLiteral("-style") << false;
}

void TestCommandLine::qtOptionsPassThrough()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, qtArguments);
    QFETCH(QString, inputFile);
    QFETCH(bool, reverse);
    const CommandLineOptions options = parse(arguments);
    VERIFY_RUN(options);
    QCOMPARE(options.qtArguments, qtArguments);
    QCOMPARE(options.inputFile, inputFile);
    QCOMPARE(options.reverse, reverse);
}

void TestCommandLine::realBinaryAcceptsQtOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expectedOutput");

    const QString version = QStringLiteral("runlog %1").arg(QStringLiteral(RUNLOG_VERSION));
    QTest::addRow("-platform offscreen --version")
        << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--version")} << version;
    QTest::addRow("-style Fusion --version")
        << QStringList{QStringLiteral("-style"), QStringLiteral("Fusion"), QStringLiteral("--version")} << version;
}

// The binary a user starts: Qt's options are not refused as unknown ("Unknown options: s, t, y, l, e").
void TestCommandLine::realBinaryAcceptsQtOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expectedOutput);
    QProcess runlog;
    runlog.start(QStringLiteral(RUNLOG_BINARY), arguments);
    QVERIFY(runlog.waitForFinished(60000));
    const QByteArray errors = runlog.readAllStandardError();
    QVERIFY2(runlog.exitCode() == 0, errors.constData());
    QCOMPARE(QString::fromLocal8Bit(runlog.readAllStandardOutput()).trimmed(), expectedOutput);
}
