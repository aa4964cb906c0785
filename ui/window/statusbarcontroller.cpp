// SPDX-License-Identifier: MIT
#include "ui/window/statusbarcontroller.h"

#include "ui/common/plainlabel.h"
#include "session/runsession.h"

#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <QTimer>

StatusBarController::StatusBarController(RunSession *session, QStatusBar *bar)
    : QObject(bar)
    , m_session(session)
    , m_paceLabel(new PlainLabel(bar))
    , m_countLabel(new PlainLabel(bar))
    , m_timer(new QTimer(this))
{
    m_paceLabel->setStyleSheet(QStringLiteral("color: gray"));
    bar->addPermanentWidget(m_paceLabel);
    bar->addPermanentWidget(m_countLabel);
    m_timer->setInterval(500);
    connect(m_timer, &QTimer::timeout, this, &StatusBarController::updatePace);
    m_timer->start();
    connect(session, &RunSession::progressChanged, this, &StatusBarController::updateCount);
    connect(session, &RunSession::reset, this, &StatusBarController::refresh);
    connect(session, &RunSession::followingChanged, this, &StatusBarController::updatePace);
}

void StatusBarController::refresh()
{
    updatePace();
    updateCount();
}

void StatusBarController::updatePace()
{
    const std::optional<PaceState> pace = m_session->paceState();
    if (!pace) {
        m_paceLabel->clear();
        return;
    }
    const qint64 wait = pace->msUntilNextRequest;
    const qint64 nextCheck = pace->msUntilNextCheck;
    const QString budget = pace->queued > 0 && wait > 500
        ? tr("Rate limit: next request in %1 s").arg((wait + 999) / 1000)
        : tr("%1 of %2 requests used in the last %3 s").arg(pace->usedInWindow).arg(pace->maxRequests).arg(pace->windowMs / 1000);
    m_paceLabel->setText(nextCheck >= 0 ? tr("Following live · next check in %1 s · %2").arg((nextCheck + 999) / 1000).arg(budget)
                                        : budget);
}

void StatusBarController::updateCount()
{
    const QLocale locale;
    const RunProgress progress = m_session->progress();
    switch (m_session->kind()) {
    case RunSession::Kind::None:
        m_countLabel->clear();
        break;
    case RunSession::Kind::File:
        m_countLabel->setText(progress.loaded == 1 ? tr("1 entry") : tr("%1 entries").arg(locale.toString(progress.loaded)));
        break;
    case RunSession::Kind::Api:
        m_countLabel->setText(!m_session->hasRunInfo()
                                  ? QString()
                                  : tr("%1 of %2%3 loaded")
                                        .arg(locale.toString(progress.loaded), locale.toString(progress.known),
                                             progress.endKnown ? QString() : QStringLiteral("+")));
        break;
    }
}
