// SPDX-License-Identifier: MIT
// A Claude Code transcript's settled entries handed over in batches while it is converted
// (SettledEntries, issue 28): the batches, followed by the conversion's remaining entries, are
// exactly the entries of the whole conversion, and the run's facts are the same, over the
// hand-written samples, the fuzz corpora and regressions, and generated transcripts full of what
// can still change an entry (calls whose results come late or never, results without calls,
// repeated content-block lines and uuids, sidechains, the last assistant text, a session id that
// comes late), for batches of 1, 2, 7 entries and one larger than any log.
#include "agentlogs/agentlogformats.h"
#include "agentlogs/claudecodetranscript.h"
#include "batchedconversion.h"
#include "generatedlogs.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

namespace {

using Batched = BatchedConversion;

Batched convertInBatches(const QByteArray &log, qsizetype batch)
{
    return inBatches([&log](const SettledEntries &settled) { return convertClaudeCodeTranscriptInBatches(log, {}, settled); }, batch, batch);
}

// One line of a generated transcript.
QByteArray lineOf(const QByteArray &fields, const QByteArray &session, int uuid, bool sidechain)
{
    QByteArray line = "{";
    if (!session.isEmpty())
        line += R"("sessionId":")" + session + "\",";
    line += R"("uuid":"u)" + QByteArray::number(uuid) + R"(","timestamp":"2025-06-21T12:00:)" + QByteArray::number(10 + uuid % 50)
        + R"(.000Z",)";
    if (sidechain)
        line += R"("isSidechain":true,)";
    return line + fields + "}\n";
}

// A transcript of random turns: what the mapping merges into earlier entries (results, repeated
// blocks) comes late, twice, or never; some lines are repeated whole, some are not JSON.
QByteArray randomTranscript(QRandomGenerator &random, int turns)
{
    QByteArray out;
    int uuid = 0;
    int message = 0;
    int call = 0;
    QList<QByteArray> openCalls;
    const int sessionFrom = random.bounded(4) == 0 ? int(random.bounded(turns + 1)) : 0; // a late (or no) session id
    QByteArray previousLine;
    for (int turn = 0; turn < turns; ++turn) {
        const QByteArray session = turn >= sessionFrom ? QByteArrayLiteral("random-session") : QByteArray();
        const bool side = random.bounded(6) == 0;
        const QByteArray text = GeneratedLogs::textOf(turn, &random);
        QByteArray line;
        switch (random.bounded(9)) {
        case 0: // user text, sometimes Claude Code's own note
            line = lineOf(QByteArray(random.bounded(5) == 0 ? R"("isMeta":true,)" : "") + R"("type":"user","message":{"role":"user","content":")"
                              + text + "\"}",
                          session, ++uuid, side);
            break;
        case 1: // assistant text or thinking (the last one may be the answer)
        case 2: {
            const QByteArray messageId = "msg_" + QByteArray::number(++message);
            const QByteArray block = random.bounded(3) == 0 ? R"({"type":"thinking","thinking":")" + text + "\"}"
                                                            : R"({"type":"text","text":")" + text + "\"}";
            line = lineOf(R"("type":"assistant","message":{"id":")" + messageId + R"(","role":"assistant","content":[)" + block + "]}", session,
                          ++uuid, side);
            if (random.bounded(3) == 0) { // the same message again, one more block (a line per content block)
                line += lineOf(R"("type":"assistant","message":{"id":")" + messageId + R"(","role":"assistant","content":[)" + block
                                   + R"(,{"type":"text","text":"more )" + text + "\"}]}",
                               session, ++uuid, side);
            }
            break;
        }
        case 3: // a call
        case 4: {
            const QByteArray id = random.bounded(12) == 0 && call > 0 ? "toolu_" + QByteArray::number(random.bounded(call)) // an id again
                                                                      : "toolu_" + QByteArray::number(++call);
            line = lineOf(R"("type":"assistant","message":{"id":"msg_)" + QByteArray::number(++message)
                              + R"(","role":"assistant","content":[{"type":"tool_use","id":")" + id + R"(","name":"Bash","input":{"command":")"
                              + text + "\"}}]}",
                          session, ++uuid, side);
            if (random.bounded(10) != 0)
                openCalls.append(id); // else it never gets its result
            break;
        }
        case 5: // a result, of an open call (not always the oldest), of a call never made, or again
        case 6: {
            QByteArray id;
            if (!openCalls.isEmpty() && random.bounded(8) != 0)
                id = openCalls.takeAt(random.bounded(openCalls.size()));
            else
                id = "toolu_" + QByteArray::number(random.bounded(call + 3));
            const bool error = random.bounded(7) == 0;
            line = lineOf(R"("type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":")" + id + R"(","content":")"
                              + text + "\"" + (error ? ",\"is_error\":true" : "") + "}]}",
                          session, ++uuid, side);
            break;
        }
        case 7: // an API error, a summary, bookkeeping
            if (random.bounded(2) == 0)
                line = lineOf(R"("type":"assistant","isApiErrorMessage":true,"message":{"role":"assistant","content":"API Error: 529"})", session,
                              ++uuid, side);
            else if (random.bounded(2) == 0)
                line = R"({"type":"summary","summary":"A summary )" + text + R"(","leafUuid":"u1"})" "\n";
            else
                line = R"({"type":"file-history-snapshot","messageId":"m"})" "\n";
            break;
        case 8: // a line again (a resumed session), or one that is not JSON
            line = random.bounded(3) == 0 ? QByteArrayLiteral("{not json\n") : previousLine;
            break;
        }
        previousLine = line;
        out += line;
    }
    return out;
}

