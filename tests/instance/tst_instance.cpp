// SPDX-License-Identifier: MIT
// The hand-over's parts in one process: where the socket lives and which folders and socket
// files are trusted, the versioned message, the server and the client talking (and refusing a
// peer of another user, played by an injected user ID: a test cannot be two users), a socket a
// crash left behind, a listener that never answers, and the command line's side (which starts
// hand over, relative files resolved against the sender's folder).

#include "cli/handover.h"
#include "instance/handovermessage.h"
#include "instance/instanceclient.h"
#include "instance/instanceserver.h"
#include "instance/instancesocket.h"
#include "instance/peercredentials.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {
uint ownUid()
{
    return uint(::getuid());
}

// Another user, as far as the checks are told: the test runs as one user only.
uint otherUid()
{
    return ownUid() + 1000;
}

HandOverRequest sampleRequest()
{
    HandOverRequest request;
    request.arguments = {QStringLiteral("runlog"), QStringLiteral("run.json")};
    request.workingDirectory = QStringLiteral("/home/someone/runs");
    request.environment.insert(QStringLiteral("CODEGEN_ORG_ID"), QStringLiteral("7"));
    return request;
}

// The client blocks (it runs before any event loop in a real start): here it runs on a thread
// while this one serves.
InstanceClient::Outcome handOverServed(const QString &path, const HandOverRequest &request, uint uid, int timeoutMs)
{
    auto outcome = std::async(std::launch::async, [=] { return InstanceClient::handOver(path, request, uid, timeoutMs); });
    while (outcome.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(10);
    return outcome.get();
}

// A socket file no one listens on, as a Runlog that crashed leaves it.
bool makeStaleSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(path);
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    const bool bound = ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    ::chmod(native.constData(), 0700);
    ::close(fd);
    return bound;
}

QProcessEnvironment runtimeEnvironment(const QString &runtime, const QString &display = {})
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    if (!display.isEmpty())
        environment.insert(QStringLiteral("DISPLAY"), display);
    return environment;
}
} // namespace

class TestInstance : public QObject
{
    Q_OBJECT
private slots:
    void messageRoundTrip();
    void messageRefusesWhatIsNotARequest_data();
    void messageRefusesWhatIsNotARequest();
    void tokenNeverTravels();
    void socketLivesInTheRuntimeFolder();
    void runtimeFolderMadePrivateWhenMissing();
    void withoutRuntimeFolderAPrivateOneUnderTemp();
    void foldersOpenToOthersOrOfAnotherUserRefused();
    void socketFileChecks();
    void handsOverAndGetsTheAnswer();
    void serverRefusesAnotherUsersStart();
    void clientRefusesAnotherUsersSocket();
    void peerCredentialsAreTheKernels();
    void staleSocketIsReplaced();
    void hungListenerIsNotAnswerAndNotTaken();
    void liveListenerIsNotTaken();
    void whichStartsHandOver_data();
    void whichStartsHandOver();
    void receiverResolvesTheSendersFolder();
    void receiverRefusesWhatDoesNotHandOver();
};

void TestInstance::messageRoundTrip()
{
    const QByteArray line = sampleRequest().encode();
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    QString error;
    const std::optional<HandOverRequest> decoded = HandOverRequest::decode(line, &error);
    QVERIFY2(decoded, qPrintable(error));
    QCOMPARE(decoded->arguments, (QStringList{QStringLiteral("runlog"), QStringLiteral("run.json")}));
    QCOMPARE(decoded->workingDirectory, QStringLiteral("/home/someone/runs"));
    QCOMPARE(decoded->environment.value(QStringLiteral("CODEGEN_ORG_ID")), QStringLiteral("7"));

    HandOverReply reply;
    reply.accepted = true;
    reply.window = QStringLiteral("new");
    reply.windows = 2;
    QCOMPARE(reply.encode(),
             QByteArray("{\"accepted\":true,\"protocol\":\"runlog-handover\",\"version\":1,\"window\":\"new\",\"windows\":2}" "\n"));
    const std::optional<HandOverReply> answer = HandOverReply::decode(reply.encode(), &error);
    QVERIFY(answer);
    QVERIFY(answer->accepted);
    QCOMPARE(answer->window, QStringLiteral("new"));
    QCOMPARE(answer->windows, 2);
}

