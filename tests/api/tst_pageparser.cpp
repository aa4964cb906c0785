// SPDX-License-Identifier: MIT
#include "api/pageparser.h"
#include "run/timestamps.h"
#include "json/jsonvalidation.h"
#include "json/parsebudget.h"

#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace {

QByteArray page(const QByteArray &logs, const QByteArray &extraFields = {})
{
    QByteArray body = R"({"id":7,"organization_id":3,)";
    if (!extraFields.isEmpty())
        body += extraFields + ',';
    body += R"("logs":[)" + logs + "]}";
    return body;
}

QByteArray entry(const QByteArray &fields)
{
    return R"({"agent_run_id":7)" + (fields.isEmpty() ? QByteArray() : ',' + fields) + '}';
}

// The one entry of a one-entry page. False, with the reason, when the page does not parse or
// has another number of entries: callers QVERIFY2 it, so a parse failure fails the test instead
// of handing back an empty entry that an "empty" expectation would accept.
bool parseOnlyEntry(const QByteArray &entryJson, LogEntry *entry, QString *why)
{
    const PageParseResult r = PageParser::parse(page(entryJson));
    if (!r.ok) {
        *why = QStringLiteral("parse failed: ") + r.error;
        return false;
    }
    if (r.page.entries.size() != 1) {
        *why = QStringLiteral("%1 entries instead of one").arg(r.page.entries.size());
        return false;
    }
    *entry = r.page.entries.first();
    return true;
}

} // namespace

class TestPageParser : public QObject
{
    Q_OBJECT

private slots:
    void fullPage();
    void summaryLineSaysASubagentsStep();
    void entriesAreSlicesOfTheBodyKeptOnce();
    void allNullRun();
    void absentOptionalFields();
    void entryFields_data();
    void entryFields();
    void summary_data();
    void summary();
    void exactBytes_data();
    void exactBytes();
    void unknownFieldsKept();
    void wrongTypesInOptionalFields_data();
    void wrongTypesInOptionalFields();
    void structuralErrors_data();
    void structuralErrors();
    void invalidJson_data();
    void invalidJson();
    void nestingLimit();
    void hugeString();
    void emptyLogs();
    void largePageIsValidatedByTheScanner();
    void parsesAtOnceStayWithinTheBudget();
};

void TestPageParser::fullPage()
{
    const QByteArray body = R"({
  "id": 123,
  "organization_id": 456,
  "status": "COMPLETE",
  "created_at": "2024-01-15T10:30:15Z",
  "web_url": "https://codegen.com/agent/trace/123",
  "result": "Opened PR #5",
  "metadata": {"k": [1, 2], "s": "v"},
  "logs": [
    {"agent_run_id": 123, "created_at": "2024-01-15T10:30:16.250Z", "tool_name": "ripgrep",
     "message_type": "ACTION", "thought": "Search the code", "observation": {"hits": 2},
     "tool_input": {"query": "foo"}, "tool_output": {"lines": ["a", "b"]}},
    {"agent_run_id": 123, "created_at": "2025-06-21 12:06:31.108894", "tool_name": null,
     "message_type": "FINAL_ANSWER", "thought": null, "observation": "Done.",
     "tool_input": null, "tool_output": null}
  ],
  "total_logs": 2,
  "page": 1,
  "size": 100,
  "pages": 1
})";
    const PageParseResult r = PageParser::parse(body);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.error.isEmpty());
    const RunInfo &run = r.page.run;
    QCOMPARE(run.id, 123);
    QCOMPARE(run.organizationId, 456);
    QCOMPARE(run.status, std::optional<QString>(QStringLiteral("COMPLETE")));
    QCOMPARE(run.createdAt, std::optional<QString>(QStringLiteral("2024-01-15T10:30:15Z")));
    QCOMPARE(run.webUrl, std::optional<QString>(QStringLiteral("https://codegen.com/agent/trace/123")));
    QCOMPARE(run.result, std::optional<QString>(QStringLiteral("Opened PR #5")));
    QCOMPARE(run.metadataJson, QByteArray(R"({"k": [1, 2], "s": "v"})"));
    QCOMPARE(run.totalLogs, std::optional<qint64>(2));
    QCOMPARE(run.page, std::optional<qint64>(1));
    QCOMPARE(run.size, std::optional<qint64>(100));
    QCOMPARE(run.pages, std::optional<qint64>(1));

    QStringList keys;
    for (const auto &field : run.rawFields)
        keys << field.first;
    QCOMPARE(keys.join(u','), u"id,organization_id,status,created_at,web_url,result,metadata,total_logs,page,size,pages"_qs);
    QCOMPARE(run.rawFields.at(2).second, QByteArray(R"("COMPLETE")"));
    QCOMPARE(run.rawFields.at(6).second, QByteArray(R"({"k": [1, 2], "s": "v"})"));
    QCOMPARE(run.rawFields.at(10).second, QByteArray("1"));

    QCOMPARE(r.page.entries.size(), 2);
    const LogEntry &a = r.page.entries.at(0);
    QCOMPARE(a.agentRunId, 123);
    QCOMPARE(a.createdAtText, QStringLiteral("2024-01-15T10:30:16.250Z"));
    QCOMPARE(a.createdAtMsecs, 1705314616250);
    QCOMPARE(a.toolName, QStringLiteral("ripgrep"));
    QCOMPARE(a.messageType, QStringLiteral("ACTION"));
    QCOMPARE(PageParser::summaryOf(a.rawJson), QStringLiteral("Search the code"));
    QVERIFY(body.contains(a.rawJson));
    QVERIFY(a.rawJson.startsWith(R"({"agent_run_id": 123, "created_at")"));
    QVERIFY(a.rawJson.endsWith(R"("tool_output": {"lines": ["a", "b"]}})"));

    const LogEntry &b = r.page.entries.at(1);
    QCOMPARE(b.createdAtMsecs, Timestamps::parseUtcMsecs(u"2025-06-21T12:06:31.108Z"));
    QVERIFY(b.toolName.isNull());
    QCOMPARE(b.messageType, QStringLiteral("FINAL_ANSWER"));
    QCOMPARE(PageParser::summaryOf(b.rawJson), QStringLiteral("Done."));
    QVERIFY(body.contains(b.rawJson));
}