QList<QByteArray> filesIn(const QString &path, const QStringList &filters = {})
{
    QList<QByteArray> out;
    const QDir dir(path);
    for (const QString &name : dir.entryList(filters, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            out.append(file.readAll());
    }
    return out;
}

} // namespace

class TestSettledEntries : public QObject
{
    Q_OBJECT

private slots:
    void batchesAreTheWholeConversion_data();
    void batchesAreTheWholeConversion();
    void settledEntriesComeBeforeTheEnd();
    void whatCanStillChangeWaits();
    void theTakerStopsTheConversion();
};

void TestSettledEntries::batchesAreTheWholeConversion_data()
{
    QTest::addColumn<QByteArray>("log");
    const QDir data(QStringLiteral(AGENTLOGS_DATA_DIR));
    QTest::addRow("claudecode-session.jsonl") << filesIn(data.path(), {QStringLiteral("claudecode-*")}).value(0);
    const QString fuzz = QStringLiteral(FUZZ_DIR);
    int n = 0;
    for (const QString &folder : {QStringLiteral("/corpus/claudecode"), QStringLiteral("/regressions/claudecode")}) {
        for (const QByteArray &log : filesIn(fuzz + folder, {QStringLiteral("*.jsonl")}))
            QTest::addRow("fuzz %d", ++n) << log;
    }
    QVERIFY(n >= 4);
    for (quint32 seed = 1; seed <= 40; ++seed) {
        QRandomGenerator random(seed);
        const int turns = 1 + int(random.bounded(seed <= 30 ? 60 : 1500));
        QTest::addRow("random, seed %u, %d turns", seed, turns) << randomTranscript(random, turns);
    }
    for (quint32 seed = 1; seed <= 3; ++seed) {
        QRandomGenerator random(seed);
        const int calls = 1 + int(random.bounded(3000));
        QTest::addRow("generated, seed %u, %d calls", seed, calls) << GeneratedLogs::claudeCode(calls, &random);
    }
}

void TestSettledEntries::batchesAreTheWholeConversion()
{
    QFETCH(QByteArray, log);
    const AgentLogConversion whole = convertClaudeCodeTranscript(log);
    for (const qsizetype batch : {qsizetype(1), qsizetype(2), qsizetype(7), qsizetype(1) << 40}) {
        const Batched batched = convertInBatches(log, batch);
        compareWithWhole(batched, whole);
        if (QTest::currentTestFailed())
            return;
        if (batch > (qsizetype(1) << 30))
            QCOMPARE(batched.batches, 0); // never enough: everything at the end, as before
    }
}

// Calls that get their results at once settle as the file is read: the first batches come long
// before the end, each of the size asked for.
void TestSettledEntries::settledEntriesComeBeforeTheEnd()
{
    const QByteArray log = GeneratedLogs::claudeCode(1000, nullptr);
    const Batched batched = convertInBatches(log, 300);
    QVERIFY(batched.conversion.ok);
    // 1,000 calls, each settled by its result: 900 of them in batches of 300, the rest at the end.
    QCOMPARE(batched.batches, 3);
    QCOMPARE(batched.handedOver.size(), 900);
    QCOMPARE(batched.conversion.entries.size(), 100);
    QVERIFY(batched.handedOver.first().startsWith(R"({"agent_run_id":)"));
    QVERIFY(batched.handedOver.first().contains(R"("id":1,)"));
    QVERIFY(batched.handedOver.last().contains(R"("id":900,)"));
}

