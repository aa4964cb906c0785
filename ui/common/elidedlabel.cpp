// SPDX-License-Identifier: MIT
#include "ui/common/elidedlabel.h"
#include "ui/common/plaintext.h"

#include <QResizeEvent>

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString &text, const QStringList &shorterForms)
{
    m_fullText = text;
    m_shorterForms = shorterForms;
    updateElision();
    updateGeometry();
}

QSize ElidedLabel::minimumSizeHint() const
{
    return {fontMetrics().horizontalAdvance(QStringLiteral("Xx…")), QLabel::minimumSizeHint().height()};
}

QSize ElidedLabel::sizeHint() const
{
    const int margins = contentsMargins().left() + contentsMargins().right() + 2 * margin();
    return {fontMetrics().horizontalAdvance(m_fullText) + margins + 2, QLabel::sizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    updateElision();
}

void ElidedLabel::updateElision()
{
    const int width = contentsRect().width() - 2 * margin();
    QString candidate = m_fullText;
    for (const QString &shorter : m_shorterForms) {
        if (fontMetrics().horizontalAdvance(candidate) <= width)
            break;
        candidate = shorter;
    }
    const QString shown = fontMetrics().elidedText(candidate, Qt::ElideRight, std::max(0, width));
    setText(shown);
    setToolTip(shown == m_fullText ? QString() : PlainText::toolTip(m_fullText));
}
