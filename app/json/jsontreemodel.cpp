// SPDX-License-Identifier: MIT
#include "json/jsontreemodel.h"

#include "json/jsontext.h"
#include "json/jsontokens.h"

#include <QLocale>

#include <algorithm>

struct JsonTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    Kind kind = Kind::Null;
    qsizetype start = 0; // the value's bytes: [start, end)
    qsizetype end = 0;
    qsizetype keyStart = -1; // the key's string token, for members of an object
    qsizetype keyEnd = -1;
    bool scanned = false;
    int exposed = 0; // children handed to views so far
    std::vector<std::unique_ptr<Node>> children;
    mutable QString cachedPreview;
};

namespace {

constexpr qsizetype kPreviewBytes = 400;
constexpr int kPreviewChars = 200;

qsizetype skipSpace(const QByteArray &json, qsizetype pos, qsizetype end)
{
    while (pos < end && JsonTokens::isSpace(json[pos]))
        ++pos;
    return pos;
}

// Just past the value that starts at `pos`; strings are skipped with their escapes, containers
// by counting brackets outside strings. `end`, and *closed false, when the value never ends.
qsizetype valueEnd(const QByteArray &json, qsizetype pos, qsizetype end, bool *closed = nullptr)
{
    bool ignored = true;
    if (!closed)
        closed = &ignored;
    *closed = true;
    const char *data = json.constData();
    if (pos >= end)
        return end;
    const char first = data[pos];
    if (first == '"') {
        const qsizetype stringEnd = JsonTokens::stringTokenEnd(data, end, pos);
        *closed = stringEnd <= end && stringEnd > pos + 1 && data[stringEnd - 1] == '"';
        return std::min(end, stringEnd);
    }
    if (first == '{' || first == '[') {
        int depth = 0;
        for (qsizetype i = pos; i < end; ++i) {
            const char c = data[i];
            if (c == '"') {
                i = JsonTokens::stringTokenEnd(data, end, i) - 1;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return i + 1;
            }
        }
        *closed = false;
        return end;
    }
    return JsonTokens::scalarTokenEnd(data, end, pos, JsonTokens::ScalarStop::ValueEnd);
}

JsonTreeModel::Kind kindOf(const QByteArray &json, qsizetype start, qsizetype end)
{
    if (start >= end)
        return JsonTreeModel::Kind::Invalid;
    switch (json[start]) {
    case '{': return JsonTreeModel::Kind::Object;
    case '[': return JsonTreeModel::Kind::Array;
    case '"': return JsonTreeModel::Kind::String;
    case 't': case 'f': return JsonTreeModel::Kind::Bool;
    case 'n': return JsonTreeModel::Kind::Null;
    default: break;
    }
    const char c = json[start];
    return (c == '-' || (c >= '0' && c <= '9')) ? JsonTreeModel::Kind::Number : JsonTreeModel::Kind::Invalid;
}

bool isContainer(JsonTreeModel::Kind kind)
{
    return kind == JsonTreeModel::Kind::Object || kind == JsonTreeModel::Kind::Array;
}

// A string token's text, at most about kPreviewBytes of it decoded: previews of a 5 MB string
// cost the preview, not the string.
QString decodedPrefix(const QByteArray &json, qsizetype start, qsizetype end, bool *cut)
{
    *cut = end - start > kPreviewBytes;
    if (!*cut)
        return JsonText::unescapeString(QByteArrayView(json.constData() + start, end - start));
    QByteArray token = json.mid(start, kPreviewBytes);
    // Never end inside an escape: drop a backslash among the last six bytes and what follows.
    const qsizetype slash = token.lastIndexOf('\\');
    if (slash >= token.size() - 6)
        token.truncate(slash);
    // Nor inside a UTF-8 sequence.
    while (!token.isEmpty() && (uchar(token.back()) & 0xC0) == 0x80)
        token.chop(1);
    if (!token.isEmpty() && uchar(token.back()) >= 0xC0)
        token.chop(1);
    return JsonText::unescapeString(token + '"');
}

QString oneLine(QString text)
{
    text.replace(QLatin1Char('\n'), QChar(0x23CE)); // ⏎
    text.replace(QLatin1Char('\r'), QString());
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return text;
}

bool isPlainKey(const QString &key)
{
    if (key.isEmpty() || key.at(0).isDigit())
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('_'))
            return false;
    }
    return true;
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setJson(const QByteArray &json)
{
    beginResetModel();
    m_json = json;
    m_root = std::make_unique<Node>();
    const qsizetype size = m_json.size();
    const qsizetype start = skipSpace(m_json, 0, size);
    bool closed = false;
    const qsizetype end = valueEnd(m_json, start, size, &closed);
    const Kind kind = kindOf(m_json, start, end);
    const bool wholeValue = closed && end > start && kind != Kind::Invalid && skipSpace(m_json, end, size) == size;
    if (isContainer(kind) && wholeValue) {
        m_root->kind = kind;
        m_root->start = start;
        m_root->end = end;
    } else {
        // A scalar, or text that is not one JSON value: one row shows it.
        m_root->kind = Kind::Array;
        m_root->scanned = true;
        auto child = std::make_unique<Node>();
        child->parent = m_root.get();
        child->kind = wholeValue ? kind : Kind::Invalid;
        child->start = wholeValue ? start : 0;
        child->end = wholeValue ? end : size;
        if (size > 0)
            m_root->children.push_back(std::move(child));
    }
    endResetModel();
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

void JsonTreeModel::scanChildren(Node *node) const
{
    if (node->scanned)
        return;
    node->scanned = true;
    if (!isContainer(node->kind))
        return;
    const bool object = node->kind == Kind::Object;
    const qsizetype end = node->end - 1; // the closing bracket
    qsizetype pos = skipSpace(m_json, node->start + 1, end);
    while (pos < end) {
        auto child = std::make_unique<Node>();
        child->parent = node;
        child->row = int(node->children.size());
        if (object) {
            if (m_json[pos] != '"')
                break;
            child->keyStart = pos;
            child->keyEnd = std::min(end, JsonTokens::stringTokenEnd(m_json.constData(), end, pos));
            pos = skipSpace(m_json, child->keyEnd, end);
            if (pos >= end || m_json[pos] != ':')
                break;
            pos = skipSpace(m_json, pos + 1, end);
        }
        child->start = pos;
        child->end = valueEnd(m_json, pos, end);
        child->kind = kindOf(m_json, child->start, child->end);
        if (child->end <= child->start)
            break;
        pos = skipSpace(m_json, child->end, end);
        node->children.push_back(std::move(child));
        if (pos < end && m_json[pos] == ',')
            pos = skipSpace(m_json, pos + 1, end);
        else
            break;
    }
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const Node *node = nodeOf(parent);
    if (row >= node->exposed || row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *node = nodeOf(child);
    if (!node->parent || node->parent == m_root.get())
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return nodeOf(parent)->exposed;
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    if (node->scanned)
        return !node->children.empty();
    if (!isContainer(node->kind))
        return false;
    // Without scanning: anything but a closing bracket after the opening one.
    const qsizetype first = skipSpace(m_json, node->start + 1, node->end);
    return first < node->end - 1;
}

bool JsonTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    if (!node->scanned)
        return hasChildren(parent);
    return node->exposed < int(node->children.size());
}

void JsonTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *node = nodeOf(parent);
    scanChildren(node);
    const int total = int(node->children.size());
    const int next = std::min(total, node->exposed + kBatch);
    if (next <= node->exposed)
        return;
    beginInsertRows(parent, node->exposed, next - 1);
    node->exposed = next;
    endInsertRows();
}

