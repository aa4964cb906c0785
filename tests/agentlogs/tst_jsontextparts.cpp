// SPDX-License-Identifier: MIT
// The raw look that splits a JSON text that is one array into its elements, or one object into
// its members (JsonTextParts, issue 28: an OpenHands stream parsed an event at a time, a SWE-agent
// trajectory a step at a time): the parts' bytes as written here, strings holding quotes,
// backslashes, brackets and commas skipped, and no split of a text that is no array or object by
// that look. Over random and generated streams, the elements are the array's elements as Qt's
// parser reads them.
#include "agentlogs/jsontextparts.h"
#include "generatedlogs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

namespace {

QList<QByteArray> elementsOf(const QByteArray &text, bool *split)
{
    const std::optional<QList<QByteArrayView>> elements = JsonTextParts::arrayElements(text);
    *split = elements.has_value();
    QList<QByteArray> out;
    if (elements) {
        for (const QByteArrayView element : *elements)
            out.append(element.toByteArray());
    }
    return out;
}

// A random JSON value: nested lists and objects, strings with escapes and the characters the
// look counts (brackets, braces, commas, quotes), numbers, literals.
QByteArray randomValue(QRandomGenerator &random, int depth)
{
    static const QList<QByteArray> strings{R"("")", R"("]")", R"("},{")", R"("\"")", R"("\\")", R"("a\\\"b")", R"("\\\\")", R"("[[{")",
                                           R"("\u005d\u0022")", "\"gr\xc3\xbcn\"", R"("tab\tnew\nline")"};
    switch (depth > 4 ? random.bounded(3) : random.bounded(6)) {
    case 0:
        return strings.at(random.bounded(strings.size()));
    case 1:
        return QByteArray::number(int(random.bounded(2000)) - 1000);
    case 2:
        return random.bounded(2) ? "true" : "null";
    case 3: {
        QByteArray out = "[";
        const int n = random.bounded(4);
        for (int i = 0; i < n; ++i)
            out += (i > 0 ? ", " : "") + randomValue(random, depth + 1);
        return out + ']';
    }
    default: {
        QByteArray out = "{";
        const int n = random.bounded(4);
        for (int i = 0; i < n; ++i)
            out += (i > 0 ? "," : "") + strings.at(random.bounded(strings.size())) + ":\n " + randomValue(random, depth + 1);
        return out + '}';
    }
    }
}

} // namespace

class TestJsonTextParts : public QObject
{
    Q_OBJECT

private slots:
    void splitsTheElements_data();
    void splitsTheElements();
    void noSplitOfWhatIsNoArray_data();
    void noSplitOfWhatIsNoArray();
    void randomArraysAreQtsArrays();
    void splitsTheMembers();
    void noSplitOfWhatIsNoObject();
};

void TestJsonTextParts::splitsTheElements_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<QByteArray>>("elements");
    QTest::addRow("empty") << QByteArray("[]") << QList<QByteArray>{};
    QTest::addRow("empty, spaced") << QByteArray(" \r\n[ \t ]\n") << QList<QByteArray>{};
    QTest::addRow("numbers") << QByteArray("[1,2 , 3]") << QList<QByteArray>{"1", "2", "3"};
    QTest::addRow("objects") << QByteArray(R"([{"a":1},  {"b":[2,3]} ])") << QList<QByteArray>{R"({"a":1})", R"({"b":[2,3]})"};
    QTest::addRow("brackets in strings") << QByteArray(R"(["],[", {"k":"}{"}, "\"],"])")
                                         << QList<QByteArray>{R"("],[")", R"({"k":"}{"})", R"("\"],")"};
    QTest::addRow("escaped backslash before a quote") << QByteArray(R"(["a\\", "b\\\"c", "\\\\"])")
                                                       << QList<QByteArray>{R"("a\\")", R"("b\\\"c")", R"("\\\\")"};
    QTest::addRow("nested lists") << QByteArray("[[[]],[[1],[2,[3]]]]") << QList<QByteArray>{"[[]]", "[[1],[2,[3]]]"};
    // The look only splits: what is between the commas is for the element's own parse to refuse.
    QTest::addRow("an element that is no JSON") << QByteArray("[1 2, {], tru]") << QList<QByteArray>{"1 2", "{]", "tru"};
}

