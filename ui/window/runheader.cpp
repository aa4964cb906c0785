// SPDX-License-Identifier: MIT
#include "ui/window/runheader.h"

#include "ui/common/elidedlabel.h"
#include "ui/common/externallink.h"
#include "json/jsontext.h"
#include "run/keyfieldsummary.h"
#include "ui/detail/markdownview.h"
#include "run/logentry.h"
#include "run/runstatus.h"
#include "run/timestamps.h"
#include "rows/metadataformatter.h"
#include "ui/common/palette.h"
#include "ui/common/plainlabel.h"
#include "ui/common/plaintext.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayoutItem>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTextDocument>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace {
QLabel *makeLabel(QWidget *parent, bool selectable = true)
{
    auto *label = new PlainLabel(parent);
    if (selectable)
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

// Outside text has no length limit: the header's pieces are cut to a width so that a long
// status or address never pushes the rest out of the window.
constexpr int kMaxStatusWidth = 280;
constexpr int kMaxCreatedWidth = 420;
constexpr int kMaxLinkWidth = 560;
constexpr int kMaxSourceWidth = 900;

QString elided(const QLabel *label, const QString &text, int width, bool bold = false, Qt::TextElideMode mode = Qt::ElideRight)
{
    QFont font = label->font();
    font.setBold(bold || font.bold());
    return QFontMetrics(font).elidedText(text, mode, width);
}

QString formatDuration(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return QCoreApplication::translate("RunHeader", "%1 s").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("RunHeader", "%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("RunHeader", "%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}
} // namespace

RunHeader::RunHeader(QWidget *parent)
    : QWidget(parent)
    , m_title(makeLabel(this))
    , m_organization(makeLabel(this))
    , m_status(makeLabel(this, false))
    , m_created(new ElidedLabel(this))
    , m_duration(makeLabel(this))
    , m_result(new ElidedLabel(this))
    , m_link(makeLabel(this, false))
    , m_metadata(new ElidedLabel(this))
    , m_firstFailure(new ElidedLabel(this))
    , m_firstFailureGo(new QToolButton(this))
    , m_firstFailureRow(new QWidget(this))
    , m_metadataToggle(new QToolButton(this))
    , m_details(new QWidget(this))
    , m_resultFull(new MarkdownView(m_details))
    , m_metadataFull(new QPlainTextEdit(m_details))
    , m_progressText(makeLabel(this, false))
    , m_filterText(makeLabel(this, false))
    , m_progress(new QProgressBar(this))
    , m_metadataFormatter(new MetadataFormatter(this))
    , m_firstMsecs(LogEntry::kNoTime)
    , m_lastMsecs(LogEntry::kNoTime)
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_organization->setStyleSheet(QStringLiteral("color: gray"));

    m_status->setAlignment(Qt::AlignCenter);
    m_status->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    // The one label with markup, all of it ours: the run's page as a link (PlainText::link
    // escapes it and links only http/https), or where the run comes from, escaped. A click opens
    // it as every outside link is opened, not by QLabel's own rule.
    m_link->setTextFormat(Qt::RichText);
    m_link->setOpenExternalLinks(false);
    connect(m_link, &QLabel::linkActivated, this, [](const QString &link) { ExternalLink::open(QUrl(link)); });
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    // A long address must not set the window's minimum width.
    m_link->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_link->setMinimumWidth(40);
    // Cut with "…" to the room it has (the tooltip holds it whole), not where the label ends.
    m_link->installEventFilter(this);
    // The created time gives way first where the top line is narrow: shortened to the time alone,
    // whole in its tooltip.
    m_created->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_metadataToggle->setText(tr("Details"));
    m_metadataToggle->setCheckable(true);
    m_metadataToggle->setAutoRaise(true);
    m_metadataToggle->setToolTip(tr("Show the run's result and metadata in full"));
    m_metadataToggle->setAccessibleName(tr("Run details"));
    m_resultFull->setAccessibleName(tr("Run result"));
    m_metadataFull->setAccessibleName(tr("Run metadata"));
    m_resultFull->setMinimumHeight(60);
    m_metadataFull->setReadOnly(true);
    m_metadataFull->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_metadataFull->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *detailsLayout = new QHBoxLayout(m_details);
    detailsLayout->setContentsMargins(0, 2, 0, 0);
    detailsLayout->addWidget(m_resultFull, 3);
    detailsLayout->addWidget(m_metadataFull, 2);
    m_details->setMaximumHeight(240);
    m_details->hide();
    connect(m_metadataToggle, &QToolButton::toggled, m_details, &QWidget::setVisible);
    connect(m_metadataFormatter, &MetadataFormatter::formatted, this, &RunHeader::showFormattedMetadata);

    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->setMaximumWidth(220);
    // Showing and hiding the bar must not move what is below the header.
    QSizePolicy keepSpace = m_progress->sizePolicy();
    keepSpace.setRetainSizeWhenHidden(true);
    m_progress->setSizePolicy(keepSpace);
    m_progressText->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Elided to the window's width, whatever their length (they get the width that is left).
    for (QLabel *wide : {m_result, m_metadata})
        wide->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *topRow = new QHBoxLayout;
    m_topRow = topRow;
    topRow->addWidget(m_title, 0, Qt::AlignVCenter);
    topRow->addWidget(m_organization, 0, Qt::AlignVCenter);
    topRow->addWidget(m_status, 0, Qt::AlignVCenter);
    topRow->addSpacing(12);
    topRow->addWidget(m_created, 2);
    topRow->addSpacing(12);
    topRow->addWidget(m_duration);
    topRow->addStretch(1);
    auto *progressBox = new QVBoxLayout;
    progressBox->setSpacing(2);
    // The filter's count sits on the line of the loaded count: it appears and goes without
    // moving anything below the header.
    m_filterText->setTextFormat(Qt::RichText); // our own words and numbers, and the Load All link
    // Where the line is narrow (800 x 500 with the Statistics dock) the count wraps rather than
    // being cut: it holds links that eliding would break.
    m_filterText->setWordWrap(true);
    m_filterText->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_filterText->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_filterText, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("clear-filters"))
            emit clearFiltersRequested();
        else
            emit loadAllRequested();
    });
    m_filterText->hide();
    auto *countsRow = new QHBoxLayout;
    countsRow->setSpacing(10);
    countsRow->addWidget(m_filterText);
    countsRow->addWidget(m_progressText);
    progressBox->addLayout(countsRow);
    progressBox->addWidget(m_progress, 0, Qt::AlignRight);
    topRow->addLayout(progressBox);

    auto *metadataRow = new QHBoxLayout;
    metadataRow->addWidget(m_link, 1);
    metadataRow->addSpacing(16);
    metadataRow->addWidget(m_metadata, 3);
    metadataRow->addWidget(m_metadataToggle);

    // The first failure: the line a user looks for first in a run that went wrong.
    m_firstFailure->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_firstFailureGo->setText(tr("Go to It"));
    m_firstFailureGo->setAutoRaise(true);
    m_firstFailureGo->setToolTip(tr("Select the first failure in the table (Ctrl+Shift+E)"));
    m_firstFailureGo->setAccessibleName(tr("Go to the first failure"));
    connect(m_firstFailureGo, &QToolButton::clicked, this, &RunHeader::firstFailureRequested);
    auto *failureRow = new QHBoxLayout(m_firstFailureRow);
    failureRow->setContentsMargins(0, 0, 0, 0);
    failureRow->addWidget(m_firstFailure, 1);
    failureRow->addWidget(m_firstFailureGo);
    m_firstFailureRow->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 6);
    layout->setSpacing(4);
    layout->addLayout(topRow);
    layout->addWidget(m_result);
    layout->addWidget(m_firstFailureRow);
    layout->addLayout(metadataRow);
    layout->addWidget(m_details);
    clear();
}

