// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

// What a second start sends the running Runlog: its command line, the folder it was started in
// (relative file names are the sender's, not the receiver's) and the few CODEGEN_* variables
// that choose a run (organization, API origin). Never the token: the receiver opens with its
// own credentials. One line of compact JSON, versioned, at most kMaxBytes:
//   {"protocol":"runlog-handover","version":1,"arguments":[...],"cwd":"...","environment":{...}}
struct HandOverRequest
{
    QStringList arguments; // as main() got them, the program first
    QString workingDirectory;
    QMap<QString, QString> environment;

    static constexpr int kVersion = 1;
    static constexpr qsizetype kMaxBytes = 64 * 1024;
    // The variables that travel; CODEGEN_API_TOKEN is never one of them.
    static QStringList forwardedVariables();

    QByteArray encode() const;
    // Empty with `error` set when the bytes are not a request of this version.
    static std::optional<HandOverRequest> decode(const QByteArray &line, QString *error);
};

// The running Runlog's answer, one line of JSON as well:
//   {"protocol":"runlog-handover","version":1,"accepted":true,"window":"new","windows":2}
// or with "accepted":false and "error": why it did not take the request (the sender then starts
// a Runlog of its own).
struct HandOverReply
{
    bool accepted = false;
    QString window;  // "new" or "raised": what the receiver did
    int windows = 0; // the receiver's windows afterwards
    QString error;

    QByteArray encode() const;
    static std::optional<HandOverReply> decode(const QByteArray &line, QString *error);
};
