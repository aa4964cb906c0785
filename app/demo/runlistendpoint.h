// SPDX-License-Identifier: MIT
#pragma once

#include "demo/httpmessage.h"
#include "demo/runrecord.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

// The organization's runs as spec/list-agent-runs.md describes them, over the runs the logs
// endpoint holds:
//   GET /v1/organizations/{org_id}/agent/runs?skip=&limit=&user_id=&source_type=  newest first
//   GET /v1/organizations/{org_id}/agent/run/{agent_run_id}                      one run's fields
// LogsEndpoint routes here after its own checks (method, token, rate limit), so every route
// draws on one budget per token, as the stricter reading of the reference says.
namespace RunListEndpoint {

enum class Route { None, List, Run };
Route match(const QString &path, QString *orgText, QString *runText);

using Accessible = std::function<bool(qint64 organizationId)>;
HttpResponse serveList(const HttpRequest &request, const QString &orgText,
                       const QList<std::shared_ptr<RunRecord>> &runs, const Accessible &accessible);
HttpResponse serveRun(const QString &orgText, const QString &runText, const std::shared_ptr<RunRecord> &run,
                      const Accessible &accessible);

// One AgentRunResponse: the reference's fields in its order, then none other.
QByteArray itemJson(const RunRecord &run);

} // namespace RunListEndpoint
