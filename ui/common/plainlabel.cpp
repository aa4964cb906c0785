// SPDX-License-Identifier: MIT
#include "ui/common/plainlabel.h"

PlainLabel::PlainLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
}

PlainLabel::PlainLabel(const QString &text, QWidget *parent)
    : QLabel(parent)
{
    // Format first: setText() with the default (auto) format would build a rich document.
    setTextFormat(Qt::PlainText);
    setText(text);
}
