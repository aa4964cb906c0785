// SPDX-License-Identifier: MIT
#include "search/querylanguage.h"

#include <QCoreApplication>
#include <QDate>
#include <QRegularExpression>
#include <QTimeZone>

#include <limits>
#include <optional>

namespace {

const QStringList &runKeys()
{
    static const QStringList keys = {QStringLiteral("type"),  QStringLiteral("tool"), QStringLiteral("field"),
                                     QStringLiteral("entry"), QStringLiteral("gap"),  QStringLiteral("time"),
                                     QStringLiteral("is"),    QStringLiteral("has")};
    return keys;
}

const QStringList &libraryKeys()
{
    static const QStringList keys = {QStringLiteral("run"),    QStringLiteral("org"),   QStringLiteral("status"),
                                     QStringLiteral("source"), QStringLiteral("after"), QStringLiteral("before")};
    return keys;
}

const QStringList &fieldNames()
{
    static const QStringList names = {QStringLiteral("thought"), QStringLiteral("tool_input"),
                                      QStringLiteral("tool_output"), QStringLiteral("observation")};
    return names;
}

const QStringList &isNames()
{
    static const QStringList names = {QStringLiteral("marked"), QStringLiteral("failure"), QStringLiteral("loop")};
    return names;
}

QueryTerm::Kind kindOfKey(const QString &key)
{
    using K = QueryTerm::Kind;
    static const QHash<QString, K> kinds = {
        {QStringLiteral("type"), K::Type},     {QStringLiteral("tool"), K::Tool},     {QStringLiteral("field"), K::Field},
        {QStringLiteral("entry"), K::Entry},   {QStringLiteral("gap"), K::Gap},       {QStringLiteral("time"), K::Time},
        {QStringLiteral("is"), K::Is},         {QStringLiteral("has"), K::Has},       {QStringLiteral("run"), K::Run},
        {QStringLiteral("org"), K::Org},       {QStringLiteral("status"), K::Status}, {QStringLiteral("source"), K::Source},
        {QStringLiteral("after"), K::After},   {QStringLiteral("before"), K::Before},
    };
    return kinds.value(key, K::Word);
}

// A value of a range key, with how much it stands for: "12:05" is a whole minute.
struct Amount
{
    qint64 value = 0;
    qint64 span = 1;
};

std::optional<Amount> parseCount(QStringView text)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < 0 || text.startsWith(u'+'))
        return std::nullopt;
    return Amount{n, 1};
}

std::optional<Amount> parseDuration(QStringView text)
{
    qint64 unit = 1000;
    if (text.endsWith(u's')) {
        text.chop(1);
    } else if (text.endsWith(u'm')) {
        unit = 60 * 1000;
        text.chop(1);
    } else if (text.endsWith(u'h')) {
        unit = 60 * 60 * 1000;
        text.chop(1);
    }
    bool ok = false;
    const double n = text.toDouble(&ok);
    if (!ok || n < 0 || n > 1e9 || text.isEmpty() || !(text.front().isDigit() || text.front() == u'.'))
        return std::nullopt;
    return Amount{qint64(n * double(unit) + 0.5), 1};
}

std::optional<Amount> parseTimeOfDay(QStringView text)
{
    static const QRegularExpression shape(QStringLiteral("^(\\d{1,2}):(\\d{2})(?::(\\d{2}))?$"));
    const QRegularExpressionMatch m = shape.match(text.toString());
    if (!m.hasMatch())
        return std::nullopt;
    const int h = m.capturedView(1).toInt();
    const int min = m.capturedView(2).toInt();
    const bool hasSeconds = m.hasCaptured(3);
    const int s = hasSeconds ? m.capturedView(3).toInt() : 0;
    if (h > 23 || min > 59 || s > 59)
        return std::nullopt;
    return Amount{((h * 60 + min) * 60 + s) * 1000LL, hasSeconds ? 1000 : 60 * 1000};
}

