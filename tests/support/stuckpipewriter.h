// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include <atomic>
#include <future>
#include <thread>

// The writer of a FIFO that a run reader is stuck on: it opens the pipe (which returns once the
// reader opened it), writes the start of an entry that never ends, and keeps the pipe open. A
// watchdog closes it after 30 s, so that code which waits for the stuck reader fails its test
// (watchdogFired()) instead of hanging it.
class StuckPipeWriter
{
public:
    explicit StuckPipeWriter(const QByteArray &fifoPath);
    ~StuckPipeWriter();

    bool isOpen() const { return m_writer >= 0; }
    // What was under test is done: stops the watchdog. True when it had to close the pipe.
    bool stopWatchdog();
    // Closes the pipe: the reader sees its end.
    void close();

private:
    int m_writer = -1;
    std::promise<void> m_done;
    std::atomic<bool> m_watchdogFired{false};
    std::thread m_watchdog;
};
