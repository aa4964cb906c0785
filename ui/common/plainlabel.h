// SPDX-License-Identifier: MIT
#pragma once

#include <QLabel>

// A label whose text is shown as it is (Qt::PlainText), whatever it looks like. Every label of
// Runlog is one of these: a label may one day show a server's or a file's text, and a plain
// QLabel would render that text as HTML when it starts like HTML.
class PlainLabel : public QLabel
{
    Q_OBJECT
public:
    explicit PlainLabel(QWidget *parent = nullptr);
    explicit PlainLabel(const QString &text, QWidget *parent = nullptr);
};
