// SPDX-License-Identifier: MIT
#pragma once

#include "api/apireply.h"
#include "api/runlistparser.h"

#include <QFutureWatcher>

// One request for one page of the organization's run list, in flight: the shared transport
// (ApiReply), the body parsed on a worker thread.
class RunListReply : public ApiReply
{
    Q_OBJECT
public:
    using ApiReply::ApiReply;
    ~RunListReply() override;

    const RunListPage &page() const { return m_page; }
    RunListPage takePage() { return std::move(m_page); }

protected:
    void parseBody(QByteArray &&body) override;
    bool dropParse() override;

private:
    void onParsed();

    RunListPage m_page;
    QFutureWatcher<RunListParseResult> *m_parseWatcher = nullptr;
};
