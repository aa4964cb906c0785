// SPDX-License-Identifier: MIT
#include "ui/search/searchbar.h"

#include "ui/common/plainlabel.h"
#include "ui/common/plaintext.h"
#include "ui/common/elidedlabel.h"
#include "ui/common/palette.h"
#include "ui/search/querycompleter.h"
#include "ui/search/queryerrorlabel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QResizeEvent>
#include <QPushButton>
#include <QToolButton>

namespace {
QToolButton *makeToggle(QWidget *parent, const QString &text, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setCheckable(true);
    button->setAutoRaise(true);
    return button;
}
} // namespace

SearchBar::SearchBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_case(makeToggle(this, QStringLiteral("Aa"), tr("Match case (Alt+C)")))
    , m_word(makeToggle(this, QStringLiteral("W"), tr("Whole words only (Alt+W)")))
    , m_regex(makeToggle(this, QStringLiteral(".*"), tr("Regular expression (Alt+R)")))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_result(new PlainLabel(this))
    , m_queryError(new QueryErrorLabel(m_edit, this))
    , m_completer(new QueryCompleter(m_edit, QueryLanguage::Scope::Run, this))
    , m_coverage(new ElidedLabel(this))
    , m_loadAll(new QPushButton(tr("Load All"), this))
    , m_onlyMatching(new QCheckBox(tr("&Only matching"), this))
    , m_filter(new QToolButton(this))
    , m_close(new QToolButton(this))
    , m_options(new QToolButton(this))
{
    m_edit->setPlaceholderText(tr("Search: words, \"a phrase\", /regex/, type:error, tool:bash, is:failure…"));
    // The language at hand where it is typed (our text; PlainText keeps its quotes and < as they are).
    m_edit->setToolTip(PlainText::toolTip(tr("Every word must match, in any field. The language:") + u'\n'
                                          + QueryLanguage::helpText(QueryLanguage::Scope::Run) + u'\n'
                                          + tr("With .* on, the whole text is one regular expression.")));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(140);
    m_edit->installEventFilter(this);
    m_case->setShortcut(QKeySequence(Qt::ALT | Qt::Key_C));
    m_word->setShortcut(QKeySequence(Qt::ALT | Qt::Key_W));
    m_regex->setShortcut(QKeySequence(Qt::ALT | Qt::Key_R));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setAutoRaise(true);
    m_previous->setToolTip(tr("Previous match (Shift+Enter, Shift+F3, N)"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setAutoRaise(true);
    m_next->setToolTip(tr("Next match (Enter, F3, n)"));
    // Fixed: the count changing as you type must not move the buttons after it.
    m_result->setFixedWidth(m_result->fontMetrics().horizontalAdvance(QStringLiteral("99,999 of 99,999")) + 16);
    m_result->setTextFormat(Qt::PlainText);
    m_coverage->setStyleSheet(QStringLiteral("color: gray"));
    // Where the bar is narrow the coverage gives way first, cut with "…" and whole in its tooltip.
    m_coverage->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_coverage->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_loadAll->setToolTip(tr("Fetch the pages not loaded yet (paced by the rate limit) so the search covers the whole run"));
    m_onlyMatching->setToolTip(tr("Show only the entries that match (Alt+O)"));
    // As the Aa / W / .* toggles: Alt+O or a click switches it and the typing goes on in the
    // field (a checkable button takes the focus on a click or a mnemonic otherwise); Tab reaches it.
    m_onlyMatching->setFocusPolicy(Qt::TabFocus);
    m_filter->setText(tr("Filter"));
    m_filter->setPopupMode(QToolButton::InstantPopup);
    m_filter->setAutoRaise(true);
    m_filter->setToolTip(tr("Show only some message types or tools"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close the search (Escape)"));
    // What a screen reader says for the field and the buttons whose face is a symbol or an arrow.
    m_edit->setAccessibleName(tr("Search"));
    m_edit->setAccessibleDescription(tr("Words, \"a phrase\", /regex/, type:, tool:, is:failure"));
    m_case->setAccessibleName(tr("Match case"));
    m_word->setAccessibleName(tr("Whole words only"));
    m_regex->setAccessibleName(tr("Regular expression"));
    m_previous->setAccessibleName(tr("Previous match"));
    m_next->setAccessibleName(tr("Next match"));
    m_close->setAccessibleName(tr("Close the search"));

    // Where the bar is too narrow for them (800 x 500 with the Statistics dock open), the toggles
    // and "Only matching" fold into this menu, as the same checkable choices with the same keys.
    m_options->setText(tr("Options"));
    m_options->setPopupMode(QToolButton::InstantPopup);
    m_options->setAutoRaise(true);
    m_options->setToolTip(tr("Match case, whole words, regular expression, only matching entries"));
    m_options->setAccessibleName(tr("Search options"));
    auto *options = new QMenu(m_options);
    const struct
    {
        QAbstractButton *button;
        QString text;
        QKeySequence keys;
    } folded[] = {{m_case, tr("Match Case"), QKeySequence(Qt::ALT | Qt::Key_C)},
                  {m_word, tr("Whole Words Only"), QKeySequence(Qt::ALT | Qt::Key_W)},
                  {m_regex, tr("Regular Expression"), QKeySequence(Qt::ALT | Qt::Key_R)},
                  {m_onlyMatching, tr("Only Matching Entries"), QKeySequence(Qt::ALT | Qt::Key_O)}};
    for (const auto &fold : folded) {
        auto *action = options->addAction(fold.text);
        action->setCheckable(true);
        QAbstractButton *button = fold.button;
        connect(action, &QAction::toggled, button, &QAbstractButton::setChecked);
        connect(button, &QAbstractButton::toggled, action, &QAction::setChecked);
        // The keys reach the action only while its button is folded away (a hidden button's
        // own shortcut does nothing); the bar holds it, so that the key works with the menu shut.
        addAction(action);
        m_foldedKeys.append({action, fold.keys});
    }
    m_options->setMenu(options);
    m_options->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 3, 6, 3);
    layout->setSpacing(4);
    layout->addWidget(m_edit, 2);
    layout->addWidget(m_case);
    layout->addWidget(m_word);
    layout->addWidget(m_regex);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_result);
    layout->addWidget(m_queryError, 2);
    layout->addWidget(m_onlyMatching);
    layout->addWidget(m_coverage, 1);
    layout->addWidget(m_loadAll);
    layout->addWidget(m_filter);
    layout->addWidget(m_options);
    layout->addWidget(m_close);
    m_loadAll->hide();
    m_coverage->hide();
    // Tab goes along the bar as it is drawn ("Only matching" before Load All; the Options menu
    // where the options it holds were).
    QWidget *previous = m_edit;
    for (QWidget *next : std::initializer_list<QWidget *>{m_case, m_word, m_regex, m_options, m_previous, m_next,
                                                           m_onlyMatching, m_loadAll, m_filter, m_close}) {
        setTabOrder(previous, next);
        previous = next;
    }

    m_debounce.setSingleShot(true);
    // Short enough that the first match shows within 100 ms of a keystroke; superseded
    // searches are cancelled, so typing fast costs little.
    m_debounce.setInterval(40);
    connect(&m_debounce, &QTimer::timeout, this, [this] { emit queryChanged(query()); });
    connect(m_edit, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_regex, &QToolButton::toggled, this, [this](bool on) { m_completer->setEnabled(!on); });
    for (QToolButton *toggle : {m_case, m_word, m_regex})
        connect(toggle, &QToolButton::toggled, this, [this] { emit queryChanged(query()); });
    connect(m_next, &QToolButton::clicked, this, &SearchBar::nextRequested);
    connect(m_previous, &QToolButton::clicked, this, &SearchBar::previousRequested);
    connect(m_close, &QToolButton::clicked, this, &SearchBar::closeRequested);
    connect(m_onlyMatching, &QCheckBox::toggled, this, &SearchBar::onlyMatchingToggled);
    connect(m_loadAll, &QPushButton::clicked, this, [this] {
        if (m_loading)
            emit stopLoadingRequested();
        else
            emit loadAllRequested();
    });
}

void SearchBar::hideRunViewOptions()
{
    m_runViewOptions = false;
    m_onlyMatching->hide();
    m_filter->hide();
    if (auto *menu = m_options->menu(); menu && !menu->actions().isEmpty())
        menu->actions().constLast()->setVisible(false); // Only Matching Entries
}

QList<QWidget *> SearchBar::foldableOptions() const
{
    QList<QWidget *> widgets{m_case, m_word, m_regex};
    if (m_runViewOptions)
        widgets.append(m_onlyMatching);
    return widgets;
}

int SearchBar::unfoldedMinimumWidth() const
{
    int width = layout()->minimumSize().width();
    if (m_optionsFolded) {
        const int spacing = layout()->spacing();
        for (QWidget *widget : foldableOptions())
            width += widget->minimumSizeHint().width() + spacing;
        width -= m_options->minimumSizeHint().width() + spacing;
    }
    return width;
}

void SearchBar::setOptionsFolded(bool folded)
{
    if (folded == m_optionsFolded)
        return;
    m_optionsFolded = folded;
    for (QWidget *widget : foldableOptions())
        widget->setVisible(!folded);
    m_options->setVisible(folded);
    for (const auto &[action, keys] : std::as_const(m_foldedKeys))
        action->setShortcut(folded ? keys : QKeySequence());
}

void SearchBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    setOptionsFolded(width() < unfoldedMinimumWidth());
}

SearchQuery SearchBar::query() const
{
    SearchQuery query;
    query.pattern = m_edit->text();
    query.caseSensitive = m_case->isChecked();
    query.wholeWord = m_word->isChecked();
    query.regex = m_regex->isChecked();
    return query;
}

void SearchBar::setPattern(const QString &pattern)
{
    m_edit->setText(pattern);
    m_debounce.stop();
    emit queryChanged(query());
}

QString SearchBar::pattern() const
{
    return m_edit->text();
}

void SearchBar::setQueryError(const QString &text)
{
    m_queryError->setError(text);
}

QString SearchBar::queryError() const
{
    return m_queryError->error();
}

void SearchBar::focusSearch()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void SearchBar::setResultText(const QString &text, const QString &detail)
{
    m_busy = m_error = false;
    m_result->setStyleSheet(QString());
    m_result->setText(m_result->fontMetrics().elidedText(text, Qt::ElideRight, m_result->width()));
    m_result->setToolTip(PlainText::toolTip(detail));
    m_resultFullText = detail.isEmpty() ? text : detail;
}

void SearchBar::setErrorText(const QString &text)
{
    m_busy = false;
    m_error = true;
    m_result->setStyleSheet(QStringLiteral("color: %1").arg(RunlogPalette::errorText(RunlogPalette::isDark(palette())).name()));
    m_result->setText(m_result->fontMetrics().elidedText(text, Qt::ElideRight, m_result->width()));
    m_result->setToolTip(PlainText::toolTip(text));
    m_resultFullText = text;
}

void SearchBar::setBusyText(const QString &text)
{
    m_busy = true;
    m_error = false;
    m_result->setStyleSheet(QStringLiteral("color: gray; font-style: italic"));
    m_result->setText(text);
    m_result->setToolTip(QString());
    m_resultFullText = text;
}

void SearchBar::setCoverage(const QString &text, bool offerLoadAll, bool loading)
{
    m_loading = loading;
    m_coverage->setFullText(text);
    m_coverage->setVisible(!text.isEmpty());
    m_loadAll->setText(loading ? tr("Stop Loading") : tr("Load All"));
    m_loadAll->setVisible(offerLoadAll || loading);
}

QString SearchBar::resultText() const
{
    return m_resultFullText;
}

QString SearchBar::errorText() const
{
    // A query that does not parse says so beside the field; other errors in the count's place.
    if (!m_queryError->isHidden())
        return m_queryError->error();
    return m_error ? resultText() : QString();
}

QString SearchBar::coverageText() const
{
    return m_coverage->isVisible() ? m_coverage->fullText() : QString();
}

void SearchBar::setOnlyMatching(bool only)
{
    m_onlyMatching->setChecked(only);
}

bool SearchBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (m_debounce.isActive()) { // typed and pressed Enter at once: search first
                m_debounce.stop();
                emit queryChanged(query());
            }
            if (key->modifiers() & Qt::ShiftModifier)
                emit previousRequested();
            else
                emit nextRequested();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            emit closeRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
