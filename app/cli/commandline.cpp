// SPDX-License-Identifier: MIT
#include "cli/commandline.h"

#include "settings/ratelimit.h"
#include "run/entrylink.h"
#include "run/runurl.h"
#include "run/terminalsafetext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>


namespace {
const QString kDefaultBaseUrl = QStringLiteral("https://api.codegen.com");

// Error texts quote what the user typed; a newline or a terminal escape in there must not break
// the promise of one plain line on stderr, so control characters are shown as escapes, those of
// a tsv field: the quote stays exact.
QString oneLine(const QString &text)
{
    return TerminalSafeText::forTsv(text);
}

CommandLineOptions fail(const QString &text)
{
    CommandLineOptions options;
    options.action = CommandLineOptions::Action::Error;
    options.errorText = oneLine(text);
    return options;
}

// Qt names the program in the usage line after argv[0] of a QCoreApplication, or writes
// "<executable_name>" when there is none yet (main.cpp parses first). The man page is generated
// from this text, so the line always names the command a user types.
QString helpTextNamingRunlog(const QString &qtHelpText)
{
    const qsizetype usageLineEnd = qtHelpText.indexOf(QLatin1Char('\n'));
    return QCoreApplication::translate("CommandLine", "Usage: %1 [options] [FILE|LINK]").arg(QLatin1String("runlog"))
        + qtHelpText.mid(usageLineEnd);
}

// Qt's options that take the next argument as their value, and those that stand alone (Qt 6.4:
// QGuiApplication, QApplication, the xcb platform). Qt reads them with one dash or two.
const QStringList kQtOptionsWithValue = {
    QStringLiteral("platform"), QStringLiteral("platformpluginpath"), QStringLiteral("platformtheme"),
    QStringLiteral("plugin"), QStringLiteral("qwindowgeometry"), QStringLiteral("qwindowtitle"),
    QStringLiteral("qwindowicon"), QStringLiteral("geometry"), QStringLiteral("title"), QStringLiteral("icon"),
    QStringLiteral("style"), QStringLiteral("stylesheet"), QStringLiteral("session"), QStringLiteral("display"),
    QStringLiteral("name"), QStringLiteral("visual"), QStringLiteral("qmljsdebugger")};
// Qt also reads these as -style=Fusion.
const QStringList kQtOptionsWithEquals = {
    QStringLiteral("style"), QStringLiteral("stylesheet"), QStringLiteral("qmljsdebugger")};
const QStringList kQtFlags = {
    QStringLiteral("widgetcount"), QStringLiteral("testability"), QStringLiteral("sync"),
    QStringLiteral("nograb"), QStringLiteral("dograb")};

std::optional<qint64> positiveId(const QString &text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return value;
}

// The desktop file's %u hands Runlog either a link or a file, and a file may come as a file: URL
// (the Desktop Entry specification allows either form).
QString localPathOf(const QString &argument)
{
    if (!argument.startsWith(QLatin1String("file:"), Qt::CaseInsensitive))
        return argument;
    const QUrl url(argument);
    return url.isLocalFile() ? url.toLocalFile() : argument;
}

// --compare's sides: a file when one of that name exists (a file may be called 12345).
bool isExistingFile(const QString &text)
{
    const QFileInfo info(text);
    return info.exists() && !info.isDir();
}

// A run ID ("12345", "#12345") or an http(s) URL; anything else is a file path.
bool looksLikeRun(const QString &text)
{
    static const QRegularExpression runId(QStringLiteral("^\\s*#?\\d+\\s*$"));
    const QString trimmed = text.trimmed();
    return runId.match(trimmed).hasMatch() || trimmed.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
        || trimmed.startsWith(QLatin1String("http://"), Qt::CaseInsensitive);
}

// The organization of a run named on its own: --org (`orgText`, when given), else the URL's, else
// CODEGEN_ORG_ID; none when none of them gives a positive ID.
std::optional<qint64> organizationFor(const QString &run, const QString &orgText, const QProcessEnvironment &environment)
{
    if (!orgText.isNull())
        return positiveId(orgText);
    if (const std::optional<qint64> fromUrl = RunUrl::orgIdFrom(run))
        return fromUrl;
    if (environment.contains(QStringLiteral("CODEGEN_ORG_ID")))
        return positiveId(environment.value(QStringLiteral("CODEGEN_ORG_ID")));
    return std::nullopt;
}

} // namespace

