// SPDX-License-Identifier: MIT
#pragma once

#include "demo/runrecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QtGlobal>

#include <memory>

// The demo's runs, generated from a fixed seed so that every start (and every test) sees the same
// bytes. They are meant to look like real Codegen runs and to exercise everything the viewer must
// cope with: every known message type and an unknown one, both timestamp formats, null fields,
// string/object/null observations, unknown fields, emoji/RTL/CJK text and multi-megabyte tool
// outputs.
//
//   1001  COMPLETE, ~2,000 entries, three tool outputs of 2-6 MB; and, planted for the insights:
//         a loop of period 3 (search, open, edit x3) at entries 641-649; the same failing
//         `pytest -x tests/test_discounts.py` 11 times with a thought between each two (a loop of
//         period 1 and a repeated failure of 11) at 1181-1201, a thought ending it at 1202; a loop
//         of period 2 (edit, test x4, the test failing each time) at 1421-1428.
//   1002  ACTIVE, 150 entries; appendNextLiveEntry() adds the rest one by one, then COMPLETE.
//         A loop of period 1 forms as it grows: a server polled six times (entries 181-191).
//   1003  FAILED, ~40 entries, ending in ERROR.
//   901..946  older runs of the organization for its run list (DemoHistory), short.
class DemoDataset
{
public:
    static constexpr qint64 kOrganizationId = 1;
    static constexpr qint64 kCompleteRunId = 1001;
    static constexpr qint64 kLiveRunId = 1002;
    static constexpr qint64 kFailedRunId = 1003;
    static constexpr int kLiveInitialEntries = 150;
    static constexpr int kLiveAppendedEntries = 90;   // three minutes at one entry per 2 s
    // A live run asked for after the live run finished is a new one, from this id up.
    static constexpr qint64 kReplayedLiveRunIds = 1100;
    static constexpr quint32 kSeed = 20250621;

    // `liveRunNowUtc` places the live run's newest initial entry at that time, so that a live
    // run in the app looks current. Invalid (the default): a fixed date, fully deterministic.
    explicit DemoDataset(const QDateTime &liveRunNowUtc = QDateTime());

    QList<std::shared_ptr<RunRecord>> runs() const;
    // nullptr for ids that are not demo runs. The records are shared: whoever serves them sees
    // the live run grow.
    std::shared_ptr<RunRecord> run(qint64 runId) const;

    // Appends the live run's next entry; the last one is a FINAL_ANSWER, after which the run's
    // status is COMPLETE and its result set. Returns whether more entries are to come.
    bool appendNextLiveEntry();
    bool isLiveRunFinished() const;
    // The live run now: kLiveRunId, or the one restartLiveRun() made.
    qint64 liveRunId() const;
    // A new live run (a new id, the same story from its start, its newest initial entry at
    // `nowUtc`), growing from here on as the first did; the finished one stays as it ended.
    std::shared_ptr<RunRecord> restartLiveRun(const QDateTime &nowUtc);
    int remainingLiveEntries() const;

private:
    void makeLiveRun(qint64 runId, const QDateTime &liveRunNowUtc);

    std::shared_ptr<RunRecord> m_completeRun;
    std::shared_ptr<RunRecord> m_liveRun;
    std::shared_ptr<RunRecord> m_failedRun;
    QList<std::shared_ptr<RunRecord>> m_history;   // DemoHistory's older runs
    QList<std::shared_ptr<RunRecord>> m_replayedLiveRuns; // live runs that finished before a restart
    QList<QByteArray> m_pendingLiveEntries;
    qsizetype m_nextLiveEntry = 0;
    QByteArray m_liveResult;
};
