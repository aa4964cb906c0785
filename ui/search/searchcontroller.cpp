// SPDX-License-Identifier: MIT
#include "ui/search/searchcontroller.h"

#include "session/runsession.h"

#include "ui/detail/detailpane.h"
#include "ui/table/logitemdelegate.h"
#include "ui/table/logtableview.h"
#include "ui/table/markedscrollbar.h"
#include "rows/logtablemodel.h"
#include "ui/common/plaintext.h"
#include "search/facetcounts.h"
#include "search/logfilterproxymodel.h"
#include "search/queryevaluator.h"
#include "search/queryfacts.h"
#include "search/searchindexer.h"
#include "search/searchrunner.h"
#include "ui/search/querycompleter.h"
#include "ui/search/searchbar.h"

#include <QLocale>
#include <QMenu>
#include <QRegularExpression>

#include <algorithm>

SearchController::SearchController(LogTableModel *model, LogFilterProxyModel *proxy, LogTableView *table,
                                   MarkedScrollBar *scrollBar, DetailPane *detail, SearchBar *bar,
                                   RunSession *session, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_proxy(proxy)
    , m_table(table)
    , m_scrollBar(scrollBar)
    , m_detail(detail)
    , m_bar(bar)
    , m_session(session)
    , m_indexer(new SearchIndexer(this))
    , m_runner(new SearchRunner(this))
    , m_facets(new FacetCounts(this))
{
    m_indexer->setModel(model);
    m_facets->setModel(model);
    m_rerun.setSingleShot(true);
    m_rerun.setInterval(250);
    connect(&m_rerun, &QTimer::timeout, this, &SearchController::start);
    // A note written or changed while searching: its entry may match now (or no longer).
    connect(m_model, &LogTableModel::notesChanged, this, [this] {
        if (!m_query.isEmpty() && m_query.isValid())
            m_rerun.start();
    });
    connect(m_indexer, &SearchIndexer::corpusChanged, this, [this] {
        if (!m_query.isEmpty() && m_query.isValid())
            m_rerun.start();
        updateCoverage();
    });
    connect(m_bar, &SearchBar::queryChanged, this, &SearchController::onQueryChanged);
    // Words that span the pane's layout are looked for as the pane shows entries: JSON or not.
    connect(m_detail, &DetailPane::modeChanged, this, [this] {
        if (!m_query.isEmpty() && m_query.isValid())
            m_rerun.start();
    });
    // The completer offers the run's own types and tools, as loaded.
    m_bar->completer()->setValuesFor([this](const QString &key) {
        QStringList values;
        const bool types = key == QLatin1String("type");
        if (!types && key != QLatin1String("tool"))
            return values;
        for (const FacetCounts::Facet &facet : types ? m_facets->messageTypes() : m_facets->toolNames()) {
            if (!facet.value.isEmpty())
                values << facet.value;
        }
        return values;
    });
    // is:marked follows the marks as they are set.
    connect(model, &LogTableModel::marksChanged, this, [this] {
        if (m_parsed.usesIs(QStringLiteral("marked")))
            m_rerun.start();
    });
    connect(m_bar, &SearchBar::nextRequested, this, &SearchController::nextMatch);
    connect(m_bar, &SearchBar::previousRequested, this, &SearchController::previousMatch);
    connect(m_bar, &SearchBar::onlyMatchingToggled, this, [this](bool only) {
        m_proxy->setMatchingOnly(only);
        emit filterStateChanged();
    });
    connect(m_bar, &SearchBar::loadAllRequested, this, [this] {
        m_session->loadAll();
        updateCoverage();
    });
    connect(m_bar, &SearchBar::stopLoadingRequested, this, [this] {
        m_session->stopLoadingAll();
        updateCoverage();
    });
    connect(m_session, &RunSession::progressChanged, this, &SearchController::updateCoverage);
    connect(m_session, &RunSession::allLoaded, this, &SearchController::updateCoverage);
    connect(m_runner, &SearchRunner::firstMatch, this, &SearchController::onFirstMatch);
    connect(m_runner, &SearchRunner::progress, this, &SearchController::onProgress);
    connect(m_runner, &SearchRunner::finished, this, &SearchController::onFinished);
    connect(m_proxy, &LogFilterProxyModel::filterChanged, this, [this] {
        updateMarks(m_result.matchingRows);
        emit filterStateChanged();
    });
    connect(m_proxy, &LogFilterProxyModel::foldsChanged, this, [this] { updateMarks(m_result.matchingRows); });
    connect(m_table, &LogTableView::currentRowChanged, this, [this] {
        m_userMovedSinceStart = true;
        showResult();
    });
}

bool SearchController::isMatchingRow(int sourceRow) const
{
    return !m_query.isEmpty() && m_proxy->isMatchingRow(sourceRow);
}

void SearchController::clear()
{
    m_runner->cancel();
    m_rerun.stop();
    m_query = SearchQuery();
    m_parsed = ParsedQuery();
    m_result = SearchResult();
    m_awaitingFirstResult = false;
    m_proxy->setMatchingRows({});
    m_scrollBar->clearMarks();
    m_detail->setHighlight(SearchQuery());
    m_table->logDelegate()->setHighlight(QRegularExpression());
    m_table->viewport()->update();
    emit resultChanged();
}

ParsedQuery SearchController::parse(const SearchQuery &query) const
{
    // The .* toggle keeps its meaning: the whole text is one regular expression.
    if (query.regex)
        return QueryLanguage::wholeRegex(query.pattern, query.caseSensitive);
    return QueryLanguage::parse(query.pattern, QueryLanguage::Scope::Run);
}

void SearchController::onQueryChanged(const SearchQuery &query)
{
    const ParsedQuery parsed = parse(query);
    if (!parsed.isValid()) {
        // Where and why, beside the field; the table, its marks and the count stay those of the
        // last query that parsed, so a half-typed query loses nothing.
        m_bar->setQueryError(parsed.error);
        return;
    }
    m_bar->setQueryError(QString());
    if (query == m_query)
        return;
    m_query = query;
    m_parsed = parsed;
    const SearchQuery highlight = QueryEvaluator(parsed, {query.caseSensitive, query.wholeWord}).highlightQuery();
    m_detail->setHighlight(highlight);
    m_table->logDelegate()->setHighlight(highlight.isEmpty() ? QRegularExpression() : highlight.regularExpression());
    if (parsed.isEmpty()) {
        clear();
        m_bar->setResultText(QString());
        return;
    }
    m_userMovedSinceStart = false;
    // The last query's count is not this one's: say it is being worked on until it is known.
    m_result = SearchResult();
    m_awaitingFirstResult = true;
    m_bar->setBusyText(tr("Searching…"));
    start();
}

int SearchController::currentSourceRow() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : 0;
}

