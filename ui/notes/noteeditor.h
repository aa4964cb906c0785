// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

// Writing or changing the note on one entry: plain text (shown as Markdown without HTML);
// Ctrl+Enter saves, Escape cancels, Delete removes a note that exists.
class NoteEditor : public QDialog
{
    Q_OBJECT
public:
    enum class Outcome { Cancelled, Saved, Deleted };

    // `entryNumber`: 1-based, as the table shows it.
    NoteEditor(int entryNumber, const QString &text, QWidget *parent = nullptr);

    QString text() const;
    Outcome outcome() const { return m_outcome; }
    QPlainTextEdit *editor() const { return m_editor; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPlainTextEdit *m_editor;
    QPushButton *m_delete;
    QPushButton *m_save;
    Outcome m_outcome = Outcome::Cancelled;
};
