#include "palette.h"

namespace RunlogPalette {

QColor forCategory(MessageCategory category)
{
    switch (category) {
    case MessageCategory::Action: return QColor(0x2f, 0x6f, 0xdd);
    case MessageCategory::Thought: return QColor(0x8a, 0x4f, 0xd8);
    case MessageCategory::Answer: return QColor(0x2e, 0x9d, 0x5b);
    case MessageCategory::Error: return QColor(0xd6, 0x45, 0x45);
    case MessageCategory::User: return QColor(0x1c, 0x9a, 0xa6);
    case MessageCategory::PullRequest: return QColor(0xd9, 0x82, 0x2b);
    case MessageCategory::Link: return QColor(0x5a, 0x7a, 0x9a);
    case MessageCategory::Other: break;
    }
    return QColor(0x80, 0x80, 0x80);
}

QColor forPhase(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Running: return QColor(0x2f, 0x6f, 0xdd);
    case RunPhase::Succeeded: return QColor(0x2e, 0x9d, 0x5b);
    case RunPhase::Failed: return QColor(0xd6, 0x45, 0x45);
    case RunPhase::Unknown: break;
    }
    return QColor(0x80, 0x80, 0x80);
}

QColor errorBackground()
{
    return QColor(0xfd, 0xec, 0xec);
}

QColor warningBackground()
{
    return QColor(0xfd, 0xf5, 0xe2);
}

QColor mark()
{
    return QColor(0x15, 0x65, 0xc0);
}

QColor markTint()
{
    return QColor(0x15, 0x65, 0xc0, 48);
}

} // namespace RunlogPalette
