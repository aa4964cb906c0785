// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/inspectlog.h"
#include "export/runsnapshot.h"
#include "run/apiendpoint.h"
#include "run/runref.h"
#include "run/sampleref.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class WholeRunLoad;
struct WholeRunProgress;

// One side of a comparison as the user named it: a file, or a run of the API.
struct CompareSideSource
{
    QString given;             // as written: shown as the side's description until it is loaded
    std::optional<RunRef> run; // none: `given` is a file path
    std::optional<SampleRef> sample; // the sample of a log of several (an Inspect eval log)
};

// How a side is named: as written, and the sample of a log of several ("x.eval (sample 2)").
QString compareSideName(const CompareSideSource &source);

// Loads the two sides of a comparison whole, one after the other (WholeRunLoad: a file read in
// place; an API run from the library or fetched, paced): progress as a sentence, then both
// snapshots, or the first failure naming its side.
class CompareSourcesLoad : public QObject
{
    Q_OBJECT
public:
    CompareSourcesLoad(const ApiEndpoint &endpoint, const CompareSideSource &left, const CompareSideSource &right,
                       QObject *parent = nullptr);
    ~CompareSourcesLoad() override;

    void start();

    const CompareSideSource &source(int side) const { return m_sources[side]; }
    // Reads a side again with the sample chosen (after sampleChoiceNeeded()), and goes on.
    void loadSample(int side, const SampleRef &sample);

signals:
    void progress(const QString &text);
    void loaded(const RunSnapshot &left, const RunSnapshot &right);
    void failed(const QString &text);
    // A side is a log of several runs (an Inspect eval log) and names none: which one? Nothing
    // goes on until loadSample(); `failure` is what to say when none is chosen.
    void sampleChoiceNeeded(int side, const QString &file, const QList<InspectSampleInfo> &samples, const QString &failure);

private:
    void loadSide(int side);
    void onProgress(const WholeRunProgress &progress);
    void onLoaded(const RunSnapshot &snapshot);

    ApiEndpoint m_endpoint;
    CompareSideSource m_sources[2];
    RunSnapshot m_snapshots[2];
    std::unique_ptr<WholeRunLoad> m_load;
    int m_side = 0;
};