// A page's entries are not copies: each is a slice of the body, which they keep alive together
// (a 100,000-entry run costs its pages once, not its pages and a copy of every entry).
void TestPageParser::summaryLineSaysASubagentsStep()
{
    const auto line = [](const char *json) { return PageParser::summaryLineOf(QByteArray(json)); };
    const PageParser::SummaryLine sidechain = line(R"({"agent_run_id":1,"thought":"Find callers","sidechain":true})");
    QCOMPARE(sidechain.text, QStringLiteral("Find callers"));
    QVERIFY(sidechain.sidechain);
    // Only a top-level true counts: false, a string, or a field of the same name inside a value.
    QVERIFY(!line(R"({"agent_run_id":1,"thought":"a","sidechain":false})").sidechain);
    QVERIFY(!line(R"({"agent_run_id":1,"thought":"a","sidechain":"true"})").sidechain);
    QVERIFY(!line(R"({"agent_run_id":1,"tool_input":{"sidechain":true},"thought":"a"})").sidechain);
    QVERIFY(!line(R"({"agent_run_id":1,"thought":"a","source_records":[{"isSidechain":true}]})").sidechain);
    QVERIFY(!line(R"({"agent_run_id":1,"thought":"a"})").sidechain);
    QVERIFY(!line("not json").sidechain);
    QCOMPARE(PageParser::summaryOf(R"({"agent_run_id":1,"thought":"Find callers","sidechain":true})"),
             QStringLiteral("Find callers"));
}

void TestPageParser::entriesAreSlicesOfTheBodyKeptOnce()
{
    std::weak_ptr<const void> bodyOwner;
    QList<LogEntry> entries;
    {
        QByteArray body = page(R"({"agent_run_id":42,"thought":"one"}, {"agent_run_id":42,"thought":"two"})");
        PageParseResult r = PageParser::parse(body);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.page.entries.size(), 2);
        const char *begin = body.constData();
        const char *end = begin + body.size();
        for (const LogEntry &entry : r.page.entries) {
            QVERIFY(entry.rawOwner);
            QCOMPARE(entry.rawOwner, r.page.entries.first().rawOwner); // one owner for the page
            QVERIFY(entry.rawJson.constData() >= begin && entry.rawJson.constData() + entry.rawJson.size() <= end);
        }
        bodyOwner = r.page.entries.first().rawOwner;
        entries = r.page.entries;
        body.fill('x'); // the caller's body changes (detaches): the entries keep what was parsed
    }
    QVERIFY(!bodyOwner.expired());
    QCOMPARE(entries.at(0).rawJson, QByteArray(R"({"agent_run_id":42,"thought":"one"})"));
    QCOMPARE(entries.at(1).rawJson, QByteArray(R"({"agent_run_id":42,"thought":"two"})"));
    entries.clear();
    QVERIFY(bodyOwner.expired());
}