std::optional<Amount> parseDate(QStringView text)
{
    const QDate date = QDate::fromString(text.toString(), Qt::ISODate);
    if (!date.isValid() || text.size() != 10)
        return std::nullopt;
    return Amount{date.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch(), 24LL * 60 * 60 * 1000};
}

class Parser
{
public:
    Parser(const QString &query, QueryLanguage::Scope scope) : m_q(query), m_scope(scope) {}

    // The comma list at the start of the text (keyValues).
    void list(QStringList &items)
    {
        QList<qsizetype> starts;
        readList(0, items, starts);
    }

    ParsedQuery run()
    {
        ParsedQuery result;
        QList<QueryTerm> group;
        qsizetype lastOr = -1;
        const qsizetype n = m_q.size();
        qsizetype i = 0;
        while (m_error.isEmpty()) {
            while (i < n && m_q.at(i).isSpace())
                ++i;
            if (i >= n)
                break;
            if (isOrAt(i)) {
                if (group.isEmpty()) {
                    fail(i, QCoreApplication::translate("QueryLanguage", "`OR` needs a term before it at character %1"));
                    break;
                }
                result.groups.append(group);
                group.clear();
                lastOr = i;
                i += 2;
                continue;
            }
            QueryTerm term;
            term.position = i;
            if (m_q.at(i) == u'-' && i + 1 < n && !m_q.at(i + 1).isSpace() && m_q.at(i + 1) != u'-'
                && !m_q.at(i + 1).isDigit()) {
                term.negated = true;
                ++i;
            }
            i = readTerm(i, term);
            term.length = i - term.position;
            if (m_error.isEmpty())
                group.append(term);
        }
        if (m_error.isEmpty() && lastOr >= 0 && group.isEmpty())
            fail(lastOr, QCoreApplication::translate("QueryLanguage", "`OR` needs a term after it at character %1"));
        if (!m_error.isEmpty()) {
            result.groups.clear();
            result.error = m_error;
            result.errorPosition = m_errorAt;
            return result;
        }
        if (!group.isEmpty())
            result.groups.append(group);
        return result;
    }

private:
    bool isOrAt(qsizetype i) const
    {
        return m_q.mid(i, 2) == QLatin1String("OR") && (i + 2 == m_q.size() || m_q.at(i + 2).isSpace());
    }

    // `message` has the position as %1 and `more` as %2, %3…: replaced in one pass, so a
    // user's text holding "%1" stays as it is.
    template<typename... More>
    void fail(qsizetype at, const QString &message, const More &...more)
    {
        if (!m_error.isEmpty())
            return;
        m_errorAt = at;
        m_error = message.arg(QString::number(at + 1), more...);
    }

    qsizetype wordEnd(qsizetype i) const
    {
        while (i < m_q.size() && !m_q.at(i).isSpace())
            ++i;
        return i;
    }

    // A quoted string opening at `i`; returns the index past its closing quote.
    qsizetype readQuoted(qsizetype i, QString &out)
    {
        const qsizetype open = i++;
        while (i < m_q.size()) {
            const QChar c = m_q.at(i);
            if (c == u'\\' && i + 1 < m_q.size() && (m_q.at(i + 1) == u'"' || m_q.at(i + 1) == u'\\')) {
                out.append(m_q.at(i + 1));
                i += 2;
                continue;
            }
            if (c == u'"')
                return i + 1;
            out.append(c);
            ++i;
        }
        fail(open, QCoreApplication::translate("QueryLanguage", "the quote at character %1 is never closed"));
        return m_q.size();
    }

