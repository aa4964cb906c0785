// SPDX-License-Identifier: MIT
#include "search/shownfragments.h"

#include "search/bytefinder.h"

namespace ShownFragments {

bool isLayoutByte(uchar c)
{
    return c < 0x20 || c == ' ' || c == ':' || c == '-' || c == '|' || c == '"' || c == ',' || c == '{' || c == '}'
        || c == '[' || c == ']' || c == '\\';
}

QList<Fragment> of(QByteArrayView needle, bool asciiOnly)
{
    QList<Fragment> out;
    Fragment run;
    bool afterLayout = false;
    for (char c : needle) {
        const uchar u = uchar(c);
        const bool layout = isLayoutByte(u);
        if (layout || (asciiOnly && u >= 0x80)) {
            if (!run.bytes.isEmpty()) {
                run.layoutAfter = layout;
                out.append(run);
            }
            run = Fragment();
            afterLayout = layout;
            continue;
        }
        if (run.bytes.isEmpty())
            run.layoutBefore = afterLayout;
        run.bytes.append(c);
    }
    if (!run.bytes.isEmpty())
        out.append(run);
    return out;
}

namespace {

// Where a verbatim run of the pane's text may start: after a layout byte, at the start, or
// right after an escape (`\n`, `\t`, `\"`: the text before it is the escape's, then the run).
bool runMayStartAt(const uchar *p, qsizetype at)
{
    return at == 0 || isLayoutByte(p[at - 1]) || (at >= 2 && p[at - 2] == '\\');
}

bool runMayEndAt(const uchar *p, qsizetype n, qsizetype end)
{
    return end == n || isLayoutByte(p[end]);
}

bool holds(QByteArrayView json, const Fragment &fragment, bool fold)
{
    const ByteFinder finder(fragment.bytes, fold);
    const auto *p = reinterpret_cast<const uchar *>(json.data());
    const qsizetype n = json.size();
    for (qsizetype from = 0;;) {
        const qsizetype at = finder.find(p, n, from);
        if (at < 0)
            return false;
        if ((!fragment.layoutBefore || runMayStartAt(p, at))
            && (!fragment.layoutAfter || runMayEndAt(p, n, at + fragment.bytes.size())))
            return true;
        from = at + 1;
    }
}

} // namespace

bool allIn(QByteArrayView json, const QList<Fragment> &fragments, bool fold)
{
    for (const Fragment &fragment : fragments) {
        if (!holds(json, fragment, fold))
            return false;
    }
    return true;
}

} // namespace ShownFragments
