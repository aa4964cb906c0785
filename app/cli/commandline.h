// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "run/sampleref.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QProcessEnvironment>
#include <QUrl>

#include <optional>

// One side of --compare, as the user named it: a file, or a run of the API.
struct CompareSource
{
    QString given;             // the argument as written (the report's "source")
    std::optional<RunRef> run; // none: `given` is a file path
    std::optional<SampleRef> sample; // the sample of a log of several (an Inspect eval log)
};

// What the command line asked for (ARCHITECTURE.md section 5), filled by QCommandLineParser and
// the CODEGEN_* environment variables. Parsing never exits the process: the caller decides how to
// show help, the version or an error, so it works with and without a window.
struct CommandLineOptions
{
    enum class Action { Run, ShowHelp, ShowVersion, Error };

    Action action = Action::Run;
    QString errorText;    // for Action::Error: one line naming the problem
    QString helpText;     // for ShowHelp

    bool demo = false;
    std::optional<RunRef> run; // --org/--run (or a run URL)
    QUrl baseUrl;              // default https://api.codegen.com; a link's origin when it names one
    // --base-url, CODEGEN_API_BASE_URL or a link named the server (not the default): Open Run…
    // then asks that one, not the last one used.
    bool baseUrlGiven = false;
    // The entry to select once the run is open (1 = oldest): --entry N, a link's or a web URL's.
    std::optional<qint64> entry;
    // A runlog:// link named another API origin than the configured one (--base-url,
    // CODEGEN_API_BASE_URL or the default): CODEGEN_API_TOKEN belongs to the configured one and
    // must not be sent there; only a token saved for that origin may be.
    bool withholdEnvironmentToken = false;
    QString inputFile;         // positional FILE.json|FILE.jsonl
    // --sample ID [--epoch N]: of a log holding several runs (an Inspect eval log), the sample
    // to read. Without it such a log opens the window's chooser, and a command fails naming them.
    std::optional<SampleRef> sample;
    QString exportPath;        // --export OUT
    QString exportFormat;      // --format, empty: from OUT's extension (with --stats: tsv)
    bool csvByteOrderMark = true; // --csv-bom=no: a .csv export without the UTF-8 byte order mark
    bool stats = false;        // --stats: print the run's statistics, no window
    bool insights = false;     // --insights: print what went wrong (loops, failures, commands, files)
    bool notes = false;        // --notes: print the notes and marks kept for the run (json)
    // --compare LEFT RIGHT: the two runs compared step by step, shown in a Compare window, or
    // with --format tsv|json printed with no window (compareInWindow()). Each side
    // is a file when a file of that name exists; else a run ID ("12345", "#12345") or an
    // http(s) URL is a run of --org, the URL's organization or CODEGEN_ORG_ID; anything else is
    // a file path (that will not open).
    bool compare = false;
    QList<CompareSource> compareSources;
    bool reverse = false;
    int rateLimitCount = 60;
    int rateLimitWindowMs = 60000;
    bool rateLimitGiven = false;
    // Qt's own options (-platform offscreen, -style Fusion, …) with their values, in the order
    // given: they are not Runlog's to parse but the application object's (QApplication).
    QStringList qtArguments;

    // The library of runs.
    bool offline = false;      // --offline: never touch the network, only the library
    bool noStore = false;      // --no-store: keep nothing on disk

    // --list-runs: the organization's runs (listOrgId from --org or CODEGEN_ORG_ID).
    bool listRuns = false;
    qint64 listOrgId = 0;
    QString sourceType;                 // --source-type, upper case; empty: every source
    std::optional<qint64> userId;       // --user-id
    // --search QUERY: matches across the library, or in the run named. Null when not asked.
    QString searchText;
    // For --list-runs and --search, --format is tsv (default) or json.
    bool isListOrSearch() const { return listRuns || !searchText.isNull(); }
    // --search with a run (a file, --demo, --org/--run): that run, not the library.
    bool searchesOneRun() const { return !searchText.isNull() && (demo || run.has_value() || !inputFile.isEmpty()); }
    // --compare without --format opens the comparison's window; with it, the report is printed.
    bool compareInWindow() const { return compare && exportFormat.isEmpty(); }

    // One Runlog per desktop session. --new-instance: this start is a Runlog of its own, whatever
    // runs already.
    bool newInstance = false;
    // Prints or writes and exits: no window, nothing to hand over.
    bool isWindowless() const;
    // A start that opens a link, a file or a run in a window hands it to the Runlog already
    // running. --offline, --no-store and --rate-limit are the whole process's choices, which a
    // window of the running Runlog cannot make: a start with one is a Runlog of its own.
    bool handsOver() const;
    // A start of the main window that takes what later starts hand over.
    bool takesHandOvers() const;
};

namespace CommandLine {
// `arguments` includes the program name first, as QCoreApplication::arguments() does.
CommandLineOptions parse(const QStringList &arguments, const QProcessEnvironment &environment);
// Takes Qt's own options (those QGuiApplication, QApplication and the X11 platform read) out of
// `arguments` and returns them, values included. Runlog's --reverse stays: it means newest first,
// not Qt's right-to-left layout, which Qt's single-dash -reverse still selects.
QStringList takeQtArguments(QStringList &arguments);
}
