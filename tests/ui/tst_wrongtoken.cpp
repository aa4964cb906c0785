// SPDX-License-Identifier: MIT
// A refused token is never a dead end (issue 27, stumble 3): the banner offers "Use Another
// Token…" (not a Retry that fails again), says it once, and the Open dialog comes back filled
// with the run, organization and server as used; Ctrl+O after any run keeps them too.
#include "model/runloader.h"
#include "rows/logtablemodel.h"
#include "runsessioninternals.h"
#include "samplerun.h"
#include "session/runsession.h"
#include "testlogserver.h"
#include "ui/detail/detailpane.h"
#include "ui/open/openruncontroller.h"
#include "ui/window/messagebanner.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QLabel>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QtTest>

#include <functional>
#include <memory>

namespace {
constexpr qint64 kOrg = 7;

// The dialog's line edits by their form label, read while it is open.
QLineEdit *editLabelled(QDialog *dialog, const QString &label)
{
    for (QLabel *l : dialog->findChildren<QLabel *>()) {
        if (l->text() == label)
            return qobject_cast<QLineEdit *>(l->buddy());
    }
    return nullptr;
}
} // namespace

class TestWrongToken : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void refusedTokenOffersAnotherOnceAndOpensWithIt();
    void openDialogKeepsTheRunAsUsed();

private:
    // Opens the Open Run dialog through `trigger`, lets `inDialog` read and fill it, then
    // accepts it when `accept`.
    void withDialog(const std::function<void()> &trigger, const std::function<void(QDialog *)> &inDialog, bool accept);

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestWrongToken::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->addRun(makeRun(kOrg, 42, 30));
    m_server->setRequiredToken(QByteArrayLiteral("good-token"));
    m_window = std::make_unique<MainWindow>();
    RunLoader::RetryPolicy fast;
    fast.maxAttempts = 2;
    fast.baseDelayMs = 10;
    loaderOf(m_window->session())->setRetryPolicy(fast);
    m_window->resize(1100, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWrongToken::cleanup()
{
    m_window.reset();
    m_server.reset();
}

void TestWrongToken::withDialog(const std::function<void()> &trigger, const std::function<void(QDialog *)> &inDialog,
                                bool accept)
{
    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        seen = true;
        inDialog(dialog);
        if (accept)
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open)->click();
        else
            dialog->reject();
    });
    trigger();
    QVERIFY(seen);
}

void TestWrongToken::refusedTokenOffersAnotherOnceAndOpensWithIt()
{
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), QByteArrayLiteral("stale-token")}, RunRef{kOrg, 42});
    MessageBanner *banner = m_window->banner();
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("The API token was rejected")), qPrintable(banner->text()));
    QVERIFY(banner->anotherTokenOffered());
    QVERIFY(!banner->retryOffered()); // Retry would send the same token again
    // Said once: the banner, not the status bar nor the detail pane too.
    QVERIFY(!m_window->statusBar()->currentMessage().contains(QStringLiteral("rejected")));
    QVERIFY(!m_window->statusBar()->currentMessage().contains(QStringLiteral("Loading")));
    QVERIFY(!m_window->detailPane()->displayedText().contains(QStringLiteral("rejected")));
    QDir().mkpath(QStringLiteral("/tmp/polish-shots"));
    if (qEnvironmentVariableIsSet("RUNLOG_POLISH_SHOTS"))
        m_window->grab().save(QStringLiteral("/tmp/polish-shots/3-wrong-token-after.png"));

    auto *button = banner->findChild<QPushButton *>(QStringLiteral("anotherTokenButton"));
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("Use &Another Token…"));
    withDialog([button] { button->click(); },
               [this](QDialog *dialog) {
                   QCOMPARE(editLabelled(dialog, QStringLiteral("&Run ID or URL:"))->text(), QStringLiteral("42"));
                   QCOMPARE(editLabelled(dialog, QStringLiteral("&Organization ID:"))->text(), QStringLiteral("7"));
                   QCOMPARE(editLabelled(dialog, QStringLiteral("API &base URL:"))->text(), m_server->baseUrl().toString());
                   QLineEdit *token = editLabelled(dialog, QStringLiteral("API &token:"));
                   QVERIFY(token->text().isEmpty());
                   auto *open = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
                   QVERIFY(!open->isEnabled()); // the refused token is not offered again
                   if (qEnvironmentVariableIsSet("RUNLOG_POLISH_SHOTS"))
                       dialog->grab().save(QStringLiteral("/tmp/polish-shots/3-another-token-dialog.png"));
                   token->setText(QStringLiteral("good-token"));
                   QVERIFY(open->isEnabled());
               },
               true);
    QTRY_COMPARE(m_window->session()->model()->rowCount(), 30);
    QVERIFY(!banner->isVisible());
}

void TestWrongToken::openDialogKeepsTheRunAsUsed()
{
    // Opened (with the good token), then Ctrl+O: run, organization and server as used.
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), QByteArrayLiteral("good-token")}, RunRef{kOrg, 42});
    QTRY_COMPARE(m_window->session()->model()->rowCount(), 30);
    const auto expectFilled = [this](QDialog *dialog) {
        QCOMPARE(editLabelled(dialog, QStringLiteral("&Run ID or URL:"))->text(), QStringLiteral("42"));
        QCOMPARE(editLabelled(dialog, QStringLiteral("&Organization ID:"))->text(), QStringLiteral("7"));
        QCOMPARE(editLabelled(dialog, QStringLiteral("API &base URL:"))->text(), m_server->baseUrl().toString());
    };
    withDialog([this] { m_window->openRunController()->showDialog(); }, expectFilled, false);
    // After the run is closed (Ctrl+W) too.
    m_window->session()->close();
    withDialog([this] { m_window->openRunController()->showDialog(); }, expectFilled, false);
}

QTEST_MAIN(TestWrongToken)
#include "tst_wrongtoken.moc"
