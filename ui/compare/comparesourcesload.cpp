// SPDX-License-Identifier: MIT
#include "ui/compare/comparesourcesload.h"

#include "session/wholerunload.h"

#include <QLocale>
#include <QTimer>

QString compareSideName(const CompareSideSource &source)
{
    return source.sample ? QStringLiteral("%1 (%2)").arg(source.given, sampleText(*source.sample)) : source.given;
}

CompareSourcesLoad::CompareSourcesLoad(const ApiEndpoint &endpoint, const CompareSideSource &left,
                                       const CompareSideSource &right, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_sources{left, right}
{
}

CompareSourcesLoad::~CompareSourcesLoad() = default;

void CompareSourcesLoad::start()
{
    loadSide(0);
}

void CompareSourcesLoad::loadSide(int side)
{
    m_side = side;
    if (m_load)
        m_load->disconnect(this);
    m_load = std::make_unique<WholeRunLoad>();
    connect(m_load.get(), &WholeRunLoad::progressChanged, this, &CompareSourcesLoad::onProgress);
    connect(m_load.get(), &WholeRunLoad::finished, this, &CompareSourcesLoad::onLoaded);
    connect(m_load.get(), &WholeRunLoad::failed, this, [this](const QString &error) {
        const QString &given = m_sources[m_side].given;
        const QString failure = m_side == 0 ? tr("The left run (%1) could not be loaded: %2").arg(given, error)
                                            : tr("The right run (%1) could not be loaded: %2").arg(given, error);
        if (m_load->needsSampleChoice())
            emit sampleChoiceNeeded(m_side, given, m_load->samplesToChoose(), failure);
        else
            emit failed(failure);
    });
    const CompareSideSource &source = m_sources[side];
    emit progress(side == 0 ? tr("Loading the left run (%1)…").arg(source.given)
                            : tr("Loading the right run (%1)…").arg(source.given));
    if (source.run)
        m_load->loadApi(m_endpoint, *source.run);
    else
        m_load->loadFile(source.given, source.sample);
}

void CompareSourcesLoad::loadSample(int side, const SampleRef &sample)
{
    m_sources[side].sample = sample;
    loadSide(side);
}

void CompareSourcesLoad::onProgress(const WholeRunProgress &progress)
{
    const QString count = QLocale().toString(progress.entries);
    const QString &given = m_sources[m_side].given;
    emit this->progress(m_side == 0 ? tr("Loading the left run (%1): %2 entries…").arg(given, count)
                                    : tr("Loading the right run (%1): %2 entries…").arg(given, count));
}

void CompareSourcesLoad::onLoaded(const RunSnapshot &snapshot)
{
    m_snapshots[m_side] = snapshot;
    // The load that emitted this is still on the stack: the next one (or the end) comes after it.
    QTimer::singleShot(0, this, [this] {
        if (m_side == 0)
            loadSide(1);
        else
            emit loaded(m_snapshots[0], m_snapshots[1]);
    });
}
