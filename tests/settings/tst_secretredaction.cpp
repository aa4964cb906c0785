// SPDX-License-Identifier: MIT
// redactSecrets() over the places a token turns up in text, and the message handler that puts
// every qDebug/qWarning through it before it reaches the real handler.

#include "settings/secretredaction.h"

#include <QList>
#include <QMutex>
#include <QStringList>
#include <QTest>
#include <QThread>

namespace {

const QByteArray kToken = "sk-live-3f9a1c7e_b2.d4~Z+/x=";
const QString kDot = kRedactedSecret.toString();

QStringList s_captured;
QMutex s_capturedMutex;

void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&s_capturedMutex);
    s_captured << message;
}

} // namespace

class TestSecretRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redactsSecrets_data();
    void redactsSecrets();
    void leavesTextWithoutSecretsAlone();
    void messageHandlerRedactsBeforeThePreviousHandler();
};

void TestSecretRedaction::redactsSecrets_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<QByteArray>>("secrets");
    QTest::addColumn<QString>("expected");

    const QList<QByteArray> token{kToken};
    const QString t = QString::fromUtf8(kToken);
    QTest::addRow("alone") << t << token << kDot;
    QTest::addRow("in a sentence") << QStringLiteral("token %1 rejected").arg(t) << token
                                   << QStringLiteral("token %1 rejected").arg(kDot);
    QTest::addRow("twice, glued to other text") << QStringLiteral("x%1y%1").arg(t) << token
                                                << QStringLiteral("x%1y%1").arg(kDot);
    QTest::addRow("header of a known token") << QStringLiteral("Authorization: Bearer %1").arg(t) << token
                                             << QStringLiteral("Authorization: Bearer %1").arg(kDot);
    QTest::addRow("header of an unknown token")
        << QStringLiteral("Authorization: bearer abc.DEF-123_x==\r\nHost: a") << QList<QByteArray>()
        << QStringLiteral("Authorization: bearer %1\r\nHost: a").arg(kDot);
    QTest::addRow("percent-encoded in a URL")
        << QStringLiteral("https://h/?t=%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(t))) << token
        << QStringLiteral("https://h/?t=%1").arg(kDot);
    QTest::addRow("a secret inside another is replaced whole")
        << QStringLiteral("abcdef and abc") << QList<QByteArray>{"abc", "abcdef"}
        << QStringLiteral("%1 and %1").arg(kDot);
    QTest::addRow("non-ASCII secret") << QStringLiteral("k=p\u00e4ss\u2603!") << QList<QByteArray>{"p\xc3\xa4ss\xe2\x98\x83"}
                                      << QStringLiteral("k=%1!").arg(kDot);
    QTest::addRow("empty secret ignored") << QStringLiteral("nothing here") << QList<QByteArray>{QByteArray()}
                                          << QStringLiteral("nothing here");
}

void TestSecretRedaction::redactsSecrets()
{
    QFETCH(QString, text);
    QFETCH(QList<QByteArray>, secrets);
    QFETCH(QString, expected);
    QCOMPARE(redactSecrets(text, secrets), expected);
}

void TestSecretRedaction::leavesTextWithoutSecretsAlone()
{
    const QString text = QStringLiteral("GET /v1/alpha/organizations/7/agent/run/9/logs?skip=0 -> 429");
    QCOMPARE(redactSecrets(text, {kToken}), text);
}

void TestSecretRedaction::messageHandlerRedactsBeforeThePreviousHandler()
{
    // The handler chains to whatever was installed before it: make that our recorder, and give
    // QtTest's own handler back afterwards. Installing twice must not loop.
    const QtMessageHandler qtestHandler = qInstallMessageHandler(captureMessage);
    installRedactingMessageHandler([] { return QList<QByteArray>{kToken}; });
    installRedactingMessageHandler([] { return QList<QByteArray>{kToken}; });

    qWarning("request failed, token %s", kToken.constData());
    qDebug() << "header" << QByteArray("Bearer " + kToken);
    qInfo("%s", "Bearer someOtherToken123");
    QThread *thread = QThread::create([] { qCritical("from a worker: %s", kToken.constData()); });
    thread->start();
    QVERIFY(thread->wait(5000));
    delete thread;

    qInstallMessageHandler(qtestHandler);
    QMutexLocker lock(&s_capturedMutex);
    QCOMPARE(s_captured.size(), 4);
    for (const QString &line : std::as_const(s_captured)) {
        QVERIFY2(!line.contains(QString::fromUtf8(kToken)), qPrintable(line));
        QVERIFY2(line.contains(kDot), qPrintable(line));
    }
    QCOMPARE(s_captured.at(0), QStringLiteral("request failed, token %1").arg(kDot));
    QCOMPARE(s_captured.at(2), QStringLiteral("Bearer %1").arg(kDot));
}

QTEST_GUILESS_MAIN(TestSecretRedaction)
#include "tst_secretredaction.moc"