void TestInstance::messageRefusesWhatIsNotARequest_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("error");
    QTest::addRow("not JSON") << QByteArray("hello\n") << "The message is not a JSON object.";
    QTest::addRow("an array") << QByteArray("[1]\n") << "The message is not a JSON object.";
    QTest::addRow("another protocol")
        << QByteArray("{\"protocol\":\"x\",\"version\":1,\"arguments\":[\"runlog\"],\"cwd\":\"/\",\"environment\":{}}")
        << "The message is not Runlog's hand-over.";
    QTest::addRow("another version")
        << QByteArray("{\"protocol\":\"runlog-handover\",\"version\":2,\"arguments\":[\"runlog\"],\"cwd\":\"/\",\"environment\":{}}")
        << "The message is of another version of Runlog (2; this one speaks 1).";
    QTest::addRow("no arguments") << QByteArray("{\"protocol\":\"runlog-handover\",\"version\":1,\"cwd\":\"/\",\"environment\":{}}")
                                  << "The message lacks its arguments, folder or environment.";
    QTest::addRow("a number among the arguments")
        << QByteArray("{\"protocol\":\"runlog-handover\",\"version\":1,\"arguments\":[\"runlog\",3],\"cwd\":\"/\",\"environment\":{}}")
        << "The message's arguments must be strings.";
    QTest::addRow("too long") << QByteArray(70000, ' ') << "The message is too long.";
}

void TestInstance::messageRefusesWhatIsNotARequest()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, error);
    QString said;
    QVERIFY(!HandOverRequest::decode(line, &said));
    QCOMPARE(said, error);
}

void TestInstance::tokenNeverTravels()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CODEGEN_API_TOKEN"), QStringLiteral("secret-token"));
    environment.insert(QStringLiteral("CODEGEN_API_BASE_URL"), QStringLiteral("https://staging.example"));
    environment.insert(QStringLiteral("HOME"), QStringLiteral("/home/someone"));
    const HandOverRequest request = HandOver::requestFrom({QStringLiteral("runlog")}, QStringLiteral("/"), environment);
    const QByteArray line = request.encode();
    QVERIFY2(!line.contains("secret-token"), line.constData());
    QVERIFY(!line.contains("HOME"));
    QVERIFY(line.contains("\"CODEGEN_API_BASE_URL\":\"https://staging.example\""));
    // Nor does a receiver take one that a sender put in.
    QString error;
    const std::optional<HandOverRequest> decoded = HandOverRequest::decode(
        "{\"protocol\":\"runlog-handover\",\"version\":1,\"arguments\":[\"runlog\"],\"cwd\":\"/\",\"environment\":{\"CODEGEN_API_TOKEN\":\"x\"}}", &error);
    QVERIFY(decoded);
    QVERIFY(decoded->environment.isEmpty());
}

void TestInstance::socketLivesInTheRuntimeFolder()
{
    QTemporaryDir folder;
    const QString runtime = folder.filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkdir(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    InstanceSocket::Location location = InstanceSocket::locate(runtimeEnvironment(runtime), ownUid());
    QCOMPARE(location.problem, QString());
    QCOMPARE(location.path, runtime + QStringLiteral("/runlog.socket"));
    // One Runlog per display: a second desktop session of the same user has its own.
    location = InstanceSocket::locate(runtimeEnvironment(runtime, QStringLiteral(":1")), ownUid());
    QCOMPARE(location.path, runtime + QStringLiteral("/runlog-_1.socket"));
    QProcessEnvironment wayland = runtimeEnvironment(runtime, QStringLiteral(":0"));
    wayland.insert(QStringLiteral("WAYLAND_DISPLAY"), QStringLiteral("wayland-0"));
    QCOMPARE(InstanceSocket::locate(wayland, ownUid()).path, runtime + QStringLiteral("/runlog-wayland-0.socket"));
}

void TestInstance::runtimeFolderMadePrivateWhenMissing()
{
    QTemporaryDir folder;
    const QString runtime = folder.filePath(QStringLiteral("a/runtime"));
    const InstanceSocket::Location location = InstanceSocket::locate(runtimeEnvironment(runtime), ownUid());
    QCOMPARE(location.problem, QString());
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(runtime).constData(), &info), 0);
    QCOMPARE(info.st_mode & 07777, 0700u);
}

