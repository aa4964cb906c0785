// SPDX-License-Identifier: MIT
#pragma once

#include "run/runref.h"

#include <QString>
#include <QUrl>
#include <QtGlobal>

#include <optional>

struct ParsedEntryLink;

// A place in a run that one person can send another: runlog://run?org=7&run=42&entry=1412.
// `entry` is optional (1 = the oldest entry); `base` names the API origin, percent-encoded, and
// is written only when it is not the default one (https://api.codegen.com). Parsing refuses what
// it does not understand instead of guessing: an unknown parameter is an error, since a mistyped
// "entyr=" that opened the run at its start would point the reader at the wrong place.
struct EntryLink
{
    RunRef run;
    std::optional<qint64> entry;
    QUrl origin; // scheme://host[:port], nothing else; the default origin when none was given

    static constexpr int kMaxLength = 2048;

    static QUrl defaultOrigin();
    // True when text is meant as a Runlog link (begins with "runlog:", in any case): the command
    // line then parses it as a link rather than opening it as a file.
    static bool looksLikeLink(const QString &text);
    static ParsedEntryLink parse(const QString &text);
    // An API base URL as a link's origin: http(s), a host, no user info, no path beyond "/", no
    // query or fragment; plain http only to this machine. Empty with `error` set otherwise.
    static QUrl originOf(const QUrl &baseUrl, QString *error = nullptr);

    QString toString() const;
};

struct ParsedEntryLink
{
    std::optional<EntryLink> link;
    QString error; // one line, for the user, when link is empty
};
