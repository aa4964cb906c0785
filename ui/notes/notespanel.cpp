// SPDX-License-Identifier: MIT
#include "ui/notes/notespanel.h"

#include "ui/common/palette.h"
#include "ui/common/plainlabel.h"
#include "ui/common/plaintooltipdelegate.h"
#include "ui/detail/markdownview.h"

#include <QAction>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int kIndexRole = Qt::UserRole + 1;
}

NotesPanel::NotesPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new PlainLabel(this))
    , m_list(new QTreeWidget(this))
{
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("#"), tr("Note")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    // The notes are the user's own text, but still never markup in a tooltip.
    m_list->setItemDelegate(new PlainToolTipDelegate(m_list));
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *remove = new QAction(tr("Delete Note"), m_list);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(remove);
    connect(remove, &QAction::triggered, this, [this] {
        QTreeWidgetItem *item = m_list->currentItem();
        if (item)
            emit deleteRequested(m_notes.value(item->data(0, kIndexRole).toInt()));
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { activate(item); });
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) { activate(item); });
    m_summary->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    setNotes({}, {});
}

void NotesPanel::setNotes(const QList<StoredNote> &notes, const QList<bool> &orphans)
{
    const int current = m_list->currentItem() ? m_list->currentItem()->data(0, kIndexRole).toInt() : -1;
    m_notes = notes;
    m_orphans = orphans;
    m_list->clear();
    int orphanCount = 0;
    QLocale locale;
    for (int i = 0; i < notes.size(); ++i) {
        const StoredNote &note = notes.at(i);
        const bool orphan = orphans.value(i);
        orphanCount += orphan ? 1 : 0;
        auto *item = new QTreeWidgetItem(m_list);
        item->setData(0, kIndexRole, i);
        item->setText(0, locale.toString(note.position + 1));
        item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
        const QString line = MarkdownView::firstPlainLine(note.text);
        item->setText(1, orphan ? tr("%1 (its entry is no longer in the run)").arg(line) : line);
        item->setToolTip(1, note.text);
        if (orphan) {
            QFont font = item->font(1);
            font.setItalic(true);
            item->setFont(1, font);
            item->setForeground(1, RunlogPalette::quietText(palette()));
            item->setForeground(0, RunlogPalette::quietText(palette()));
        }
        if (i == current)
            m_list->setCurrentItem(item);
    }
    if (notes.isEmpty())
        m_summary->setText(tr("No notes on this run. Select an entry and press N to write one."));
    else if (orphanCount == 0)
        m_summary->setText(tr("%Ln notes. Click one to go to its entry.", nullptr, int(notes.size())));
    else
        m_summary->setText(tr("%Ln notes; %1 lost their entry.", nullptr, int(notes.size()))
                               .arg(QLocale().toString(orphanCount)));
}

void NotesPanel::activate(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const int index = item->data(0, kIndexRole).toInt();
    if (index < 0 || index >= m_notes.size())
        return;
    if (m_orphans.value(index))
        emit orphanChosen(m_notes.at(index));
    else
        emit entryRequested(int(m_notes.at(index).position + 1));
}
