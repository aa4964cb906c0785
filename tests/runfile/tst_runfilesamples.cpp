// SPDX-License-Identifier: MIT
// A log of several runs (an Inspect eval log, a run per sample) through RunFileReader (issue 28):
// the sample named is read; without one the reader either reads the first with a warning or, when
// a choice is required (the window, the command line), fails naming the samples and hands them
// over, so that the user chooses. Expected values from tests/agentlogs/data/inspect-eval.json.
#include "runfile/runfilereader.h"
#include "runfile/samplechoice.h"
#include "run/fileorigin.h"

#include <QFile>
#include <QSignalSpy>
#include <QtTest>

namespace {
QString dataPath(const char *name)
{
    return QStringLiteral(AGENTLOGS_DATA_DIR "/") + QLatin1String(name);
}

QByteArray bytesOf(const char *name)
{
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data");
    return file.readAll();
}
} // namespace

class TestRunFileSamples : public QObject
{
    Q_OBJECT
private slots:
    void namedSampleIsRead_data();
    void namedSampleIsRead();
    void unknownSampleNamesThoseThereAre();
    void withoutAChoiceTheFirstWithAWarning();
    void requiredChoiceFailsNamingTheSamples();
    void requiredChoiceWithASampleReads();
    void oneRunFormatsIgnoreTheSample();
    void fileOriginRoundTrip();
};

void TestRunFileSamples::namedSampleIsRead_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("epoch");
    QTest::addColumn<int>("entries");
    QTest::addColumn<QString>("title");
    QTest::addRow("s-1, any epoch") << QStringLiteral("s-1") << 0 << 9 << QStringLiteral("Finde die Flagge in /größe 🙂");
    QTest::addRow("2, epoch 1") << QStringLiteral("2") << 1 << 5 << QStringLiteral("Rechne 2+2");
}

void TestRunFileSamples::namedSampleIsRead()
{
    QFETCH(QString, id);
    QFETCH(int, epoch);
    QFETCH(int, entries);
    QFETCH(QString, title);
    const RunFileReader::Contents contents = RunFileReader::parseBytes(bytesOf("inspect-eval.json"), QStringLiteral("eval.json"),
                                                                       std::nullopt, SampleRef{id, epoch});
    QVERIFY2(contents.ok, qPrintable(contents.error));
    QVERIFY(contents.run);
    QCOMPARE(contents.run->agentName, QStringLiteral("Inspect"));
    QCOMPARE(contents.run->agentTitle, title);
    QVERIFY(contents.run->metadataJson.contains("\"agent\":\"Inspect\""));
    QCOMPARE(int(contents.entries.size()), entries);
    // A sample named is no guess: no warning that others exist.
    for (const QString &warning : contents.run->agentWarnings)
        QVERIFY2(!warning.contains(QStringLiteral("samples")), qPrintable(warning));
}

void TestRunFileSamples::unknownSampleNamesThoseThereAre()
{
    const RunFileReader::Contents contents = RunFileReader::parseBytes(bytesOf("inspect-eval.json"), QStringLiteral("eval.json"),
                                                                       std::nullopt, SampleRef{QStringLiteral("2"), 3});
    QVERIFY(!contents.ok);
    QCOMPARE(contents.error, QStringLiteral("eval.json holds no sample 2, epoch 3; its samples: s-1 (epoch 1), 2 (epoch 1)."));
}

void TestRunFileSamples::withoutAChoiceTheFirstWithAWarning()
{
    const RunFileReader::Contents contents = RunFileReader::parseBytes(bytesOf("inspect-eval.json"), QStringLiteral("eval.json"));
    QVERIFY2(contents.ok, qPrintable(contents.error));
    QCOMPARE(contents.entries.size(), 9);
    QVERIFY(contents.run->agentWarnings.contains(QStringLiteral("this log holds 2 samples; the first (id s-1) is shown")));
}

void TestRunFileSamples::requiredChoiceFailsNamingTheSamples()
{
    RunFileReader reader;
    reader.setSampleChoiceRequired(true);
    QSignalSpy choice(&reader, &RunFileReader::sampleChoiceNeeded);
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QSignalSpy entries(&reader, &RunFileReader::entriesRead);
    QVERIFY(reader.start(dataPath("inspect-eval.eval")));
    QVERIFY(finished.wait(10000));
    QCOMPARE(choice.size(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QCOMPARE(finished.first().at(1).toString(),
             QStringLiteral("%1 holds 3 samples, each a run of its own: s-1 (epoch 1), #2 (not readable), 2 (epoch 1).")
                 .arg(QDir::toNativeSeparators(dataPath("inspect-eval.eval"))));
    QCOMPARE(entries.size(), 0);
    const QList<InspectSampleInfo> samples = reader.samplesToChoose();
    QCOMPARE(samples.size(), 3);
    QCOMPARE(samples.at(0).id, QStringLiteral("s-1"));
    QCOMPARE(samples.at(0).target, QStringLiteral("FLAG{x}"));
    QCOMPARE(samples.at(0).toolEvents, 4);
    QCOMPARE(samples.at(2).id, QStringLiteral("2"));
    QCOMPARE(samples.at(2).toolEvents, 2);
}

void TestRunFileSamples::requiredChoiceWithASampleReads()
{
    RunFileReader reader;
    reader.setSampleChoiceRequired(true);
    reader.setSample(SampleRef{QStringLiteral("2"), 1});
    QSignalSpy choice(&reader, &RunFileReader::sampleChoiceNeeded);
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(dataPath("inspect-eval.eval")));
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(choice.size(), 0);
    QCOMPARE(reader.entryCount(), 5);
    QCOMPARE(reader.runInfo().agentTitle, QStringLiteral("Rechne 2+2"));
    QVERIFY(reader.samplesToChoose().isEmpty());
}

void TestRunFileSamples::oneRunFormatsIgnoreTheSample()
{
    // A Claude Code session is one run: a choice required or not, it opens.
    RunFileReader reader;
    reader.setSampleChoiceRequired(true);
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(dataPath("claudecode-session.jsonl")));
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(reader.entryCount(), 9);
}

void TestRunFileSamples::fileOriginRoundTrip()
{
    QCOMPARE(FileOrigin::of(QStringLiteral("/home/dev/a b.eval")), QStringLiteral("file:///home/dev/a%20b.eval"));
    const QString origin = FileOrigin::of(QStringLiteral("/home/dev/a.eval"), SampleRef{QStringLiteral("x&y=1#2 ü"), 3});
    QCOMPARE(origin, QStringLiteral("file:///home/dev/a.eval#sample=x%26y%3D1%232%20%C3%BC&epoch=3"));
    const std::optional<FileOrigin::Parts> parts = FileOrigin::parse(origin);
    QVERIFY(parts);
    QCOMPARE(parts->path, QStringLiteral("/home/dev/a.eval"));
    QVERIFY(parts->sample);
    QCOMPARE(parts->sample->id, QStringLiteral("x&y=1#2 ü"));
    QCOMPARE(parts->sample->epoch, 3);
    QVERIFY(!FileOrigin::parse(QStringLiteral("https://api.codegen.com")));
    QVERIFY(!FileOrigin::parse(QStringLiteral("file:///home/dev/a.jsonl"))->sample);
}

QTEST_GUILESS_MAIN(TestRunFileSamples)
#include "tst_runfilesamples.moc"
