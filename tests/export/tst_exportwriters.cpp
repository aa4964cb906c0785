// SPDX-License-Identifier: MIT
// Every export format over a run built to break writers (quotes, commas, newlines, backticks,
// <script>, emoji, RTL, 64-bit integers, nulls, unknown fields, a multi-megabyte entry), read
// back by Runlog's own parser and by python3's json, csv and html.parser modules.
#include "exporttesthelpers.h"

#include "export/exportformat.h"
#include "export/exportwriter.h"
#include "run/entrydetail.h"
#include "samplerun.h"

#include "json/jsonwriter.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

QByteArray exportTo(const RunSnapshot &snapshot, ExportFormat format)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (!writeExport(snapshot, format, buffer, {}, &error))
        qWarning("export failed: %s", qPrintable(error));
    return buffer.data();
}

// A device that takes `capacity` bytes and then fails, like a disk that fills up.
class FullDevice : public QIODevice
{
public:
    explicit FullDevice(qint64 capacity) : m_capacity(capacity) { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        if (m_written + len > m_capacity) {
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        m_written += len;
        return len;
    }

private:
    qint64 m_capacity;
    qint64 m_written = 0;
};

// A minimal RFC 4180 reader, to check the CSV without python too.
QList<QStringList> readCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
            record << field;
            field.clear();
            records << record;
            record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}
} // namespace

class TestExportWriters : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void formatsByNameAndExtension();
    void jsonKeepsEveryEntryByteForByte();
    void jsonCheckedByPython();
    void jsonWithoutRunHasOnlyLogsAndTotal();
    void emptyRunIsValidJson();
    void jsonlIsOneEntryPerLine();
    void csvReadBackByRfc4180Reader();
    void csvIsExactlyTheExpectedBytes();
    void csvCheckedByPython();
    void csvWithoutByteOrderMarkForScripts();
    void csvDefusesFormulas_data();
    void csvDefusesFormulas();
    void otherRunEntriesAreMarked_data();
    void otherRunEntriesAreMarked();
    void markdownFencesAndTextStayInert();
    void htmlEscapesEverythingAndIsSelfContained();
    void htmlCheckedByPython();
    void fullDiskFailsEveryFormat_data();
    void fullDiskFailsEveryFormat();
    void cancelStopsEveryFormat_data();
    void cancelStopsEveryFormat();

private:
    RunRecord m_run;
    RunSnapshot m_snapshot;
    QTemporaryDir m_dir;
};

void TestExportWriters::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_run = makeAwkwardRun(kOrg, kRun);
    m_snapshot = ExportTest::snapshotOf(m_run);
    QVERIFY(m_snapshot.hasRun);
    QVERIFY(m_run.entries.at(6).size() > 3 * 1024 * 1024);
    QVERIFY(ExportTest::writeFile(m_dir.filePath(QStringLiteral("ref.jsonl")), ExportTest::linesOf(m_run.entries)));
}

void TestExportWriters::formatsByNameAndExtension()
{
    QCOMPARE(ExportFormats::fromName(u"JSON"), ExportFormat::Json);
    QCOMPARE(ExportFormats::fromName(u"jsonl"), ExportFormat::Jsonl);
    QCOMPARE(ExportFormats::fromName(u"markdown"), ExportFormat::Markdown);
    QCOMPARE(ExportFormats::fromName(u".md"), ExportFormat::Markdown);
    QCOMPARE(ExportFormats::fromName(u"htm"), ExportFormat::Html);
    QVERIFY(!ExportFormats::fromName(u"xml"));
    QCOMPARE(ExportFormats::fromPath(QStringLiteral("/a.b/run.CSV")), ExportFormat::Csv);
    QCOMPARE(ExportFormats::fromPath(QStringLiteral("run.tar.jsonl")), ExportFormat::Jsonl);
    QVERIFY(!ExportFormats::fromPath(QStringLiteral("/a.json/run")));
    QCOMPARE(ExportFormats::filters().size(), 5);
    for (ExportFormat format : ExportFormats::all()) {
        QCOMPARE(ExportFormats::fromFilter(ExportFormats::filter(format)), format);
        QCOMPARE(ExportFormats::fromName(ExportFormats::name(format)), format);
    }
}

