// SPDX-License-Identifier: MIT
#include "cli/clioutput.h"
#include "cli/commandline.h"
#include "cli/headlessexport.h"
#include "cli/headlesscompare.h"
#include "cli/headlessinsights.h"
#include "cli/headlesslistruns.h"
#include "cli/headlessrunsearch.h"
#include "cli/headlesssearch.h"
#include "cli/headlessstats.h"
#include "cli/handover.h"
#include "instance/instanceclient.h"
#include "instance/instanceserver.h"
#include "instance/instancesocket.h"
#include "run/entrylink.h"
#include "cli/headlessnotes.h"
#include "rows/freedmemory.h"
#include "ui/common/pseudotranslator.h"
#include "ui/compare/comparewindow.h"
#include "ui/window/mainwindow.h"
#include "ui/open/openruncontroller.h"
#include "ui/window/windowrouter.h"
#include "session/applibrary.h"
#include "session/demoservice.h"
#include "session/loaddefaults.h"
#include "settings/appsettings.h"
#include "settings/knownsecrets.h"
#include "settings/secretredaction.h"
#include "store/runlibrary.h"

#include <QApplication>
#include <QDir>
#include <QLocale>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QTranslator>

#include <cstdio>
#include <memory>
#include <unistd.h>
#include <vector>

namespace {
void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Runlog"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("runlog.dev"));
    QCoreApplication::setApplicationName(QStringLiteral("Runlog"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RUNLOG_VERSION));
}

// Tests (and the curious) see the hand-over happen: where this Runlog listens, and what it did
// with each start handed to it, one line each on stderr.
bool tracesHandOver(const QProcessEnvironment &environment)
{
    return environment.value(QStringLiteral("RUNLOG_TRACE_HANDOVER")) == QLatin1String("1");
}

// One Runlog per desktop session: hands this start's link, file or run to the Runlog already
// running. True when it took it (this process then ends); false to start normally, with a line on
// stderr when something is wrong with the one running.
bool handedToRunningRunlog(const QStringList &arguments, const QProcessEnvironment &environment)
{
    const InstanceSocket::Location socket = InstanceSocket::locate(environment, uint(::getuid()));
    if (socket.path.isEmpty()) {
        CliOutput::printLine(stderr, CliOutput::oneLine(QStringLiteral("runlog: ") + socket.problem));
        return false;
    }
    const HandOverRequest request = HandOver::requestFrom(arguments, QDir::currentPath(), environment);
    const InstanceClient::Outcome outcome
        = InstanceClient::handOver(socket.path, request, uint(::getuid()), InstanceClient::kTimeoutMs);
    using Kind = InstanceClient::Outcome::Kind;
    switch (outcome.kind) {
    case Kind::Delivered:
        if (tracesHandOver(environment))
            CliOutput::printLine(stderr, QStringLiteral("runlog: handed over to the running Runlog (%1 window)")
                                             .arg(outcome.reply.window));
        return true;
    case Kind::NoInstance:
        return false;
    case Kind::Untrusted:
        CliOutput::printLine(stderr, CliOutput::oneLine(QCoreApplication::translate("main", "runlog: not handing over to %1: %2 Starting a Runlog of its own.")
                                                            .arg(socket.path, outcome.problem)));
        return false;
    case Kind::NoAnswer:
        CliOutput::printLine(stderr, CliOutput::oneLine(QCoreApplication::translate("main", "runlog: the running Runlog did not answer (%1). Starting a Runlog of its own.")
                                                            .arg(outcome.problem)));
        return false;
    case Kind::Declined:
        CliOutput::printLine(stderr, CliOutput::oneLine(QCoreApplication::translate("main", "runlog: the running Runlog did not take this start (%1). Starting a Runlog of its own.")
                                                            .arg(outcome.problem)));
        return false;
    }
    return false;
}

OpenRequest openRequestOf(const CommandLineOptions &options)
{
    OpenRequest request;
    request.file = options.inputFile;
    request.sample = options.sample;
    request.run = options.run;
    request.baseUrl = options.baseUrl;
    request.entry = options.entry;
    request.reverse = options.reverse;
    return request;
}

