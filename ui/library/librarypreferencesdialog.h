// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QSpinBox;

// Preferences of the library of runs: whether runs are kept on disk (from the next start), how
// much room the library may take, where it is.
class LibraryPreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    LibraryPreferencesDialog(const QString &location, QWidget *parent = nullptr);

    void setKeepRuns(bool keep);
    bool keepRuns() const;
    void setSizeLimitMb(qint64 megabytes);
    qint64 sizeLimitMb() const;

private:
    QCheckBox *m_keep;
    QSpinBox *m_limit;
};