QString JsonTreeModel::preview(const Node *node) const
{
    if (!node->cachedPreview.isNull())
        return node->cachedPreview;
    const QLocale locale;
    QString text;
    switch (node->kind) {
    case Kind::Object:
    case Kind::Array: {
        const bool object = node->kind == Kind::Object;
        if (node->scanned)
            text = object ? tr("{%Ln keys}", nullptr, int(node->children.size()))
                          : tr("[%Ln items]", nullptr, int(node->children.size()));
        else
            text = object ? QStringLiteral("{…}") : QStringLiteral("[…]");
        text += QStringLiteral("  ") + locale.formattedDataSize(node->end - node->start);
        return text; // not cached: it changes once the level is scanned
    }
    case Kind::String: {
        bool cut = false;
        text = decodedPrefix(m_json, node->start, node->end, &cut);
        const bool longer = cut || text.size() > kPreviewChars;
        text = oneLine(text.left(kPreviewChars));
        if (longer)
            text += QStringLiteral("…  ") + locale.formattedDataSize(node->end - node->start);
        break;
    }
    case Kind::Invalid:
        text = oneLine(QString::fromUtf8(m_json.mid(node->start, std::min<qsizetype>(node->end - node->start, kPreviewBytes))));
        break;
    default:
        text = QString::fromUtf8(m_json.mid(node->start, std::min<qsizetype>(node->end - node->start, kPreviewBytes)));
        break;
    }
    node->cachedPreview = text;
    return text;
}

