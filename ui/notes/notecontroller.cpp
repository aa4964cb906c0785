// SPDX-License-Identifier: MIT
#include "ui/notes/notecontroller.h"

#include "notes/notesfile.h"
#include "notes/runnotes.h"
#include "rows/logtablemodel.h"
#include "search/logfilterproxymodel.h"
#include "session/runsession.h"
#include "ui/common/plaintext.h"
#include "ui/notes/noteeditor.h"
#include "ui/notes/notespanel.h"
#include "ui/table/currententrycontroller.h"
#include "ui/table/logtableview.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QSaveFile>

#include <algorithm>

namespace {
// A notes file is a few kilobytes; anything much bigger is not one.
constexpr qint64 kMaxNotesFileBytes = 64LL << 20;
}

NoteController::NoteController(RunSession *session, LogFilterProxyModel *proxy, LogTableView *table,
                               CurrentEntryController *currentEntry, const Actions &actions, QMainWindow *window)
    : QObject(window)
    , m_session(session)
    , m_proxy(proxy)
    , m_table(table)
    , m_currentEntry(currentEntry)
    , m_window(window)
    , m_addNote(actions.addNote)
    , m_deleteNote(actions.deleteNote)
    , m_onlyNoted(actions.onlyNoted)
    , m_showNotes(actions.showNotes)
    , m_exportNotes(actions.exportNotes)
    , m_importNotes(actions.importNotes)
    , m_dock(new QDockWidget(tr("Notes"), window))
    , m_panel(new NotesPanel(m_dock))
{
    m_dock->setObjectName(QStringLiteral("notesDock"));
    m_dock->setWidget(m_panel);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();

    connect(m_addNote, &QAction::triggered, this, &NoteController::editCurrent);
    connect(m_deleteNote, &QAction::triggered, this, &NoteController::deleteCurrent);
    connect(m_onlyNoted, &QAction::toggled, m_proxy, &LogFilterProxyModel::setNotedOnly);
    // Clear Filters lifts this one too: the menu's tick follows.
    connect(m_proxy, &LogFilterProxyModel::filterChanged, this, [this] { m_onlyNoted->setChecked(m_proxy->isNotedOnly()); });
    connect(m_showNotes, &QAction::toggled, m_dock, &QWidget::setVisible);
    connect(m_dock, &QDockWidget::visibilityChanged, m_showNotes, &QAction::setChecked);
    connect(m_exportNotes, &QAction::triggered, this, &NoteController::writeNotesFile);
    connect(m_importNotes, &QAction::triggered, this, &NoteController::readNotesFile);
    connect(m_panel, &NotesPanel::entryRequested, this, [this](int entry) { m_currentEntry->goToEntryNumber(entry); });
    connect(m_panel, &NotesPanel::orphanChosen, this, [this](const StoredNote &note) {
        emit message(tr("Entry %1 no longer holds the entry this note was written on.")
                         .arg(QLocale().toString(note.position + 1)), 6000);
    });
    connect(m_panel, &NotesPanel::deleteRequested, this, [this](const StoredNote &note) {
        m_session->notes()->removeNote(note.position, note.entrySha256);
    });
    connect(m_session->notes(), &RunNotes::changed, this, [this] {
        refreshPanel();
        updateActions();
        emit notesChanged();
    });
    connect(m_session->notes(), &RunNotes::imported, this, [this](const RunNotes::ImportResult &result) {
        QString text = tr("Imported %Ln notes.", nullptr, result.placed);
        if (!result.unplaced.isEmpty()) {
            QStringList lines;
            for (const StoredNote &note : result.unplaced)
                lines << tr("Entry %1: %2").arg(QLocale().toString(note.position + 1), note.text.left(200));
            text += QLatin1Char(' ') + tr("%Ln notes could not be placed: their entry is not in this run "
                                          "(or not loaded yet).", nullptr, int(result.unplaced.size()))
                + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n'));
            QMessageBox *box = PlainText::messageBox(QMessageBox::Information, tr("Import Notes"), text,
                                                     QMessageBox::Ok, m_window);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setWindowModality(Qt::WindowModal);
            box->open();
        }
        emit message(tr("Imported %Ln notes.", nullptr, result.placed), 6000);
    });
    connect(m_table, &LogTableView::currentRowChanged, this, &NoteController::updateActions);
    connect(m_session, &RunSession::stateChanged, this, &NoteController::updateActions);
    refreshPanel();
    updateActions();
}

