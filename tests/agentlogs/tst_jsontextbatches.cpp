// SPDX-License-Identifier: MIT
// The logs read as one JSON text (SWE-agent trajectories, OpenHands event streams, Inspect eval
// logs) hand their entries over in batches once the text is parsed and read, while they are
// written (SettledEntries, issue 28): the batches, followed by the conversion's remaining
// entries, are exactly the entries of the whole conversion, and the run's facts (warnings,
// metadata, title, hasTimes) are the same, over the hand-written samples, the fuzz corpora and
// regressions, random logs full of what is read after an entry (observations before, after and
// without their action, a cause answered twice, errors, several finishes, steps without times,
// non-ASCII text) and the generated logs, for batches of 1, 2, 7 entries and one larger than any log.
#include "agentlogs/agentlogformats.h"
#include "agentlogs/inspectlog.h"
#include "agentlogs/openhandsevents.h"
#include "agentlogs/parallelentries.h"
#include "agentlogs/sweagenttrajectory.h"
#include "batchedconversion.h"
#include "generatedlogs.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

#include <functional>
#include <limits>

namespace {

using Batched = BatchedConversion;

// The format of the table named `name`.
const AgentLogFormats::Format *formatNamed(const char *name)
{
    for (const AgentLogFormats::Format &format : AgentLogFormats::formats()) {
        if (qstrcmp(format.name, name) == 0)
            return &format;
    }
    return nullptr;
}

// A log's conversion through its format's table entry (detected as the reader detects it, when
// `format` is null).
Batched formatInBatches(const QByteArray &log, qsizetype batch, const AgentLogFormats::Format *format = nullptr)
{
    if (!format)
        format = AgentLogFormats::detect(log);
    return inBatches([&](const SettledEntries &settled) { return format->convertInBatches(log, {}, settled); }, batch, batch);
}

// Short texts, some of them not ASCII, some with what JSON escapes, some with what a look at the
// raw bytes that splits a list must skip in a string (brackets, braces, commas, an escaped
// backslash before the closing quote).
QByteArray randomText(QRandomGenerator &random)
{
    static const QList<QByteArray> words{"ls", "grün", "日本語", "naïve", "\\\"quoted\\\"", "tab\\there", "emoji \xf0\x9f\x98\x80", "line\\nbreak",
                                         "", "x", "]},{[", "ends in a backslash\\\\", "\\\\\\\"],\\\"", "\\u005d\\u0022"};
    QByteArray out;
    const int count = random.bounded(4);
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            out += ' ';
        out += words.at(random.bounded(words.size()));
    }
    return out;
}

QByteArray quoted(const QByteArray &text)
{
    return '"' + text + '"';
}

// An OpenHands stream of random events: observations answering actions before them, after them
// (not yet read), never, or twice, errors, agent states, several finishes or none, agent messages
// (the last one the answer without a finish), events without ids or times, and items that are
// no events.
QByteArray randomOpenHands(QRandomGenerator &random, int events)
{
    // The first event as OpenHands writes it, so that the stream is detected as one.
    QByteArray out = R"([{"id":0,"timestamp":"2025-03-01T10:00:00","source":"environment","observation":"agent_state_changed","extras":{"agent_state":"loading"}})";
    int id = 0;
    QList<int> actions;
    for (int i = 0; i < events; ++i) {
        out += ',';
        const bool hasId = random.bounded(12) != 0;
        const int eventId = ++id;
        QByteArray head = "{";
        if (hasId)
            head += "\"id\":" + QByteArray::number(eventId) + ',';
        if (random.bounded(8) != 0)
            head += R"("timestamp":"2025-03-01T10:00:)" + QByteArray::number(10 + i % 50) + (random.bounded(2) ? "\"," : "Z\",");
        if (random.bounded(10) == 0)
            head += R"("llm_metrics":{"accumulated_cost":0.)" + QByteArray::number(i + 1) + R"(,"accumulated_token_usage":{"prompt_tokens":)"
                + QByteArray::number(i) + "}},";
        const QByteArray text = randomText(random);
        switch (random.bounded(12)) {
        case 0:
            out += head + R"("source":"user","action":"message","args":{"content":)" + quoted(text) + "}}";
            break;
        case 1:
            out += head + R"("source":"agent","action":"message","message":)" + quoted(text) + R"(,"args":{"content":)"
                + quoted(random.bounded(3) ? text : QByteArray()) + "}}";
            break;
        case 2:
            out += head + R"("source":"agent","action":"think","args":{"thought":)" + quoted(text) + "}}";
            break;
        case 3:
            out += head + R"("source":"agent","action":"finish","args":{"final_thought":)" + quoted(text) + R"(,"thought":"done"}})";
            break;
        case 4:
        case 5:
        case 6: {
            QByteArray args;
            switch (random.bounded(4)) {
            case 0: args = ""; break;
            case 1: args = R"(,"args":"not an object")"; break;
            default: args = R"(,"args":{"command":)" + quoted(text) + R"(,"thought":"why"})";
            }
            out += head + R"("source":")" + (random.bounded(6) ? "agent" : "user") + R"(","action":"run")" + args
                + (random.bounded(4) == 0 ? R"(,"tool_call_metadata":{"function_name":"execute_bash"})" : "") + "}";
            if (hasId)
                actions.append(eventId);
            break;
        }
        case 7:
        case 8:
        case 9: {
            // The cause: an earlier action, one still to come, a message, or none.
            QByteArray cause;
            switch (random.bounded(6)) {
            case 0: cause = ""; break;
            case 1: cause = R"("cause":)" + QByteArray::number(id + 1 + random.bounded(3)) + ','; break;
            case 2: cause = R"("cause":)" + QByteArray::number(1 + random.bounded(id)) + ','; break;
            default:
                cause = actions.isEmpty() ? QByteArray() : R"("cause":)" + QByteArray::number(actions.at(random.bounded(actions.size()))) + ',';
            }
            static const char *const kinds[] = {"run", "run", "error", "null", "read"};
            const char *kind = kinds[random.bounded(5)];
            QByteArray extras;
            switch (random.bounded(5)) {
            case 0: extras = ""; break;
            case 1: extras = R"(,"extras":{"metadata":{"exit_code":)" + QByteArray::number(random.bounded(3)) + "}}"; break;
            case 2: extras = R"(,"extras":{"exit_code":1,"command":)" + quoted(text) + "}"; break;
            case 3: extras = R"(,"extras":{"lists":[[1,["]"]],{"k":"}]"},[],[[[]]]]})"; break;
            default: extras = R"(,"extras":{})";
            }
            out += head + R"("source":"agent",)" + cause + R"("observation":")" + kind + R"(","content":)" + quoted(text) + extras + "}";
            break;
        }
        case 10:
            out += head + R"("source":"environment","observation":"agent_state_changed","extras":{"agent_state":")"
                + (random.bounded(2) ? "error" : "running") + R"(","reason":)" + quoted(text) + "}}";
            break;
        case 11:
            out += random.bounded(2) ? QByteArray("42") : head + R"("source":"agent","note":"neither"})";
            break;
        }
    }
    return out + "]";
}

