// SPDX-License-Identifier: MIT
// File > New Window (Ctrl+N) works where the window it came from works: Open Run… in it asks the
// same server for a run of the same organization, also after a window that had no run of its own,
// and a window of the demo (--demo) gets its runs from the demo backend already running instead of
// starting another one.
#include "samplerun.h"
#include "session/demoservice.h"
#include "session/runsession.h"
#include "rows/logtablemodel.h"
#include "testlogserver.h"
#include "ui/open/openruncontroller.h"
#include "ui/window/mainwindow.h"
#include "ui/window/windowactions.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <memory>

class TestNewWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void newWindowKeepsServerAndOrganization();
    void newWindowOfTheDemoUsesItsBackend();

private:
    static MainWindow *windowOpenedBy(MainWindow *window);
};

void TestNewWindow::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear(); // the settings' server: https://api.codegen.com, no organization
}

MainWindow *TestNewWindow::windowOpenedBy(MainWindow *window)
{
    const QList<QWidget *> before = QApplication::topLevelWidgets();
    window->windowActions()->newWindow->trigger(); // Ctrl+N
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (!before.contains(widget) && qobject_cast<MainWindow *>(widget))
            return static_cast<MainWindow *>(widget);
    }
    return nullptr;
}

void TestNewWindow::newWindowKeepsServerAndOrganization()
{
    TestLogServer server;
    QVERIFY(server.isListening());
    server.addRun(makeRun(7, 42, 30));
    MainWindow first;
    first.show();
    QCOMPARE(first.openRunController()->dialogBaseUrl(), QUrl(QStringLiteral("https://api.codegen.com")));
    first.openRun(ApiEndpoint{server.baseUrl(), {}}, RunRef{7, 42});
    QTRY_VERIFY(first.logModel()->rowCount() == 30);

    std::unique_ptr<MainWindow> second(windowOpenedBy(&first));
    QVERIFY(second);
    QVERIFY(!second->session()->isOpen());
    QCOMPARE(second->openRunController()->dialogBaseUrl(), server.baseUrl());
    QCOMPARE(second->openRunController()->dialogOrgId(), 7);
    // A window opened from one that shows nothing yet still knows where to look.
    std::unique_ptr<MainWindow> third(windowOpenedBy(second.get()));
    QVERIFY(third);
    QCOMPARE(third->openRunController()->dialogBaseUrl(), server.baseUrl());
    QCOMPARE(third->openRunController()->dialogOrgId(), 7);
}

void TestNewWindow::newWindowOfTheDemoUsesItsBackend()
{
    MainWindow first;
    first.show();
    QVERIFY(first.openDemo());
    const DemoService *demo = first.demoService();
    QVERIFY(demo);
    const QUrl demoUrl = demo->endpoint().baseUrl;
    QCOMPARE(demoUrl.host(), QStringLiteral("127.0.0.1"));

    std::unique_ptr<MainWindow> second(windowOpenedBy(&first));
    QVERIFY(second);
    QCOMPARE(second->demoService(), demo);
    QCOMPARE(second->openRunController()->dialogBaseUrl(), demoUrl);
    QCOMPARE(second->openRunController()->dialogOrgId(), 1); // the demo's organization
    // The demo run in the new window: from the same backend, not a second one.
    QVERIFY(second->openDemo());
    QCOMPARE(second->demoService(), demo);
    QTRY_VERIFY(second->session()->apiEndpoint().has_value());
    QCOMPARE(second->session()->apiEndpoint()->baseUrl, demoUrl);
    QCOMPARE(second->session()->apiRun()->runId, 1001);
    QTRY_VERIFY(second->logModel()->rowCount() > 0);
}

QTEST_MAIN(TestNewWindow)
#include "tst_newwindow.moc"
