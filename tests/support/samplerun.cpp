// SPDX-License-Identifier: MIT
#include "samplerun.h"

#include "json/jsonwriter.h"

#include <QDateTime>

namespace {

QByteArray isoTime(int secondsAfterBase)
{
    const QDateTime base(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
    return base.addSecs(secondsAfterBase).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")).toUtf8();
}

QByteArray entryWith(qint64 runId, const QByteArray &rest)
{
    return "{\"agent_run_id\":" + QByteArray::number(runId) + ',' + rest + '}';
}

} // namespace

QByteArray makeSampleEntry(qint64 runId, int n)
{
    const bool odd = n % 2 == 1;
    return entryWith(runId,
                     "\"created_at\":" + JsonWriter::string(isoTime(n))
                             + ",\"tool_name\":" + (odd ? QByteArray("\"bash\"") : JsonWriter::null())
                             + ",\"message_type\":" + (odd ? QByteArray("\"ACTION\"") : QByteArray("\"PLAN_EVALUATION\""))
                             + ",\"thought\":\"entry " + QByteArray::number(n) + '"'
                             + ",\"observation\":null,\"tool_input\":null,\"tool_output\":null");
}

RunRecord makeRun(qint64 org, qint64 id, int entryCount, const QString &status)
{
    RunRecord run;
    run.id = id;
    run.organizationId = org;
    run.setStatus(status);
    run.setField(QStringLiteral("created_at"), JsonWriter::string(isoTime(0)));
    run.setField(QStringLiteral("web_url"),
                 JsonWriter::string("https://codegen.com/agent/trace/" + QByteArray::number(id)));
    run.setField(QStringLiteral("result"), JsonWriter::null());
    run.setField(QStringLiteral("metadata"), QByteArrayLiteral("{\"sample\":true}"));
    run.entries.reserve(entryCount);
    for (int n = 0; n < entryCount; ++n)
        run.entries.append(makeSampleEntry(id, n));
    return run;
}

RunRecord makeListedRun(qint64 org, qint64 id, int minutesAfter, const QString &sourceType, qint64 userId,
                        bool withPullRequest, const QString &status)
{
    RunRecord run = makeRun(org, id, 3, status);
    run.setField(QStringLiteral("created_at"), JsonWriter::string(isoTime(minutesAfter * 60)));
    run.userId = userId;
    run.listFields.append({QStringLiteral("summary"), JsonWriter::string("summary of run " + QByteArray::number(id))});
    run.listFields.append({QStringLiteral("source_type"),
                           sourceType.isEmpty() ? JsonWriter::null() : JsonWriter::string(sourceType)});
    const QByteArray n = QByteArray::number(id);
    run.listFields.append({QStringLiteral("github_pull_requests"),
                           withPullRequest ? "[{\"id\":" + n + ",\"created_at\":\"2025-01-02T00:00:00Z\",\"title\":\"PR of run " + n
                                   + "\",\"url\":\"https://github.com/acme/repo/pull/" + n + "\",\"head_branch_name\":\"branch-" + n + "\"}]"
                                           : QByteArray("[]")});
    return run;
}

RunRecord makeAwkwardRun(qint64 org, qint64 id, qint64 bigEntryBytes)
{
    RunRecord run;
    run.id = id;
    run.organizationId = org;
    run.setStatus(QStringLiteral("COMPLETE"));
    run.setField(QStringLiteral("created_at"), QByteArrayLiteral("\"2025-06-21 12:06:31.108894\""));
    run.setField(QStringLiteral("web_url"),
                 JsonWriter::string("https://codegen.com/agent/trace/" + QByteArray::number(id)));
    run.setField(QStringLiteral("result"), JsonWriter::string(QByteArray("Done, \"quoted\",\n<b>not bold</b> \xf0\x9f\x8e\x89")));
    run.setField(QStringLiteral("metadata"),
                 QByteArrayLiteral("{\"nested\":{\"list\":[1,\"two\",null,{\"three\":3.0}]},\"big\":9007199254740993,\"empty\":{}}"));
    run.setField(QStringLiteral("x_unknown_run_field"), QByteArrayLiteral("[\"kept\",42]"));

    const QByteArray runId = QByteArray::number(id);
    auto add = [&run, &runId](const QByteArray &rest) {
        run.entries.append("{\"agent_run_id\":" + runId + ',' + rest + '}');
    };

    // 0: characters that break CSV, HTML, Markdown and shell quoting.
    add("\"created_at\":\"2025-06-21T12:06:31Z\",\"tool_name\":\"bash\",\"message_type\":\"ACTION\","
        "\"thought\":" + JsonWriter::string(QByteArray("He said \"hi\", then left;\ttab\r\nCRLF\nbacktick ` and ```fence```, "
                                                     "<script>alert('x')</script> & back\\slash, | pipe |, =cmd() \x01 ctrl"))
        + ",\"observation\":{\"status\":\"success\"},\"tool_input\":{\"command\":"
        + JsonWriter::string(QByteArray("echo \"a,b\" | sed 's/,/\\t/g' > out.csv && cat <<'EOF'\nx\nEOF"))
        + "},\"tool_output\":{\"output\":\"a\\tb\\n\",\"exit_code\":0}");
    // 1: scripts and directions.
    add("\"created_at\":\"2025-06-21T12:06:32.5Z\",\"tool_name\":null,\"message_type\":\"PLAN_EVALUATION\","
        "\"thought\":" + JsonWriter::string(QByteArray("\xf0\x9f\x9a\x80\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 "
                                                     "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb9\xd8\xa7\xd9\x84\xd9\x85 "
                                                     "\xe4\xbd\xa0\xe5\xa5\xbd\xe4\xb8\x96\xe7\x95\x8c e\xcc\x81 \xe2\x80\xa8 line-sep"))
        + ",\"observation\":null,\"tool_input\":null,\"tool_output\":null");
    // 2: integers beyond double precision, as raw JSON numbers.
    add("\"created_at\":\"2025-06-21T12:06:33Z\",\"tool_name\":\"count\",\"message_type\":\"ACTION\","
        "\"thought\":null,\"observation\":null,\"tool_input\":{\"n\":9007199254740993},"
        "\"tool_output\":{\"min\":-9223372036854775808,\"max_u64\":18446744073709551615,\"big\":9007199254740993,\"float\":1.5e300}");
    // 3: nulls everywhere.
    add("\"created_at\":null,\"tool_name\":null,\"message_type\":null,\"thought\":null,"
        "\"observation\":null,\"tool_input\":null,\"tool_output\":null");
    // 4: fields and a type the viewer has never seen.
    add("\"created_at\":\"2025-06-21T12:06:35Z\",\"tool_name\":null,\"message_type\":\"QUANTUM_REFLECTION\","
        "\"thought\":\"unknown type\",\"observation\":null,\"tool_input\":null,\"tool_output\":null,"
        "\"x_future_field\":{\"a\":[1,2,3]},\"x_flag\":true");
    // 5: a string observation and the space-separated timestamp form.
    add("\"created_at\":\"2025-06-21 12:06:36.108894\",\"tool_name\":null,\"message_type\":\"ERROR\","
        "\"thought\":null,\"observation\":\"Tool failed: exit code 137 (OOM)\",\"tool_input\":null,\"tool_output\":null");
    // 6: a multi-megabyte output with real newlines.
    {
        QByteArray big;
        big.reserve(bigEntryBytes + 128);
        for (int line = 1; big.size() < bigEntryBytes; ++line)
            big += "line " + QByteArray::number(line) + ": lorem \"ipsum\", dolor\tsit amet <tag> \xc3\xa9\n";
        QByteArray rest = "\"created_at\":\"2025-06-21T12:06:37Z\",\"tool_name\":\"read_file\",\"message_type\":\"ACTION\","
                          "\"thought\":\"big\",\"observation\":null,\"tool_input\":{\"path\":\"huge.log\"},\"tool_output\":{\"output\":";
        JsonWriter::appendString(rest, big);
        rest += ",\"exit_code\":0}";
        add(rest);
    }
    // 7: almost nothing.
    add("\"created_at\":null,\"message_type\":null");
    // 8: deep nesting and empty containers.
    {
        QByteArray deep;
        for (int i = 0; i < 32; ++i)
            deep += "{\"d\":";
        deep += "[]";
        for (int i = 0; i < 32; ++i)
            deep += '}';
        add("\"created_at\":\"2025-06-21T12:06:39Z\",\"tool_name\":\"deep\",\"message_type\":\"ACTION\","
            "\"thought\":\"\",\"observation\":" + deep + ",\"tool_input\":{},\"tool_output\":{\"list\":[]}");
    }
    // 9: the answer.
    add("\"created_at\":\"2025-06-21T12:06:40Z\",\"tool_name\":null,\"message_type\":\"FINAL_ANSWER\","
        "\"thought\":null,\"observation\":" + JsonWriter::string(QByteArray("# Done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```cpp\nint x = 1;\n```\n"))
        + ",\"tool_input\":null,\"tool_output\":null");
    return run;
}

QString markupText(const QString &name)
{
    return QStringLiteral("<font color=\"#00ff00\" size=\"7\">%1</font><img src=\"no-such-image-%1.png\">"
                          "<table><tr><td>cell</td></tr></table> R&D")
            .arg(name);
}

RunRecord makeMarkupRun(qint64 org, qint64 id)
{
    const auto markup = [](const QByteArray &name) { return JsonWriter::string(markupText(QString::fromLatin1(name))); };
    RunRecord run;
    run.id = id;
    run.organizationId = org;
    run.setField(QStringLiteral("status"), markup("status"));
    run.setField(QStringLiteral("created_at"), markup("created_at"));
    run.setField(QStringLiteral("web_url"),
                 JsonWriter::string(QStringLiteral("https://codegen.com/agent/trace/%1#").arg(id) + markupText(QStringLiteral("web_url"))));
    run.setField(QStringLiteral("result"), markup("result"));
    run.setField(QStringLiteral("metadata"), "{" + markup("metadata key") + ":" + markup("metadata value") + "}");
    run.setField(QStringLiteral("x_unknown_run_field"), markup("unknown run field"));

    run.entries.append("{\"agent_run_id\":" + QByteArray::number(id) + ",\"created_at\":" + markup("entry created_at")
                       + ",\"tool_name\":" + markup("tool 0") + ",\"message_type\":" + markup("type 0")
                       + ",\"thought\":" + markup("thought") + ",\"observation\":" + markup("observation")
                       + ",\"tool_input\":{" + markup("input key") + ":" + markup("input value") + "}"
                       + ",\"tool_output\":{" + markup("output key") + ":" + markup("output value") + "}"
                       + ",\"x_unknown_entry_field\":" + markup("unknown entry field") + "}");
    for (int n = 1; n <= 2; ++n) {
        const QByteArray number = QByteArray::number(n);
        run.entries.append("{\"agent_run_id\":" + QByteArray::number(n == 2 ? id + 1 : id)
                           + ",\"created_at\":" + JsonWriter::string(isoTime(n))
                           + ",\"tool_name\":" + markup("tool " + number) + ",\"message_type\":" + markup("type " + number)
                           + ",\"thought\":null,\"observation\":{\"text\":" + markup("observation " + number) + "}"
                           + ",\"tool_input\":null,\"tool_output\":null}");
    }
    return run;
}