void RunHeader::clear()
{
    m_title->clear();
    m_organization->clear();
    m_status->hide();
    m_created->setFullText(QString());
    m_duration->clear();
    m_result->hide();
    setLinkText(QString(), QString());
    setMetadataLine(QString());
    m_metadataToggle->hide();
    m_metadataToggle->setChecked(false);
    m_metadataFull->clear();
    m_resultFull->clear();
    m_resultShown.clear();
    m_metadataFormatter->clear();
    m_progressText->clear();
    m_progress->hide();
    setFirstFailure(0, QString());
    m_firstMsecs = m_lastMsecs = LogEntry::kNoTime;
}

void RunHeader::setFirstFailure(int entry, const QString &what)
{
    if (entry <= 0) {
        m_firstFailure->setFullText(QString());
        m_firstFailureRow->hide();
        return;
    }
    QString text = tr("First failure at #%1").arg(QLocale().toString(entry));
    if (!what.isEmpty())
        text += QStringLiteral(" · ") + what;
    m_firstFailure->setFullText(text);
    QPalette palette = m_firstFailure->palette();
    palette.setColor(QPalette::WindowText, RunlogPalette::errorText(RunlogPalette::isDark(palette)));
    m_firstFailure->setPalette(palette);
    m_firstFailureRow->show();
}

