// SPDX-License-Identifier: MIT
// Not a test: takes the Compare window's screenshots (light and dark: the first divergence, a
// search with its second hit, a tool's count as a filter) and its HTML export, from the demo's run
// 1001 against a copy of it with a few entries removed, inserted and changed, so the window can be
// looked at after every change to it.
//   runlog_compare_screenshots OUTPUT_DIR   (use -platform offscreen)
#include "demo/demodataset.h"
#include "demo/runrecord.h"
#include "ui/common/theme.h"
#include "ui/compare/comparestepsmodel.h"
#include "ui/compare/comparewindow.h"
#include "ui/search/searchbar.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTableView>

namespace {

// The entry with words of its thought changed (the first `from` after "thought"), its bytes
// otherwise as they were: `changed` against the original.
QByteArray withThought(const QByteArray &raw, const QByteArray &from, const QByteArray &to)
{
    QByteArray edited = raw;
    const qsizetype thought = edited.indexOf("\"thought\"");
    const qsizetype at = thought < 0 ? -1 : edited.indexOf(from, thought);
    if (at >= 0)
        edited.replace(at, from.size(), to);
    return edited;
}

QByteArray inserted(int n)
{
    return QStringLiteral(R"({"agent_run_id":1001,"message_type":"ACTION","tool_name":"run_bash_command",)"
                          R"("tool_input":{"command":"pytest -x tests/test_%1.py"},"thought":"Run the new test %1 before going on.",)"
                          R"("observation":"1 passed","created_at":"2025-06-21T10:%2:00Z"})").arg(n).arg(10 + n).toUtf8();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QDir out(app.arguments().value(1, QStringLiteral(".")));
    const DemoDataset dataset;
    const QList<QByteArray> left = dataset.run(DemoDataset::kCompleteRunId)->entries.mid(0, 400);
    QList<QByteArray> right = left;
    right[45] = withThought(right.at(45), " the new helper", " that new helper");
    right.remove(60, 3);
    right.insert(90, inserted(1));
    right.insert(91, inserted(2));
    right[120] = withThought(right.at(120), " ", " indeed ");
    right.remove(300);

    for (const bool dark : {false, true}) {
        Theme::apply(dark ? Theme::Choice::Dark : Theme::Choice::Light);
        CompareWindow window;
        window.resize(1500, 900);
        window.show();
        QSignalSpy aligned(&window, &CompareWindow::aligned);
        window.compareEntries(left, right, QStringLiteral("run 1001"), QStringLiteral("run-1001-edited.jsonl"));
        if (!aligned.wait(20000))
            return 1;
        window.goToFirstDivergence();
        // The summary's word-wrapped labels settle their height over a few passes of the loop.
        QTest::qWait(100);
        const QString suffix = dark ? QStringLiteral("-dark.png") : QStringLiteral(".png");
        window.grab().save(out.filePath(QStringLiteral("compare") + suffix));

        // Search: the bar open, the second step with a match selected (its fold opened).
        QSignalSpy searched(&window, &CompareWindow::searched);
        window.openSearch();
        window.searchBar()->setPattern(QStringLiteral("pytest"));
        if (!searched.wait(20000))
            return 1;
        window.stepsView()->setCurrentIndex({});
        window.findNext();
        window.findNext();
        app.processEvents();
        window.grab().save(out.filePath(QStringLiteral("compare-search") + suffix));

        // The summary's first count clicked: only the steps with that tool.
        QSignalSpy filtered(&window, &CompareWindow::filtered);
        emit window.countDeltasLabel()->linkActivated(QStringLiteral("f:0"));
        if (!filtered.wait(20000))
            return 1;
        app.processEvents();
        window.grab().save(out.filePath(QStringLiteral("compare-filter") + suffix));
        window.clearFilter();

        if (!dark) {
            QSignalSpy exported(&window, &CompareWindow::exported);
            window.exportTo(out.filePath(QStringLiteral("compare.html")), CompareWindow::ExportFormat::Html);
            if (!exported.wait(20000))
                return 1;
        }
    }

    // A big comparison while it is aligned: the leading identical entries shown, the busy bar on.
    {
        Theme::apply(Theme::Choice::Light);
        QList<QByteArray> bigLeft;
        for (int i = 0; i < 300'000; ++i)
            bigLeft << QByteArray(R"({"message_type":"ACTION","tool_name":"t","tool_input":{"n":)") + QByteArray::number(i) + R"(},"thought":"step"})";
        QList<QByteArray> bigRight = bigLeft;
        for (int i = 150'000; i < 300'000; i += 997)
            bigRight[i].replace("\"step\"", "\"other step\"");
        CompareWindow window;
        window.resize(1500, 900);
        window.show();
        bool shot = false;
        QObject::connect(window.stepsModel(), &QAbstractItemModel::modelReset, &window, [&] {
            if (shot || !window.isAligning())
                return;
            shot = true;
            // After the window has said what it shows (the status follows the model's reset).
            QTimer::singleShot(0, &window, [&] { window.grab().save(out.filePath(QStringLiteral("compare-aligning.png"))); });
        });
        QSignalSpy aligned(&window, &CompareWindow::aligned);
        window.compareEntries(bigLeft, bigRight, QStringLiteral("big-left.jsonl"), QStringLiteral("big-right.jsonl"));
        if (!aligned.wait(120000))
            return 1;
    }
    return 0;
}