void TestPageParser::allNullRun()
{
    const QByteArray body = R"({"id":1,"organization_id":2,"status":null,"created_at":null,"web_url":null,)"
                            R"("result":null,"metadata":null,"logs":[{"agent_run_id":1,"created_at":null,)"
                            R"("tool_name":null,"message_type":null,"thought":null,"observation":null,)"
                            R"("tool_input":null,"tool_output":null}],"total_logs":null,"page":null,)"
                            R"("size":null,"pages":null})";
    const PageParseResult r = PageParser::parse(body);
    QVERIFY2(r.ok, qPrintable(r.error));
    const RunInfo &run = r.page.run;
    QVERIFY(!run.status && !run.createdAt && !run.webUrl && !run.result);
    QVERIFY(run.metadataJson.isEmpty());
    QVERIFY(!run.totalLogs && !run.page && !run.size && !run.pages);
    QCOMPARE(run.rawFields.size(), 11);
    for (const auto &field : run.rawFields.mid(2))
        QCOMPARE(field.second, QByteArray("null"));
    const LogEntry &e = r.page.entries.first();
    QVERIFY(e.createdAtText.isNull());
    QVERIFY(!e.hasTime());
    QVERIFY(e.messageType.isNull());
    QVERIFY(e.toolName.isNull());
    QVERIFY(PageParser::summaryOf(e.rawJson).isEmpty());
}

void TestPageParser::absentOptionalFields()
{
    const PageParseResult r = PageParser::parse(R"({"logs":[{"agent_run_id":9}],"organization_id":2,"id":1})");
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!r.page.run.status && !r.page.run.totalLogs);
    QCOMPARE(r.page.run.rawFields.size(), 2);
    QCOMPARE(r.page.entries.first().agentRunId, 9);
    QVERIFY(r.page.entries.first().messageType.isNull());
    QCOMPARE(r.page.entries.first().rawJson, QByteArray(R"({"agent_run_id":9})"));
}

void TestPageParser::entryFields_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QString>("createdAtText");
    QTest::addColumn<qint64>("msecs");
    QTest::addColumn<QString>("messageType");
    QTest::addColumn<QString>("toolName");

    const qint64 t0 = 1705314615000; // 2024-01-15T10:30:15Z
    QTest::addRow("iso z") << QByteArray(R"("created_at":"2024-01-15T10:30:15Z")") << u"2024-01-15T10:30:15Z"_qs << t0
                           << QString() << QString();
    QTest::addRow("space utc") << QByteArray(R"("created_at":"2024-01-15 10:30:15.123456")")
                               << u"2024-01-15 10:30:15.123456"_qs << t0 + 123 << QString() << QString();
    QTest::addRow("offset") << QByteArray(R"("created_at":"2024-01-15T12:30:15+02:00")")
                            << u"2024-01-15T12:30:15+02:00"_qs << t0 << QString() << QString();
    QTest::addRow("garbage time") << QByteArray(R"("created_at":"yesterday")") << u"yesterday"_qs
                                  << LogEntry::kNoTime << QString() << QString();
    QTest::addRow("empty time") << QByteArray(R"("created_at":"")") << u""_qs << LogEntry::kNoTime << QString()
                                << QString();
    QTest::addRow("types") << QByteArray(R"("message_type":"PLAN_EVALUATION","tool_name":"")") << QString()
                           << LogEntry::kNoTime << u"PLAN_EVALUATION"_qs << u""_qs;
    QTest::addRow("unknown type") << QByteArray(R"("message_type":"SOMETHING_NEW")") << QString() << LogEntry::kNoTime
                                  << u"SOMETHING_NEW"_qs << QString();
    QTest::addRow("escaped text") << QByteArray(R"("tool_name":"a\"b\\c\u00e9\ud83d\ude00")") << QString()
                                  << LogEntry::kNoTime << QString() << QString::fromUtf8("a\"b\\c\xC3\xA9\xF0\x9F\x98\x80");
    QTest::addRow("lone surrogate") << QByteArray(R"("tool_name":"x\ud800y")") << QString() << LogEntry::kNoTime
                                    << QString() << QString::fromUtf8("x\xEF\xBF\xBDy");
}

