// SPDX-License-Identifier: MIT
#include "demo/demodataset.h"

#include "demo/demohistory.h"

#include "json/jsonwriter.h"

#include <QPair>

#include <array>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <random>
#include <utility>

namespace {

using Field = std::pair<const char *, QByteArray>;

QByteArray str(const QByteArray &utf8)
{
    return JsonWriter::string(utf8);
}

QByteArray num(qint64 value)
{
    return QByteArray::number(value);
}

const QByteArray kNull = QByteArrayLiteral("null");

// A JSON object with its keys in the given order (QJsonObject would sort them).
QByteArray object(std::initializer_list<Field> fields)
{
    QByteArray out = "{";
    bool first = true;
    for (const Field &field : fields) {
        if (!first)
            out += ',';
        first = false;
        out += '"';
        out += field.first;
        out += "\":";
        out += field.second;
    }
    out += '}';
    return out;
}

// Everything an entry may carry. Raw JSON values; "null" where absent.
struct EntrySpec
{
    QByteArray messageType;
    QByteArray toolName = kNull;
    QByteArray thought = kNull;
    QByteArray observation = kNull;
    QByteArray toolInput = kNull;
    QByteArray toolOutput = kNull;
    QList<QPair<QByteArray, QByteArray>> extra;   // unknown fields, appended after the known ones
    bool nullTime = false;
};

const char *const kFiles[] = {
    "src/checkout/pricing.py",   "src/checkout/cart.py",        "src/checkout/discounts.py",
    "src/checkout/__init__.py",  "src/api/routes.py",           "src/api/schemas.py",
    "src/db/models.py",          "src/db/migrations/0042_discount_precision.py",
    "tests/test_pricing.py",     "tests/test_discounts.py",     "tests/conftest.py",
    "pyproject.toml",            "README.md",                   "docs/pricing.md",
    "web/src/components/CartSummary.tsx", "web/src/lib/money.ts", ".github/workflows/ci.yml"};

const char *const kIdentifiers[] = {
    "cart", "line_item", "discount", "subtotal", "total", "currency", "quantity", "unit_price",
    "tax_rate", "coupon", "customer", "order", "rounding", "amount", "promotion", "shipping"};

const char *const kThoughtSentences[] = {
    "The failing test expects the discounted total to be rounded half-up to two decimals.",
    "Let me look at how `apply_discount` computes the percentage before touching anything.",
    "The cart subtotal is stored as a float, which explains the 0.01 drift on large orders.",
    "I should check whether the API layer re-rounds the value before serialising it.",
    "Switching to `Decimal` here keeps the rest of the module's interface unchanged.",
    "There are two call sites of `compute_total`; both pass a list of line items.",
    "The migration must widen the column before the new precision is written.",
    "CI runs mypy in strict mode, so the new helper needs full type annotations.",
    "The frontend formats money with `Intl.NumberFormat`, so no change is needed there.",
    "I will run the focused tests first and the full suite once they pass.",
    "The error says the fixture `sample_cart` is not found; conftest.py must define it.",
    "This is the same bug as in issue #4107, only in the coupon path.",
    "Before opening the PR I want the changelog entry and the docs to agree.",
    "The user asked for a minimal change; I will not refactor the discount engine.",
    "Edge case: a 100% coupon must give exactly 0.00, not -0.00.",
    "Grepping for `round(` shows four more places with the same pattern.",
    "The stack trace points at line 88, inside the loop over promotions.",
    "Good, the previous edit compiled; now the snapshot test needs updating.",
    "I need to confirm the behaviour for currencies without minor units, like JPY (円).",
    "The reviewer comment (in Hebrew: \"\327\251\327\234\327\225\327\235, \327\252\327\225\327\223\327\224\") just says thanks.",
    "Tests are green ✅ — moving on to the API contract.",
    "Hmm, the build is slow 🐢; caching the virtualenv in CI would help, but that is out of scope.",
    "\345\205\263\344\272\216\344\273\267\346\240\274\350\256\241\347\256\227\357\274\232"
    "\345\233\233\350\210\215\344\272\224\345\205\245\347\232\204\350\247\204\345\210\231\345\277\205\351\241\273\344\270\200\350\207\264\343\200\202",
    "Arabic locale check: \331\205\330\261\330\255\330\250\330\247 should render right-to-left next to 12.50 SAR."};

const char *const kCommands[] = {
    "pytest -q tests/test_pricing.py",
    "pytest -q tests/test_discounts.py -k coupon",
    "git status --short",
    "git diff --stat",
    "python -m mypy src/checkout",
    "ruff check src tests",
    "ls -la src/checkout",
    "npm --prefix web run build",
    "git log --oneline -n 15",
    "python -c 'from decimal import Decimal; print(Decimal(\"19.995\").quantize(Decimal(\"0.01\")))'"};

struct CivilTime
{
    int tm_year; // years since 1900, as in struct tm
    int tm_mon;  // 0-based
    int tm_mday;
    int tm_hour;
    int tm_min;
    int tm_sec;
};

// UTC calendar fields without gmtime_r/gmtime_s (not portable) or QDateTime (slow per entry);
// Howard Hinnant's civil_from_days.
CivilTime civilTime(qint64 secondsSinceEpoch)
{
    qint64 days = secondsSinceEpoch / 86400;
    qint64 rest = secondsSinceEpoch % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthPrime = (5 * dayOfYear + 2) / 153;
    const int day = int(dayOfYear - (153 * monthPrime + 2) / 5 + 1);
    const int month = int(monthPrime < 10 ? monthPrime + 3 : monthPrime - 9);
    const int year = int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    return {year - 1900, month - 1, day, int(rest / 3600), int(rest / 60 % 60), int(rest % 60)};
}

class Generator
{
public:
    Generator(quint32 seed, qint64 runId, qint64 startUs)
        : m_rng(seed), m_runId(runId), m_timeUs(startUs)
    {
    }

    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_rng); }
    bool chance(double probability) { return std::bernoulli_distribution(probability)(m_rng); }

    template<typename T, size_t N>
    const T &pick(const T (&items)[N]) { return items[uniform(0, int(N) - 1)]; }

    qint64 timeUs() const { return m_timeUs; }
    void setTimeUs(qint64 timeUs) { m_timeUs = timeUs; }

    // Mostly a few seconds between steps, now and then a slow tool, rarely a long pause.
    void advanceTime()
    {
        const int roll = uniform(0, 999);
        qint64 gapMs;
        if (roll < 850)
            gapMs = uniform(400, 8000);
        else if (roll < 975)
            gapMs = uniform(10000, 45000);
        else
            gapMs = uniform(120000, 540000);
        m_timeUs += gapMs * 1000 + uniform(0, 999);
    }

    // The service has been seen sending both shapes within one run.
    QByteArray timestamp()
    {
        const qint64 seconds = m_timeUs / 1000000;
        const int micros = int(m_timeUs % 1000000);
        const CivilTime tm = civilTime(seconds);
        char text[64];
        const int roll = uniform(0, 99);
        if (roll < 50) {
            std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d.%06d", tm.tm_year + 1900,
                          tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
        } else if (roll < 85) {
            std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                          tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                          micros / 1000);
        } else {
            std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                          tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        }
        return QByteArray(text);
    }

    QByteArray entry(const EntrySpec &spec)
    {
        advanceTime();
        QByteArray out;
        out.reserve(spec.thought.size() + spec.observation.size() + spec.toolInput.size()
                    + spec.toolOutput.size() + 256);
        out += "{\"agent_run_id\":" + num(m_runId);
        out += ",\"created_at\":" + (spec.nullTime ? kNull : str(timestamp()));
        out += ",\"tool_name\":" + spec.toolName;
        out += ",\"message_type\":" + str(spec.messageType);
        out += ",\"thought\":" + spec.thought;
        out += ",\"observation\":" + spec.observation;
        out += ",\"tool_input\":" + spec.toolInput;
        out += ",\"tool_output\":" + spec.toolOutput;
        for (const auto &field : spec.extra)
            out += ',' + str(field.first) + ':' + field.second;
        out += '}';
        return out;
    }

    QByteArray thoughtText(int minLines, int maxLines)
    {
        const int lines = uniform(minLines, maxLines);
        QByteArray text;
        for (int i = 0; i < lines; ++i) {
            if (i > 0)
                text += '\n';
            if (lines > 6 && chance(0.15))
                text += "- ";
            text += pick(kThoughtSentences);
        }
        return text;
    }

    QByteArray thought(int minLines = 1, int maxLines = 40) { return str(thoughtText(minLines, maxLines)); }

    // A plausible source file, numbered like the agent's file viewer shows it.
    QByteArray sourceFile(const char *path, int lineCount)
    {
        QByteArray text;
        text.reserve(lineCount * 48);
        const bool python = QByteArray(path).endsWith(".py");
        for (int line = 1; line <= lineCount; ++line) {
            const char *name = pick(kIdentifiers);
            const char *other = pick(kIdentifiers);
            QByteArray code;
            switch (uniform(0, 9)) {
            case 0:
                code = python ? QByteArray("def compute_") + name + "(" + other + ": Decimal) -> Decimal:"
                              : QByteArray("export function compute") + name + "(" + other + ": number): number {";
                break;
            case 1:
                code = QByteArray("    \"\"\"Return the ") + name + " for the given " + other + ".\"\"\"";
                break;
            case 2:
                code = QByteArray("    ") + name + " = " + other + ".quantize(Decimal(\"0.01\"), rounding=ROUND_HALF_UP)";
                break;
            case 3:
                code = QByteArray("    if ") + name + " is None:\n        raise ValueError(\"missing " + name + "\")";
                break;
            case 4:
                code = QByteArray();
                break;
            case 5:
                code = QByteArray("    # ") + name + " is stored in minor units; see docs/pricing.md";
                break;
            case 6:
                code = QByteArray("    for ") + name + " in " + other + "s:";
                break;
            case 7:
                code = QByteArray("        total += ") + name + ".unit_price * " + name + ".quantity";
                break;
            case 8:
                code = QByteArray("    return ") + name;
                break;
            default:
                code = QByteArray("    logger.debug(\"") + name + "=%s " + other + "=%s\", " + name + ", " + other + ")";
                break;
            }
            char number[16];
            std::snprintf(number, sizeof number, "%6d\t", line);
            text += number;
            text += code;
            text += '\n';
        }
        return text;
    }

    QByteArray testRunOutput(bool passing)
    {
        const int tests = uniform(12, 60);
        QByteArray out = "============================= test session starts ==============================\n"
                         "platform linux -- Python 3.12.3, pytest-8.2.1, pluggy-1.5.0\n"
                         "rootdir: /workspace/checkout-service\nconfigfile: pyproject.toml\n";
        out += "collected " + num(tests) + " items\n\n";
        out += "tests/test_pricing.py " + QByteArray(tests / 2, '.') + "\n";
        out += "tests/test_discounts.py " + QByteArray(tests - tests / 2 - (passing ? 0 : 1), '.')
                + (passing ? "" : "F") + "\n\n";
        if (!passing) {
            out += "=================================== FAILURES ===================================\n"
                   "_____________________ test_coupon_rounds_half_up[19.995] ______________________\n\n"
                   "    def test_coupon_rounds_half_up(amount):\n"
                   ">       assert apply_coupon(Decimal(amount), \"SUMMER10\") == Decimal(\"18.00\")\n"
                   "E       AssertionError: assert Decimal('17.99') == Decimal('18.00')\n\n"
                   "tests/test_discounts.py:88: AssertionError\n"
                   "=========================== short test summary info ============================\n"
                   "FAILED tests/test_discounts.py::test_coupon_rounds_half_up[19.995]\n";
            out += "========================= 1 failed, " + num(tests - 1) + " passed in "
                    + num(uniform(1, 9)) + "." + num(uniform(10, 99)) + "s =========================\n";
        } else {
            out += "============================== " + num(tests) + " passed in " + num(uniform(1, 9))
                    + "." + num(uniform(10, 99)) + "s ===============================\n";
        }
        return out;
    }

    // One ordinary tool call, as ACTION entries mostly are.
    EntrySpec action()
    {
        EntrySpec spec;
        spec.messageType = "ACTION";
        if (chance(0.8))
            spec.thought = thought(1, chance(0.85) ? 6 : 40);
        const char *path = pick(kFiles);
        const int tool = uniform(0, 99);
        if (tool < 30) {
            const char *command = pick(kCommands);
            const bool isTest = QByteArray(command).startsWith("pytest");
            const bool ok = !isTest || chance(0.6);
            const QByteArray output = isTest ? testRunOutput(ok) : commandOutput(command);
            spec.toolName = str("bash");
            spec.toolInput = object({{"command", str(command)}, {"timeout", num(120)}});
            spec.toolOutput = object({{"output", str(output)}, {"exit_code", num(ok ? 0 : 1)}});
            spec.observation = observationFor(ok, ok ? "Command succeeded" : "Command exited with code 1");
        } else if (tool < 50) {
            const bool view = chance(0.4);
            const int lines = uniform(20, 400);
            spec.toolName = str(view ? "view_file" : "read_file");
            spec.toolInput = view ? object({{"path", str(path)}, {"start_line", num(1)}, {"end_line", num(lines)}})
                                  : object({{"path", str(path)}});
            spec.toolOutput = object({{"output", str(sourceFile(path, lines))}, {"path", str(path)},
                                      {"total_lines", num(lines + uniform(0, 300))}});
            spec.observation = observationFor(true, "File read");
        } else if (tool < 68) {
            const char *name = pick(kIdentifiers);
            spec.toolName = str("edit_file");
            spec.toolInput = object({{"path", str(path)},
                                     {"old_str", str(QByteArray("    return round(") + name + ", 2)")},
                                     {"new_str", str(QByteArray("    return ") + name
                                                     + ".quantize(Decimal(\"0.01\"), rounding=ROUND_HALF_UP)")}});
            spec.toolOutput = object({{"output", str(QByteArray("Edited ") + path + ": 1 replacement")},
                                      {"diff", str(QByteArray("@@ -86,3 +86,3 @@\n-    return round(") + name
                                                   + ", 2)\n+    return " + name + ".quantize(Decimal(\"0.01\"), rounding=ROUND_HALF_UP)\n")}});
            spec.observation = observationFor(true, "Edit applied");
        } else if (tool < 82) {
            const bool rg = chance(0.5);
            const char *name = pick(kIdentifiers);
            QByteArray matches;
            const int count = uniform(0, 25);
            for (int i = 0; i < count; ++i)
                matches += QByteArray(pick(kFiles)) + ':' + num(uniform(1, 400)) + ":    " + name + " = round(" + name + ", 2)\n";
            spec.toolName = str(rg ? "ripgrep_search" : "grep");
            spec.toolInput = rg ? object({{"query", str(QByteArray("round\\(") + name)}, {"glob", str("*.py")}})
                                : object({{"pattern", str(name)}, {"path", str("src")}, {"recursive", "true"}});
            spec.toolOutput = object({{"output", str(matches)}, {"matches", num(count)}});
            spec.observation = count == 0 ? str("No matches found") : observationFor(true, "Search finished");
        } else if (tool < 92) {
            QByteArray listing;
            const int count = uniform(3, 30);
            for (int i = 0; i < count; ++i)
                listing += QByteArray(chance(0.2) ? "d " : "f ") + pick(kIdentifiers) + (chance(0.5) ? ".py\n" : "/\n");
            spec.toolName = str("list_directory");
            spec.toolInput = object({{"path", str(chance(0.5) ? "src/checkout" : ".")}});
            spec.toolOutput = object({{"output", str(listing)}, {"entries", num(count)}});
            spec.observation = chance(0.5) ? kNull : observationFor(true, "Listed directory");
        } else {
            spec.toolName = str(chance(0.5) ? "web_search" : "think");
            spec.toolInput = object({{"query", str("python decimal quantize ROUND_HALF_UP negative zero")}});
            spec.toolOutput = object({{"output", str("1. docs.python.org — decimal — Decimal fixed point and floating point arithmetic\n"
                                                     "2. stackoverflow.com — Why does Decimal('-0.00') compare equal to 0?")}});
            spec.observation = kNull;
        }
        return spec;
    }

    QByteArray commandOutput(const char *command)
    {
        const QByteArray c(command);
        if (c.startsWith("git status"))
            return " M src/checkout/pricing.py\n M tests/test_discounts.py\n?? src/db/migrations/0042_discount_precision.py\n";
        if (c.startsWith("git diff"))
            return " src/checkout/pricing.py  | 14 +++++++-------\n tests/test_discounts.py  | 22 ++++++++++++++++++++++\n 2 files changed, 29 insertions(+), 7 deletions(-)\n";
        if (c.startsWith("git log")) {
            QByteArray log;
            for (int i = 0; i < 15; ++i) {
                char hash[16];
                std::snprintf(hash, sizeof hash, "%07x", unsigned(m_rng() & 0xfffffff));
                log += QByteArray(hash) + " " + pick(kThoughtSentences) + '\n';
            }
            return log;
        }
        if (c.startsWith("python -m mypy"))
            return "Success: no issues found in 14 source files\n";
        if (c.startsWith("ruff"))
            return "All checks passed!\n";
        if (c.startsWith("ls"))
            return "total 64\ndrwxr-xr-x 2 agent agent 4096 Jun 21 12:01 .\ndrwxr-xr-x 6 agent agent 4096 Jun 21 12:01 ..\n"
                   "-rw-r--r-- 1 agent agent  118 Jun 21 12:01 __init__.py\n-rw-r--r-- 1 agent agent 5210 Jun 21 12:07 cart.py\n"
                   "-rw-r--r-- 1 agent agent 8841 Jun 21 12:09 discounts.py\n-rw-r--r-- 1 agent agent 7312 Jun 21 12:12 pricing.py\n";
        if (c.startsWith("npm"))
            return "> web@2.3.0 build\n> vite build\n\nvite v5.2.11 building for production...\n\xe2\x9c\x93 312 modules transformed.\n"
                   "dist/index.html                   0.46 kB \xe2\x94\x82 gzip:  0.30 kB\ndist/assets/index-4f1c2a.js   184.22 kB \xe2\x94\x82 gzip: 59.10 kB\n\xe2\x9c\x93 built in 3.41s\n";
        return "18.00\n";
    }

    QByteArray observationFor(bool ok, const char *summary)
    {
        const int roll = uniform(0, 9);
        if (roll < 2)
            return kNull;
        if (roll < 4)
            return str(summary);
        return object({{"status", str(ok ? "success" : "error")}, {"summary", str(summary)}});
    }

    // Multi-megabyte outputs: the kind of dump an agent produces with `cat` on a log or export.
    QByteArray bigApplicationLog(qint64 targetBytes)
    {
        static const char *const levels[] = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"};
        static const char *const loggers[] = {"checkout.pricing", "checkout.cart", "api.routes",
                                              "db.pool", "checkout.discounts", "worker.queue"};
        QByteArray out;
        out.reserve(targetBytes + 256);
        qint64 ms = 0;
        while (out.size() < targetBytes) {
            ms += uniform(1, 900);
            char line[256];
            const int n = std::snprintf(
                    line, sizeof line,
                    "2025-06-20 %02d:%02d:%02d,%03d %s [worker-%d] %s: cart=%08x items=%d subtotal=%d.%02d discount=%s total=%d.%02d\n",
                    int(ms / 3600000) % 24, int(ms / 60000) % 60, int(ms / 1000) % 60, int(ms % 1000),
                    pick(levels), uniform(1, 8), pick(loggers), unsigned(m_rng()), uniform(1, 12),
                    uniform(1, 900), uniform(0, 99), chance(0.3) ? "SUMMER10" : "none",
                    uniform(1, 900), uniform(0, 99));
            out.append(line, n);
            if (chance(0.002)) {
                out += "Traceback (most recent call last):\n  File \"/app/src/checkout/pricing.py\", line 88, in compute_total\n"
                       "    total += item.unit_price * item.quantity\ndecimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]\n";
            }
        }
        return out;
    }

    QByteArray bigCsvExport(qint64 targetBytes)
    {
        static const char *const names[] = {"Ada Lovelace", "Grace Hopper", "\344\275\220\350\227\244 \345\244\252\351\203\216",
                                            "\330\263\330\247\330\261\330\251 \330\247\331\204\330\271\331\204\331\212",
                                            "Zo\303\253 \"Z\" O'Brien", "Bj\303\266rk Gu\303\260mundsd\303\263ttir",
                                            "Jos\303\251, Mar\303\255a", "\327\251\327\250\327\224 \327\233\327\224\327\237"};
        QByteArray out = "order_id,customer,currency,subtotal,discount_code,total,created_at\n";
        out.reserve(targetBytes + 256);
        int id = 100000;
        while (out.size() < targetBytes) {
            char line[256];
            QByteArray name(pick(names));
            name.replace('"', "\"\"");
            const int n = std::snprintf(line, sizeof line, "%d,\"%s\",%s,%d.%02d,%s,%d.%02d,2025-06-%02d %02d:%02d:%02d\n",
                                        ++id, name.constData(), chance(0.8) ? "EUR" : "JPY",
                                        uniform(1, 2000), uniform(0, 99), chance(0.25) ? "SUMMER10" : "",
                                        uniform(1, 2000), uniform(0, 99), uniform(1, 20), uniform(0, 23),
                                        uniform(0, 59), uniform(0, 59));
            out.append(line, n);
        }
        return out;
    }

    QByteArray bigTestLog(qint64 targetBytes)
    {
        QByteArray out = "============================= test session starts ==============================\n"
                         "platform linux -- Python 3.12.3, pytest-8.2.1, pluggy-1.5.0 -- /workspace/.venv/bin/python\n"
                         "cachedir: .pytest_cache\nrootdir: /workspace/checkout-service\ncollecting ... collected 48211 items\n\n";
        out.reserve(targetBytes + 256);
        int i = 0;
        while (out.size() < targetBytes) {
            ++i;
            char line[256];
            const int n = std::snprintf(line, sizeof line,
                                        "tests/test_%s.py::test_%s_with_%s[case-%05d] %s [%3d%%]\n",
                                        pick(kIdentifiers), pick(kIdentifiers), pick(kIdentifiers), i,
                                        chance(0.995) ? "PASSED" : "XFAIL", int((i / 482) % 100));
            out.append(line, n);
        }
        out += "\n====================== 48211 passed, 12 xfailed in 812.33s (0:13:32) ======================\n";
        return out;
    }