// A SWE-agent trajectory, or attempts of them: steps with and without actions, observations and
// times, a task among demonstrations, a submission (empty, missing) and a chosen attempt.
QByteArray randomSweAgent(QRandomGenerator &random, int steps)
{
    const auto trajectory = [&random](int count) {
        QByteArray out = "[";
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                out += ',';
            const QByteArray text = randomText(random);
            switch (random.bounded(10)) {
            case 0: out += "\"not a step\""; break;
            case 1: out += R"({"action":7,"observation":"x"})"; break;
            case 2: out += R"({"action":)" + quoted("edit " + text) + "}"; break;
            default:
                out += R"({"action":)" + quoted("ls " + text) + R"(,"observation":)" + (random.bounded(5) ? quoted(text) : QByteArray("null"))
                    + R"(,"thought":)" + quoted(text) + R"(,"response":"r")"
                    + (random.bounded(3) ? R"(,"execution_time":0.)" + QByteArray::number(i % 9 + 1) : QByteArray()) + "}";
            }
        }
        return out + "]";
    };
    const QByteArray history = R"("history":[{"role":"user","content":"demo","is_demo":true},{"role":"system","content":"s"},)"
                               R"({"role":"user","content":[{"type":"text","text":"<pr_description>)"
        + randomText(random) + R"( fix it</pr_description>"}]}])";
    QByteArray info;
    switch (random.bounded(4)) {
    case 0: info = R"("info":{"exit_status":"submitted","submission":"diff --git a b\n+ü"})"; break;
    case 1: info = R"("info":{"submission":""})"; break;
    case 2: info = R"("info":{})"; break;
    default: info = R"("info":{"exit_status":"early_exit","model_stats":{"tokens_sent":12}})";
    }
    if (random.bounded(3) != 0)
        return "{" + history + R"(,"trajectory":)" + trajectory(steps) + "," + info + "}";
    QByteArray attempts = "[";
    const int count = 1 + random.bounded(3);
    for (int a = 0; a < count; ++a) {
        if (a > 0)
            attempts += ',';
        attempts += random.bounded(8) == 0 ? QByteArray(R"({"no":"steps"})")
                                           : R"({"trajectory":)" + trajectory(steps / count + 1) + R"(,"info":{"submission":"a)"
                + QByteArray::number(a) + "\"}}";
    }
    const QByteArray best = random.bounded(2) ? R"("info":{"best_attempt_idx":)" + QByteArray::number(random.bounded(count)) + "}"
                                              : QByteArray(R"("info":{})");
    return "{" + history + R"(,"attempts":)" + attempts + "]," + best + "}";
}

