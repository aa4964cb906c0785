// SPDX-License-Identifier: MIT
// The query language against what users really type: thousands of random queries built from the
// language's pieces and from stray characters (unbalanced quotes and slashes, dangling OR, keys
// without values, ranges turned around, surrogates, control characters), parsed in every scope and
// evaluated over a small run. Each must parse to a valid query or to an error placed inside it,
// never crash (the sanitizer stage runs this suite), and keep the rules the bar relies on:
// - a valid query's terms lie inside the query, and an error names its character;
// - what the search bar's scope or the library's accepts, the rewriting scope (Any) accepts;
// - stopping a row at its first match (the library) never changes whether the row matches;
// - the Filter menu's rewrite (withKeyValues) of a valid query is valid, holds the values asked
//   for, and keeps every other term as the user wrote it.

#include "search/queryevaluator.h"
#include "search/queryfacts.h"
#include "search/querylanguage.h"
#include "search/searchcorpus.h"
#include "search/searchengine.h"
#include "search/searchsnippet.h"
#include "search/searchtext.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <QTest>

class TestQueryRobustness : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parsedQueriesStayInside();
    void firstMatchDecidesLikeEveryMatch();
    void rewritesKeepTheOtherTerms();

private:
    SearchCorpus m_corpus;
    QStringList m_types, m_tools;
    QVector<qint64> m_times;
};

namespace {

// Pieces a query is made of; a random query is a few of them joined by spaces or nothing.
const char *const kPieces[] = {
    "login", "bash", "Traceback", "exit", "code", "1", "pytest", "été", "ÉTÉ", "straße", "ſ", "K", "😀",
    "\"exit code\"", "\"a \\\" b\"", "\"unclosed", "\"\"", "\"tests\"", "\\", "\\\"", "\"",
    "/exit code [0-9]/", "/login/i", "/(a+)+$/", "/[/", "/(/", "/\\d+/", "/", "//", "/i", "/usr/bin", "/x/i/",
    "-", "-login", "--force", "-\"exit code\"", "-/bash/", "-tool:*", "-type:error",
    "OR", "or", "OR OR", "(", ")", "(login", "OR)",
    "type:", "type:error", "type:ACTION,error", "type:\"user message\"", "tool:", "tool:bash,grep",
    "tool:*", "tool:,", "tool:\"str replace\"", "field:observation", "field:thought", "field:nope",
    "entry:2..5", "entry:5..2", "entry:>3", "entry:<=4", "entry:..3", "entry:3..", "entry:x", "entry:99999999999999999999",
    "gap:>30s", "gap:1m..1h", "gap:5", "gap:-3", "gap:1h..1m", "gap:s",
    "time:12:00..13:30", "time:23:00..01:00", "time:12:05", "time:>12:00", "time:25:61", "time:",
    "is:marked", "is:failure", "is:loop", "is:nope", "has:note", "has:",
    "run:42", "run:1,2", "org:7", "status:failed", "source:github", "after:2025-06-01", "before:2025-13-40",
    "key:value", "C:\\tmp", "https://x.y/z", "Error:", "a:b:c", ":", "::", "\t", "\n", "\x01",
};

const char *const kEntries[] = {
    R"({"id":1,"message_type":"USER_MESSAGE","created_at":"2025-06-01T12:00:00Z","observation":"Please fix the login bug, été"})",
    R"({"id":2,"message_type":"ACTION","tool_name":"bash","created_at":"2025-06-01T12:00:10Z","thought":"look for login","tool_input":{"command":"grep -rn login src"},"tool_output":{"exit_code":0,"stdout":"src/auth.py: def login"}})",
    R"({"id":3,"message_type":"ERROR","created_at":"2025-06-01T12:01:00Z","observation":"Traceback (most recent call last):\n  File \"x.py\", line 3\n\u00e9t\u00e9 STRASSE"})",
    R"({"id":4,"message_type":"ACTION","tool_name":"bash","created_at":"2025-06-01T12:01:05Z","thought":"Run the \"tests\"","tool_input":{"command":"pytest"},"tool_output":{"exit_code":1,"stdout":"1 failed"}})",
    R"({"id":5,"message_type":"ACTION","tool_name":"bash","created_at":"2025-06-01T12:01:10Z","tool_input":{"command":"pytest"},"tool_output":{"exit_code":1}})",
    R"({"id":6,"message_type":"ACTION","tool_name":"str replace","created_at":"2025-06-01T13:30:00Z","tool_input":{"path":"C:\\tmp\\a.py","old":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"},"tool_output":"ok 😀"})",
    R"({"id":7,"message_type":"FINAL_ANSWER","created_at":null,"observation":"Done: exit code 0, Kelvin ſ"})",
    R"({"id":8,"message_type":null,"extra":[1,2,{"deep":"login"}]})",
};

