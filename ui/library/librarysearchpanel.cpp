// SPDX-License-Identifier: MIT
#include "ui/library/librarysearchpanel.h"

#include "search/querylanguage.h"
#include "ui/common/plainlabel.h"
#include "ui/common/plaintext.h"
#include "ui/common/plaintooltipdelegate.h"
#include "ui/library/snippetdelegate.h"
#include "ui/search/querycompleter.h"
#include "ui/search/queryerrorlabel.h"
#include "store/librarysearch.h"
#include "store/librarysearchmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QShortcut>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace {
QToolButton *toggle(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setCheckable(true);
    button->setAutoRaise(true);
    return button;
}
} // namespace

LibrarySearchPanel::LibrarySearchPanel(LibrarySearch *search, QWidget *parent)
    : QWidget(parent)
    , m_search(search)
    , m_model(new LibrarySearchModel(this))
    , m_query(new QLineEdit(this))
    , m_case(toggle(QStringLiteral("Aa"), tr("Match case"), this))
    , m_word(toggle(QStringLiteral("W"), tr("Whole words"), this))
    , m_regex(toggle(QStringLiteral(".*"), tr("Regular expression"), this))
    , m_table(new QTableView(this))
    , m_status(new PlainLabel(this))
    , m_queryError(new QueryErrorLabel(m_query, this))
    , m_completer(new QueryCompleter(m_query, QueryLanguage::Scope::Library, this))
    , m_typingPause(new QTimer(this))
{
    m_query->setPlaceholderText(tr("Search every stored run: words, \"a phrase\", /regex/, type:error, status:failed, after:2025-06-01…"));
    m_query->setToolTip(PlainText::toolTip(tr("Every word must match, in any field. The language:") + u'\n'
                                           + QueryLanguage::helpText(QueryLanguage::Scope::Library) + u'\n'
                                           + tr("With .* on, the whole text is one regular expression.")));
    m_query->setClearButtonEnabled(true);
    // Keys as a word begins, then the library's own values (types, tools, statuses, sources,
    // organizations); has:note too, since the library keeps notes.
    m_completer->setNotesAvailable(true);
    m_completer->setValuesFor([this](const QString &key) { return m_values.valuesFor(key); });
    connect(m_regex, &QToolButton::toggled, m_completer, [this](bool on) { m_completer->setEnabled(!on); });
    refreshCompletions();
    // A screen reader's names for the field and the symbol buttons ("Aa", "W", ".*").
    m_query->setAccessibleName(tr("Search every stored run"));
    for (QToolButton *button : {m_case, m_word, m_regex})
        button->setAccessibleName(button->toolTip());
    m_table->setAccessibleName(tr("Matches in stored runs"));
    m_typingPause->setSingleShot(true);
    m_typingPause->setInterval(350);
    connect(m_typingPause, &QTimer::timeout, this, &LibrarySearchPanel::searchNow);
    connect(m_query, &QLineEdit::textChanged, m_typingPause, qOverload<>(&QTimer::start));
    for (QToolButton *button : {m_case, m_word, m_regex})
        connect(button, &QToolButton::toggled, this, &LibrarySearchPanel::searchNow);
    connect(m_query, &QLineEdit::returnPressed, this, [this] {
        // Enter in the query: search now, or go to the results when they are there.
        if (m_typingPause->isActive() || m_model->rowCount() == 0) {
            searchNow();
            return;
        }
        m_table->setFocus();
        if (!m_table->currentIndex().isValid())
            m_table->setCurrentIndex(m_model->index(0, 0));
    });

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(LibrarySearchModel::Match, QHeaderView::Stretch);
    m_table->setColumnWidth(LibrarySearchModel::Run, 80);
    m_table->setColumnWidth(LibrarySearchModel::Entry, 60);
    m_table->setColumnWidth(LibrarySearchModel::Type, 140);
    m_table->setColumnWidth(LibrarySearchModel::Tool, 120);
    m_table->setColumnWidth(LibrarySearchModel::Organization, 50);
    m_table->setItemDelegate(new PlainToolTipDelegate(m_table));
    auto *snippets = new SnippetDelegate(LibrarySearchModel::MatchStartRole, LibrarySearchModel::MatchLengthRole, m_table);
    snippets->setBadgeRole(LibrarySearchModel::FoundInRole);
    m_table->setItemDelegateForColumn(LibrarySearchModel::Match, snippets);
    connect(m_table, &QTableView::doubleClicked, this, &LibrarySearchPanel::openCurrent);
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)})
        new QShortcut(key, m_table, this, &LibrarySearchPanel::openCurrent, Qt::WidgetShortcut);

    connect(m_search, &LibrarySearch::hitsFound, m_model, &LibrarySearchModel::append);
    connect(m_search, &LibrarySearch::finished, this, &LibrarySearchPanel::onFinished);

    m_status->setTextFormat(Qt::PlainText);
    auto *queryRow = new QHBoxLayout;
    queryRow->addWidget(m_query, 3);
    queryRow->addWidget(m_queryError, 2);
    queryRow->addWidget(m_case);
    queryRow->addWidget(m_word);
    queryRow->addWidget(m_regex);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(queryRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    setFocusProxy(m_query);
    m_status->setText(tr("Type to search every stored run; Enter opens a result at its entry."));
}