// An entry a later line may still change is not handed over, nor any after it: a call without
// its result, the last assistant text (the final answer), every entry before the session's id.
void TestSettledEntries::whatCanStillChangeWaits()
{
    const QByteArray session = "random-session";
    const auto call = [&](int uuid, const char *id) {
        return lineOf(R"("type":"assistant","message":{"id":"m)" + QByteArray::number(uuid)
                          + R"(","role":"assistant","content":[{"type":"tool_use","id":")" + id + R"(","name":"Bash","input":{}}]})",
                      session, uuid, false);
    };
    const auto result = [&](int uuid, const char *id) {
        return lineOf(R"("type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":")" + QByteArray(id)
                          + R"(","content":"done"}]})",
                      session, uuid, false);
    };
    const auto text = [&](int uuid, const char *words) {
        return lineOf(R"("type":"assistant","message":{"id":"m)" + QByteArray::number(uuid) + R"(","role":"assistant","content":[{"type":"text","text":")"
                          + words + "\"}]}",
                      session, uuid, false);
    };
    const auto user = [&](int uuid, const char *words) {
        return lineOf(R"("type":"user","message":{"role":"user","content":")" + QByteArray(words) + "\"}", session, uuid, false);
    };

    // The first call's result has not come: nothing after it settles. When it comes, all do.
    QByteArray log = user(1, "go") + call(2, "a") + call(3, "b") + result(4, "b") + user(5, "and?");
    Batched batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver.size(), 1); // the user's text only
    QVERIFY(batched.handedOver.first().contains(R"("message_type":"USER_MESSAGE")"));
    QCOMPARE(batched.conversion.entries.size(), 3);
    QVERIFY(batched.conversion.entries.first().contains(R"("tool_output":null)"));
    batched = convertInBatches(log + result(6, "a"), 1);
    QCOMPARE(batched.handedOver.size(), 4);
    QCOMPARE(batched.batches, 2);
    QVERIFY(batched.handedOver.at(1).contains(R"("tool_output":{"content":"done"})"));
    QVERIFY(batched.conversion.entries.isEmpty());

    // An assistant text stays back while it may be the final answer: a user text after it does
    // not settle it, the next assistant text does (once it is an entry of its own).
    log = user(1, "go") + text(2, "first") + user(3, "more") + text(4, "second") + user(5, "thanks");
    batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver.size(), 3);
    QVERIFY(batched.handedOver.at(1).contains(R"("message_type":"PLAN_EVALUATION")"));
    QCOMPARE(batched.conversion.entries.size(), 2);
    QVERIFY(batched.conversion.entries.at(0).contains(R"("message_type":"FINAL_ANSWER")"));

    // No session id yet: the entries' run id is not known until a line names the session.
    log = QByteArray(R"({"type":"user","uuid":"x1","message":{"role":"user","content":"go"}})" "\n") + user(2, "then");
    batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver.size(), 2);
    QCOMPARE(batched.batches, 1);
    log = QByteArray(R"({"type":"user","uuid":"x1","message":{"role":"user","content":"go"}})" "\n");
    batched = convertInBatches(log, 1);
    QCOMPARE(batched.batches, 0);
    QCOMPARE(batched.conversion.entries.size(), 1);
}

void TestSettledEntries::theTakerStopsTheConversion()
{
    const QByteArray log = GeneratedLogs::claudeCode(1000, nullptr);
    int batches = 0;
    SettledEntries settled;
    settled.firstBatch = 10;
    settled.batch = 10;
    settled.handOver = [&batches](QList<QByteArray> &&, qsizetype) { return ++batches < 3; };
    const AgentLogConversion conversion = convertClaudeCodeTranscriptInBatches(log, {}, settled);
    QCOMPARE(batches, 3);
    QVERIFY(!conversion.ok);
    QVERIFY(conversion.cancelled);
    QVERIFY(conversion.entries.isEmpty());
}

QTEST_GUILESS_MAIN(TestSettledEntries)
#include "tst_settledentries.moc"
