// SPDX-License-Identifier: MIT
// JsonTreeModel under QAbstractItemModelTester, walked in full and compared with QJsonDocument's
// reading of the same text; lazy levels and batches; a 5 MB string; text that is not JSON.
#include "json/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

class TestJsonTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void treeEqualsQJsonDocument();
    void pathsAreJqPaths();
    void bigArrayComesInBatches();
    void fiveMegabyteString();
    void scalarsAndInvalidText_data();
    void scalarsAndInvalidText();
    void levelsAreScannedOnlyWhenFetched();
    void longStringsHaveTheirTextAsTooltip();

private:
    void fetchAll(JsonTreeModel &model, const QModelIndex &parent);
    void compare(JsonTreeModel &model, const QModelIndex &parent, const QJsonValue &expected);
};

namespace {
const QByteArray kDocument = R"({
  "tool_input": {"command": "ls -la", "timeout": 30, "env": {"A": "1"}},
  "tool_output": {"files": ["a.txt", "b c.txt", {"nested": [1, 2.5, -3e2, true, false, null]}],
                  "text": "line one\nline \"two\"\u00e9\ud83d\ude00", "empty": {}, "none": []},
  "a b": "spaced key", "": "empty key", "quote\"key": 1
})";
}

void TestJsonTreeModel::fetchAll(JsonTreeModel &model, const QModelIndex &parent)
{
    while (model.canFetchMore(parent))
        model.fetchMore(parent);
    for (int row = 0; row < model.rowCount(parent); ++row)
        fetchAll(model, model.index(row, 0, parent));
}

void TestJsonTreeModel::compare(JsonTreeModel &model, const QModelIndex &parent, const QJsonValue &expected)
{
    if (expected.isObject()) {
        const QJsonObject object = expected.toObject();
        QCOMPARE(model.rowCount(parent), object.size());
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex child = model.index(row, 0, parent);
            const QString key = child.data().toString();
            QVERIFY2(object.contains(key), qPrintable(key));
            compare(model, child, object.value(key));
        }
    } else if (expected.isArray()) {
        const QJsonArray array = expected.toArray();
        QCOMPARE(model.rowCount(parent), array.size());
        for (int row = 0; row < array.size(); ++row) {
            const QModelIndex child = model.index(row, 0, parent);
            QCOMPARE(child.data().toString(), QStringLiteral("[%1]").arg(row));
            compare(model, child, array.at(row));
        }
    } else {
        QCOMPARE(model.rowCount(parent), 0);
        const QByteArray raw = parent.data(JsonTreeModel::RawJsonRole).toByteArray();
        // The value's bytes, read by QJsonDocument inside an array, are the expected value.
        const QJsonValue read = QJsonDocument::fromJson("[" + raw + "]").array().at(0);
        QCOMPARE(read, expected);
        if (expected.isString())
            QCOMPARE(parent.data(JsonTreeModel::ValueTextRole).toString(), expected.toString());
    }
}

void TestJsonTreeModel::treeEqualsQJsonDocument()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The test fetches itself: the 6.4 tester's own fetchMore() inside its reset handler trips
    // its change-in-flight bookkeeping (an insert seen as part of the reset).
    tester.setUseFetchMore(false);
    model.setJson(kDocument);
    fetchAll(model, {});
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(kDocument, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    compare(model, {}, document.object());
    // A second document replaces the first (a reset under the tester).
    model.setJson(R"([1, {"x": [2, 3]}])");
    fetchAll(model, {});
    compare(model, {}, QJsonDocument::fromJson(R"([1, {"x": [2, 3]}])").array());
}

void TestJsonTreeModel::pathsAreJqPaths()
{
    JsonTreeModel model;
    model.setJson(kDocument);
    fetchAll(model, {});
    auto find = [&](const QModelIndex &parent, const QString &key) {
        for (int row = 0; row < model.rowCount(parent); ++row) {
            if (model.index(row, 0, parent).data().toString() == key)
                return model.index(row, 0, parent);
        }
        return QModelIndex();
    };
    const QModelIndex files = find(find({}, QStringLiteral("tool_output")), QStringLiteral("files"));
    const QModelIndex nested = find(model.index(2, 0, files), QStringLiteral("nested"));
    QCOMPARE(model.index(1, 0, nested).data(JsonTreeModel::PathRole).toString(), QStringLiteral(".tool_output.files[2].nested[1]"));
    QCOMPARE(find({}, QStringLiteral("a b")).data(JsonTreeModel::PathRole).toString(), QStringLiteral("[\"a b\"]"));
    QCOMPARE(find({}, QStringLiteral("quote\"key")).data(JsonTreeModel::PathRole).toString(), QStringLiteral("[\"quote\\\"key\"]"));
    // Copy value: a container as indented JSON that reads back as the same value.
    const QString copied = find({}, QStringLiteral("tool_input")).data(JsonTreeModel::ValueTextRole).toString();
    QVERIFY(copied.contains(QLatin1Char('\n')));
    QCOMPARE(QJsonDocument::fromJson(copied.toUtf8()).object(),
             QJsonDocument::fromJson(kDocument).object().value(QStringLiteral("tool_input")).toObject());
}