void SearchController::start()
{
    if (m_parsed.isEmpty())
        return;
    // Keys read the rows' facts: a snapshot of a few ids per row, taken with the corpus's.
    // The notes are searched too, one more field of their entries (QueryEvaluator): a copy of
    // their texts (implicitly shared), read on the worker.
    QueryFacts facts;
    const QHash<int, QString> notes = m_model->notes();
    if (m_parsed.hasKeys() || !notes.isEmpty()) {
        facts = QueryFacts::fromModel(*m_model);
        if (m_notes)
            facts.hasNote = m_notes();
        if (!notes.isEmpty())
            facts.noteText = [notes](int entry) { return notes.value(entry); };
    }
    const EntryText::Mode shownAs = m_detail->mode() == EntryRenderer::Mode::Json ? EntryText::Mode::Json
                                                                                  : EntryText::Mode::Readable;
    auto evaluator = std::make_shared<QueryEvaluator>(m_parsed, QueryEvaluator::Options{m_query.caseSensitive, m_query.wholeWord, shownAs},
                                                      std::move(facts));
    m_runner->start(std::move(evaluator), m_indexer->corpus(), std::max(0, currentSourceRow()));
}

void SearchController::setNotesProvider(std::function<NoteLookup()> provider)
{
    m_notes = std::move(provider);
    m_bar->completer()->setNotesAvailable(bool(m_notes));
}

void SearchController::notesChanged()
{
    if (m_parsed.hasKind(QueryTerm::Kind::Has))
        m_rerun.start();
}

void SearchController::writeQuery(const QString &query)
{
    emit searchBarWanted();
    m_bar->setPattern(query);
    // A query written by a click narrows the table, as the filters it replaces did.
    m_bar->setOnlyMatching(!query.trimmed().isEmpty());
}

void SearchController::showOnly(const QString &key, const QString &value)
{
    const QString term = value.isNull() ? u'-' + key + QStringLiteral(":*") : key + u':' + QueryLanguage::quoteValue(value);
    writeQuery(m_bar->pattern().trimmed() == term ? QString() : term);
}

QSet<QString> SearchController::chosenValues(const QString &key) const
{
    const bool types = key == QLatin1String("type");
    QSet<QString> chosen = types ? m_proxy->allowedMessageTypes() : m_proxy->allowedToolNames();
    bool none = false;
    const QStringList values = QueryLanguage::keyValues(m_query.regex ? QString() : m_query.pattern, key, &none);
    if (none)
        chosen.insert(QString());
    for (const FacetCounts::Facet &facet : types ? m_facets->messageTypes() : m_facets->toolNames()) {
        if (!facet.value.isNull() && values.contains(facet.value, Qt::CaseInsensitive))
            chosen.insert(facet.value);
    }
    return chosen;
}

