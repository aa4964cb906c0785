// SPDX-License-Identifier: MIT
#include "search/queryevaluator.h"

#include "json/jsontokens.h"
#include "search/searchcorpus.h"
#include "search/searchengine.h"
#include "stats/insights.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

struct QueryEvaluator::Term
{
    QueryTerm term;
    std::shared_ptr<const SearchEngine> engine; // text terms
    std::vector<bool> acceptsText;              // type:, tool:: by id into QueryFacts::texts
};

namespace {

using Kind = QueryTerm::Kind;

bool isWhiteSpace(char c)
{
    return JsonTokens::isSpace(c);
}

// The entry's JSON cut down to the top-level members named in `fields` (in the entry's order),
// as an object of its own: its search text is those members' text as the whole entry's holds it.
QByteArray membersOnly(QByteArrayView json, const QStringList &fields)
{
    const char *data = json.data();
    const qsizetype size = json.size();
    qsizetype i = 0;
    while (i < size && isWhiteSpace(data[i]))
        ++i;
    QByteArray out("{");
    if (i >= size || data[i] != '{')
        return QByteArray();
    ++i;
    while (i < size) {
        while (i < size && (isWhiteSpace(data[i]) || data[i] == ','))
            ++i;
        if (i >= size || data[i] != '"')
            break;
        const qsizetype keyEnd = JsonTokens::stringTokenEnd(data, size, i);
        const QByteArrayView key(data + i + 1, qMax<qsizetype>(0, keyEnd - i - 2));
        i = keyEnd;
        while (i < size && (isWhiteSpace(data[i]) || data[i] == ':'))
            ++i;
        const qsizetype start = i;
        i = JsonTokens::valueEnd(data, size, i);
        bool wanted = false;
        for (const QString &field : fields)
            wanted = wanted || key == field.toLatin1();
        if (wanted) {
            if (out.size() > 1)
                out += ',';
            out += '"' + key.toByteArray() + "\":" + QByteArrayView(data + start, i - start).toByteArray();
        }
    }
    out += '}';
    return out;
}

bool inRange(const QueryTerm &t, qint64 value)
{
    return (!t.hasLow || value >= t.low) && (!t.hasHigh || value <= t.high);
}

// Cheap tests first, and a group's exclusions after what it needs found.
int costOf(const QueryTerm &term)
{
    if (!term.isText())
        return term.kind == Kind::Field ? 1 : 0;
    return term.negated ? 3 : 2;
}

} // namespace

QueryEvaluator::QueryEvaluator(const ParsedQuery &query, Options options, QueryFacts facts)
    : m_fields(query.fields())
    , m_facts(std::move(facts))
    , m_options(options)
{
    for (const QList<QueryTerm> &group : query.groups) {
        QList<Term> terms;
        for (const QueryTerm &t : group) {
            Term term;
            term.term = t;
            if (t.isText())
                term.engine = engineFor(t, options);
            if (t.kind == Kind::Type || t.kind == Kind::Tool) {
                term.acceptsText.resize(size_t(m_facts.texts.size()), false);
                for (qsizetype id = 0; id < m_facts.texts.size(); ++id) {
                    const QString text = m_facts.texts.at(id).toLower();
                    term.acceptsText[size_t(id)] = !m_facts.texts.at(id).isNull()
                        && std::any_of(t.values.begin(), t.values.end(), [&](const QString &v) { return text.startsWith(v); });
                }
            }
            m_needsFacts = m_needsFacts || !t.isText();
            m_needsInsights = m_needsInsights
                || (t.kind == Kind::Is && (t.values.contains(QStringLiteral("failure")) || t.values.contains(QStringLiteral("loop"))));
            terms.append(term);
        }
        std::stable_sort(terms.begin(), terms.end(), [](const Term &a, const Term &b) { return costOf(a.term) < costOf(b.term); });
        m_groups.append(terms);
    }
}

QueryEvaluator::~QueryEvaluator() = default;

std::shared_ptr<const SearchEngine> QueryEvaluator::engineFor(const QueryTerm &term, Options options)
{
    SearchQuery query;
    query.pattern = term.text;
    query.wholeWord = options.wholeWord;
    if (term.kind == Kind::Regex) {
        query.regex = true;
        query.caseSensitive = !term.anyCase;
    } else {
        query.caseSensitive = options.caseSensitive;
    }
    return std::make_shared<const SearchEngine>(query, options.shownAs);
}

std::shared_ptr<QueryEvaluator> QueryEvaluator::forSearchQuery(const SearchQuery &query)
{
    ParsedQuery parsed;
    if (!query.isEmpty()) {
        QueryTerm term;
        term.kind = query.regex ? Kind::Regex : Kind::Word;
        term.text = query.pattern;
        term.anyCase = !query.caseSensitive;
        parsed.groups.append({term});
    }
    return std::make_shared<QueryEvaluator>(parsed, Options{query.caseSensitive, query.wholeWord});
}