void TestExportWriters::jsonKeepsEveryEntryByteForByte()
{
    const QByteArray json = exportTo(m_snapshot, ExportFormat::Json);
    const PageParseResult parsed = PageParser::parse(json);
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QCOMPARE(parsed.page.entries.size(), m_run.entries.size());
    for (qsizetype i = 0; i < m_run.entries.size(); ++i)
        QCOMPARE(parsed.page.entries.at(i).rawJson, m_run.entries.at(i));
    const RunInfo &run = parsed.page.run;
    QCOMPARE(run.totalLogs, std::optional<qint64>(m_run.entries.size()));
    QVERIFY(!run.page && !run.size && !run.pages);
    QStringList keys;
    for (const auto &field : run.rawFields)
        keys << field.first;
    QVERIFY(!keys.contains(QStringLiteral("page")) && !keys.contains(QStringLiteral("pages")));
    // The run's fields as the server sent them, unknown ones and their raw values included.
    for (const auto &[key, value] : m_snapshot.run.rawFields) {
        if (key == QLatin1String("page") || key == QLatin1String("size") || key == QLatin1String("pages")
            || key == QLatin1String("total_logs"))
            continue;
        const auto it = std::find_if(run.rawFields.cbegin(), run.rawFields.cend(),
                                     [&key = key](const auto &f) { return f.first == key; });
        QVERIFY2(it != run.rawFields.cend(), qPrintable(key));
        QCOMPARE(it->second, value);
    }
    QVERIFY(json.contains("\"x_unknown_run_field\": [\"kept\",42]"));
    QVERIFY(json.contains("9007199254740993"));
}

void TestExportWriters::jsonCheckedByPython()
{
    EXPORTTEST_REQUIRE_PYTHON();
    const QString path = m_dir.filePath(QStringLiteral("awkward.json"));
    QVERIFY(ExportTest::writeFile(path, exportTo(m_snapshot, ExportFormat::Json)));
    const ExportTest::PythonResult result = ExportTest::runPython(
        QString::fromUtf8(ExportTest::kPythonJsonCheck),
        {path, m_dir.filePath(QStringLiteral("ref.jsonl")), QStringLiteral("id=42"), QStringLiteral("organization_id=7"),
         QStringLiteral("x_unknown_run_field=[\"kept\", 42]"), QStringLiteral("status=\"COMPLETE\"")});
    QVERIFY2(result.exitCode == 0 && result.output == QLatin1String("OK"), qPrintable(result.output));
}

void TestExportWriters::jsonWithoutRunHasOnlyLogsAndTotal()
{
    RunSnapshot noRun = m_snapshot;
    noRun.hasRun = false;
    noRun.entries = noRun.entries.mid(0, 3);
    const QByteArray json = exportTo(noRun, ExportFormat::Json);
    QCOMPARE(json, "{\n  \"total_logs\": 3,\n  \"logs\": [\n    " + m_run.entries.at(0) + ",\n    " + m_run.entries.at(1)
                 + ",\n    " + m_run.entries.at(2) + "\n  ]\n}\n");
}

void TestExportWriters::emptyRunIsValidJson()
{
    RunSnapshot empty = m_snapshot;
    empty.entries.clear();
    const PageParseResult parsed = PageParser::parse(exportTo(empty, ExportFormat::Json));
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QCOMPARE(parsed.page.entries.size(), 0);
    QCOMPARE(parsed.page.run.totalLogs, std::optional<qint64>(0));
    QCOMPARE(exportTo(empty, ExportFormat::Jsonl), QByteArray());
    QCOMPARE(readCsv(exportTo(empty, ExportFormat::Csv)).size(), 1);
}

