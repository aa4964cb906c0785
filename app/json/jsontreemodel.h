// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QByteArray>

#include <memory>
#include <vector>

// One JSON value as a tree (key, value), for the detail pane's collapsible view. Lazy: a level
// is scanned (bytes only, no DOM) the first time it is expanded, and its rows are handed out in
// batches through canFetchMore()/fetchMore(), so a 5 MB tool output opens at once and an array
// of 100,000 items does not create 100,000 rows until they are scrolled to. Values are kept as
// byte ranges of the one QByteArray: copying a value copies exactly what the server sent.
//
// Text that is not valid JSON gives one row holding the text (kind Invalid).
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind { Object, Array, String, Number, Bool, Null, Invalid };
    enum Column { KeyColumn, ValueColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString: a jq path, e.g. .tool_output.files[3]."a b"
        ValueTextRole,               // QString: strings unescaped, anything else as indented JSON
        RawJsonRole,                 // QByteArray: the value's bytes as received
        KindRole,                    // int: Kind
    };
    static constexpr int kBatch = 1000;

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // The root value's members (or items) become the top-level rows; a scalar is one row.
    void setJson(const QByteArray &json);
    QByteArray json() const { return m_json; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    void scanChildren(Node *node) const;
    QString preview(const Node *node) const;
    QString path(const Node *node) const;

    QByteArray m_json;
    std::unique_ptr<Node> m_root;
};