// An Inspect log of one to three samples: model events with and without tool calls (the last
// text the answer), tool events with results, errors, and inner events, subtasks (sidechains,
// unless `subtasks` is false: a sample of events without events of their own is read event by
// event), error events, events without times, state events whose changes hold lists and strings
// with brackets and quotes, items that are no events; or a sample of messages only.
QByteArray randomInspect(QRandomGenerator &random, int events, bool subtasks = true)
{
    const auto eventList = [&random, subtasks](int count, int depth, const auto &self) -> QByteArray {
        QByteArray out = "[";
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                out += ',';
            const QByteArray text = randomText(random);
            const QByteArray time = random.bounded(8) ? R"("timestamp":"2025-05-01T10:00:00+00:00",)" : "";
            switch (random.bounded(depth < 2 && subtasks ? 9 : 7)) {
            case 0:
            case 1:
                out += "{" + time + R"("event":"model","output":{"choices":[{"message":{"role":"assistant","content":)" + quoted(text)
                    + (random.bounded(2) ? R"(,"tool_calls":[{"id":"c","function":"bash"}])" : "") + "}}]}}";
                break;
            case 2:
                out += "{" + time + R"("event":"model","output":{"choices":[{"message":{"role":"assistant","content":[{"type":"reasoning","reasoning":)"
                    + quoted(text) + R"(},{"type":"text","text":)" + quoted(text) + "}]}}]}}";
                break;
            case 3:
            case 4: {
                QByteArray result;
                switch (random.bounded(5)) {
                case 0: result = R"(,"result":{"output":)" + quoted(text) + R"(,"error":"old"})"; break;
                case 1: result = R"(,"result":[{"type":"text","text":)" + quoted(text) + "}]"; break;
                case 2: result = ""; break;
                default: result = R"(,"result":)" + quoted(text);
                }
                QByteArray error;
                switch (random.bounded(5)) {
                case 0: error = R"(,"error":{"type":"timeout","message":"too slow"})"; break;
                case 1: error = R"(,"error":{"type":"parsing"})"; break;
                default: break;
                }
                out += "{" + time + R"("event":"tool","id":"call_)" + QByteArray::number(i) + R"(","function":"bash","arguments":{"cmd":)"
                    + quoted(text) + "}" + result + error + "}";
                break;
            }
            case 5:
                out += "{" + time + R"("event":"error","error":{"message":)" + quoted(text) + "}}";
                break;
            case 6:
                switch (random.bounded(3)) {
                case 0: out += "3"; break;
                case 1: out += "{" + time + R"("event":"state","changes":[]})"; break;
                default:
                    out += "{" + time + R"("event":"state","changes":[{"op":"add","value":[)" + quoted(text) + R"(,[["]",{"k":"{\"}"}]],{}]}]})";
                }
                break;
            default:
                out += "{" + time + R"("event":"subtask","events":)" + self(1 + random.bounded(4), depth + 1, self) + "}";
            }
        }
        return out + "]";
    };
    QByteArray out = R"({"version":2,"status":"success","eval":{"task":"t","run_id":"r","model":"m","created":"2025-05-01"},"samples":[)";
    const int samples = 1 + random.bounded(3);
    for (int s = 0; s < samples; ++s) {
        if (s > 0)
            out += ',';
        out += R"({"id":)" + QByteArray::number(s + 1) + R"(,"epoch":1,"input":)" + quoted("Task " + randomText(random)) + R"(,"target":"t",)";
        if (random.bounded(5) == 0) {
            out += R"("messages":[{"role":"user","content":"go"},{"role":"assistant","content":"x","tool_calls":[{"id":"a","function":"f"},{"id":"b","function":"g"}]},{"role":"tool","tool_call_id":"b","content":"ok"},{"role":"tool","tool_call_id":"z","content":"?"},{"role":"assistant","content":"done"}]})";
        } else {
            out += R"("scores":{"s":{"value":"C"}},"events":)" + eventList(events / samples + 1, 0, eventList) + "}";
        }
    }
    return out + "]}";
}

// `log` spoilt at a random place, as a file cut short or written over: a byte dropped, one put in
// (a quote, a bracket, a comma, a backslash, a raw control character, a byte that is no UTF-8),
// or the rest cut off.
QByteArray spoilt(QByteArray log, QRandomGenerator &random)
{
    static const QList<QByteArray> inserts{"\"", "]", "}", "[", "{", ",", "\\", "\t", "\x01", "\xff", ":", "x"};
    const qsizetype at = random.bounded(log.size());
    switch (random.bounded(3)) {
    case 0: return log.remove(at, 1);
    case 1: return log.insert(at, inserts.at(random.bounded(inserts.size())));
    default: return log.left(at);
    }
}

// An OpenHands stream with an action whose args hold lists nested `depth` deep: the whole text is
// three levels deeper (the stream's list, the event, its args).
QByteArray openHandsNested(int depth)
{
    return R"([{"id":1,"timestamp":"2025-03-01T10:00:00","source":"user","action":"message","args":{"content":"go"}},)"
           R"({"id":2,"timestamp":"2025-03-01T10:00:01","source":"agent","action":"run","args":{"command":"ls","deep":)"
        + QByteArray(depth, '[') + QByteArray(depth, ']') + R"(}},{"id":3,"source":"agent","cause":2,"observation":"run","content":"ok"}])";
}

// A SWE-agent trajectory of one attempt whose second step holds lists nested `depth` deep: the
// whole text is three levels deeper (the file's object, the list of steps, the step).
QByteArray sweAgentNested(int depth)
{
    return R"({"history":[{"role":"user","content":"fix it"}],"trajectory":[{"action":"ls","observation":"a"},{"action":"cat x","deep":)"
        + QByteArray(depth, '[') + QByteArray(depth, ']') + R"(}],"info":{"submission":"diff"}})";
}

QList<QByteArray> filesIn(const QString &path)
{
    QList<QByteArray> out;
    const QDir dir(path);
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            out.append(file.readAll());
    }
    return out;
}

const QList<qsizetype> kBatchSizes{1, 2, 7, qsizetype(1) << 40};

// The samples a log read event by event lists are the whole read's, field for field.
void compareSamples(const QList<InspectSampleInfo> &eventByEvent, const QList<InspectSampleInfo> &whole)
{
    QCOMPARE(eventByEvent.size(), whole.size());
    for (qsizetype i = 0; i < whole.size(); ++i) {
        const InspectSampleInfo &a = eventByEvent.at(i);
        const InspectSampleInfo &b = whole.at(i);
        QCOMPARE(a.index, b.index);
        QCOMPARE(a.id, b.id);
        QCOMPARE(a.epoch, b.epoch);
        QCOMPARE(a.title, b.title);
        QCOMPARE(a.score, b.score);
        QCOMPARE(a.target, b.target);
        QCOMPARE(a.toolEvents, b.toolEvents);
        QCOMPARE(a.failed, b.failed);
    }
}