QString RunHeader::firstFailureText() const
{
    return m_firstFailureRow->isHidden() ? QString() : m_firstFailure->fullText();
}

void RunHeader::setSourceDescription(const QString &text)
{
    // A file's path, a host: text in the label of the link (rich text), so escaped.
    setLinkText(text, QString());
}

void RunHeader::setFilterCounts(bool filtering, int shown, int loaded, int total, bool totalKnown, bool loadingAll,
                                const QString &onlyEntries)
{
    if (!filtering) {
        m_filterText->clear();
        m_filterText->hide();
        return;
    }
    const QLocale locale;
    QString text;
    if (loaded >= total && totalKnown)
        text = tr("Showing %1 of %2").arg(locale.toString(shown), locale.toString(total));
    else if (totalKnown)
        text = tr("Showing %1 in the %2 loaded of %3").arg(locale.toString(shown), locale.toString(loaded), locale.toString(total));
    else
        text = tr("Showing %1 in the %2 loaded so far").arg(locale.toString(shown), locale.toString(loaded));
    const bool partial = loaded < total || !totalKnown;
    QString html = QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped());
    if (partial && !loadingAll)
        html += QStringLiteral(" · <a href=\"load-all\">%1</a>").arg(tr("Load all").toHtmlEscaped());
    if (!onlyEntries.isEmpty()) {
        html += QStringLiteral(" · %1 · <a href=\"clear-filters\">%2</a>")
                    .arg(tr("Only: %1").arg(onlyEntries).toHtmlEscaped(), tr("Clear").toHtmlEscaped());
    }
    m_filterText->setText(html);
    // A word-wrapped label asks for about half its width (QLabel's rule), which wrapped the count
    // where a line had room: ask for the whole line up to a share of the header.
    QFont bold = m_filterText->font();
    bold.setBold(true);
    QTextDocument plain;
    plain.setHtml(html);
    m_filterTextWidth = QFontMetrics(bold).horizontalAdvance(plain.toPlainText()) + 8;
    fitFilterText();
    m_filterText->setToolTip(partial ? tr("The filter counts only the entries loaded so far") : QString());
    m_filterText->show();
}

QString RunHeader::filterText() const
{
    if (m_filterText->isHidden())
        return {};
    QTextDocument plain;
    plain.setHtml(m_filterText->text());
    return plain.toPlainText();
}

void RunHeader::setLiveWidget(QWidget *widget)
{
    widget->setParent(this);
    m_topRow->insertWidget(2, widget, 0, Qt::AlignVCenter);
}

void RunHeader::setShowingDetails(bool show)
{
    m_metadataToggle->setChecked(show);
}

QString RunHeader::resultText() const
{
    return m_result->isVisible() || !m_result->fullText().isEmpty() ? m_result->fullText() : QString();
}

void RunHeader::setTitle(const QString &title)
{
    m_title->setText(title);
    m_organization->clear();
}

QString RunHeader::statusText() const
{
    return m_status->isHidden() ? QString() : m_statusText;
}

