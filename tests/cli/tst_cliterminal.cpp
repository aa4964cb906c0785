// SPDX-License-Identifier: MIT
// Nothing a server sends reaches the terminal as a control: the real binary, against the spec
// server in this process, whose every text field (the run's, the run list's, the entries')
// holds a title-setting OSC, BEL, a colour escape, NEL, CSI (U+009B) and two bidi controls.
// --list-runs, --stats and --search, in tsv and json, and an error on stderr: no such byte comes
// out raw, tsv shows the visible escapes, and json parses to the server's very strings.
#include "clienvironment.h"
#include "clirun.h"
#include "samplerun.h"
#include "testlogserver.h"

#include "json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

// ESC ] 0 ; TITLE BEL, ESC [ 31 m, then U+0085, U+009B, U+202E, U+2066.
const QString kHostile = QStringLiteral("\x1b]0;TITLE\x07\x1b[31mRED") + QChar(0x85) + QChar(0x9b) + QChar(0x202e) + QChar(0x2066);
// kHostile as a tsv field and on stderr, written out by hand.
const QByteArray kVisible = QByteArrayLiteral("\\x1b]0;TITLE\\x07\\x1b[31mRED\\x85\\x9b\\u{202e}\\u{2066}");

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Where the first byte sequence a terminal acts on starts, or -1: C0 controls other than tab
// and line feed, DEL, the C1 controls in UTF-8 (C2 80..C2 9F), the bidi controls in UTF-8
// (E2 80 AA..AE, E2 81 A6..A9). Independent of the code under test on purpose.
qsizetype firstRawControl(const QByteArray &bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes.at(i));
        const auto next = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes.at(i + 1)) : 0;
        const auto third = i + 2 < bytes.size() ? static_cast<unsigned char>(bytes.at(i + 2)) : 0;
        if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7f)
            return i;
        if (b == 0xc2 && next >= 0x80 && next <= 0x9f)
            return i;
        if (b == 0xe2 && next == 0x80 && third >= 0xaa && third <= 0xae)
            return i;
        if (b == 0xe2 && next == 0x81 && third >= 0xa6 && third <= 0xa9)
            return i;
    }
    return -1;
}

#define VERIFY_NO_RAW_CONTROL(bytes)                                                                            \
    do {                                                                                                        \
        const qsizetype at = firstRawControl(bytes);                                                            \
        QVERIFY2(at < 0, qPrintable(QStringLiteral("a raw control at byte %1: %2").arg(at).arg(                 \
                                        QString::fromLatin1((bytes).mid(qMax<qsizetype>(0, at - 20), 40).toHex(' '))))); \
    } while (false)
} // namespace

class TestCliTerminal : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listRunsTsv();
    void listRunsJson();
    void statsTsv();
    void statsJson();
    void searchTsv();
    void searchJson();
    void errorOnStderr();

private:
    CliResult runCli(const QStringList &args);
    QStringList serverArgs() const;
    void storeTheRun();

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliTerminal::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    const QByteArray hostile = JsonWriter::string(kHostile);
    RunRecord run = makeListedRun(kOrg, kRun, 0, QStringLiteral("API"), 1, true);
    run.setStatus(kHostile);
    run.setField(QStringLiteral("created_at"), hostile);
    run.setField(QStringLiteral("web_url"), hostile);
    run.setField(QStringLiteral("result"), hostile);
    run.listFields = {{QStringLiteral("summary"), hostile},
                      {QStringLiteral("source_type"), hostile},
                      {QStringLiteral("github_pull_requests"),
                       "[{\"id\":1,\"created_at\":" + hostile + ",\"title\":" + hostile + ",\"url\":" + hostile
                           + ",\"head_branch_name\":" + hostile + "}]"}};
    run.entries.clear();
    for (int n = 0; n < 2; ++n) {
        run.entries.append("{\"agent_run_id\":42,\"created_at\":\"2025-01-01T00:00:0" + QByteArray::number(n)
                           + "Z\",\"tool_name\":" + hostile + ",\"message_type\":" + hostile + ",\"thought\":" + hostile
                           + ",\"observation\":" + hostile + ",\"tool_input\":{\"command\":" + hostile + "},\"tool_output\":null}");
    }
    m_server->addRun(run);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliTerminal::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

CliResult TestCliTerminal::runCli(const QStringList &args)
{
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY), args, cliEnvironment(m_dir->path()));
    return {run.code(), run.out, run.err};
}

QStringList TestCliTerminal::serverArgs() const
{
    return {QStringLiteral("--org"), QString::number(kOrg), QStringLiteral("--base-url"), m_server->baseUrl().toString(),
            QStringLiteral("--rate-limit"), QStringLiteral("1000/60")};
}

// --search reads the library: fill it the way a user does, by looking at the run once.
void TestCliTerminal::storeTheRun()
{
    const CliResult stored = runCli(serverArgs() << QStringLiteral("--run") << QString::number(kRun) << QStringLiteral("--stats"));
    QVERIFY2(stored.exitCode == 0, stored.err.constData());
    VERIFY_NO_RAW_CONTROL(stored.err);
}

void TestCliTerminal::listRunsTsv()
{
    const CliResult result = runCli(serverArgs() << QStringLiteral("--list-runs"));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    VERIFY_NO_RAW_CONTROL(result.out);
    VERIFY_NO_RAW_CONTROL(result.err);
    const QList<QByteArray> lines = result.out.split('\n');
    QCOMPARE(lines.size(), 3); // header, the run, nothing after the last line feed
    QCOMPARE(lines.at(1), "42\t" + kVisible + '\t' + kVisible + '\t' + kVisible + '\t' + kVisible + '\t' + kVisible + '\t' + kVisible);
}