// An Inspect log of one sample whose events are `events` (the text inside the list), with `extra`
// members in the sample and in the log (each ",…" or empty).
QByteArray inspectWith(const QByteArray &events, const QByteArray &sampleExtra = {}, const QByteArray &logExtra = {})
{
    return R"({"version":2,"status":"success","eval":{"task":"t","run_id":"r"})" + logExtra + R"(,"samples":[{"id":1,"epoch":1,"input":"go")" + sampleExtra
        + R"(,"events":[)" + events + "]}]}";
}

const QByteArray kInspectTool = R"({"event":"tool","timestamp":"2025-05-01T10:00:01+00:00","id":"c","function":"bash","arguments":{"cmd":"ls"},"result":"ok"})";

} // namespace

class TestJsonTextBatches : public QObject
{
    Q_OBJECT

private slots:
    void batchesAreTheWholeConversion_data();
    void batchesAreTheWholeConversion();
    void everySampleInBatches();
    void archiveSamplesEventByEvent();
    void batchesOnOneThreadAndTwo();
    void batchesComeInTheirSizes();
    void openHandsEntriesComeAsTheySettle();
    void inspectEntriesComeAsTheySettle();
    void theTakerStopsTheConversion();
    void cancelStopsTheBatches();
};

void TestJsonTextBatches::batchesAreTheWholeConversion_data()
{
    QTest::addColumn<QByteArray>("log");
    QTest::addColumn<QByteArray>("formatName"); // empty: detected
    const QDir data(QStringLiteral(AGENTLOGS_DATA_DIR));
    for (const QString &name : data.entryList({QStringLiteral("sweagent-*"), QStringLiteral("openhands-*"), QStringLiteral("inspect-*")}, QDir::Files)) {
        QFile file(data.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QTest::addRow("%s", qPrintable(name)) << file.readAll() << QByteArray();
    }
    // The fuzz targets call each converter whatever the detectors say: so does this.
    const QString fuzz = QStringLiteral(FUZZ_DIR);
    int n = 0;
    const QList<std::pair<const char *, const char *>> fuzzed{
        {"sweagenttrajectory", "SWE-agent trajectory"}, {"openhandsevents", "OpenHands event stream"}, {"inspectlog", "Inspect eval log"}};
    for (const auto &[folder, format] : fuzzed) {
        for (const char *kind : {"/corpus/", "/regressions/"}) {
            for (const QByteArray &log : filesIn(fuzz + QLatin1String(kind) + QLatin1String(folder)))
                QTest::addRow("fuzz %s %d", folder, ++n) << log << QByteArray(format);
        }
    }
    QVERIFY(n >= 6);
    for (quint32 seed = 1; seed <= 30; ++seed) {
        QRandomGenerator random(seed);
        const int size = 1 + int(random.bounded(seed <= 24 ? 60 : 1500));
        QTest::addRow("random OpenHands, seed %u, %d events", seed, size) << randomOpenHands(random, size) << QByteArray();
        QTest::addRow("random SWE-agent, seed %u, %d steps", seed, size) << randomSweAgent(random, size) << QByteArray();
        QTest::addRow("random Inspect, seed %u, %d events", seed, size) << randomInspect(random, size) << QByteArray();
        QTest::addRow("random Inspect without subtasks, seed %u, %d events", seed, size) << randomInspect(random, size, false) << QByteArray();
    }
    // Read event by event, what the look at the raw bytes or a part's parse refuses (a spoilt
    // file, text that is no JSON in the middle with its brackets balanced, keys the look does not
    // compare, too deep) is read whole, as before, with the same message naming the format and line.
    for (quint32 seed = 1; seed <= 80; ++seed) {
        QRandomGenerator random(seed + 3000);
        const QByteArray log = randomInspect(random, 1 + int(random.bounded(40)), random.bounded(4) != 0);
        QTest::addRow("spoilt Inspect, seed %u", seed) << spoilt(log, random) << QByteArray("Inspect eval log");
    }
    for (const QByteArray &bad : {QByteArray(R"({"exit_status" "x"})"), QByteArray("tru"), QByteArray(R"({"a":1,})"), QByteArray("01"),
                                  QByteArray(R"(["a" "b"])"), QByteArray(R"({"a":[1,]})")}) {
        QTest::addRow("Inspect, an event %s", bad.constData()) << inspectWith(kInspectTool + ",\n" + bad + ',' + kInspectTool) << QByteArray("Inspect eval log");
        QTest::addRow("Inspect, a sample's member %s", bad.constData())
            << inspectWith(kInspectTool, ",\n\"scores\":" + bad) << QByteArray("Inspect eval log");
        QTest::addRow("Inspect, a log's member %s", bad.constData())
            << inspectWith(kInspectTool, {}, ",\n\"results\":" + bad) << QByteArray("Inspect eval log");
    }
    for (int depth = 1017; depth <= 1024; ++depth) {
        const QByteArray deep = QByteArray(depth, '[') + QByteArray(depth, ']');
        QTest::addRow("Inspect, lists %d deep in an event", depth)
            << inspectWith(kInspectTool + R"(,{"event":"state","changes":)" + deep + "}") << QByteArray("Inspect eval log");
        QTest::addRow("Inspect, lists %d deep in a sample", depth) << inspectWith(kInspectTool, R"(,"store":)" + deep) << QByteArray("Inspect eval log");
    }
    // Keys the look does not compare (escaped, not ASCII), repeated keys (the last one counts),
    // events and samples of other kinds, strings the whole parse reads through Qt.
    const QList<QByteArray> inspectObjects{
        inspectWith(kInspectTool, R"(,"event\u0073":[])"),
        inspectWith(kInspectTool, R"(,"grün":1)"),
        inspectWith(kInspectTool, {}, R"(,"sampl\u0065s":[])"),
        inspectWith(kInspectTool).chopped(3) + R"(,"event\u0073":[{"event":"error","error":{"message":"escaped, last"}}]}]})",
        inspectWith(kInspectTool).chopped(1) + R"(,"sampl\u0065s":[{"id":5,"events":[{"event":"error","error":{"message":"escaped, last"}}]}]})",
        inspectWith(kInspectTool, R"(,"events":[{"event":"error","error":{"message":"first"}}])"),
        inspectWith(kInspectTool).replace(R"("input":"go")", R"("events":[{"event":"error","error":{"message":"before"}}],"input":"go")"),
        inspectWith(kInspectTool, {}, R"(,"samples":[{"id":9,"events":[]}])").replace("\"samples\":[{\"id\":1", "\"samples\":[7,{\"id\":1"),
        inspectWith(kInspectTool, {}, R"(,"eval":{"task":"second","run_id":"r2"},"status":"error")"),
        inspectWith(kInspectTool + ",[1,2],\"no event\",{},null," + kInspectTool),
        inspectWith(kInspectTool, R"(,"started_at":7)").replace(R"("timestamp":"2025-05-01T10:00:01+00:00",)", ""),
        inspectWith(R"({"event":"tool","id":"c","function":"f","result":"lone \ud800"})"),
        inspectWith("{\"event\":\"tool\",\"id\":\"c\",\"function\":\"raw\ttab\"}"),
        inspectWith(kInspectTool + R"(,{"event":"tool","function":"t","events":[{"event":"error","error":{"message":"inner"}}]})"),
        inspectWith(kInspectTool + R"(,{"event":"subtask","events":[]},{"event":"tool","function":"t","events":7})"),
        inspectWith(kInspectTool, R"(,"messages":[{"role":"user","content":"m"}])"),
        " \r\n" + inspectWith(" " + kInspectTool + " ,\n\t" + kInspectTool + " ") + "\n ",
        R"({"version":2,"eval":{},"samples":[{"events":[]}]})",
        R"({"version":2,"eval":{},"samples":[{"events":{}},{"events":[3]}]})",
        R"({"version":2,"eval":[],"samples":[{"events":[3]}]})",
        R"({"version":2,"eval":{},"samples":[]})",
        R"({"version":2,"eval":{},"samples":[{"events":[3]}],"samples":null})",
    };
    for (qsizetype i = 0; i < inspectObjects.size(); ++i)
        QTest::addRow("Inspect object %lld", qint64(i)) << inspectObjects.at(i) << QByteArray("Inspect eval log");
    // Read an event at a time, what simdjson refuses in an event or the look finds no list (a
    // spoilt file) is read whole, as before, with the same message naming the format and line.
    for (quint32 seed = 1; seed <= 60; ++seed) {
        QRandomGenerator random(seed + 1000);
        const QByteArray log = randomOpenHands(random, 1 + int(random.bounded(40)));
        QTest::addRow("spoilt OpenHands, seed %u", seed) << spoilt(log, random) << QByteArray("OpenHands event stream");
    }
    for (int depth = 1017; depth <= 1024; ++depth)
        QTest::addRow("OpenHands, lists %d deep in an event", depth) << openHandsNested(depth) << QByteArray("OpenHands event stream");
    QRandomGenerator seeded(7);
    const QByteArray stream = randomOpenHands(seeded, 0);
    const QByteArray event = R"(,{"id":7,"source":"agent","action":"message","args":{"content":"TEXT"}}])";
    for (const QByteArray &text : {QByteArray("lone \\ud800 surrogate"), QByteArray("raw\ttab"), QByteArray("no UTF-8 \xc3\x28"), QByteArray("nul \\u0000")}) {
        QByteArray log = stream;
        log.chop(1);
        QTest::addRow("OpenHands event with %s", text.constData()) << log + QByteArray(event).replace("TEXT", text) << QByteArray("OpenHands event stream");
    }
    for (quint32 seed = 1; seed <= 60; ++seed) {
        QRandomGenerator random(seed + 2000);
        const QByteArray log = randomSweAgent(random, 1 + int(random.bounded(30)));
        QTest::addRow("spoilt SWE-agent, seed %u", seed) << spoilt(log, random) << QByteArray("SWE-agent trajectory");
    }
    for (int depth = 1017; depth <= 1024; ++depth)
        QTest::addRow("SWE-agent, lists %d deep in a step", depth) << sweAgentNested(depth) << QByteArray("SWE-agent trajectory");
    // Keys the raw look does not compare (escaped, not ASCII), repeated keys (the last one counts),
    // members of other kinds, a history that is no list, a task in a message that is no object.
    const QList<QByteArray> sweAgentObjects{
        R"({"trajectory":[{"action":"a"}],"trajector\u0079":[{"action":"b"}],"info":{"submission":"s"}})",
        R"({"trajectory":[{"action":"a"}],"grÃ¼n":1,"info":{"submission":"s"}})",
        R"({"trajectory":[{"action":"a"}],"info":{"submission":"s"},"trajectory":[{"action":"b"},{"action":"c"}],"info":{"exit_status":"x"}})",
        R"({"history":"none","trajectory":[],"info":[1,2],"environment":{"a":[1,{"b":"]"}]},"n":null,"x":-1.5e3})",
        R"({"history":[7,{"role":"user","content":"t","is_demo":false},{"role":"user","content":"u"}],"history":[{"role":"user","content":[{"type":"text","text":"ISSUE:
real"}]}],"trajectory":[1,{"action":"ls"}]})",
        R"({"trajectory":[{"action":"a","observation":"lone \ud800"}],"info":{}})",
        "{\"trajectory\":[{\"action\":\"raw\ttab\"}],\"info\":{}}",
        R"( {"trajectory" : [ {"action" : "a"} ] , "history" : [ ] }
)",
    };
    for (qsizetype i = 0; i < sweAgentObjects.size(); ++i)
        QTest::addRow("SWE-agent object %lld", qint64(i)) << sweAgentObjects.at(i) << QByteArray("SWE-agent trajectory");
    // Text that is no JSON in the middle, its brackets balanced, so that only a part's own parse
    // finds it: the message names the format and the line, as the whole parse says it.
    for (const QByteArray &bad : {QByteArray(R"({"exit_status" "x"})"), QByteArray("tru"), QByteArray(R"({"a":1,})"), QByteArray("01"),
                                  QByteArray(R"(["a" "b"])"), QByteArray(R"({"a":[1,]})")}) {
        QTest::addRow("SWE-agent, %s in the middle", bad.constData())
            << R"({"history":[{"role":"user","content":"t"}],"info":)" + bad + R"(,"trajectory":[{"action":"ls"}]})" << QByteArray("SWE-agent trajectory");
        QTest::addRow("SWE-agent, a step %s", bad.constData())
            << "{\"trajectory\":[{\"action\":\"ls\"},\n" + bad + R"(,{"action":"cat"}]})" << QByteArray("SWE-agent trajectory");
        QTest::addRow("OpenHands, an event %s", bad.constData())
            << R"([{"id":1,"source":"user","action":"message","args":{"content":"go"}},)" "\n" + bad + R"(,{"id":2,"source":"agent","action":"finish"}])"
            << QByteArray("OpenHands event stream");
    }
    QTest::addRow("OpenHands, white space around") << " \n\t" + randomOpenHands(seeded, 5) + "\r\n " << QByteArray();
    const QList<std::pair<const char *, std::function<QByteArray(int, QRandomGenerator *)>>> generated{
        {"SWE-agent", GeneratedLogs::sweAgent}, {"OpenHands", GeneratedLogs::openHands}, {"Inspect", GeneratedLogs::inspect}};
    for (const auto &[agent, write] : generated) {
        for (quint32 seed = 1; seed <= 3; ++seed) {
            QRandomGenerator random(seed);
            const int calls = 1 + int(random.bounded(3000));
            QTest::addRow("generated %s, seed %u, %d calls", agent, seed, calls) << write(calls, &random) << QByteArray();
        }
    }
}

