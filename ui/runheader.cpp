#include "runheader.h"

#include "model/logentry.h"
#include "model/metadataformatter.h"
#include "model/runstatus.h"
#include "model/timestamps.h"
#include "palette.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
QLabel *makeLabel(QWidget *parent, bool selectable = true)
{
    auto *label = new QLabel(parent);
    if (selectable)
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
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
    , m_status(makeLabel(this, false))
    , m_created(makeLabel(this))
    , m_duration(makeLabel(this))
    , m_result(makeLabel(this))
    , m_link(makeLabel(this, false))
    , m_metadata(makeLabel(this))
    , m_metadataToggle(new QToolButton(this))
    , m_metadataFull(new QPlainTextEdit(this))
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

    m_status->setAlignment(Qt::AlignCenter);
    m_status->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_link->setOpenExternalLinks(true);
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_result->setTextFormat(Qt::PlainText);
    m_metadata->setTextFormat(Qt::PlainText);
    m_metadataToggle->setText(tr("Details"));
    m_metadataToggle->setCheckable(true);
    m_metadataToggle->setAutoRaise(true);
    m_metadataToggle->setToolTip(tr("Show the run's metadata in full"));
    m_metadataFull->setReadOnly(true);
    m_metadataFull->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_metadataFull->setMaximumHeight(160);
    m_metadataFull->hide();
    connect(m_metadataToggle, &QToolButton::toggled, m_metadataFull, &QWidget::setVisible);
    connect(m_metadataFormatter, &MetadataFormatter::formatted, this, &RunHeader::showFormattedMetadata);

    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->setMaximumWidth(220);
    // Showing and hiding the bar must not move what is below the header.
    QSizePolicy keepSpace = m_progress->sizePolicy();
    keepSpace.setRetainSizeWhenHidden(true);
    m_progress->setSizePolicy(keepSpace);
    m_progressText->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *topRow = new QHBoxLayout;
    topRow->addWidget(m_title, 0, Qt::AlignVCenter);
    topRow->addWidget(m_status, 0, Qt::AlignVCenter);
    topRow->addSpacing(12);
    topRow->addWidget(m_created);
    topRow->addSpacing(12);
    topRow->addWidget(m_duration);
    topRow->addStretch(1);
    auto *progressBox = new QVBoxLayout;
    progressBox->setSpacing(2);
    m_filterText->setStyleSheet(QStringLiteral("color: #b06000; font-weight: bold"));
    m_filterText->hide();
    progressBox->addWidget(m_filterText, 0, Qt::AlignRight);
    progressBox->addWidget(m_progressText, 0, Qt::AlignRight);
    progressBox->addWidget(m_progress, 0, Qt::AlignRight);
    topRow->addLayout(progressBox);

    auto *metadataRow = new QHBoxLayout;
    metadataRow->addWidget(m_link);
    metadataRow->addSpacing(16);
    metadataRow->addWidget(m_metadata, 1);
    metadataRow->addWidget(m_metadataToggle);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 6);
    layout->setSpacing(4);
    layout->addLayout(topRow);
    layout->addWidget(m_result);
    layout->addLayout(metadataRow);
    layout->addWidget(m_metadataFull);
    clear();
}

void RunHeader::clear()
{
    m_title->clear();
    m_status->hide();
    m_created->clear();
    m_duration->clear();
    m_result->hide();
    m_link->clear();
    m_metadata->clear();
    m_metadataToggle->hide();
    m_metadataToggle->setChecked(false);
    m_metadataFull->clear();
    m_metadataFormatter->clear();
    m_progressText->clear();
    m_progress->hide();
    m_firstMsecs = m_lastMsecs = LogEntry::kNoTime;
}

void RunHeader::setSourceDescription(const QString &text)
{
    m_link->setText(text.toHtmlEscaped());
}