void TestInstance::withoutRuntimeFolderAPrivateOneUnderTemp()
{
    QTemporaryDir temp;
    const QByteArray savedTemp = qgetenv("TMPDIR");
    qputenv("TMPDIR", QFile::encodeName(temp.path()));
    const InstanceSocket::Location location = InstanceSocket::locate(QProcessEnvironment(), ownUid());
    qputenv("TMPDIR", savedTemp);
    const QString folder = temp.filePath(QStringLiteral("runlog-%1").arg(ownUid()));
    QCOMPARE(location.problem, QString());
    QCOMPARE(location.path, folder + QStringLiteral("/runlog.socket"));
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(folder).constData(), &info), 0);
    QCOMPARE(info.st_mode & 07777, 0700u);
}

void TestInstance::foldersOpenToOthersOrOfAnotherUserRefused()
{
    QTemporaryDir folder;
    const QString open = folder.filePath(QStringLiteral("open"));
    QVERIFY(QDir().mkdir(open));
    QVERIFY(::chmod(QFile::encodeName(open).constData(), 0755) == 0);
    QCOMPARE(InstanceSocket::checkPrivateDirectory(open, ownUid()),
             QStringLiteral("The folder %1 is open to other users (mode 0755).").arg(open));
    InstanceSocket::Location location = InstanceSocket::locate(runtimeEnvironment(open), ownUid());
    QVERIFY(location.path.isEmpty());

    const QString mine = folder.filePath(QStringLiteral("mine"));
    QCOMPARE(InstanceSocket::checkPrivateDirectory(mine, ownUid()), QString());
    QCOMPARE(InstanceSocket::checkPrivateDirectory(mine, otherUid()),
             QStringLiteral("The folder %1 belongs to another user.").arg(mine));

    const QString link = folder.filePath(QStringLiteral("link"));
    QVERIFY(QFile::link(mine, link));
    QCOMPARE(InstanceSocket::checkPrivateDirectory(link, ownUid()), QStringLiteral("%1 is not a folder.").arg(link));
}

void TestInstance::socketFileChecks()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("runlog.socket"));
    QCOMPARE(int(InstanceSocket::checkSocketFile(path, ownUid()).state), int(InstanceSocket::FileState::Missing));

    QFile plain(path);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    InstanceSocket::FileCheck check = InstanceSocket::checkSocketFile(path, ownUid());
    QCOMPARE(int(check.state), int(InstanceSocket::FileState::Untrusted));
    QCOMPARE(check.problem, QStringLiteral("%1 is not a socket.").arg(path));
    QVERIFY(QFile::remove(path));

    InstanceServer server;
    QCOMPARE(int(server.listen(path)), int(InstanceServer::Claim::Listening));
    // QLocalServer::UserAccessOption: the user alone.
    struct stat info {};
    QCOMPARE(::lstat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 077, 0u);
    QCOMPARE(int(InstanceSocket::checkSocketFile(path, ownUid()).state), int(InstanceSocket::FileState::Trusted));
    check = InstanceSocket::checkSocketFile(path, otherUid());
    QCOMPARE(int(check.state), int(InstanceSocket::FileState::Untrusted));
    QCOMPARE(check.problem, QStringLiteral("The socket %1 belongs to another user.").arg(path));

    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0777) == 0);
    check = InstanceSocket::checkSocketFile(path, ownUid());
    QCOMPARE(int(check.state), int(InstanceSocket::FileState::Untrusted));
    QCOMPARE(check.problem, QStringLiteral("The socket %1 is open to other users (mode 0777).").arg(path));
}