    qsizetype readTerm(qsizetype i, QueryTerm &term)
    {
        const QChar c = m_q.at(i);
        if (c == u'"') {
            term.kind = QueryTerm::Kind::Phrase;
            const qsizetype end = readQuoted(i, term.text);
            if (m_error.isEmpty() && term.text.isEmpty())
                fail(i, QCoreApplication::translate("QueryLanguage", "empty phrase at character %1"));
            return end;
        }
        if (c == u'/') {
            const qsizetype end = readRegex(i, term);
            if (end >= 0)
                return end;
        }
        const qsizetype end = wordEnd(i);
        static const QRegularExpression keyShape(QStringLiteral("^([a-z][a-z_]*):(?!/)(.)"));
        const QRegularExpressionMatch key = keyShape.match(m_q.mid(i, end - i));
        if (!key.hasMatch()) {
            term.kind = QueryTerm::Kind::Word;
            term.text = m_q.mid(i, end - i);
            return end;
        }
        const QString name = key.captured(1);
        const bool known = runKeys().contains(name) || libraryKeys().contains(name);
        if (!known) {
            fail(i, QCoreApplication::translate("QueryLanguage", "unknown key `%2:` at character %1"), name);
            return end;
        }
        if (m_scope == QueryLanguage::Scope::Run && libraryKeys().contains(name)) {
            fail(i, QCoreApplication::translate("QueryLanguage", "`%2:` works across runs only (Search All Runs, `runlog --search`), at character %1"), name);
            return end;
        }
        if (m_scope == QueryLanguage::Scope::Library && (name == QLatin1String("gap") || name == QLatin1String("is"))) {
            fail(i, QCoreApplication::translate("QueryLanguage", "`%2:` works within one run (the search bar, `runlog SOURCE --search`), at character %1"), name);
            return end;
        }
        term.kind = kindOfKey(name);
        return readKeyValue(name, i + name.size() + 1, term);
    }

    // `/pattern/` or `/pattern/i` followed by a space or the end; -1 when the text at `i` is no
    // such thing (then it is a word, a path like /usr/bin).
    qsizetype readRegex(qsizetype i, QueryTerm &term)
    {
        const qsizetype n = m_q.size();
        qsizetype j = i + 1;
        while (j < n && m_q.at(j) != u'/') {
            if (m_q.at(j) == u'\\')
                ++j;
            ++j;
        }
        if (j >= n || j == i + 1)
            return -1;
        const qsizetype end = wordEnd(j + 1);
        const QStringView flags = QStringView(m_q).sliced(j + 1, end - j - 1);
        if (!flags.isEmpty() && flags != u"i")
            return -1;
        term.kind = QueryTerm::Kind::Regex;
        term.text = m_q.mid(i + 1, j - i - 1);
        term.anyCase = !flags.isEmpty();
        const QRegularExpression re(term.text, QRegularExpression::UseUnicodePropertiesOption);
        if (!re.isValid()) {
            const qsizetype at = re.patternErrorOffset() >= 0 ? i + 1 + re.patternErrorOffset() : i;
            fail(at, QCoreApplication::translate("QueryLanguage", "%2 in the regular expression, at character %1"), re.errorString());
        }
        return end;
    }

    // Comma-separated items, each quoted or up to a comma or a space; `i` is where they start.
    qsizetype readList(qsizetype i, QStringList &items, QList<qsizetype> &starts)
    {
        const qsizetype n = m_q.size();
        while (m_error.isEmpty()) {
            QString item;
            starts.append(i);
            if (i < n && m_q.at(i) == u'"') {
                i = readQuoted(i, item);
            } else {
                while (i < n && !m_q.at(i).isSpace() && m_q.at(i) != u',')
                    item.append(m_q.at(i++));
            }
            if (item.isEmpty()) {
                fail(starts.last(), QCoreApplication::translate("QueryLanguage", "a value is missing at character %1"));
                break;
            }
            items.append(item);
            if (i < n && m_q.at(i) == u',') {
                ++i;
                continue;
            }
            break;
        }
        return i;
    }

