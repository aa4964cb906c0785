// SPDX-License-Identifier: MIT
#include "demo/demoagentlogs.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace DemoAgentLogs {

namespace {

QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QString at(int second)
{
    return QStringLiteral("2025-06-21T12:%1:%2.000Z").arg(second / 60, 2, 10, QLatin1Char('0')).arg(second % 60, 2, 10, QLatin1Char('0'));
}

// A Claude Code transcript line: the fields every line carries, and the message.
QJsonObject claudeLine(const QString &type, const QString &uuid, const QString &parent, int second, const QJsonObject &message)
{
    return QJsonObject{{QStringLiteral("parentUuid"), parent.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(parent)},
                       {QStringLiteral("isSidechain"), false},
                       {QStringLiteral("userType"), QStringLiteral("external")},
                       {QStringLiteral("cwd"), QStringLiteral("/home/demo/shop")},
                       {QStringLiteral("sessionId"), QStringLiteral("demo-session-1")},
                       {QStringLiteral("version"), QStringLiteral("1.0.30")},
                       {QStringLiteral("gitBranch"), QStringLiteral("fix-discounts")},
                       {QStringLiteral("type"), type},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("uuid"), uuid},
                       {QStringLiteral("timestamp"), at(second)}};
}

QJsonObject assistant(const QString &id, const QJsonArray &content)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("type"), QStringLiteral("message")},
                       {QStringLiteral("role"), QStringLiteral("assistant")},
                       {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-20250514")},
                       {QStringLiteral("content"), content},
                       {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), 120}, {QStringLiteral("output_tokens"), 40}}}};
}

QJsonObject toolUse(const QString &id, const QString &name, const QJsonObject &input)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")}, {QStringLiteral("id"), id},
                       {QStringLiteral("name"), name}, {QStringLiteral("input"), input}};
}

QJsonObject toolResult(const QString &id, const QString &content, bool isError = false)
{
    QJsonObject block{{QStringLiteral("type"), QStringLiteral("tool_result")}, {QStringLiteral("tool_use_id"), id},
                      {QStringLiteral("content"), content}};
    if (isError)
        block.insert(QStringLiteral("is_error"), true);
    return QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QJsonArray{block}}};
}

QJsonObject text(const QString &value)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), value}};
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

} // namespace