void TestExportWriters::jsonlIsOneEntryPerLine()
{
    QCOMPARE(exportTo(m_snapshot, ExportFormat::Jsonl), ExportTest::linesOf(m_run.entries));
    // An entry spread over lines (whitespace between tokens) still takes one line, same values.
    RunSnapshot spread = m_snapshot;
    spread.entries = {QByteArrayLiteral("{\n  \"agent_run_id\": 1,\n  \"thought\": \"a\\nb  c\"\r\n}")};
    QCOMPARE(exportTo(spread, ExportFormat::Jsonl), QByteArrayLiteral("{\"agent_run_id\":1,\"thought\":\"a\\nb  c\"}\n"));
}

void TestExportWriters::csvReadBackByRfc4180Reader()
{
    const QByteArray csv = exportTo(m_snapshot, ExportFormat::Csv);
    // A UTF-8 byte order mark first, so that a spreadsheet opened by double-click reads UTF-8.
    QVERIFY(csv.startsWith("\xEF\xBB\xBFindex,"));
    const QList<QStringList> records = readCsv(csv.mid(3));
    QCOMPARE(records.size(), m_run.entries.size() + 1);
    QCOMPARE(records.first().join(QLatin1Char(',')),
             QStringLiteral("index,created_at,message_type,tool_name,thought,observation,tool_input,tool_output,other_run_id"));
    for (qsizetype i = 1; i < records.size(); ++i) {
        QCOMPARE(records.at(i).size(), 9);
        QCOMPARE(records.at(i).at(8), QString()); // every entry is of run 42
        QCOMPARE(records.at(i).at(0), QString::number(i));
    }
    // Entry 0's thought has quotes, commas, a tab, CRLF and a lone LF: all back as they were.
    QCOMPARE(records.at(1).at(4), QString::fromUtf8("He said \"hi\", then left;\ttab\r\nCRLF\nbacktick ` and ```fence```, "
                                                    "<script>alert('x')</script> & back\\slash, | pipe |, =cmd() \x01 ctrl"));
    QCOMPARE(records.at(3).at(7), QStringLiteral("{\"min\":-9223372036854775808,\"max_u64\":18446744073709551615,"
                                                 "\"big\":9007199254740993,\"float\":1.5e300}"));
    QCOMPARE(records.at(6).at(5), QStringLiteral("Tool failed: exit code 137 (OOM)"));
}

