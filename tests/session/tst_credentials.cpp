// SPDX-License-Identifier: MIT
// Which token is used, and that a keychain answer for one server never reaches another.
#include "session/credentials.h"
#include "settings/knownsecrets.h"
#include "settings/tokenstore.h"

#include <QSignalSpy>
#include <QTest>

class TestCredentials : public QObject
{
    Q_OBJECT

private slots:
    void sameOrigin_data();
    void sameOrigin();
    void typedTokenWinsOverEnvironment();
    void keychainAnswerForAnotherOriginIsIgnored();
    void answerAfterContextIsGoneIsDropped();
};

void TestCredentials::sameOrigin_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::addRow("identical") << "https://api.codegen.com" << "https://api.codegen.com" << true;
    QTest::addRow("path differs") << "https://api.codegen.com/v1" << "https://api.codegen.com" << true;
    QTest::addRow("default port spelled") << "https://api.codegen.com:443" << "https://api.codegen.com" << true;
    QTest::addRow("host case") << "https://API.codegen.com" << "https://api.codegen.com" << true;
    QTest::addRow("other host") << "https://evil.example" << "https://api.codegen.com" << false;
    QTest::addRow("subdomain") << "https://api.codegen.com.evil.example" << "https://api.codegen.com" << false;
    QTest::addRow("scheme") << "http://api.codegen.com" << "https://api.codegen.com" << false;
    QTest::addRow("port") << "https://api.codegen.com:8443" << "https://api.codegen.com" << false;
    QTest::addRow("loopback ports") << "http://127.0.0.1:1234" << "http://127.0.0.1:1235" << false;
}

void TestCredentials::sameOrigin()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(Credentials::sameOrigin(QUrl(a), QUrl(b)), same);
    QCOMPARE(Credentials::sameOrigin(QUrl(b), QUrl(a)), same);
}

void TestCredentials::typedTokenWinsOverEnvironment()
{
    Credentials credentials;
    const QUrl api(QStringLiteral("https://api.codegen.com"));
    const QUrl other(QStringLiteral("https://other.example"));
    QVERIFY(credentials.knownToken(api).isEmpty());
    credentials.setEnvironmentToken("env-token-1234");
    QCOMPARE(credentials.knownToken(api), QByteArray("env-token-1234"));
    QCOMPARE(credentials.knownTokenSource(api), QStringLiteral("CODEGEN_API_TOKEN"));
    QVERIFY(credentials.knownTokenOrigin(api).isEmpty()); // the environment's token is bound to no origin
    credentials.setSessionToken("typed-token-5678", api);
    QCOMPARE(credentials.knownToken(api), QByteArray("typed-token-5678"));
    QCOMPARE(credentials.knownTokenOrigin(api), api);
    // The typed token goes only to the origin it was typed for.
    QCOMPARE(credentials.knownToken(other), QByteArray("env-token-1234"));
    QVERIFY(KnownSecrets::all().contains(QByteArray("typed-token-5678")));
    QVERIFY(KnownSecrets::all().contains(QByteArray("env-token-1234")));
    credentials.clearSessionToken();
    QCOMPARE(credentials.knownToken(api), QByteArray("env-token-1234"));
}

void TestCredentials::keychainAnswerForAnotherOriginIsIgnored()
{
    Credentials credentials;
    QObject context;
    QList<QByteArray> answers;
    credentials.lookUpSaved(QUrl(QStringLiteral("https://api.codegen.com")), &context,
                            [&answers](const QByteArray &token, const QString &) { answers << token; });
    // An answer to an earlier question about another server arrives first: not ours.
    emit credentials.keychain()->loaded(QUrl(QStringLiteral("https://other.example")), "token-for-other");
    emit credentials.keychain()->failed(QStringLiteral("denied"), QUrl(QStringLiteral("https://other.example")),
                                        TokenStore::Operation::Load);
    QCOMPARE(answers.size(), 0);
    // The answer for the origin asked (spelled with its default port) is taken, once.
    emit credentials.keychain()->loaded(QUrl(QStringLiteral("https://api.codegen.com:443")), "token-for-api");
    emit credentials.keychain()->loaded(QUrl(QStringLiteral("https://api.codegen.com")), "a-later-answer");
    QTRY_COMPARE(answers.size(), 1);
    QTest::qWait(50);
    QCOMPARE(answers, QList<QByteArray>{QByteArray("token-for-api")});
}

void TestCredentials::answerAfterContextIsGoneIsDropped()
{
    Credentials credentials;
    int calls = 0;
    {
        QObject context;
        credentials.lookUpSaved(QUrl(QStringLiteral("https://api.codegen.com")), &context,
                                [&calls](const QByteArray &, const QString &) { ++calls; });
    }
    emit credentials.keychain()->loaded(QUrl(QStringLiteral("https://api.codegen.com")), "late");
    QTest::qWait(50);
    QCOMPARE(calls, 0);
}

int main(int argc, char *argv[])
{
    // No Secret Service: the keychain's own answers fail at once instead of waiting on D-Bus, and
    // the answers this test cares about are the ones it emits itself.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/runlog-test-no-bus");
    QCoreApplication app(argc, argv);
    TestCredentials test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_credentials.moc"
