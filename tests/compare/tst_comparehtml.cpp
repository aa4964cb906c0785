// SPDX-License-Identifier: MIT
// The comparison as HTML: hand-written runs, the expected rows written out; markup in the runs
// and their names stays text; no script, nothing loaded from outside.
#include "compare/comparehtml.h"
#include "compare/runcomparer.h"

#include <QTest>

namespace {
QByteArray entry(const char *tool, const char *input, const char *thought)
{
    return QByteArray(R"({"agent_run_id":1,"message_type":"ACTION","tool_name":")") + tool + R"(","tool_input":)" + input
           + R"(,"thought":")" + thought + "\"}";
}
} // namespace

class TestCompareHtml : public QObject
{
    Q_OBJECT
private slots:
    void everyKindAndSummary();
    void runTextStaysText();
    void cancelled();
};

void TestCompareHtml::everyKindAndSummary()
{
    QList<QByteArray> left;
    for (int i = 0; i < 5; ++i)
        left << entry("ls", "{}", "again");
    QList<QByteArray> right = left;
    // after the fold: a changed step, one same step (too short to fold), an only-left, an only-right
    left << entry("edit", R"({"p":1})", "old fix") << entry("pwd", "{}", "where") << entry("rm", "{}", "drop it");
    right << entry("edit", R"({"p":1})", "new fix") << entry("pwd", "{}", "where") << entry("test", "{}", "run");
    const RunComparison comparison = RunComparer::compare(left, right);
    const QString html = QString::fromUtf8(CompareHtml::write(comparison, left, right, QStringLiteral("a.jsonl"),
                                                              QStringLiteral("b.jsonl")));
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY(html.trimmed().endsWith(QStringLiteral("</html>")));
    const QStringList expected{
        QStringLiteral("<li><b>Left:</b> a.jsonl: 8 entries, 0 errors, duration unknown</li>"),
        QStringLiteral("<li><b>Right:</b> b.jsonl: 8 entries, 0 errors, duration unknown</li>"),
        QStringLiteral("<li><b>Steps:</b> 6 same, 1 changed, 1 only left, 1 only right</li>"),
        QStringLiteral("<li><b>First divergence:</b> entry 6</li>"),
        QStringLiteral("<tr><td>rm</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">−1</td></tr>"),
        QStringLiteral("<tr><td>test</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">+1</td></tr>"),
        QStringLiteral("<tr class=\"fold\"><td class=\"kind\">= same</td><td class=\"num\">1–5</td><td colspan=\"3\">… 5 identical entries …</td>"
                       "<td class=\"num gap\">1–5</td><td colspan=\"3\">… 5 identical entries …</td></tr>"),
        QStringLiteral("<tr class=\"same\"><td class=\"kind\">= same</td><td class=\"num\">7</td><td>ACTION</td><td>pwd</td><td>where</td>"
                       "<td class=\"num gap\">7</td><td>ACTION</td><td>pwd</td><td>where</td></tr>"),
        QStringLiteral("<tr class=\"changed\"><td class=\"kind\">≠ changed</td><td class=\"num\">6</td><td>ACTION</td><td>edit</td><td>old fix</td>"
                       "<td class=\"num gap\">6</td><td>ACTION</td><td>edit</td><td>new fix</td></tr>"),
        QStringLiteral("<tr class=\"only-left\"><td class=\"kind\">− only left</td><td class=\"num\">8</td><td>ACTION</td><td>rm</td><td>drop it</td>"
                       "<td class=\"num gap\"></td><td></td><td></td><td></td></tr>"),
        QStringLiteral("<tr class=\"only-right\"><td class=\"kind\">+ only right</td><td class=\"num\"></td><td></td><td></td><td></td>"
                       "<td class=\"num gap\">8</td><td>ACTION</td><td>test</td><td>run</td></tr>"),
    };
    const QStringList lines = html.split(QLatin1Char('\n'));
    for (const QString &line : expected)
        QVERIFY2(lines.contains(line), qPrintable(line + QStringLiteral("\nnot in:\n") + html));
    QVERIFY(!html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QStringLiteral("http://")));
    QVERIFY(!html.contains(QStringLiteral("https://")));
    QVERIFY(!html.contains(QStringLiteral("src=")));
}

void TestCompareHtml::runTextStaysText()
{
    const QList<QByteArray> left{entry("ls", "{}", "<script>alert(1)</script> & <b>bold</b>")};
    const QList<QByteArray> right{entry("<img src=x onerror=alert(2)>", "{}", "\\\"quoted\\\" <i>it</i>")};
    const RunComparison comparison = RunComparer::compare(left, right);
    const QString html = QString::fromUtf8(CompareHtml::write(comparison, left, right, QStringLiteral("<b>left</b>.jsonl"),
                                                              QStringLiteral("r&d.jsonl")));
    QVERIFY(!html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QStringLiteral("<img")));
    QVERIFY(!html.contains(QStringLiteral("<b>bold")));
    QVERIFY(!html.contains(QStringLiteral("<i>it")));
    QVERIFY(html.contains(QStringLiteral("<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</td>")));
    QVERIFY(html.contains(QStringLiteral("<td>&lt;img src=x onerror=alert(2)&gt;</td>")));
    QVERIFY(html.contains(QStringLiteral("<td>&quot;quoted&quot; &lt;i&gt;it&lt;/i&gt;</td>")));
    QVERIFY(html.contains(QStringLiteral("<title>Comparison of &lt;b&gt;left&lt;/b&gt;.jsonl and r&amp;d.jsonl</title>")));
    QVERIFY(html.contains(QStringLiteral("<li><b>Left:</b> &lt;b&gt;left&lt;/b&gt;.jsonl: 1 entries")));
}

void TestCompareHtml::cancelled()
{
    const QList<QByteArray> run{entry("ls", "{}", "a")};
    const RunComparison comparison = RunComparer::compare(run, run);
    std::atomic<bool> cancel{true};
    QVERIFY(CompareHtml::write(comparison, run, run, {}, {}, &cancel).isEmpty());
}

QTEST_APPLESS_MAIN(TestCompareHtml)
#include "tst_comparehtml.moc"
