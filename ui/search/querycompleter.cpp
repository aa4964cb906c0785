// SPDX-License-Identifier: MIT
#include "ui/search/querycompleter.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QLineEdit>
#include <QStringListModel>

QueryCompleter::QueryCompleter(QLineEdit *edit, QueryLanguage::Scope scope, QObject *parent)
    : QObject(parent)
    , m_edit(edit)
    , m_completer(new QCompleter(this))
    , m_model(new QStringListModel(this))
    , m_scope(scope)
{
    m_completer->setModel(m_model);
    m_completer->setWidget(edit);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    // Only what the user types opens the list: a query written into the bar by a click does not.
    connect(edit, &QLineEdit::textEdited, this, &QueryCompleter::update);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &QueryCompleter::insert);
    m_completer->popup()->installEventFilter(this);
}

bool QueryCompleter::eventFilter(QObject *watched, QEvent *event)
{
    // The list closed: its field's window is the active one again. Window systems see to that
    // themselves; some platforms (offscreen) leave the popup's activation behind, and then the
    // window's shortcuts (Enter on a result) would wait for a click.
    if (watched == m_completer->popup() && event->type() == QEvent::Hide) {
        QWidget *window = m_edit->window();
        if (window->isVisible() && !window->isActiveWindow())
            window->activateWindow();
    }
    return QObject::eventFilter(watched, event);
}

void QueryCompleter::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled)
        m_completer->popup()->hide();
}

QueryCompleter::Word QueryCompleter::wordAtCursor() const
{
    const QString text = m_edit->text();
    const qsizetype cursor = m_edit->cursorPosition();
    qsizetype start = cursor;
    while (start > 0 && !text.at(start - 1).isSpace())
        --start;
    Word word;
    QString typed = text.mid(start, cursor - start);
    if (typed.startsWith(u'-')) {
        typed.remove(0, 1);
        ++start;
    }
    const qsizetype colon = typed.indexOf(u':');
    if (colon < 0) {
        word.start = start;
        word.prefix = typed;
        return word;
    }
    word.key = typed.left(colon);
    // After the last comma of a list, or right after the colon.
    const qsizetype comma = typed.lastIndexOf(u',');
    const qsizetype valueStart = comma > colon ? comma + 1 : colon + 1;
    word.start = start + valueStart;
    word.prefix = typed.mid(valueStart);
    return word;
}

QStringList QueryCompleter::candidates() const
{
    const Word word = wordAtCursor();
    QStringList all;
    if (word.key.isEmpty()) {
        if (word.prefix.isEmpty())
            return {};
        for (const QString &key : QueryLanguage::keys(m_scope, m_withNotes))
            all << key + u':';
    } else {
        all = QueryLanguage::fixedValues(word.key, m_withNotes);
        if (all.isEmpty() && m_valuesFor) {
            for (const QString &value : m_valuesFor(word.key))
                all << QueryLanguage::quoteValue(value);
        }
    }
    QStringList offered;
    for (const QString &candidate : std::as_const(all)) {
        // Values of the run are matched as the key matches them: by prefix, any case.
        if (candidate.startsWith(word.prefix, Qt::CaseInsensitive) && candidate.compare(word.prefix, Qt::CaseInsensitive) != 0)
            offered << candidate;
    }
    return offered;
}

void QueryCompleter::update()
{
    const QStringList offered = m_enabled ? candidates() : QStringList();
    if (offered.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_model->setStringList(offered);
    m_completer->setCompletionPrefix(wordAtCursor().prefix);
    // Right under the word being completed.
    QRect rect = m_edit->rect();
    rect.setWidth(std::max(220, m_completer->popup()->sizeHintForColumn(0) + 30));
    m_completer->complete(rect);
}

void QueryCompleter::insert(const QString &completion)
{
    const Word word = wordAtCursor();
    QString text = m_edit->text();
    const qsizetype cursor = m_edit->cursorPosition();
    text.replace(word.start, cursor - word.start, completion);
    m_edit->setText(text);
    m_edit->setCursorPosition(int(word.start + completion.size()));
    // A key goes on to its values at once.
    if (completion.endsWith(u':'))
        QMetaObject::invokeMethod(this, &QueryCompleter::update, Qt::QueuedConnection);
}
