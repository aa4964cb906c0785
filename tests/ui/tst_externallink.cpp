// SPDX-License-Identifier: MIT
// Every address from outside that Runlog opens goes through one rule, WebUrl::isOpenable: http or
// https, with a host, without user info. Checked on the rule itself, on ExternalLink::open, and
// on the three places that open links: a pull request in the organization's runs (double-click),
// the run's page in the header, a link in rendered Markdown. QDesktopServices hands every scheme
// to a recorder here, so a refused address is one that never reached the system.
#include "ui/common/externallink.h"
#include "model/runlistloader.h"
#include "model/runlistmodel.h"
#include "rows/runlistcolumns.h"
#include "ui/library/orgrunsview.h"
#include "run/runinfo.h"
#include "run/weburl.h"
#include "ui/window/runheader.h"
#include "ui/detail/safetextbrowser.h"
#include "samplerun.h"
#include "testlogserver.h"

#include "json/jsonwriter.h"

#include <QDesktopServices>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QTableView>
#include <QtTest>

namespace {
const QStringList kSchemes = {QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("file"), QStringLiteral("ftp"),
                              QStringLiteral("javascript"), QStringLiteral("data"), QStringLiteral("vscode"), QString()};
} // namespace

class UrlRecorder : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl &url) { opened.append(url); }
};

class TestExternalLink : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void onlyWebAddressesOpen_data();
    void onlyWebAddressesOpen();
    void pullRequestLinks_data();
    void pullRequestLinks();
    void runHeaderLink_data();
    void runHeaderLink();
    void markdownLinks_data();
    void markdownLinks();

private:
    void addRows();

    UrlRecorder m_recorder;
};

void TestExternalLink::initTestCase()
{
    for (const QString &scheme : kSchemes)
        QDesktopServices::setUrlHandler(scheme, &m_recorder, "open");
}

void TestExternalLink::cleanupTestCase()
{
    for (const QString &scheme : kSchemes)
        QDesktopServices::unsetUrlHandler(scheme);
}

void TestExternalLink::init()
{
    m_recorder.opened.clear();
}

void TestExternalLink::addRows()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("opens");
    QTest::addRow("https") << QStringLiteral("https://codegen.com/agent/trace/42") << true;
    QTest::addRow("http with a port") << QStringLiteral("http://127.0.0.1:8080/run") << true;
    QTest::addRow("http, short") << QStringLiteral("http://h/x") << true;
    QTest::addRow("scheme and host in capitals") << QStringLiteral("HTTPS://Example.com/") << true;
    QTest::addRow("https with no host, a path") << QStringLiteral("https:///etc/passwd") << false;
    QTest::addRow("http with no slashes") << QStringLiteral("http:host/x") << false;
    QTest::addRow("https, nothing else") << QStringLiteral("https://") << false;
    QTest::addRow("file") << QStringLiteral("file:///etc/passwd") << false;
    QTest::addRow("javascript") << QStringLiteral("javascript:alert(1)") << false;
    QTest::addRow("data") << QStringLiteral("data:text/html,<b>x</b>") << false;
    QTest::addRow("ftp") << QStringLiteral("ftp://h/") << false;
    QTest::addRow("custom scheme") << QStringLiteral("vscode://open?x") << false;
    QTest::addRow("a bare path") << QStringLiteral("/etc/passwd") << false;
    QTest::addRow("a relative name") << QStringLiteral("notes.html") << false;
    QTest::addRow("empty") << QString() << false;
    // User info: no link Runlog opens needs it, and it makes one host look like another.
    QTest::addRow("user") << QStringLiteral("https://user@host/") << false;
    QTest::addRow("user and password") << QStringLiteral("https://user:secret@host/") << false;
    QTest::addRow("a host dressed as another") << QStringLiteral("https://codegen.com@evil.example/") << false;
}

void TestExternalLink::onlyWebAddressesOpen_data()
{
    addRows();
}

void TestExternalLink::onlyWebAddressesOpen()
{
    QFETCH(QString, url);
    QFETCH(bool, opens);
    QCOMPARE(WebUrl::isOpenable(QUrl(url)), opens);
    QCOMPARE(ExternalLink::open(QUrl(url)), opens);
    QCOMPARE(m_recorder.opened.size(), opens ? 1 : 0);
}

void TestExternalLink::pullRequestLinks_data()
{
    addRows();
}

void TestExternalLink::pullRequestLinks()
{
    QFETCH(QString, url);
    QFETCH(bool, opens);
    if (url.isEmpty())
        QSKIP("a pull request without an address is not a link in the table");
    constexpr qint64 kOrg = 7;
    TestLogServer server;
    QVERIFY(server.isListening());
    RunRecord run = makeListedRun(kOrg, 42, 0, QStringLiteral("GITHUB"), 1, true);
    run.listFields.last().second = "[{\"id\":1,\"title\":\"PR\",\"url\":" + JsonWriter::string(url) + "}]";
    server.addRun(run);

    QNetworkAccessManager network;
    RunListLoader loader(&network);
    RunListModel model(&loader);
    OrgRunsView view(&model);
    RunListQuery filters;
    filters.orgId = kOrg;
    model.open(ApiEndpoint{server.baseUrl(), QByteArray()}, filters);
    QTRY_COMPARE(view.table()->model()->rowCount(), 1);
    const QModelIndex pulls = view.table()->model()->index(0, RunListColumns::PullRequests);
    QCOMPARE(pulls.data(RunListColumns::PullRequestUrlsRole).toStringList(), QStringList{url});
    emit view.table()->doubleClicked(pulls);
    QCOMPARE(m_recorder.opened.size(), opens ? 1 : 0);
}

void TestExternalLink::runHeaderLink_data()
{
    addRows();
}

void TestExternalLink::runHeaderLink()
{
    QFETCH(QString, url);
    QFETCH(bool, opens);
    RunHeader header;
    RunInfo info;
    info.id = 5;
    info.organizationId = 1;
    info.webUrl = QStringLiteral("https://codegen.com/agent/trace/5");
    header.setRunInfo(info);
    QLabel *link = nullptr;
    for (QLabel *label : header.findChildren<QLabel *>()) {
        if (label->textFormat() == Qt::RichText && label->text().contains(QLatin1String("<a href=")))
            link = label;
    }
    QVERIFY(link);
    QVERIFY(!link->openExternalLinks());
    // What a click on a link holding this address would send (the label never builds one that is
    // refused: PlainText::link uses the same rule).
    emit link->linkActivated(url);
    QCOMPARE(m_recorder.opened.size(), opens ? 1 : 0);
}

void TestExternalLink::markdownLinks_data()
{
    addRows();
}

void TestExternalLink::markdownLinks()
{
    QFETCH(QString, url);
    QFETCH(bool, opens);
    SafeTextBrowser browser;
    emit browser.anchorClicked(QUrl(url));
    QCOMPARE(m_recorder.opened.size(), opens ? 1 : 0);
}

QTEST_MAIN(TestExternalLink)
#include "tst_externallink.moc"
