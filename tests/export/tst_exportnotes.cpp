// SPDX-License-Identifier: MIT
// The user's notes in exports: Markdown and HTML show each beside its entry (HTML escaped);
// JSON, JSON Lines and CSV are the run's data and stay byte for byte what they were.
#include "export/exportformat.h"
#include "export/exportwriter.h"

#include <QBuffer>
#include <QtTest>

namespace {
QByteArray exportTo(const RunSnapshot &snapshot, ExportFormat format)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (!writeExport(snapshot, format, buffer, {}, &error))
        qWarning("export failed: %s", qPrintable(error));
    return buffer.data();
}

RunSnapshot twoEntries()
{
    RunSnapshot snapshot;
    snapshot.sourceDescription = QStringLiteral("a test");
    snapshot.entries = {QByteArray("{\"agent_run_id\":9,\"message_type\":\"ACTION\",\"thought\":\"first\"}"),
                        QByteArray("{\"agent_run_id\":9,\"message_type\":\"ERROR\",\"thought\":\"second\"}")};
    return snapshot;
}
} // namespace

class TestExportNotes : public QObject
{
    Q_OBJECT

private slots:
    void dataFormatsNeverChange_data();
    void dataFormatsNeverChange();
    void markdownShowsTheNoteAboveItsEntry();
    void htmlShowsTheNoteEscaped();
    void withoutNotesMarkdownAndHtmlAreAsBefore();
};

void TestExportNotes::dataFormatsNeverChange_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addRow("json") << ExportFormat::Json;
    QTest::addRow("jsonl") << ExportFormat::Jsonl;
    QTest::addRow("csv") << ExportFormat::Csv;
}

void TestExportNotes::dataFormatsNeverChange()
{
    QFETCH(ExportFormat, format);
    RunSnapshot withNotes = twoEntries();
    withNotes.notes.insert(1, QStringLiteral("my note, with \"quotes\""));
    const QByteArray plain = exportTo(twoEntries(), format);
    QVERIFY(!plain.isEmpty());
    QCOMPARE(exportTo(withNotes, format), plain);
    QVERIFY(!plain.contains("my note"));
}

void TestExportNotes::markdownShowsTheNoteAboveItsEntry()
{
    RunSnapshot snapshot = twoEntries();
    snapshot.notes.insert(1, QStringLiteral("it **broke** here\n\nsee the error"));
    const QByteArray md = exportTo(snapshot, ExportFormat::Markdown);
    const QByteArray quote = "> **Note:**\n>\n> it **broke** here\n>\n> see the error\n\n";
    QVERIFY2(md.contains(quote), md.constData());
    // Under entry 2's heading, before its text; entry 1 has none.
    const qsizetype second = md.indexOf("## 2");
    QVERIFY(second > 0);
    QCOMPARE(md.indexOf(quote), md.indexOf('\n', second) + 2);
    QCOMPARE(md.count("**Note:**"), 1);
}

void TestExportNotes::htmlShowsTheNoteEscaped()
{
    RunSnapshot snapshot = twoEntries();
    snapshot.notes.insert(0, QStringLiteral("<script>alert(1)</script> & more"));
    const QByteArray html = exportTo(snapshot, ExportFormat::Html);
    QVERIFY(html.contains("<span class=\"note-label\" style=\"font-weight: 600; color: #a86d00;\">Note on entry 1</span>"
                          "<div class=\"text\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</div></aside>\n"
                          "<details class=\""));
    QVERIFY(!html.contains("<script>alert"));
    QCOMPARE(html.count("<aside class=\"note\""), 1);
}

void TestExportNotes::withoutNotesMarkdownAndHtmlAreAsBefore()
{
    const QByteArray md = exportTo(twoEntries(), ExportFormat::Markdown);
    const QByteArray html = exportTo(twoEntries(), ExportFormat::Html);
    QVERIFY(!md.contains("Note:"));
    QVERIFY(!html.contains("class=\"note\""));
}

QTEST_GUILESS_MAIN(TestExportNotes)
#include "tst_exportnotes.moc"
