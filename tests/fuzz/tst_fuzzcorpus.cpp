// SPDX-License-Identifier: MIT
// Replays tests/fuzz/corpus/<target>/* and tests/fuzz/regressions/<target>/* through the fuzz
// targets' code. A crash, sanitizer report or hang here is a regression of something a fuzzer
// found (or a seed that stopped working); the asan preset runs this under ASan + UBSan.
#include "agentlogfuzztargets.h"
#include "fuzztargets.h"

#include <QDir>
#include <QFile>
#include <QtTest>

class TestFuzzCorpus : public QObject
{
    Q_OBJECT

private slots:
    void replay_data();
    void replay();
};

void TestFuzzCorpus::replay_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    int files = 0;
    for (const QString &target : {QStringLiteral("pageparser"), QStringLiteral("runfile"), QStringLiteral("claudecode"),
                                  QStringLiteral("codexrollout"), QStringLiteral("sweagenttrajectory"),
                                  QStringLiteral("openhandsevents"), QStringLiteral("inspectlog")}) {
        for (const QString &kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
            const QDir dir(QStringLiteral(RUNLOG_FUZZ_DIR "/%1/%2").arg(kind, target));
            int inputs = 0;
            for (const QFileInfo &file : dir.entryInfoList(QDir::Files | QDir::Hidden)) {
                if (file.fileName() == QLatin1String("README"))
                    continue; // says what the inputs are and why they are kept
                QTest::addRow("%s/%s/%s", qPrintable(kind), qPrintable(target), qPrintable(file.fileName()))
                    << target << file.absoluteFilePath();
                ++inputs;
            }
            // A directory that went missing or empty would make this a test of nothing.
            QVERIFY2(inputs > 0, qPrintable(QStringLiteral("no inputs in %1").arg(dir.path())));
            files += inputs;
        }
    }
    QVERIFY2(files >= 40, "the seed corpora or the regression inputs are missing");
}

void TestFuzzCorpus::replay()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const auto *data = reinterpret_cast<const std::uint8_t *>(bytes.constData());
    if (target == QLatin1String("pageparser"))
        FuzzTargets::pageParser(data, std::size_t(bytes.size()));
    else if (target == QLatin1String("claudecode"))
        FuzzTargets::claudeCode(data, std::size_t(bytes.size()));
    else if (target == QLatin1String("runfile"))
        FuzzTargets::runFile(data, std::size_t(bytes.size()));
    else if (target == QLatin1String("codexrollout"))
        FuzzTargets::codexRollout(data, std::size_t(bytes.size()));
    else if (target == QLatin1String("sweagenttrajectory"))
        FuzzTargets::sweAgentTrajectory(data, std::size_t(bytes.size()));
    else if (target == QLatin1String("openhandsevents"))
        FuzzTargets::openHandsEvents(data, std::size_t(bytes.size()));
    else
        FuzzTargets::inspectLog(data, std::size_t(bytes.size()));
}

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