int NoteController::currentSourceRow() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

void NoteController::editCurrent()
{
    const int row = currentSourceRow();
    if (row < 0) {
        emit message(tr("Select an entry to write a note on it."), 4000);
        return;
    }
    LogTableModel *model = m_session->model();
    const int number = model->positionOfRow(row) + 1;
    // The row may move (a live run grows) while the editor is open: the note goes to the entry
    // that was chosen, found again by its position.
    const int position = model->positionOfRow(row);
    NoteEditor editor(number, model->noteText(row), m_window);
    if (editor.exec() != QDialog::Accepted || editor.outcome() == NoteEditor::Outcome::Cancelled)
        return;
    const int nowRow = model->rowOfPosition(position);
    if (nowRow < 0)
        return;
    const QString text = editor.outcome() == NoteEditor::Outcome::Deleted ? QString() : editor.text();
    m_session->notes()->setNote(nowRow, text);
    emit message(text.trimmed().isEmpty() ? tr("Deleted the note on entry %1.").arg(QLocale().toString(number))
                                          : tr("Saved the note on entry %1.").arg(QLocale().toString(number)),
                 4000);
}

void NoteController::deleteCurrent()
{
    const int row = currentSourceRow();
    if (row < 0 || !m_session->model()->hasNote(row))
        return;
    m_session->notes()->setNote(row, QString());
    emit message(tr("Deleted the note on entry %1.").arg(QLocale().toString(m_session->model()->positionOfRow(row) + 1)),
                 4000);
}

QVector<int> NoteController::notePositions() const
{
    QVector<int> positions;
    const QHash<int, QString> &notes = m_session->model()->notes();
    positions.reserve(notes.size());
    for (auto it = notes.cbegin(); it != notes.cend(); ++it)
        positions.append(it.key());
    std::sort(positions.begin(), positions.end());
    return positions;
}

void NoteController::updateActions()
{
    const bool open = m_session->isOpen();
    const int row = currentSourceRow();
    m_addNote->setEnabled(open && row >= 0);
    m_deleteNote->setEnabled(open && row >= 0 && m_session->model()->hasNote(row));
    m_exportNotes->setEnabled(open && m_session->notes()->isReady());
    m_importNotes->setEnabled(open && m_session->notes()->isReady());
    m_addNote->setText(open && row >= 0 && m_session->model()->hasNote(row) ? tr("Edit &Note…") : tr("Add &Note…"));
}

void NoteController::refreshPanel()
{
    const QList<StoredNote> notes = m_session->notes()->notes();
    QList<bool> orphans;
    orphans.reserve(notes.size());
    for (const StoredNote &note : notes)
        orphans.append(m_session->notes()->isOrphan(note));
    m_panel->setNotes(notes, orphans);
}

void NoteController::writeNotesFile()
{
    if (!m_session->isOpen())
        return;
    const QString suggested = m_session->suggestedFileName().replace(QStringLiteral("-export"), QString())
        + QStringLiteral("-notes.json");
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export Notes"), suggested,
                                                      tr("Runlog notes (*.json)"));
    if (path.isEmpty())
        return;
    const QByteArray json = m_session->notesFile().toJson();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        QMessageBox *box = PlainText::messageBox(QMessageBox::Warning, tr("Export Notes"),
                                                 tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                                                 QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    emit message(tr("Wrote %Ln items (notes and marks) to %1.", nullptr, int(m_session->notes()->records().size()))
                     .arg(QFileInfo(path).fileName()),
                 8000);
}

void NoteController::readNotesFile()
{
    if (!m_session->isOpen())
        return;
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import Notes"), QString(), tr("Runlog notes (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    QString error;
    std::optional<NotesFile> notes;
    if (!file.open(QIODevice::ReadOnly))
        error = file.errorString();
    else if (file.size() > kMaxNotesFileBytes)
        error = tr("It is too big to be a notes file.");
    else
        notes = NotesFile::parse(file.readAll(), &error);
    if (!notes) {
        QMessageBox *box = PlainText::messageBox(QMessageBox::Warning, tr("Import Notes"),
                                                 tr("Could not import %1: %2").arg(QDir::toNativeSeparators(path), error),
                                                 QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    m_session->notes()->importNotes(notes->notes);
}
