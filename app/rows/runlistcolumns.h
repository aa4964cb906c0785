// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

// The columns and roles of the organization's runs as a table (the Runs view): what the view lays
// out, apart from how the rows are fetched (model/runlistmodel.h).
namespace RunListColumns {
enum Column { Stored, Run, Status, Created, Source, Summary, PullRequests, ColumnCount };
enum Role {
    RunIdRole = Qt::UserRole + 1,
    StatusRole,           // the status text, for a badge
    PullRequestUrlsRole,  // QStringList
    SortRole,
};
} // namespace RunListColumns
