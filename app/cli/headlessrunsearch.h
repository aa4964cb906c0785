// SPDX-License-Identifier: MIT
#pragma once

#include "cli/windowlesscommand.h"

class NotesFile;

// `runlog SOURCE --search QUERY [--format tsv|json]` (SOURCE: a file, --org/--run, --demo): one
// run searched with the query language (QueryLanguage), with the marks and notes the library
// keeps for it (is:marked, has:note; see RunNotesLookup), its matching entries printed oldest
// first in the shape of the library's `--search` (SearchHitsOutput). A query that does not parse
// is a usage error (exit 2) naming where and why.
class HeadlessRunSearch : public WindowlessCommand
{
    Q_OBJECT
public:
    HeadlessRunSearch(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);

private:
    void run() override;
    void wholeRunProgress(const WholeRunProgress &progress) override;
    void wholeRunLoaded(const RunSnapshot &snapshot) override;
    void search(const RunSnapshot &snapshot, const NotesFile &notes, int orphans);
    QString origin() const;

    bool m_json = false;
};
