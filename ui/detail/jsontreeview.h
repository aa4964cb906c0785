// SPDX-License-Identifier: MIT
#pragma once

#include <QTreeView>

class JsonTreeModel;

// An entry as a collapsible JSON tree (JsonTreeModel: levels scanned when expanded). Copy the
// value or its jq path from the context menu or with Ctrl+C / Ctrl+Shift+C; Expand All opens
// levels up to a bounded number of rows, so a value with a million items cannot hang the window.
class JsonTreeView : public QTreeView
{
    Q_OBJECT
public:
    static constexpr int kExpandAllLimit = 5000;

    explicit JsonTreeView(QWidget *parent = nullptr);

    void setJson(const QByteArray &json);
    // Expands these top-level members (e.g. tool_input, tool_output, observation).
    void expandMembers(const QStringList &keys);
    // Expands breadth first until kExpandAllLimit rows are shown; false when it stopped there.
    bool expandAllBounded();

    void copyValue();
    void copyPath();

signals:
    void message(const QString &text);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    JsonTreeModel *m_model;
};