void TestJsonTextParts::splitsTheElements()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<QByteArray>, elements);
    bool split = false;
    QCOMPARE(elementsOf(text, &split), elements);
    QVERIFY(split);
}

void TestJsonTextParts::noSplitOfWhatIsNoArray_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const char *text : {"", "   ", "{}", "1", "[", "[1,", "[1,]", "[,1]", "[1,,2]", "[1]]", "[1] x", "[1]\n[2]", R"(["a])", R"(["a\"])",
                             "[{]", "[}]", "\xef\xbb\xbf[1]"})
        QTest::addRow("%s", text) << QByteArray(text);
    QTest::addRow("a NUL after it") << QByteArray("[1]\0", 4);
}

void TestJsonTextParts::noSplitOfWhatIsNoArray()
{
    QFETCH(QByteArray, text);
    QVERIFY(!JsonTextParts::arrayElements(text));
}

// Random arrays of random values, and the generated OpenHands streams: as many elements as Qt's
// parser reads, each element alone the value Qt's parser read there.
void TestJsonTextParts::randomArraysAreQtsArrays()
{
    QList<QByteArray> texts;
    for (quint32 seed = 1; seed <= 200; ++seed) {
        QRandomGenerator random(seed);
        QByteArray text = "[";
        const int n = random.bounded(12);
        for (int i = 0; i < n; ++i)
            text += QByteArray(i > 0 ? "," : "") + (random.bounded(2) ? "\n  " : "") + randomValue(random, 0);
        texts.append(text + (random.bounded(2) ? "]" : " ]\n"));
    }
    for (quint32 seed = 1; seed <= 3; ++seed) {
        QRandomGenerator random(seed);
        texts.append(GeneratedLogs::openHands(1 + int(random.bounded(500)), &random));
    }
    for (const QByteArray &text : std::as_const(texts)) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        bool split = false;
        const QList<QByteArray> elements = elementsOf(text, &split);
        QVERIFY2(split, text.left(200).constData());
        const QJsonArray array = document.array();
        QCOMPARE(elements.size(), array.size());
        for (qsizetype i = 0; i < elements.size(); ++i) {
            const QJsonDocument alone = QJsonDocument::fromJson("[" + elements.at(i) + "]", &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(alone.array().at(0), array.at(i));
        }
    }
}

// Each member's key as written between its quotes and its value, a repeated key each time.
void TestJsonTextParts::splitsTheMembers()
{
    const QByteArray text = " {\"a\" : 1, \"b\\\"]\":{\"c\":[\"}\",2]} ,\n\"a\":\"x\\\\\", \"\":[]}\n";
    const std::optional<QList<JsonTextParts::Member>> members = JsonTextParts::objectMembers(text);
    QVERIFY(members);
    QList<QByteArray> parts;
    for (const JsonTextParts::Member &member : *members)
        parts << member.key.toByteArray() << member.value.toByteArray();
    QCOMPARE(parts, (QList<QByteArray>{"a", "1", "b\\\"]", R"({"c":["}",2]})", "a", R"("x\\")", "", "[]"}));
    QVERIFY(JsonTextParts::objectMembers("{}"));
    QVERIFY(JsonTextParts::objectMembers("{}")->isEmpty());
}

void TestJsonTextParts::noSplitOfWhatIsNoObject()
{
    for (const char *text : {"", "[]", "{", R"({"a":1)", R"({"a":1,})", R"({"a" 1})", R"({"a":})", R"({a:1})", R"({"a":1}})", R"({"a":1} 2)",
                             R"({,"a":1})", R"({"a:1})"})
        QVERIFY2(!JsonTextParts::objectMembers(text), text);
}

QTEST_GUILESS_MAIN(TestJsonTextParts)
#include "tst_jsontextparts.moc"