void RunHeader::setFilterText(const QString &text)
{
    m_filterText->setText(text);
    m_filterText->setVisible(!text.isEmpty());
}

QString RunHeader::filterText() const
{
    return m_filterText->isHidden() ? QString() : m_filterText->text();
}

void RunHeader::setTitle(const QString &title)
{
    m_title->setTextFormat(Qt::PlainText);
    m_title->setText(title);
}

QString RunHeader::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void RunHeader::setRunInfo(const RunInfo &info)
{
    m_title->setText(tr("Run %1").arg(info.id) + QStringLiteral("  ")
                     + QStringLiteral("<span style='font-weight:normal; font-size:small; color:gray'>%1</span>")
                           .arg(tr("organization %1").arg(info.organizationId)));
    m_title->setTextFormat(Qt::RichText);

    if (info.status && !info.status->isEmpty()) {
        const QColor colour = RunlogPalette::forPhase(runPhaseOf(*info.status));
        m_status->setText(info.status->toUpper());
        m_status->setToolTip(runPhaseOf(*info.status) == RunPhase::Running ? tr("The run is still going")
                                                                            : tr("The run has finished"));
        m_status->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 9px;"
                                               " padding: 2px 10px; font-weight: bold; }")
                                    .arg(colour.name()));
        m_status->show();
    } else {
        m_status->hide();
    }

    if (info.createdAt) {
        const qint64 created = Timestamps::parseUtcMsecs(*info.createdAt);
        m_created->setText(created == LogEntry::kNoTime
                               ? tr("Created %1").arg(*info.createdAt)
                               : tr("Created %1").arg(Timestamps::formatLocal(created, Timestamps::LocalStyle::DateAndTime)));
        m_created->setToolTip(*info.createdAt);
    } else {
        m_created->clear();
    }

    // Every page repeats the run's fields: what is read here is bounded, whatever their size.
    const QString resultHead = info.result ? info.result->left(4096).trimmed() : QString();
    if (!resultHead.isEmpty()) {
        // One line here; the start of the result is in the tooltip.
        const QString firstLine = resultHead.section(QLatin1Char('\n'), 0, 0).trimmed();
        const bool more = resultHead.contains(QLatin1Char('\n')) || info.result->size() > 4096;
        m_result->setText(m_result->fontMetrics().elidedText(
            tr("Result: %1").arg(firstLine) + (more ? QStringLiteral(" …") : QString()), Qt::ElideRight, 1400));
        m_result->setToolTip(info.result->left(4000));
        m_result->show();
    } else {
        m_result->hide();
    }

    if (info.webUrl && !info.webUrl->isEmpty()) {
        const QUrl url(*info.webUrl);
        const bool safe = url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
        m_link->setText(safe ? QStringLiteral("<a href=\"%1\">%2</a>")
                                   .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), info.webUrl->toHtmlEscaped())
                             : info.webUrl->toHtmlEscaped());
    } else {
        m_link->clear();
    }

    // Formatted on a worker, once per distinct metadata (the same object comes with every page);
    // showFormattedMetadata() puts it in when it is ready.
    if (!info.metadataJson.isEmpty() && info.metadataJson != "{}") {
        m_metadataFormatter->setMetadata(info.metadataJson);
        m_metadataToggle->show();
    } else {
        m_metadataFormatter->setMetadata({});
        m_metadata->clear();
        m_metadataToggle->hide();
        m_metadataFull->hide();
    }
}

void RunHeader::showFormattedMetadata()
{
    const MetadataFormatter::Text &text = m_metadataFormatter->text();
    if (text.oneLine.isEmpty()) {
        m_metadata->clear();
        m_metadataFull->clear();
        return;
    }
    m_metadata->setText(m_metadata->fontMetrics().elidedText(tr("Metadata: %1").arg(text.oneLine), Qt::ElideRight, 900));
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
        m_progressText->setText(loaded == known ? tr("%1 entries").arg(locale.toString(known))
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