void TestPageParser::entryFields()
{
    QFETCH(QByteArray, fields);
    QFETCH(QString, createdAtText);
    QFETCH(qint64, msecs);
    QFETCH(QString, messageType);
    QFETCH(QString, toolName);
    LogEntry e;
    QString why;
    QVERIFY2(parseOnlyEntry(entry(fields), &e, &why), qPrintable(why));
    QCOMPARE(e.agentRunId, 7);
    QCOMPARE(e.createdAtText, createdAtText);
    QCOMPARE(e.createdAtText.isNull(), createdAtText.isNull());
    QCOMPARE(e.createdAtMsecs, msecs);
    QCOMPARE(e.messageType, messageType);
    QCOMPARE(e.messageType.isNull(), messageType.isNull());
    QCOMPARE(e.toolName, toolName);
    QCOMPARE(e.toolName.isNull(), toolName.isNull());
    QCOMPARE(e.rawJson, entry(fields));
}

void TestPageParser::summary_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QString>("summary");

    const QString ellipsis(QChar(0x2026));
    QTest::addRow("thought") << QByteArray(R"("thought":"Look at it","observation":"obs")") << u"Look at it"_qs;
    QTest::addRow("first non-empty line") << QByteArray(R"("thought":"\n  \n\t first  line\t here \nsecond")")
                                          << u"first line here"_qs;
    QTest::addRow("control chars collapse") << QByteArray(R"("thought":"a\u0000\u001b[0mb")") << u"a [0mb"_qs;
    QTest::addRow("blank thought falls back") << QByteArray(R"("thought":"  \n ","observation":"obs line\nmore")")
                                              << u"obs line"_qs;
    QTest::addRow("null thought") << QByteArray(R"("thought":null,"observation":"x")") << u"x"_qs;
    // Objects read as their key fields, the telling ones (status, error, command…) first.
    QTest::addRow("observation object") << QByteArray(R"("observation":{ "a" : [1, 2],  "b":"x  y" })")
                                        << u"a: [1,2] · b: x y"_qs;
    QTest::addRow("status leads") << QByteArray(R"("observation":{"summary":"3 failed","exit":1,"status":"error"})")
                                  << u"status: error · summary: 3 failed · exit: 1"_qs;
    QTest::addRow("escaped key and value")
            << QByteArray(R"("observation":{"k\u00e9y":"line\nnext","n":null})") << u"kéy: line next · n: null"_qs;
    QTest::addRow("empty object falls back") << QByteArray(R"("observation":{},"tool_input":{"q":1})") << u"q: 1"_qs;
    QTest::addRow("observation null, tool input")
            << QByteArray(R"("observation":null,"tool_input":{"cmd": "ls -la"})") << u"cmd: ls -la"_qs;
    QTest::addRow("empty observation string, tool input")
            << QByteArray(R"("observation":"","tool_input":{"q":1})") << u"q: 1"_qs;
    // An error or a final answer is its observation; the thought before it is only context.
    QTest::addRow("error leads with observation")
            << QByteArray(R"("message_type":"ERROR","thought":"Let me run it","observation":"Tool failed: exit 137")")
            << u"Tool failed: exit 137"_qs;
    QTest::addRow("final answer, type after fields")
            << QByteArray(R"("thought":"Done thinking","observation":"## Fixed\nthe bug","message_type":"FINAL_ANSWER")")
            << u"## Fixed"_qs;
    QTest::addRow("error without observation shows thought")
            << QByteArray(R"("message_type":"ERROR","thought":"it broke","observation":null)") << u"it broke"_qs;
    QTest::addRow("action keeps thought first")
            << QByteArray(R"("message_type":"ACTION","thought":"Let me run it","observation":"ok")") << u"Let me run it"_qs;
    QTest::addRow("nothing") << QByteArray(R"("tool_output":{"x":1})") << QString();
    QTest::addRow("thought wrong type") << QByteArray(R"("thought":42)") << u"42"_qs;
    QTest::addRow("observation array") << QByteArray(R"("observation":[1, 2])") << u"[1,2]"_qs;

    const QByteArray longText(400, 'x');
    QTest::addRow("cut at 300") << QByteArray(R"("thought":")" + longText + '"')
                                << QString(299, u'x') + ellipsis;
    QTest::addRow("exactly 300") << QByteArray(R"("thought":")" + QByteArray(300, 'y') + '"') << QString(300, u'y');
    // 298 x then an emoji: character 299 and 300 are a surrogate pair that must not be split.
    QTest::addRow("surrogate pair kept whole")
            << QByteArray(R"("thought":")" + QByteArray(298, 'x') + "\xF0\x9F\x98\x80zz\"")
            << QString(298, u'x') + ellipsis;
    QTest::addRow("long object value") << QByteArray(R"("observation":{"k":")" + longText + "\"}")
                                       << (u"k: "_qs + QString(120, u'x') + ellipsis);
    QTest::addRow("long array") << QByteArray(R"("observation":[")" + longText + "\"]")
                                << (u"[\""_qs + QString(297, u'x') + ellipsis);
}

