// SPDX-License-Identifier: MIT
// The Compare window over two small hand-written runs: the aligned rows and their kinds, the
// empty fillers and the gutter's glyphs, the summary, the difference keys, a fold of identical
// entries, the word diff of a changed pair, and the colours of the dark palette.
#include "ui/common/theme.h"
#include "ui/compare/comparerunsdialog.h"
#include "ui/compare/comparestepsmodel.h"
#include "ui/compare/comparewindow.h"
#include "ui/open/samplechooserdialog.h"
#include "ui/search/searchbar.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTableView>
#include <QTreeView>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

namespace {

QByteArray entry(const char *type, const char *tool, const char *input, const char *thought,
                 const char *createdAt = "2024-01-01T00:10:00Z", const char *output = "null")
{
    return QByteArray(R"({"agent_run_id":1,"message_type":")") + type + R"(","tool_name":)"
           + (tool ? QByteArray("\"") + tool + "\"" : QByteArray("null")) + R"(,"tool_input":)" + input
           + R"(,"thought":")" + thought + R"(","tool_output":)" + output + R"(,"created_at":")" + createdAt + "\"}";
}

// Left 6 entries, right 7: right inserts a view of b (3) and a test run (6), changes the edit's
// thought ("old" becomes "nasty"), and lacks the left's clean-up (5).
QList<QByteArray> leftRun()
{
    return {
        entry("ACTION", "run_bash_command", R"({"cmd":"ls"})", "list files", "2024-01-01T00:00:00Z"),
        entry("ACTION", "view_file", R"({"path":"a"})", "read a"),
        entry("ACTION", "edit_file", R"({"path":"a"})", "fix the old bug", "2024-01-01T00:10:00Z", R"("done")"),
        entry("ACTION", "run_bash_command", R"({"cmd":"make"})", "build"),
        entry("ACTION", "run_bash_command", R"({"cmd":"rm x"})", "clean"),
        entry("FINAL_ANSWER", nullptr, "null", "done", "2024-01-01T01:02:05Z"),
    };
}

QList<QByteArray> rightRun()
{
    const QList<QByteArray> left = leftRun();
    return {
        left.at(0),
        left.at(1),
        entry("ACTION", "view_file", R"({"path":"b"})", "read b"),
        entry("ACTION", "edit_file", R"({"path":"a"})", "fix the nasty bug", "2024-01-01T00:10:00Z", R"("done")"),
        left.at(3),
        entry("ACTION", "run_bash_command", R"({"cmd":"test"})", "test"),
        entry("FINAL_ANSWER", nullptr, "null", "done", "2024-01-01T00:00:45Z"),
    };
}

// The format of the first fragment of `document` whose text contains `word`.
std::optional<QTextCharFormat> formatOf(const QTextDocument *document, const QString &word)
{
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it)
            if (it.fragment().text().contains(word))
                return it.fragment().charFormat();
    return std::nullopt;
}

} // namespace

class TestCompareWindow : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void rowsAreAlignedWithKindsAndFillers();
    void summaryTellsEachSideAndTheCounts();
    void differenceKeysMove();
    void sameStretchFoldsAndOpens();
    void changedPairShowsRemovedAndAddedWords();
    void onlyOneSideShowsItsEntry();
    void darkColoursDifferFromLight();
    void unreadableSideIsSaidInTheWindow();
    void logOfSeveralSamplesAsksWhichSample();
    void sampleNotChosenIsSaid();
    void runTextIsNeverMarkup();
    void hugeFieldIsShownInPart();
    void copyPutsBothEntriesOnTheClipboard();
    void exportsMarkdown();
    void hundredThousandStepsFoldAndMove();
    void dialogNamesFilesAndRuns();
    void countsFilterTheSteps();
    void countLinksKeepRunTextAsText();
    void searchFindsHitsOnEitherSideAndOpensFolds();
    void searchUnderAFilterSkipsHiddenSteps();
    void exportsHtmlThroughTheDialogsAnswer();

private:
    void compare(const QList<QByteArray> &left, const QList<QByteArray> &right);
    CompareWindow *m_window = nullptr;
};

