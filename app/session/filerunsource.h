// SPDX-License-Identifier: MIT
#pragma once

#include "session/runsource.h"

#include <QList>

class RunFileReader;
struct LogEntry;

// A run read from an exported file (.json or .jsonl) on a worker, with no network. It replaces
// the open run only once its first entries (or its whole, empty run) proved readable; a file
// that is broken from the start leaves what was open as it was.
class FileRunSource : public RunSource
{
    Q_OBJECT

public:
    explicit FileRunSource(const QString &path, QObject *parent = nullptr);

    Kind kind() const override { return Kind::File; }
    void start(LogTableModel *model) override;
    void stop() override;

    bool hasRunInfo() const override;
    RunInfo runInfo() const override;
    bool isReading() const override;
    QString windowTitle() const override;
    QString headerTitle() const override;
    QString description() const override;
    QString exportDescription() const override;
    QString suggestedFileName() const override;

    QString path() const { return m_path; }
    bool isFinished() const { return m_finished; }

private:
    void onEntries(const QList<LogEntry> &entries);
    void onFinished(bool ok, const QString &error);
    void becomeReady();

    QString m_path;
    RunFileReader *m_reader = nullptr;
    LogTableModel *m_model = nullptr;
    bool m_ready = false;
    bool m_finished = false;
};
