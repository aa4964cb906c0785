// SPDX-License-Identifier: MIT
#include "stuckpipewriter.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>

StuckPipeWriter::StuckPipeWriter(const QByteArray &fifoPath)
    : m_writer(::open(fifoPath.constData(), O_WRONLY))
{
    if (m_writer < 0)
        return;
    const QByteArray part = R"({"agent_run_id":42,"thought":"never finished)";
    if (::write(m_writer, part.constData(), size_t(part.size())) != ssize_t(part.size())) {
        close();
        return;
    }
    m_watchdog = std::thread([this, done = m_done.get_future()] {
        if (done.wait_for(std::chrono::seconds(30)) == std::future_status::timeout) {
            m_watchdogFired = true;
            close();
        }
    });
}

StuckPipeWriter::~StuckPipeWriter()
{
    stopWatchdog();
    close();
}

bool StuckPipeWriter::stopWatchdog()
{
    if (m_watchdog.joinable()) {
        m_done.set_value();
        m_watchdog.join();
    }
    return m_watchdogFired;
}

void StuckPipeWriter::close()
{
    const int writer = m_writer;
    m_writer = -1;
    if (writer >= 0)
        ::close(writer);
}
