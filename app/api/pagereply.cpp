#include "api/pagereply.h"

#include "api/pageparser.h"

#include <QtConcurrent/QtConcurrentRun>

PageReply::PageReply(QNetworkReply *reply, const QUrl &allowedOrigin, const Limits &limits, QObject *parent)
    : ApiReply(reply, allowedOrigin, limits, parent)
{
    connect(&m_parseWatcher, &QFutureWatcher<PageParseResult>::finished, this, &PageReply::onParsed);
}

PageReply::PageReply(const ApiError &error, QObject *parent)
    : ApiReply(error, parent)
{
}

PageReply::~PageReply()
{
    // A parse still running owns only its own copy of the body; let it finish unobserved.
    m_parseWatcher.disconnect(this);
}

void PageReply::parseBody(const QByteArray &body)
{
    m_parseWatcher.setFuture(QtConcurrent::run(&PageParser::parse, body));
}

bool PageReply::dropParse()
{
    if (!m_parseWatcher.isRunning())
        return false;
    m_parseWatcher.disconnect(this);
    return true;
}

void PageReply::onParsed()
{
    PageParseResult result = m_parseWatcher.result();
    if (result.ok)
        m_page = std::move(result.page);
    finishParsed(result.ok ? QString() : result.error);
}
