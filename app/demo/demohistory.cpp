// SPDX-License-Identifier: MIT
#include "demo/demohistory.h"

#include "json/jsonwriter.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <iterator>

namespace {

struct Task
{
    const char *request;
    const char *summary;
    const char *branch;
    const char *source;
};

// What the agent was asked, how it ended, and where the request came from.
const Task kTasks[] = {
    {"Fix the flaky test_checkout_timeout test.", "Made the checkout timeout test deterministic by freezing time.", "fix-flaky-checkout-timeout", "GITHUB"},
    {"Add pagination to GET /orders.", "Added skip/limit pagination to /orders with tests.", "orders-pagination", "LINEAR"},
    {"Why does the nightly export job fail?", "The export job ran out of memory on 2M rows; it now streams.", "stream-nightly-export", "SLACK"},
    {"Bump requests to 2.32 and fix deprecations.", "Upgraded requests; replaced two deprecated calls.", "bump-requests", "GITHUB_CHECK_SUITE"},
    {"Review PR #471: coupon stacking.", "Reviewed coupon stacking: two edge cases need tests.", "review-471", "GITHUB_PR_REVIEW"},
    {"Write a migration for the new discounts table.", "Added the discounts migration and a rollback.", "discounts-migration", "JIRA"},
    {"Translate the checkout emails to German.", "Translated 12 email templates; a native speaker should check tone.", "emails-de", "CLICKUP"},
    {"Set up the dev container.", "Dev container builds; Postgres and Redis start with it.", "devcontainer", "SETUP_COMMANDS"},
    {"Summarise last week's incidents.", "Three incidents, all from the payment provider's outage.", "incident-summary", "CHAT"},
    {"Add a /healthz endpoint.", "Added /healthz with database and cache checks.", "healthz", "API"},
    {"Refactor the tax calculator into a module.", "Moved tax code into pricing/tax.py; no behaviour change.", "tax-module", "MONDAY"},
    {"Reproduce the rounding bug locally.", "Reproduced: totals round half-down for JPY.", "repro-rounding", "LOCAL"},
};

const char *const kFinishedStatuses[] = {"COMPLETE", "COMPLETE", "COMPLETE", "COMPLETE", "FAILED", "ERROR",
                                         "CANCELLED", "TIMEOUT", "MAX_ITERATIONS_REACHED"};
const char *const kTools[] = {"ripgrep_search", "view_file", "edit_file", "run_command", "create_pr"};

QByteArray str(const QByteArray &utf8)
{
    return JsonWriter::string(utf8);
}

QByteArray iso(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")).toUtf8();
}

QByteArray entry(qint64 runId, qint64 msecs, const char *type, const QByteArray &tool, const QByteArray &thought,
                 const QByteArray &observation, const QByteArray &input, const QByteArray &output)
{
    return "{\"agent_run_id\":" + QByteArray::number(runId) + ",\"created_at\":" + str(iso(msecs))
        + ",\"tool_name\":" + tool + ",\"message_type\":\"" + type + "\",\"thought\":" + thought
        + ",\"observation\":" + observation + ",\"tool_input\":" + input + ",\"tool_output\":" + output + '}';
}

} // namespace

namespace DemoHistory {

const QList<qint64> &userIds()
{
    static const QList<qint64> ids = {101, 102, 103};
    return ids;
}

QList<std::shared_ptr<RunRecord>> makeRuns(qint64 organizationId, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<std::shared_ptr<RunRecord>> runs;
    // The newest of them a day before the featured runs (2025-06-21), then back in time.
    qint64 startMs = QDateTime(QDate(2025, 6, 20), QTime(17, 42, 5), Qt::UTC).toMSecsSinceEpoch();
    for (int i = 0; i < kRunCount; ++i) {
        const Task &task = kTasks[rng.bounded(int(std::size(kTasks)))];
        auto run = std::make_shared<RunRecord>();
        run->id = kFirstRunId + kRunCount - 1 - i; // newest first, ids counting down
        run->organizationId = organizationId;
        run->userId = userIds().at(int(rng.bounded(int(userIds().size()))));
        const char *status = kFinishedStatuses[rng.bounded(int(std::size(kFinishedStatuses)))];
        const bool succeeded = qstrcmp(status, "COMPLETE") == 0;
        run->setStatus(QString::fromLatin1(status));
        run->setField(QStringLiteral("created_at"), str(iso(startMs)));
        run->setField(QStringLiteral("web_url"), str("https://codegen.com/agent/trace/" + QByteArray::number(run->id)));
        run->setField(QStringLiteral("result"), succeeded ? str(task.summary) : QByteArray("null"));
        run->setField(QStringLiteral("metadata"),
                      "{\"repository\":\"acme/checkout-service\",\"branch\":" + str(QByteArray("codegen/") + task.branch) + '}');
        run->listFields.append({QStringLiteral("summary"), succeeded || rng.bounded(2) ? str(task.summary) : QByteArray("null")});
        run->listFields.append({QStringLiteral("source_type"), str(task.source)});
        QByteArray pulls = "[]";
        if (succeeded && rng.bounded(3) != 0) {
            const qint64 number = 300 + run->id - kFirstRunId;
            pulls = "[{\"id\":" + QByteArray::number(70000 + number) + ",\"created_at\":" + str(iso(startMs + 600000))
                + ",\"title\":" + str(task.summary) + ",\"url\":"
                + str("https://github.com/acme/checkout-service/pull/" + QByteArray::number(number))
                + ",\"head_branch_name\":" + str(QByteArray("codegen/") + task.branch) + "}]";
        }
        run->listFields.append({QStringLiteral("github_pull_requests"), pulls});

        qint64 at = startMs;
        const auto next = [&at, &rng] { return at += 1000 + qint64(rng.bounded(20000)); };
        run->entries.append(entry(run->id, next(), "USER_MESSAGE", "null", "null", str(task.request), "null", "null"));
        run->entries.append(entry(run->id, next(), "PLAN_EVALUATION", "null",
                                  str("First find where this lives, then change it and run the tests."), "null", "null", "null"));
        const int actions = 2 + int(rng.bounded(30));
        for (int k = 0; k < actions; ++k) {
            const QByteArray tool = str(kTools[rng.bounded(int(std::size(kTools)))]);
            run->entries.append(entry(run->id, next(), "ACTION", tool, str("Looking at step " + QByteArray::number(k + 1) + '.'),
                                      "{\"status\":\"success\"}", "{\"path\":\"src/\"}",
                                      "{\"output\":" + str("ok: step " + QByteArray::number(k + 1)) + ",\"exit_code\":0}"));
        }
        if (succeeded)
            run->entries.append(entry(run->id, next(), "FINAL_ANSWER", "null", "null", str(task.summary), "null", "null"));
        else
            run->entries.append(entry(run->id, next(), "ERROR", "null", "null",
                                      str(QByteArray("The run ended: ") + status), "null", "null"));
        runs.append(run);
        startMs -= 3600000LL * (3 + qint64(rng.bounded(20)));
    }
    return runs;
}

} // namespace DemoHistory
