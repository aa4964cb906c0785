#pragma once

#include "api/apireply.h"
#include "api/parsedpage.h"

#include <QFutureWatcher>

// One request for one page of the logs endpoint, in flight. Emits finished() exactly once, with
// either a parsed page or an error. The body is parsed on a worker thread, never on the caller's.
class PageReply : public ApiReply
{
    Q_OBJECT
public:
    using Limits = ApiReply::Limits;

    PageReply(QNetworkReply *reply, const QUrl &allowedOrigin, const Limits &limits,
              QObject *parent = nullptr);
    // A reply that fails without any request (e.g. an insecure URL); finishes from the event loop.
    PageReply(const ApiError &error, QObject *parent = nullptr);
    ~PageReply() override;

    const ParsedPage &page() const { return m_page; }
    // Moves the page out (entries can be large); call once, after finished().
    ParsedPage takePage() { return std::move(m_page); }

protected:
    void parseBody(const QByteArray &body) override;
    bool dropParse() override;

private:
    void onParsed();

    ParsedPage m_page;
    QFutureWatcher<PageParseResult> m_parseWatcher;
};
