// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QtGlobal>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

// What went wrong in a run, found for the reader (issue 23): loops of repeated tool calls,
// failures (the first one and those that repeat), the commands run and the files touched. Pure
// and windowless: one pass over the entries' raw JSON with simdjson, then linear work; no
// QObject, no global state, so it runs on a worker and can be cancelled.
//
// Entries are numbered from 1, oldest first. An entry that is not a JSON object (or not valid
// JSON as far as simdjson's On-Demand reader goes through it) is skipped: it is counted in
// `entries` (the number of entries of the run), but it is no tool call, no failure, no command
// and names no file. Where a member appears twice in an object, its first occurrence counts.
//
// FAILURE SIGNS. An entry is a failure when it has any of these signs (the README quotes this):
//   1. `message_type` is a string equal to "ERROR" in any casing ("error", "Error"); a word that
//      merely contains it ("NOERROR", "ERRORS") is not a sign, nor is a message_type that is
//      not a string.
//   2. `tool_output` or `observation` is a JSON object with a top-level member `exit_code`,
//      `exitCode`, `returncode` or `return_code` whose value is a number other than 0 (0.0 and
//      -0 are 0; a string "1" is no number; a number beyond a double's range is ignored).
//   3. `observation`, or a `tool_output` that is a string, contains "exit code N" or
//      "exit status N" in any casing, where the words are separated by spaces or tabs, an
//      optional ':' may follow "code"/"status" ("Exit code: 2"), and N is an optionally
//      negative run of digits whose value is not 0 ("exit code 0", "exit code 00" are no sign).
//   4. `observation`, or a `tool_output` that is a string, begins with
//      "Traceback (most recent call last)" (exactly, at its first character).
//   5. (added, as real runs show it) `tool_output` or `observation` is a JSON object with a
//      top-level `"is_error": true` (the tool-result form of Anthropic's API).
//
// A failure's TEXT is the first of these that has a line with something other than white space
// on it: its string `observation`; the `stderr`, `error`, `message` string members of its
// `tool_output` object, then of its `observation` object; its string `thought`. Its SIGNATURE is
// the first such line with every run of 8 or more hexadecimal characters that contains a letter
// (a-f, A-F) replaced by "H" and every other run of digits by "N" (so "0x7ffd3a2b10" is "NxH",
// "12345678" is "N"), runs of white space by one space, trimmed, then cut to at most 200
// characters (code points). A failure without such a text has the signature "".
struct InsightsLoop
{
    int period = 0;        // 1..4 tool calls in the pattern
    int repeats = 0;       // whole repetitions, 3 or more
    int firstEntry = 0;
    int lastEntry = 0;
    QStringList tools;     // the pattern's tool names, in order
    QVector<int> entries;  // the stretch's tool calls (its whole repetitions), in order
};

struct InsightsRepeatedFailure
{
    QString signature;
    int count = 0;
    QVector<int> entries;
};

struct InsightsFirstFailure
{
    int entry = 0;
    QString messageType;   // null when the entry's message_type is not a string
    QString toolName;      // null when the entry is no tool call
    QString signature;
    // The line the signature is made from, as written (failureLineOf): what a person reads in the
    // header and the panel. Not in the report, whose contract is the signature.
    QString line;
};

struct InsightsCommand
{
    int entry = 0;
    QString tool;
    QString command;
    std::optional<double> exitCode; // read as for failures; none when no number is given
    bool failed = false;            // the entry is a failure
};
// A run may have a command per entry: the list grows by moving its memory, not each command.
Q_DECLARE_TYPEINFO(InsightsCommand, Q_RELOCATABLE_TYPE);

struct InsightsFile
{
    QString path;
    int reads = 0;
    int writes = 0;
    QVector<int> entries;  // every tool call naming the file, in order (each once)
};

struct Insights
{
    int entries = 0;
    QList<InsightsLoop> loops;                        // in the order they start
    QList<InsightsRepeatedFailure> repeatedFailures;  // most failures first, then by first entry
    std::optional<InsightsFirstFailure> firstFailure;
    QVector<int> failures;  // every failure, in entry order (the timeline's marks; not in the JSON)
    QList<InsightsCommand> commands;                  // in entry order
    QList<InsightsFile> files;                        // by first entry
    bool cancelled = false;  // computation stopped early: the findings are incomplete
};

// Feeds the entries one by one, oldest first, then finish(). Holds 12 bytes per tool call (its
// call key, hashed, and its number) for the loops, plus the findings; the failures are grouped by
// a 64-bit hash of their signature, whose text is kept once a second failure shares it.
class InsightsCollector
{
public:
    InsightsCollector();
    ~InsightsCollector();
    InsightsCollector(const InsightsCollector &) = delete;
    InsightsCollector &operator=(const InsightsCollector &) = delete;

    // The next entry's raw JSON (entry number = number of entries added so far + 1).
    void add(QByteArrayView rawJson);
    int entriesAdded() const;

    // The findings. `entryAt` gives back an entry's raw JSON by its 0-based index: the loops'
    // tool names are read again from their entries rather than kept for every call.
    Insights finish(const std::function<QByteArrayView(int index)> &entryAt);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

namespace InsightsFinder {

// Every entry of the run, oldest first. `cancel`, when given and set (from any thread), stops the
// work soon: the result then has cancelled = true and no findings.
Insights compute(int entryCount, const std::function<QByteArrayView(int index)> &entryAt,
                 const std::atomic<bool> *cancel = nullptr);
Insights compute(const QList<QByteArray> &entries, const std::atomic<bool> *cancel = nullptr);

// The largest pattern a loop may have, and the fewest whole repetitions that make one.
inline constexpr int kMaxLoopPeriod = 4;
inline constexpr int kMinLoopRepeats = 3;
inline constexpr int kMaxSignatureChars = 200;

// One loop found among the tool calls' keys (indices into `keys`, not entry numbers).
struct KeyLoop
{
    int start = 0;
    int period = 0;
    int repeats = 0;
};

// The loops of a sequence of call keys, in the order they start, none overlapping. See the
// comment in insights.cpp (findLoops) for how overlapping candidates are resolved.
QList<KeyLoop> findLoops(const QVector<quint64> &keys);

// A failure text's signature (see above).
QString signatureOf(QStringView text);

// The line a failure's signature is made from as it is written, for people to read (the header's
// "First failure at #12 · bash · exit code 2"): white space collapsed, cut as the signature is,
// digits and hexadecimal runs left as they are.
QString failureLineOf(QStringView text);

// A regular expression (PCRE2, as SearchQuery's) that finds, in any run, the failure texts whose
// signature is that of `text`: the first non-blank line's digit runs match any digits, its
// hexadecimal runs of 8 or more with a letter any such run, its white space any white space; the
// rest literally. Covers what the signature covers (at most kMaxSignatureChars). Empty when the
// text has no signature.
QString signatureSearchPattern(QStringView text);

// The text a failure's signature is made from (see above), read from the entry's raw JSON:
// null when the entry is not a JSON object or has none.
QString failureTextOf(QByteArrayView rawJson);

// Whether `text` contains "exit code N"/"exit status N" (sign 3); `exitCode` gets the first
// such N that is not 0, else the first 0, when there is one.
bool hasFailingExitText(QByteArrayView utf8, std::optional<double> *exitCode = nullptr);

} // namespace InsightsFinder