QByteArray claudeCodeSession()
{
    QByteArray out;
    out += line(QJsonObject{{QStringLiteral("type"), QStringLiteral("summary")},
                            {QStringLiteral("summary"), QStringLiteral("Fix the failing discount test")},
                            {QStringLiteral("leafUuid"), QStringLiteral("a6")}});
    out += line(claudeLine(QStringLiteral("user"), QStringLiteral("u1"), {}, 0,
                           QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                       {QStringLiteral("content"), QStringLiteral("The discount test fails — please fix it.")}}));
    out += line(claudeLine(QStringLiteral("assistant"), QStringLiteral("a1"), QStringLiteral("u1"), 3,
                           assistant(QStringLiteral("msg_1"), {text(QStringLiteral("Let me run the tests first.")),
                                                               toolUse(QStringLiteral("t1"), QStringLiteral("Bash"),
                                                                       {{QStringLiteral("command"), QStringLiteral("pytest -q tests/test_discounts.py")}})})));
    out += line(claudeLine(QStringLiteral("user"), QStringLiteral("r1"), QStringLiteral("a1"), 9,
                           toolResult(QStringLiteral("t1"), QStringLiteral("FAILED tests/test_discounts.py::test_rounding - assert 9.99 == 10.0"), true)));
    out += line(claudeLine(QStringLiteral("assistant"), QStringLiteral("a2"), QStringLiteral("r1"), 12,
                           assistant(QStringLiteral("msg_2"), {toolUse(QStringLiteral("t2"), QStringLiteral("Read"),
                                                                       {{QStringLiteral("file_path"), QStringLiteral("/home/demo/shop/discounts.py")}})})));
    out += line(claudeLine(QStringLiteral("user"), QStringLiteral("r2"), QStringLiteral("a2"), 13,
                           toolResult(QStringLiteral("t2"), QStringLiteral("def apply(price, rate):\n    return int(price * (1 - rate) * 100) / 100\n"))));
    out += line(claudeLine(QStringLiteral("assistant"), QStringLiteral("a3"), QStringLiteral("r2"), 20,
                           assistant(QStringLiteral("msg_3"), {text(QStringLiteral("int() truncates; round() instead.")),
                                                               toolUse(QStringLiteral("t3"), QStringLiteral("Edit"),
                                                                       {{QStringLiteral("file_path"), QStringLiteral("/home/demo/shop/discounts.py")},
                                                                        {QStringLiteral("old_string"), QStringLiteral("int(price * (1 - rate) * 100) / 100")},
                                                                        {QStringLiteral("new_string"), QStringLiteral("round(price * (1 - rate), 2)")}})})));
    out += line(claudeLine(QStringLiteral("user"), QStringLiteral("r3"), QStringLiteral("a3"), 21,
                           toolResult(QStringLiteral("t3"), QStringLiteral("The file has been updated."))));
    out += line(claudeLine(QStringLiteral("assistant"), QStringLiteral("a4"), QStringLiteral("r3"), 24,
                           assistant(QStringLiteral("msg_4"), {toolUse(QStringLiteral("t4"), QStringLiteral("Bash"),
                                                                       {{QStringLiteral("command"), QStringLiteral("pytest -q tests/test_discounts.py")}})})));
    out += line(claudeLine(QStringLiteral("user"), QStringLiteral("r4"), QStringLiteral("a4"), 30,
                           toolResult(QStringLiteral("t4"), QStringLiteral("4 passed in 0.12s"))));
    out += line(claudeLine(QStringLiteral("assistant"), QStringLiteral("a5"), QStringLiteral("r4"), 33,
                           assistant(QStringLiteral("msg_5"), {text(QStringLiteral("Fixed: discounts are rounded, not truncated; the tests pass."))})));
    return out;
}

QByteArray codexRollout()
{
    const auto record = [](int second, const QString &type, const QJsonObject &payload) {
        return line(QJsonObject{{QStringLiteral("timestamp"), at(second)}, {QStringLiteral("type"), type}, {QStringLiteral("payload"), payload}});
    };
    const auto call = [](const QString &id, const QStringList &command) {
        const QJsonObject arguments{{QStringLiteral("command"), QJsonArray::fromStringList(command)}};
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("function_call")}, {QStringLiteral("name"), QStringLiteral("shell")},
                           {QStringLiteral("arguments"), QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact))},
                           {QStringLiteral("call_id"), id}};
    };
    const auto output = [](const QString &id, const QString &text, int exitCode) {
        const QJsonObject result{{QStringLiteral("output"), text}, {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("exit_code"), exitCode}}}};
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("function_call_output")}, {QStringLiteral("call_id"), id},
                           {QStringLiteral("output"), QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact))}};
    };
    QByteArray out;
    out += record(0, QStringLiteral("session_meta"),
                  QJsonObject{{QStringLiteral("id"), QStringLiteral("demo-rollout-1")}, {QStringLiteral("timestamp"), at(0)},
                              {QStringLiteral("cwd"), QStringLiteral("/home/demo/shop")}, {QStringLiteral("cli_version"), QStringLiteral("0.20.0")}});
    out += record(1, QStringLiteral("response_item"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("message")}, {QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("input_text")},
                                                                                 {QStringLiteral("text"), QStringLiteral("Why does the build fail?")}}}}});
    out += record(4, QStringLiteral("response_item"), call(QStringLiteral("c1"), {QStringLiteral("make")}));
    out += record(9, QStringLiteral("response_item"), output(QStringLiteral("c1"), QStringLiteral("error: missing header shop.h"), 2));
    out += record(12, QStringLiteral("response_item"), call(QStringLiteral("c2"), {QStringLiteral("ls"), QStringLiteral("include")}));
    out += record(13, QStringLiteral("response_item"), output(QStringLiteral("c2"), QStringLiteral("store.h"), 0));
    out += record(16, QStringLiteral("response_item"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("message")}, {QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("output_text")},
                                                                                 {QStringLiteral("text"), QStringLiteral("shop.h was renamed store.h; the Makefile still names the old file.")}}}}});
    return out;
}