// The exact bytes of every record, written out by hand from what makeAwkwardRun() puts in each
// entry (samplerun.h): RFC 4180 quoting, null as an empty unquoted field, "" as a quoted one,
// payloads as compact JSON, CRLF after each record.
void TestExportWriters::csvIsExactlyTheExpectedBytes()
{
    const auto quoted = [](const QByteArray &field) { return '"' + QByteArray(field).replace("\"", "\"\"") + '"'; };
    QByteArray deep;
    for (int i = 0; i < 32; ++i)
        deep += "{\"d\":";
    deep += "[]" + QByteArray(32, '}');
    // Entry 6's output is megabytes of generated lines: its field is the entry's own tool_output
    // text (already compact), cut out of the raw entry, not rebuilt by any writer code.
    const QByteArray big = m_run.entries.at(6);
    const qsizetype outputAt = big.indexOf("\"tool_output\":") + qsizetype(strlen("\"tool_output\":"));
    const QByteArray bigOutput = big.mid(outputAt, big.size() - 1 - outputAt);
    QVERIFY(bigOutput.startsWith("{\"output\":\"line 1: lorem \\\"ipsum\\\", dolor\\tsit amet <tag> \xc3\xa9\\n"));
    QVERIFY(bigOutput.endsWith("\\n\",\"exit_code\":0}"));

    const QList<QByteArray> expected = {
        "\xEF\xBB\xBF"
        "index,created_at,message_type,tool_name,thought,observation,tool_input,tool_output,other_run_id\r\n",
        "1,\"2025-06-21T12:06:31Z\",\"ACTION\",\"bash\",\"He said \"\"hi\"\", then left;\ttab\r\nCRLF\nbacktick ` and "
        "```fence```, <script>alert('x')</script> & back\\slash, | pipe |, =cmd() \x01 ctrl\",\"{\"\"status\"\":"
        "\"\"success\"\"}\",\"{\"\"command\"\":\"\"echo \\\"\"a,b\\\"\" | sed 's/,/\\\\t/g' > out.csv && cat <<'EOF'"
        "\\nx\\nEOF\"\"}\",\"{\"\"output\"\":\"\"a\\tb\\n\"\",\"\"exit_code\"\":0}\",\r\n",
        "2,\"2025-06-21T12:06:32.5Z\",\"PLAN_EVALUATION\",,\"\xf0\x9f\x9a\x80\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91"
        "\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb9\xd8\xa7\xd9\x84\xd9\x85 \xe4\xbd"
        "\xa0\xe5\xa5\xbd\xe4\xb8\x96\xe7\x95\x8c e\xcc\x81 \xe2\x80\xa8 line-sep\",,,,\r\n",
        "3,\"2025-06-21T12:06:33Z\",\"ACTION\",\"count\",,," + quoted("{\"n\":9007199254740993}") + ","
            + quoted("{\"min\":-9223372036854775808,\"max_u64\":18446744073709551615,\"big\":9007199254740993,"
                     "\"float\":1.5e300}") + ",\r\n",
        "4,,,,,,,,\r\n",
        "5,\"2025-06-21T12:06:35Z\",\"QUANTUM_REFLECTION\",,\"unknown type\",,,,\r\n",
        "6,\"2025-06-21 12:06:36.108894\",\"ERROR\",,,\"Tool failed: exit code 137 (OOM)\",,,\r\n",
        "7,\"2025-06-21T12:06:37Z\",\"ACTION\",\"read_file\",\"big\",," + quoted("{\"path\":\"huge.log\"}") + ","
            + quoted(bigOutput) + ",\r\n",
        "8,,,,,,,,\r\n",
        "9,\"2025-06-21T12:06:39Z\",\"ACTION\",\"deep\",\"\"," + quoted(deep) + ",\"{}\"," + quoted("{\"list\":[]}") + ",\r\n",
        "10,\"2025-06-21T12:06:40Z\",\"FINAL_ANSWER\",,,\"# Done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```cpp\nint x = "
        "1;\n```\n\",,,\r\n",
    };
    QCOMPARE(expected.size(), m_run.entries.size() + 1);
    const QByteArray csv = exportTo(m_snapshot, ExportFormat::Csv);
    qsizetype at = 0;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QByteArray &record = expected.at(i);
        // Big records compared in full, reported by their first bytes.
        QVERIFY2(csv.mid(at, record.size()) == record,
                 qPrintable(QStringLiteral("record %1: got %2, expected %3")
                                .arg(i)
                                .arg(QString::fromUtf8(csv.mid(at, std::min<qsizetype>(record.size(), 400))),
                                     QString::fromUtf8(record.left(400)))));
        at += record.size();
    }
    QCOMPARE(at, csv.size());
}

void TestExportWriters::csvCheckedByPython()
{
    EXPORTTEST_REQUIRE_PYTHON();
    const QString path = m_dir.filePath(QStringLiteral("awkward.csv"));
    QVERIFY(ExportTest::writeFile(path, exportTo(m_snapshot, ExportFormat::Csv)));
    const ExportTest::PythonResult result = ExportTest::runPython(QString::fromUtf8(ExportTest::kPythonCsvCheck),
                                                                  {path, m_dir.filePath(QStringLiteral("ref.jsonl"))});
    QVERIFY2(result.exitCode == 0 && result.output == QLatin1String("OK"), qPrintable(result.output));
}