private:
    std::mt19937 m_rng;
    qint64 m_runId;
    qint64 m_timeUs;
};

qint64 utcMicros(int year, int month, int day, int hour, int minute, int second)
{
    const QDateTime time(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
    return time.toMSecsSinceEpoch() * 1000;
}

QByteArray isoSeconds(qint64 micros)
{
    return QDateTime::fromMSecsSinceEpoch(micros / 1000, Qt::UTC)
            .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"))
            .toUtf8();
}

QByteArray metadata(const char *branch, int prNumber)
{
    return object({{"repository", str("acme/checkout-service")},
                   {"branch", str(branch)},
                   {"model", str("claude-sonnet-4")},
                   {"source", str("github")},
                   {"pr_number", prNumber > 0 ? num(prNumber) : kNull},
                   {"labels", "[\"bug\",\"pricing\"]"}});
}

std::shared_ptr<RunRecord> newRun(qint64 id, qint64 startUs, const char *status)
{
    auto run = std::make_shared<RunRecord>();
    run->id = id;
    run->organizationId = DemoDataset::kOrganizationId;
    run->setStatus(QString::fromLatin1(status));
    run->setField(QStringLiteral("created_at"), str(isoSeconds(startUs)));
    run->setField(QStringLiteral("web_url"),
                  str("https://codegen.com/agent/trace/" + QByteArray::number(id)));
    run->setField(QStringLiteral("result"), kNull);
    return run;
}

EntrySpec simple(const QByteArray &type, const QByteArray &thought, const QByteArray &observation)
{
    EntrySpec spec;
    spec.messageType = type;
    spec.thought = thought;
    spec.observation = observation;
    return spec;
}

const char kTask[] =
        "Please fix the rounding bug in the checkout discount calculation \xf0\x9f\x99\x8f\n\n"
        "Orders with a 10% coupon are off by one cent (19.995 \xe2\x86\x92 17.99 instead of 18.00). "
        "Customers in Japan (\xe6\x97\xa5\xe6\x9c\xac) and Israel (\xd7\x99\xd7\xa9\xd7\xa8\xd7\x90\xd7\x9c) reported it too.\n"
        "Keep the change minimal and add tests.";

const char kFinalAnswer[] =
        "## Fixed: discount rounding in checkout\n\n"
        "The discounted total was computed with binary floats and `round()`, which rounds half to even "
        "and drifts by one cent on values like `19.995`.\n\n"
        "### Changes\n"
        "- `src/checkout/pricing.py`: money is now `Decimal`, quantized with `ROUND_HALF_UP`\n"
        "- `src/checkout/discounts.py`: a 100% coupon yields `0.00`, never `-0.00`\n"
        "- `src/db/migrations/0042_discount_precision.py`: widens `orders.total` to `NUMERIC(12, 2)`\n"
        "- `tests/test_discounts.py`: 22 new cases, including JPY (no minor units)\n\n"
        "### Verification\n"
        "```\npytest -q\n312 passed in 8.41s\n```\n\n"
        "PR: https://github.com/acme/checkout-service/pull/482 \xe2\x9c\x85";

void addFinale(Generator &gen, RunRecord &run)
{
    auto add = [&gen, &run](const EntrySpec &spec) { run.entries.append(gen.entry(spec)); };
    add(simple("INITIAL_PR_GENERATION", gen.thought(2, 6),
               object({{"title", str("Fix discount rounding in checkout")}, {"branch", str("codegen/fix-discount-rounding")}})));
    add(simple("DETECT_PR_ERRORS", str("CI reported 1 failing check: mypy (strict)."),
               object({{"failing_checks", "[\"mypy\"]"}, {"run_url", str("https://github.com/acme/checkout-service/actions/runs/9581234")}})));
    add(simple("FIX_PR_ERRORS", gen.thought(1, 4), str("Added the missing return annotation in pricing.py")));
    EntrySpec failed = simple("PR_CREATION_FAILED", kNull,
                              str("GitHub API error 422: A pull request already exists for acme:codegen/fix-discount-rounding."));
    add(failed);
    EntrySpec pr;
    pr.messageType = "ACTION";
    pr.toolName = str("create_pr");
    pr.thought = str("The earlier PR was a draft from a previous attempt; updating it instead of opening a new one.");
    pr.toolInput = object({{"title", str("Fix discount rounding in checkout")},
                           {"body", str("Fixes #4107.\n\n- Decimal money\n- ROUND_HALF_UP\n- tests for JPY and 100% coupons")},
                           {"head", str("codegen/fix-discount-rounding")}, {"base", str("main")}, {"draft", "false"}});
    pr.toolOutput = object({{"output", str("Pull request updated")}, {"url", str("https://github.com/acme/checkout-service/pull/482")},
                            {"number", num(482)}});
    pr.observation = object({{"status", str("success")}, {"pr_url", str("https://github.com/acme/checkout-service/pull/482")}});
    add(pr);
    add(simple("PR_EVALUATION", gen.thought(2, 8), object({{"score", num(8)}, {"verdict", str("ready for review")}})));
    add(simple("COMMIT_EVALUATION", gen.thought(1, 3), object({{"commits", num(3)}, {"squash_suggested", "true"}})));
    EntrySpec link = simple("AGENT_RUN_LINK", kNull,
                            object({{"linked_run_id", num(998)}, {"web_url", str("https://codegen.com/agent/trace/998")}}));
    link.nullTime = true;   // seen in the wild: a link entry without a timestamp
    add(link);
    add(simple("FINAL_ANSWER", str("All checks pass; summarising for the user."), str(kFinalAnswer)));
}

// --- The findings planted on purpose (issue 23): the stories Runlog's insights are for. ---
//
// Each stretch is written by a generator of its own, started at the run's clock, so that the
// run's own generator draws the same numbers as without it: the entries around a stretch stay
// what they were (only later in time, and the run's last ones give way to keep its size).
using Script = std::function<void(Generator &, QList<QByteArray> &)>;

void addScripted(Generator &gen, quint32 seed, qint64 runId, QList<QByteArray> &entries, const Script &script)
{
    Generator scripted(seed, runId, gen.timeUs());
    script(scripted, entries);
    gen.setTimeUs(scripted.timeUs());
}

EntrySpec toolCall(const char *tool, const QByteArray &thought, const QByteArray &input, const QByteArray &output,
                   const QByteArray &observation)
{
    EntrySpec spec;
    spec.messageType = "ACTION";
    spec.toolName = str(tool);
    spec.thought = thought;
    spec.toolInput = input;
    spec.toolOutput = output;
    spec.observation = observation;
    return spec;
}

const char kDiscountsFile[] = "src/checkout/discounts.py";

// Run 1001, a loop of period 3: search, open, edit, three times over (the agent does not notice
// that its edit is already there).
void plantSearchOpenEditLoop(Generator &gen, QList<QByteArray> &entries)
{
    const QByteArray search = object({{"query", str("def apply_discount")}, {"glob", str("*.py")}});
    const QByteArray open = object({{"path", str(kDiscountsFile)}});
    const QByteArray edit = object({{"path", str(kDiscountsFile)},
                                    {"old_str", str("    rate = coupon.percent / 100")},
                                    {"new_str", str("    rate = Decimal(coupon.percent) / 100")}});
    static const char *const thoughts[] = {
        "Where is `apply_discount` defined? Searching for it.",
        "Found it again in discounts.py; opening the file to see the rate.",
        "The rate is a float division; making it a Decimal.",
    };
    for (int round = 0; round < 3; ++round) {
        entries.append(gen.entry(toolCall("ripgrep_search", str(thoughts[0]), search,
                                          object({{"output", str("src/checkout/discounts.py:41:def apply_discount(total, coupon):\n")},
                                                  {"matches", num(1)}}),
                                          str("Search finished"))));
        entries.append(gen.entry(toolCall("read_file", str(thoughts[1]), open,
                                          object({{"output", str(gen.sourceFile(kDiscountsFile, 60))},
                                                  {"path", str(kDiscountsFile)}, {"total_lines", num(96)}}),
                                          str("File read"))));
        entries.append(gen.entry(toolCall("edit_file", str(thoughts[2]), edit,
                                          object({{"output", str("Edited src/checkout/discounts.py: 1 replacement")}}),
                                          object({{"status", str("success")}, {"summary", str("Edit applied")}}))));
    }
}

// Run 1001, the story the issue opens with: the same failing command eleven times in a row, a
// thought between each two, the same assertion every time (only its address and numbers change).
void plantStuckTestLoop(Generator &gen, QList<QByteArray> &entries)
{
    const QByteArray command = object({{"command", str("pytest -x tests/test_discounts.py")}, {"timeout", num(120)}});
    static const char *const between[] = {
        "Same assertion. Maybe the test database kept the old value; running it again.",
        "Still failing. The rounding change should be picked up now, trying once more.",
        "Perhaps a stale .pyc; the next run should use the new code.",
        "It fails the same way. Running again to rule out flakiness.",
        "The total is still one cent short. One more run.",
        "I will re-run the test; the previous edit may not have been saved in time.",
        "No change. Trying again with the same command.",
        "Still the same address and the same cent. Again.",
        "Running the focused test again before changing anything else.",
        "Again the same error. Retrying.",
    };
    for (int attempt = 0; attempt < 11; ++attempt) {
        const int got = 1799 - (attempt % 3);
        char address[32];
        std::snprintf(address, sizeof address, "0x7ffd3a2b%02x", 0x10 + 0x28 * attempt);
        const QByteArray error = "AssertionError: discounted total of cart " + QByteArray(address)
                + " is off: expected 1800 cents, got " + num(got);
        const QByteArray output = "============================= test session starts ==============================\n"
                                  "collected 22 items\n\ntests/test_discounts.py .......F\n\n"
                                  "=================================== FAILURES ===================================\n"
                                  "E       " + error + "\n\ntests/test_discounts.py:88: AssertionError\n"
                                  "!!!!!!!!!!!!!!!!!!!!!!!!!! stopping after 1 failures !!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                                  "========================= 1 failed, 7 passed in " + num(gen.uniform(2, 4)) + "."
                                  + num(gen.uniform(10, 99)) + "s =========================\n";
        entries.append(gen.entry(toolCall("bash", attempt == 0 ? str("Running the discount tests after the change.") : kNull,
                                          command, object({{"output", str(output)}, {"exit_code", num(1)}}), str(error))));
        if (attempt < 10)
            entries.append(gen.entry(simple("PLAN_EVALUATION", str(between[attempt]), kNull)));
    }
    entries.append(gen.entry(simple("PLAN_EVALUATION",
                                    str("Eleven runs, one assertion: re-running will not fix it. The `sample_cart` fixture "
                                        "in conftest.py builds prices from floats; that is where the missing cent comes from."),
                                    str("Plan updated"))));
}

// Run 1001, a loop of period 2: the same edit and the same test, four times.
void plantEditTestLoop(Generator &gen, QList<QByteArray> &entries)
{
    const QByteArray edit = object({{"path", str(kDiscountsFile)},
                                    {"old_str", str("    return total * (1 - rate)")},
                                    {"new_str", str("    return (total * (1 - rate)).quantize(CENT, rounding=ROUND_HALF_UP)")}});
    const QByteArray test = object({{"command", str("pytest -q tests/test_discounts.py -k half_up")}, {"timeout", num(120)}});
    const QByteArray failure = "FAILED tests/test_discounts.py::test_coupon_rounds_half_up[19.995] - "
                               "assert Decimal('17.99') == Decimal('18.00')";
    for (int round = 0; round < 4; ++round) {
        entries.append(gen.entry(toolCall("edit_file", str("Quantizing the discounted total to the cent, half up."), edit,
                                          object({{"output", str("Edited src/checkout/discounts.py: 1 replacement")}}),
                                          str("Edit applied"))));
        entries.append(gen.entry(toolCall("bash", str("Checking the half-up case."), test,
                                          object({{"output", str(failure + "\n1 failed, 21 deselected in 0." + num(gen.uniform(40, 90)) + "s\n")},
                                                  {"exit_code", num(1)}}),
                                          str(failure))));
    }
}

// Run 1002 (live), while it grows: the agent polls a server that is not up yet, five times in
// vain, the sixth with success (a loop of period 1 that forms as the entries arrive).
void plantPollingLoop(Generator &gen, QList<QByteArray> &entries)
{
    const QByteArray poll = object({{"command", str("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8000/cart/42/export.csv")},
                                    {"timeout", num(30)}});
    for (int attempt = 0; attempt < 6; ++attempt) {
        gen.setTimeUs(gen.timeUs() + 2000000);
        const bool up = attempt == 5;
        entries.append(gen.entry(toolCall("bash", attempt == 0 ? str("Checking the new endpoint against the dev server.") : kNull,
                                          poll, object({{"output", str(up ? "200" : "000")}, {"exit_code", num(up ? 0 : 7)}}),
                                          str(up ? QByteArray("200") : QByteArray("curl: (7) Failed to connect to 127.0.0.1 port 8000 after 0 ms: Connection refused")))));
        if (!up)
            entries.append(gen.entry(simple("PLAN_EVALUATION", str("The server is still starting; waiting a moment and trying again."), kNull)));
    }
}

std::shared_ptr<RunRecord> makeCompleteRun()
{
    const qint64 start = utcMicros(2025, 6, 21, 12, 6, 31);
    auto run = newRun(DemoDataset::kCompleteRunId, start, "COMPLETE");
    run->setField(QStringLiteral("result"), str(QByteArray(kFinalAnswer)));
    run->setField(QStringLiteral("metadata"), metadata("codegen/fix-discount-rounding", 482));
    run->setField(QStringLiteral("source_type"), str("GITHUB"));   // a field the spec does not list
    run->setField(QStringLiteral("cost_usd"), "3.41");

    Generator gen(DemoDataset::kSeed, run->id, start);
    auto add = [&gen, &run](const EntrySpec &spec) { run->entries.append(gen.entry(spec)); };

    add(simple("USER_MESSAGE", kNull, str(kTask)));
    add(simple("USER_GITHUB_ISSUE_COMMENT", kNull,
               object({{"author", str("maria-g")}, {"issue", num(4107)},
                       {"body", str("Also happens with the `WELCOME5` code \xf0\x9f\x98\x95 \xe2\x80\x94 see screenshot.")}})));
    add(simple("PLAN_EVALUATION", gen.thought(6, 14), kNull));

    constexpr int kTarget = 2000;
    constexpr int kFinaleSize = 9;
    const qint64 bigSizes[] = {5'600'000, 3'300'000, 2'400'000};
    const int bigAt[] = {312, 951, 1544};
    int bigIndex = 0;
    // Where the planted stretches begin (0-based: entry numbers 641, 1181, 1421), apart from the
    // big outputs.
    const std::array<std::pair<int, Script>, 3> planted = {{{640, plantSearchOpenEditLoop},
                                                            {1180, plantStuckTestLoop},
                                                            {1420, plantEditTestLoop}}};
    size_t plantedIndex = 0;
    while (run->entries.size() < kTarget - kFinaleSize) {
        const int index = int(run->entries.size());
        if (plantedIndex < planted.size() && index == planted[plantedIndex].first) {
            addScripted(gen, DemoDataset::kSeed + 11 + quint32(plantedIndex), run->id, run->entries,
                        planted[plantedIndex].second);
            ++plantedIndex;
            continue;
        }
        if (bigIndex < 3 && index == bigAt[bigIndex]) {
            EntrySpec spec;
            spec.messageType = "ACTION";
            spec.toolName = str("bash");
            QByteArray command;
            QByteArray output;
            if (bigIndex == 0) {
                command = "cat /var/log/checkout/app-2025-06-20.log";
                output = gen.bigApplicationLog(bigSizes[0]);
            } else if (bigIndex == 1) {
                command = "pytest -vv --no-header -p no:cacheprovider tests/";
                output = gen.bigTestLog(bigSizes[1]);
            } else {
                command = "psql -c \"\\copy (select * from orders_export) to stdout with csv header\"";
                output = gen.bigCsvExport(bigSizes[2]);
            }
            spec.thought = str("I need the full output to find the first occurrence; it is long.");
            spec.toolInput = object({{"command", str(command)}, {"timeout", num(600)}});
            QByteArray toolOutput = "{\"output\":";
            JsonWriter::appendString(toolOutput, output);
            toolOutput += ",\"exit_code\":0,\"truncated\":false}";
            spec.toolOutput = toolOutput;
            spec.observation = object({{"status", str("success")}, {"bytes", num(output.size())}});
            add(spec);
            ++bigIndex;
            continue;
        }
        const int roll = gen.uniform(0, 999);
        if (roll < 870) {
            EntrySpec spec = gen.action();
            if (gen.chance(0.01)) {
                spec.extra.append({"duration_ms", num(gen.uniform(20, 120000))});
                spec.extra.append({"token_usage", object({{"input", num(gen.uniform(1000, 90000))},
                                                          {"output", num(gen.uniform(10, 4000))}})});
            }
            add(spec);
        } else if (roll < 935) {
            add(simple("PLAN_EVALUATION", gen.thought(3, 25), gen.chance(0.3) ? str("Plan updated") : kNull));
        } else if (roll < 965) {
            static const char *const errors[] = {
                "Tool execution failed: command timed out after 120s",
                "FileNotFoundError: [Errno 2] No such file or directory: 'src/checkout/pricing_v2.py'",
                "edit_file: old_str not found in src/checkout/cart.py (0 matches)",
                "Rate limited by GitHub API (403). Retrying in 30s\xe2\x80\xa6",
                "Sandbox process exited unexpectedly (signal 9: killed)"};
            add(simple("ERROR", gen.chance(0.5) ? gen.thought(1, 2) : kNull, str(gen.pick(errors))));
        } else if (roll < 975) {
            static const char *const messages[] = {
                "Can you also make sure JPY amounts have no decimals? \xe3\x81\x82\xe3\x82\x8a\xe3\x81\x8c\xe3\x81\xa8\xe3\x81\x86",
                "\xd7\xaa\xd7\x95\xd7\x93\xd7\x94! Please don't touch the frontend.",
                "Status? \xf0\x9f\x91\x80"};
            add(simple("USER_MESSAGE", kNull, str(gen.pick(messages))));
        } else if (roll < 985) {
            EntrySpec spec = simple("CONTEXT_SUMMARY", gen.thought(4, 12), kNull);   // a type the viewer does not know
            spec.extra.append({"summary_tokens", num(gen.uniform(500, 4000))});
            add(spec);
        } else {
            EntrySpec spec = gen.action();
            spec.thought = kNull;
            spec.observation = kNull;
            spec.extra.append({"retry_of", num(gen.uniform(3, index))});
            add(spec);
        }
    }
    addFinale(gen, *run);
    return run;
}

std::shared_ptr<RunRecord> makeFailedRun()
{
    const qint64 start = utcMicros(2025, 6, 22, 8, 15, 2);
    auto run = newRun(DemoDataset::kFailedRunId, start, "FAILED");
    run->setField(QStringLiteral("result"),
                  str("The agent could not install the project's dependencies: the private package index returned 401."));
    run->setField(QStringLiteral("metadata"), metadata("codegen/upgrade-django", 0));

    Generator gen(DemoDataset::kSeed + 3, run->id, start);
    auto add = [&gen, &run](const EntrySpec &spec) { run->entries.append(gen.entry(spec)); };
    add(simple("USER_MESSAGE", kNull, str("Upgrade Django to 5.0 and fix whatever breaks.")));
    add(simple("PLAN_EVALUATION", gen.thought(3, 8), kNull));
    while (run->entries.size() < 34) {
        if (gen.chance(0.15)) {
            add(simple("ERROR", kNull, str("pip install failed: 401 Unauthorized from https://pypi.acme.internal/simple/acme-auth/")));
        } else {
            add(gen.action());
        }
    }
    for (int attempt = 1; run->entries.size() < 39; ++attempt) {
        EntrySpec spec;
        spec.messageType = "ACTION";
        spec.toolName = str("bash");
        spec.thought = str("Retrying the install (attempt " + num(attempt) + " of 5).");
        spec.toolInput = object({{"command", str("pip install -r requirements.txt")}, {"timeout", num(300)}});
        spec.toolOutput = object({{"output", str("Looking in indexes: https://pypi.acme.internal/simple/\n"
                                                 "ERROR: HTTP error 401 while getting https://pypi.acme.internal/simple/acme-auth/\n"
                                                 "ERROR: Could not find a version that satisfies the requirement acme-auth==2.4.1\n")},
                                  {"exit_code", num(1)}});
        spec.observation = str("Command exited with code 1");
        add(spec);
    }
    add(simple("ERROR", str("Giving up: the dependency cannot be installed without credentials."),
               str("Agent run failed: unable to install dependencies (HTTP 401 from the private package index) after 5 attempts.")));
    return run;
}

} // namespace

