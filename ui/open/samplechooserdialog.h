// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/inspectlog.h"
#include "run/sampleref.h"

#include <QDialog>
#include <QList>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

// A log holding several runs (an Inspect eval log: a run per sample) was opened: which sample to
// open. Lists each sample's id, epoch, input, target, score and tool calls; filter as you type,
// Enter or a double click opens the one selected. Everything it shows is the file's text: plain.
class SampleChooserDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { Id, Epoch, Input, Target, Score, ToolCalls, ColumnCount };

    SampleChooserDialog(const QString &fileName, const QList<InspectSampleInfo> &samples, QWidget *parent = nullptr);

    // The sample selected (the first at first); nothing when the filter hides them all.
    std::optional<SampleRef> chosenSample() const;

    // For tests.
    QLineEdit *filterField() const { return m_filter; }
    QTreeView *view() const { return m_view; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The score, and whether the sample ended in an error.
    static QString scoreText(const InspectSampleInfo &sample);
    void fill(const QList<InspectSampleInfo> &samples);
    void updateState();

    QLabel *m_summary;
    QLineEdit *m_filter;
    QTreeView *m_view;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QDialogButtonBox *m_buttons;
};