QByteArray inspectEvalLog()
{
    const auto sample = [](const QJsonValue &id, const QString &input, const QString &target, const QString &score,
                           const QStringList &commands) {
        QJsonArray events{QJsonObject{{QStringLiteral("event"), QStringLiteral("sample_init")},
                                      {QStringLiteral("timestamp"), QStringLiteral("2025-05-01T09:00:00+00:00")}}};
        int second = 1;
        for (const QString &command : commands) {
            events.append(QJsonObject{{QStringLiteral("event"), QStringLiteral("tool")},
                                      {QStringLiteral("timestamp"), QStringLiteral("2025-05-01T09:00:%1+00:00").arg(second, 2, 10, QLatin1Char('0'))},
                                      {QStringLiteral("function"), QStringLiteral("bash")},
                                      {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("cmd"), command}}},
                                      {QStringLiteral("result"), QStringLiteral("ok")}});
            second += 2;
        }
        events.append(QJsonObject{
            {QStringLiteral("event"), QStringLiteral("model")},
            {QStringLiteral("timestamp"), QStringLiteral("2025-05-01T09:00:%1+00:00").arg(second, 2, 10, QLatin1Char('0'))},
            {QStringLiteral("output"), QJsonObject{{QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("message"),
                QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), target}}}}}}}}});
        return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("epoch"), 1}, {QStringLiteral("input"), input},
                           {QStringLiteral("target"), target}, {QStringLiteral("events"), events},
                           {QStringLiteral("scores"), QJsonObject{{QStringLiteral("match"), QJsonObject{{QStringLiteral("value"), score}}}}}};
    };
    const QJsonObject log{
        {QStringLiteral("version"), 2},
        {QStringLiteral("status"), QStringLiteral("success")},
        {QStringLiteral("eval"), QJsonObject{{QStringLiteral("task"), QStringLiteral("demo_ctf")}, {QStringLiteral("model"), QStringLiteral("openai/gpt-4o")},
                                             {QStringLiteral("run_id"), QStringLiteral("demo-run-1")}, {QStringLiteral("created"), QStringLiteral("2025-05-01T09:00:00+00:00")}}},
        {QStringLiteral("samples"), QJsonArray{
            sample(QStringLiteral("flag-1"), QStringLiteral("Find the flag in /srv/a"), QStringLiteral("FLAG{a}"), QStringLiteral("C"),
                   {QStringLiteral("ls /srv/a"), QStringLiteral("cat /srv/a/flag.txt")}),
            sample(QStringLiteral("flag-2"), QStringLiteral("Find the flag in /srv/b"), QStringLiteral("FLAG{b}"), QStringLiteral("I"),
                   {QStringLiteral("ls /srv/b"), QStringLiteral("grep -r FLAG /srv/b"), QStringLiteral("cat /srv/b/.hidden")}),
            sample(3, QStringLiteral("Add 2 and 2"), QStringLiteral("4"), QStringLiteral("C"), {QStringLiteral("python3 -c 'print(2+2)'")}),
        }},
    };
    return QJsonDocument(log).toJson(QJsonDocument::Indented);
}

bool write(const QString &folder, QString *error)
{
    const QDir dir(folder);
    return writeFile(dir.filePath(QLatin1String(kClaudeCode)), claudeCodeSession(), error)
        && writeFile(dir.filePath(QLatin1String(kCodex)), codexRollout(), error)
        && writeFile(dir.filePath(QLatin1String(kInspect)), inspectEvalLog(), error);
}

} // namespace DemoAgentLogs