DemoDataset::DemoDataset(const QDateTime &liveRunNowUtc)
{
    m_completeRun = makeCompleteRun();
    m_failedRun = makeFailedRun();

    makeLiveRun(kLiveRunId, liveRunNowUtc);

    // What the run list shows of the two finished featured runs.
    m_completeRun->listFields.append({QStringLiteral("summary"),
                                      str("Fixed discount rounding for multi-currency carts; PR #482 is open.")});
    m_completeRun->listFields.append(
        {QStringLiteral("github_pull_requests"),
         object({{"id", num(70482)}, {"created_at", str("2025-06-21T12:41:09Z")},
                 {"title", str("Fix discount rounding for multi-currency carts")},
                 {"url", str("https://github.com/acme/checkout-service/pull/482")},
                 {"head_branch_name", str("codegen/fix-discount-rounding")}})
             .prepend('[')
             .append(']')});
    m_completeRun->userId = DemoHistory::userIds().at(0);
    m_failedRun->listFields.append({QStringLiteral("summary"), str("Could not install dependencies (private index: 401).")});
    m_failedRun->listFields.append({QStringLiteral("source_type"), str("LINEAR")});
    m_failedRun->listFields.append({QStringLiteral("github_pull_requests"), "[]"});
    m_failedRun->userId = DemoHistory::userIds().at(0);
    m_history = DemoHistory::makeRuns(kOrganizationId, kSeed + 7);
}