void TestCompareWindow::init()
{
    m_window = new CompareWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestCompareWindow::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestCompareWindow::compare(const QList<QByteArray> &left, const QList<QByteArray> &right)
{
    QSignalSpy aligned(m_window, &CompareWindow::aligned);
    m_window->compareEntries(left, right, QStringLiteral("left.jsonl"), QStringLiteral("right.jsonl"));
    // The alignment runs on a worker: the window says so meanwhile.
    QCOMPARE(m_window->statusText(), QStringLiteral("Aligning…"));
    QVERIFY(aligned.wait(30000)); // 100,000 steps in a debug build on a busy machine take seconds
    QVERIFY(m_window->statusText().isEmpty());
}

void TestCompareWindow::rowsAreAlignedWithKindsAndFillers()
{
    compare(leftRun(), rightRun());
    const CompareStepsModel *model = m_window->stepsModel();
    QCOMPARE(model->rowCount(), 8);
    const QList<int> kinds{CompareStep::Same, CompareStep::Same, CompareStep::OnlyRight, CompareStep::Changed,
                           CompareStep::Same, CompareStep::OnlyLeft, CompareStep::OnlyRight, CompareStep::Same};
    const QStringList glyphs = QStringLiteral("= = + ≠ = − + =").split(QLatin1Char(' '));
    const QList<int> leftNumbers{1, 2, 0, 3, 4, 5, 0, 6};
    const QList<int> rightNumbers{1, 2, 3, 4, 5, 0, 6, 7};
    for (int row = 0; row < 8; ++row) {
        QCOMPARE(model->index(row, 0).data(CompareStepsModel::StepKindRole).toInt(), kinds.at(row));
        QCOMPARE(model->index(row, CompareStepsModel::Gutter).data().toString(), glyphs.at(row));
        const QVariant left = model->index(row, CompareStepsModel::LeftNumber).data();
        const QVariant right = model->index(row, CompareStepsModel::RightNumber).data();
        QCOMPARE(left.isValid() ? left.toInt() : 0, leftNumbers.at(row));
        QCOMPARE(right.isValid() ? right.toInt() : 0, rightNumbers.at(row));
    }
    // The fillers: every cell of the side without an entry is empty.
    for (int column : {CompareStepsModel::LeftNumber, CompareStepsModel::LeftType, CompareStepsModel::LeftTool, CompareStepsModel::LeftSummary})
        QVERIFY(!model->index(2, column).data().isValid());
    for (int column : {CompareStepsModel::RightNumber, CompareStepsModel::RightType, CompareStepsModel::RightTool, CompareStepsModel::RightSummary})
        QVERIFY(!model->index(5, column).data().isValid());
    QCOMPARE(model->index(2, CompareStepsModel::RightTool).data().toString(), QStringLiteral("view_file"));
    QCOMPARE(model->index(2, CompareStepsModel::RightType).data().toString(), QStringLiteral("ACTION"));
    QCOMPARE(model->index(5, CompareStepsModel::LeftSummary).data().toString(), QStringLiteral("clean"));
    QCOMPARE(model->index(3, CompareStepsModel::RightSummary).data().toString(), QStringLiteral("fix the nasty bug"));
}

void TestCompareWindow::summaryTellsEachSideAndTheCounts()
{
    compare(leftRun(), rightRun());
    QCOMPARE(m_window->countsText(), QStringLiteral("4 same · 1 changed · 1 only left · 2 only right"));
    QCOMPARE(m_window->sideText(0), QStringLiteral("Left: left.jsonl\n6 entries, 0 errors, 1 h 02 min 05 s"));
    QCOMPARE(m_window->sideText(1), QStringLiteral("Right: right.jsonl\n7 entries, 0 errors, 45 s"));
    QCOMPARE(m_window->countDeltasText(), QStringLiteral("Tools used differently: view_file 1 → 2 (+1)\n"
                                                         "Types counted differently: ACTION 5 → 6 (+1)"));
}

void TestCompareWindow::differenceKeysMove()
{
    compare(leftRun(), rightRun());
    QTableView *table = m_window->stepsView();
    m_window->activateWindow();
    table->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    const auto currentRow = [table] { return table->currentIndex().row(); };
    QTest::keyClick(table, Qt::Key_F7);
    QCOMPARE(currentRow(), 2);
    QTest::keyClick(table, Qt::Key_F7);
    QCOMPARE(currentRow(), 3);
    QTest::keyClick(table, Qt::Key_F7);
    QCOMPARE(currentRow(), 5);
    QTest::keyClick(table, Qt::Key_F7);
    QCOMPARE(currentRow(), 6);
    QTest::keyClick(table, Qt::Key_F7); // none after: it stays
    QCOMPARE(currentRow(), 6);
    QTest::keyClick(table, Qt::Key_F7, Qt::ShiftModifier);
    QCOMPARE(currentRow(), 5);
    QTest::keyClick(table, Qt::Key_F7, Qt::ShiftModifier);
    QCOMPARE(currentRow(), 3);
    QTest::keyClick(table, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(currentRow(), 2); // the first divergence: entry 3 on both sides
}

void TestCompareWindow::sameStretchFoldsAndOpens()
{
    QList<QByteArray> left;
    for (int i = 0; i < 6; ++i)
        left << entry("ACTION", "run_bash_command", R"({"cmd":"ls"})", "again");
    QList<QByteArray> right = left;
    left << entry("ACTION", "view_file", R"({"path":"a"})", "read it");
    right << entry("ACTION", "view_file", R"({"path":"a"})", "read it twice");
    compare(left, right);
    CompareStepsModel *model = m_window->stepsModel();
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(model->isFold(0));
    QCOMPARE(model->index(0, 0).data(CompareStepsModel::FoldedCountRole).toInt(), 6);
    QVERIFY(model->index(0, CompareStepsModel::LeftSummary).data().toString().contains(QStringLiteral("… 6 identical entries …")));
    QCOMPARE(model->index(0, CompareStepsModel::LeftNumber).data().toString(), QStringLiteral("1–6"));
    QCOMPARE(model->index(1, 0).data(CompareStepsModel::StepKindRole).toInt(), int(CompareStep::Changed));

    QTableView *table = m_window->stepsView();
    table->setFocus();
    table->setCurrentIndex(model->index(0, 0));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(model->rowCount(), 7);
    for (int row = 0; row < 6; ++row) {
        QVERIFY(!model->isFold(row));
        QCOMPARE(model->index(row, CompareStepsModel::LeftNumber).data().toInt(), row + 1);
        QCOMPARE(model->index(row, CompareStepsModel::Gutter).data().toString(), QStringLiteral("="));
    }
    QCOMPARE(table->currentIndex().row(), 0);
}

void TestCompareWindow::changedPairShowsRemovedAndAddedWords()
{
    compare(leftRun(), rightRun());
    m_window->stepsView()->setCurrentIndex(m_window->stepsModel()->index(3, 0));
    const QString left = m_window->leftDetail()->toPlainText();
    const QString right = m_window->rightDetail()->toPlainText();
    QVERIFY2(left.contains(QStringLiteral("fix the old bug")), qPrintable(left));
    QVERIFY2(right.contains(QStringLiteral("fix the nasty bug")), qPrintable(right));
    const std::optional<QTextCharFormat> removed = formatOf(m_window->leftDetail(), QStringLiteral("old"));
    QVERIFY(removed);
    QVERIFY(removed->fontStrikeOut());
    QVERIFY(removed->background().style() != Qt::NoBrush);
    const std::optional<QTextCharFormat> added = formatOf(m_window->rightDetail(), QStringLiteral("nasty"));
    QVERIFY(added);
    QVERIFY(added->fontUnderline());
    QVERIFY(!added->fontStrikeOut());
    // The words both have are not marked.
    const std::optional<QTextCharFormat> kept = formatOf(m_window->leftDetail(), QStringLiteral("fix the "));
    QVERIFY(kept);
    QVERIFY(!kept->fontStrikeOut());
    // The same tool output is shown on both sides, unmarked.
    QVERIFY(left.contains(QStringLiteral("Tool output\ndone")));
}

void TestCompareWindow::onlyOneSideShowsItsEntry()
{
    compare(leftRun(), rightRun());
    m_window->stepsView()->setCurrentIndex(m_window->stepsModel()->index(5, 0));
    QVERIFY(m_window->leftDetail()->toPlainText().contains(QStringLiteral("clean")));
    QCOMPARE(m_window->rightDetail()->toPlainText(), QStringLiteral("Not in the right run."));
}

void TestCompareWindow::darkColoursDifferFromLight()
{
    compare(leftRun(), rightRun());
    const CompareStepsModel *model = m_window->stepsModel();
    QList<QColor> light;
    for (int row : {2, 3, 5})
        light << model->index(row, 0).data(Qt::BackgroundRole).value<QBrush>().color();
    QVERIFY(!model->index(0, 0).data(Qt::BackgroundRole).isValid()); // `same` keeps the view's own
    QCOMPARE(QSet<QRgb>({light.at(0).rgb(), light.at(1).rgb(), light.at(2).rgb()}).size(), 3);
    m_window->setPalette(Theme::darkPalette());
    int i = 0;
    for (int row : {2, 3, 5}) {
        const QColor dark = model->index(row, 0).data(Qt::BackgroundRole).value<QBrush>().color();
        QVERIFY(dark != light.at(i++));
        QVERIFY(dark.lightness() < 128); // the dark palette's light text reads on it
    }
}

void TestCompareWindow::unreadableSideIsSaidInTheWindow()
{
    m_window->loadAndCompare(ApiEndpoint{}, CompareSideSource{QStringLiteral("/nonexistent/left.jsonl"), std::nullopt, std::nullopt},
                             CompareSideSource{QStringLiteral("/nonexistent/right.jsonl"), std::nullopt, std::nullopt});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().startsWith(QStringLiteral("The left run (/nonexistent/left.jsonl) could not be loaded")), 5000);
    QCOMPARE(m_window->stepsModel()->rowCount(), 0);
}

// A side that is an Inspect log of two samples, named without one, asks which (as the main
// window does); the other side names its sample.
void TestCompareWindow::logOfSeveralSamplesAsksWhichSample()
{
    const QString log = QStringLiteral(AGENTLOGS_DATA_DIR "/inspect-eval.json");
    QSignalSpy aligned(m_window, &CompareWindow::aligned);
    m_window->loadAndCompare(ApiEndpoint{}, CompareSideSource{log, std::nullopt, std::nullopt},
                             CompareSideSource{log, std::nullopt, SampleRef{QStringLiteral("s-1"), 0}});
    SampleChooserDialog *chooser = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((chooser = m_window->findChild<SampleChooserDialog *>()) != nullptr, 5000);
    QCOMPARE(chooser->view()->model()->rowCount(), 2);
    chooser->view()->setCurrentIndex(chooser->view()->model()->index(1, 0));
    chooser->accept();
    QVERIFY(aligned.wait(5000));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Compare %1 (sample 2, epoch 1) with %1 (sample s-1)").arg(log));
    QVERIFY2(m_window->sideText(0).startsWith(QStringLiteral("Left: %1 (sample 2, epoch 1)").arg(log)), qPrintable(m_window->sideText(0)));
    QVERIFY2(m_window->sideText(1).startsWith(QStringLiteral("Right: %1 (sample s-1)").arg(log)), qPrintable(m_window->sideText(1)));
}

void TestCompareWindow::sampleNotChosenIsSaid()
{
    const QString log = QStringLiteral(AGENTLOGS_DATA_DIR "/inspect-eval.json");
    m_window->loadAndCompare(ApiEndpoint{}, CompareSideSource{log, std::nullopt, SampleRef{QStringLiteral("2"), 1}},
                             CompareSideSource{log, std::nullopt, std::nullopt});
    SampleChooserDialog *chooser = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((chooser = m_window->findChild<SampleChooserDialog *>()) != nullptr, 5000);
    chooser->reject();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().startsWith(QStringLiteral("The right run (%1) could not be loaded: ").arg(log)), 5000);
    QVERIFY2(m_window->statusText().contains(QStringLiteral("holds 2 samples")), qPrintable(m_window->statusText()));
    QCOMPARE(m_window->stepsModel()->rowCount(), 0);
}

