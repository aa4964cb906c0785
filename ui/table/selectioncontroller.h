// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class LogFilterProxyModel;
class LogTableView;

// Keeps the user's place through filter changes: the entry the user selected stays selected and
// at the same height on screen when a filter (types, tools, only matching) is turned on or off.
// While a filter hides that entry, the nearest shown one is selected instead, and the user's
// entry comes back as soon as a filter shows it again (unless the user has moved on).
class SelectionController : public QObject
{
    Q_OBJECT
public:
    SelectionController(LogFilterProxyModel *proxy, LogTableView *table, QObject *parent = nullptr);

    void reset();

private:
    void noteCurrentRow(int viewRow);
    void rememberPlace();
    void restorePlace();
    int nearestShownRow(int sourceRow) const;

    LogFilterProxyModel *m_proxy;
    LogTableView *m_table;
    int m_anchor = -1;
    int m_anchorY = -1;      // the anchor's top in the viewport before the change; -1: not on screen
    bool m_refiltering = false; // between filterAboutToChange and filterChanged
    bool m_restoring = false;
};
