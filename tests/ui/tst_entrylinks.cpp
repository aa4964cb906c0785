// SPDX-License-Identifier: MIT
// Links in the window, against the spec server on 127.0.0.1 (offscreen): a run opened at an entry
// selects it with only the pages around it fetched, an entry past the end says so, and Copy Link
// to Entry puts the link and a chat line on the clipboard (and is off, saying why, for a file).
#include "model/runloader.h"
#include "run/entrylink.h"
#include "runsessioninternals.h"
#include "samplerun.h"
#include "session/runsession.h"
#include "testlogserver.h"
#include "ui/detail/detailpane.h"
#include "ui/table/currententrycontroller.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/window/windowactions.h"
#include "rows/logtablemodel.h"

#include <QAction>
#include <QClipboard>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
}

class TestEntryLinks : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensALongRunAtAnEntryFetchingOnlyThePagesAroundIt();
    void opensNewestFirstAtTheSameEntry();
    void anEntryPastTheEndIsSaidToBe();
    void copiesTheLinkAndAChatLine();
    void copiesALinkThatOpensTheSamePlace();
    void aFileHasNoLinkAndSaysWhy();

private:
    void openRun(qint64 runId, bool reverse = false);
    // The detail pane shows the entry whose thought is "entry N" (N counts from 0).
    bool showsEntryText(int n) const;

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestEntryLinks::initTestCase()
{
    // Numbers in messages are the user's locale's; this one groups thousands with commas.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestEntryLinks::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->addRun(makeRun(kOrg, 42, 30));
    m_server->addRun(makeRun(kOrg, 45, 12000));
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestEntryLinks::cleanup()
{
    m_window.reset();
    m_server.reset();
}

void TestEntryLinks::openRun(qint64 runId, bool reverse)
{
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, runId}, reverse);
}

bool TestEntryLinks::showsEntryText(int n) const
{
    const QRegularExpression thought(QStringLiteral("\\bentry %1(?!\\d)").arg(n));
    return thought.match(m_window->detailPane()->displayedText()).hasMatch();
}

void TestEntryLinks::opensALongRunAtAnEntryFetchingOnlyThePagesAroundIt()
{
    openRun(45);
    m_window->selectEntryOnceOpen(RunRef{kOrg, 45}, 5000);
    // Entry 5,000 is the one whose thought is "entry 4999" (the builder counts from 0).
    QTRY_VERIFY(showsEntryText(4999));
    QCOMPARE(m_window->currentEntry()->currentRow(), 4999);
    QTest::qWait(300); // any request the view still makes
    QStringList skips;
    for (const LogsRequestRecord &request : m_server->requestLog())
        skips << request.skip;
    // The first page (it tells the run's length), then the two the rows around entry 5,000 need on
    // screen (pages of 100): three requests of the run's 120 pages.
    QCOMPARE(skips, (QStringList{QStringLiteral("0"), QStringLiteral("4900"), QStringLiteral("5000")}));
}

void TestEntryLinks::opensNewestFirstAtTheSameEntry()
{
    openRun(45, true);
    m_window->selectEntryOnceOpen(RunRef{kOrg, 45}, 12);
    QTRY_VERIFY(showsEntryText(11));
    QCOMPARE(m_window->currentEntry()->currentRow(), 12000 - 12);
}

void TestEntryLinks::anEntryPastTheEndIsSaidToBe()
{
    QStringList messages;
    connect(m_window->statusBar(), &QStatusBar::messageChanged, this, [&messages](const QString &text) { messages << text; });
    openRun(45);
    m_window->selectEntryOnceOpen(RunRef{kOrg, 45}, 20000);
    QTRY_VERIFY2(messages.contains(QStringLiteral("Run 45 has 12,000 entries: entry 20,000 is past its end.")),
                 qPrintable(messages.join(QLatin1Char('|'))));
    QVERIFY(!m_window->currentEntry()->currentRow()); // where a run opens: its first entry
}

void TestEntryLinks::copiesTheLinkAndAChatLine()
{
    QAction *copyLink = m_window->windowActions()->copyLink;
    QVERIFY(!copyLink->isEnabled()); // nothing open
    openRun(42);
    QTRY_COMPARE(m_window->logModel()->rowCount(), 30);
    QVERIFY(copyLink->isEnabled());
    m_window->currentEntry()->goToEntryNumber(12); // index 11: odd, ACTION bash
    QTRY_VERIFY(showsEntryText(11));
    QApplication::clipboard()->clear();
    QTest::keyClick(m_window->tableView(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QString link = QStringLiteral("runlog://run?org=7&run=42&entry=12&base=")
                         + QString::fromLatin1(QUrl::toPercentEncoding(EntryLink::originOf(m_server->baseUrl()).toString()));
    const QMimeData *data = QApplication::clipboard()->mimeData();
    QVERIFY(data);
    QCOMPARE(data->urls(), QList<QUrl>{QUrl(link)});
    QCOMPARE(data->text(), QStringLiteral("Run 42, entry 12 (ACTION bash): %1 · web: https://codegen.com/agent/trace/42").arg(link));

    m_window->currentEntry()->goToEntryNumber(11); // index 10: PLAN_EVALUATION, no tool
    QTRY_VERIFY(showsEntryText(10));
    copyLink->trigger();
    QVERIFY(QApplication::clipboard()->text().startsWith(QStringLiteral("Run 42, entry 11 (PLAN_EVALUATION): runlog://")));
}

void TestEntryLinks::copiesALinkThatOpensTheSamePlace()
{
    openRun(45);
    m_window->selectEntryOnceOpen(RunRef{kOrg, 45}, 1412);
    QTRY_VERIFY(showsEntryText(1411));
    m_window->windowActions()->copyLink->trigger();
    const ParsedEntryLink parsed = EntryLink::parse(QApplication::clipboard()->mimeData()->urls().value(0).toString());
    QVERIFY2(parsed.link, qPrintable(parsed.error));
    QCOMPARE(parsed.link->run, (RunRef{kOrg, 45}));
    QCOMPARE(parsed.link->entry, std::optional<qint64>(1412));
    QCOMPARE(parsed.link->origin, EntryLink::originOf(m_server->baseUrl()));
    QVERIFY(QApplication::clipboard()->text().startsWith(QStringLiteral("Run 45, entry 1,412 (ACTION bash): runlog://")));
}

void TestEntryLinks::aFileHasNoLinkAndSaysWhy()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(makeSampleEntry(42, 0) + '\n' + makeSampleEntry(42, 1) + '\n');
    file.close();
    m_window->openFile(path);
    QTRY_COMPARE(m_window->logModel()->rowCount(), 2);
    QAction *copyLink = m_window->windowActions()->copyLink;
    QTRY_VERIFY(!copyLink->isEnabled());
    QCOMPARE(copyLink->toolTip(), QStringLiteral("A run opened from a file has no link: only runs from the API can be linked to"));
}

QTEST_MAIN(TestEntryLinks)
#include "tst_entrylinks.moc"