void TestCompareWindow::runTextIsNeverMarkup()
{
    QList<QByteArray> left = leftRun();
    QList<QByteArray> right = rightRun();
    left[2] = entry("ACTION", "edit_file", R"({"path":"a"})", "<b>old</b> &amp; <img src=x>");
    right[3] = entry("ACTION", "edit_file", R"({"path":"a"})", "<b>new</b> &amp; <img src=x>");
    QSignalSpy aligned(m_window, &CompareWindow::aligned);
    m_window->compareEntries(left, right, QStringLiteral("<i>left</i>"), QStringLiteral("right"));
    QVERIFY(aligned.wait(5000));
    QVERIFY(m_window->sideText(0).startsWith(QStringLiteral("Left: <i>left</i>")));
    m_window->stepsView()->setCurrentIndex(m_window->stepsModel()->index(3, 0));
    QVERIFY2(m_window->leftDetail()->toPlainText().contains(QStringLiteral("<b>old</b> &amp; <img src=x>")),
             qPrintable(m_window->leftDetail()->toPlainText()));
    QVERIFY(m_window->rightDetail()->toPlainText().contains(QStringLiteral("<b>new</b> &amp; <img src=x>")));
    QCOMPARE(m_window->stepsModel()->index(3, CompareStepsModel::LeftSummary).data().toString(),
             QStringLiteral("<b>old</b> &amp; <img src=x>"));
}

