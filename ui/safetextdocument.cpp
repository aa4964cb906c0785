// SPDX-License-Identifier: MIT
#include "safetextdocument.h"

SafeTextDocument::SafeTextDocument(QObject *parent)
    : QTextDocument(parent)
{
}

QTextDocument::MarkdownFeatures SafeTextDocument::markdownFeatures()
{
    return QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML);
}

QVariant SafeTextDocument::loadResource(int, const QUrl &)
{
    // Not QTextDocument::loadResource: it would read local files and ask a parent text
    // browser, which reads files too.
    ++m_refused;
    return {};
}