void SearchController::clearChosenValues()
{
    clearFilters();
    const QString pattern = m_bar->pattern();
    const QString rest = QueryLanguage::withKeyValues(QueryLanguage::withKeyValues(pattern, QStringLiteral("type"), {}, false),
                                                      QStringLiteral("tool"), {}, false);
    if (rest != pattern.simplified())
        m_bar->setPattern(rest);
}

void SearchController::toggleFilterValue(const QString &key, const QString &value, bool on)
{
    bool none = false;
    QStringList values = QueryLanguage::keyValues(m_bar->pattern(), key, &none);
    if (value.isNull()) {
        // "(no tool)" is -tool:*, which no list of tools goes with.
        none = on;
        values.clear();
    } else {
        none = false;
        values.erase(std::remove_if(values.begin(), values.end(),
                                    [&](const QString &v) { return v.compare(value, Qt::CaseInsensitive) == 0; }),
                     values.end());
        if (on)
            values.append(value);
    }
    writeQuery(QueryLanguage::withKeyValues(m_bar->pattern(), key, values, none));
}

void SearchController::onFirstMatch(quint64 search, int row)
{
    if (search != m_runner->currentSearch() || m_userMovedSinceStart)
        return;
    // The first match shows at once; the count follows when the search has finished.
    selectSourceRow(row);
    m_userMovedSinceStart = false;
}

void SearchController::onProgress(quint64 search, const SearchResult &partial)
{
    if (search != m_runner->currentSearch())
        return;
    m_bar->setBusyText(partial.entryCount == 1 ? tr("1 entry so far…")
                                               : tr("%1 entries so far…").arg(QLocale().toString(partial.entryCount)));
    updateMarks(partial.matchingRows);
}

void SearchController::onFinished(quint64 search, const SearchResult &result)
{
    if (search != m_runner->currentSearch())
        return;
    m_result = result;
    m_awaitingFirstResult = false;
    if (!result.error.isEmpty()) {
        m_bar->setErrorText(result.error);
        return;
    }
    showResult();
    m_proxy->setMatchingRows(result.matchingRows);
    updateMarks(result.matchingRows);
    updateCoverage();
    m_table->viewport()->update();
    emit resultChanged();
}

void SearchController::showResult()
{
    if (m_query.isEmpty() || !m_query.isValid() || m_awaitingFirstResult || !m_result.error.isEmpty())
        return;
    if (m_result.matchCount == 0) {
        m_bar->setResultText(tr("No matches"), QString());
        return;
    }
    const QLocale locale;
    // Moving between matches goes entry by entry: the position counts entries.
    const QString matches = locale.toString(m_result.matchCount);
    const QString detail = m_result.entryCount != 1 ? tr("%1 matches in %2 entries").arg(matches, locale.toString(m_result.entryCount))
        : m_result.matchCount == 1                  ? tr("1 match in 1 entry")
                                                    : tr("%1 matches in 1 entry").arg(matches);
    const QVector<int> &rows = m_result.matchingRows;
    const int current = m_table->currentIndex().isValid() ? currentSourceRow() : -1;
    const auto found = std::lower_bound(rows.begin(), rows.end(), current);
    if (current >= 0 && found != rows.end() && *found == current) {
        const int position = int(found - rows.begin()) + 1;
        const int shown = m_model->isReversed() ? int(rows.size()) - position + 1 : position;
        m_bar->setResultText(tr("%1 of %2").arg(locale.toString(shown), locale.toString(rows.size())), detail);
    } else {
        m_bar->setResultText(rows.size() == 1 ? tr("1 entry") : tr("%1 entries").arg(locale.toString(rows.size())), detail);
    }
}

void SearchController::updateMarks(const QVector<int> &sourceRows)
{
    QVector<int> viewRows;
    viewRows.reserve(sourceRows.size());
    for (int row : sourceRows) {
        // A match inside a closed fold is ticked on the fold's row.
        const QModelIndex index = m_proxy->shownIndexFor(row);
        if (index.isValid())
            viewRows.append(index.row());
    }
    std::sort(viewRows.begin(), viewRows.end());
    viewRows.erase(std::unique(viewRows.begin(), viewRows.end()), viewRows.end());
    m_scrollBar->setMarks(viewRows, m_proxy->rowCount());
    m_table->viewport()->update();
}

void SearchController::updateCoverage()
{
    const RunProgress progress = m_session->progress();
    const bool partial = progress.paged && (progress.loaded < progress.known || !progress.endKnown);
    const QLocale locale;
    QString text;
    if (partial) {
        text = progress.countKnown
            ? tr("Searching the %1 of %2 entries loaded").arg(locale.toString(progress.loaded), locale.toString(progress.known))
            : tr("Searching the %1 entries loaded so far").arg(locale.toString(progress.loaded));
    }
    m_bar->setCoverage(text, partial && !progress.loadingAll, progress.loadingAll);
}

