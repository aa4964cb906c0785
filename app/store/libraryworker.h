// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <memory>

class LibraryDatabase;
class LibraryRecords;

// RunLibrary's thread side: owns the connection (a Qt SQL connection belongs to the thread that
// made it) and turns damage found while working into a new, empty library.
class LibraryWorker : public QObject
{
    Q_OBJECT
public:
    explicit LibraryWorker(const QString &folder);
    ~LibraryWorker() override;

    // The records over an open database, opening it on first use; nullptr when there is none.
    LibraryRecords *records();
    // After an operation: an error that says the file is damaged sets it aside and starts anew;
    // one that says the disk took no more (full, or a limit on file sizes) closes the library
    // for the rest of the session (SQLite rolled the write back: the file is whole) and says so
    // once with stopped(). Writing on would fail page after page.
    void checkForDamage();
    void close();
    QString errorString() const { return m_error; }

signals:
    void setAside(const QString &originalPath, const QString &setAsidePath, const QString &reason);
    // The library is closed for this session; `reason` is a sentence naming the disk.
    void stopped(const QString &reason);

private:
    bool stopIfTheDiskIsFull();
    void reportSetAside();

    QString m_folder;
    std::unique_ptr<LibraryDatabase> m_database;
    std::unique_ptr<LibraryRecords> m_records;
    bool m_tried = false;
    QString m_error;
};
