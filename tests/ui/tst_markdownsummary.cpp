// SPDX-License-Identifier: MIT
// The Library's Summary / result cell shows a run's Markdown as text (issue 27, stumble 14):
// "## Fixed…" read as "Fixed…", on one line; values that are not text pass through.
#include "ui/library/markdownsummarydelegate.h"

#include <QtTest>

class TestMarkdownSummary : public QObject
{
    Q_OBJECT

private slots:
    void cellShowsText()
    {
        MarkdownSummaryDelegate delegate;
        QCOMPARE(delegate.displayText(QStringLiteral("## Fixed the **login** bug\n\n- all `pytest` tests pass"), QLocale::c()),
                 QStringLiteral("Fixed the login bug all pytest tests pass"));
        QCOMPARE(delegate.displayText(QStringLiteral("<b>kept as text</b>"), QLocale::c()), QStringLiteral("<b>kept as text</b>"));
        QCOMPARE(delegate.displayText(42, QLocale::c()), QStringLiteral("42"));
    }
};

QTEST_MAIN(TestMarkdownSummary)
#include "tst_markdownsummary.moc"
