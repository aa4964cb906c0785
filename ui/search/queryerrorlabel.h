// SPDX-License-Identifier: MIT
#pragma once

#include "ui/common/plainlabel.h"

class QLineEdit;

// Why a query does not parse ("unknown key `foo:` at character 7"), in red beside its field (the
// search bar's, Search All Runs'), never in a dialog; hidden while the query parses. The field's
// accessible description says it too.
class QueryErrorLabel : public PlainLabel
{
    Q_OBJECT
public:
    explicit QueryErrorLabel(QLineEdit *field, QWidget *parent = nullptr);

    // Empty hides it.
    void setError(const QString &text);
    // What it shows; empty while hidden.
    QString error() const;

private:
    QLineEdit *m_field;
};