void QueryEvaluator::prepare(const SearchCorpus &corpus, const std::atomic<bool> *cancel)
{
    if (!m_needsInsights)
        return;
    // Insights read the run oldest first: the rows by entry, or the corpus's own order when no
    // facts say otherwise (a run read whole, row == entry).
    const int rows = corpus.size();
    std::vector<int> rowOfEntry(size_t(rows), -1);
    for (int row = 0; row < rows; ++row) {
        const int entry = row < m_facts.rows.size() ? m_facts.rows.at(row).entry : row;
        if (entry >= 0 && entry < rows)
            rowOfEntry[size_t(entry)] = row;
    }
    const Insights insights = InsightsFinder::compute(rows, [&](int entry) -> QByteArrayView {
        const int row = rowOfEntry[size_t(entry)];
        if (row < 0)
            return {};
        const SearchText text = corpus.at(row);
        return text.isRaw() ? QByteArrayView(text.bytes) : QByteArrayView();
    }, cancel);
    m_failure.assign(size_t(rows), false);
    m_loop.assign(size_t(rows), false);
    for (int entry : insights.failures) {
        if (entry >= 1 && entry <= rows)
            m_failure[size_t(entry - 1)] = true;
    }
    // An entry is in a loop from the loop's first repeated call to its last, the entries
    // between the calls (their thoughts, observations) included.
    for (const InsightsLoop &loop : insights.loops) {
        for (int entry = std::max(1, loop.firstEntry); entry <= std::min(rows, loop.lastEntry); ++entry)
            m_loop[size_t(entry - 1)] = true;
    }
}

SearchText QueryEvaluator::restrictedText(const SearchText &text) const
{
    if (!text.isRaw())
        return SearchText(); // only the raw form knows its members
    const QByteArray members = membersOnly(text.bytes, m_fields);
    if (members.size() <= 2)
        return SearchText();
    // Its own bytes: the row's borrowed ones stay where they are.
    SearchText restricted = SearchText::fromRawEntryJson(members);
    return restricted;
}

namespace {
bool startsWithAny(const QString &text, const QStringList &prefixes)
{
    if (text.isNull())
        return false;
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const QString &p) { return text.startsWith(p, Qt::CaseInsensitive); });
}
} // namespace

void QueryEvaluator::setRun(const QueryRunFacts &run)
{
    m_run = run;
    m_hasRun = true;
}

bool QueryEvaluator::runTermHolds(const QueryTerm &t) const
{
    switch (t.kind) {
    case Kind::Run:
        return t.numbers.contains(m_run.runId);
    case Kind::Org:
        return t.numbers.contains(m_run.orgId);
    case Kind::Status:
        return startsWithAny(m_run.status, t.values);
    case Kind::Source:
        return startsWithAny(m_run.origin, t.values);
    case Kind::After:
        return m_run.createdAtMsecs != LogEntry::kNoTime && m_run.createdAtMsecs >= t.low;
    case Kind::Before:
        return m_run.createdAtMsecs != LogEntry::kNoTime && m_run.createdAtMsecs < t.low;
    default:
        return false;
    }
}

bool QueryEvaluator::runMayMatch() const
{
    for (const QList<Term> &group : m_groups) {
        bool all = true;
        for (const Term &term : group) {
            const QueryTerm &t = term.term;
            const bool runKey = t.kind == Kind::Run || t.kind == Kind::Org || t.kind == Kind::Status
                || t.kind == Kind::Source || t.kind == Kind::After || t.kind == Kind::Before;
            if (runKey && runTermHolds(t) == t.negated) {
                all = false;
                break;
            }
        }
        if (all)
            return true;
    }
    return false;
}

bool QueryEvaluator::factHolds(const Term &term, const Subject &subject, const SearchText &text) const
{
    const QueryTerm &t = term.term;
    const int row = subject.row;
    const QueryRowFacts *f = !subject.entry && row >= 0 && row < m_facts.rows.size() ? &m_facts.rows.at(row) : nullptr;
    const int entry = subject.entry ? subject.entry->entry : f ? f->entry : row;
    const qint64 createdAt = subject.entry ? subject.entry->createdAtMsecs : f ? f->createdAtMsecs : LogEntry::kNoTime;
    switch (t.kind) {
    case Kind::Type:
        if (subject.entry)
            return startsWithAny(subject.entry->messageType, t.values);
        return f && f->messageType < term.acceptsText.size() && term.acceptsText[f->messageType];
    case Kind::Tool:
        if (subject.entry)
            return startsWithAny(subject.entry->toolName, t.values);
        return f && f->toolName < term.acceptsText.size() && term.acceptsText[f->toolName];
    case Kind::Field: {
        if (!text.isRaw())
            return false;
        return membersOnly(text.bytes, t.values).size() > 2;
    }
    case Kind::Entry:
        return entry >= 0 && inRange(t, qint64(entry) + 1);
    case Kind::Gap:
        return f && f->gapMsecs != LogEntry::kNoTime && inRange(t, f->gapMsecs);
    case Kind::Time: {
        if (createdAt == LogEntry::kNoTime)
            return false;
        const qint64 ofDay = QDateTime::fromMSecsSinceEpoch(createdAt, m_facts.timeZone).time().msecsSinceStartOfDay();
        if (t.hasLow && t.hasHigh && t.low > t.high) // past midnight: 23:00..01:00
            return ofDay >= t.low || ofDay <= t.high;
        return inRange(t, ofDay);
    }
    case Kind::Is:
        for (const QString &value : t.values) {
            if (value == QLatin1String("marked") && f && f->marked)
                return true;
            if (value == QLatin1String("failure") && entry >= 0 && size_t(entry) < m_failure.size() && m_failure[size_t(entry)])
                return true;
            if (value == QLatin1String("loop") && entry >= 0 && size_t(entry) < m_loop.size() && m_loop[size_t(entry)])
                return true;
        }
        return false;
    case Kind::Has:
        if (subject.entry)
            return subject.entry->hasNote;
        return m_facts.hasNote && entry >= 0 && m_facts.hasNote(entry);
    default:
        // Run keys: the library's (setRun); within one run they never hold.
        return m_hasRun && runTermHolds(t);
    }
}