// Later starts' links, files and runs, opened here (see handedToRunningRunlog()).
void takeHandOvers(InstanceServer &server, WindowRouter &router, const QProcessEnvironment &environment)
{
    const bool trace = tracesHandOver(environment);
    server.setHandler([&router, trace](const HandOverRequest &request) {
        HandOverReply reply;
        const CommandLineOptions handed = HandOver::optionsFrom(request);
        if (handed.action != CommandLineOptions::Action::Run) {
            reply.error = handed.errorText;
            return reply;
        }
        const OpenRequest open = openRequestOf(handed);
        const WindowRouter::Routed routed = router.route(open);
        reply.accepted = true;
        reply.window = WindowRouter::windowWord(routed.window);
        reply.windows = routed.windows;
        if (trace)
            CliOutput::printLine(stderr, CliOutput::oneLine(QStringLiteral("runlog: handed over: %1 window for %2 (%3 windows)")
                                                                .arg(reply.window, open.description()).arg(reply.windows)));
        return reply;
    });
    QObject::connect(&server, &InstanceServer::refused, [trace](const QString &reason) {
        if (trace)
            CliOutput::printLine(stderr, CliOutput::oneLine(QStringLiteral("runlog: refused a hand-over: ") + reason));
    });
    const InstanceSocket::Location socket = InstanceSocket::locate(environment, uint(::getuid()));
    if (socket.path.isEmpty())
        return; // said already, or said by the start that handed over
    switch (server.listen(socket.path)) {
    case InstanceServer::Claim::Listening:
        if (trace)
            CliOutput::printLine(stderr, CliOutput::oneLine(QStringLiteral("runlog: taking other starts at ") + server.path()));
        break;
    case InstanceServer::Claim::AnotherIsRunning:
        if (trace)
            CliOutput::printLine(stderr, CliOutput::oneLine(QStringLiteral("runlog: not taking other starts: ") + server.errorString()));
        break;
    case InstanceServer::Claim::Failed:
        CliOutput::printLine(stderr, CliOutput::oneLine(QCoreApplication::translate("main", "runlog: other starts open a Runlog of their own: %1")
                                                            .arg(server.errorString())));
        break;
    }
}
} // namespace

