// SPDX-License-Identifier: MIT
#include "api/runlistreply.h"

#include "api/runlistparser.h"

#include <QtConcurrent/QtConcurrentRun>

RunListReply::~RunListReply()
{
    if (m_parseWatcher)
        m_parseWatcher->disconnect(this);
}

void RunListReply::parseBody(QByteArray &&body)
{
    m_parseWatcher = new QFutureWatcher<RunListParseResult>(this);
    connect(m_parseWatcher, &QFutureWatcher<RunListParseResult>::finished, this, &RunListReply::onParsed);
    m_parseWatcher->setFuture(QtConcurrent::run(&RunListParser::parse, std::move(body)));
}

bool RunListReply::dropParse()
{
    if (!m_parseWatcher || !m_parseWatcher->isRunning())
        return false;
    m_parseWatcher->disconnect(this);
    return true;
}

void RunListReply::onParsed()
{
    RunListParseResult result = m_parseWatcher->result();
    if (result.ok)
        m_page = std::move(result.page);
    finishParsed(result.ok, result.error);
}