void TestCompareWindow::copyPutsBothEntriesOnTheClipboard()
{
    compare(leftRun(), rightRun());
    QTableView *table = m_window->stepsView();
    table->setFocus();
    table->setCurrentIndex(m_window->stepsModel()->index(2, 0)); // only in the right run
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QStringLiteral("Left: none\n\nRight #3:\n") + QString::fromUtf8(rightRun().at(2)) + QLatin1Char('\n'));
    table->setCurrentIndex(m_window->stepsModel()->index(3, 0)); // changed: both
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QStringLiteral("Left #3:\n") + QString::fromUtf8(leftRun().at(2)) + QStringLiteral("\n\nRight #4:\n")
                 + QString::fromUtf8(rightRun().at(3)) + QLatin1Char('\n'));
}

void TestCompareWindow::exportsMarkdown()
{
    compare(leftRun(), rightRun());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("comparison.md"));
    QSignalSpy exported(m_window, &CompareWindow::exported);
    m_window->exportMarkdownTo(path);
    QVERIFY(exported.wait(5000));
    QVERIFY(exported.first().at(0).toBool());
    QCOMPARE(m_window->statusText(), QStringLiteral("Exported to %1.").arg(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(file.readAll());
    QVERIFY(markdown.contains(QStringLiteral("- **Steps:** 4 same, 1 changed, 1 only left, 2 only right")));
    QVERIFY(markdown.contains(QStringLiteral("| ≠ changed | 3 | ACTION | edit\\_file | fix the old bug | 4 | ACTION | edit\\_file | fix the nasty bug |")));
    // A file that cannot be written is said in the window.
    m_window->exportMarkdownTo(dir.filePath(QStringLiteral("missing/comparison.md")));
    QVERIFY(exported.wait(5000));
    QVERIFY(!exported.last().at(0).toBool());
    QVERIFY(m_window->statusText().startsWith(QStringLiteral("Could not write")));
}

void TestCompareWindow::hugeFieldIsShownInPart()
{
    const QByteArray big = '"' + QByteArray(300'000, 'x') + '"';
    QList<QByteArray> left{entry("ACTION", "run_bash_command", R"({"cmd":"cat"})", "read", "2024-01-01T00:00:00Z", big.constData())};
    QList<QByteArray> right{entry("ACTION", "run_bash_command", R"({"cmd":"cat"})", "read again", "2024-01-01T00:00:00Z", big.constData())};
    compare(left, right);
    m_window->stepsView()->setCurrentIndex(m_window->stepsModel()->index(0, 0));
    const QString shown = m_window->leftDetail()->toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("%1 more characters not shown").arg(QLocale().toString(200'000))),
             qPrintable(shown.right(200)));
    QVERIFY(shown.size() < 110'000);
}

// 100,000 steps against 100,000 with one in a thousand changed: aligned off the window's thread,
// folded to a few hundred rows, and F7 reaches the last difference.
void TestCompareWindow::hundredThousandStepsFoldAndMove()
{
    QList<QByteArray> left;
    left.reserve(100'000);
    for (int i = 0; i < 100'000; ++i)
        left << QByteArray(R"({"message_type":"ACTION","tool_name":"t","tool_input":{"n":)") + QByteArray::number(i) + R"(},"thought":"step"})";
    QList<QByteArray> right = left;
    for (int i = 500; i < 100'000; i += 1000)
        right[i].replace("\"step\"", "\"other step\"");
    // The first screen before the alignment ends: the 500 leading identical entries, one fold.
    QList<int> rowsAtEachReset;
    QList<int> foldedAtEachReset;
    connect(m_window->stepsModel(), &QAbstractItemModel::modelReset, m_window, [&] {
        rowsAtEachReset << m_window->stepsModel()->rowCount();
        foldedAtEachReset << m_window->stepsModel()->index(0, 0).data(CompareStepsModel::FoldedCountRole).toInt();
    });
    QVERIFY(!m_window->isBusyShown());
    QSignalSpy aligned(m_window, &CompareWindow::aligned);
    m_window->compareEntries(left, right, QStringLiteral("left.jsonl"), QStringLiteral("right.jsonl"));
    QVERIFY(m_window->isBusyShown());
    // Each side's size is said before the alignment ends.
    QCOMPARE(m_window->sideText(1), QStringLiteral("Right: right.jsonl\n%1 entries").arg(QLocale().toString(100'000)));
    QVERIFY(aligned.wait(30000));
    QVERIFY(!m_window->isBusyShown());
    QCOMPARE(rowsAtEachReset, (QList<int>{1, 100 + 101}));
    QCOMPARE(foldedAtEachReset, (QList<int>{500, 500}));
    const CompareStepsModel *model = m_window->stepsModel();
    QCOMPARE(model->rowCount(), 100 + 101); // 100 changed rows between 101 folds
    QCOMPARE(m_window->countsText(), QStringLiteral("%1 same · 100 changed · 0 only left · 0 only right").arg(QLocale().toString(99'900)));
    m_window->goToFirstDivergence();
    QCOMPARE(m_window->stepsView()->currentIndex().row(), 1);
    for (int i = 0; i < 99; ++i)
        m_window->goToNextDifference();
    QCOMPARE(m_window->stepsView()->currentIndex().row(), 199);
    QCOMPARE(model->stepAt(199)->leftEntry, 99'501);
}

void TestCompareWindow::dialogNamesFilesAndRuns()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    CompareRunsDialog dialog(std::nullopt);
    // A file; a run's web address (its organization in it).
    dialog.setSideText(0, file.fileName());
    dialog.setSideText(1, QStringLiteral("https://codegen.com/org/5/agent/trace/43"));
    const std::optional<CompareSideSource> left = dialog.sourceOf(0);
    QVERIFY(left);
    QVERIFY(!left->run);
    QCOMPARE(left->given, file.fileName());
    const std::optional<CompareSideSource> right = dialog.sourceOf(1);
    QVERIFY(right);
    QVERIFY(right->run);
    QCOMPARE(right->run->orgId, 5);
    QCOMPARE(right->run->runId, 43);
    // A bare run ID needs an organization: the open run's.
    dialog.setSideText(1, QStringLiteral("#42"));
    QString error;
    QVERIFY(!dialog.sourceOf(1, &error));
    QVERIFY(error.contains(QStringLiteral("organization")));
    dialog.setDefaultOrgId(7);
    const std::optional<CompareSideSource> byId = dialog.sourceOf(1);
    QVERIFY(byId && byId->run);
    QCOMPARE(byId->run->orgId, 7);
    QCOMPARE(byId->run->runId, 42);
    // Neither a file nor a run.
    dialog.setSideText(1, QStringLiteral("/nonexistent/run.jsonl"));
    QVERIFY(!dialog.sourceOf(1, &error));
    QVERIFY(error.contains(QStringLiteral("neither a file nor")));
    dialog.setSideText(1, QString());
    QVERIFY(!dialog.sourceOf(1));
}

// Rows (see rowsAreAlignedWithKindsAndFillers): 0 = | 1 = view_file | 2 + view_file | 3 ≠ edit_file |
// 4 = | 5 − | 6 + | 7 = FINAL_ANSWER. Counted differently: view_file 1 → 2, ACTION 5 → 6.
void TestCompareWindow::countsFilterTheSteps()
{
    compare(leftRun(), rightRun());
    QLabel *counts = m_window->countDeltasLabel();
    QVERIFY(counts->text().contains(QStringLiteral("<a href=\"f:0\">view_file</a>")));
    QVERIFY(counts->text().contains(QStringLiteral("<a href=\"f:1\">ACTION</a>")));
    QVERIFY(m_window->filterText().isEmpty());

    QSignalSpy filtered(m_window, &CompareWindow::filtered);
    emit counts->linkActivated(QStringLiteral("f:0")); // view_file
    QVERIFY(filtered.wait(5000));
    const CompareStepsModel *model = m_window->stepsModel();
    QVERIFY(m_window->isFiltered());
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->stepAt(0)->leftEntry, 2);
    QCOMPARE(model->stepAt(0)->rightEntry, 2);
    QCOMPARE(model->stepAt(1)->leftEntry, 0);
    QCOMPARE(model->stepAt(1)->rightEntry, 3);
    QCOMPARE(m_window->filterText(), QStringLiteral("Showing the 2 steps with the tool view_file"));
    QCOMPARE(m_window->stepsView()->currentIndex().row(), 0);

    emit counts->linkActivated(QStringLiteral("f:1")); // ACTION: every step but the final answer
    QVERIFY(filtered.wait(5000));
    QCOMPARE(model->rowCount(), 7);
    QCOMPARE(m_window->filterText(), QStringLiteral("Showing the 7 steps of type ACTION"));
    QCOMPARE(model->stepAt(6)->rightEntry, 6);
    // F7 goes on under the filter: the first difference among the rows shown.
    m_window->stepsView()->setCurrentIndex(model->index(0, 0));
    m_window->goToNextDifference();
    QCOMPARE(model->stepAt(m_window->stepsView()->currentIndex().row())->rightEntry, 3);

    // Cleared: every step again, the one selected still selected.
    m_window->clearFilter();
    QVERIFY(!m_window->isFiltered());
    QVERIFY(m_window->filterText().isEmpty());
    QCOMPARE(model->rowCount(), 8);
    QCOMPARE(m_window->stepsView()->currentIndex().row(), 2);
    // A link that names no filter does nothing.
    emit counts->linkActivated(QStringLiteral("f:99"));
    QVERIFY(!m_window->isFiltered());
}

void TestCompareWindow::countLinksKeepRunTextAsText()
{
    QList<QByteArray> left = leftRun();
    QList<QByteArray> right = rightRun();
    right[5] = entry("<i>T</i>", "<b>tool</b> & co", R"({"cmd":"test"})", "test");
    compare(left, right);
    const QString text = m_window->countDeltasLabel()->text();
    QVERIFY2(text.contains(QStringLiteral(">&lt;b&gt;tool&lt;/b&gt; &amp; co</a> 0 → 1 (+1)")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral(">&lt;i&gt;T&lt;/i&gt;</a>")));
    QVERIFY(!text.contains(QStringLiteral("<b>tool")));
    QVERIFY(!text.contains(QStringLiteral("<i>T")));
    // The filter finds the step by the name as the run holds it.
    QSignalSpy filtered(m_window, &CompareWindow::filtered);
    const int link = text.indexOf(QStringLiteral("&lt;b&gt;tool"));
    const QString href = text.mid(text.lastIndexOf(QStringLiteral("href=\""), link) + 6, 3);
    emit m_window->countDeltasLabel()->linkActivated(href);
    QVERIFY(filtered.wait(5000));
    QCOMPARE(m_window->stepsModel()->rowCount(), 1);
    QCOMPARE(m_window->stepsModel()->stepAt(0)->rightEntry, 6);
    QVERIFY2(m_window->filterText().endsWith(QStringLiteral(" with the tool <b>tool</b> & co")), qPrintable(m_window->filterText()));
}

namespace {
// Ten identical entries (a fold), then a step only in the right run: "needle" in the fifth
// entry's thought (both sides) and in the right's last one.
QList<QByteArray> tenSame()
{
    QList<QByteArray> run;
    for (int i = 1; i <= 10; ++i)
        run << entry("ACTION", "ls", QStringLiteral(R"({"n":%1})").arg(i).toUtf8().constData(), i == 5 ? "a Needle here" : "look");
    return run;
}
// Whether the bar shows `text` (its count's label).
bool shownInBar(const SearchBar *bar, const QString &text)
{
    const QList<QLabel *> labels = bar->findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) { return label->text() == text; });
}
} // namespace

void TestCompareWindow::searchFindsHitsOnEitherSideAndOpensFolds()
{
    const QList<QByteArray> left = tenSame();
    QList<QByteArray> right = tenSame();
    right << entry("ACTION", "grep", R"({"q":"x"})", "one more needle");
    compare(left, right);
    CompareStepsModel *model = m_window->stepsModel();
    QCOMPARE(model->rowCount(), 2); // the fold, the only_right step
    QVERIFY(model->isFold(0));

    QVERIFY(m_window->searchBar()->isHidden());
    m_window->findAction()->trigger(); // Ctrl+F
    QVERIFY(!m_window->searchBar()->isHidden());
    QSignalSpy searched(m_window, &CompareWindow::searched);
    m_window->search(SearchQuery{QStringLiteral("needle")});
    QVERIFY(searched.wait(5000));
    QCOMPARE(m_window->searchHits(), (QVector<CompareSearch::Hit>{{4, true, true}, {10, false, true}}));
    QCOMPARE(m_window->searchBar()->resultText(), QStringLiteral("3 matching entries in 2 steps"));
    QVERIFY(shownInBar(m_window->searchBar(), QStringLiteral("2 steps")));
    // The hit on the right only: marked on the right's columns, not the left's.
    QVERIFY(model->index(1, CompareStepsModel::RightSummary).data(CompareStepsModel::SearchHitRole).toBool());
    QVERIFY(!model->index(1, CompareStepsModel::LeftSummary).data(CompareStepsModel::SearchHitRole).toBool());

    // F3 from nowhere: the hit inside the fold, which opens.
    m_window->findNextAction()->trigger();
    QCOMPARE(model->rowCount(), 11);
    QTableView *table = m_window->stepsView();
    QCOMPARE(table->currentIndex().row(), 4);
    QCOMPARE(model->stepAt(4)->leftEntry, 5);
    QVERIFY(model->index(4, CompareStepsModel::LeftSummary).data(CompareStepsModel::SearchHitRole).toBool());
    QVERIFY(model->index(4, CompareStepsModel::RightSummary).data(CompareStepsModel::SearchHitRole).toBool());
    QVERIFY(shownInBar(m_window->searchBar(), QStringLiteral("1 of 2")));
    // The match is marked in both entries' detail.
    QCOMPARE(m_window->detailHighlightCount(0), 1);
    QCOMPARE(m_window->detailHighlightCount(1), 1);
    m_window->findNext();
    QCOMPARE(table->currentIndex().row(), 10);
    QCOMPARE(model->stepAt(10)->rightEntry, 11);
    QVERIFY(shownInBar(m_window->searchBar(), QStringLiteral("2 of 2")));
    QCOMPARE(m_window->detailHighlightCount(0), 0); // no left entry
    QCOMPARE(m_window->detailHighlightCount(1), 1);
    m_window->findNext(); // wraps around
    QCOMPARE(table->currentIndex().row(), 4);
    m_window->findPreviousAction()->trigger(); // Shift+F3, wraps back
    QCOMPARE(table->currentIndex().row(), 10);
    m_window->findPrevious();
    QCOMPARE(table->currentIndex().row(), 4);

    // Case-sensitive "Needle": only the fifth entries.
    SearchQuery sensitive{QStringLiteral("Needle")};
    sensitive.caseSensitive = true;
    m_window->search(sensitive);
    QVERIFY(searched.wait(5000));
    QCOMPARE(m_window->searchHits(), (QVector<CompareSearch::Hit>{{4, true, true}}));
    // Nothing found, and an empty pattern: no hits, no marks.
    m_window->search(SearchQuery{QStringLiteral("haystack")});
    QVERIFY(searched.wait(5000));
    QVERIFY(m_window->searchHits().isEmpty());
    QCOMPARE(m_window->searchBar()->resultText(), QStringLiteral("No matches"));
    m_window->search(SearchQuery{});
    QVERIFY(m_window->searchHits().isEmpty());
    QCOMPARE(m_window->detailHighlightCount(0), 0);
    QVERIFY(!model->index(4, CompareStepsModel::LeftSummary).data(CompareStepsModel::SearchHitRole).toBool());
}

void TestCompareWindow::searchUnderAFilterSkipsHiddenSteps()
{
    const QList<QByteArray> left = tenSame();
    QList<QByteArray> right = tenSame();
    right << entry("ACTION", "grep", R"({"q":"x"})", "one more needle");
    compare(left, right);
    QSignalSpy filtered(m_window, &CompareWindow::filtered);
    emit m_window->countDeltasLabel()->linkActivated(QStringLiteral("f:0")); // grep: the last step only
    QVERIFY(filtered.wait(5000));
    QCOMPARE(m_window->stepsModel()->rowCount(), 1);
    QSignalSpy searched(m_window, &CompareWindow::searched);
    m_window->search(SearchQuery{QStringLiteral("needle")});
    QVERIFY(searched.wait(5000));
    m_window->stepsView()->setCurrentIndex({});
    m_window->findNext();
    QCOMPARE(m_window->stepsView()->currentIndex().row(), 0);
    QCOMPARE(m_window->stepsModel()->stepAt(0)->rightEntry, 11);
    m_window->findNext(); // the other hit is filtered out: it stays
    QCOMPARE(m_window->stepsView()->currentIndex().row(), 0);
}

void TestCompareWindow::exportsHtmlThroughTheDialogsAnswer()
{
    using Format = CompareWindow::ExportFormat;
    // The file type chosen in the dialog, unless the name says another.
    QCOMPARE(CompareWindow::exportFormatOf(QStringLiteral("/t/a"), CompareWindow::htmlNameFilter()), Format::Html);
    QCOMPARE(CompareWindow::exportFormatOf(QStringLiteral("/t/a"), CompareWindow::markdownNameFilter()), Format::Markdown);
    QCOMPARE(CompareWindow::exportFormatOf(QStringLiteral("/t/a.md"), CompareWindow::htmlNameFilter()), Format::Markdown);
    QCOMPARE(CompareWindow::exportFormatOf(QStringLiteral("/t/a.HTM"), CompareWindow::markdownNameFilter()), Format::Html);
    QCOMPARE(CompareWindow::exportPathOf(QStringLiteral("/t/a"), Format::Html), QStringLiteral("/t/a.html"));
    QCOMPARE(CompareWindow::exportPathOf(QStringLiteral("/t/a"), Format::Markdown), QStringLiteral("/t/a.md"));
    QCOMPARE(CompareWindow::exportPathOf(QStringLiteral("/t/a.txt"), Format::Html), QStringLiteral("/t/a.txt"));

    QList<QByteArray> left = leftRun();
    left[4] = entry("ACTION", "run_bash_command", R"({"cmd":"rm x"})", "<script>alert(1)</script>");
    compare(left, rightRun());
    QTemporaryDir dir;
    QSignalSpy exported(m_window, &CompareWindow::exported);
    m_window->exportChosen(dir.filePath(QStringLiteral("comparison")), CompareWindow::htmlNameFilter());
    QVERIFY(exported.wait(5000));
    const QString path = dir.filePath(QStringLiteral("comparison.html"));
    QCOMPARE(m_window->statusText(), QStringLiteral("Exported to %1.").arg(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(file.readAll());
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    for (const char *kind : {"<tr class=\"same\">", "<tr class=\"changed\">", "<tr class=\"only-left\">", "<tr class=\"only-right\">"})
        QVERIFY2(html.contains(QLatin1String(kind)), kind);
    QVERIFY(html.contains(QStringLiteral("<td>fix the old bug</td>")));
    QVERIFY(html.contains(QStringLiteral("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>")));
    QVERIFY(!html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));

    m_window->exportChosen(dir.filePath(QStringLiteral("comparison")), CompareWindow::markdownNameFilter());
    QVERIFY(exported.wait(5000));
    QFile markdown(dir.filePath(QStringLiteral("comparison.md")));
    QVERIFY(markdown.open(QIODevice::ReadOnly));
    QVERIFY(markdown.readAll().startsWith("# Comparison of two runs"));
}

QTEST_MAIN(TestCompareWindow)
#include "tst_comparewindow.moc"