    qsizetype readKeyValue(const QString &name, qsizetype i, QueryTerm &term)
    {
        using K = QueryTerm::Kind;
        QStringList items;
        QList<qsizetype> starts;
        const qsizetype end = readList(i, items, starts);
        if (!m_error.isEmpty())
            return end;
        if (end < m_q.size() && !m_q.at(end).isSpace()) {
            fail(end, QCoreApplication::translate("QueryLanguage", "unexpected character at character %1: put a value holding it in quotes"));
            return end;
        }
        const auto oneValue = [&]() -> bool {
            if (items.size() == 1)
                return true;
            fail(starts.at(1), QCoreApplication::translate("QueryLanguage", "`%2:` takes one value, not a list, at character %1"), name);
            return false;
        };
        switch (term.kind) {
        case K::Type:
        case K::Tool:
        case K::Status:
        case K::Source:
            // "*" is any value: the empty prefix (a null type or tool has none).
            for (const QString &item : std::as_const(items))
                term.values.append(item == QLatin1String("*") ? QStringLiteral("") : item.toLower());
            break;
        case K::Field:
        case K::Is:
        case K::Has: {
            const QStringList allowed = term.kind == K::Field ? fieldNames()
                : term.kind == K::Is                          ? isNames()
                                                              : QStringList{QStringLiteral("note")};
            for (qsizetype k = 0; k < items.size(); ++k) {
                const QString value = items.at(k).toLower();
                if (!allowed.contains(value)) {
                    fail(starts.at(k), QCoreApplication::translate("QueryLanguage", "unknown value `%2` for `%3:` at character %1 (one of: %4)"), items.at(k), name,
                         allowed.join(QStringLiteral(", ")));
                    return end;
                }
                term.values.append(value);
            }
            break;
        }
        case K::Run:
        case K::Org:
            for (qsizetype k = 0; k < items.size(); ++k) {
                const auto n = parseCount(items.at(k));
                if (!n) {
                    fail(starts.at(k), QCoreApplication::translate("QueryLanguage", "`%2:` needs a number at character %1"), name);
                    return end;
                }
                term.numbers.append(n->value);
            }
            break;
        case K::Entry:
            if (oneValue())
                readRange(items.first(), starts.first(), term, parseCount, QCoreApplication::translate("QueryLanguage", "`entry:` needs an entry number or a range like 100..200 at character %1"), true);
            break;
        case K::Gap:
            if (oneValue())
                readRange(items.first(), starts.first(), term, parseDuration, QCoreApplication::translate("QueryLanguage", "`gap:` needs a duration like 30s, >2m or 1m..1h at character %1"), false);
            break;
        case K::Time:
            if (oneValue())
                readRange(items.first(), starts.first(), term, parseTimeOfDay, QCoreApplication::translate("QueryLanguage", "`time:` needs a time of day like 12:00..13:30 or >9:30 at character %1"), true);
            break;
        case K::After:
        case K::Before:
            if (oneValue()) {
                const auto day = parseDate(items.first());
                if (!day) {
                    fail(starts.first(), QCoreApplication::translate("QueryLanguage", "`%2:` needs a date like 2025-06-01 at character %1"), name);
                    break;
                }
                term.low = day->value;
                term.hasLow = true;
            }
            break;
        default:
            break;
        }
        return end;
    }

    // A..B, A.., ..B, >A, >=A, <B, <=B, or A alone (that value, or at least A when
    // !bareIsExact). Bounds are inclusive: > adds one unit, < takes one away, and an upper
    // bound covers what its value stands for ("..13:30" holds 13:30:59).
    template<typename ParseAmount>
    void readRange(const QString &text, qsizetype at, QueryTerm &term, ParseAmount parseAmount, const QString &message,
                   bool bareIsExact)
    {
        const auto bad = [&] { fail(at, message); };
        QStringView v(text);
        const auto setLow = [&](const Amount &a, bool strict) {
            term.low = strict ? a.value + a.span : a.value;
            term.hasLow = true;
        };
        const auto setHigh = [&](const Amount &a, bool strict) {
            term.high = strict ? a.value - 1 : a.value + a.span - 1;
            term.hasHigh = true;
        };
        if (v.startsWith(u">") || v.startsWith(u"<")) {
            const bool greater = v.startsWith(u'>');
            const bool orEqual = v.size() > 1 && v.at(1) == u'=';
            const auto a = parseAmount(v.sliced(orEqual ? 2 : 1));
            if (!a)
                return bad();
            if (greater)
                setLow(*a, !orEqual);
            else
                setHigh(*a, !orEqual);
            return;
        }
        const qsizetype dots = v.indexOf(u"..");
        if (dots < 0) {
            const auto a = parseAmount(v);
            if (!a)
                return bad();
            setLow(*a, false);
            if (bareIsExact)
                setHigh(*a, false);
            return;
        }
        const QStringView left = v.first(dots);
        const QStringView right = v.sliced(dots + 2);
        if (left.isEmpty() && right.isEmpty())
            return bad();
        if (!left.isEmpty()) {
            const auto a = parseAmount(left);
            if (!a)
                return bad();
            setLow(*a, false);
        }
        if (!right.isEmpty()) {
            const auto b = parseAmount(right);
            if (!b)
                return bad();
            setHigh(*b, false);
        }
    }

