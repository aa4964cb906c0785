// SPDX-License-Identifier: MIT
#include "ui/window/aboutbox.h"

#include "json/jsonparserinfo.h"

#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

QString AboutBox::html(const QString &settingsLocation)
{
    const QString data = QDir::toNativeSeparators(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    const auto paragraph = [](const QString &text) { return QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped()); };
    const auto place = [](const QString &label, const QString &path) {
        return QStringLiteral("<p>%1<br><code>%2</code></p>").arg(label.toHtmlEscaped(), path.toHtmlEscaped());
    };
    QString out = QStringLiteral("<h3>%1</h3>").arg(tr("Runlog %1").arg(QStringLiteral(RUNLOG_VERSION)).toHtmlEscaped());
    out += paragraph(tr("A fast, exact viewer for Codegen agent run logs."));
    out += paragraph(tr("Built with Qt %1, running on Qt %2; JSON parsed by simdjson %3.")
                         .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()), JsonParserInfo::simdjsonVersion()));
    out += paragraph(tr("Free software under the MIT licence."));
    out += place(tr("Settings:"), QDir::toNativeSeparators(settingsLocation));
    out += place(tr("Data:"), data);
    out += paragraph(tr("API tokens are kept in the system keychain, never in these files."));
    return out;
}

void AboutBox::show(QWidget *parent, const QString &settingsLocation)
{
    QMessageBox box(QMessageBox::NoIcon, tr("About Runlog"), html(settingsLocation), QMessageBox::Close, parent);
    box.setTextFormat(Qt::RichText); // our own markup; every text in it is escaped
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.setIconPixmap(QPixmap(QStringLiteral(":/runlog/runlog.png")).scaled(64, 64, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    box.exec();
}
