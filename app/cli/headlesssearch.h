// SPDX-License-Identifier: MIT
#pragma once

#include "cli/windowlesscommand.h"

#include <QString>

// `runlog --search QUERY [--format tsv|json]`: every entry of every run in the library that QUERY
// (the query language, QueryLanguage::Scope::Library) matches, newest runs first, entries in
// order; a query that does not parse is a usage error.
// tsv: a header line, then org, run, entry (from 1), message_type, tool_name, snippet, origin;
// json: an array of objects with those names. Reads only the library: no network.
class HeadlessSearch : public WindowlessCommand
{
    Q_OBJECT
public:
    // `folder`: the library's; empty when the library is switched off.
    HeadlessSearch(const CommandLineOptions &options, const QString &folder, QObject *parent = nullptr);

private:
    void run() override;

    QString m_folder;
};
