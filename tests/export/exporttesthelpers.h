// SPDX-License-Identifier: MIT
#pragma once

// Shared by the export suites: snapshots built from the test runs, and python3 as a second,
// independent reader of what the writers produce.
#include "api/pageparser.h"
#include "demo/logsendpoint.h"
#include "demo/runrecord.h"
#include "export/runsnapshot.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace ExportTest {

// The run as the endpoint describes it in a page, with the entries as the server holds them.
inline RunSnapshot snapshotOf(const RunRecord &run)
{
    RunSnapshot snapshot;
    const PageParseResult page = PageParser::parse(LogsEndpoint::pageBody(run, 0, 1, false));
    snapshot.hasRun = page.ok;
    snapshot.run = page.page.run;
    snapshot.entries = run.entries;
    snapshot.sourceDescription = QStringLiteral("test run %1").arg(run.id);
    return snapshot;
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.flush();
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The entries, one per line, exactly as held: what a python check compares against.
inline QByteArray linesOf(const QList<QByteArray> &entries)
{
    QByteArray out;
    for (const QByteArray &entry : entries)
        out += entry + '\n';
    return out;
}

struct PythonResult
{
    int exitCode = -1;
    QString output;
};

inline bool havePython()
{
    return !QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty();
}

// python3 is a test dependency like Qt Test itself (packaging/install-deps.sh, which the README's
// test command and CI run, installs it). Without it the independent checks cannot run, and a
// check that quietly skips proves nothing while the suite still reports a pass: fail instead.
#define EXPORTTEST_REQUIRE_PYTHON()                                                               \
    do {                                                                                          \
        if (!ExportTest::havePython())                                                            \
            QFAIL("python3 is not installed; it makes the independent checks of exported files " \
                  "(bash packaging/install-deps.sh installs it)");                                \
    } while (false)

// Runs `python3 -c script args...`; the script prints "OK" when satisfied.
inline PythonResult runPython(const QString &script, const QStringList &args)
{
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral("python3"), QStringList{QStringLiteral("-c"), script} + args);
    PythonResult result;
    if (!python.waitForFinished(120000))
        return result;
    result.exitCode = python.exitCode();
    result.output = QString::fromUtf8(python.readAll()).trimmed();
    return result;
}

// python3's json module: the file's "logs" equal the reference entries one by one (values, not
// bytes: big integers are exact ints in python), total_logs is their number, no paging fields.
inline const char *kPythonJsonCheck = R"PY(
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
ref = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8').read().split('\n') if l]
logs = doc['logs']
assert len(logs) == len(ref), (len(logs), len(ref))
for i, (a, b) in enumerate(zip(logs, ref)):
    assert a == b, 'entry %d differs' % i
    assert list(a.keys()) == list(b.keys()), 'entry %d key order' % i
assert doc['total_logs'] == len(ref), doc['total_logs']
for k in ('page', 'size', 'pages'):
    assert k not in doc, k
expect = sys.argv[3:]
for pair in expect:
    k, v = pair.split('=', 1)
    assert json.dumps(doc.get(k), sort_keys=True) == v, (k, doc.get(k), v)
print('OK')
)PY";

// python3's csv module reads every record back and each value equals the entry's, but for the
// ' put before a value a spreadsheet would run as a formula; no cell starts like a formula.
// argv: the csv, the reference entries (.jsonl), and the run's id when the export knew it:
// other_run_id then names each entry's agent_run_id that is not it. (chr(39) is a quote: one
// written out here would lose moc, which reads this header, in the raw string.)
inline const char *kPythonCsvCheck = R"PY(
import csv, json, sys
csv.field_size_limit(sys.maxsize)
ref = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8').read().split('\n') if l]
run_id = int(sys.argv[3]) if len(sys.argv) > 3 else None
raw = open(sys.argv[1], 'rb').read(3)
assert raw == b'\xef\xbb\xbf', raw  # the byte order mark that spreadsheets need
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
header = ['index','created_at','message_type','tool_name','thought','observation','tool_input','tool_output','other_run_id']
assert rows[0] == header, rows[0]
rows = rows[1:]
assert len(rows) == len(ref), (len(rows), len(ref))
formula = ('=', '+', '-', '@', '\t', '\r')
def value(cell):
    return cell[1:] if cell[:1] == chr(39) and cell[1:2] in formula else cell
def text(v):
    if v is None: return ''
    return v if isinstance(v, str) else json.dumps(v)
for i, (row, e) in enumerate(zip(rows, ref)):
    assert len(row) == 9, (i, len(row))
    assert row[0] == str(i + 1), (i, row[0])
    for cell in row:
        assert not cell.startswith(formula), (i, cell[:40])
    row = [value(cell) for cell in row]
    for col in ('created_at', 'message_type', 'tool_name', 'thought'):
        assert row[header.index(col)] == text(e.get(col)), (i, col)
    obs = e.get('observation')
    if isinstance(obs, str):
        assert row[5] == obs, (i, 'observation')
    elif obs is None:
        assert row[5] == '', (i, 'observation')
    else:
        assert json.loads(row[5]) == obs, (i, 'observation')
    for k, col in (('tool_input', 6), ('tool_output', 7)):
        v = e.get(k)
        if v is None:
            assert row[col] == '', (i, k)
        else:
            assert json.loads(row[col]) == v, (i, k)
    other = e.get('agent_run_id')
    assert row[8] == (str(other) if run_id is not None and other != run_id else ''), (i, row[8])
print('OK')
)PY";

} // namespace ExportTest
