// SPDX-License-Identifier: MIT
#pragma once

#include "ui/detail/safetextbrowser.h"

class SafeTextDocument;

// Markdown from a server (a run's result) shown as formatted, selectable, copyable text:
// GitHub's dialect without raw HTML, no image or other resource ever loaded (from a path or the
// network: SafeTextDocument shows an image as its alt text, and it and SafeTextBrowser refuse
// every resource), and only http(s) links opened, in the system browser, when clicked.
class MarkdownView : public SafeTextBrowser
{
    Q_OBJECT
public:
    explicit MarkdownView(QWidget *parent = nullptr);

    void setMarkdownText(const QString &markdown);
    // The first line of text the Markdown shows (no "##", no "**"), for a one-line summary.
    static QString firstPlainLine(const QString &markdown);

private:
    SafeTextDocument *m_document;
};