QString JsonTreeModel::path(const Node *node) const
{
    QString path;
    for (const Node *n = node; n && n->parent; n = n->parent) {
        QString step;
        if (n->keyStart >= 0) {
            const QString key = JsonText::unescapeString(QByteArrayView(m_json.constData() + n->keyStart, n->keyEnd - n->keyStart));
            if (isPlainKey(key)) {
                step = QLatin1Char('.') + key;
            } else {
                // jq's quoted form: the key's own JSON string token is already a valid one.
                step = QStringLiteral("[") + QString::fromUtf8(m_json.mid(n->keyStart, n->keyEnd - n->keyStart))
                    + QStringLiteral("]");
            }
        } else if (n->parent == m_root.get() && m_root->start == 0 && m_root->end == 0) {
            step = QString(); // the single row of a scalar document is the document itself
        } else {
            step = QStringLiteral("[%1]").arg(n->row);
        }
        path.prepend(step);
    }
    return path.isEmpty() ? QStringLiteral(".") : path;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= ColumnCount)
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == KeyColumn) {
            if (node->keyStart >= 0)
                return JsonText::unescapeString(QByteArrayView(m_json.constData() + node->keyStart, node->keyEnd - node->keyStart));
            if (node->kind == Kind::Invalid)
                return tr("(not JSON)");
            return QStringLiteral("[%1]").arg(node->row);
        }
        return preview(node);
    case Qt::ToolTipRole: {
        // A string cut or folded onto one line in the preview: its text as it is, in lines
        // (the view shows tooltips as plain text), up to about kPreviewBytes of it.
        if (index.column() != ValueColumn || node->kind != Kind::String)
            return {};
        bool cut = false;
        QString text = decodedPrefix(m_json, node->start, node->end, &cut);
        if (!cut && text.size() <= kPreviewChars && !text.contains(QLatin1Char('\n')))
            return {};
        if (cut)
            text += QStringLiteral("…");
        return text;
    }
    case PathRole:
        return path(node);
    case RawJsonRole:
        return m_json.mid(node->start, node->end - node->start);
    case ValueTextRole: {
        const QByteArrayView raw(m_json.constData() + node->start, node->end - node->start);
        if (node->kind == Kind::String)
            return JsonText::unescapeString(raw);
        if (node->kind == Kind::Invalid)
            return QString::fromUtf8(raw);
        return QString::fromUtf8(JsonText::pretty(raw));
    }
    case KindRole:
        return int(node->kind);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == KeyColumn ? tr("Key") : section == ValueColumn ? tr("Value") : QVariant();
}
