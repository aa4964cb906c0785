// SPDX-License-Identifier: MIT
// QtOrderedJson writes what simdjson parsed with the bytes QJsonDocument's parse and
// agentEntryJson's write gave before: the expected texts below are written by hand.
#include "agentlogs/qtorderedjson.h"

#include <QtTest>

namespace {

QByteArray written(const char *json)
{
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(json, std::strlen(json)).get(root))
        qFatal("not JSON: %s", json);
    QByteArray out;
    QtOrderedJson::append(out, root);
    return out;
}

} // namespace

class TestQtOrderedJson : public QObject
{
    Q_OBJECT

private slots:
    void writesAsQJsonDocumentRead_data();
    void writesAsQJsonDocumentRead();
    void memberAddedInItsPlace();
    void toIntegerAsQJsonValue();
};

void TestQtOrderedJson::writesAsQJsonDocumentRead_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("members sorted") << QByteArray(R"j({"b":1,"a":{"d":[],"c":{}}})j") << QByteArray(R"j({"a":{"c":{},"d":[]},"b":1})j");
    QTest::addRow("a repeated key: the last") << QByteArray(R"j({"b":1,"a":2,"b":3})j") << QByteArray(R"j({"a":2,"b":3})j");
    // UTF-16 order: U+1F600 (a surrogate pair, D83D) before U+FFFF; é after z.
    QTest::addRow("keys in QString order") << QByteArray(R"j({"\uffff":2,"\ud83d\ude00":3,"\u00e9":1,"z":4})j")
                                           << QByteArray("{\"z\":4,\"\xC3\xA9\":1,\"\xF0\x9F\x98\x80\":3,\"\xEF\xBF\xBF\":2}");
    // Whole numbers as integers; 2^64-ish as QByteArray::number(double, 'g', shortest) writes it.
    QTest::addRow("numbers") << QByteArray(R"j([1.0,1e2,-0,1.5,0.1,1e-7,12345678901234567890,9007199254740993,-42])j")
                             << QByteArray(R"j([1,100,0,1.5,0.1,1e-07,12345678901234567000,9007199254740993,-42])j");
    QTest::addRow("strings escaped") << QByteArray(R"j(["tab\there","q\"\\","\u0001","caf\u00e9"])j")
                                     << QByteArray("[\"tab\\there\",\"q\\\"\\\\\",\"\\u0001\",\"caf\xC3\xA9\"]");
    QTest::addRow("scalars") << QByteArray(R"j([true,false,null,""])j") << QByteArray(R"j([true,false,null,""])j");
}

void TestQtOrderedJson::writesAsQJsonDocumentRead()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);
    QCOMPARE(written(json.constData()), expected);
}

void TestQtOrderedJson::memberAddedInItsPlace()
{
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    const char json[] = R"j({"z":1,"is_error":false,"a":[1]})j";
    QVERIFY(!parser.parse(json, std::strlen(json)).get(object));
    QByteArray out;
    QtOrderedJson::appendObjectWith(out, object, "is_error", "true");
    QCOMPARE(out, QByteArray(R"j({"a":[1],"is_error":true,"z":1})j"));
}

void TestQtOrderedJson::toIntegerAsQJsonValue()
{
    simdjson::dom::parser parser;
    simdjson::dom::array values;
    const char json[] = R"j([7,2.0,2.5,"9",1e300,-3])j";
    QVERIFY(!parser.parse(json, std::strlen(json)).get(values));
    QList<qint64> integers;
    for (const simdjson::dom::element value : values)
        integers.append(QtOrderedJson::toInteger(value));
    QCOMPARE(integers, (QList<qint64>{7, 2, 0, 0, 0, -3}));
}

QTEST_GUILESS_MAIN(TestQtOrderedJson)
#include "tst_qtorderedjson.moc"