    const QString &m_q;
    QueryLanguage::Scope m_scope;
    QString m_error;
    qsizetype m_errorAt = -1;
};

} // namespace

bool ParsedQuery::hasKind(QueryTerm::Kind kind) const
{
    for (const QList<QueryTerm> &group : groups) {
        for (const QueryTerm &term : group) {
            if (term.kind == kind)
                return true;
        }
    }
    return false;
}

bool ParsedQuery::hasKeys() const
{
    for (const QList<QueryTerm> &group : groups) {
        for (const QueryTerm &term : group) {
            if (!term.isText())
                return true;
        }
    }
    return false;
}

bool ParsedQuery::usesIs(const QString &name) const
{
    for (const QList<QueryTerm> &group : groups) {
        for (const QueryTerm &term : group) {
            if (term.kind == QueryTerm::Kind::Is && term.values.contains(name))
                return true;
        }
    }
    return false;
}

QStringList ParsedQuery::fields() const
{
    QStringList names;
    for (const QList<QueryTerm> &group : groups) {
        for (const QueryTerm &term : group) {
            if (term.kind != QueryTerm::Kind::Field || term.negated)
                continue;
            for (const QString &value : term.values) {
                if (!names.contains(value))
                    names.append(value);
            }
        }
    }
    return names;
}

namespace QueryLanguage {

ParsedQuery parse(const QString &query, Scope scope)
{
    return Parser(query, scope).run();
}

ParsedQuery wholeRegex(const QString &pattern, bool caseSensitive)
{
    ParsedQuery result;
    if (pattern.isEmpty())
        return result;
    QueryTerm term;
    term.kind = QueryTerm::Kind::Regex;
    term.text = pattern;
    term.anyCase = !caseSensitive;
    term.length = pattern.size();
    const QRegularExpression re(pattern, QRegularExpression::UseUnicodePropertiesOption);
    if (!re.isValid()) {
        const qsizetype offset = qMax<qsizetype>(0, re.patternErrorOffset());
        result.errorPosition = offset;
        result.error = QCoreApplication::translate("QueryLanguage", "%1 at character %2").arg(re.errorString()).arg(offset + 1);
        return result;
    }
    result.groups.append({term});
    return result;
}

QStringList keys(Scope scope, bool withNotes)
{
    QStringList names = runKeys();
    if (!withNotes)
        names.removeAll(QStringLiteral("has"));
    if (scope == Scope::Library) {
        names.removeAll(QStringLiteral("gap"));
        names.removeAll(QStringLiteral("is"));
    }
    if (scope != Scope::Run)
        names += libraryKeys();
    return names;
}

QStringList fixedValues(const QString &key, bool withNotes)
{
    if (key == QLatin1String("field"))
        return fieldNames();
    if (key == QLatin1String("is"))
        return isNames();
    if (key == QLatin1String("has"))
        return withNotes ? QStringList{QStringLiteral("note")} : QStringList{};
    return {};
}

QString quoteValue(const QString &value)
{
    const bool plain = !value.isEmpty() && !value.contains(u'"') && !value.contains(u',') && !value.contains(u'\\')
        && std::none_of(value.begin(), value.end(), [](QChar c) { return c.isSpace(); });
    if (plain)
        return value;
    QString escaped = value;
    escaped.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\""), QLatin1String("\\\""));
    return u'"' + escaped + u'"';
}

