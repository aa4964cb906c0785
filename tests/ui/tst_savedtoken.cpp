// SPDX-License-Identifier: MIT
// A token saved in the keychain for one API origin is only ever sent to that origin, whatever
// order the keychain's answers come in and whatever the user edits meanwhile. Two ways to run
// (the first argument picks one), as tst_tokenstore does:
//
//   tst_savedtoken            no keychain at all: the session bus points at a socket that does
//                             not exist, so every keychain call fails.
//   tst_savedtoken keychain   a private Secret Service (gnome-keyring-daemon in its own D-Bus
//                             session, see tests/settings/with-secret-service.sh) holding one
//                             token per test server.
//
// Both give HOME and the XDG directories a temporary directory before anything starts, so no
// real keyring or settings file is touched.

#include "ui/window/mainwindow.h"
#include "runsessioninternals.h"
#include "model/runloader.h"
#include "ui/open/openrundialog.h"
#include "samplerun.h"
#include "settings/tokenstore.h"
#include "testlogserver.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>

namespace {

constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;
const QByteArray kTokenA = "cg_live_AAAA-origin-a";
const QByteArray kTokenB = "cg_live_BBBB-origin-b";
const QUrl kOriginA(QStringLiteral("https://api.codegen.com"));
const QUrl kOriginB(QStringLiteral("https://api.example.org:8443/v1"));

// The Authorization headers a server received.
QByteArrayList authorizations(const TestLogServer &server)
{
    QByteArrayList seen;
    for (const LogsRequestRecord &record : server.requestLog())
        seen << record.authorization;
    return seen;
}

// Closes every Open Run dialog that comes up (MainWindow runs them modally) and records the
// base URL each one showed.
class DialogCatcher : public QObject
{
public:
    DialogCatcher()
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            auto *dialog = qobject_cast<OpenRunDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            shownFor << dialog->endpoint().baseUrl;
            dialog->reject();
        });
        m_timer.start(10);
    }
    QList<QUrl> shownFor;

private:
    QTimer m_timer;
};

bool saveToken(TokenStore &store, const QUrl &origin, const QByteArray &token)
{
    QSignalSpy saved(&store, &TokenStore::saved);
    QSignalSpy failed(&store, &TokenStore::failed);
    store.save(origin, token);
    if (!QTest::qWaitFor([&] { return saved.count() + failed.count() > 0; }, 20000) || !failed.isEmpty()) {
        qWarning("save failed: %s", failed.isEmpty() ? "no answer" : qPrintable(failed.first().at(0).toString()));
        return false;
    }
    return true;
}

} // namespace

// ---- Without a keychain (and the dialog, which needs none) --------------------------------------

class TestSavedTokenNoKeychain : public QObject
{
    Q_OBJECT

private slots:
    void dialogSendsKnownTokenOnlyToItsOrigin();
    void lateAnswerForAnotherOriginIsRefusedByTheDialog();
    void failureForAnEarlierRequestIsDropped();
};

// The keychain's token (and the one typed this session) belongs to the origin it came for:
// editing the base URL to another host leaves the request without it.
void TestSavedTokenNoKeychain::dialogSendsKnownTokenOnlyToItsOrigin()
{
    OpenRunDialog dialog;
    dialog.setBaseUrl(kOriginA);
    QVERIFY(dialog.offerSavedToken(kOriginA, kTokenA));
    QCOMPARE(dialog.endpoint().token, kTokenA);
    dialog.setBaseUrl(kOriginB);
    QVERIFY(dialog.endpoint().token.isEmpty());
    dialog.setBaseUrl(QUrl(QStringLiteral("https://API.codegen.com:443/other/path")));
    QCOMPARE(dialog.endpoint().token, kTokenA); // the same origin, spelled differently

    dialog.setKnownToken(kTokenB, QStringLiteral("this session"), kOriginB);
    QVERIFY(dialog.endpoint().token.isEmpty());
    dialog.setBaseUrl(kOriginB);
    QCOMPARE(dialog.endpoint().token, kTokenB);

    // CODEGEN_API_TOKEN is the user's own setting for wherever they point Runlog.
    dialog.setKnownToken(kTokenA, QStringLiteral("CODEGEN_API_TOKEN"));
    QCOMPARE(dialog.endpoint().token, kTokenA);
}

void TestSavedTokenNoKeychain::lateAnswerForAnotherOriginIsRefusedByTheDialog()
{
    OpenRunDialog dialog;
    dialog.setBaseUrl(kOriginB);
    QVERIFY(!dialog.offerSavedToken(kOriginA, kTokenA));
    QVERIFY(dialog.endpoint().token.isEmpty());
    QVERIFY(dialog.offerSavedToken(kOriginB, kTokenB));
    QCOMPARE(dialog.endpoint().token, kTokenB);
}