bool CommandLineOptions::isWindowless() const
{
    return !exportPath.isEmpty() || stats || insights || notes || (compare && !compareInWindow()) || isListOrSearch();
}

bool CommandLineOptions::handsOver() const
{
    return takesHandOvers() && !demo && (run.has_value() || !inputFile.isEmpty());
}

bool CommandLineOptions::takesHandOvers() const
{
    return action == Action::Run && !newInstance && !isWindowless() && !compare && !offline && !noStore && !rateLimitGiven;
}

namespace CommandLine {

QStringList takeQtArguments(QStringList &arguments)
{
    QStringList qt;
    QStringList rest;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--")) { // what follows is files, whatever it looks like
            rest << arguments.mid(i);
            break;
        }
        if (i == 0 || !argument.startsWith(QLatin1Char('-'))) {
            rest << argument;
            continue;
        }
        const bool doubleDash = argument.startsWith(QLatin1String("--"));
        const QString name = argument.mid(doubleDash ? 2 : 1);
        const QString nameBeforeEquals = name.section(QLatin1Char('='), 0, 0);
        if (kQtOptionsWithValue.contains(name)) {
            qt << argument;
            if (i + 1 < arguments.size())
                qt << arguments.at(++i);
        } else if (name.contains(QLatin1Char('=')) && kQtOptionsWithEquals.contains(nameBeforeEquals)) {
            qt << argument;
        } else if (kQtFlags.contains(name) || (!doubleDash && name == QLatin1String("reverse"))) {
            qt << argument;
        } else {
            rest << argument;
        }
    }
    arguments = rest;
    return qt;
}

