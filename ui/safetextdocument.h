// SPDX-License-Identifier: MIT
#pragma once

#include <QTextDocument>

// A document that loads nothing: Markdown from a run may name images by path or URL
// (![](/etc/passwd), ![](http://…)), and laying it out must neither read a file nor reach the
// network. Every resource the layout asks for is refused, and counted (for tests).
class SafeTextDocument : public QTextDocument
{
    Q_OBJECT
public:
    explicit SafeTextDocument(QObject *parent = nullptr);

    int refusedResources() const { return m_refused; }

    // Markdown as GitHub writes it, with HTML left as text.
    static QTextDocument::MarkdownFeatures markdownFeatures();

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    int m_refused = 0;
};