// Two requests for saved tokens, the first superseded by the second: the keychain's failure for
// the first must not open a dialog (or anything) any more; the second's failure asks once, for
// its own origin.
void TestSavedTokenNoKeychain::failureForAnEarlierRequestIsDropped()
{
    MainWindow window;
    DialogCatcher dialogs;
    window.openRunWithSavedToken(kOriginB, RunRef{kOrg, kRun});
    window.openRunWithSavedToken(kOriginA, RunRef{kOrg, kRun});
    QTRY_COMPARE_WITH_TIMEOUT(dialogs.shownFor.size(), 1, 20000);
    QTest::qWait(300); // a second dialog would come right after the first
    QCOMPARE(dialogs.shownFor.size(), 1);
    QCOMPARE(TokenStore::originKey(dialogs.shownFor.first()), TokenStore::originKey(kOriginA));
}

// ---- With a keychain ----------------------------------------------------------------------------

class TestSavedTokenKeychain : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void answerForAnotherOriginIsNeverSent();
    void savedTokenOpensItsOwnOrigin();

private:
    std::unique_ptr<TestLogServer> m_serverA;
    std::unique_ptr<TestLogServer> m_serverB;
};

void TestSavedTokenKeychain::init()
{
    m_serverA = std::make_unique<TestLogServer>();
    m_serverB = std::make_unique<TestLogServer>();
    QVERIFY(m_serverA->isListening() && m_serverB->isListening());
    for (TestLogServer *server : {m_serverA.get(), m_serverB.get()})
        server->addRun(makeRun(kOrg, kRun, 30));
    m_serverA->setRequiredToken(kTokenA);
    m_serverB->setRequiredToken(kTokenB);
    TokenStore store;
    QVERIFY(saveToken(store, m_serverA->baseUrl(), kTokenA));
    QVERIFY(saveToken(store, m_serverB->baseUrl(), kTokenB));
}

void TestSavedTokenKeychain::cleanup()
{
    m_serverA.reset();
    m_serverB.reset();
}

// The user asks for a run at B, then (before the keychain answered) for one at A. The keychain
// answers B first: that answer is neither A's token nor wanted any more, so nothing goes to B,
// and A gets its own token, never B's.
void TestSavedTokenKeychain::answerForAnotherOriginIsNeverSent()
{
    MainWindow window;
    DialogCatcher dialogs;
    window.openRunWithSavedToken(m_serverB->baseUrl(), RunRef{kOrg, kRun});
    window.openRunWithSavedToken(m_serverA->baseUrl(), RunRef{kOrg, kRun});
    QTRY_COMPARE_WITH_TIMEOUT(loaderOf(window.session())->loadedRows(), 30, 20000);
    QTest::qWait(300);
    const QByteArrayList seenByA = authorizations(*m_serverA);
    QVERIFY(!seenByA.isEmpty());
    for (const QByteArray &authorization : seenByA)
        QCOMPARE(authorization, "Bearer " + kTokenA);
    QVERIFY2(m_serverB->requestLog().isEmpty(), qPrintable(QString::fromUtf8(authorizations(*m_serverB).join(", "))));
    QCOMPARE(loaderOf(window.session())->run().runId, kRun);
    QVERIFY(dialogs.shownFor.isEmpty());
}

void TestSavedTokenKeychain::savedTokenOpensItsOwnOrigin()
{
    MainWindow window;
    DialogCatcher dialogs;
    window.openRunWithSavedToken(m_serverB->baseUrl(), RunRef{kOrg, kRun});
    QTRY_COMPARE_WITH_TIMEOUT(loaderOf(window.session())->loadedRows(), 30, 20000);
    for (const QByteArray &authorization : authorizations(*m_serverB))
        QCOMPARE(authorization, "Bearer " + kTokenB);
    QVERIFY(m_serverA->requestLog().isEmpty());
    QVERIFY(dialogs.shownFor.isEmpty());
}

int main(int argc, char **argv)
{
    QByteArrayList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QByteArray(argv[i]);
    const bool keychain = arguments.size() > 1 && arguments.at(1) == "keychain";
    if (keychain)
        arguments.removeAt(1);

    QTemporaryDir scratch;
    if (!scratch.isValid())
        return 2;
    if (!keychain) {
        // Before any D-Bus code runs: a bus address that leads nowhere.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + scratch.filePath(QStringLiteral("no-bus")).toUtf8());
        qputenv("XDG_DATA_HOME", scratch.filePath(QStringLiteral("data")).toUtf8());
    }
    qputenv("HOME", scratch.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", scratch.filePath(QStringLiteral("config")).toUtf8());

    std::vector<char *> args;
    for (QByteArray &argument : arguments)
        args.push_back(argument.data());
    int count = int(args.size());
    QApplication app(count, args.data());
    QCoreApplication::setOrganizationName(QStringLiteral("Runlog"));
    QCoreApplication::setApplicationName(QStringLiteral("Runlog"));

    if (keychain) {
        TestSavedTokenKeychain test;
        return QTest::qExec(&test, count, args.data());
    }
    TestSavedTokenNoKeychain test;
    return QTest::qExec(&test, count, args.data());
}

#include "tst_savedtoken.moc"