QStringList keyValues(const QString &query, const QString &key, bool *none)
{
    const ParsedQuery parsed = parse(query, Scope::Any);
    const QueryTerm::Kind kind = kindOfKey(key);
    QStringList values;
    if (none)
        *none = false;
    // The values as typed (the parser keeps them in lower case).
    for (const QList<QueryTerm> &group : parsed.groups) {
        for (const QueryTerm &term : group) {
            if (term.kind != kind)
                continue;
            if (term.negated) {
                if (none && term.values == QStringList{QStringLiteral("")})
                    *none = true;
                continue;
            }
            QStringList items;
            const QString valueText = query.mid(term.position + key.size() + 1, term.length - key.size() - 1);
            Parser reader(valueText, Scope::Any);
            reader.list(items);
            // The Filter menu writes its term into every OR group: each value once.
            for (const QString &item : std::as_const(items)) {
                if (!values.contains(item))
                    values << item;
            }
        }
    }
    return values;
}

QString withKeyValues(const QString &query, const QString &key, const QStringList &values, bool none)
{
    QString term;
    if (none) {
        term = u'-' + key + QStringLiteral(":*");
    } else if (!values.isEmpty()) {
        QStringList quoted;
        for (const QString &value : values)
            quoted << quoteValue(value);
        term = key + u':' + quoted.join(u',');
    }
    const ParsedQuery parsed = parse(query, Scope::Any);
    if (!parsed.isValid())
        return term.isEmpty() ? query : query.isEmpty() ? term : term + u' ' + query;
    // Written again from the other terms as the user typed them (a phrase's or a regex's spaces
    // kept), one space between terms. AND binds tighter than OR, so the new term goes into every
    // group: a filter on "error OR failed" is "tool:bash error OR tool:bash failed", not
    // "(tool:bash error) OR failed". A group that held only the key's terms is the new term alone,
    // or, with no new term, is dropped with its OR.
    const QueryTerm::Kind kind = kindOfKey(key);
    QStringList groups;
    for (const QList<QueryTerm> &group : parsed.groups) {
        QStringList terms;
        if (!term.isEmpty())
            terms << term;
        for (const QueryTerm &other : group) {
            if (other.kind != kind)
                terms << query.mid(other.position, other.length);
        }
        if (terms.isEmpty() || (terms.size() == 1 && !term.isEmpty() && groups.contains(term)))
            continue; // nothing left, or the new term alone once more
        groups << terms.join(u' ');
    }
    if (groups.isEmpty())
        return term;
    return groups.join(QStringLiteral(" OR "));
}

QString helpText(Scope scope)
{
    QString text = QCoreApplication::translate("QueryLanguage", 
        "words        every word must match, in any field (any case)\n"
        "\"a phrase\"   the words together; \\\" is a quote inside\n"
        "/regex/      a regular expression; /regex/i for any case\n"
        "-word        leaves out entries with it (also -\"phrase\", -key:value)\n"
        "a OR b       either; AND binds tighter: a b OR c = (a and b) or c\n"
        "type:error   message type, by prefix, any case; lists: tool:bash,grep\n"
        "tool:bash    tool name, by prefix, any case\n"
        "field:observation   words only in thought, tool_input, tool_output, observation\n"
        "entry:100..200   also entry:>100, entry:100\n"
        "time:12:00..13:30   time of day (local)");
    text += u'\n';
    if (scope == Scope::Library) {
        text += QCoreApplication::translate("QueryLanguage", "run:42  org:7  status:failed  source:github  after:2025-06-01  before:2025-07-01\n"
                                                             "has:note     entries with a note of yours (words find notes' text too)");
    } else {
        text += QCoreApplication::translate("QueryLanguage",
            "gap:>30s     time since the entry before (s, m, h)\n"
            "is:marked  is:failure  is:loop  has:note");
    }
    return text;
}

} // namespace QueryLanguage
