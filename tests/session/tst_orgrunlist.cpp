// SPDX-License-Identifier: MIT
// The organization's run list goes away cleanly while its request is in flight: a window closed
// while the Runs window was still fetching crashed, because the network manager (the list's first
// child) went before the loader that aborted its reply.
#include "session/orgrunlist.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

class TestOrgRunList : public QObject
{
    Q_OBJECT

private slots:
    void destroyedWhileARequestIsInFlight();
};

void TestOrgRunList::destroyedWhileARequestIsInFlight()
{
    // A server that takes the connection and never answers: the request stays in flight.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QList<QPointer<QTcpSocket>> held;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = silent.nextPendingConnection())
            held.append(socket);
    });

    auto *list = new OrgRunList;
    ApiEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
    endpoint.token = QByteArrayLiteral("test-token");
    RunListQuery filters;
    filters.orgId = 7;
    list->open(endpoint, filters);
    QTRY_VERIFY(!held.isEmpty());   // the request reached the server
    QVERIFY(list->isLoading());
    delete list;                     // crashed here
    QVERIFY(true);
}

QTEST_GUILESS_MAIN(TestOrgRunList)
#include "tst_orgrunlist.moc"
