// SPDX-License-Identifier: MIT
#include "api/pagereply.h"

#include "api/pageparser.h"
#include "json/paddedjson.h"

#include <QtConcurrent/QtConcurrentRun>

PageReply::~PageReply()
{
    // A parse still running owns only its own copy of the body; let it finish unobserved.
    if (m_parseWatcher)
        m_parseWatcher->disconnect(this);
}

void PageReply::parseBody(QByteArray &&body)
{
    // The parser reads simdjson's padding in place instead of copying the whole body once more.
    // Moved, not shared: growing a shared array would copy all of it.
    PaddedJson::reserveFor(body);
    m_parseWatcher = new QFutureWatcher<PageParseResult>(this);
    connect(m_parseWatcher, &QFutureWatcher<PageParseResult>::finished, this, &PageReply::onParsed);
    m_parseWatcher->setFuture(QtConcurrent::run(&PageParser::parse, std::move(body)));
}

bool PageReply::dropParse()
{
    if (!m_parseWatcher || !m_parseWatcher->isRunning())
        return false;
    m_parseWatcher->disconnect(this);
    return true;
}

void PageReply::onParsed()
{
    PageParseResult result = m_parseWatcher->result();
    if (result.ok)
        m_page = std::move(result.page);
    finishParsed(result.ok, result.error);
}
