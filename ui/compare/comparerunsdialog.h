// SPDX-License-Identifier: MIT
#pragma once

#include "ui/compare/comparesourcesload.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

// File > Compare Runs…: two runs, each a file (typed or chosen with Browse…), a run's web URL,
// or a run ID of `defaultOrgId` (the organization of the run open in the window, when any). A
// file that is a log of several runs (an Inspect eval log) is asked about in the Compare window,
// with the sample chooser, once it is read.
class CompareRunsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CompareRunsDialog(std::optional<qint64> defaultOrgId, QWidget *parent = nullptr);

    void setSideText(int side, const QString &text);
    void setDefaultOrgId(qint64 orgId) { m_defaultOrgId = orgId; }
    // What a field names; nothing (and `error` set) when it names no file and no run.
    std::optional<CompareSideSource> sourceOf(int side, QString *error = nullptr) const;

    void accept() override;

private:
    void browse(int side);

    std::optional<qint64> m_defaultOrgId;
    QLineEdit *m_edits[2] = {nullptr, nullptr};
    QLabel *m_problem = nullptr;
};
