// SPDX-License-Identifier: MIT
// TokenStore against the real thing, in two ways (the first argument picks one):
//
//   tst_tokenstore             no keychain at all: the session bus points at a socket that does
//                              not exist. Every call fails with the sentence the user will read,
//                              the token appears in no message, and no file under the test's
//                              HOME/XDG directories holds it.
//   tst_tokenstore roundtrip   a private Secret Service (gnome-keyring-daemon in its own D-Bus
//                              session, see with-secret-service.sh): save, load, per-origin
//                              separation, overwrite, forget; the item is checked over D-Bus
//                              directly, not only through QtKeychain.
//
// Both give HOME and the XDG directories a temporary directory before anything starts, so no
// real keyring or settings file is touched and every file written can be searched.

#include "settings/appsettings.h"
#include "settings/tokenstore.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr int kWaitMs = 20000;
const QByteArray kTokenA = "cg_live_AAAA-1111.secret_token";
const QByteArray kTokenA2 = "cg_live_AAAA-2222.rotated";
const QByteArray kTokenB = "cg_test_BBBB-3333.other";
const QUrl kOriginA(QStringLiteral("https://api.codegen.com"));
const QUrl kOriginB(QStringLiteral("http://127.0.0.1:8765"));

// The directory everything of this process writes under; set up in main() before Qt starts.
QTemporaryDir *s_scratch = nullptr;

// Files under the scratch directory whose bytes contain needle (or its base64, which is how
// QtKeychain's plain-text fallback would store it).
QStringList filesContaining(const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(s_scratch->path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (bytes.contains(needle) || bytes.contains(needle.toBase64()))
            hits << file.fileName();
    }
    return hits;
}

// Waits for the one answer a TokenStore call gives.
struct Answer
{
    explicit Answer(TokenStore &store)
        : loaded(&store, &TokenStore::loaded), saved(&store, &TokenStore::saved),
          forgotten(&store, &TokenStore::forgotten), failed(&store, &TokenStore::failed)
    {
    }

    bool wait()
    {
        return QTest::qWaitFor([this] { return count() > 0; }, kWaitMs) && count() == 1;
    }
    int count() const { return loaded.count() + saved.count() + forgotten.count() + failed.count(); }
    QString failure() const { return failed.isEmpty() ? QString() : failed.first().at(0).toString(); }

    QSignalSpy loaded;
    QSignalSpy saved;
    QSignalSpy forgotten;
    QSignalSpy failed;
};

QByteArray load(TokenStore &store, const QUrl &url, bool *ok)
{
    Answer answer(store);
    store.load(url);
    *ok = answer.wait() && answer.loaded.count() == 1 && answer.loaded.first().at(0).toUrl() == url;
    if (!*ok)
        qWarning("load(%s) failed: %s", qPrintable(url.toString()), qPrintable(answer.failure()));
    return *ok ? answer.loaded.first().at(1).toByteArray() : QByteArray();
}

bool save(TokenStore &store, const QUrl &url, const QByteArray &token)
{
    Answer answer(store);
    store.save(url, token);
    const bool ok = answer.wait() && answer.saved.count() == 1 && answer.saved.first().at(0).toUrl() == url;
    if (!ok)
        qWarning("save(%s) failed: %s", qPrintable(url.toString()), qPrintable(answer.failure()));
    return ok;
}

bool forget(TokenStore &store, const QUrl &url)
{
    Answer answer(store);
    store.forget(url);
    const bool ok = answer.wait() && answer.forgotten.count() == 1;
    if (!ok)
        qWarning("forget(%s) failed: %s", qPrintable(url.toString()), qPrintable(answer.failure()));
    return ok;
}

// Writes ordinary settings, so the "no token in any settings file" checks search a file that
// exists and is the one AppSettings uses.
QString writeOrdinarySettings()
{
    AppSettings settings;
    settings.setBaseUrl(kOriginA);
    settings.setLastOrgId(4242);
    QSettings raw;
    raw.sync();
    return raw.fileName();
}

} // namespace

// ---------------------------------------------------------------------------------------------

class TestTokenStoreNoKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void originKey_data();
    void originKey();
    void saveFailsWithTheFallbackMessage();
    void loadAndForgetFailWithTheFallbackMessage();
    void refusesWhatCannotBeSaved();
    void tokenIsInNoFile();
};

void TestTokenStoreNoKeychain::originKey_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("key");
    QTest::addRow("default https port spelled out") << QStringLiteral("https://api.codegen.com") << QStringLiteral("https://api.codegen.com:443");
    QTest::addRow("path, case and explicit port") << QStringLiteral("HTTPS://API.Codegen.com:443/v1/alpha/")
                                                  << QStringLiteral("https://api.codegen.com:443");
    QTest::addRow("other port is another origin") << QStringLiteral("https://api.codegen.com:8443") << QStringLiteral("https://api.codegen.com:8443");
    QTest::addRow("http default port") << QStringLiteral("http://localhost/x") << QStringLiteral("http://localhost:80");
    QTest::addRow("loopback demo") << QStringLiteral("http://127.0.0.1:8765") << QStringLiteral("http://127.0.0.1:8765");
    QTest::addRow("user info is not part of it") << QStringLiteral("https://me:pw@api.codegen.com") << QStringLiteral("https://api.codegen.com:443");
    QTest::addRow("no host") << QStringLiteral("file:///tmp/run.json") << QStringLiteral("");
    QTest::addRow("empty") << QStringLiteral("") << QStringLiteral("");
}

void TestTokenStoreNoKeychain::originKey()
{
    QFETCH(QString, url);
    QFETCH(QString, key);
    QCOMPARE(TokenStore::originKey(QUrl(url)), key);
}

void TestTokenStoreNoKeychain::saveFailsWithTheFallbackMessage()
{
    TokenStore store;
    QSignalSpy availability(&store, &TokenStore::availabilityChanged);
    QVERIFY(store.isAvailable());

    Answer answer(store);
    store.save(kOriginA, kTokenA);
    QVERIFY(answer.wait());
    QCOMPARE(answer.failed.count(), 1);
    const QString message = answer.failure();
    QCOMPARE(message, QStringLiteral("No system keychain is running, so the token cannot be saved: "
                                     "Runlog will ask for it each time, or set CODEGEN_API_TOKEN."));
    QCOMPARE(message, TokenStore::noKeychainMessage());
    QCOMPARE(answer.failed.first().at(1).toUrl(), kOriginA);
    QCOMPARE(answer.failed.first().at(2).value<TokenStore::Operation>(), TokenStore::Operation::Save);

    QVERIFY(!store.isAvailable());
    QCOMPARE(store.unavailableReason(), message);
    QCOMPARE(availability.count(), 1);
    QCOMPARE(availability.first().at(0).toBool(), false);
}

void TestTokenStoreNoKeychain::loadAndForgetFailWithTheFallbackMessage()
{
    TokenStore store;
    {
        Answer answer(store);
        store.load(kOriginA);
        QVERIFY(answer.wait());
        QCOMPARE(answer.failed.count(), 1);
        QCOMPARE(answer.failure(), QStringLiteral("No system keychain is running, so no saved token can be read: "
                                                  "Runlog will ask for it each time, or set CODEGEN_API_TOKEN."));
        QCOMPARE(answer.failed.first().at(2).value<TokenStore::Operation>(), TokenStore::Operation::Load);
    }
    {
        Answer answer(store);
        store.forget(kOriginA);
        QVERIFY(answer.wait());
        QCOMPARE(answer.failed.count(), 1);
        QVERIFY2(answer.failure().startsWith(QStringLiteral("No system keychain is running, so the saved token "
                                                            "cannot be removed now")),
                 qPrintable(answer.failure()));
    }
    QVERIFY(!store.isAvailable());
}

void TestTokenStoreNoKeychain::refusesWhatCannotBeSaved()
{
    TokenStore store;
    {
        Answer answer(store);
        store.save(kOriginA, QByteArray());
        QCOMPARE(answer.count(), 0);  // answered from the event loop, never inside the call
        QVERIFY(answer.wait());
        QCOMPARE(answer.failure(), QStringLiteral("An empty token cannot be saved."));
    }
    {
        Answer answer(store);
        store.save(QUrl(QStringLiteral("file:///tmp/x")), kTokenA);
        QVERIFY(answer.wait());
        QCOMPARE(answer.failure(), QStringLiteral("The API address has no host, so the token cannot be saved."));
    }
    // Refusals say nothing about the keychain.
    QVERIFY(store.isAvailable());
}

