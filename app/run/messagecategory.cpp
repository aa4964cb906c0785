// SPDX-License-Identifier: MIT
#include "run/messagecategory.h"

MessageCategory messageCategoryOf(const QString &messageType)
{
    const QString type = messageType.trimmed().toUpper();
    if (type == QLatin1String("ACTION"))
        return MessageCategory::Action;
    if (type == QLatin1String("PLAN_EVALUATION") || type == QLatin1String("COMMIT_EVALUATION")
        || type == QLatin1String("PR_EVALUATION"))
        return MessageCategory::Thought;
    if (type == QLatin1String("FINAL_ANSWER"))
        return MessageCategory::Answer;
    if (type == QLatin1String("ERROR") || type == QLatin1String("PR_CREATION_FAILED")
        || type == QLatin1String("DETECT_PR_ERRORS"))
        return MessageCategory::Error;
    if (type == QLatin1String("USER_MESSAGE") || type == QLatin1String("USER_GITHUB_ISSUE_COMMENT"))
        return MessageCategory::User;
    if (type == QLatin1String("INITIAL_PR_GENERATION") || type == QLatin1String("FIX_PR_ERRORS"))
        return MessageCategory::PullRequest;
    if (type == QLatin1String("AGENT_RUN_LINK"))
        return MessageCategory::Link;
    return MessageCategory::Other;
}