void TestInstance::handsOverAndGetsTheAnswer()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("runlog.socket"));
    InstanceServer server;
    QList<HandOverRequest> received;
    server.setHandler([&received](const HandOverRequest &request) {
        received << request;
        HandOverReply reply;
        reply.accepted = true;
        reply.window = QStringLiteral("raised");
        reply.windows = 3;
        return reply;
    });
    QCOMPARE(int(server.listen(path)), int(InstanceServer::Claim::Listening));
    const InstanceClient::Outcome outcome = handOverServed(path, sampleRequest(), ownUid(), 60000);
    QCOMPARE(outcome.problem, QString());
    QCOMPARE(int(outcome.kind), int(InstanceClient::Outcome::Kind::Delivered));
    QCOMPARE(outcome.reply.window, QStringLiteral("raised"));
    QCOMPARE(outcome.reply.windows, 3);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().arguments, (QStringList{QStringLiteral("runlog"), QStringLiteral("run.json")}));
    QCOMPARE(received.first().workingDirectory, QStringLiteral("/home/someone/runs"));
}

void TestInstance::serverRefusesAnotherUsersStart()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("runlog.socket"));
    InstanceServer server;
    int handled = 0;
    server.setHandler([&handled](const HandOverRequest &) {
        ++handled;
        HandOverReply reply;
        reply.accepted = true;
        return reply;
    });
    // The server takes starts of another user only: this process's connection is that of a
    // stranger.
    server.setTrustedUid(otherUid());
    QSignalSpy refused(&server, &InstanceServer::refused);
    QCOMPARE(int(server.listen(path)), int(InstanceServer::Claim::Failed)); // its own socket is not the trusted user's
    server.setTrustedUid(ownUid());
    QCOMPARE(int(server.listen(path)), int(InstanceServer::Claim::Listening));
    server.setTrustedUid(otherUid());
    const InstanceClient::Outcome outcome = handOverServed(path, sampleRequest(), ownUid(), 60000);
    QCOMPARE(int(outcome.kind), int(InstanceClient::Outcome::Kind::Declined));
    QCOMPARE(outcome.problem, QStringLiteral("The running Runlog closed the connection without an answer."));
    QCOMPARE(handled, 0);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().first().toString(), QStringLiteral("The other end of the socket is another user (%1).").arg(ownUid()));
}

void TestInstance::clientRefusesAnotherUsersSocket()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("runlog.socket"));
    InstanceServer server;
    int handled = 0;
    server.setHandler([&handled](const HandOverRequest &) {
        ++handled;
        return HandOverReply();
    });
    QCOMPARE(int(server.listen(path)), int(InstanceServer::Claim::Listening));
    // A start of another user finds this socket: it is not theirs, they say nothing to it.
    const InstanceClient::Outcome outcome = handOverServed(path, sampleRequest(), otherUid(), 60000);
    QCOMPARE(int(outcome.kind), int(InstanceClient::Outcome::Kind::Untrusted));
    QCOMPARE(outcome.problem, QStringLiteral("The socket %1 belongs to another user.").arg(path));
    QCOMPARE(handled, 0);
}

void TestInstance::peerCredentialsAreTheKernels()
{
    QTemporaryDir folder;
    QLocalServer server;
    QVERIFY(server.listen(folder.filePath(QStringLiteral("peer.socket"))));
    QLocalSocket client;
    client.connectToServer(server.fullServerName());
    QVERIFY(client.waitForConnected(30000));
    QTRY_VERIFY(server.hasPendingConnections());
    QLocalSocket *accepted = server.nextPendingConnection();
    QCOMPARE(PeerCredentials::peerUid(client.socketDescriptor()), std::optional<uint>(ownUid()));
    QCOMPARE(PeerCredentials::peerUid(accepted->socketDescriptor()), std::optional<uint>(ownUid()));
    QCOMPARE(PeerCredentials::refusal(ownUid(), ownUid()), QString());
    QCOMPARE(PeerCredentials::refusal(ownUid(), otherUid()),
             QStringLiteral("The other end of the socket is another user (%1).").arg(ownUid()));
    QCOMPARE(PeerCredentials::refusal(std::nullopt, ownUid()),
             QStringLiteral("The other end of the socket could not be identified."));
    QCOMPARE(PeerCredentials::peerUid(-1), std::nullopt);
}

