// SPDX-License-Identifier: MIT
#include "ui/detail/detailpane.h"

#include "ui/common/elidedlabel.h"
#include "ui/common/palette.h"

#include "run/entrydetail.h"
#include "json/jsontext.h"
#include "ui/common/plainlabel.h"
#include "ui/common/plaintext.h"
#include "ui/detail/jsontreeview.h"
#include "ui/detail/markdownview.h"
#include "ui/detail/richentrydocument.h"
#include "ui/detail/safetextbrowser.h"
#include "ui/detail/safetextdocument.h"
#include "search/searchengine.h"

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTextCursor>
#include <QTextDocument>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <QtConcurrent/QtConcurrentRun>

namespace {
// Small entries render at once; only big ones are worth a "rendering" notice.
constexpr qsizetype kBusyNoticeBytes = 256 * 1024;
// Between the view buttons and Copy.
constexpr int kCopyButtonGap = 6;
}

DetailPane::DetailPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new ElidedLabel(this))
    , m_busy(new PlainLabel(this))
    , m_readableButton(new QToolButton(this))
    , m_jsonButton(new QToolButton(this))
    , m_treeButton(new QToolButton(this))
    , m_copyButton(new QToolButton(this))
    , m_text(new QPlainTextEdit(this))
    , m_rich(new SafeTextBrowser(this))
    , m_tree(new JsonTreeView(this))
    , m_views(new QStackedWidget(this))
    , m_noteBox(new QFrame(this))
    , m_noteCaption(new PlainLabel(this))
    , m_note(new MarkdownView(this))
    , m_placeholderDocument(new QTextDocument(this))
{
    m_placeholderDocument->setDocumentLayout(new QPlainTextDocumentLayout(m_placeholderDocument));
    m_title->setObjectName(QStringLiteral("entryTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long type or tool name is cut at the pane's edge (the tooltip has it all) rather than
    // widening the pane.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_busy->setStyleSheet(QStringLiteral("color: gray"));

    m_readableButton->setText(tr("Readable"));
    m_readableButton->setToolTip(tr("Strings with their real line breaks, nested values indented"));
    m_jsonButton->setText(tr("JSON"));
    m_jsonButton->setToolTip(tr("The entry exactly as the server sent it, indented"));
    m_treeButton->setText(tr("Tree"));
    m_treeButton->setToolTip(tr("The entry as a collapsible tree: copy any value or its path"));
    auto *modes = new QButtonGroup(this);
    for (QToolButton *button : {m_readableButton, m_jsonButton, m_treeButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        modes->addButton(button);
    }
    m_readableButton->setChecked(true);
    connect(m_readableButton, &QToolButton::clicked, this, [this] { setMode(EntryRenderer::Mode::Readable); });
    connect(m_jsonButton, &QToolButton::clicked, this, [this] { setMode(EntryRenderer::Mode::Json); });
    connect(m_treeButton, &QToolButton::clicked, this, [this] { setMode(EntryRenderer::Mode::Tree); });

    m_copyButton->setText(tr("Copy"));
    m_copyButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_copyButton->setAutoRaise(true);
    m_copyButton->setToolTip(tr("Copy the entry as JSON"));
    connect(m_copyButton, &QToolButton::clicked, this, [this] { copyPart(QStringLiteral("entry")); });
    auto *copyMenu = new QMenu(m_copyButton);
    copyMenu->addAction(tr("Entry as JSON"), this, [this] { copyPart(QStringLiteral("entry")); });
    copyMenu->addAction(tr("Thought"), this, [this] { copyPart(QStringLiteral("thought")); });
    copyMenu->addAction(tr("Tool input"), this, [this] { copyPart(QStringLiteral("tool_input")); });
    copyMenu->addAction(tr("Tool output"), this, [this] { copyPart(QStringLiteral("tool_output")); });
    copyMenu->addAction(tr("Observation"), this, [this] { copyPart(QStringLiteral("observation")); });
    m_copyButton->setMenu(copyMenu);

    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setFrameShape(QFrame::NoFrame);
    m_rich->setDocument(new SafeTextDocument(m_rich)); // until the first entry: loads nothing either
    m_rich->setReadOnly(true);
    m_rich->setFrameShape(QFrame::NoFrame);
    m_rich->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard | Qt::LinksAccessibleByMouse);
    m_rich->setLineWrapMode(QTextEdit::WidgetWidth);
    m_rich->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_tree->setFrameShape(QFrame::NoFrame);
    // One name for the three views of the entry: a screen reader says which entry in the
    // description (the pane's title).
    for (QWidget *view : std::initializer_list<QWidget *>{m_text, m_rich, m_tree})
        view->setAccessibleName(tr("Entry detail"));
    m_rich->setTextInteractionFlags(m_rich->textInteractionFlags() | Qt::LinksAccessibleByKeyboard);
    m_views->addWidget(m_text);
    m_views->addWidget(m_rich);
    m_views->addWidget(m_tree);

    m_titleLine = new QHBoxLayout;
    m_titleLine->setContentsMargins(8, 4, 4, 0);
    auto *bar = new QHBoxLayout;
    m_bar = bar;
    bar->setContentsMargins(8, 4, 4, 4);
    bar->addWidget(m_title, 1);
    bar->addWidget(m_busy);
    bar->addWidget(m_readableButton);
    bar->addWidget(m_jsonButton);
    bar->addWidget(m_treeButton);
    bar->addSpacing(kCopyButtonGap);
    bar->addWidget(m_copyButton);

    // The user's note, above the entry: a tinted box with a caption, the text as Markdown.
    m_noteBox->setObjectName(QStringLiteral("noteBox"));
    m_noteBox->setAutoFillBackground(true);
    QPalette notePalette = m_noteBox->palette();
    QColor tint = RunlogPalette::noteTint();
    tint.setAlpha(255);
    notePalette.setColor(QPalette::Window, QColor::fromRgbF(
        0.85 * notePalette.color(QPalette::Base).redF() + 0.15 * tint.redF(),
        0.85 * notePalette.color(QPalette::Base).greenF() + 0.15 * tint.greenF(),
        0.85 * notePalette.color(QPalette::Base).blueF() + 0.15 * tint.blueF()));
    m_noteBox->setPalette(notePalette);
    m_noteCaption->setText(tr("Your note (N to edit)"));
    QFont captionFont = m_noteCaption->font();
    captionFont.setBold(true);
    m_noteCaption->setFont(captionFont);
    QPalette captionPalette = m_noteCaption->palette();
    captionPalette.setColor(QPalette::WindowText, RunlogPalette::note().darker(130));
    m_noteCaption->setPalette(captionPalette);
    m_note->setFrameShape(QFrame::NoFrame);
    m_note->viewport()->setAutoFillBackground(false);
    m_note->setAttribute(Qt::WA_TranslucentBackground);
    m_note->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    auto *noteLayout = new QVBoxLayout(m_noteBox);
    noteLayout->setContentsMargins(8, 4, 8, 4);
    noteLayout->setSpacing(2);
    noteLayout->addWidget(m_noteCaption);
    noteLayout->addWidget(m_note);
    m_noteBox->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(m_titleLine);
    layout->addLayout(bar);
    layout->addWidget(m_noteBox);
    layout->addWidget(m_views, 1);

    connect(&m_watcher, &QFutureWatcher<Rendered>::finished, this, &DetailPane::onRendered);
    connect(&m_highlightWatcher, &QFutureWatcher<QList<TextRange>>::finished, this, &DetailPane::onHighlightsFound);
    clear();
}

DetailPane::~DetailPane()
{
    // A render still running hands back a document nobody will own: wait for it and delete it.
    if (m_watcher.isRunning()) {
        m_watcher.waitForFinished();
        delete m_watcher.result().document;
    }
    m_highlightWatcher.waitForFinished();
}

void DetailPane::setNote(const QString &text)
{
    if (text == m_noteText && m_noteBox->isHidden() == text.isEmpty())
        return;
    m_noteText = text;
    m_note->setMarkdownText(text);
    m_noteBox->setVisible(!text.isEmpty());
    fitNoteHeight();
}

void DetailPane::fitNoteHeight()
{
    // As tall as the note, up to a third of the pane: the entry stays the main thing.
    if (m_noteBox->isHidden())
        return;
    QTextDocument *document = m_note->document();
    document->setTextWidth(m_note->viewport()->width() > 0 ? m_note->viewport()->width() : width() - 24);
    const int wanted = int(std::ceil(document->size().height())) + 2 * m_note->frameWidth() + 2;
    m_note->setFixedHeight(std::clamp(wanted, fontMetrics().height() + 8, std::max(60, height() / 3)));
}

void DetailPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitNoteHeight();
    placeTitle();
}

void DetailPane::placeTitle()
{
    // Beside the buttons while the shortest form of the title fits there ("#42 · ACTION"); on a
    // narrower pane the buttons would leave it no room at all, so it moves above them.
    const QString shortest = m_title->shortestForm();
    const int titleNeeds = shortest.isEmpty() ? 0 : QFontMetrics(m_title->font()).horizontalAdvance(shortest) + 8;
    const QMargins margins = m_bar->contentsMargins();
    int others = margins.left() + margins.right() + kCopyButtonGap;
    for (QWidget *widget : std::initializer_list<QWidget *>{m_busy, m_readableButton, m_jsonButton, m_treeButton, m_copyButton})
        others += widget->sizeHint().width() + m_bar->spacing();
    const int barLeaves = width() - others;
    const bool ownLine = titleNeeds > 0 && barLeaves < titleNeeds;
    if (ownLine == m_titleOnOwnLine)
        return;
    m_titleOnOwnLine = ownLine;
    m_bar->removeWidget(m_title);
    m_titleLine->removeWidget(m_title);
    if (ownLine) {
        m_titleLine->addWidget(m_title, 1);
        m_bar->insertStretch(0, 1);
    } else {
        delete m_bar->takeAt(0); // the stretch that stood in for the title
        m_bar->insertWidget(0, m_title, 1);
    }
}

void DetailPane::clear()
{
    showMessage(tr("Select an entry to read it in full."));
}

void DetailPane::showMessage(const QString &message)
{
    ++m_generation;
    m_raw.clear();
    m_title->setFullText(QString());
    placeTitle();
    m_busy->clear();
    m_copyButton->setEnabled(false);
    m_placeholderDocument->setPlainText(message);
    replaceDocument(m_placeholderDocument);
    m_views->setCurrentWidget(m_text);
    m_shownText.clear();
    applyHighlight();
}

void DetailPane::showEntry(const QByteArray &rawEntry, const QString &title, const QStringList &shorterForms)
{
    ++m_generation;
    m_raw = rawEntry;
    m_title->setFullText(title, shorterForms);
    placeTitle();
    for (QWidget *view : std::initializer_list<QWidget *>{m_text, m_rich, m_tree})
        view->setAccessibleDescription(title);
    m_copyButton->setEnabled(true);
    render();
}

void DetailPane::setMode(EntryRenderer::Mode mode)
{
    // A listener of modeChanged() may answer with setMode() (a "JSON" action unchecking itself
    // when the tree is chosen): the mode being set wins.
    if (m_changingMode)
        return;
    (mode == EntryRenderer::Mode::Json ? m_jsonButton
     : mode == EntryRenderer::Mode::Tree ? m_treeButton
                                         : m_readableButton)->setChecked(true);
    if (m_mode == mode)
        return;
    m_mode = mode;
    m_changingMode = true;
    emit modeChanged(mode);
    m_changingMode = false;
    if (!m_raw.isEmpty()) {
        ++m_generation;
        render();
    }
}

void DetailPane::setTextFont(const QFont &font)
{
    m_text->setFont(font);
    m_placeholderDocument->setDefaultFont(font);
    QFont prose = m_rich->font(); // the rich view's own family, at the zoomed size
    prose.setPointSizeF(font.pointSizeF());
    m_rich->setFont(prose);
    if (!m_raw.isEmpty()) {
        ++m_generation;
        render();
    }
}

void DetailPane::setWrapLines(bool wrap)
{
    m_text->setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    m_rich->setLineWrapMode(wrap ? QTextEdit::WidgetWidth : QTextEdit::NoWrap);
}

QWidget *DetailPane::currentView() const
{
    return m_views->currentWidget();
}

QString DetailPane::displayedText() const
{
    if (m_views->currentWidget() == m_rich)
        return m_rich->document()->toPlainText();
    if (m_views->currentWidget() == m_tree)
        return QString();
    return m_text->document()->toPlainText();
}

void DetailPane::render()
{
    if (m_mode == EntryRenderer::Mode::Tree) {
        // No worker: the tree scans a level only when it is expanded.
        m_busy->clear();
        m_tree->setJson(m_raw);
        m_tree->expandMembers({QStringLiteral("tool_input"), QStringLiteral("tool_output"), QStringLiteral("observation")});
        m_views->setCurrentWidget(m_tree);
        m_shownText.clear();
        applyHighlight();
        emit rendered();
        return;
    }
    if (m_watcher.isRunning()) {
        // One render at a time; onRendered() starts the newest one when this finishes.
        return;
    }
    if (m_raw.size() > kBusyNoticeBytes)
        m_busy->setText(tr("Rendering %1…").arg(QLocale::system().formattedDataSize(m_raw.size())));
    m_renderingGeneration = m_generation;
    const bool rich = m_mode == EntryRenderer::Mode::Readable && m_raw.size() <= RichEntryDocument::kMaxBytes;
    m_watcher.setFuture(QtConcurrent::run([raw = m_raw, mode = m_mode, font = m_text->font(), prose = m_rich->font(),
                                           rich, dark = RunlogPalette::isDark(m_text->palette()),
                                           owner = QThread::currentThread()] {
        Rendered rendered;
        rendered.rich = rich;
        rendered.document = rich ? RichEntryDocument::build(raw, prose, font, owner, &rendered.text)
                                 : EntryRenderer::buildDocument(raw, mode, font, owner, &rendered.text, dark);
        return rendered;
    }));
}

void DetailPane::onRendered()
{
    const Rendered result = m_watcher.result();
    QTextDocument *document = result.document;
    if (m_renderingGeneration != m_generation) {
        delete document;
        if (!m_raw.isEmpty())
            render(); // the entry or mode changed meanwhile
        return;
    }
    m_busy->clear();
    document->setParent(this);
    if (result.rich) {
        QTextDocument *previous = m_rich->document();
        m_rich->setDocument(document);
        if (previous && previous->parent() == this)
            previous->deleteLater();
        m_views->setCurrentWidget(m_rich);
    } else {
        replaceDocument(document);
        m_views->setCurrentWidget(m_text);
    }
    m_shownText = result.text;
    applyHighlight();
    emit rendered();
}

void DetailPane::setHighlight(const SearchQuery &query)
{
    if (query == m_highlight)
        return;
    m_highlight = query;
    applyHighlight();
}

void DetailPane::applyHighlight()
{
    // Searching a multi-megabyte entry is work for a worker: only the selections are made here.
    ++m_highlightGeneration;
    m_highlightCount = 0;
    m_text->setExtraSelections({});
    m_rich->setExtraSelections({});
    if (m_raw.isEmpty() || m_highlight.isEmpty() || !m_highlight.isValid() || isRendering())
        return; // onRendered() comes back here
    if (m_highlightWatcher.isRunning())
        return; // onHighlightsFound() starts again for the newest query
    const int generation = m_highlightGeneration;
    m_highlightWatcher.setProperty("generation", generation);
    m_highlightWatcher.setFuture(QtConcurrent::run([query = m_highlight, text = m_shownText] {
        // A cap keeps a search for "e" in a 5 MB output from creating a million selections.
        constexpr qsizetype kMaxHighlights = 5000;
        return SearchEngine(query).findRanges(text, kMaxHighlights);
    }));
}

void DetailPane::onHighlightsFound()
{
    const QList<TextRange> ranges = m_highlightWatcher.result();
    if (m_highlightWatcher.property("generation").toInt() != m_highlightGeneration) {
        applyHighlight(); // the entry or the query changed meanwhile
        return;
    }
    QTextCharFormat format;
    format.setBackground(QColor(0xff, 0xe0, 0x66));
    format.setForeground(QColor(0x20, 0x20, 0x20));
    const bool rich = m_views->currentWidget() == m_rich;
    QTextDocument *document = rich ? m_rich->document() : m_text->document();
    QList<QTextEdit::ExtraSelection> selections;
    selections.reserve(ranges.size());
    for (const TextRange &range : ranges) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(document);
        selection.cursor.setPosition(int(range.start));
        selection.cursor.setPosition(int(range.start + range.length), QTextCursor::KeepAnchor);
        selection.format = format;
        selections.append(selection);
    }
    m_highlightCount = int(ranges.size());
    QTextCursor first(document);
    if (!ranges.isEmpty())
        first.setPosition(int(ranges.first().start));
    if (rich) {
        m_rich->setExtraSelections(selections);
        if (!ranges.isEmpty()) {
            m_rich->setTextCursor(first);
            m_rich->ensureCursorVisible();
        }
    } else {
        m_text->setExtraSelections(selections);
        if (!ranges.isEmpty()) {
            m_text->setTextCursor(first);
            m_text->centerCursor();
        }
    }
}

void DetailPane::replaceDocument(QTextDocument *document)
{
    QTextDocument *previous = m_text->document();
    if (previous == document)
        return;
    // Decided before setDocument(): it deletes a document the editor created itself, so
    // `previous` may be gone afterwards. Rendered documents are ours to delete.
    const bool previousIsRendered = previous != m_placeholderDocument && previous->parent() == this;
    m_text->setDocument(document);
    if (previousIsRendered)
        previous->deleteLater();
}

void DetailPane::copyPart(const QString &what)
{
    if (m_raw.isEmpty())
        return;
    QString text;
    if (what == QLatin1String("entry")) {
        text = QString::fromUtf8(m_raw);
    } else {
        const EntryDetail detail = parseEntryDetail(m_raw);
        if (what == QLatin1String("thought"))
            text = detail.thought;
        else if (what == QLatin1String("tool_input"))
            text = QString::fromUtf8(JsonText::pretty(detail.toolInput));
        else if (what == QLatin1String("tool_output"))
            text = QString::fromUtf8(JsonText::pretty(detail.toolOutput));
        else if (detail.observationIsString)
            text = detail.observationText;
        else
            text = QString::fromUtf8(JsonText::pretty(detail.observation));
    }
    QApplication::clipboard()->setText(text);
}