void TestJsonTextBatches::batchesAreTheWholeConversion()
{
    QFETCH(QByteArray, log);
    QFETCH(QByteArray, formatName);
    const AgentLogFormats::Format *format = formatName.isEmpty() ? AgentLogFormats::detect(log) : formatNamed(formatName.constData());
    QVERIFY(format);
    QVERIFY(format->convertInBatches);
    const AgentLogConversion whole = format->convert(log, {}, 0);
    for (const qsizetype batch : kBatchSizes) {
        const Batched batched = formatInBatches(log, batch, format);
        compareWithWhole(batched, whole);
        if (QTest::currentTestFailed())
            return;
    }
}

// Each sample of a log of several, in batches, is its whole conversion.
void TestJsonTextBatches::everySampleInBatches()
{
    QList<QByteArray> logs;
    const QDir data(QStringLiteral(AGENTLOGS_DATA_DIR));
    for (const QString &name : data.entryList({QStringLiteral("inspect-*")}, QDir::Files)) {
        QFile file(data.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        logs.append(file.readAll());
    }
    for (quint32 seed = 100; seed <= 120; ++seed) {
        QRandomGenerator random(seed);
        logs.append(randomInspect(random, 1 + int(random.bounded(200))));
        logs.append(randomInspect(random, 1 + int(random.bounded(200)), false));
    }
    int samples = 0;
    int eventByEvent = 0;
    for (const QByteArray &log : std::as_const(logs)) {
        const InspectLog inspect(log);
        // Read event by event, as the window reads it: the same list, each sample the same conversion.
        const InspectLog byEvents(log, 0, true);
        compareSamples(byEvents.samples(), inspect.samples());
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(byEvents.error(), inspect.error());
        for (int index = 0; index < inspect.samples().size(); ++index) {
            ++samples;
            eventByEvent += int(byEvents.readsEventByEvent(index));
            QVERIFY(!inspect.readsEventByEvent(index));
            const AgentLogConversion whole = inspect.convert(index);
            compareWithWhole(inBatches([&](const SettledEntries &) { return byEvents.convert(index); }, 1, 1), whole);
            for (const qsizetype batch : kBatchSizes) {
                compareWithWhole(inBatches([&](const SettledEntries &settled) { return inspect.convertInBatches(index, {}, settled); }, batch, batch),
                                   whole);
                compareWithWhole(inBatches([&](const SettledEntries &settled) { return byEvents.convertInBatches(index, {}, settled); }, batch, batch),
                                 whole);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }
    QVERIFY2(samples > 30, qPrintable(QStringLiteral("%1 samples of %2 logs").arg(samples).arg(logs.size())));
    // Most samples without subtasks are read event by event (a messages-only sample is not).
    QVERIFY2(eventByEvent > samples / 3, qPrintable(QStringLiteral("%1 of %2").arg(eventByEvent).arg(samples)));
}

// An .eval archive's sample files are read event by event each where they can be: a sample of
// events without events of their own is; one with a subtask, and one with text that is no JSON in
// an event (its brackets balanced), are parsed whole, the latter failing with the whole parse's
// message; the list and every sample's conversion are the whole read's.
void TestJsonTextBatches::archiveSamplesEventByEvent()
{
    QFile file(QStringLiteral(AGENTLOGS_DATA_DIR "/inspect-flat.eval"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const InspectLog whole(bytes);
    const InspectLog byEvents(bytes, 0, true);
    QCOMPARE(byEvents.error(), QString());
    compareSamples(byEvents.samples(), whole.samples());
    QCOMPARE(whole.samples().size(), 3);
    QCOMPARE(whole.samples().at(0).toolEvents, 12);
    QVERIFY(byEvents.readsEventByEvent(0));
    QVERIFY(!byEvents.readsEventByEvent(1));
    QVERIFY(!byEvents.readsEventByEvent(2));
    for (int index = 0; index < 3; ++index) {
        const AgentLogConversion conversion = whole.convert(index);
        for (const qsizetype batch : kBatchSizes) {
            compareWithWhole(inBatches([&](const SettledEntries &settled) { return byEvents.convertInBatches(index, {}, settled); }, batch, batch),
                             conversion);
            if (QTest::currentTestFailed())
                return;
        }
    }
    // The input, 12 calls (each with the text before it as its thought), the error, the answer.
    QCOMPARE(whole.convert(0).entries.size(), 15);
    QVERIFY2(whole.convert(2).error.startsWith(QLatin1String("Inspect eval log (.eval archive), samples/3_epoch_1.json, line 2: not JSON (")),
             qPrintable(whole.convert(2).error));
}

// A batch is written on two threads when it is large enough: the same bytes as on one.
void TestJsonTextBatches::batchesOnOneThreadAndTwo()
{
    QRandomGenerator random(28);
    const QList<QByteArray> logs{GeneratedLogs::sweAgent(3000, &random), GeneratedLogs::openHands(3000, &random), GeneratedLogs::inspect(3000, &random),
                                 randomOpenHands(random, 2000)};
    for (const QByteArray &log : logs) {
        const AgentLogConversion whole = AgentLogFormats::convert(log);
        for (const qsizetype minimum : {qsizetype(0), std::numeric_limits<qsizetype>::max()}) {
            ParallelEntries::setMinimumEntriesForTesting(minimum);
            const Batched batched = formatInBatches(log, 500);
            ParallelEntries::setMinimumEntriesForTesting(ParallelEntries::kDefaultMinimumEntries);
            compareWithWhole(batched, whole);
            if (QTest::currentTestFailed())
                return;
        }
    }
}

// The first batch as large as asked, then the others; every entry handed over, none left for
// the end; the bytes read grow to the log's size with the last batch.
void TestJsonTextBatches::batchesComeInTheirSizes()
{
    const QByteArray log = GeneratedLogs::sweAgent(1000, nullptr); // the task, 1,000 steps, no submission: 1,001 entries
    const AgentLogFormats::Format *format = AgentLogFormats::detect(log);
    QVERIFY(format);
    QCOMPARE(format->name, formatNamed("SWE-agent trajectory")->name);
    const Batched batched = inBatches([&](const SettledEntries &settled) { return format->convertInBatches(log, {}, settled); }, 100, 300);
    QVERIFY(batched.conversion.ok);
    QCOMPARE(batched.batches, 5); // 100, 300, 300, 300, 1
    QCOMPARE(batched.handedOver.size(), 1001);
    QVERIFY(batched.conversion.entries.isEmpty());
    QVERIFY(batched.handedOver.first().contains(R"("message_type":"USER_MESSAGE")"));
    QVERIFY(batched.handedOver.at(100).contains(R"("id":101,)"));
    QCOMPARE(batched.bytesRead.last(), log.size());
    for (qsizetype i = 1; i < batched.bytesRead.size(); ++i)
        QVERIFY(batched.bytesRead.at(i) > batched.bytesRead.at(i - 1));
    QVERIFY(batched.bytesRead.first() > 0);
    QVERIFY(batched.bytesRead.first() < log.size() / 5);
}

// An OpenHands stream hands its entries over while its events are read, each once no later
// event can change it: an action waits for the last observation naming it, the agent's last
// message for the end when no event finishes, and nothing comes before the first user message
// (the run id's source) is read.
void TestJsonTextBatches::openHandsEntriesComeAsTheySettle()
{
    const auto event = [](int id, const QByteArray &fields) {
        return R"({"id":)" + QByteArray::number(id) + R"(,"timestamp":"2025-03-01T10:00:00",)" + fields + "}";
    };
    const QByteArray think = R"("source":"agent","action":"think","args":{"thought":"hm"})";
    const QByteArray said = R"("source":"agent","action":"message","args":{"content":"done"})";
    const auto run = [](const char *command) { return R"("source":"agent","action":"run","args":{"command":")" + QByteArray(command) + "\"}"; };
    const auto result = [](int cause) { return R"("source":"agent","cause":)" + QByteArray::number(cause) + R"(,"observation":"run","content":"ok")"; };
    const QList<QByteArray> events{
        event(1, R"("source":"user","action":"message","args":{"content":"go"})"), // 0: settled at once
        event(2, run("a")),                                                        // 1: its result comes with event 5
        event(3, run("b")),                                                        // 2: its result with event 3
        event(4, result(3)),
        event(5, think),                                                           // 3
        event(6, result(2)),                                                       // settles 1 to 3
        event(7, said),                                                            // 4: the answer, at the end
        event(8, think),                                                           // 5
    };
    const auto streamOf = [](const QList<QByteArray> &list) { return '[' + list.join(',') + ']'; };
    const AgentLogFormats::Format *openHands = formatNamed("OpenHands event stream");
    const auto convert = [&](const QByteArray &stream) {
        return inBatches([&](const SettledEntries &settled) { return openHands->convertInBatches(stream, {}, settled); }, 1, 1);
    };

    QByteArray stream = streamOf(events);
    Batched batched = convert(stream);
    compareWithWhole(batched, AgentLogFormats::convert(stream));
    QCOMPARE(batched.sizes, (QList<qsizetype>{1, 3, 1, 1})); // the last two at the end
    QVERIFY(batched.handedOver.at(1).contains(R"("tool_output":{"content":"ok")"));
    QVERIFY(batched.handedOver.at(4).contains(R"("message_type":"FINAL_ANSWER")"));
    for (qsizetype i = 1; i < batched.bytesRead.size(); ++i)
        QVERIFY(batched.bytesRead.at(i) >= batched.bytesRead.at(i - 1));
    QCOMPARE(batched.bytesRead.last(), stream.size());

    // With a finish the agent's message is a step like any: it comes as soon as it is read.
    stream = streamOf(events + QList<QByteArray>{event(9, R"("source":"agent","action":"finish","args":{"final_thought":"end"})")});
    batched = convert(stream);
    compareWithWhole(batched, AgentLogFormats::convert(stream));
    QCOMPARE(batched.sizes, (QList<qsizetype>{1, 3, 1, 1, 1}));
    QVERIFY(batched.handedOver.at(4).contains(R"("message_type":"PLAN_EVALUATION")"));

    // The user's first message comes late: the entries before it wait for it.
    QList<QByteArray> late = events.mid(1);
    late.insert(4, events.first());
    stream = streamOf(late);
    batched = convert(stream);
    compareWithWhole(batched, AgentLogFormats::convert(stream));
    QCOMPARE(batched.sizes.first(), 4); // the three before it and its own, once it is read
}

// An Inspect sample's events hand their entries over as they are read (a tool event holds its
// result), all but the main conversation's last assistant text and what follows it, which may
// be the answer until another text comes (a subtask's text is no answer).
void TestJsonTextBatches::inspectEntriesComeAsTheySettle()
{
    const QByteArray text = R"({"event":"model","timestamp":"2025-05-01T10:00:00+00:00","output":{"choices":[{"message":{"role":"assistant","content":"%1"}}]}})";
    const QByteArray tool = R"({"event":"tool","timestamp":"2025-05-01T10:00:01+00:00","id":"c","function":"bash","arguments":{"cmd":"ls"},"result":"ok"})";
    const QByteArray subtask = R"({"event":"subtask","events":[)" + QByteArray(text).replace("%1", "inner") + "]}";
    const QByteArray log = R"({"version":2,"status":"success","eval":{"task":"t","run_id":"r"},"samples":[{"id":1,"epoch":1,"input":"go","events":[)"
        + QByteArray(text).replace("%1", "first") + ',' + tool + ',' + tool + ',' + QByteArray(text).replace("%1", "second") + ',' + subtask + ','
        + tool + "]}]}";
    const AgentLogFormats::Format *inspect = formatNamed("Inspect eval log");
    const Batched batched = inBatches([&](const SettledEntries &settled) { return inspect->convertInBatches(log, {}, settled); }, 1, 1);
    compareWithWhole(batched, AgentLogFormats::convert(log));
    // The input; then, once the second text came, the first text and the two tools; the rest at the end.
    QCOMPARE(batched.sizes, (QList<qsizetype>{1, 3, 1, 1, 1}));
    QVERIFY(batched.handedOver.at(1).contains(R"("message_type":"PLAN_EVALUATION")"));
    QVERIFY(batched.handedOver.at(4).contains(R"("message_type":"FINAL_ANSWER")"));
    QVERIFY(batched.handedOver.at(5).contains(R"("sidechain":true)"));
    for (qsizetype i = 1; i < batched.bytesRead.size(); ++i)
        QVERIFY(batched.bytesRead.at(i) >= batched.bytesRead.at(i - 1));
    QCOMPARE(batched.bytesRead.last(), log.size());
}

void TestJsonTextBatches::theTakerStopsTheConversion()
{
    const QList<QByteArray> logs{GeneratedLogs::sweAgent(1000, nullptr), GeneratedLogs::openHands(1000, nullptr), GeneratedLogs::inspect(1000, nullptr)};
    for (const QByteArray &log : logs) {
        int batches = 0;
        SettledEntries settled;
        settled.firstBatch = 10;
        settled.batch = 10;
        settled.handOver = [&batches](QList<QByteArray> &&, qsizetype) { return ++batches < 3; };
        const AgentLogConversion conversion = AgentLogFormats::detect(log)->convertInBatches(log, {}, settled);
        QCOMPARE(batches, 3);
        QVERIFY(!conversion.ok);
        QVERIFY(conversion.cancelled);
        QVERIFY(conversion.entries.isEmpty());
    }
}

// A cancel between two batches stops the conversion before the next one.
void TestJsonTextBatches::cancelStopsTheBatches()
{
    const QList<QByteArray> logs{GeneratedLogs::sweAgent(5000, nullptr), GeneratedLogs::openHands(5000, nullptr), GeneratedLogs::inspect(5000, nullptr)};
    for (const QByteArray &log : logs) {
        bool cancel = false;
        int batches = 0;
        SettledEntries settled;
        settled.firstBatch = 100;
        settled.batch = 100;
        settled.handOver = [&](QList<QByteArray> &&, qsizetype) {
            cancel = ++batches == 2;
            return true;
        };
        const AgentLogConversion conversion = AgentLogFormats::detect(log)->convertInBatches(log, [&cancel] { return cancel; }, settled);
        QCOMPARE(batches, 2);
        QVERIFY(!conversion.ok);
        QVERIFY(conversion.cancelled);
    }
}

QTEST_GUILESS_MAIN(TestJsonTextBatches)
#include "tst_jsontextbatches.moc"