void TestExportWriters::csvWithoutByteOrderMarkForScripts()
{
    RunSnapshot snapshot = m_snapshot;
    snapshot.csvByteOrderMark = false;
    const QByteArray withMark = exportTo(m_snapshot, ExportFormat::Csv);
    const QByteArray without = exportTo(snapshot, ExportFormat::Csv);
    QVERIFY(without.startsWith("index,created_at,message_type,"));
    QCOMPARE(QByteArray("\xEF\xBB\xBF") + without, withMark);
    // Only .csv has one: the JSON formats stay exact, .md and .html are unchanged.
    for (const ExportFormat format : {ExportFormat::Json, ExportFormat::Jsonl, ExportFormat::Markdown, ExportFormat::Html})
        QCOMPARE(exportTo(snapshot, format), exportTo(m_snapshot, format));
    QVERIFY(!exportTo(m_snapshot, ExportFormat::Jsonl).startsWith("\xEF"));
}

void TestExportWriters::csvDefusesFormulas_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("cell"); // as a CSV reader gives it back
    QTest::addRow("=") << QStringLiteral("=1+1") << QStringLiteral("'=1+1");
    QTest::addRow("+") << QStringLiteral("+1") << QStringLiteral("'+1");
    QTest::addRow("-") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
    QTest::addRow("@") << QStringLiteral("@SUM(A1:A2)") << QStringLiteral("'@SUM(A1:A2)");
    QTest::addRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::addRow("carriage return") << QStringLiteral("\r=1") << QStringLiteral("'\r=1");
    QTest::addRow("quotes inside") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                                   << QStringLiteral("'=HYPERLINK(\"http://x\",\"y\")");
    QTest::addRow("= later in the text") << QStringLiteral("a=1") << QStringLiteral("a=1");
    QTest::addRow("space first") << QStringLiteral(" =1") << QStringLiteral(" =1");
    QTest::addRow("already a quote") << QStringLiteral("'=1") << QStringLiteral("'=1");
    QTest::addRow("empty") << QString() << QString();
}

void TestExportWriters::csvDefusesFormulas()
{
    QFETCH(QString, value);
    QFETCH(QString, cell);
    // The value in every text column: created_at, message_type, tool_name, thought, observation.
    const QByteArray text = JsonWriter::string(value);
    RunSnapshot snapshot = m_snapshot;
    snapshot.entries = {"{\"agent_run_id\":42,\"created_at\":" + text + ",\"message_type\":" + text + ",\"tool_name\":" + text
                        + ",\"thought\":" + text + ",\"observation\":" + text + ",\"tool_input\":{\"v\":" + text + "}}"};
    const QList<QStringList> records = readCsv(exportTo(snapshot, ExportFormat::Csv));
    QCOMPARE(records.size(), 2);
    for (int column = 1; column <= 5; ++column)
        QCOMPARE(records.at(1).at(column), cell);
    // Inside JSON the value is not at the start of the cell: left as it is.
    QCOMPARE(records.at(1).at(6), QStringLiteral("{\"v\":%1}").arg(QString::fromUtf8(text)));
    // Only the CSV changes: JSON and JSON Lines keep the entry byte for byte.
    QCOMPARE(exportTo(snapshot, ExportFormat::Jsonl), snapshot.entries.first() + '\n');
    const PageParseResult parsed = PageParser::parse(exportTo(snapshot, ExportFormat::Json));
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QCOMPARE(parsed.page.entries.first().rawJson, snapshot.entries.first());
}

void TestExportWriters::otherRunEntriesAreMarked_data()
{
    QTest::addColumn<bool>("runKnown");
    QTest::addRow("run known: entries 2 and 4 are of run 99") << true;
    QTest::addRow("run not known (a .jsonl): nothing to compare with") << false;
}

