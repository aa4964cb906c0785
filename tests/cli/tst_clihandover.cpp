// SPDX-License-Identifier: MIT
// One Runlog per desktop session, with the real binary: a window that is running takes a later
// start's file, link or run (the later start exits 0 at once), or comes to the front when it
// shows that file already; --new-instance, the command-line modes and a malformed link never hand
// over; a socket a crash left behind is replaced; a Runlog that holds the socket but never answers
// costs a later start a few seconds, then it starts normally; a socket of another user is refused
// (as root only: a test cannot make a file of another user otherwise; the unit test tst_instance
// plays that user with an injected ID).
//
// The running window says what it did with each hand-over on stderr when RUNLOG_TRACE_HANDOVER=1:
//   runlog: taking other starts at PATH
//   runlog: handed over: new window for FILE (2 windows)

#include "clienvironment.h"
#include "clirun.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {
const QStringList kOffscreen{QStringLiteral("-platform"), QStringLiteral("offscreen")};

// A window of the real binary, its stderr gathered as it comes.
class Window
{
public:
    Window(const QProcessEnvironment &environment, const QStringList &arguments)
    {
        m_process.setProcessEnvironment(environment);
        m_process.start(QStringLiteral(RUNLOG_BINARY), kOffscreen + arguments);
    }
    ~Window()
    {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
    QString err()
    {
        m_err += QString::fromUtf8(m_process.readAllStandardError());
        return m_err;
    }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

private:
    QProcess m_process;
    QString m_err;
};

} // namespace

class TestCliHandOver : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void aFileGoesToTheRunningWindow();
    void aLinkGoesToTheRunningWindowWhichUsesItsOwnToken();
    void aLinkToTheRunOnShowRaisesItsWindow();
    void newInstanceOptsOut();
    void commandLineModesNeverHandOver();
    void malformedLinkOpensNothing();
    void staleSocketIsReplaced();
    void hungRunlogCostsATimeoutThenStartsNormally();
    void socketOfAnotherUserIsRefused();

private:
    QString writeRun(const QString &name, qint64 run);
    QString socketPath() const { return m_home->filePath(QStringLiteral("runtime/runlog.socket")); }
    QProcessEnvironment environment(const QByteArray &token = {}) const;
    static bool waitForLine(Window &window, const QString &line);

    std::unique_ptr<QTemporaryDir> m_home;
};

void TestCliHandOver::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

QProcessEnvironment TestCliHandOver::environment(const QByteArray &token) const
{
    QProcessEnvironment env = cliEnvironment(m_home->path(), token);
    env.insert(QStringLiteral("RUNLOG_TRACE_HANDOVER"), QStringLiteral("1"));
    return env;
}

QString TestCliHandOver::writeRun(const QString &name, qint64 run)
{
    const QString path = m_home->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    for (int i = 0; i < 3; ++i)
        file.write(makeSampleEntry(run, i) + '\n');
    return path;
}

bool TestCliHandOver::waitForLine(Window &window, const QString &line)
{
    return QTest::qWaitFor([&] { return window.err().contains(line); }, 60000);
}

void TestCliHandOver::aFileGoesToTheRunningWindow()
{
    const QString first = writeRun(QStringLiteral("first.jsonl"), 1);
    const QString second = writeRun(QStringLiteral("second.jsonl"), 2);
    Window running(environment(), {first});
    QVERIFY2(waitForLine(running, QStringLiteral("runlog: taking other starts at ") + socketPath()), qPrintable(running.err()));

    // Named relative to the later start's folder, which is not the running one's.
    const CliRun handed = runToEnd(QStringLiteral(RUNLOG_BINARY), kOffscreen + QStringList{QStringLiteral("second.jsonl")},
                                   environment(), 60000,
                                   [this](QProcess &process) { process.setWorkingDirectory(m_home->path()); });
    QCOMPARE(handed.code(), 0);
    QCOMPARE(handed.out, QByteArray());
    QCOMPARE(handed.err, QByteArray("runlog: handed over to the running Runlog (new window)\n"));
    QVERIFY2(waitForLine(running, QStringLiteral("runlog: handed over: new window for %1 (2 windows)").arg(second)),
             qPrintable(running.err()));

    // The same file again: its window comes to the front, no third one.
    const CliRun again = runToEnd(QStringLiteral(RUNLOG_BINARY), kOffscreen + QStringList{second}, environment());
    QCOMPARE(again.code(), 0);
    QVERIFY2(waitForLine(running, QStringLiteral("runlog: handed over: raised window for %1 (2 windows)").arg(second)),
             qPrintable(running.err()));
    QVERIFY(running.isRunning());
}

