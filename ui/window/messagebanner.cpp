// SPDX-License-Identifier: MIT
#include "ui/window/messagebanner.h"

#include "ui/common/palette.h"
#include "ui/common/plainlabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new PlainLabel(this))
    , m_retry(new QPushButton(tr("&Retry"), this))
    , m_anotherToken(new QPushButton(tr("Use &Another Token…"), this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setToolTip(tr("Try again (F5)"));
    m_anotherToken->setObjectName(QStringLiteral("anotherTokenButton"));
    m_anotherToken->setToolTip(tr("Open the same run with another API token"));
    m_anotherToken->hide();
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss the message"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    layout->addWidget(m_anotherToken);
    layout->addWidget(m_close);
    connect(m_retry, &QPushButton::clicked, this, &MessageBanner::retryRequested);
    connect(m_anotherToken, &QPushButton::clicked, this, &MessageBanner::anotherTokenRequested);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString &text, bool offerRetry)
{
    const QColor background = kind == Kind::Error ? RunlogPalette::errorBackground()
        : kind == Kind::Warning                   ? RunlogPalette::warningBackground()
                                                  : QColor(0xe8, 0xf0, 0xfc);
    const QColor border = kind == Kind::Error ? QColor(0xe0, 0xa0, 0xa0)
        : kind == Kind::Warning               ? QColor(0xe6, 0xc8, 0x80)
                                              : QColor(0xa8, 0xc0, 0xe8);
    setStyleSheet(QStringLiteral("#messageBanner { background: %1; border: 1px solid %2; border-radius: 4px; }"
                                 " #messageBanner QLabel { color: #202020; }")
                      .arg(background.name(), border.name()));
    m_text->setText(text);
    m_retry->setVisible(offerRetry);
    m_anotherToken->hide();
    show();
}

void MessageBanner::showTokenRefused(const QString &text)
{
    showMessage(Kind::Error, text, false);
    m_anotherToken->show();
}

QString MessageBanner::text() const
{
    return isVisible() ? m_text->text() : QString();
}

bool MessageBanner::retryOffered() const
{
    return isVisible() && m_retry->isVisible();
}

bool MessageBanner::anotherTokenOffered() const
{
    return isVisible() && m_anotherToken->isVisible();
}
