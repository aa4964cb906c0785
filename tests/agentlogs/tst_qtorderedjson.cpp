// SPDX-License-Identifier: MIT
// QtOrderedJson writes what simdjson parsed with the bytes QJsonDocument's parse and
// agentEntryJson's write gave before: the expected texts below are written by hand.
#include "agentlogs/qtorderedjson.h"

#include <QRandomGenerator>
#include <QThread>
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
    void randomObjectsInQStringOrder();
    void deepNestingOnAWorkerThread();
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

namespace {

// Keys whose UTF-8 and UTF-16 orders differ (U+E000..U+FFFF against the supplementary planes),
// ASCII and two-byte ones, prefixes of each other, repeated.
const char *const kKeys[] = {"a", "b", "ab", "", "Z", "\xC3\xA9", "\xC3\xA9x", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBC\x9E",
                             "\xEF\xBF\xBF", "\xEF\xBF\xBD" "a", "\xF0\x90\x80\x80", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
                             "a\xF0\x9F\x98\x80", "a\xEE\x80\x80", "\xEE\x80\x80\xF0\x90\x80\x80", "\xF0\x90\x80\x80\xEE\x80\x80"};

// A random value's text, and the text expected of it (members in QString order, UTF-16 code
// units, stably sorted; of a repeated key the last), written side by side here.
struct Written {
    QByteArray json;
    QByteArray expected;
};

Written randomValue(QRandomGenerator &random, int depth);

Written randomObject(QRandomGenerator &random, int depth)
{
    struct Member {
        QString key;
        QByteArray keyText;
        Written value;
    };
    QList<Member> members;
    const int count = random.bounded(5) == 0 ? random.bounded(40) : random.bounded(14);
    Written object{"{", "{"};
    for (int i = 0; i < count; ++i) {
        const QByteArray key(kKeys[random.bounded(int(std::size(kKeys)))]);
        const Written value = randomValue(random, depth + 1);
        object.json += (i ? "," : "") + ('"' + key + "\":") + value.json;
        members.append({QString::fromUtf8(key), key, value});
    }
    std::stable_sort(members.begin(), members.end(), [](const Member &a, const Member &b) { return a.key < b.key; });
    bool first = true;
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (i + 1 < members.size() && members.at(i + 1).key == members.at(i).key)
            continue;
        object.expected += (first ? "" : ",") + ('"' + members.at(i).keyText + "\":") + members.at(i).value.expected;
        first = false;
    }
    object.json += '}';
    object.expected += '}';
    return object;
}

Written randomValue(QRandomGenerator &random, int depth)
{
    const auto same = [](const QByteArray &text) { return Written{text, text}; };
    const int pick = random.bounded(depth < 4 ? 6 : 4);
    if (pick == 0)
        return same(QByteArray::number(random.bounded(2000) - 1000));
    if (pick == 1)
        return same("\"" + QByteArray(kKeys[random.bounded(int(std::size(kKeys)))]) + "x\"");
    if (pick == 2)
        return same(random.bounded(2) ? "true" : "null");
    if (pick == 3)
        return same(QByteArray::number(qint64(random.generate64() >> 12) - (qint64(1) << 51)));
    if (pick == 4) {
        const Written item = randomValue(random, depth + 1);
        const Written object = randomObject(random, depth + 1);
        return {"[" + item.json + "," + object.json + "]", "[" + item.expected + "," + object.expected + "]"};
    }
    return randomObject(random, depth);
}

} // namespace

void TestQtOrderedJson::randomObjectsInQStringOrder()
{
    QRandomGenerator random(2803);
    for (int round = 0; round < 3000; ++round) {
        const Written object = randomObject(random, 0);
        const QByteArray actual = written(object.json.constData());
        if (actual != object.expected)
            QFAIL(qPrintable(QStringLiteral("round %1: %2\ninstead of %3\nfor %4").arg(round).arg(QString::fromUtf8(actual), QString::fromUtf8(object.expected), QString::fromUtf8(object.json))));
    }
}

void TestQtOrderedJson::deepNestingOnAWorkerThread()
{
    // Nearly as deep as simdjson parses by default (1,024 levels), objects and arrays in turn,
    // written on a worker thread of the default stack, as conversions write (std::thread: 8 MB
    // on Linux). Each level of objects holds its members on the stack (about 0.45 KB a level
    // with -O2, over 2 KB under ASan; measured, not asserted).
    const int levels = 1000;
    QByteArray json;
    QByteArray expected;
    for (int level = 0; level < levels; ++level) {
        json += level % 2 ? "[" : "{\"z\":1,\"k\":";
        expected += level % 2 ? "[" : "{\"k\":";
    }
    json += "null";
    expected += "null";
    for (int level = levels - 1; level >= 0; --level) {
        json += level % 2 ? "]" : "}";
        expected += level % 2 ? "]" : ",\"z\":1}";
    }
    QByteArray out;
    std::unique_ptr<QThread> worker(QThread::create([&json, &out] { out = written(json.constData()); }));
    worker->start();
    QVERIFY(worker->wait());
    QCOMPARE(out, expected);
}

QTEST_GUILESS_MAIN(TestQtOrderedJson)
#include "tst_qtorderedjson.moc"
