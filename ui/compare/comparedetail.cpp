// SPDX-License-Identifier: MIT
#include "ui/compare/comparedetail.h"

#include "compare/compareentry.h"
#include "compare/worddiff.h"
#include "ui/common/palette.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>

namespace {

// A selected pair is diffed on the window's thread: a cap keeps one huge output from stalling it
// (past it, the differing middle is shown removed, then added, whole).
constexpr qsizetype wordDiffCells = 1'000'000;
// A field is shown up to this many characters: a tool output of megabytes would take the text
// view seconds to lay out. What is left out is said.
constexpr qsizetype shownCharacters = 100'000;

// A field's name, marked with QT_TRANSLATE_NOOP below, in the user's language.
QString translated(const char *text)
{
    return QCoreApplication::translate("CompareDetail", text);
}

void writeHeading(QTextCursor &cursor, const QString &text)
{
    QTextCharFormat heading;
    heading.setFontWeight(QFont::Bold);
    cursor.insertText(text, heading);
    cursor.insertText(QStringLiteral("\n"), QTextCharFormat());
}

void writeTitle(QTextCursor &cursor, int entry, QByteArrayView raw)
{
    const CompareEntry::Line line = CompareEntry::lineOf(raw);
    QStringList parts{QCoreApplication::translate("CompareDetail", "Entry %1").arg(entry)};
    if (!line.messageType.isEmpty())
        parts << line.messageType;
    if (!line.toolName.isEmpty())
        parts << line.toolName;
    QTextCharFormat title;
    title.setFontWeight(QFont::Bold);
    title.setFontPointSize(cursor.document()->defaultFont().pointSizeF() * 1.15);
    cursor.insertText(parts.join(QStringLiteral(" · ")), title);
    cursor.insertText(QStringLiteral("\n\n"), QTextCharFormat());
}

struct FieldTexts
{
    const char *name;
    QString left;
    QString right;
};

// The field's text as far as it is shown, and how many characters are left out.
QString shownPart(const QString &text, qsizetype *leftOut)
{
    *leftOut = std::max<qsizetype>(0, text.size() - shownCharacters);
    return *leftOut > 0 ? text.left(shownCharacters) : text;
}

void writeLeftOut(QTextCursor &cursor, qsizetype leftOut)
{
    if (leftOut <= 0)
        return;
    QTextCharFormat quiet;
    quiet.setFontItalic(true);
    const QString note = QCoreApplication::translate("CompareDetail", "… %1 more characters not shown");
    cursor.insertText(QStringLiteral("\n") + note.arg(QLocale().toString(leftOut)), quiet);
}

QList<FieldTexts> fieldTexts(const CompareEntry::Fields &left, const CompareEntry::Fields &right)
{
    return {
        {QT_TRANSLATE_NOOP("CompareDetail", "Thought"), left.thought, right.thought},
        {QT_TRANSLATE_NOOP("CompareDetail", "Observation"), left.observation, right.observation},
        {QT_TRANSLATE_NOOP("CompareDetail", "Tool input"), left.toolInput, right.toolInput},
        {QT_TRANSLATE_NOOP("CompareDetail", "Tool output"), left.toolOutput, right.toolOutput},
    };
}

void writeFields(QTextCursor &cursor, int entry, QByteArrayView raw, bool leftSide, const QList<FieldTexts> &fields)
{
    writeTitle(cursor, entry, raw);
    for (const FieldTexts &field : fields) {
        const QString &text = leftSide ? field.left : field.right;
        if (text.isEmpty())
            continue;
        writeHeading(cursor, translated(field.name));
        qsizetype leftOut = 0;
        cursor.insertText(shownPart(text, &leftOut), QTextCharFormat());
        writeLeftOut(cursor, leftOut);
        cursor.insertText(QStringLiteral("\n\n"), QTextCharFormat());
    }
}

void writeDiffedFields(QTextCursor &left, QTextCursor &right, const QList<FieldTexts> &fields, bool dark)
{
    QTextCharFormat removed;
    removed.setFontStrikeOut(true);
    removed.setBackground(RunlogPalette::wordRemovedBackground(dark));
    QTextCharFormat added;
    added.setFontUnderline(true);
    added.setFontWeight(QFont::Bold);
    added.setBackground(RunlogPalette::wordAddedBackground(dark));
    for (const FieldTexts &field : fields) {
        if (field.left.isEmpty() && field.right.isEmpty())
            continue;
        const QString heading = field.left == field.right ? translated(field.name) : translated(field.name) + QStringLiteral(" ≠");
        writeHeading(left, heading);
        writeHeading(right, heading);
        qsizetype leftOutLeft = 0;
        qsizetype leftOutRight = 0;
        const QString shownLeft = shownPart(field.left, &leftOutLeft);
        const QString shownRight = shownPart(field.right, &leftOutRight);
        for (const WordDiff::Piece &piece : WordDiff::diff(shownLeft, shownRight, wordDiffCells)) {
            if (piece.kind != WordDiff::Piece::Added)
                left.insertText(piece.text, piece.kind == WordDiff::Piece::Removed ? removed : QTextCharFormat());
            if (piece.kind != WordDiff::Piece::Removed)
                right.insertText(piece.text, piece.kind == WordDiff::Piece::Added ? added : QTextCharFormat());
        }
        writeLeftOut(left, leftOutLeft);
        writeLeftOut(right, leftOutRight);
        left.insertText(QStringLiteral("\n\n"), QTextCharFormat());
        right.insertText(QStringLiteral("\n\n"), QTextCharFormat());
    }
}

void writeAbsent(QTextCursor &cursor, bool leftSide)
{
    QTextCharFormat quiet;
    quiet.setFontItalic(true);
    cursor.insertText(leftSide ? QCoreApplication::translate("CompareDetail", "Not in the left run.")
                               : QCoreApplication::translate("CompareDetail", "Not in the right run."),
                      quiet);
}

} // namespace

namespace CompareDetail {

void fill(QTextDocument *leftDocument, QTextDocument *rightDocument, const CompareStep &step,
          const QByteArray &left, const QByteArray &right, bool dark)
{
    leftDocument->clear();
    rightDocument->clear();
    QTextCursor leftCursor(leftDocument);
    QTextCursor rightCursor(rightDocument);
    const CompareEntry::Fields leftFields = step.leftEntry > 0 ? CompareEntry::fieldsOf(left) : CompareEntry::Fields{};
    const CompareEntry::Fields rightFields = step.rightEntry > 0 ? CompareEntry::fieldsOf(right) : CompareEntry::Fields{};
    const QList<FieldTexts> fields = fieldTexts(leftFields, rightFields);
    if (step.op == CompareStep::Changed) {
        writeTitle(leftCursor, step.leftEntry, left);
        writeTitle(rightCursor, step.rightEntry, right);
        writeDiffedFields(leftCursor, rightCursor, fields, dark);
        return;
    }
    if (step.leftEntry > 0)
        writeFields(leftCursor, step.leftEntry, left, true, fields);
    else
        writeAbsent(leftCursor, true);
    if (step.rightEntry > 0)
        writeFields(rightCursor, step.rightEntry, right, false, fields);
    else
        writeAbsent(rightCursor, false);
}

} // namespace CompareDetail
