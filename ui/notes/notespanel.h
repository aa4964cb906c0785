// SPDX-License-Identifier: MIT
#pragma once

#include "store/storednote.h"

#include <QList>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

// View > Notes: every note on the open run, oldest entry first, each with its entry number and
// its first line; a click or Enter goes to the entry. Notes whose entry is no longer in the run
// (orphans) are listed last and say so; they can be deleted from here.
class NotesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit NotesPanel(QWidget *parent = nullptr);

    // `orphans`: which of `notes` lost their entry (same order).
    void setNotes(const QList<StoredNote> &notes, const QList<bool> &orphans);
    QTreeWidget *list() const { return m_list; }

signals:
    // 1-based entry number.
    void entryRequested(int entryNumber);
    void orphanChosen(const StoredNote &note);
    void deleteRequested(const StoredNote &note);

private:
    void activate(QTreeWidgetItem *item);

    QLabel *m_summary;
    QTreeWidget *m_list;
    QList<StoredNote> m_notes;
    QList<bool> m_orphans;
};