void TestTokenStoreNoKeychain::tokenIsInNoFile()
{
    // Every token searched for below is first given to the store, in this test itself: a search
    // for a token nobody tried to save would find nothing whatever the store did with tokens.
    const QList<QPair<QUrl, QByteArray>> attempts = {{kOriginA, kTokenA}, {kOriginA, kTokenA2}, {kOriginB, kTokenB}};
    for (const auto &[origin, token] : attempts) {
        TokenStore store;
        Answer answer(store);
        store.save(origin, token);
        QVERIFY(answer.wait());
        QCOMPARE(answer.failed.count(), 1);
        QCOMPARE(answer.failure(), TokenStore::noKeychainMessage());
    }
    const QString settingsFile = writeOrdinarySettings();
    QVERIFY2(settingsFile.startsWith(s_scratch->path()), qPrintable(settingsFile));
    QFile file(settingsFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY2(content.contains("4242"), content.constData());  // the right, real file

    for (const auto &attempt : attempts)
        QCOMPARE(filesContaining(attempt.second), QStringList());
}

// ---------------------------------------------------------------------------------------------

class TestTokenStoreRoundTrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void saveThenLoad();
    void originsAreSeparate();
    void overwrite();
    void anyBytesSurvive();
    void forget();
    void tokenIsInNoPlainFile();
};

namespace {

// Items the Secret Service itself holds for this key, asked over D-Bus without QtKeychain.
int secretServiceItemCount(const QUrl &url)
{
    QDBusInterface service(QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                           QStringLiteral("org.freedesktop.Secret.Service"));
    QMap<QString, QString> attributes;
    attributes.insert(QStringLiteral("user"), TokenStore::originKey(url));
    attributes.insert(QStringLiteral("server"), QStringLiteral("Runlog"));
    const QDBusMessage reply = service.call(QStringLiteral("SearchItems"), QVariant::fromValue(attributes));
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 2) {
        qWarning("SearchItems: %s", qPrintable(reply.errorMessage()));
        return -1;
    }
    const auto unlocked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(0));
    const auto locked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(1));
    return int(unlocked.size() + locked.size());
}

} // namespace

void TestTokenStoreRoundTrip::initTestCase()
{
    qDBusRegisterMetaType<QMap<QString, QString>>();
    // A round trip that ran against nothing would prove nothing: insist on the service.
    QVERIFY2(QDBusConnection::sessionBus().isConnected(),
             "no session bus: run through with-secret-service.sh (CTest does)");
    QCOMPARE(secretServiceItemCount(kOriginA), 0);
}

void TestTokenStoreRoundTrip::saveThenLoad()
{
    TokenStore store;
    bool ok = false;
    QCOMPARE(load(store, kOriginA, &ok), QByteArray());  // nothing saved yet: empty, not an error
    QVERIFY(ok);

    QVERIFY(save(store, kOriginA, kTokenA));
    QCOMPARE(secretServiceItemCount(kOriginA), 1);
    QCOMPARE(load(store, kOriginA, &ok), kTokenA);
    QVERIFY(ok);

    // Another TokenStore (say, the next start of the app) reads it too, under any spelling of
    // the origin.
    TokenStore later;
    QCOMPARE(load(later, QUrl(QStringLiteral("https://API.codegen.com:443/v1/")), &ok), kTokenA);
    QVERIFY(ok);
    QVERIFY(store.isAvailable());
}

void TestTokenStoreRoundTrip::originsAreSeparate()
{
    TokenStore store;
    QVERIFY(save(store, kOriginB, kTokenB));
    bool ok = false;
    QCOMPARE(load(store, kOriginA, &ok), kTokenA);
    QVERIFY(ok);
    QCOMPARE(load(store, kOriginB, &ok), kTokenB);
    QVERIFY(ok);
    for (const char *other : {"http://api.codegen.com", "https://api.codegen.com:8443", "https://codegen.com",
                              "http://127.0.0.1:8766", "http://localhost:8765"}) {
        QCOMPARE(load(store, QUrl(QString::fromLatin1(other)), &ok), QByteArray());
        QVERIFY2(ok, other);
    }
}