void DemoDataset::makeLiveRun(qint64 runId, const QDateTime &liveRunNowUtc)
{
    m_pendingLiveEntries.clear();
    m_nextLiveEntry = 0;
    // The live run: generate all of it now (deterministic), serve the first part, hold the rest.
    const qint64 fixedStart = utcMicros(2025, 6, 23, 9, 0, 0);
    Generator gen(kSeed + 2, runId, fixedStart);
    QList<QByteArray> initial;
    initial.append(gen.entry(simple("USER_MESSAGE", kNull,
                                    str("Add an endpoint that exports the cart as CSV, with tests."))));
    initial.append(gen.entry(simple("PLAN_EVALUATION", gen.thought(4, 10), kNull)));
    while (initial.size() < kLiveInitialEntries)
        initial.append(gen.entry(gen.action()));

    qint64 runStart = fixedStart;
    if (liveRunNowUtc.isValid()) {
        // Shift the whole run so that its newest entry is "now"; regenerate with the same seed.
        const qint64 shift = liveRunNowUtc.toMSecsSinceEpoch() * 1000 - gen.timeUs();
        runStart = fixedStart + shift;
        gen = Generator(kSeed + 2, runId, runStart);
        initial.clear();
        initial.append(gen.entry(simple("USER_MESSAGE", kNull,
                                        str("Add an endpoint that exports the cart as CSV, with tests."))));
        initial.append(gen.entry(simple("PLAN_EVALUATION", gen.thought(4, 10), kNull)));
        while (initial.size() < kLiveInitialEntries)
            initial.append(gen.entry(gen.action()));
    }

    m_liveRun = newRun(runId, runStart, "ACTIVE");
    m_liveRun->setField(QStringLiteral("metadata"), metadata("codegen/cart-csv-export", 0));
    m_liveRun->listFields.append({QStringLiteral("summary"), kNull});
    m_liveRun->listFields.append({QStringLiteral("source_type"), str("SLACK")});
    m_liveRun->listFields.append({QStringLiteral("github_pull_requests"), "[]"});
    m_liveRun->userId = DemoHistory::userIds().at(1);

    m_liveRun->entries = initial;

    // Live entries arrive about every two seconds, so their timestamps step by that much.
    // A loop forms while the run grows: entries 181..191 (see plantPollingLoop).
    constexpr int kPollingLoopAt = 30;
    while (m_pendingLiveEntries.size() < kLiveAppendedEntries - 1) {
        if (m_pendingLiveEntries.size() == kPollingLoopAt) {
            addScripted(gen, kSeed + 21, runId, m_pendingLiveEntries, plantPollingLoop);
            continue;
        }
        gen.setTimeUs(gen.timeUs() + 2000000 - 1000 * gen.uniform(400, 1600));
        m_pendingLiveEntries.append(gen.entry(gen.chance(0.1) ? simple("PLAN_EVALUATION", gen.thought(2, 6), kNull)
                                                              : gen.action()));
    }
    m_liveResult = "Added `GET /cart/{id}/export.csv` with 9 tests; all pass.";
    gen.setTimeUs(gen.timeUs() + 500000);
    m_pendingLiveEntries.append(gen.entry(simple("FINAL_ANSWER", kNull,
                                                 str("## Done\n\n" + m_liveResult + "\n\nPR: https://github.com/acme/checkout-service/pull/483"))));
}