void TestPageParser::summary()
{
    QFETCH(QByteArray, fields);
    QFETCH(QString, summary);
    LogEntry e;
    QString why;
    QVERIFY2(parseOnlyEntry(entry(fields), &e, &why), qPrintable(why));
    QCOMPARE(PageParser::summaryOf(e.rawJson), summary);
    QVERIFY(PageParser::summaryOf(e.rawJson).size() <= 300);
}

void TestPageParser::exactBytes_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addRow("uint64 max") << QByteArray("18446744073709551615");
    QTest::addRow("beyond uint64") << QByteArray("18446744073709551616");
    QTest::addRow("beyond double") << QByteArray("1e400");
    QTest::addRow("negative big") << QByteArray("-92233720368547758090");
    QTest::addRow("decimal form") << QByteArray("1.50E+02");
    QTest::addRow("escapes") << QByteArray(R"("\u0041\n\/\"\\\t")");
    QTest::addRow("unicode") << QByteArray("\"gr\xC3\xBC\xC3\x9F \xE4\xB8\xAD\xE6\x96\x87\"");
    QTest::addRow("emoji") << QByteArray("\"\xF0\x9F\x9A\x80 and \\ud83d\\ude80\"");
    QTest::addRow("empty string") << QByteArray(R"("")");
    QTest::addRow("spaced object") << QByteArray("{ \"a\" :\t1 ,\n \"b\" : [ ] }");
    QTest::addRow("lone surrogate") << QByteArray(R"("\udc00")");
}

void TestPageParser::exactBytes()
{
    QFETCH(QByteArray, value);
    const QByteArray e1 = R"({"agent_run_id":7,"tool_output":{"v":)" + value + R"(},"x_new":)" + value + "}";
    const QByteArray body = page(e1 + ",\n  " + entry({}), R"("x_top":)" + value + R"(, "metadata": {"m": )" + value + "}");
    const PageParseResult r = PageParser::parse(body);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.page.entries.size(), 2);
    QCOMPARE(r.page.entries.first().rawJson, e1);
    QCOMPARE(r.page.entries.at(1).rawJson, entry({}));
    QCOMPARE(r.page.run.rawFields.at(2).first, QStringLiteral("x_top"));
    QCOMPARE(r.page.run.rawFields.at(2).second, value);
    QCOMPARE(r.page.run.metadataJson, QByteArray(R"({"m": )" + value + "}"));
}

void TestPageParser::unknownFieldsKept()
{
    const QByteArray e = R"({"zeta":{"deep":[1,{"q":null}]},"agent_run_id":5,"new_flag":true})";
    const QByteArray body = R"({"first":"f","id":1,"organization_id":2,"logs":[)" + e
                            + R"(],"trailing":[1,"2"],"mid\u0041key":false})";
    const PageParseResult r = PageParser::parse(body);
    QVERIFY2(r.ok, qPrintable(r.error));
    const auto &fields = r.page.run.rawFields;
    QCOMPARE(fields.size(), 5);
    QCOMPARE(fields.at(0), (QPair<QString, QByteArray>(u"first"_qs, R"("f")")));
    QCOMPARE(fields.at(3), (QPair<QString, QByteArray>(u"trailing"_qs, R"([1,"2"])")));
    QCOMPARE(fields.at(4), (QPair<QString, QByteArray>(u"midAkey"_qs, "false")));
    QCOMPARE(r.page.entries.first().rawJson, e);
    QCOMPARE(r.page.entries.first().agentRunId, 5);
}

