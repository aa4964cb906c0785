// SPDX-License-Identifier: MIT
#include "compare/comparewords.h"

QString CompareWords::duration(const std::optional<double> &seconds)
{
    return seconds ? QString::number(*seconds, 'f', 1) + QStringLiteral(" s") : QStringLiteral("unknown");
}

QString CompareWords::stepKind(CompareStep::Op op)
{
    switch (op) {
    case CompareStep::Same: return QStringLiteral("= same");
    case CompareStep::Changed: return QStringLiteral("≠ changed");
    case CompareStep::OnlyLeft: return QStringLiteral("− only left");
    case CompareStep::OnlyRight: return QStringLiteral("+ only right");
    }
    return {};
}
