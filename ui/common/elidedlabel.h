// SPDX-License-Identifier: MIT
#pragma once

#include <QLabel>

// A one-line plain-text label that fits any width: the text is cut with "…" where the label ends
// and shown in full in its tooltip (escaped: tooltips are rich text when they look like it). It
// never makes its window wider than it can be.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    // shorterForms: shorter forms of the text, longest first (the time without its label, then
    // the date alone), the first that fits shown before anything is cut.
    void setFullText(const QString &text, const QStringList &shorterForms = {});
    QString fullText() const { return m_fullText; }
    // The last of the shorter forms, or the text itself when it has none.
    QString shortestForm() const { return m_shorterForms.isEmpty() ? m_fullText : m_shorterForms.last(); }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateElision();

    QString m_fullText;
    QStringList m_shorterForms;
};