void TestPageParser::wrongTypesInOptionalFields_data()
{
    QTest::addColumn<QByteArray>("topFields");
    QTest::addColumn<QByteArray>("entryFields");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("toolName");
    QTest::addColumn<QString>("messageType");
    QTest::addColumn<QString>("createdAtText");

    QTest::addRow("numbers") << QByteArray(R"("status":5,"total_logs":"12","page":1.5,"size":true,"pages":[])")
                             << QByteArray(R"("tool_name":5,"message_type":1e400,"created_at":1705314615)")
                             << u"5"_qs << u"5"_qs << u"1e400"_qs << u"1705314615"_qs;
    QTest::addRow("containers") << QByteArray(R"("status":{"a": 1},"total_logs":18446744073709551615)")
                                << QByteArray(R"("tool_name":["a", "b"],"message_type":{},"created_at":false)")
                                << uR"({"a": 1})"_qs << uR"(["a", "b"])"_qs << u"{}"_qs << u"false"_qs;
}

void TestPageParser::wrongTypesInOptionalFields()
{
    QFETCH(QByteArray, topFields);
    QFETCH(QByteArray, entryFields);
    QFETCH(QString, status);
    QFETCH(QString, toolName);
    QFETCH(QString, messageType);
    QFETCH(QString, createdAtText);
    const PageParseResult r = PageParser::parse(page(entry(entryFields), topFields));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.page.run.status, std::optional<QString>(status));
    QVERIFY(!r.page.run.totalLogs);
    QVERIFY(!r.page.run.page);
    QVERIFY(!r.page.run.size);
    QVERIFY(!r.page.run.pages);
    const LogEntry &e = r.page.entries.first();
    QCOMPARE(e.toolName, toolName);
    QCOMPARE(e.messageType, messageType);
    QCOMPARE(e.createdAtText, createdAtText);
    QVERIFY(!e.hasTime());
}

void TestPageParser::structuralErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    QTest::addRow("empty body") << QByteArray() << u"the response body is empty"_qs;
    QTest::addRow("array root") << QByteArray("[1,2]") << u"the response is not a JSON object (it is an array)"_qs;
    QTest::addRow("string root") << QByteArray(R"("hi")") << u"the response is not a JSON object (it is a string)"_qs;
    QTest::addRow("id missing") << QByteArray(R"({"organization_id":1,"logs":[]})") << uR"(field "id" is missing)"_qs;
    QTest::addRow("org missing") << QByteArray(R"({"id":1,"logs":[]})") << uR"(field "organization_id" is missing)"_qs;
    QTest::addRow("logs missing") << QByteArray(R"({"id":1,"organization_id":1})") << uR"(field "logs" is missing)"_qs;
    QTest::addRow("id string") << QByteArray(R"({"id":"1","organization_id":1,"logs":[]})")
                               << uR"(field "id" must be an integer, got "1")"_qs;
    QTest::addRow("id float") << QByteArray(R"({"id":1.0,"organization_id":1,"logs":[]})")
                              << uR"(field "id" must be an integer, got 1.0)"_qs;
    QTest::addRow("id too big") << QByteArray(R"({"id":18446744073709551615,"organization_id":1,"logs":[]})")
                                << uR"(field "id" must be an integer, got 18446744073709551615)"_qs;
    QTest::addRow("org null") << QByteArray(R"({"id":1,"organization_id":null,"logs":[]})")
                              << uR"(field "organization_id" must be an integer, got null)"_qs;
    QTest::addRow("logs object") << QByteArray(R"({"id":1,"organization_id":1,"logs":{}})")
                                 << uR"(field "logs" is not an array (it is an object))"_qs;
    QTest::addRow("logs null") << QByteArray(R"({"id":1,"organization_id":1,"logs":null})")
                               << uR"(field "logs" is not an array (it is null))"_qs;
    QTest::addRow("logs twice") << QByteArray(R"({"id":1,"organization_id":1,"logs":[],"logs":[]})")
                                << uR"(field "logs" appears more than once)"_qs;
    QTest::addRow("entry not object") << page(entry({}) + ",[1]")
                                      << u"log entry 1 is not an object (it is an array)"_qs;
    QByteArray many;
    for (int i = 0; i < 17; ++i)
        many += entry({}) + ',';
    QTest::addRow("run id missing") << page(many + R"({"thought":"x"})")
                                    << uR"(log entry 17: "agent_run_id" is missing)"_qs;
    QTest::addRow("run id null") << page(R"({"agent_run_id":null})")
                                 << uR"(log entry 0: "agent_run_id" must be an integer, got null)"_qs;
    QTest::addRow("run id string") << page(R"({"agent_run_id":"12"})")
                                   << uR"(log entry 0: "agent_run_id" must be an integer, got "12")"_qs;
}

