// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

// Help > About: the version, what Runlog is built on (Qt, simdjson), its licence, and where its
// settings and data live, so a user can find, back up or remove them.
class AboutBox
{
    Q_DECLARE_TR_FUNCTIONS(AboutBox)

public:
    // Our own markup; every path and version in it is escaped.
    static QString html(const QString &settingsLocation);
    static void show(QWidget *parent, const QString &settingsLocation);
};
