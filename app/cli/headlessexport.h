// SPDX-License-Identifier: MIT
#pragma once

#include "cli/windowlesscommand.h"
#include "export/exportformat.h"

#include <QList>
#include <QString>

#include <memory>

class ExportJob;
struct OtherRunEntry;

// `runlog ... --export OUT`: fetches a whole run (or reads an exported file, or the demo's run)
// and writes OUT, with no window and no display. Progress goes to stderr, a few lines at most
// per second; a failure is one line on stderr naming the cause. The token is only handed to the
// API client: it is never printed.
class HeadlessExport : public WindowlessCommand
{
    Q_OBJECT
public:
    HeadlessExport(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);
    ~HeadlessExport() override;

private:
    void run() override;
    void wholeRunProgress(const WholeRunProgress &progress) override;
    void wholeRunLoaded(const RunSnapshot &snapshot) override;
    void write(const RunSnapshot &snapshot);
    // Names on stderr the entries of another run than `runId`.
    void warnOtherRunEntries(qint64 runId, const QList<OtherRunEntry> &entries);

    ExportFormat m_format = ExportFormat::Json;
    std::unique_ptr<ExportJob> m_job;
};