void RunHeader::setRunInfo(const RunInfo &info)
{
    if (info.agentName.isEmpty()) {
        m_title->setText(tr("Run %1").arg(info.id));
        m_organization->setText(tr("organization %1").arg(info.organizationId));
        m_title->setToolTip(QString());
    } else {
        // Another agent's log: named by its agent and its title; no organization. Without times
        // (SWE-agent) the header says so, and the timeline counts entries instead.
        const QString title = info.agentTitle.isEmpty() ? tr("%1 session").arg(info.agentName)
                                                        : tr("%1 session: %2").arg(info.agentName, info.agentTitle);
        constexpr qsizetype kMaxTitleChars = 90; // a long first request must not widen the window
        m_title->setText(title.size() > kMaxTitleChars ? title.left(kMaxTitleChars - 1) + QChar(0x2026) : title);
        m_title->setToolTip(PlainText::toolTip(title));
        m_organization->setText(info.hasTimes ? QString() : tr("no times"));
    }

    if (info.status && !info.status->isEmpty()) {
        const QColor colour = RunlogPalette::forPhase(runPhaseOf(*info.status));
        const QString status = info.status->toUpper();
        m_statusText = status;
        const QString shown = elided(m_status, status, kMaxStatusWidth, true);
        const QString phase = runPhaseOf(*info.status) == RunPhase::Running ? tr("The run is still going")
                                                                            : tr("The run has finished");
        m_status->setText(shown);
        m_status->setToolTip(shown == status ? phase : PlainText::toolTip(tr("%1\n%2").arg(status, phase)));
        m_status->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 9px;"
                                               " padding: 2px 10px; font-weight: bold; }")
                                    .arg(colour.name()));
        m_status->show();
    } else {
        m_status->hide();
    }

    if (info.createdAt) {
        const qint64 created = Timestamps::parseUtcMsecs(*info.createdAt);
        if (created == LogEntry::kNoTime) {
            m_created->setFullText(elided(m_created, tr("Created %1").arg(*info.createdAt), kMaxCreatedWidth));
            m_created->setMinimumWidth(0);
        } else {
            const QString local = Timestamps::formatLocal(created, Timestamps::LocalStyle::DateAndTime);
            // Where the top line is narrow the time goes without its label and seconds
            // ("2025-06-21 12:06"), then the date alone, never less: it used to shrink to nothing.
            const QString date = local.left(10);
            m_created->setFullText(tr("Created %1").arg(local), {local.left(16), date});
            m_created->setMinimumWidth(m_created->fontMetrics().horizontalAdvance(date) + 4);
        }
    } else {
        m_created->setFullText(QString());
        m_created->setMinimumWidth(0);
    }

    // Every page repeats the run's fields: what is read here is bounded, whatever their size, and
    // the rendered result is only rebuilt when it changed.
    const bool hasResult = info.result && !info.result->trimmed().isEmpty();
    if (hasResult) {
        // One line of text here (the Markdown's text, not its marks); the whole result, rendered
        // and selectable, under Details.
        m_result->setFullText(tr("Result: %1").arg(MarkdownView::firstPlainLine(info.result->left(4096))));
        m_result->setToolTip(tr("Details shows the whole result"));
        if (*info.result != m_resultShown) {
            m_resultShown = *info.result;
            m_resultFull->setMarkdownText(m_resultShown);
        }
        m_result->show();
    } else {
        m_result->hide();
        m_resultFull->clear();
        m_resultShown.clear();
    }
    m_resultFull->setVisible(hasResult);

    if (info.webUrl && !info.webUrl->isEmpty()) {
        setLinkText(*info.webUrl, *info.webUrl);
    } else if (info.agentName.isEmpty()) {
        setLinkText(QString(), QString());
    } // another agent's log keeps its source (the format and the file) on that line

    const bool hasMetadata = !info.metadataJson.isEmpty() && info.metadataJson != "{}";
    // Formatted on a worker, once per distinct metadata (the same object comes with every page);
    // showFormattedMetadata() puts it in when it is ready.
    m_metadataFormatter->setMetadata(hasMetadata ? info.metadataJson : QByteArray());
    if (!hasMetadata) {
        setMetadataLine(QString());
        m_metadataFull->clear();
    }
    m_metadataFull->setVisible(hasMetadata);
    m_metadataToggle->setVisible(hasMetadata || hasResult);
}

void RunHeader::setMetadataLine(const QString &text)
{
    m_metadata->setFullText(text);
    // Without metadata the source line (a long path) has the whole row, not a quarter of it.
    m_metadata->setVisible(!text.isEmpty());
}

void RunHeader::showFormattedMetadata()
{
    const MetadataFormatter::Text &text = m_metadataFormatter->text();
    if (text.oneLine.isEmpty()) {
        setMetadataLine(QString());
        m_metadataFull->clear();
        return;
    }
    setMetadataLine(tr("Metadata: %1").arg(text.oneLine));
    m_metadataFull->setPlainText(text.full);
}

