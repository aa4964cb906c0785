// SPDX-License-Identifier: MIT
#pragma once

#include "ui/common/elidedlabel.h"

class QLineEdit;

// Why a query does not parse ("unknown key `foo:` at character 7"), in red beside its field (the
// search bar's, Search All Runs'), never in a dialog; hidden while the query parses. The field's
// accessible description says it too. A message longer than the room beside the field ends in "…"
// and is whole in the tooltip: it gives way to the field, and a cut word never passes for whole.
class QueryErrorLabel : public ElidedLabel
{
    Q_OBJECT
public:
    explicit QueryErrorLabel(QLineEdit *field, QWidget *parent = nullptr);

    // Empty hides it.
    void setError(const QString &text);
    // The whole message; empty while hidden.
    QString error() const;

private:
    QLineEdit *m_field;
};