void TestExportWriters::otherRunEntriesAreMarked()
{
    QFETCH(bool, runKnown);
    RunRecord run = makeRun(kOrg, kRun, 4);
    run.entries[1] = makeSampleEntry(99, 1);
    run.entries[3] = makeSampleEntry(99, 3);
    RunSnapshot snapshot = ExportTest::snapshotOf(run);
    snapshot.hasRun = runKnown;
    const QString note = QStringLiteral("⚠ entry of run 99, not of run 42");
    const QList<int> marked = runKnown ? QList<int>{1, 3} : QList<int>{};

    const QList<QStringList> records = readCsv(exportTo(snapshot, ExportFormat::Csv));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(records.at(i + 1).at(8), marked.contains(i) ? QStringLiteral("99") : QString());

    const QString md = QString::fromUtf8(exportTo(snapshot, ExportFormat::Markdown));
    const QStringList headings = md.split(QLatin1Char('\n')).filter(QRegularExpression(QStringLiteral("^## ")));
    QCOMPARE(headings.size(), 4);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(headings.at(i).endsWith(QStringLiteral(" · ") + note), marked.contains(i));

    const QString html = QString::fromUtf8(exportTo(snapshot, ExportFormat::Html));
    const QStringList sections = html.split(QStringLiteral("<details")).mid(1);
    QCOMPARE(sections.size(), 4);
    for (int i = 0; i < 4; ++i) {
        const bool classed = sections.at(i).startsWith(QStringLiteral(" class=\"action other-run\""))
            || sections.at(i).startsWith(QStringLiteral(" class=\"thought other-run\""));
        const bool noted = sections.at(i).contains(QStringLiteral("<span class=\"other-run-note\">") + note + QStringLiteral("</span>"));
        QCOMPARE(classed, marked.contains(i));
        QCOMPARE(noted, marked.contains(i));
    }

    // JSON and JSON Lines keep every entry as it was: no mark.
    QCOMPARE(exportTo(snapshot, ExportFormat::Jsonl), ExportTest::linesOf(run.entries));
    const QByteArray json = exportTo(snapshot, ExportFormat::Json);
    for (const QByteArray &entry : run.entries)
        QVERIFY(json.contains("\n    " + entry));
}

void TestExportWriters::markdownFencesAndTextStayInert()
{
    RunSnapshot snapshot = m_snapshot;
    // Backtick runs longer than any default fence, in a payload and in a thought.
    snapshot.entries.append(QByteArrayLiteral("{\"agent_run_id\":42,\"message_type\":\"ACTION\",\"tool_name\":\"x\","
                                              "\"thought\":\"```\\n# not a heading\\n    not code\\n1. not a list\\n---\\n> no quote\",\"tool_input\":{\"s\":\"``````` seven\"}}"));
    const QByteArray md = exportTo(snapshot, ExportFormat::Markdown);
    const QList<QByteArray> lines = md.split('\n');
    int headings = 0;
    int breaks = 0;
    QByteArray fence;
    QVERIFY(md.startsWith("# Run 42 \xc2\xb7 COMPLETE\n"));
    for (const QByteArray &line : lines.mid(1)) {
        if (!fence.isEmpty()) {
            // Inside a block, only a line of exactly our fence closes it.
            if (line == fence)
                fence.clear();
            else
                QVERIFY2(!line.startsWith(fence), line.constData());
            continue;
        }
        if (line.startsWith("```")) {
            qsizetype n = 0;
            while (n < line.size() && line[n] == '`')
                ++n;
            fence = line.left(n);
            continue;
        }
        // Outside blocks, no line may open structure of its own: only our headings and rules.
        if (line.startsWith("## "))
            ++headings;
        else if (line == "---")
            ++breaks;
        else
            QVERIFY2(!line.startsWith('#') && !line.startsWith('>') && !line.startsWith("    ") && !line.startsWith('<')
                             && !line.startsWith('|') && !QRegularExpression(QStringLiteral("^\\d+[.)]")).match(QString::fromUtf8(line)).hasMatch()
                             && (!line.startsWith("- ") || line.startsWith("- **")),
                     line.constData());
    }
    QVERIFY(fence.isEmpty());
    QCOMPARE(headings, snapshot.entries.size());
    QCOMPARE(breaks, snapshot.entries.size());
    QVERIFY(md.contains("\n````````json\n"));  // longer than the seven backticks inside
    QVERIFY(md.contains("\\`\\`\\`\\\n\\# not a heading\\\n&#32;&#32;&#32;&#32;not code\\\n1\\. not a list\\\n\\---\\\n\\> no quote"));
    QVERIFY(md.contains("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"));  // RTL text as it was
    QVERIFY(md.startsWith("# Run 42 \xc2\xb7 COMPLETE\n"));
}