void TestInstance::staleSocketIsReplaced()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("runlog.socket"));
    QVERIFY(makeStaleSocket(path));
    QCOMPARE(int(InstanceSocket::checkSocketFile(path, ownUid()).state), int(InstanceSocket::FileState::Trusted));
    // A start finds no one there: it starts normally, at once.
    QCOMPARE(int(InstanceClient::handOver(path, sampleRequest(), ownUid(), 60000).kind),
             int(InstanceClient::Outcome::Kind::NoInstance));
    // And takes the socket's place.
    InstanceServer server;
    server.setHandler([](const HandOverRequest &) {
        HandOverReply reply;
        reply.accepted = true;
        reply.window = QStringLiteral("new");
        return reply;
    });
    QCOMPARE(int(server.listen(path)), int(InstanceServer::Claim::Listening));
    QCOMPARE(int(handOverServed(path, sampleRequest(), ownUid(), 60000).kind), int(InstanceClient::Outcome::Kind::Delivered));
}

void TestInstance::hungListenerIsNotAnswerAndNotTaken()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("runlog.socket"));
    // Listening, never answering: a Runlog stuck in a modal loop of its own, say.
    QLocalServer hung;
    hung.setSocketOptions(QLocalServer::UserAccessOption);
    QVERIFY(hung.listen(path));
    const InstanceClient::Outcome outcome = handOverServed(path, sampleRequest(), ownUid(), 300);
    QCOMPARE(int(outcome.kind), int(InstanceClient::Outcome::Kind::NoAnswer));
    QCOMPARE(outcome.problem, QStringLiteral("The running Runlog did not answer in time."));
    InstanceServer server;
    QCOMPARE(int(server.listen(path)), int(InstanceServer::Claim::AnotherIsRunning));
    QVERIFY(QFile::exists(path)); // still the hung one's
}

void TestInstance::liveListenerIsNotTaken()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("runlog.socket"));
    InstanceServer first;
    QCOMPARE(int(first.listen(path)), int(InstanceServer::Claim::Listening));
    InstanceServer second;
    QCOMPARE(int(second.listen(path)), int(InstanceServer::Claim::AnotherIsRunning));
    QCOMPARE(second.errorString(), QStringLiteral("Another Runlog listens on %1.").arg(path));
}

void TestInstance::whichStartsHandOver_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("handsOver");
    QTest::addColumn<bool>("takesHandOvers");
    const QString link = QStringLiteral("runlog://run?org=7&run=42&entry=3");
    QTest::addRow("a link") << QStringList{link} << true << true;
    QTest::addRow("a file") << QStringList{QStringLiteral("run.json")} << true << true;
    QTest::addRow("a run") << QStringList{QStringLiteral("--org=7"), QStringLiteral("--run=42")} << true << true;
    QTest::addRow("a run newest first") << QStringList{QStringLiteral("--org=7"), QStringLiteral("--run=42"), QStringLiteral("--reverse")}
                                        << true << true;
    QTest::addRow("nothing") << QStringList{} << false << true;
    QTest::addRow("--demo") << QStringList{QStringLiteral("--demo")} << false << true;
    QTest::addRow("--new-instance") << QStringList{link, QStringLiteral("--new-instance")} << false << false;
    QTest::addRow("--export") << QStringList{QStringLiteral("run.json"), QStringLiteral("--export=out.csv")} << false << false;
    QTest::addRow("--stats") << QStringList{QStringLiteral("run.json"), QStringLiteral("--stats")} << false << false;
    QTest::addRow("--insights") << QStringList{link, QStringLiteral("--insights")} << false << false;
    QTest::addRow("--search") << QStringList{QStringLiteral("--search=x")} << false << false;
    QTest::addRow("--compare with --format") << QStringList{QStringLiteral("--compare"), QStringLiteral("a.json"), QStringLiteral("b.json"),
                                                            QStringLiteral("--format=json")} << false << false;
    QTest::addRow("--compare in a window") << QStringList{QStringLiteral("--compare"), QStringLiteral("a.json"), QStringLiteral("b.json")}
                                           << false << false;
    QTest::addRow("--list-runs") << QStringList{QStringLiteral("--list-runs"), QStringLiteral("--org=7")} << false << false;
    QTest::addRow("--offline") << QStringList{link, QStringLiteral("--offline")} << false << false;
    QTest::addRow("--no-store") << QStringList{QStringLiteral("run.json"), QStringLiteral("--no-store")} << false << false;
    QTest::addRow("--rate-limit") << QStringList{link, QStringLiteral("--rate-limit=10/60")} << false << false;
    QTest::addRow("a malformed link") << QStringList{QStringLiteral("runlog://run?org=7&run=x")} << false << false;
}