QString LibrarySearchPanel::queryError() const
{
    return m_queryError->error();
}

void LibrarySearchPanel::refreshCompletions()
{
    m_search->readQueryValues(this, [this](const LibraryQueryValues &values) { m_values = values; });
}

void LibrarySearchPanel::focusQuery()
{
    m_query->setFocus();
    m_query->selectAll();
}

void LibrarySearchPanel::searchFor(const QString &text, bool regex)
{
    for (QToolButton *button : {m_case, m_word, m_regex}) {
        const QSignalBlocker quiet(button);
        button->setChecked(button == m_regex && regex);
    }
    {
        const QSignalBlocker quiet(m_query);
        m_query->setText(text);
    }
    searchNow();
    m_query->setFocus();
}

void LibrarySearchPanel::searchNow()
{
    m_typingPause->stop();
    SearchQuery query;
    query.pattern = m_query->text();
    query.caseSensitive = m_case->isChecked();
    query.wholeWord = m_word->isChecked();
    query.regex = m_regex->isChecked();
    if (query.isEmpty()) {
        m_queryError->setError(QString());
        m_search->cancel();
        m_model->clear();
        m_status->setText(tr("Type to search every stored run; Enter opens a result at its entry."));
        return;
    }
    const ParsedQuery parsed = query.regex ? QueryLanguage::wholeRegex(query.pattern, query.caseSensitive)
                                           : QueryLanguage::parse(query.pattern, QueryLanguage::Scope::Library);
    if (!parsed.isValid()) {
        // Where and why beside the field; the results of the last query that parsed stay.
        m_queryError->setError(parsed.error);
        return;
    }
    m_queryError->setError(QString());
    m_search->cancel();
    m_model->clear();
    m_status->setText(tr("Searching…"));
    m_search->start(query);
}

void LibrarySearchPanel::onFinished(const LibrarySearchSummary &summary)
{
    if (summary.tooCostly) {
        // Not "no matches": the pattern was given up on, and the user is told how to go on.
        m_status->setText(summary.error);
        return;
    }
    if (!summary.error.isEmpty()) {
        m_status->setText(tr("The search failed: %1").arg(summary.error));
        return;
    }
    // Hits (an entry, or a note on one) in runs searched, each count with its own plural.
    const QString found = tr("%1 in %2, %3 ms", "hits in runs, time")
                              .arg(tr("%Ln matches", nullptr, int(std::min<qint64>(summary.hits, INT_MAX))),
                                   tr("%Ln runs searched", nullptr, summary.runsSearched))
                              .arg(summary.elapsedMs);
    m_status->setText(summary.truncated ? tr("%1 (stopped at the first %2)").arg(found, QLocale().toString(summary.hits))
                                        : found);
}

void LibrarySearchPanel::openCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        emit openRequested(m_model->hit(current.row()));
}
