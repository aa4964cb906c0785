// SPDX-License-Identifier: MIT
#include "ui/search/queryerrorlabel.h"

#include "ui/common/palette.h"
#include "ui/common/plaintext.h"

#include <QLineEdit>

QueryErrorLabel::QueryErrorLabel(QLineEdit *field, QWidget *parent)
    : PlainLabel(parent)
    , m_field(field)
{
    setStyleSheet(QStringLiteral("color: %1").arg(RunlogPalette::errorText(RunlogPalette::isDark(palette())).name()));
    // A long message gives way to the field (it is whole in the tooltip).
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setMinimumWidth(80);
    hide();
}

void QueryErrorLabel::setError(const QString &text)
{
    setText(text);
    setToolTip(PlainText::toolTip(text));
    setVisible(!text.isEmpty());
    m_field->setAccessibleDescription(text);
}

QString QueryErrorLabel::error() const
{
    return isHidden() ? QString() : text();
}
