// SPDX-License-Identifier: MIT
// The Open Run dialog asks for the token before anything is opened or closed.
#include "ui/open/openrundialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

class TestOpenRunDialog : public QObject
{
    Q_OBJECT

private slots:
    void openNeedsAToken_data();
    void openNeedsAToken();
    void rememberUnticksAfterASaveFailed();
};

void TestOpenRunDialog::openNeedsAToken_data()
{
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QByteArray>("knownToken"); // from the environment or the keychain
    QTest::addColumn<QString>("typedToken");
    QTest::addColumn<bool>("canOpen");

    const QString api = QStringLiteral("https://api.codegen.com");
    QTest::addRow("no token anywhere") << api << QByteArray() << QString() << false;
    QTest::addRow("a token typed") << api << QByteArray() << QStringLiteral("secret") << true;
    QTest::addRow("only spaces typed") << api << QByteArray() << QStringLiteral("   ") << false;
    QTest::addRow("a token known") << api << QByteArray("saved") << QString() << true;
    QTest::addRow("this computer needs none") << QStringLiteral("http://127.0.0.1:8080") << QByteArray() << QString() << true;
}

void TestOpenRunDialog::openNeedsAToken()
{
    QFETCH(QString, baseUrl);
    QFETCH(QByteArray, knownToken);
    QFETCH(QString, typedToken);
    QFETCH(bool, canOpen);
    OpenRunDialog dialog;
    dialog.setOrgId(7);
    dialog.setRunText(QStringLiteral("42"));
    dialog.setBaseUrl(QUrl(baseUrl));
    if (!knownToken.isEmpty())
        dialog.setKnownToken(knownToken, QStringLiteral("the environment"));
    QLineEdit *tokenEdit = nullptr;
    for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
        if (edit->echoMode() == QLineEdit::Password)
            tokenEdit = edit;
    }
    QVERIFY(tokenEdit);
    tokenEdit->setText(typedToken);
    QPushButton *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
    QCOMPARE(open->isEnabled(), canOpen);
}

// Issue 27, stumble 14: after the keychain failed to save once, Remember is offered unticked
// (with the reason) instead of failing again at every open.
void TestOpenRunDialog::rememberUnticksAfterASaveFailed()
{
    const auto typedDialog = [](OpenRunDialog &dialog) {
        dialog.setOrgId(7);
        dialog.setRunText(QStringLiteral("42"));
        dialog.setBaseUrl(QUrl(QStringLiteral("https://api.codegen.com")));
        for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
            if (edit->echoMode() == QLineEdit::Password)
                edit->setText(QStringLiteral("secret"));
        }
    };
    OpenRunDialog usual;
    usual.setKeychainState(true, QString());
    typedDialog(usual);
    QVERIFY(usual.findChild<QCheckBox *>()->isChecked());
    QVERIFY(usual.rememberToken());

    OpenRunDialog afterFailure;
    afterFailure.setKeychainState(true, QString(), QStringLiteral("Access to the system keychain was refused"));
    typedDialog(afterFailure);
    QCheckBox *remember = afterFailure.findChild<QCheckBox *>();
    QVERIFY(remember->isEnabled()); // it may still be ticked by hand
    QVERIFY(!remember->isChecked());
    QVERIFY(remember->text().contains(QStringLiteral("failed")));
    QVERIFY(!afterFailure.rememberToken());
}

QTEST_MAIN(TestOpenRunDialog)
#include "tst_openrundialog.moc"
