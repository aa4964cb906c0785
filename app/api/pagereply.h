// SPDX-License-Identifier: MIT
#pragma once

#include "api/apireply.h"
#include "api/parsedpage.h"

#include <QFutureWatcher>

// One request for one page of the logs endpoint, in flight: the shared transport (ApiReply),
// the body parsed on a worker thread, never on the caller's.
class PageReply : public ApiReply
{
    Q_OBJECT
public:
    using Limits = ApiReply::Limits;
    using ApiReply::ApiReply;
    ~PageReply() override;

    const ParsedPage &page() const { return m_page; }
    // Moves the page out (entries can be large); call once, after finished().
    ParsedPage takePage() { return std::move(m_page); }

protected:
    void parseBody(QByteArray &&body) override;
    bool dropParse() override;

private:
    void onParsed();

    ParsedPage m_page;
    QFutureWatcher<PageParseResult> *m_parseWatcher = nullptr;
};