void SearchController::selectSourceRow(int sourceRow)
{
    const QModelIndex index = m_proxy->revealSourceRow(sourceRow);
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void SearchController::nextMatch()
{
    moveToMatch(true);
}

void SearchController::previousMatch()
{
    moveToMatch(false);
}

void SearchController::moveToMatch(bool forward)
{
    const QVector<int> &rows = m_result.matchingRows;
    if (rows.isEmpty())
        return;
    // Rows are in source order; the view may be newest first, so "next" follows the view.
    const bool viewForward = forward != m_model->isReversed();
    const int current = m_table->currentIndex().isValid() ? currentSourceRow() : (viewForward ? -1 : m_model->rowCount());
    auto visible = [this](int row) { return m_proxy->isReachable(row); };
    const int count = int(rows.size());
    int start = viewForward ? int(std::upper_bound(rows.begin(), rows.end(), current) - rows.begin())
                            : int(std::lower_bound(rows.begin(), rows.end(), current) - rows.begin()) - 1;
    for (int step = 0; step < count; ++step) {
        const int position = ((viewForward ? start + step : start - step) % count + count) % count;
        if (visible(rows.at(position))) {
            selectSourceRow(rows.at(position));
            return;
        }
    }
}

void SearchController::setAllowedMessageTypes(const QStringList &types)
{
    m_proxy->setAllowedMessageTypes(QSet<QString>(types.begin(), types.end()));
}

void SearchController::setAllowedToolNames(const QStringList &tools)
{
    m_proxy->setAllowedToolNames(QSet<QString>(tools.begin(), tools.end()));
}

void SearchController::clearFilters()
{
    m_proxy->setAllowedMessageTypes({});
    m_proxy->setAllowedToolNames({});
    m_proxy->setMatchingOnly(false);
    m_proxy->setOnlyEntries({}, QString());
    m_bar->setOnlyMatching(false);
}

void SearchController::populateFilterMenu(QMenu *menu)
{
    menu->clear();
    const QLocale locale;
    auto addSection = [&](const QString &title, const QList<FacetCounts::Facet> &facets, bool types) {
        menu->addSection(title);
        if (facets.isEmpty()) {
            menu->addAction(tr("(none loaded yet)"))->setEnabled(false);
            return;
        }
        // What the bar's query chooses now: the menu writes type: and tool: into it.
        const QString key = types ? QStringLiteral("type") : QStringLiteral("tool");
        bool none = false;
        const QStringList chosen = QueryLanguage::keyValues(m_bar->pattern(), key, &none);
        for (const FacetCounts::Facet &facet : facets) {
            const QString label = facet.value.isNull() ? (types ? tr("(no type)") : tr("(no tool)")) : facet.value;
            // The server's words: '&' is no mnemonic here, and a tooltip (a toolbar would show the
            // text as one) is no HTML.
            const QString text = tr("%1  (%2)").arg(label, locale.toString(facet.count));
            QAction *action = menu->addAction(PlainText::mnemonicSafe(text));
            const QString term = facet.value.isNull() ? u'-' + key + QStringLiteral(":*") : key + u':' + QueryLanguage::quoteValue(facet.value);
            action->setToolTip(PlainText::toolTip(tr("%1 — writes %2 into the search bar").arg(text, term)));
            action->setCheckable(true);
            action->setChecked(facet.value.isNull() ? none
                                                    : chosen.contains(facet.value, Qt::CaseInsensitive));
            const QString value = facet.value;
            connect(action, &QAction::toggled, this, [this, key, value](bool on) { toggleFilterValue(key, value, on); });
        }
    };
    // Counts cover the entries loaded: say so while that is not the whole run.
    const RunProgress progress = m_session->progress();
    const bool partial = progress.paged && (progress.loaded < progress.known || !progress.endKnown);
    const QString loadedText = locale.toString(progress.loaded);
    const QString knownText = progress.endKnown ? locale.toString(progress.known)
                                                : tr("%1+").arg(locale.toString(progress.known));
    addSection(partial ? tr("Message types (in %1 loaded of %2)").arg(loadedText, knownText) : tr("Message types"),
               m_facets->messageTypes(), true);
    addSection(partial ? tr("Tools (in %1 loaded of %2)").arg(loadedText, knownText) : tr("Tools"),
               m_facets->toolNames(), false);
    if (partial)
        menu->addAction(tr("Load All Entries"), m_session, &RunSession::loadAll);
    menu->addSeparator();
    menu->setToolTipsVisible(true);
    // "Only matching" is the search bar's switch alone: one control, not two.
    QAction *clearAll = menu->addAction(tr("Clear Filters"), this, &SearchController::clearFilters);
    clearAll->setEnabled(m_proxy->isFiltering());
}
