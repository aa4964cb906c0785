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
    // After an operation: an error that says the file is damaged sets it aside and starts anew.
    void checkForDamage();
    void close();
    QString errorString() const { return m_error; }

signals:
    void setAside(const QString &originalPath, const QString &setAsidePath, const QString &reason);

private:
    void reportSetAside();

    QString m_folder;
    std::unique_ptr<LibraryDatabase> m_database;
    std::unique_ptr<LibraryRecords> m_records;
    bool m_tried = false;
    QString m_error;
};