QList<std::shared_ptr<RunRecord>> DemoDataset::runs() const
{
    return QList<std::shared_ptr<RunRecord>>{m_completeRun, m_liveRun, m_failedRun} + m_history + m_replayedLiveRuns;
}

std::shared_ptr<RunRecord> DemoDataset::run(qint64 runId) const
{
    switch (runId) {
    case kCompleteRunId: return m_completeRun;
    case kFailedRunId: return m_failedRun;
    default:
        if (m_liveRun && runId == m_liveRun->id)
            return m_liveRun;
        for (const auto &run : m_replayedLiveRuns) {
            if (run->id == runId)
                return run;
        }
        for (const auto &run : m_history) {
            if (run->id == runId)
                return run;
        }
        return nullptr;
    }
}

bool DemoDataset::appendNextLiveEntry()
{
    if (m_nextLiveEntry >= m_pendingLiveEntries.size())
        return false;
    m_liveRun->entries.append(m_pendingLiveEntries.at(m_nextLiveEntry++));
    if (m_nextLiveEntry < m_pendingLiveEntries.size())
        return true;
    m_liveRun->setStatus(QStringLiteral("COMPLETE"));
    m_liveRun->setField(QStringLiteral("result"), JsonWriter::string(m_liveResult));
    return false;
}

std::shared_ptr<RunRecord> DemoDataset::restartLiveRun(const QDateTime &nowUtc)
{
    // A new id: the finished one stays as it ended (a window or the library may show it).
    const qint64 id = m_liveRun->id < kReplayedLiveRunIds ? kReplayedLiveRunIds : m_liveRun->id + 1;
    const auto finished = m_liveRun;
    makeLiveRun(id, nowUtc);
    m_replayedLiveRuns.append(finished);
    return m_liveRun;
}

qint64 DemoDataset::liveRunId() const
{
    return m_liveRun->id;
}

bool DemoDataset::isLiveRunFinished() const
{
    return m_nextLiveEntry >= m_pendingLiveEntries.size();
}

int DemoDataset::remainingLiveEntries() const
{
    return int(m_pendingLiveEntries.size() - m_nextLiveEntry);
}
