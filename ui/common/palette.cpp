// SPDX-License-Identifier: MIT
#include "ui/common/palette.h"

#include <QPalette>


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
    // Dark enough for white text in any palette.
    switch (phase) {
    case RunPhase::Running: return QColor(0x2a, 0x62, 0xc4);
    case RunPhase::Succeeded: return QColor(0x1e, 0x7a, 0x45);
    case RunPhase::Failed: return QColor(0xb8, 0x32, 0x32);
    case RunPhase::Unknown: break;
    }
    return QColor(0x6b, 0x6b, 0x6b);
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

QColor note()
{
    return QColor(0xd9, 0x8e, 0x04);
}

QColor noteTint()
{
    return QColor(0xf5, 0xb0, 0x10, 40);
}

QColor foldTint()
{
    return QColor(0x7e, 0x57, 0xc2, 40);
}

QColor foldAccent(bool dark)
{
    return dark ? QColor(0xb3, 0x9d, 0xdb) : QColor(0x6a, 0x45, 0xb0);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

Badge badgeFor(MessageCategory category, bool dark)
{
    // Light: deep text on a pale tint of the hue. Dark: a pale tint on a deep shade.
    switch (category) {
    case MessageCategory::Action:
        return dark ? Badge{QColor(0xa9, 0xc7, 0xff), QColor(0x1d, 0x32, 0x57)} : Badge{QColor(0x1a, 0x4a, 0x9e), QColor(0xe3, 0xec, 0xfb)};
    case MessageCategory::Thought:
        return dark ? Badge{QColor(0xd4, 0xb8, 0xff), QColor(0x35, 0x22, 0x4f)} : Badge{QColor(0x5e, 0x2a, 0xa8), QColor(0xef, 0xe6, 0xfb)};
    case MessageCategory::Answer:
        return dark ? Badge{QColor(0x9f, 0xe0, 0xb8), QColor(0x17, 0x38, 0x2a)} : Badge{QColor(0x1b, 0x6b, 0x3c), QColor(0xe0, 0xf3, 0xe8)};
    case MessageCategory::Error:
        return dark ? Badge{QColor(0xff, 0xb3, 0xb3), QColor(0x4a, 0x1c, 0x1c)} : Badge{QColor(0xa1, 0x22, 0x22), QColor(0xfb, 0xe4, 0xe4)};
    case MessageCategory::User:
        return dark ? Badge{QColor(0x9a, 0xe3, 0xea), QColor(0x12, 0x3a, 0x3e)} : Badge{QColor(0x0f, 0x6a, 0x73), QColor(0xdf, 0xf3, 0xf5)};
    case MessageCategory::PullRequest:
        return dark ? Badge{QColor(0xff, 0xd0, 0x9e), QColor(0x47, 0x30, 0x1a)} : Badge{QColor(0x8a, 0x4a, 0x0b), QColor(0xfb, 0xee, 0xdd)};
    case MessageCategory::Link:
        return dark ? Badge{QColor(0xc0, 0xd0, 0xe0), QColor(0x2a, 0x36, 0x42)} : Badge{QColor(0x3c, 0x58, 0x73), QColor(0xe6, 0xec, 0xf2)};
    case MessageCategory::Other:
        break;
    }
    return dark ? Badge{QColor(0xd0, 0xd0, 0xd0), QColor(0x38, 0x38, 0x38)} : Badge{QColor(0x4d, 0x4d, 0x4d), QColor(0xec, 0xec, 0xec)};
}

QColor longGapText(bool dark)
{
    return dark ? QColor(0xff, 0xb3, 0x66) : QColor(0xa6, 0x53, 0x00);
}

QColor errorText(bool dark)
{
    return dark ? QColor(0xff, 0x9e, 0x9e) : QColor(0xb0, 0x24, 0x24);
}

QColor matchMark()
{
    return QColor(0xe6, 0x9a, 0x1e);
}

QColor matchBackground(bool dark)
{
    return dark ? QColor(0x6b, 0x4e, 0x00) : QColor(0xff, 0xe0, 0x8a);
}

QColor loop(bool dark)
{
    return dark ? QColor(0xe8, 0x6b, 0xc4) : QColor(0xb0, 0x2a, 0x8a);
}

QColor quietText(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const auto mix = [](int a, int b) { return (a * 68 + b * 32) / 100; };
    return QColor(mix(text.red(), base.red()), mix(text.green(), base.green()), mix(text.blue(), base.blue()));
}

QColor neutralBar(const QPalette &palette)
{
    // Mid-grey, a step toward the text: 0x8a on the dark window (0x2b) is 4.3:1, 0x80 on light
    // (0xef) 3.4:1.
    return isDark(palette) ? QColor(0x8a, 0x8a, 0x8a) : QColor(0x80, 0x80, 0x80);
}

QColor compareStepBackground(CompareStep::Op op, bool dark)
{
    switch (op) {
    case CompareStep::Same: return {};
    case CompareStep::Changed: return dark ? QColor(0x4a, 0x3c, 0x12) : QColor(0xff, 0xf1, 0xc4);
    case CompareStep::OnlyLeft: return dark ? QColor(0x55, 0x1e, 0x22) : QColor(0xfd, 0xdc, 0xdc);
    case CompareStep::OnlyRight: return dark ? QColor(0x1b, 0x45, 0x28) : QColor(0xd7, 0xf5, 0xdc);
    }
    return {};
}

QColor wordRemovedBackground(bool dark)
{
    return dark ? QColor(0x7a, 0x26, 0x2c) : QColor(0xf9, 0xc0, 0xc0);
}

QColor wordAddedBackground(bool dark)
{
    return dark ? QColor(0x23, 0x5e, 0x34) : QColor(0xb4, 0xec, 0xbf);
}

} // namespace RunlogPalette
