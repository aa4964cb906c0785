// SPDX-License-Identifier: MIT
#pragma once

#include "run/runinfo.h"

#include <QObject>
#include <QString>

class LogTableModel;

// Where an open run's entries come from (the API, an exported file). A source fills the session's
// model; the session decides when it replaces what is shown. The window knows only the session,
// so a new kind of source never touches a widget. The library of runs is not a source of its own
// but sits under the API source, in its RunLoader (a PageCache): a run it holds whole opens from
// it with no request, one it holds in part mixes stored and fetched pages, and every fetched page
// is kept, with no code of the window's or the source's.
class RunSource : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Api, File };
    Q_ENUM(Kind)

    using QObject::QObject;

    virtual Kind kind() const = 0;
    // Begins reading. The source emits ready() once what it read can replace the open run (an
    // API run at once, a file after its first entries proved readable), or unreadable() if it
    // never can; in that case what was open stays open.
    virtual void start(LogTableModel *model) = 0;
    // Stops all work; the source is about to be deleted.
    virtual void stop() = 0;

    virtual bool hasRunInfo() const = 0;
    virtual RunInfo runInfo() const = 0;
    // Still reading: an export would miss what is not read yet.
    virtual bool isReading() const = 0;
    // Words for the window: its title, the header's subtitle, an export's description and file name.
    virtual QString windowTitle() const = 0;
    virtual QString headerTitle() const = 0;
    virtual QString description() const = 0;
    virtual QString exportDescription() const = 0;
    virtual QString suggestedFileName() const = 0;

signals:
    void ready();
    // The run's first entries (or that it has none) are here: it truly opened.
    void opened();
    void unreadable(const QString &error);
    void runInfoChanged();
    void progressChanged();
    // A problem worth a banner: an error (with Retry when `retryHelps`), or a warning.
    void failed(const QString &text, bool retryHelps);
    void warned(const QString &text);
    void problemsCleared();
    void statusMessage(const QString &text, int timeoutMs);
};