void TestCliTerminal::listRunsJson()
{
    const CliResult result = runCli(serverArgs() << QStringLiteral("--list-runs") << QStringLiteral("--format") << QStringLiteral("json"));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    VERIFY_NO_RAW_CONTROL(result.out);
    QVERIFY2(result.out.contains(R"("status":"\u001b]0;TITLE\u0007\u001b[31mRED\u0085\u009b\u202e\u2066")"), result.out.constData());
    QJsonParseError error;
    const QJsonArray runs = QJsonDocument::fromJson(result.out, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(runs.size(), 1);
    const QJsonObject run = runs.first().toObject();
    for (const char *field : {"status", "created_at", "web_url", "result", "summary", "source_type"})
        QCOMPARE(run.value(QLatin1String(field)).toString(), kHostile);
    const QJsonObject pull = run.value(QStringLiteral("github_pull_requests")).toArray().first().toObject();
    for (const char *field : {"created_at", "title", "url", "head_branch_name"})
        QCOMPARE(pull.value(QLatin1String(field)).toString(), kHostile);
    QCOMPARE(run.value(QStringLiteral("id")).toInteger(), kRun);
    QCOMPARE(run.value(QStringLiteral("metadata")).toObject(), (QJsonObject{{QStringLiteral("sample"), true}}));
}

void TestCliTerminal::statsTsv()
{
    const CliResult result = runCli(serverArgs() << QStringLiteral("--run") << QString::number(kRun) << QStringLiteral("--stats"));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    VERIFY_NO_RAW_CONTROL(result.out);
    VERIFY_NO_RAW_CONTROL(result.err);
    const QList<QByteArray> lines = result.out.split('\n');
    QVERIFY2(lines.contains("message_type\t" + kVisible + "\t2"), result.out.constData());
    QVERIFY2(lines.contains("tool\t" + kVisible + "\t2"), result.out.constData());
}

void TestCliTerminal::statsJson()
{
    const CliResult result = runCli(serverArgs() << QStringLiteral("--run") << QString::number(kRun) << QStringLiteral("--stats")
                                                 << QStringLiteral("--format") << QStringLiteral("json"));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    VERIFY_NO_RAW_CONTROL(result.out);
    QJsonParseError error;
    const QJsonObject stats = QJsonDocument::fromJson(result.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(stats.value(QStringLiteral("message_types")).toObject(), (QJsonObject{{kHostile, 2}}));
    QCOMPARE(stats.value(QStringLiteral("tools")).toObject(), (QJsonObject{{kHostile, 2}}));
}

void TestCliTerminal::searchTsv()
{
    storeTheRun();
    if (QTest::currentTestFailed())
        return;
    const CliResult result = runCli({QStringLiteral("--search"), QStringLiteral("TITLE")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    VERIFY_NO_RAW_CONTROL(result.out);
    VERIFY_NO_RAW_CONTROL(result.err);
    const QList<QByteArray> lines = result.out.split('\n');
    QCOMPARE(lines.size(), 4); // header, two entries, nothing after the last line feed
    for (int k = 1; k <= 2; ++k) {
        QVERIFY2(lines.at(k).startsWith("7\t42\t" + QByteArray::number(k) + '\t' + kVisible + '\t' + kVisible + '\t'),
                 lines.at(k).constData());
        const QList<QByteArray> fields = lines.at(k).split('\t');
        QCOMPARE(fields.size(), 8); // the last: found_in
        QCOMPARE(fields.at(7), QByteArray("entry"));
        QVERIFY2(fields.at(5).contains("TITLE") && fields.at(5).contains("\\u{202e}\\u{2066}"), fields.at(5).constData());
    }
}

void TestCliTerminal::searchJson()
{
    storeTheRun();
    if (QTest::currentTestFailed())
        return;
    const CliResult result = runCli({QStringLiteral("--search"), QStringLiteral("TITLE"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    VERIFY_NO_RAW_CONTROL(result.out);
    QJsonParseError error;
    const QJsonArray hits = QJsonDocument::fromJson(result.out, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(hits.size(), 2);
    for (const QJsonValue &value : hits) {
        const QJsonObject hit = value.toObject();
        for (const char *field : {"message_type", "tool_name", "run_status", "run_created_at"})
            QCOMPARE(hit.value(QLatin1String(field)).toString(), kHostile);
        // The snippet is the entry's text as the library indexed it: the bidi controls are in it.
        const QString snippet = hit.value(QStringLiteral("snippet")).toString();
        QVERIFY2(snippet.contains(QStringLiteral("TITLE")) && snippet.contains(QChar(0x202e)), qPrintable(snippet));
    }
}

void TestCliTerminal::errorOnStderr()
{
    const QByteArray hostile = JsonWriter::string(kHostile);
    m_server->setInterceptor([hostile](const HttpRequest &, int) -> std::optional<HttpResponse> {
        return HttpResponse::json(403, "{\"message\":" + hostile + ",\"status_code\":403}");
    });
    const CliResult result = runCli(serverArgs() << QStringLiteral("--list-runs"));
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    VERIFY_NO_RAW_CONTROL(result.err);
    QVERIFY2(result.err.startsWith("runlog: error: "), result.err.constData());
    QCOMPARE(result.err.count('\n'), 1);
    // The server's words: their controls shown as escapes (ServerMessage may have dropped the C0
    // ones before), the bidi overrides as \u{...}.
    QVERIFY2(result.err.contains("RED"), result.err.constData());
    QVERIFY2(result.err.contains("\\u{202e}\\u{2066}"), result.err.constData());
}

QTEST_MAIN(TestCliTerminal)
#include "tst_cliterminal.moc"