QString randomQuery(QRandomGenerator &random)
{
    QString query;
    const int pieces = 1 + int(random.bounded(6));
    for (int k = 0; k < pieces; ++k) {
        if (k > 0 && random.bounded(5) != 0)
            query += random.bounded(8) == 0 ? QStringLiteral("  ") : QStringLiteral(" ");
        if (random.bounded(12) == 0) {
            // A stray UTF-16 unit now and then: a lone surrogate half, a control character.
            const char16_t strays[] = {0xD83D, 0xDE00, 0x0000, 0x00A0, 0x2028, 0xFEFF};
            query += QChar(strays[random.bounded(int(std::size(strays)))]);
        } else {
            query += QString::fromUtf8(kPieces[random.bounded(int(std::size(kPieces)))]);
        }
    }
    return query;
}

// The query as a test failure shows it: stray characters written as %XX.
QByteArray shown(const QString &query)
{
    return query.toUtf8().toPercentEncoding(" :/\"-.,*<>=()");
}

struct RandomQuery
{
    QString text;
    ParsedQuery parsed;
};

// `count` random queries that parse in `scope`, made from `seed`.
QList<RandomQuery> validRandomQueries(quint32 seed, int count, QueryLanguage::Scope scope)
{
    QRandomGenerator random(seed);
    QList<RandomQuery> queries;
    while (queries.size() < count) {
        RandomQuery query{randomQuery(random), {}};
        query.parsed = QueryLanguage::parse(query.text, scope);
        if (query.parsed.isValid())
            queries << query;
    }
    return queries;
}

// A term as the user wrote it: its kind and its characters in the query.
QStringList termsAsWritten(const QString &query, const ParsedQuery &parsed, QueryTerm::Kind leftOut)
{
    QStringList terms;
    for (const QList<QueryTerm> &group : parsed.groups) {
        for (const QueryTerm &term : group) {
            if (term.kind != leftOut)
                terms << query.mid(term.position, term.length);
        }
    }
    terms.sort();
    return terms;
}

} // namespace


