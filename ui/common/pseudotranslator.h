// SPDX-License-Identifier: MIT
#pragma once

#include <QTranslator>

// A pseudo-translation (issue 27): every string of the UI about 40 % longer and accented, in
// brackets, so that a screenshot shows at once what a real translation would clip ("[Öþéñ
// Ŕûñ… ~~]" cut before its "]" is visible) and what is not translatable at all (no accents).
// Turned on by RUNLOG_PSEUDO_LOCALE=1 in the environment: no second build.
class PseudoTranslator : public QTranslator
{
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    // The environment asks for it.
    static bool isRequested();
    // `text` pseudo-translated: letters accented, placeholders (%1, %n, %L1), markup tags,
    // entities (&amp;) and mnemonics (&F) kept, then padded to about 1.4 times its length.
    static QString transform(const QString &text);

    // The English catalogue's text when one is loaded (its plural forms), else the source text,
    // transformed.
    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
    bool isEmpty() const override { return false; }
};
