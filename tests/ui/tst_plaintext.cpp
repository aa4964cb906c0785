// SPDX-License-Identifier: MIT
// PlainText: what every widget uses to show outside text as the characters it is. Each helper's
// output is checked the way Qt will read it (rendered as a tooltip renders, stripped of
// mnemonics as a menu strips them), with expected values written out by hand.
#include "ui/common/plaintext.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QWindow>
#include <QtTest>

namespace {
// What a tooltip shows: QToolTip renders a text Qt::mightBeRichText() takes for HTML.
QString shownAsToolTip(const QString &toolTip)
{
    if (!Qt::mightBeRichText(toolTip))
        return toolTip;
    QTextDocument document;
    document.setHtml(toolTip);
    return document.toPlainText();
}

// The href of the one link in `html`, as a rich-text label reads it; empty when there is none.
QString hrefIn(const QString &html)
{
    QTextDocument document;
    document.setHtml(html);
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isAnchor())
                return it.fragment().charFormat().anchorHref();
        }
    }
    return {};
}

QString shownInRichLabel(const QString &html)
{
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
}
} // namespace

class TestPlainText : public QObject
{
    Q_OBJECT

private slots:
    void toolTipShowsTextAsItIs_data();
    void toolTipShowsTextAsItIs();
    void emptyToolTipIsNone();
    void mnemonicSafeDoublesAmpersands();
    void windowTitleKeepsPlaceholderText();
    void linkOnlyForWebAddresses_data();
    void linkOnlyForWebAddresses();
    void messageBoxIsPlain();
};

void TestPlainText::toolTipShowsTextAsItIs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("markup") << QStringLiteral("<font size=\"7\">big</font><img src=\"/dev/zero\">");
    QTest::addRow("entities") << QStringLiteral("a &amp; b &lt;c&gt; & d");
    QTest::addRow("plain words") << QStringLiteral("2025-01-01T00:00:00Z");
    QTest::addRow("starts like a document") << QStringLiteral("<!DOCTYPE html><html><body>x</body></html>");
}

void TestPlainText::toolTipShowsTextAsItIs()
{
    QFETCH(QString, text);
    QCOMPARE(shownAsToolTip(PlainText::toolTip(text)), text);
}

void TestPlainText::emptyToolTipIsNone()
{
    QVERIFY(PlainText::toolTip(QString()).isEmpty());
    // Line breaks stay line breaks (a result, a thought).
    QCOMPARE(shownAsToolTip(PlainText::toolTip(QStringLiteral("first <b>\nsecond"))), QStringLiteral("first <b>\nsecond"));
}

void TestPlainText::mnemonicSafeDoublesAmpersands()
{
    QCOMPARE(PlainText::mnemonicSafe(QStringLiteral("R&D && Q&A")), QStringLiteral("R&&D &&&& Q&&A"));
    QCOMPARE(PlainText::mnemonicSafe(QStringLiteral("no ampersand")), QStringLiteral("no ampersand"));
}

void TestPlainText::windowTitleKeepsPlaceholderText()
{
    QCOMPARE(PlainText::windowTitle(QStringLiteral("a[*]b.json — Runlog")), QStringLiteral("a[*][*]b.json — Runlog"));
    // Shown: Qt turns "[*][*]" back into "[*]" (an odd count would be the modified mark).
    QWidget window;
    window.setWindowTitle(PlainText::windowTitle(QStringLiteral("run[*].json")));
    window.winId(); // creates the native window, whose title is what the title bar shows
    QCOMPARE(window.windowHandle()->title(), QStringLiteral("run[*].json"));
}

void TestPlainText::linkOnlyForWebAddresses_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expectedHref"); // empty: no link, the text only
    QTest::addRow("https") << QStringLiteral("https://codegen.com/agent/trace/42") << QStringLiteral("https://codegen.com/agent/trace/42");
    QTest::addRow("http") << QStringLiteral("http://127.0.0.1:8080/run") << QStringLiteral("http://127.0.0.1:8080/run");
    QTest::addRow("quote and markup in the address")
        << QStringLiteral("https://codegen.com/a\"><img src=\"/dev/zero\">")
        << QStringLiteral("https://codegen.com/a%22%3E%3Cimg%20src=%22/dev/zero%22%3E");
    QTest::addRow("javascript") << QStringLiteral("javascript:alert(1)") << QString();
    QTest::addRow("file") << QStringLiteral("file:///etc/passwd") << QString();
    QTest::addRow("data") << QStringLiteral("data:text/html,<b>x</b>") << QString();
    QTest::addRow("no host") << QStringLiteral("https:relative") << QString();
    QTest::addRow("not a URL") << QStringLiteral("<font size=\"7\">GRN</font>") << QString();
}

void TestPlainText::linkOnlyForWebAddresses()
{
    QFETCH(QString, url);
    QFETCH(QString, expectedHref);
    const QString shown = QStringLiteral("<b>text</b> & more");
    const QString html = PlainText::link(url, shown);
    QCOMPARE(hrefIn(html), expectedHref);
    QCOMPARE(shownInRichLabel(html), shown);
}

void TestPlainText::messageBoxIsPlain()
{
    std::unique_ptr<QMessageBox> box(PlainText::messageBox(QMessageBox::Warning, QStringLiteral("Title"),
                                                           QStringLiteral("<b>x</b>"), QMessageBox::Ok, nullptr));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QCOMPARE(box->text(), QStringLiteral("<b>x</b>"));
}

QTEST_MAIN(TestPlainText)
#include "tst_plaintext.moc"
