// SPDX-License-Identifier: MIT
#include "cli/clioutput.h"
#include "cli/commandline.h"
#include "cli/headlessexport.h"
#include "cli/headlesscompare.h"
#include "cli/headlessinsights.h"
#include "cli/headlesslistruns.h"
#include "cli/headlesssearch.h"
#include "cli/headlessstats.h"
#include "cli/headlessnotes.h"
#include "rows/freedmemory.h"
#include "ui/compare/comparewindow.h"
#include "ui/window/mainwindow.h"
#include "session/applibrary.h"
#include "session/demoservice.h"
#include "session/loaddefaults.h"
#include "settings/appsettings.h"
#include "settings/knownsecrets.h"
#include "settings/secretredaction.h"
#include "store/runlibrary.h"

#include <QApplication>
#include <QLocale>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QTranslator>

#include <cstdio>
#include <memory>
#include <vector>

namespace {
void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Runlog"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("runlog.dev"));
    QCoreApplication::setApplicationName(QStringLiteral("Runlog"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RUNLOG_VERSION));
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
    const bool windowless = !options.exportPath.isEmpty() || options.stats || options.insights || options.notes
                            || (options.compare && !options.compareInWindow())
                            || options.isListOrSearch();
    std::unique_ptr<QCoreApplication> app;
    if (windowless)
        app = std::make_unique<QCoreApplication>(qtArgc, qtArgv.data());
    else
        app = std::make_unique<QApplication>(qtArgc, qtArgv.data());
    // The user's language, from the catalogues compiled into the executable (resources/i18n).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("runlog"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);
    if (options.rateLimitGiven) {
        LoadDefaults::setRateLimit(options.rateLimitCount, options.rateLimitWindowMs);
    } else {
        const AppSettings settings; // the limit set in the window (View > Rate Limit…)
        LoadDefaults::setRateLimit(settings.rateLimitCount(), settings.rateLimitWindowMs());
    }
    LoadDefaults::setOffline(options.offline);
    if (!options.searchText.isNull()) {
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
            return CompareSideSource{source.given, source.run};
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
        window.openFile(options.inputFile);
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
    return app->exec();
}