void RunHeader::setProgress(int loaded, int known, bool endKnown, bool busy)
{
    const QLocale locale;
    if (known == 0 && !endKnown && !busy) {
        m_progressText->clear(); // nothing known yet (the run could not be opened)
    } else if (known == 0 && !endKnown) {
        m_progressText->setText(tr("Loading…"));
    } else if (known == 0 && endKnown) {
        m_progressText->setText(tr("No entries"));
    } else if (endKnown) {
        m_progressText->setText(loaded == known ? (known == 1 ? tr("1 entry") : tr("%1 entries").arg(locale.toString(known)))
                                                : tr("Loaded %1 of %2").arg(locale.toString(loaded), locale.toString(known)));
    } else {
        m_progressText->setText(tr("Loaded %1 of %2+").arg(locale.toString(loaded), locale.toString(known)));
    }
    const bool showBar = busy || (endKnown && loaded < known);
    m_progress->setVisible(showBar);
    if (showBar) {
        if (!endKnown || known == 0) {
            m_progress->setRange(0, 0); // busy, size unknown
        } else {
            m_progress->setRange(0, known);
            m_progress->setValue(loaded);
        }
    }
}

void RunHeader::setTimeSpan(qint64 firstMsecs, qint64 lastMsecs)
{
    m_firstMsecs = firstMsecs;
    m_lastMsecs = lastMsecs;
    updateDuration();
}

void RunHeader::updateDuration()
{
    if (m_firstMsecs == LogEntry::kNoTime || m_lastMsecs == LogEntry::kNoTime || m_lastMsecs < m_firstMsecs) {
        m_duration->clear();
        return;
    }
    m_duration->setText(tr("Duration %1").arg(formatDuration(m_lastMsecs - m_firstMsecs)));
    m_duration->setToolTip(tr("From the first entry to the last one loaded"));
}

void RunHeader::setLinkText(const QString &text, const QString &url)
{
    m_linkText = text;
    m_linkUrl = url;
    updateLinkElision();
}

void RunHeader::updateLinkElision()
{
    if (m_linkText.isEmpty()) {
        m_link->clear();
        m_link->setToolTip(QString());
        return;
    }
    // Cut to the label's width (never wider than a long address may take), a few pixels short
    // of it: rich text is laid out with a margin of its own.
    const int room = std::min(m_link->width() - 6, m_linkUrl.isEmpty() ? kMaxSourceWidth : kMaxLinkWidth);
    // Cut in the middle: a path keeps its file name, an address its run.
    const QString shown = elided(m_link, m_linkText, std::max(0, room), false, Qt::ElideMiddle);
    // A file's path, a host: text in the label of the link (rich text), so escaped; a run's page
    // as a link (PlainText::link escapes it and links only http/https).
    m_link->setText(m_linkUrl.isEmpty() ? shown.toHtmlEscaped() : PlainText::link(m_linkUrl, shown));
    m_link->setToolTip(shown == m_linkText && m_linkUrl.isEmpty() ? QString() : PlainText::toolTip(m_linkText));
}

void RunHeader::fitFilterText()
{
    // The room the top line leaves beside its other pieces at their preferred widths (the
    // created time at its narrowest: it elides).
    int used = m_created->minimumWidth() + m_progressText->sizeHint().width() + 24;
    for (int i = 0; i < m_topRow->count(); ++i) {
        QLayoutItem *item = m_topRow->itemAt(i);
        if (QWidget *widget = item->widget(); widget && widget != m_created && !widget->isHidden())
            used += item->sizeHint().width() + m_topRow->spacing();
        else if (item->spacerItem())
            used += item->sizeHint().width();
    }
    const int room = contentsRect().width() - layout()->contentsMargins().left() - layout()->contentsMargins().right() - used;
    const int narrowest = std::min(m_filterTextWidth, fontMetrics().horizontalAdvance(QStringLiteral("Showing 99,999")));
    const int minimum = std::clamp(room, narrowest, m_filterTextWidth);
    if (minimum == m_filterText->minimumWidth())
        return;
    m_filterText->setMinimumWidth(minimum);
    // QLabel reckons its minimum size hint from its minimum width and keeps it until its text or
    // layout changes: without this the hint kept a wider minimum of before (seen when the
    // Statistics dock opened after the count was shown), and whoever asked was told wrong.
    m_filterText->setIndent(m_filterText->indent());
}

void RunHeader::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitFilterText();
}

bool RunHeader::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_link && event->type() == QEvent::Resize)
        updateLinkElision();
    return QWidget::eventFilter(watched, event);
}
