// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// What each line of JsonText::readable()'s text is, read in order: a member's key (to colour),
// a line of a multi-line string's block under `key: |` or `- |` (its own text: a colon in it is
// no key), or anything else. Shared by the detail pane's two renderings of that text.
//
// A list's items start with "- ": an object's first key is on the item's line ("- text: |"), so
// keys are looked for after the dashes. A string item that reads like a key ("- Error: gone") is
// coloured as one: the text alone cannot tell them apart, and lists of objects (content blocks,
// messages, source records) are far more common in agents' logs than such strings.
class ReadableLines
{
public:
    enum class Kind { Key, BlockText, Other };
    struct Line
    {
        Kind kind = Kind::Other;
        int keyStart = 0;  // Key: where the key starts (after the indentation and any "- ")
        int keyLength = 0; // Key: up to and with its colon
        // BlockText: where the block's text starts (its first line's indentation), and whether
        // the block reads as a diff (its first line does).
        int textStart = 0;
        bool blockIsDiff = false;
    };

    // The next line of the text. An empty line changes nothing (a block may hold empty lines).
    Line next(const QString &line);
    // How many spaces the line starts with.
    static int indentOf(const QString &line);
    // A new section begins: no block is open.
    void reset() { m_blockOwner = -1; }

private:
    int m_blockOwner = -1; // the opening line's key or dash column while inside a block
    int m_textStart = -1;  // the block's text starts here (-1 until its first line)
    bool m_blockIsDiff = false;
};
