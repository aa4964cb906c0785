// SPDX-License-Identifier: MIT
#include "ui/window/emptystate.h"

#include "ui/common/plainlabel.h"

#include <QPushButton>
#include <QVBoxLayout>

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent)
{
    auto *title = new PlainLabel(tr("Open an agent run"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto *text = new PlainLabel(tr("Runlog shows every thought and tool call of a Codegen agent run, however long,\n"
                                   "with each tool input, output and observation in full.\n\n"
                                   "Open a run by its ID or web URL (you need your organization ID and an API token),\n"
                                   "open an exported .json or .jsonl file (or drop it here),\n"
                                   "or look around in the demo run: it needs no token and no network."),
                                this);
    text->setAlignment(Qt::AlignCenter);
    text->setStyleSheet(QStringLiteral("color: gray"));

    auto *openRun = new QPushButton(tr("Open Run…  (Ctrl+O)"), this);
    auto *openFile = new QPushButton(tr("Open File…  (Ctrl+Shift+O)"), this);
    auto *demo = new QPushButton(tr("Try the Demo Run"), this);
    openRun->setDefault(true);
    for (QPushButton *button : {openRun, openFile, demo})
        button->setMinimumWidth(260);
    connect(openRun, &QPushButton::clicked, this, &EmptyState::openRunRequested);
    connect(openFile, &QPushButton::clicked, this, &EmptyState::openFileRequested);
    connect(demo, &QPushButton::clicked, this, &EmptyState::demoRequested);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(title);
    layout->addSpacing(8);
    layout->addWidget(text);
    layout->addSpacing(16);
    for (QPushButton *button : {openRun, openFile, demo})
        layout->addWidget(button, 0, Qt::AlignHCenter);
    layout->addStretch(3);
}