void TestJsonTreeModel::bigArrayComesInBatches()
{
    QByteArray json = "[";
    for (int i = 0; i < 2500; ++i)
        json += (i ? "," : "") + QByteArray::number(i);
    json += "]";
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The test fetches itself: the 6.4 tester's own fetchMore() inside its reset handler trips
    // its change-in-flight bookkeeping (an insert seen as part of the reset).
    tester.setUseFetchMore(false);
    model.setJson(json);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), JsonTreeModel::kBatch);
    model.fetchMore({});
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2500);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.index(2499, 1).data().toString(), QStringLiteral("2499"));
}

void TestJsonTreeModel::fiveMegabyteString()
{
    QString text;
    for (int i = 0; text.size() < 5 * 1024 * 1024; ++i)
        text += QStringLiteral("line %1 with \"quotes\" and a tab\t\n").arg(i);
    QJsonObject object;
    object.insert(QStringLiteral("output"), text);
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The test fetches itself: the 6.4 tester's own fetchMore() inside its reset handler trips
    // its change-in-flight bookkeeping (an insert seen as part of the reset).
    tester.setUseFetchMore(false);
    model.setJson(json);
    fetchAll(model, {});
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex value = model.index(0, JsonTreeModel::ValueColumn);
    const QString preview = value.data().toString();
    QVERIFY2(preview.size() < 300, qPrintable(preview.left(400)));
    QVERIFY(preview.startsWith(QStringLiteral("line 0 with \"quotes\" and a tab ")));
    QCOMPARE(value.data(JsonTreeModel::ValueTextRole).toString(), text);
}

void TestJsonTreeModel::scalarsAndInvalidText_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("shown");
    QTest::addRow("string") << QByteArray(R"("a\nb")") << int(JsonTreeModel::Kind::String) << QStringLiteral("a⏎b");
    QTest::addRow("number") << QByteArray("18446744073709551615") << int(JsonTreeModel::Kind::Number) << QStringLiteral("18446744073709551615");
    QTest::addRow("null") << QByteArray(" null ") << int(JsonTreeModel::Kind::Null) << QStringLiteral("null");
    QTest::addRow("not JSON") << QByteArray("{\"a\": 1") << int(JsonTreeModel::Kind::Invalid) << QStringLiteral("{\"a\": 1");
    QTest::addRow("two values") << QByteArray("1 2") << int(JsonTreeModel::Kind::Invalid) << QStringLiteral("1 2");
}

void TestJsonTreeModel::scalarsAndInvalidText()
{
    QFETCH(QByteArray, json);
    QFETCH(int, kind);
    QFETCH(QString, shown);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The test fetches itself: the 6.4 tester's own fetchMore() inside its reset handler trips
    // its change-in-flight bookkeeping (an insert seen as part of the reset).
    tester.setUseFetchMore(false);
    model.setJson(json);
    fetchAll(model, {});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(JsonTreeModel::KindRole).toInt(), kind);
    QCOMPARE(model.index(0, 1).data().toString(), shown);
}

void TestJsonTreeModel::levelsAreScannedOnlyWhenFetched()
{
    JsonTreeModel model;
    model.setJson(R"({"a": {"b": {"c": 1}}, "d": []})");
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex a = model.index(0, 0);
    QVERIFY(model.hasChildren(a));
    QCOMPARE(model.rowCount(a), 0); // not fetched yet
    QCOMPARE(model.index(0, 1).data().toString().left(3), QStringLiteral("{…}"));
    QVERIFY(!model.hasChildren(model.index(1, 0))); // an empty array has nothing to expand
    model.fetchMore(a);
    QCOMPARE(model.rowCount(a), 1);
    QVERIFY(model.index(0, 1).data().toString().startsWith(QStringLiteral("{1 keys}")));
}

// Issue 27, stumble 14: a string cut or folded in the preview has its text as the tooltip (the
// view shows it as plain text); a short one-line string needs none.
void TestJsonTreeModel::longStringsHaveTheirTextAsTooltip()
{
    JsonTreeModel model;
    const QString longText = QString(250, QLatin1Char('a')) + QStringLiteral(" <b>end</b>");
    model.setJson("{\"short\": \"ok\", \"lines\": \"one\\ntwo\", \"long\": \"" + longText.toUtf8() + "\"}");
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.index(0, JsonTreeModel::ValueColumn).data(Qt::ToolTipRole).isNull());
    QCOMPARE(model.index(1, JsonTreeModel::ValueColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("one\ntwo"));
    QCOMPARE(model.index(2, JsonTreeModel::ValueColumn).data(Qt::ToolTipRole).toString(), longText);
    QVERIFY(model.index(2, JsonTreeModel::KeyColumn).data(Qt::ToolTipRole).isNull());
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