void TestPageParser::structuralErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const PageParseResult r = PageParser::parse(body);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, error);
}

void TestPageParser::invalidJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("where");

    QTest::addRow("unclosed string") << QByteArray("{\"id\":1,\n\"organization_id\":1,\n  \"logs\":[{\"agent_run_id\":1,\"thought\":\"abc")
                                     << u"at byte 68 (line 3, column 39): unclosed string"_qs;
    QTest::addRow("truncated") << QByteArray(R"({"id":1,"logs":[)") << u"at byte 16 (line 1, column 17): unexpected end of text"_qs;
    QTest::addRow("trailing comma") << QByteArray(R"({"id":1,})") << u"at byte 8 (line 1, column 9): unexpected '}', expected a string key"_qs;
    QTest::addRow("garbage after") << QByteArray(R"({"id":1} x)") << u"at byte 9 (line 1, column 10): unexpected 'x', expected the end of the text"_qs;
    QTest::addRow("html") << QByteArray("<html>502 Bad Gateway</html>") << u"at byte 0 (line 1, column 1): unexpected '<'"_qs;
    QTest::addRow("invalid utf8") << QByteArray("{\"id\":\"\xC3\xA9\xFF\"}") << u"at byte 9 (line 1, column 9): invalid UTF-8"_qs;
    QTest::addRow("overlong utf8") << QByteArray("{\"id\":\"\xC0\xAF\"}") << u"at byte 7 (line 1, column 8): invalid UTF-8"_qs;
    QTest::addRow("surrogate utf8") << QByteArray("{\"id\":\"\xED\xA0\x80\"}") << u"at byte 7 (line 1, column 8): invalid UTF-8"_qs;
    QTest::addRow("raw newline in string") << QByteArray("{\"id\":\"a\nb\"}") << u"control character U+000A"_qs;
    QTest::addRow("bad escape") << QByteArray(R"({"id":"\x"})") << u"at byte 7 (line 1, column 8): invalid escape"_qs;
    QTest::addRow("bad number") << QByteArray(R"({"id":01})") << u"at byte 6 (line 1, column 7): invalid number"_qs;
    QTest::addRow("nan") << QByteArray(R"({"id":NaN})") << u"at byte 6 (line 1, column 7): unexpected 'N'"_qs;
    QTest::addRow("single quotes") << QByteArray(R"({'id':1})") << u"at byte 1 (line 1, column 2): unexpected '''"_qs;
    QTest::addRow("whitespace only") << QByteArray(" \n ") << u"no JSON value"_qs;
    QTest::addRow("bad literal") << QByteArray(R"({"id":tru})") << u"invalid literal (expected true)"_qs;
}

void TestPageParser::invalidJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, where);
    const PageParseResult r = PageParser::parse(body);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(u"not valid JSON at byte "), qPrintable(r.error));
    QVERIFY2(r.error.contains(where), qPrintable(r.error));
    QVERIFY2(r.error.contains(u"[simdjson: "), qPrintable(r.error));
}

void TestPageParser::nestingLimit()
{
    // The page is one level, the logs array two, an entry three; tool_output starts the fourth.
    const auto nested = [](int depth) {
        const int inner = depth - 3;
        return page(R"({"agent_run_id":1,"tool_output":)" + QByteArray(inner, '[') + QByteArray(inner, ']') + "}");
    };
    const PageParseResult ok = PageParser::parse(nested(512));
    QVERIFY2(ok.ok, qPrintable(ok.error));
    QCOMPARE(ok.page.entries.size(), 1);

    const QByteArray tooDeep = nested(513);
    const PageParseResult deep = PageParser::parse(tooDeep);
    QVERIFY(!deep.ok);
    const qsizetype firstInner = tooDeep.indexOf("[[");
    const QString where = QStringLiteral("at byte %1 ").arg(firstInner + 509);
    QVERIFY2(deep.error.contains(where), qPrintable(deep.error));
    QVERIFY2(deep.error.contains(u"nesting deeper than 512 levels"), qPrintable(deep.error));

    const PageParseResult veryDeep = PageParser::parse(QByteArray(1'000'000, '['));
    QVERIFY(!veryDeep.ok);
    QVERIFY2(veryDeep.error.contains(u"at byte 512 (line 1, column 513): nesting deeper than 512 levels"),
             qPrintable(veryDeep.error));
}

