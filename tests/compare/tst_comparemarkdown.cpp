// SPDX-License-Identifier: MIT
// The comparison as Markdown: hand-written runs, the expected lines written out.
#include "compare/comparemarkdown.h"
#include "compare/runcomparer.h"

#include <QTest>

namespace {
QByteArray entry(const char *tool, const char *input, const char *thought)
{
    return QByteArray(R"({"agent_run_id":1,"message_type":"ACTION","tool_name":")") + tool + R"(","tool_input":)" + input
           + R"(,"thought":")" + thought + "\"}";
}
} // namespace

class TestCompareMarkdown : public QObject
{
    Q_OBJECT
private slots:
    void stepsAndSummary();
};

void TestCompareMarkdown::stepsAndSummary()
{
    QList<QByteArray> left;
    for (int i = 0; i < 5; ++i)
        left << entry("ls", "{}", "again");
    QList<QByteArray> right = left;
    left << entry("edit", R"({"p":1})", "fix | the *old* bug");
    right << entry("edit", R"({"p":1})", "fix the new bug") << entry("test", "{}", "run <b>tests</b>");
    const RunComparison comparison = RunComparer::compare(left, right);
    const QString markdown = QString::fromUtf8(CompareMarkdown::write(comparison, left, right, QStringLiteral("a.jsonl"),
                                                                      QStringLiteral("b.jsonl")));
    const QStringList expected{
        QStringLiteral("- **Left:** a\\.jsonl: 6 entries, 0 errors, duration unknown"),
        QStringLiteral("- **Right:** b\\.jsonl: 7 entries, 0 errors, duration unknown"),
        QStringLiteral("- **Steps:** 5 same, 1 changed, 0 only left, 1 only right"),
        QStringLiteral("- **First divergence:** entry 6"),
        QStringLiteral("| test | 0 | 1 | +1 |"),
        QStringLiteral("| ACTION | 6 | 7 | +1 |"),
        QStringLiteral("| = same | 1–5 | | | … 5 identical entries … | 1–5 | | | … 5 identical entries … |"),
        QStringLiteral("| ≠ changed | 6 | ACTION | edit | fix \\| the \\*old\\* bug | 6 | ACTION | edit | fix the new bug |"),
        QStringLiteral("| \\+ only right |  | | |  | 7 | ACTION | test | run \\<b\\>tests\\<\\/b\\> |"),
    };
    for (const QString &line : expected)
        QVERIFY2(markdown.split(QLatin1Char('\n')).contains(line), qPrintable(line + QStringLiteral("\nnot in:\n") + markdown));
    std::atomic<bool> cancel{true};
    QVERIFY(CompareMarkdown::write(comparison, left, right, {}, {}, &cancel).isEmpty());
}

QTEST_APPLESS_MAIN(TestCompareMarkdown)
#include "tst_comparemarkdown.moc"
