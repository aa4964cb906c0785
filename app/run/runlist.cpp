// SPDX-License-Identifier: MIT
#include "run/runlist.h"

QStringList knownSourceTypes()
{
    return {QStringLiteral("LOCAL"), QStringLiteral("SLACK"), QStringLiteral("GITHUB"),
            QStringLiteral("GITHUB_CHECK_SUITE"), QStringLiteral("GITHUB_PR_REVIEW"), QStringLiteral("LINEAR"),
            QStringLiteral("API"), QStringLiteral("CHAT"), QStringLiteral("JIRA"), QStringLiteral("CLICKUP"),
            QStringLiteral("MONDAY"), QStringLiteral("SETUP_COMMANDS")};
}