int main(int argc, char *argv[])
{
    FreedMemory::returnBigBlocksAtOnce();
    setApplicationIdentity();
    // Before anything can log: no message, from any thread, carries a token we know of.
    installRedactingMessageHandler([] { return KnownSecrets::all(); });
    // The command line is read before any application object exists, so --help, --version and
    // mistakes are answered without a display, like --export.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const CommandLineOptions options = CommandLine::parse(arguments, environment);
    switch (options.action) {
    case CommandLineOptions::Action::ShowHelp:
        CliOutput::printLine(stdout, options.helpText);
        return 0;
    case CommandLineOptions::Action::ShowVersion:
        CliOutput::printLine(stdout, QStringLiteral("runlog %1").arg(QStringLiteral(RUNLOG_VERSION)));
        return 0;
    case CommandLineOptions::Action::Error:
        CliOutput::printLine(stderr, QStringLiteral("runlog: %1").arg(options.errorText));
        CliOutput::printLine(stderr, QStringLiteral("Try 'runlog --help' for more information."));
        return 2;
    case CommandLineOptions::Action::Run:
        break;
    }
    // Before any application object, display or library: the running Runlog does the work.
    if (options.handsOver() && handedToRunningRunlog(arguments, environment))
        return 0;
    // The application object sees the program and Qt's own options (-platform, -style, …) only:
    // Qt would read Runlog's --reverse as its right-to-left layout.
    std::vector<QByteArray> qtArgumentBytes{QByteArray(argv[0])};
    for (const QString &argument : options.qtArguments)
        qtArgumentBytes.push_back(argument.toLocal8Bit());
    std::vector<char *> qtArgv;
    for (QByteArray &bytes : qtArgumentBytes)
        qtArgv.push_back(bytes.data());
    qtArgv.push_back(nullptr);
    int qtArgc = int(qtArgumentBytes.size());
    const bool windowless = options.isWindowless();
    std::unique_ptr<QCoreApplication> app;
    if (windowless)
        app = std::make_unique<QCoreApplication>(qtArgc, qtArgv.data());
    else
        app = std::make_unique<QApplication>(qtArgc, qtArgv.data());
    // The user's language, from the catalogues compiled into the executable (resources/i18n); else
    // English, whose catalogue holds the singular and plural of every count ("1 entry").
    // RUNLOG_PSEUDO_LOCALE=1: the window in a pseudo-translation (longer, accented), to see what a
    // translation would clip; never the command line, whose output scripts read.
    std::unique_ptr<QTranslator> translator;
    if (!windowless && PseudoTranslator::isRequested())
        translator = std::make_unique<PseudoTranslator>();
    else
        translator = std::make_unique<QTranslator>();
    if (translator->load(QLocale(), QStringLiteral("runlog"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator->load(QStringLiteral("runlog_en"), QStringLiteral(":/i18n")) || !translator->isEmpty())
        QCoreApplication::installTranslator(translator.get());
    // What the command line prints is read by scripts: its counts (%Ln) are grouped the same way
    // on every machine, as CliOutput::count() does ("1,234").
    if (windowless)
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    if (options.rateLimitGiven) {
        LoadDefaults::setRateLimit(options.rateLimitCount, options.rateLimitWindowMs);
    } else {
        const AppSettings settings; // the limit set in the window (View > Rate Limit…)
        LoadDefaults::setRateLimit(settings.rateLimitCount(), settings.rateLimitWindowMs());
    }
    LoadDefaults::setOffline(options.offline);
    if (!options.searchText.isNull() && !options.searchesOneRun()) {
        // The library only, read by a connection of its own: no network, no window.
        HeadlessSearch search(options, AppLibrary::folder(options.noStore));
        return search.exec();
    }
    if (options.listRuns) {
        // The organization's runs on stdout, paced like every request; no window.
        const QByteArray token = environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8();
        KnownSecrets::add(token);
        HeadlessListRuns lister(options, token);
        return lister.exec();
    }
    // The library of runs: every loader reads from it and fills it (none with --no-store).
    const std::unique_ptr<RunLibrary> library = AppLibrary::open(options.noStore);
    LoadDefaults::setLibrary(library.get());
    const auto forgetLibrary = qScopeGuard([] { LoadDefaults::setLibrary(nullptr); });
    if (library && windowless) {
        QObject::connect(library.get(), &RunLibrary::setAside, [](const QString &from, const QString &to, const QString &reason) {
            CliOutput::printLine(stderr, CliOutput::oneLine(QStringLiteral("runlog: the library %1 could not be used (%2); it was renamed to %3 and a new one was started.")
                                                     .arg(from, reason, to)));
        });
        QObject::connect(library.get(), &RunLibrary::stopped, [](const QString &reason) {
            CliOutput::printLine(stderr, CliOutput::oneLine(QStringLiteral("runlog: ") + reason));
        });
    }

    if (options.stats) {
        const QByteArray token = environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8();
        KnownSecrets::add(token);
        HeadlessStats stats(options, token);
        return stats.exec();
    }
    if (options.searchesOneRun()) {
        const QByteArray token = environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8();
        KnownSecrets::add(token);
        HeadlessRunSearch search(options, token);
        return search.exec();
    }
    if (options.notes) {
        // The library's notes on the run, read after the run itself (to place them on its entries).
        const QByteArray token = environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8();
        KnownSecrets::add(token);
        HeadlessNotes notes(options, token);
        return notes.exec();
    }
    if (options.insights) {
        const QByteArray token = environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8();
        KnownSecrets::add(token);
        HeadlessInsights insights(options, token);
        return insights.exec();
    }
    if (options.compare && !options.compareInWindow()) {
        const QByteArray token = environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8();
        KnownSecrets::add(token);
        HeadlessCompare compare(options, token);
        return compare.exec();
    }
    if (!options.exportPath.isEmpty()) {
        // No window, no display: fetch or read, write the file, say how it went on stderr.
        const QByteArray token = environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8();
        KnownSecrets::add(token);
        HeadlessExport exporter(options, token);
        return exporter.exec();
    }

    if (options.compareInWindow()) {
        // The comparison in a window of its own: both sides loaded whole (progress shown), then
        // aligned; a side that cannot be loaded is said in the window.
        const QByteArray token = environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8();
        KnownSecrets::add(token);
        CompareWindow window;
        const auto sideOf = [&](int side) {
            const CompareSource &source = options.compareSources.at(side);
            return CompareSideSource{source.given, source.run, source.sample};
        };
        window.loadAndCompare(ApiEndpoint{options.baseUrl, token}, sideOf(0), sideOf(1));
        window.show();
        return app->exec();
    }

    MainWindow window;
    // CODEGEN_API_TOKEN is for the configured API origin; a link to another origin gets only a
    // token saved for that one.
    const QByteArray environmentToken = options.withholdEnvironmentToken
        ? QByteArray() : environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8();
    window.setEnvironmentToken(environmentToken);
    window.setLibrary(library.get());
    // Open Run… asks the server named on the command line (or in the environment).
    if (options.baseUrlGiven)
        window.openRunController()->setDefaultPlace(options.baseUrl, 0);
    window.show();
    if (options.demo) {
        if (!window.openDemo())
            return 1;
        // Scripts and tests find the demo backend here; it needs no token.
        const DemoService *demo = window.demoService();
        CliOutput::printLine(stderr, QStringLiteral("runlog: demo backend listening on %1 (organization %2, run %3)")
                              .arg(demo->endpoint().baseUrl.toString())
                              .arg(demo->sampleRun().orgId)
                              .arg(demo->sampleRun().runId));
    } else if (!options.inputFile.isEmpty()) {
        window.openFile(options.inputFile, options.sample);
    } else if (options.run) {
        const QByteArray &token = environmentToken;
        // A loopback server (the demo, a test server) needs no token; a real one gets the saved one.
        if (token.isEmpty() && !ApiEndpoint::isLoopback(options.baseUrl))
            window.openRunWithSavedToken(options.baseUrl, *options.run, options.reverse);
        else
            window.openRun(ApiEndpoint{options.baseUrl, token}, *options.run, options.reverse);
        if (options.entry)
            window.selectEntryOnceOpen(*options.run, *options.entry);
    }
    // CODEGEN_API_TOKEN belongs to the configured origin, which a link to another one replaced in
    // `options` (that is when it was withheld).
    const QUrl configuredOrigin = options.withholdEnvironmentToken
        ? QUrl(environment.value(QStringLiteral("CODEGEN_API_BASE_URL"), EntryLink::defaultOrigin().toString()).trimmed())
        : options.baseUrl;
    WindowRouter router(library.get(), environment.value(QStringLiteral("CODEGEN_API_TOKEN")).trimmed().toUtf8(),
                        configuredOrigin);
    InstanceServer server;
    if (options.takesHandOvers())
        takeHandOvers(server, router, environment);
    return app->exec();
}