void TestInstance::whichStartsHandOver()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, handsOver);
    QFETCH(bool, takesHandOvers);
    const CommandLineOptions options = CommandLine::parse(QStringList{QStringLiteral("runlog")} + arguments, QProcessEnvironment());
    QCOMPARE(options.handsOver(), handsOver);
    QCOMPARE(options.takesHandOvers(), takesHandOvers);
}

void TestInstance::receiverResolvesTheSendersFolder()
{
    HandOverRequest request;
    request.arguments = {QStringLiteral("runlog"), QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("../runs/a.json")};
    request.workingDirectory = QStringLiteral("/home/someone/work");
    CommandLineOptions options = HandOver::optionsFrom(request);
    QVERIFY2(options.action == CommandLineOptions::Action::Run, qPrintable(options.errorText));
    QCOMPARE(options.inputFile, QStringLiteral("/home/someone/runs/a.json"));

    // The sender's organization names the run, not the receiver's.
    request.arguments = {QStringLiteral("runlog"), QStringLiteral("--run=42"), QStringLiteral("--entry=5")};
    request.environment.insert(QStringLiteral("CODEGEN_ORG_ID"), QStringLiteral("9"));
    options = HandOver::optionsFrom(request);
    QVERIFY2(options.action == CommandLineOptions::Action::Run, qPrintable(options.errorText));
    QCOMPARE(options.run->orgId, 9);
    QCOMPARE(options.run->runId, 42);
    QCOMPARE(options.entry.value_or(0), 5);
}

void TestInstance::receiverRefusesWhatDoesNotHandOver()
{
    HandOverRequest request;
    request.workingDirectory = QStringLiteral("/");
    request.arguments = {QStringLiteral("runlog"), QStringLiteral("run.json"), QStringLiteral("--export=/tmp/x.json")};
    CommandLineOptions options = HandOver::optionsFrom(request);
    QCOMPARE(int(options.action), int(CommandLineOptions::Action::Error));
    QCOMPARE(options.errorText, QStringLiteral("This command line is not one a running Runlog opens."));
    request.arguments = {QStringLiteral("runlog"), QStringLiteral("runlog://run?org=7")};
    options = HandOver::optionsFrom(request);
    QCOMPARE(int(options.action), int(CommandLineOptions::Action::Error));
    QCOMPARE(options.errorText, QStringLiteral("The link names no run (run=…)."));
    request.arguments = {QStringLiteral("runlog"), QStringLiteral("run.json")};
    request.workingDirectory = QStringLiteral("relative");
    options = HandOver::optionsFrom(request);
    QCOMPARE(int(options.action), int(CommandLineOptions::Action::Error));
    QCOMPARE(options.errorText, QStringLiteral("The start's folder is not an absolute path."));
}

QTEST_GUILESS_MAIN(TestInstance)
#include "tst_instance.moc"