void TestCliHandOver::aLinkGoesToTheRunningWindowWhichUsesItsOwnToken()
{
    TestLogServer server;
    QVERIFY(server.isListening());
    server.addRun(makeRun(7, 42, 30));
    QProcessEnvironment runningEnvironment = environment("running-token");
    runningEnvironment.insert(QStringLiteral("CODEGEN_API_BASE_URL"), server.baseUrl().toString());
    Window running(runningEnvironment, {writeRun(QStringLiteral("first.jsonl"), 1)});
    QVERIFY2(waitForLine(running, QStringLiteral("runlog: taking other starts at ")), qPrintable(running.err()));

    const QString link = QStringLiteral("runlog://run?org=7&run=42&entry=12&base=")
                         + QString::fromLatin1(QUrl::toPercentEncoding(server.baseUrl().toString()));
    // The later start's own token stays with it: the running Runlog asks with its own.
    const CliRun handed = runToEnd(QStringLiteral(RUNLOG_BINARY), kOffscreen + QStringList{link}, environment("sender-token"));
    QCOMPARE(handed.code(), 0);
    QVERIFY2(waitForLine(running, QStringLiteral("runlog: handed over: new window for run 42 (organization 7), entry 12 (2 windows)")),
             qPrintable(running.err()));
    QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() >= 1, 60000);
    for (const auto &request : server.requestLog())
        QCOMPARE(request.authorization, QByteArray("Bearer running-token"));
}

void TestCliHandOver::aLinkToTheRunOnShowRaisesItsWindow()
{
    // runlog --demo shows the demo's run; a link to one of its entries (what Copy Link to Entry
    // gives there) brings that window to the front at the entry, no second window.
    Window demo(environment(), {QStringLiteral("--demo")});
    const QRegularExpression announced(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+) \\(organization 1, run 1001\\)"));
    QVERIFY2(QTest::qWaitFor([&] { return announced.match(demo.err()).hasMatch(); }, 60000), qPrintable(demo.err()));
    const QString base = announced.match(demo.err()).captured(1);
    QVERIFY2(waitForLine(demo, QStringLiteral("runlog: taking other starts at ")), qPrintable(demo.err()));
    const QString link = QStringLiteral("runlog://run?org=1&run=1001&entry=5&base=") + QString::fromLatin1(QUrl::toPercentEncoding(base));
    const CliRun handed = runToEnd(QStringLiteral(RUNLOG_BINARY), kOffscreen + QStringList{link}, environment());
    QCOMPARE(handed.code(), 0);
    QVERIFY2(waitForLine(demo, QStringLiteral("runlog: handed over: raised window for run 1001 (organization 1), entry 5 (1 windows)")),
             qPrintable(demo.err()));
}

void TestCliHandOver::newInstanceOptsOut()
{
    TestLogServer server;
    QVERIFY(server.isListening());
    server.addRun(makeRun(7, 42, 30));
    Window running(environment(), {writeRun(QStringLiteral("first.jsonl"), 1)});
    QVERIFY2(waitForLine(running, QStringLiteral("runlog: taking other starts at ")), qPrintable(running.err()));

    // A Runlog of its own: it asks the server itself, and stays.
    Window own(environment(), {QStringLiteral("--new-instance"), QStringLiteral("--org=7"), QStringLiteral("--run=42"),
                               QStringLiteral("--base-url=") + server.baseUrl().toString()});
    QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() >= 1, 60000);
    QVERIFY(own.isRunning());
    QVERIFY2(!running.err().contains(QStringLiteral("handed over")), qPrintable(running.err()));
    QVERIFY2(!own.err().contains(QStringLiteral("taking other starts")), qPrintable(own.err()));
}

void TestCliHandOver::commandLineModesNeverHandOver()
{
    const QString file = writeRun(QStringLiteral("first.jsonl"), 1);
    Window running(environment(), {file});
    QVERIFY2(waitForLine(running, QStringLiteral("runlog: taking other starts at ")), qPrintable(running.err()));

    const CliRun stats = runToEnd(QStringLiteral(RUNLOG_BINARY), {file, QStringLiteral("--stats"), QStringLiteral("--format=json")},
                                  environment());
    QCOMPARE(stats.code(), 0);
    QVERIFY2(stats.out.contains("\"entries\""), stats.out.constData());
    const QString out = m_home->filePath(QStringLiteral("out.json"));
    const CliRun exported = runToEnd(QStringLiteral(RUNLOG_BINARY), {file, QStringLiteral("--export"), out}, environment());
    QCOMPARE(exported.code(), 0);
    QVERIFY(QFile::exists(out));
    QVERIFY2(!running.err().contains(QStringLiteral("handed over")), qPrintable(running.err()));
}