bool QueryEvaluator::holds(const Term &term, const Subject &subject, Texts &texts, qint64 &count, qint64 &inNote) const
{
    if (!term.term.isText())
        return factHolds(term, subject, texts.entry) != term.term.negated;
    const SearchText *target = &texts.entry;
    // The note is one more field: not one that field: names.
    const SearchText *note = m_fields.isEmpty() ? texts.note : nullptr;
    if (!m_fields.isEmpty()) {
        if (!texts.restrictedMade) {
            texts.restricted = restrictedText(texts.entry);
            texts.restrictedMade = true;
        }
        target = &texts.restricted;
    }
    // A regular expression that gave up on this row (SearchEngine::kTooCostly) stops the search:
    // `count` says so, and the caller returns it as the row's count.
    if (term.term.negated) {
        qint64 n = term.engine->countMatches(*target, 1);
        if (n == 0 && note)
            n = term.engine->countMatches(*note, 1);
        if (n == SearchEngine::kTooCostly) {
            count = SearchEngine::kTooCostly;
            return false;
        }
        return n == 0;
    }
    const qint64 limit = m_options.firstMatchWillDo && term.term.kind != Kind::Regex ? 1 : std::numeric_limits<qint64>::max();
    const qint64 n = term.engine->countMatches(*target, limit);
    const qint64 noted = note && n != SearchEngine::kTooCostly ? term.engine->countMatches(*note, limit) : 0;
    if (n == SearchEngine::kTooCostly || noted == SearchEngine::kTooCostly) {
        count = SearchEngine::kTooCostly;
        return false;
    }
    count += n + noted;
    inNote += noted;
    return n + noted > 0;
}

qint64 QueryEvaluator::countMatches(int row, const SearchText &text, qint64 *inNote) const
{
    QString note;
    if (m_facts.noteText) {
        const int entry = row >= 0 && row < m_facts.rows.size() ? m_facts.rows.at(row).entry : row;
        if (entry >= 0)
            note = m_facts.noteText(entry);
    }
    return count(Subject{row, nullptr}, text, note, inNote);
}

qint64 QueryEvaluator::countMatches(const QueryEntryFacts &entry, const SearchText &text, qint64 *inNote) const
{
    return count(Subject{entry.entry, &entry}, text, entry.noteText, inNote);
}

qint64 QueryEvaluator::count(const Subject &subject, const SearchText &text, const QString &note, qint64 *inNote) const
{
    if (inNote)
        *inNote = 0;
    if (!text.isIndexed() && note.isEmpty())
        return 0;
    SearchText noteText;
    if (!note.isEmpty())
        noteText = SearchText::fromSegments({note.toUtf8()});
    Texts texts{text, note.isEmpty() ? nullptr : &noteText, SearchText(), false};
    for (const QList<Term> &group : m_groups) {
        qint64 matches = 0;
        qint64 noted = 0;
        bool all = true;
        for (const Term &term : group) {
            if (!holds(term, subject, texts, matches, noted)) {
                all = false;
                break;
            }
        }
        if (matches == SearchEngine::kTooCostly)
            return SearchEngine::kTooCostly;
        if (all) {
            if (inNote)
                *inNote = noted;
            return std::max<qint64>(matches, 1);
        }
    }
    return 0;
}

SearchQuery QueryEvaluator::highlightQuery() const
{
    QStringList parts;
    for (const QList<Term> &group : m_groups) {
        for (const Term &term : group) {
            const QueryTerm &t = term.term;
            if (!t.isText() || t.negated)
                continue;
            const bool anyCase = t.kind == Kind::Regex ? t.anyCase : !m_options.caseSensitive;
            const QString body = t.kind == Kind::Regex ? t.text : QRegularExpression::escape(t.text);
            parts.append((anyCase ? QStringLiteral("(?i:") : QStringLiteral("(?:")) + body + u')');
        }
    }
    SearchQuery query;
    if (parts.isEmpty())
        return query;
    query.pattern = parts.join(u'|');
    query.regex = true;
    query.caseSensitive = true; // each part carries its own case
    query.wholeWord = m_options.wholeWord;
    return query;
}