CommandLineOptions parse(const QStringList &givenArguments, const QProcessEnvironment &environment)
{
    QStringList arguments = givenArguments;
    const QStringList qtArguments = takeQtArguments(arguments);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CommandLine", "Runlog: a fast viewer for Codegen agent run logs.\n"
                       "The API token is read from CODEGEN_API_TOKEN (never from the command line)."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QCoreApplication::translate("CommandLine", "Start the built-in demo backend on 127.0.0.1 and open its sample run."));
    const QCommandLineOption orgOption(QStringLiteral("org"),
        QCoreApplication::translate("CommandLine", "Organization ID (default: $CODEGEN_ORG_ID)."), QStringLiteral("ORG"));
    const QCommandLineOption runOption(QStringLiteral("run"),
        QCoreApplication::translate("CommandLine", "Run ID, or the run's web URL."), QStringLiteral("RUN"));
    const QCommandLineOption entryOption(QStringLiteral("entry"),
        QCoreApplication::translate("CommandLine", "With --run: open the run at this entry (1 = the oldest)."), QStringLiteral("N"));
    const QCommandLineOption baseUrlOption(QStringLiteral("base-url"),
        QCoreApplication::translate("CommandLine", "API base URL (default: $CODEGEN_API_BASE_URL or %1).").arg(kDefaultBaseUrl),
        QStringLiteral("URL"));
    const QCommandLineOption exportOption(QStringLiteral("export"),
        QCoreApplication::translate("CommandLine", "Write the whole run to OUT and exit, without a window."), QStringLiteral("OUT"));
    const QCommandLineOption formatOption(QStringLiteral("format"),
        QCoreApplication::translate("CommandLine", "Export format: json, jsonl, csv, md or html (default: from OUT's extension); "
                                                   "with --stats, --insights, --list-runs or --search: tsv or json (default tsv)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption csvBomOption(QStringLiteral("csv-bom"),
        QCoreApplication::translate("CommandLine", "With --export to .csv: start the file with a UTF-8 byte order mark, "
                                                   "so that spreadsheets read it as UTF-8 (yes, the default) or not (no, "
                                                   "for scripts)."),
        QStringLiteral("yes|no"));
    const QCommandLineOption statsOption(QStringLiteral("stats"),
        QCoreApplication::translate("CommandLine", "Print the run's statistics (counts, time per tool, errors, gaps) and exit, without a window."));
    const QCommandLineOption insightsOption(QStringLiteral("insights"),
        QCoreApplication::translate("CommandLine", "Print what went wrong in the run (loops, repeated failures, the first failure, "
                                                   "commands, files) and exit, without a window."));
    const QCommandLineOption notesOption(QStringLiteral("notes"),
        QCoreApplication::translate("CommandLine", "Print the notes and marks kept for the run (--format json) and exit, without a window."));
    const QCommandLineOption compareOption(QStringLiteral("compare"),
        QCoreApplication::translate("CommandLine", "Compare two runs, given as LEFT RIGHT (each a file, a run ID or a run's URL), "
                                                   "step by step, in a window; with --format tsv or json, print where they part and what "
                                                   "changed and exit, without a window."));
    const QCommandLineOption reverseOption(QStringLiteral("reverse"),
        QCoreApplication::translate("CommandLine", "Show the newest entries first."));
    const QCommandLineOption rateOption(QStringLiteral("rate-limit"),
        QCoreApplication::translate("CommandLine", "Requests allowed per window, as N/SECONDS (default 60/60)."),
        QStringLiteral("N/SECONDS"));
    const QCommandLineOption listRunsOption(QStringLiteral("list-runs"),
        QCoreApplication::translate("CommandLine", "Print every run of the organization, newest first (--format tsv or json), and exit."));
    const QCommandLineOption sourceTypeOption(QStringLiteral("source-type"),
        QCoreApplication::translate("CommandLine", "With --list-runs: only runs started from this source (e.g. GITHUB, SLACK, API)."),
        QStringLiteral("TYPE"));
    const QCommandLineOption userIdOption(QStringLiteral("user-id"),
        QCoreApplication::translate("CommandLine", "With --list-runs: only runs started by this user."), QStringLiteral("USER"));
    const QCommandLineOption searchOption(QStringLiteral("search"),
        QCoreApplication::translate("CommandLine", "Print the entries that match QUERY (--format tsv or json), and exit: of the run a file, --demo or "
                                                   "--org/--run names, else of every run in the library. QUERY is the search bar's language: "
                                                   "words (all must match), \"a phrase\", /regex/ or /regex/i, -word to leave out, a OR b "
                                                   "(AND binds tighter), type:error, tool:bash,grep (prefix, any case), field:observation, "
                                                   "entry:100..200, gap:>30s, time:12:00..13:30, is:failure, is:loop, is:marked, has:note; "
                                                   "across runs also run:42, org:7, status:failed, source:github, after:2025-06-01, "
                                                   "before:2025-07-01. See README.md, \"Searching\"."),
        QStringLiteral("QUERY"));
    const QCommandLineOption offlineOption(QStringLiteral("offline"),
        QCoreApplication::translate("CommandLine", "Never use the network: show and export only what the library holds."));
    const QCommandLineOption noStoreOption(QStringLiteral("no-store"),
        QCoreApplication::translate("CommandLine", "Keep nothing on disk: neither read nor write the library of runs."));
    const QCommandLineOption newInstanceOption(QStringLiteral("new-instance"),
        QCoreApplication::translate("CommandLine", "Start a Runlog of its own, even when one is running: a link, a file or a run "
                                                   "is otherwise opened in a new window of the Runlog already running."));
    const QCommandLineOption sampleOption(QStringLiteral("sample"),
        QCoreApplication::translate("CommandLine", "With a log that holds several runs (an Inspect eval log, a run per sample): "
                                                   "read the sample of this id. Without it the window lets you choose, and a "
                                                   "command without a window names the samples and fails. Once per side of a "
                                                   "comparison, in the sides' order, or once for both."),
        QStringLiteral("ID"));
    const QCommandLineOption epochOption(QStringLiteral("epoch"),
        QCoreApplication::translate("CommandLine", "With --sample: the sample's epoch (default: its first); "
                                                   "once for each --sample."), QStringLiteral("N"));
    parser.addOptions({demoOption, orgOption, runOption, entryOption, baseUrlOption, exportOption, formatOption,
                       csvBomOption, statsOption, insightsOption, notesOption, compareOption, reverseOption, rateOption,
                       listRunsOption, sourceTypeOption, userIdOption, searchOption, offlineOption, noStoreOption,
                       newInstanceOption, sampleOption, epochOption});
    parser.addPositionalArgument(QStringLiteral("file"),
        QCoreApplication::translate("CommandLine", "An exported run (.json or .jsonl) to open without any network, "
                                                   "or a link to a run or an entry (runlog://run?org=7&run=42&entry=1412); "
                                                   "with --compare, the two runs LEFT RIGHT."),
        QStringLiteral("[FILE|LINK]"));

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    CommandLineOptions options;
    options.qtArguments = qtArguments;
    // addHelpOption() also adds --help-all (help with Qt's own options), which is help too,
    // not an empty window.
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all"))) {
        options.action = CommandLineOptions::Action::ShowHelp;
        options.helpText = helpTextNamingRunlog(parser.helpText());
        return options;
    }
    if (parser.isSet(versionOption)) {
        options.action = CommandLineOptions::Action::ShowVersion;
        return options;
    }

    options.demo = parser.isSet(demoOption);
    options.reverse = parser.isSet(reverseOption);
    options.offline = parser.isSet(offlineOption);
    options.noStore = parser.isSet(noStoreOption);
    options.newInstance = parser.isSet(newInstanceOption);
    options.listRuns = parser.isSet(listRunsOption);
    if (parser.isSet(searchOption)) {
        options.searchText = parser.value(searchOption);
        if (options.searchText.isEmpty())
            return fail(QCoreApplication::translate("CommandLine", "--search needs a query."));
    }
    options.exportPath = parser.value(exportOption);
    options.exportFormat = parser.value(formatOption).trimmed().toLower();
    options.stats = parser.isSet(statsOption);
    options.insights = parser.isSet(insightsOption);
    options.notes = parser.isSet(notesOption);
    options.compare = parser.isSet(compareOption);
    if (int(options.stats) + int(options.insights) + int(options.notes) + int(options.compare) + int(parser.isSet(exportOption)) > 1)
        return fail(QCoreApplication::translate("CommandLine", "Give one of --stats, --insights, --notes, --compare or --export."));
    if (parser.isSet(exportOption) && options.exportPath.trimmed().isEmpty())
        return fail(QCoreApplication::translate("CommandLine", "--export needs a file name."));
    if (parser.isSet(csvBomOption)) {
        const QString bom = parser.value(csvBomOption).trimmed().toLower();
        if (bom != QLatin1String("yes") && bom != QLatin1String("no"))
            return fail(QCoreApplication::translate("CommandLine",
                "--csv-bom must be yes or no, not \"%1\".").arg(parser.value(csvBomOption)));
        if (!parser.isSet(exportOption))
            return fail(QCoreApplication::translate("CommandLine", "--csv-bom goes with --export to a .csv file."));
        options.csvByteOrderMark = bom == QLatin1String("yes");
    }

    if (parser.isSet(rateOption)) {
        const std::optional<RateLimit> rateLimit = RateLimit::parse(parser.value(rateOption));
        if (!rateLimit)
            return fail(QCoreApplication::translate("CommandLine",
                "--rate-limit must look like 60/60 (requests per seconds), not \"%1\".").arg(parser.value(rateOption)));
        options.rateLimitCount = rateLimit->count;
        options.rateLimitWindowMs = rateLimit->windowMs;
        options.rateLimitGiven = true;
    }

    const QString baseUrlText = parser.isSet(baseUrlOption)
        ? parser.value(baseUrlOption)
        : environment.value(QStringLiteral("CODEGEN_API_BASE_URL"), kDefaultBaseUrl);
    options.baseUrl = QUrl(baseUrlText.trimmed(), QUrl::StrictMode);
    options.baseUrlGiven = parser.isSet(baseUrlOption) || environment.contains(QStringLiteral("CODEGEN_API_BASE_URL"));
    if (!options.baseUrl.isValid() || options.baseUrl.host().isEmpty()
        || (options.baseUrl.scheme() != QLatin1String("https") && options.baseUrl.scheme() != QLatin1String("http")))
        return fail(QCoreApplication::translate("CommandLine",
            "The base URL \"%1\" is not an http(s) URL.").arg(baseUrlText));

    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(epochOption) && !parser.isSet(sampleOption))
        return fail(QCoreApplication::translate("CommandLine", "--epoch goes with --sample ID."));
    // --sample (and --epoch) once; with --compare once per side, in the sides' order, or once
    // for both (the same sample of two logs). QCommandLineParser keeps the options' order, not
    // where they stand among the files.
    QList<SampleRef> samples;
    const QStringList sampleIds = parser.values(sampleOption);
    const QStringList epochs = parser.values(epochOption);
    if (sampleIds.size() > (options.compare ? 2 : 1))
        return fail(options.compare ? QCoreApplication::translate("CommandLine", "--compare takes --sample once per side, at most twice.")
                                    : QCoreApplication::translate("CommandLine", "--sample names one sample."));
    if (!epochs.isEmpty() && epochs.size() != sampleIds.size())
        return fail(QCoreApplication::translate("CommandLine", "Give --epoch once for each --sample, or not at all."));
    for (qsizetype i = 0; i < sampleIds.size(); ++i) {
        SampleRef sample{sampleIds.at(i), 0};
        if (sample.id.isEmpty())
            return fail(QCoreApplication::translate("CommandLine", "--sample needs a sample's id."));
        if (!epochs.isEmpty()) {
            const std::optional<qint64> epoch = positiveId(epochs.at(i));
            if (!epoch || *epoch > (qint64(1) << 30))
                return fail(QCoreApplication::translate("CommandLine",
                    "--epoch must be a positive number, not \"%1\".").arg(epochs.at(i)));
            sample.epoch = int(*epoch);
        }
        samples.append(sample);
    }
    if (!options.compare && !samples.isEmpty())
        options.sample = samples.constFirst();
    if (options.compare) {
        if (positional.size() != 2)
            return fail(QCoreApplication::translate("CommandLine",
                "--compare needs two runs: LEFT RIGHT, each a file, a run ID or a run's URL."));
        if (parser.isSet(runOption) || parser.isSet(entryOption) || options.demo || options.listRuns
            || !options.searchText.isNull())
            return fail(QCoreApplication::translate("CommandLine",
                "--compare names its two runs itself: it does not go with --run, --entry, --demo, --list-runs or --search."));
        if (!options.exportFormat.isEmpty() && options.exportFormat != QLatin1String("tsv")
            && options.exportFormat != QLatin1String("json"))
            return fail(QCoreApplication::translate("CommandLine",
                "--format must be tsv or json with --compare, not \"%1\".").arg(options.exportFormat));
        for (const QString &side : positional) {
            CompareSource source{side, std::nullopt, std::nullopt};
            if (!isExistingFile(side) && looksLikeRun(side)) {
                const std::optional<qint64> runId = RunUrl::runIdFrom(side);
                if (!runId)
                    return fail(QCoreApplication::translate("CommandLine",
                        "\"%1\" is neither a file nor a run's ID or URL.").arg(side));
                const std::optional<qint64> orgId = organizationFor(side, parser.isSet(orgOption) ? parser.value(orgOption) : QString(), environment);
                if (!orgId)
                    return fail(QCoreApplication::translate("CommandLine",
                        "Which organization is run \"%1\" of? Give --org ORG or set CODEGEN_ORG_ID (a positive ID).").arg(side));
                source.run = RunRef{*orgId, *runId};
            }
            if (samples.size() == 2 && source.run)
                return fail(QCoreApplication::translate("CommandLine",
                    "--sample names a sample of a file; \"%1\" is a run of the API.").arg(side));
            if (!samples.isEmpty() && !source.run) // one --sample: the files' sample on both sides
                source.sample = samples.value(options.compareSources.size(), samples.constFirst());
            options.compareSources.append(source);
        }
        return options;
    }
    if (positional.size() > 1)
        return fail(QCoreApplication::translate("CommandLine", "Only one file can be opened at a time."));
    std::optional<EntryLink> link;
    if (!positional.isEmpty() && EntryLink::looksLikeLink(positional.first())) {
        const ParsedEntryLink parsed = EntryLink::parse(positional.first());
        if (!parsed.link)
            return fail(parsed.error);
        link = parsed.link;
        if (parser.isSet(runOption) || parser.isSet(orgOption))
            return fail(QCoreApplication::translate("CommandLine", "A link names its run: it does not go with --org or --run."));
        if (parser.isSet(baseUrlOption) && EntryLink::originOf(options.baseUrl) != link->origin)
            return fail(QCoreApplication::translate("CommandLine", "The link names the server %1, --base-url another (%2).")
                            .arg(link->origin.toString(), options.baseUrl.toString()));
        options.withholdEnvironmentToken = EntryLink::originOf(options.baseUrl) != link->origin;
        options.baseUrl = link->origin;
        options.baseUrlGiven = true;
        options.run = link->run;
        options.entry = link->entry;
    } else if (!positional.isEmpty()) {
        options.inputFile = localPathOf(positional.first());
    }

    // Before asking which organization a --run is of: with --demo it is not asked for at all.
    if (options.demo && parser.isSet(runOption))
        return fail(QCoreApplication::translate("CommandLine", "Open one thing at a time: --demo, --run, or a file."));
    if (parser.isSet(runOption)) {
        const QString runText = parser.value(runOption);
        const std::optional<qint64> runId = RunUrl::runIdFrom(runText);
        if (!runId)
            return fail(QCoreApplication::translate("CommandLine",
                "--run must be a run ID or a run's URL, not \"%1\".").arg(runText));
        std::optional<qint64> orgId;
        if (parser.isSet(orgOption)) {
            orgId = positiveId(parser.value(orgOption));
            if (!orgId)
                return fail(QCoreApplication::translate("CommandLine",
                    "--org must be a positive organization ID, not \"%1\".").arg(parser.value(orgOption)));
        } else if (const auto fromUrl = RunUrl::orgIdFrom(runText)) {
            orgId = fromUrl;
        } else if (environment.contains(QStringLiteral("CODEGEN_ORG_ID"))) {
            orgId = positiveId(environment.value(QStringLiteral("CODEGEN_ORG_ID")));
            if (!orgId)
                return fail(QCoreApplication::translate("CommandLine",
                    "CODEGEN_ORG_ID must be a positive organization ID."));
        }
        if (!orgId)
            return fail(QCoreApplication::translate("CommandLine",
                "Which organization? Give --org ORG or set CODEGEN_ORG_ID."));
        options.run = RunRef{*orgId, *runId};
        bool entryMalformed = false;
        options.entry = RunUrl::entryFrom(runText, &entryMalformed);
        if (entryMalformed)
            return fail(QCoreApplication::translate("CommandLine",
                "The entry in \"%1\" must be a positive number.").arg(runText));
    } else if (parser.isSet(orgOption) && !options.demo && !options.listRuns) {
        return fail(QCoreApplication::translate("CommandLine", "--org needs --run RUN as well."));
    }

    if (parser.isSet(entryOption)) {
        const std::optional<qint64> entry = positiveId(parser.value(entryOption));
        if (!entry)
            return fail(QCoreApplication::translate("CommandLine",
                "--entry must be a positive entry number, not \"%1\".").arg(parser.value(entryOption)));
        if (!options.run)
            return fail(QCoreApplication::translate("CommandLine", "--entry needs a run: --org ORG --run RUN, or a link."));
        if (options.entry && *options.entry != *entry)
            return fail(QCoreApplication::translate("CommandLine",
                "--entry %1 and the entry %2 the run's address names differ: give one.").arg(*entry).arg(*options.entry));
        options.entry = entry;
    }
    const bool windowless = !options.exportPath.isEmpty() || options.stats || options.insights || options.notes
        || options.listRuns || !options.searchText.isNull();
    if (parser.isSet(entryOption) && windowless)
        return fail(QCoreApplication::translate("CommandLine",
            "--entry opens the window at an entry: it does not go with --export, --stats, --insights, --list-runs or --search."));
    if (windowless)
        options.entry.reset(); // a link's or a URL's entry: the command works on the whole run

    if ((parser.isSet(sourceTypeOption) || parser.isSet(userIdOption)) && !options.listRuns)
        return fail(QCoreApplication::translate("CommandLine", "--source-type and --user-id go with --list-runs."));
    if (options.listRuns) {
        if (options.run || !options.inputFile.isEmpty() || !options.exportPath.isEmpty() || !options.searchText.isNull())
            return fail(QCoreApplication::translate("CommandLine",
                "--list-runs lists an organization's runs: it does not go with --run, a file, --export or --search."));
        if (options.offline)
            return fail(QCoreApplication::translate("CommandLine",
                "--list-runs asks the server, which --offline forbids."));
        if (parser.isSet(orgOption)) {
            const std::optional<qint64> orgId = positiveId(parser.value(orgOption));
            if (!orgId)
                return fail(QCoreApplication::translate("CommandLine",
                    "--org must be a positive organization ID, not \"%1\".").arg(parser.value(orgOption)));
            options.listOrgId = *orgId;
        } else if (environment.contains(QStringLiteral("CODEGEN_ORG_ID"))) {
            const std::optional<qint64> orgId = positiveId(environment.value(QStringLiteral("CODEGEN_ORG_ID")));
            if (!orgId)
                return fail(QCoreApplication::translate("CommandLine", "CODEGEN_ORG_ID must be a positive organization ID."));
            options.listOrgId = *orgId;
        } else if (!options.demo) {
            return fail(QCoreApplication::translate("CommandLine",
                "Which organization? Give --org ORG or set CODEGEN_ORG_ID."));
        }
        options.sourceType = parser.value(sourceTypeOption).trimmed().toUpper();
        if (parser.isSet(sourceTypeOption) && options.sourceType.isEmpty())
            return fail(QCoreApplication::translate("CommandLine", "--source-type needs a source, e.g. GITHUB."));
        if (parser.isSet(userIdOption)) {
            options.userId = positiveId(parser.value(userIdOption));
            if (!options.userId)
                return fail(QCoreApplication::translate("CommandLine",
                    "--user-id must be a positive user ID, not \"%1\".").arg(parser.value(userIdOption)));
        }
    }
    if (!options.searchText.isNull()) {
        if (!options.exportPath.isEmpty() || options.stats || options.insights)
            return fail(QCoreApplication::translate("CommandLine",
                "--search prints what it finds: it does not go with --export, --stats or --insights."));
        if (options.noStore && !options.searchesOneRun())
            return fail(QCoreApplication::translate("CommandLine",
                "--search looks through the library, which --no-store leaves alone."));
    }
    if (options.isListOrSearch() && !options.exportFormat.isEmpty() && options.exportFormat != QLatin1String("tsv")
        && options.exportFormat != QLatin1String("json"))
        return fail(QCoreApplication::translate("CommandLine",
            "--format must be tsv or json with --list-runs and --search, not \"%1\".").arg(options.exportFormat));

    if (options.sample && options.inputFile.isEmpty())
        return fail(QCoreApplication::translate("CommandLine", "--sample names a sample of a file: give the file too."));
    const int sources = int(options.demo) + int(options.run.has_value()) + int(!options.inputFile.isEmpty());
    if (sources > 1)
        return fail(QCoreApplication::translate("CommandLine",
            "Open one thing at a time: --demo, --run, or a file."));
    if (!options.exportPath.isEmpty() && sources == 0)
        return fail(QCoreApplication::translate("CommandLine",
            "--export needs something to export: --org ORG --run RUN, --demo, or a file."));
    if (options.stats && sources == 0)
        return fail(QCoreApplication::translate("CommandLine",
            "--stats needs a run: --org ORG --run RUN, --demo, or a file."));
    if (options.insights && sources == 0)
        return fail(QCoreApplication::translate("CommandLine",
            "--insights needs a run: --org ORG --run RUN, --demo, or a file."));
    if (options.notes && sources == 0)
        return fail(QCoreApplication::translate("CommandLine",
            "--notes needs a run: --org ORG --run RUN, --demo, or a file."));
    if (options.notes && !options.exportFormat.isEmpty() && options.exportFormat != QLatin1String("json"))
        return fail(QCoreApplication::translate("CommandLine",
            "--format must be json with --notes, not \"%1\".").arg(options.exportFormat));
    return options;
}

} // namespace CommandLine