void TestCliHandOver::malformedLinkOpensNothing()
{
    Window running(environment(), {writeRun(QStringLiteral("first.jsonl"), 1)});
    QVERIFY2(waitForLine(running, QStringLiteral("runlog: taking other starts at ")), qPrintable(running.err()));
    const CliRun refused = runToEnd(QStringLiteral(RUNLOG_BINARY), kOffscreen + QStringList{QStringLiteral("runlog://run?org=7&run=x")},
                                    environment());
    QCOMPARE(refused.code(), 2);
    QCOMPARE(refused.out, QByteArray());
    QCOMPARE(QString::fromUtf8(refused.err),
             QStringLiteral("runlog: In the link, run must be a positive number, not \"x\".\n"
                            "Try 'runlog --help' for more information.\n"));
    QVERIFY2(!running.err().contains(QStringLiteral("handed over")), qPrintable(running.err()));
}

void TestCliHandOver::staleSocketIsReplaced()
{
    // What a Runlog that crashed leaves: the socket file, no one listening.
    const QString runtime = m_home->filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkdir(runtime));
    QVERIFY(::chmod(QFile::encodeName(runtime).constData(), 0700) == 0);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(socketPath());
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    QCOMPARE(::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
    ::chmod(native.constData(), 0700);
    ::close(fd);

    const QString second = writeRun(QStringLiteral("second.jsonl"), 2);
    Window started(environment(), {writeRun(QStringLiteral("first.jsonl"), 1)});
    QVERIFY2(waitForLine(started, QStringLiteral("runlog: taking other starts at ") + socketPath()), qPrintable(started.err()));
    const CliRun handed = runToEnd(QStringLiteral(RUNLOG_BINARY), kOffscreen + QStringList{second}, environment());
    QCOMPARE(handed.code(), 0);
    QVERIFY2(waitForLine(started, QStringLiteral("runlog: handed over: new window for %1 (2 windows)").arg(second)),
             qPrintable(started.err()));
}

void TestCliHandOver::hungRunlogCostsATimeoutThenStartsNormally()
{
    const QString runtime = m_home->filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkdir(runtime));
    QVERIFY(::chmod(QFile::encodeName(runtime).constData(), 0700) == 0);
    // Holds the socket, takes connections, never answers.
    QLocalServer hung;
    hung.setSocketOptions(QLocalServer::UserAccessOption);
    QVERIFY(hung.listen(socketPath()));
    Window started(environment(), {writeRun(QStringLiteral("first.jsonl"), 1)});
    QVERIFY2(waitForLine(started, QStringLiteral("runlog: the running Runlog did not answer (The running Runlog did not answer in time.). "
                                                 "Starting a Runlog of its own.")),
             qPrintable(started.err()));
    // It does not take the socket from the Runlog that holds it.
    QVERIFY2(waitForLine(started, QStringLiteral("runlog: not taking other starts: Another Runlog listens on ") + socketPath()),
             qPrintable(started.err()));
    QVERIFY(started.isRunning());
}

void TestCliHandOver::socketOfAnotherUserIsRefused()
{
    if (::getuid() != 0)
        QSKIP("Only root can give a socket file to another user; tst_instance covers the check with an injected user.");
    const QString runtime = m_home->filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkdir(runtime));
    QVERIFY(::chmod(QFile::encodeName(runtime).constData(), 0700) == 0);
    QLocalServer stranger;
    stranger.setSocketOptions(QLocalServer::UserAccessOption);
    QVERIFY(stranger.listen(socketPath()));
    QCOMPARE(::chown(QFile::encodeName(socketPath()).constData(), 65534, 65534), 0);
    Window started(environment(), {writeRun(QStringLiteral("first.jsonl"), 1)});
    QVERIFY2(waitForLine(started, QStringLiteral("runlog: not handing over to %1: The socket %1 belongs to another user. "
                                                 "Starting a Runlog of its own.").arg(socketPath())),
             qPrintable(started.err()));
    QVERIFY2(waitForLine(started, QStringLiteral("runlog: other starts open a Runlog of their own: The socket %1 belongs to another user.")
                                      .arg(socketPath())),
             qPrintable(started.err()));
    QVERIFY(stranger.nextPendingConnection() == nullptr); // nothing was said to it
}

QTEST_GUILESS_MAIN(TestCliHandOver)
#include "tst_clihandover.moc"
