// SPDX-License-Identifier: MIT
#pragma once

#include "search/querylanguage.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QCompleter;
class QLineEdit;
class QStringListModel;

// Completion for the query language in a line edit, word by word: the keys while a word is begun
// ("ty" offers type:), then the key's values after the colon (type: and tool: the run's own
// message types and tools, field:, is:, has: their fixed names), also after a '-' and after a
// comma of a list. Choosing one replaces the word under the cursor.
class QueryCompleter : public QObject
{
    Q_OBJECT
public:
    // `valuesFor(key)`: the run's values of a key (type, tool); none for others.
    using ValuesFor = std::function<QStringList(const QString &key)>;

    QueryCompleter(QLineEdit *edit, QueryLanguage::Scope scope, QObject *parent = nullptr);

    void setValuesFor(ValuesFor valuesFor) { m_valuesFor = std::move(valuesFor); }
    // has: is offered only while notes are kept.
    void setNotesAvailable(bool available) { m_withNotes = available; }
    // Off while the bar's regex toggle makes the text one expression.
    void setEnabled(bool enabled);

    QCompleter *completer() const { return m_completer; }
    // What the word under the cursor would complete to now (tests, and the popup's list).
    QStringList candidates() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Word
    {
        qsizetype start = 0;     // where the completed part begins
        QString prefix;          // what of it is typed
        QString key;             // empty: completing a key
    };
    Word wordAtCursor() const;
    void update();
    void insert(const QString &completion);

    QLineEdit *m_edit;
    QCompleter *m_completer;
    QStringListModel *m_model;
    QueryLanguage::Scope m_scope;
    ValuesFor m_valuesFor;
    bool m_withNotes = false;
    bool m_enabled = true;
};
