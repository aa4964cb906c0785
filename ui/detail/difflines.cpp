// SPDX-License-Identifier: MIT
#include "ui/detail/difflines.h"

namespace DiffLines {

bool opensDiff(QStringView line)
{
    return line.startsWith(u"@@ ") || line.startsWith(u"diff --git ") || line.startsWith(u"--- ")
        || line.startsWith(u"Index: ");
}

Kind kindOf(QStringView line)
{
    if (line.startsWith(u"@@"))
        return Kind::Hunk;
    if (line.startsWith(u"+++") || line.startsWith(u"---") || line.startsWith(u"diff --git") || line.startsWith(u"index "))
        return Kind::FileHeader;
    if (line.startsWith(u'+'))
        return Kind::Added;
    if (line.startsWith(u'-'))
        return Kind::Removed;
    return Kind::Context;
}

QTextCharFormat formatFor(Kind kind)
{
    QTextCharFormat format;
    switch (kind) {
    case Kind::Added:
        format.setForeground(QColor(0x2e, 0x9d, 0x5b));
        format.setBackground(QColor(0x2e, 0x9d, 0x5b, 40));
        break;
    case Kind::Removed:
        format.setForeground(QColor(0xd6, 0x45, 0x45));
        format.setBackground(QColor(0xd6, 0x45, 0x45, 40));
        break;
    case Kind::Hunk:
        format.setForeground(QColor(0x1c, 0x9a, 0xa6));
        break;
    case Kind::FileHeader:
        format.setFontWeight(QFont::Bold);
        break;
    case Kind::Context:
        break;
    }
    return format;
}

} // namespace DiffLines
