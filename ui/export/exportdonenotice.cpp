// SPDX-License-Identifier: MIT
#include "ui/export/exportdonenotice.h"

#include "ui/common/plaintext.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

void ExportDoneNotice::show(QWidget *parent, const QString &message, const QString &path)
{
    // The message names a file: plain text.
    QMessageBox *box = PlainText::messageBox(QMessageBox::Information, tr("Export Finished"), message,
                                             QMessageBox::Close, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    QPushButton *open = box->addButton(tr("&Open"), QMessageBox::ActionRole);
    QPushButton *folder = box->addButton(tr("Show in &Folder"), QMessageBox::ActionRole);
    const QFileInfo file(path);
    // Action buttons would close the box; it closes itself once the desktop was asked.
    QObject::connect(open, &QPushButton::clicked, box, [file] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(file.absoluteFilePath()));
    });
    QObject::connect(folder, &QPushButton::clicked, box, [file] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(file.absolutePath()));
    });
    box->setDefaultButton(QMessageBox::Close);
    box->open();
}