void TestPageParser::hugeString()
{
    QByteArray big;
    big.reserve(20 * 1024 * 1024 + 100);
    big.append(R"({"agent_run_id":1,"thought":")");
    big.append(20 * 1024 * 1024, 'a');
    big.append(R"(\n", "tool_output": {"ok": true}})");
    const PageParseResult r = PageParser::parse(page(big));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.page.entries.first().rawJson.size(), big.size());
    QVERIFY(r.page.entries.first().rawJson == big);
    QCOMPARE(PageParser::summaryOf(r.page.entries.first().rawJson).size(), 300);
}

void TestPageParser::emptyLogs()
{
    const PageParseResult r = PageParser::parse(R"({"id":1,"organization_id":2,"logs":[],"total_logs":0})");
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.page.entries.isEmpty());
    QCOMPARE(r.page.run.totalLogs, std::optional<qint64>(0));
}

// Above JsonValidation::kMaxDomBytes simdjson's DOM (14 bytes reserved per input byte) is not
// used: the scalar checker decides, with the same verdicts and the same words for errors.
void TestPageParser::largePageIsValidatedByTheScanner()
{
    const qsizetype fill = JsonValidation::kMaxDomBytes + 1000;
    const QByteArray head = page(entry(R"("thought":")" + QByteArray(fill, 'a')));
    // Invalid: an escape simdjson and JSON refuse, far into the body.
    QByteArray invalid = head;
    invalid.insert(invalid.lastIndexOf("aaaa"), "\\x");
    const PageParseResult bad = PageParser::parse(invalid);
    QVERIFY(!bad.ok);
    const qsizetype escapeAt = invalid.indexOf("\\x");
    QVERIFY2(bad.error.startsWith(QStringLiteral("not valid JSON at byte %1 (line 1, column %2): invalid escape")
                                      .arg(escapeAt)
                                      .arg(escapeAt + 1)),
             qPrintable(bad.error));
    QVERIFY2(!bad.error.contains(QStringLiteral("[simdjson")), qPrintable(bad.error)); // the DOM never ran
    // Valid, with what only the scanner accepts: a number beyond double and a lone surrogate.
    const QByteArray valid = page(entry(R"("thought":")" + QByteArray(fill, 'a') + R"(\uD800","x":1e400)"));
    const PageParseResult good = PageParser::parse(valid);
    QVERIFY2(good.ok, qPrintable(good.error));
    QCOMPARE(good.page.entries.size(), 1);
    QVERIFY(good.page.entries.first().rawJson.endsWith("\"x\":1e400}"));
}

// However many pages are parsed at once, the JSON being parsed never exceeds the process's
// parse budget: the others wait their turn, and every one of them is parsed.
void TestPageParser::parsesAtOnceStayWithinTheBudget()
{
    QByteArray logs;
    for (int i = 0; i < 100; ++i)
        logs += (i ? "," : "") + entry(R"("thought":")" + QByteArray(7000, 'a' + i % 26) + '"');
    const QByteArray body = page(logs);
    const qint64 budget = qint64(body.size()) * 3 / 2; // one page fits, two do not
    const qint64 before = ParseBudget::shared().maxBytes();
    ParseBudget::shared().setMaxBytes(budget);
    ParseBudget::shared().resetPeak();
    QThreadPool pool;
    pool.setMaxThreadCount(6);
    QList<QFuture<PageParseResult>> parses;
    for (int i = 0; i < 12; ++i)
        parses << QtConcurrent::run(&pool, &PageParser::parse, body);
    for (QFuture<PageParseResult> &parse : parses) {
        const PageParseResult r = parse.result();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.page.entries.size(), 100);
    }
    const qint64 peak = ParseBudget::shared().peakBytesInUse();
    ParseBudget::shared().setMaxBytes(before);
    QVERIFY2(peak <= budget, qPrintable(QStringLiteral("%1 bytes parsed at once, budget %2").arg(peak).arg(budget)));
    QCOMPARE(peak, qint64(body.size()));
    QCOMPARE(ParseBudget::shared().bytesInUse(), 0);
}

QTEST_GUILESS_MAIN(TestPageParser)
#include "tst_pageparser.moc"