void TestQueryRobustness::initTestCase()
{
    for (int row = 0; row < int(std::size(kEntries)); ++row) {
        const QByteArray raw(kEntries[row]);
        m_corpus.setText(row, SearchText::fromRawEntryJson(raw));
        const QJsonObject object = QJsonDocument::fromJson(raw).object();
        QVERIFY2(!object.isEmpty(), kEntries[row]);
        m_types << object.value(QStringLiteral("message_type")).toString();
        m_tools << object.value(QStringLiteral("tool_name")).toString();
        const QDateTime time = QDateTime::fromString(object.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
        m_times << (time.isValid() ? time.toMSecsSinceEpoch() : LogEntry::kNoTime);
    }
}

void TestQueryRobustness::parsedQueriesStayInside()
{
    QRandomGenerator random(25);
    int valid = 0, invalid = 0;
    for (int k = 0; k < 20000; ++k) {
        const QString query = randomQuery(random);
        const QByteArray shown = ::shown(query);
        for (const QueryLanguage::Scope scope : {QueryLanguage::Scope::Run, QueryLanguage::Scope::Library}) {
            const ParsedQuery parsed = QueryLanguage::parse(query, scope);
            if (!parsed.isValid()) {
                ++invalid;
                QVERIFY2(parsed.errorPosition >= 0 && parsed.errorPosition <= query.size(), shown.constData());
                QVERIFY2(parsed.error.contains(QString::number(parsed.errorPosition + 1)), shown.constData());
                continue;
            }
            ++valid;
            QCOMPARE(parsed.errorPosition, qsizetype(-1));
            for (const QList<QueryTerm> &group : parsed.groups) {
                QVERIFY2(!group.isEmpty(), shown.constData());
                for (const QueryTerm &term : group) {
                    QVERIFY2(term.position >= 0 && term.length > 0 && term.position + term.length <= query.size(),
                             shown.constData());
                    if (term.isText())
                        QVERIFY2(!term.text.isEmpty(), shown.constData());
                }
            }
            QVERIFY2(QueryLanguage::parse(query, QueryLanguage::Scope::Any).isValid(), shown.constData());
        }
    }
    // The pieces make both kinds often: a generator that made only one would test half.
    QVERIFY(valid > 5000);
    QVERIFY(invalid > 5000);
}

void TestQueryRobustness::firstMatchDecidesLikeEveryMatch()
{
    QRandomGenerator random(2025);
    int matchedRows = 0;
    for (const RandomQuery &query : validRandomQueries(2025, 2000, QueryLanguage::Scope::Run)) {
        const ParsedQuery &parsed = query.parsed;
        const QByteArray shown = ::shown(query.text);
        QueryEvaluator::Options every;
        every.caseSensitive = random.bounded(2) == 0;
        every.wholeWord = random.bounded(3) == 0;
        QueryEvaluator::Options first = every;
        first.firstMatchWillDo = true;
        QueryFacts facts = QueryFacts::fromEntries(m_types, m_tools, m_times, {1});
        facts.timeZone = QTimeZone::utc();
        facts.hasNote = [](int entry) { return entry == 2; };
        facts.noteText = [](int entry) { return entry == 2 ? QStringLiteral("my note: login fails") : QString(); };
        QueryFacts sameFacts = facts;
        QueryEvaluator everyMatch(parsed, every, std::move(facts));
        QueryEvaluator firstMatch(parsed, first, std::move(sameFacts));
        everyMatch.prepare(m_corpus);
        firstMatch.prepare(m_corpus);
        const SearchEngine highlight(everyMatch.highlightQuery());
        for (int row = 0; row < m_corpus.size(); ++row) {
            const qint64 all = everyMatch.countMatches(row, m_corpus.at(row));
            const qint64 one = firstMatch.countMatches(row, m_corpus.at(row));
            QVERIFY2(all >= 0 || all == SearchEngine::kTooCostly, shown.constData());
            if (all == SearchEngine::kTooCostly || one == SearchEngine::kTooCostly)
                continue;
            QVERIFY2((all > 0) == (one > 0), shown.constData());
            if (all > 0) {
                ++matchedRows;
                const SearchSnippet snippet = SearchSnippet::ofHit(m_corpus.at(row), highlight, [] { return QStringLiteral("summary"); });
                QVERIFY2(snippet.matchStart >= 0 && snippet.matchLength >= 0
                             && snippet.matchStart + snippet.matchLength <= snippet.text.size(),
                         shown.constData());
            }
        }
    }
    QVERIFY(matchedRows > 1000);
}

void TestQueryRobustness::rewritesKeepTheOtherTerms()
{
    QRandomGenerator random(7);
    for (const RandomQuery &made : validRandomQueries(7, 4000, QueryLanguage::Scope::Any)) {
        const QString &query = made.text;
        const ParsedQuery &parsed = made.parsed;
        const QByteArray shown = ::shown(query);
        const bool isTool = random.bounded(2) == 0;
        const QString key = isTool ? QStringLiteral("tool") : QStringLiteral("type");
        const QueryTerm::Kind kind = isTool ? QueryTerm::Kind::Tool : QueryTerm::Kind::Type;
        const QStringList values = random.bounded(3) == 0 ? QStringList{}
                                 : random.bounded(2) == 0 ? QStringList{QStringLiteral("bash"), QStringLiteral("str replace")}
                                                          : QStringList{QStringLiteral("ERROR")};
        const bool none = values.isEmpty() && random.bounded(2) == 0;
        const QString result = QueryLanguage::withKeyValues(query, key, values, none);
        const ParsedQuery after = QueryLanguage::parse(result, QueryLanguage::Scope::Any);
        QVERIFY2(after.isValid(), qPrintable(QString::fromLatin1(shown) + QStringLiteral(" -> ") + result));
        bool noneAfter = false;
        QCOMPARE(QueryLanguage::keyValues(result, key, &noneAfter), values);
        QCOMPARE(noneAfter, none);
        // Every group holds the new term: AND binds tighter than OR.
        if (!values.isEmpty() || none) {
            for (const QList<QueryTerm> &group : after.groups) {
                QVERIFY2(std::any_of(group.cbegin(), group.cend(), [kind](const QueryTerm &t) { return t.kind == kind; }),
                         qPrintable(QString::fromLatin1(shown) + QStringLiteral(" -> ") + result));
            }
        }
        QVERIFY2(termsAsWritten(result, after, kind) == termsAsWritten(query, parsed, kind),
                 qPrintable(QString::fromLatin1(shown) + QStringLiteral(" -> ") + result));
    }
}

QTEST_GUILESS_MAIN(TestQueryRobustness)
#include "tst_queryrobustness.moc"
