// SPDX-License-Identifier: MIT
#pragma once

#include "cli/commandline.h"

#include <QCoreApplication>
#include <QString>

// `runlog --search TEXT [--format tsv|json]`: every entry of every run in the library that holds
// TEXT (plain text, any case; the in-run search's rules), newest runs first, entries in order.
// tsv: a header line, then org, run, entry (from 1), message_type, tool_name, snippet, origin;
// json: an array of objects with those names. Reads only the library: no network.
class HeadlessSearch
{
    Q_DECLARE_TR_FUNCTIONS(HeadlessSearch)
public:
    enum ExitCode { Success = 0, Failure = 1 };

    // `folder`: the library's; empty when the library is switched off.
    HeadlessSearch(const CommandLineOptions &options, const QString &folder);
    int exec();

private:
    CommandLineOptions m_options;
    QString m_folder;
};
