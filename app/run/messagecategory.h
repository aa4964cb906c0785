// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// message_type is a free string; these are the families the UI colours alike. Unknown types are
// Other and are shown with their own text.
enum class MessageCategory { Action, Thought, Answer, Error, User, PullRequest, Link, Other };

MessageCategory messageCategoryOf(const QString &messageType);
