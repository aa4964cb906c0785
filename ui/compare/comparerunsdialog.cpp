// SPDX-License-Identifier: MIT
#include "ui/compare/comparerunsdialog.h"

#include "run/runurl.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

CompareRunsDialog::CompareRunsDialog(std::optional<qint64> defaultOrgId, QWidget *parent)
    : QDialog(parent)
    , m_defaultOrgId(defaultOrgId)
{
    setWindowTitle(tr("Compare Runs"));
    auto *form = new QFormLayout;
    const QString labels[2] = {tr("&Left run:"), tr("&Right run:")};
    for (int side : {0, 1}) {
        auto *row = new QHBoxLayout;
        m_edits[side] = new QLineEdit(this);
        m_edits[side]->setPlaceholderText(tr("A file, a run's web address, or a run ID"));
        m_edits[side]->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 30);
        auto *browse = new QPushButton(tr("Browse…"), this);
        // A screen reader tells the two fields and the two Browse buttons apart (the field's
        // label is a layout's, not its buddy, so it is not read out on its own).
        m_edits[side]->setAccessibleName(side == 0 ? tr("Left run") : tr("Right run"));
        browse->setAccessibleName(side == 0 ? tr("Browse for the left run's file") : tr("Browse for the right run's file"));
        connect(browse, &QPushButton::clicked, this, [this, side] { this->browse(side); });
        row->addWidget(m_edits[side], 1);
        row->addWidget(browse);
        // The label's mnemonic (Alt+L, Alt+R) goes to the field beside it.
        auto *label = new QLabel(labels[side], this);
        label->setBuddy(m_edits[side]);
        form->addRow(label, row);
    }
    m_problem = new QLabel(this);
    m_problem->setTextFormat(Qt::PlainText); // it quotes what was typed
    m_problem->setWordWrap(true);
    m_problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CompareRunsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CompareRunsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

void CompareRunsDialog::setSideText(int side, const QString &text)
{
    m_edits[side]->setText(text);
}

void CompareRunsDialog::browse(int side)
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Run File"), m_edits[side]->text(),
                                                      tr("Runs and agent logs (*.json *.jsonl *.traj *.eval);;All files (*)"));
    if (!path.isEmpty())
        m_edits[side]->setText(path);
}

std::optional<CompareSideSource> CompareRunsDialog::sourceOf(int side, QString *error) const
{
    const QString text = m_edits[side]->text().trimmed();
    const auto refuse = [error](const QString &why) -> std::optional<CompareSideSource> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.isEmpty())
        return refuse(side == 0 ? tr("Name the left run.") : tr("Name the right run."));
    // A file wins over a run ID: a file may be called 12345.
    const QFileInfo file(text);
    if (file.exists() && !file.isDir())
        return CompareSideSource{text, std::nullopt, std::nullopt};
    static const QRegularExpression runId(QStringLiteral("^#?\\d+$"));
    const bool isUrl = text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
                       || text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
    if (!isUrl && !runId.match(text).hasMatch())
        return refuse(tr("\"%1\" is neither a file nor a run's ID or web address.").arg(text));
    const std::optional<qint64> run = RunUrl::runIdFrom(text);
    if (!run)
        return refuse(tr("\"%1\" names no run.").arg(text));
    std::optional<qint64> org = RunUrl::orgIdFrom(text);
    if (!org)
        org = m_defaultOrgId;
    if (!org)
        return refuse(tr("Which organization is run \"%1\" of? Give its web address, or open a run of that organization first.").arg(text));
    return CompareSideSource{text, RunRef{*org, *run}, std::nullopt};
}

void CompareRunsDialog::accept()
{
    for (int side : {0, 1}) {
        QString error;
        if (!sourceOf(side, &error)) {
            m_problem->setText(error);
            m_problem->show();
            m_edits[side]->setFocus();
            return;
        }
    }
    QDialog::accept();
}