void TestExportWriters::htmlEscapesEverythingAndIsSelfContained()
{
    const QByteArray html = exportTo(m_snapshot, ExportFormat::Html);
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QVERIFY(!html.toLower().contains("<script"));
    QVERIFY(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    QVERIFY(html.contains("&lt;b&gt;not bold&lt;/b&gt;"));
    for (const char *external : {"src=", "href=", "<link", "url(", "@import", "<iframe", "<img"})
        QVERIFY2(!html.toLower().contains(external), external);
    QVERIFY(html.contains("Content-Security-Policy"));
    QCOMPARE(html.count("<details"), m_run.entries.size());
    QCOMPARE(html.count("</details>"), m_run.entries.size());
    QVERIFY(html.contains("18446744073709551615"));
    QVERIFY(html.endsWith("</html>\n"));
}

void TestExportWriters::htmlCheckedByPython()
{
    EXPORTTEST_REQUIRE_PYTHON();
    const QString path = m_dir.filePath(QStringLiteral("awkward.html"));
    QVERIFY(ExportTest::writeFile(path, exportTo(m_snapshot, ExportFormat::Html)));
    // Only our own tags come out of a real HTML parser, and the entry's text comes back whole.
    const char *script = R"PY(
import sys
from html.parser import HTMLParser
allowed = {'html','head','meta','title','style','body','header','h1','span','dl','dt','dd','main','details','summary','div','h3','pre'}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.tags = set(); self.text = []; self.details = 0
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == 'details': self.details += 1
        for k, v in attrs:
            assert k in ('class', 'id', 'lang', 'charset', 'http-equiv', 'content', 'name'), (tag, k)
    def handle_data(self, d): self.text.append(d)
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read()); p.close()
assert p.tags <= allowed, p.tags - allowed
assert p.details == int(sys.argv[2]), p.details
text = ''.join(p.text)
assert "<script>alert('x')</script> & back\\slash" in text
assert 'echo \\"a,b\\" | sed' in text
print('OK')
)PY";
    const ExportTest::PythonResult result =
        ExportTest::runPython(QString::fromUtf8(script), {path, QString::number(m_run.entries.size())});
    QVERIFY2(result.exitCode == 0 && result.output == QLatin1String("OK"), qPrintable(result.output));
}

void TestExportWriters::fullDiskFailsEveryFormat_data()
{
    QTest::addColumn<ExportFormat>("format");
    for (ExportFormat format : ExportFormats::all())
        QTest::addRow("%s", qPrintable(ExportFormats::name(format))) << format;
}

void TestExportWriters::fullDiskFailsEveryFormat()
{
    QFETCH(ExportFormat, format);
    FullDevice device(64 * 1024);
    QString error;
    QVERIFY(!writeExport(m_snapshot, format, device, {}, &error));
    QCOMPARE(error, QStringLiteral("No space left on device"));
}

void TestExportWriters::cancelStopsEveryFormat_data()
{
    fullDiskFailsEveryFormat_data();
}

void TestExportWriters::cancelStopsEveryFormat()
{
    QFETCH(ExportFormat, format);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QList<int> calls;
    QString error;
    QVERIFY(!writeExport(m_snapshot, format, buffer, [&calls](int written) {
        calls << written;
        return written < 3;
    }, &error));
    QCOMPARE(calls, QList<int>({1, 2, 3}));
    QCOMPARE(error, QStringLiteral("cancelled"));
}

QTEST_GUILESS_MAIN(TestExportWriters)
#include "tst_exportwriters.moc"