void TestTokenStoreRoundTrip::overwrite()
{
    TokenStore store;
    QVERIFY(save(store, kOriginA, kTokenA2));
    QCOMPARE(secretServiceItemCount(kOriginA), 1);  // replaced, not a second item
    bool ok = false;
    QCOMPARE(load(store, kOriginA, &ok), kTokenA2);
    QVERIFY(ok);
    QCOMPARE(load(store, kOriginB, &ok), kTokenB);
    QVERIFY(ok);
}

void TestTokenStoreRoundTrip::anyBytesSurvive()
{
    const QUrl url(QStringLiteral("https://bytes.example:9"));
    QByteArray every(256, '\0');
    for (int i = 0; i < 256; ++i)
        every[i] = char(i);
    TokenStore store;
    QVERIFY(save(store, url, every));
    bool ok = false;
    QCOMPARE(load(store, url, &ok), every);
    QVERIFY(ok);
    QVERIFY(::forget(store, url));
}

void TestTokenStoreRoundTrip::forget()
{
    TokenStore store;
    QVERIFY(::forget(store, kOriginA));
    QCOMPARE(secretServiceItemCount(kOriginA), 0);
    bool ok = false;
    QCOMPARE(load(store, kOriginA, &ok), QByteArray());
    QVERIFY(ok);
    QCOMPARE(load(store, kOriginB, &ok), kTokenB);  // the other origin is untouched
    QVERIFY(ok);
    QVERIFY(::forget(store, kOriginA));  // forgetting nothing is fine
    QVERIFY(::forget(store, kOriginB));
    QCOMPARE(secretServiceItemCount(kOriginB), 0);
}

void TestTokenStoreRoundTrip::tokenIsInNoPlainFile()
{
    // The keyring's own files live under XDG_DATA_HOME/keyrings, encrypted: skip only those.
    writeOrdinarySettings();
    for (const QByteArray &token : {kTokenA, kTokenA2, kTokenB}) {
        QStringList hits = filesContaining(token);
        hits.removeIf([](const QString &path) { return path.contains(QStringLiteral("/keyrings/")); });
        QCOMPARE(hits, QStringList());
    }
}

// ---------------------------------------------------------------------------------------------

int main(int argc, char **argv)
{
    QByteArrayList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QByteArray(argv[i]);
    const bool roundTrip = arguments.size() > 1 && arguments.at(1) == "roundtrip";
    if (roundTrip)
        arguments.removeAt(1);

    QTemporaryDir scratch;
    if (!scratch.isValid())
        return 2;
    s_scratch = &scratch;
    if (!roundTrip) {
        // Before any D-Bus or GLib code runs: a bus address that leads nowhere, and no X display
        // D-Bus could autolaunch a bus on.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + scratch.filePath(QStringLiteral("no-bus")).toUtf8());
        qunsetenv("DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
    }
    // The round trip's wrapper already isolated HOME and XDG_* for the keyring daemon; the
    // settings still go here, where the test searches.
    qputenv("HOME", scratch.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", scratch.filePath(QStringLiteral("config")).toUtf8());
    if (!roundTrip)
        qputenv("XDG_DATA_HOME", scratch.filePath(QStringLiteral("data")).toUtf8());

    std::vector<char *> args;
    for (QByteArray &argument : arguments)
        args.push_back(argument.data());
    int count = int(args.size());
    QCoreApplication app(count, args.data());
    QCoreApplication::setOrganizationName(QStringLiteral("Runlog"));
    QCoreApplication::setApplicationName(QStringLiteral("Runlog"));

    if (roundTrip) {
        TestTokenStoreRoundTrip test;
        return QTest::qExec(&test, count, args.data());
    }
    TestTokenStoreNoKeychain test;
    return QTest::qExec(&test, count, args.data());
}

#include "tst_tokenstore.moc"
