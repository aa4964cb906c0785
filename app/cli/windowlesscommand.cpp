// SPDX-License-Identifier: MIT
#include "cli/windowlesscommand.h"

#include "cli/clioutput.h"
#include "session/wholerunload.h"

#include <QEventLoop>
#include <QTimer>

WindowlessCommand::WindowlessCommand(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_token(token)
{
}

WindowlessCommand::~WindowlessCommand() = default;

int WindowlessCommand::exec()
{
    QEventLoop loop;
    connect(this, &WindowlessCommand::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, this, &WindowlessCommand::start);
    if (!m_done)
        loop.exec();
    return m_exitCode;
}

void WindowlessCommand::start()
{
    m_sinceProgress.start();
    run();
}

bool WindowlessCommand::loadWholeRun()
{
    if (!m_options.inputFile.isEmpty())
        newLoad()->loadFile(m_options.inputFile, m_options.sample);
    else if (m_options.demo)
        newLoad()->loadDemo();
    else if (m_options.run)
        newLoad()->loadApi(ApiEndpoint{m_options.baseUrl, m_token}, *m_options.run);
    else
        return false;
    return true;
}

void WindowlessCommand::loadWholeRun(const QString &file, const std::optional<RunRef> &run, const std::optional<SampleRef> &sample)
{
    if (run)
        newLoad()->loadApi(ApiEndpoint{m_options.baseUrl, m_token}, *run);
    else
        newLoad()->loadFile(file, sample);
}

WholeRunLoad *WindowlessCommand::newLoad()
{
    // A load that has finished may still be emitting its finished(): it goes once that is over.
    if (m_load) {
        m_load->disconnect(this);
        m_load.release()->deleteLater();
    }
    m_load = std::make_unique<WholeRunLoad>();
    connect(m_load.get(), &WholeRunLoad::failed, this, [this](const QString &error) {
        // --sample names the sample of one file, and with --compare that of each side.
        if (m_load && m_load->needsSampleChoice() && m_options.compare)
            fail(tr("%1 Name one with --sample ID (and --epoch N), once per side.").arg(error));
        else if (m_load && m_load->needsSampleChoice())
            fail(tr("%1 Name one with --sample ID (and --epoch N).").arg(error));
        else
            fail(error);
    });
    connect(m_load.get(), &WholeRunLoad::progressChanged, this, &WindowlessCommand::wholeRunProgress);
    connect(m_load.get(), &WholeRunLoad::finished, this, &WindowlessCommand::wholeRunLoaded);
    // A large log of another agent takes seconds to convert: said once it has, not before.
    connect(m_load.get(), &WholeRunLoad::converting, this, [this](const QString &formatName, qint64 records) {
        if (records > 0)
            progressLine(tr("converting the %1: %2 records read").arg(formatName, CliOutput::count(records)));
    });
    connect(m_load.get(), &WholeRunLoad::fetching, this, [this](const RunRef &run, const QUrl &baseUrl) {
        m_fetchedFrom = baseUrl;
        progressLine(tr("fetching run %1 of organization %2 from %3")
                             .arg(run.runId)
                             .arg(run.orgId)
                             .arg(baseUrl.toDisplayString(QUrl::RemoveUserInfo)),
                     true);
    });
    return m_load.get();
}

void WindowlessCommand::wholeRunLoaded(const RunSnapshot &)
{
}

void WindowlessCommand::wholeRunProgress(const WholeRunProgress &)
{
}

QString WindowlessCommand::loadedText(const RunSnapshot &snapshot, bool nameLibrary) const
{
    const int entries = int(snapshot.entries.size());
    const std::optional<RunRef> run = m_load->apiRun();
    if (!run && snapshot.hasRun && !snapshot.run.agentFormat.isEmpty()) {
        // Another agent's log: say what it was read as, and what of it was read over.
        QString text = tr("read %Ln entries from %1 (%2)", nullptr, entries).arg(snapshot.sourceDescription, snapshot.run.agentFormat);
        const QStringList &readOver = snapshot.run.agentWarnings;
        if (!readOver.isEmpty())
            text += tr("; %Ln places read over, the first: %1", nullptr, int(readOver.size())).arg(readOver.first());
        return text;
    }
    if (!run)
        return tr("read %Ln entries from %1", nullptr, entries).arg(snapshot.sourceDescription);
    const int fromLibrary = m_load->pagesFromLibrary();
    if (nameLibrary && fromLibrary > 0)
        return tr("have %Ln entries of run %1", nullptr, entries).arg(run->runId)
            + tr(" (%Ln pages read from the library)", nullptr, fromLibrary);
    return tr("fetched %Ln entries of run %1", nullptr, entries).arg(run->runId);
}

void WindowlessCommand::progressLine(const QString &message, bool force)
{
    if (m_done)
        return;
    if (!force && m_sinceProgress.isValid() && m_sinceProgress.elapsed() < m_progressIntervalMs)
        return;
    m_sinceProgress.restart();
    CliOutput::errorLine(message);
}

void WindowlessCommand::fail(const QString &message, int exitCode)
{
    if (m_done)
        return;
    CliOutput::printLine(stderr, QStringLiteral("runlog: error: ") + CliOutput::oneLine(message));
    if (m_load)
        m_load->cancel();
    finish(exitCode);
}

void WindowlessCommand::succeed(const QString &message)
{
    if (m_done)
        return;
    CliOutput::errorLine(message);
    finish(Success);
}

void WindowlessCommand::finish(int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    m_exitCode = exitCode;
    emit finished(exitCode);
}
