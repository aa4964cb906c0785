// SPDX-License-Identifier: MIT
#include "ui/search/queryerrorlabel.h"

#include "ui/common/palette.h"

#include <QLineEdit>

QueryErrorLabel::QueryErrorLabel(QLineEdit *field, QWidget *parent)
    : ElidedLabel(parent)
    , m_field(field)
{
    setStyleSheet(QStringLiteral("color: %1").arg(RunlogPalette::errorText(RunlogPalette::isDark(palette())).name()));
    setMinimumWidth(80);
    hide();
}

void QueryErrorLabel::setError(const QString &text)
{
    setFullText(text);
    setVisible(!text.isEmpty());
    m_field->setAccessibleDescription(text);
}

QString QueryErrorLabel::error() const
{
    return isHidden() ? QString() : fullText();
}
