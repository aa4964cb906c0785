// SPDX-License-Identifier: MIT
#include "ui/notes/noteeditor.h"

#include "ui/common/plainlabel.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QKeySequence>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QKeyEvent>
#include <QVBoxLayout>

NoteEditor::NoteEditor(int entryNumber, const QString &text, QWidget *parent)
    : QDialog(parent)
    , m_editor(new QPlainTextEdit(this))
{
    const bool existing = !text.isEmpty();
    setWindowTitle(existing ? tr("Edit Note on Entry %1").arg(QLocale().toString(entryNumber))
                            : tr("Add Note to Entry %1").arg(QLocale().toString(entryNumber)));
    auto *hint = new PlainLabel(tr("Plain text, shown as Markdown (**bold**, `code`, lists). Kept with the run "
                                   "in your library; never sent anywhere. Ctrl+Enter saves."), this);
    hint->setWordWrap(true);
    m_editor->setPlainText(text);
    m_editor->setTabChangesFocus(true);
    m_editor->setPlaceholderText(tr("What happened here?"));
    m_editor->setAccessibleName(tr("Note"));
    m_editor->setMinimumSize(420, 160);
    m_editor->moveCursor(QTextCursor::End);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setToolTip(tr("Save the note (Ctrl+Enter)"));
    m_delete = buttons->addButton(tr("&Delete Note"), QDialogButtonBox::DestructiveRole);
    m_delete->setVisible(existing);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        m_outcome = Outcome::Saved;
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        m_outcome = Outcome::Deleted;
        accept();
    });
    // Ctrl+Enter saves: the text edit would take it as a line break, so it is caught first.
    m_save = buttons->button(QDialogButtonBox::Save);
    m_editor->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_editor, 1);
    layout->addWidget(buttons);
    m_editor->setFocus();
}

bool NoteEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ControlModifier)) {
            if (event->type() == QEvent::KeyPress)
                m_save->click();
            event->accept();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

QString NoteEditor::text() const
{
    return m_editor->toPlainText();
}
