#include "model/runloader.h"

#include "model/logtablemodel.h"

#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace {
// A total beyond this is not believed: rows are then appended as pages prove them.
constexpr qint64 kMaxTrustedTotal = 20'000'000;
}

RunLoader::RunLoader(QNetworkAccessManager *network, LogTableModel *model, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_model(model)
{
    connect(m_model, &LogTableModel::moreRequested, this, [this] {
        m_wantMore = true;
        schedule();
    });
}

RunLoader::~RunLoader()
{
    abortAll();
}

void RunLoader::setPacer(RequestPacer *pacer)
{
    m_pacer = pacer;
    m_customPacer = pacer != nullptr;
}

void RunLoader::open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse)
{
    close();
    m_run = run;
    m_reverse = reverse;
    m_client = new ApiClient(m_network, endpoint, this);
    m_client->setLimits(m_replyLimits);
    if (!m_customPacer)
        m_pacer = RequestPacer::shared(endpoint.baseUrl, endpoint.token);
    m_model->setReversed(reverse);
    setState(State::Opening);
    schedule();
}

void RunLoader::close()
{
    ++m_generation;
    abortAll();
    delete m_client;
    m_client = nullptr;
    m_model->clear();
    m_mode = Mode::Unknown;
    m_runInfo = RunInfo();
    m_hasRunInfo = false;
    m_lastError = ApiError();
    m_firstVisiblePage = m_lastVisiblePage = -1;
    m_wantMore = m_loadAll = m_ended = m_endConfirmWanted = false;
    m_requestsSent = 0;
    setState(State::Idle);
    emit progressChanged();
}

void RunLoader::abortAll()
{
    if (m_pacer) {
        for (RequestPacer::Ticket ticket : std::as_const(m_pendingTickets))
            m_pacer->cancel(ticket);
    }
    m_pendingTickets.clear();
    const QHash<int, PageState> pages = std::exchange(m_pages, {});
    for (const PageState &page : pages) {
        if (page.reply) {
            page.reply->disconnect(this);
            page.reply->abort();
            page.reply->deleteLater();
            if (m_pacer)
                m_pacer->finished(page.ticket);
        }
    }
    m_inFlight = 0;
}

void RunLoader::setViewport(int firstRow, int lastRow)
{
    if (lastRow < firstRow || lastRow < 0) {
        m_firstVisiblePage = m_lastVisiblePage = -1;
    } else {
        m_firstVisiblePage = pageOfRow(std::max(0, firstRow));
        m_lastVisiblePage = pageOfRow(lastRow);
    }
    schedule();
}

void RunLoader::loadAll()
{
    m_loadAll = true;
    schedule();
    checkAllLoaded();
}

void RunLoader::stopLoadingAll()
{
    m_loadAll = false;
    m_endConfirmWanted = false;
    schedule();
}

void RunLoader::retryFailed()
{
    bool any = false;
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        if (it->status != PageStatus::Failed)
            continue;
        it->status = PageStatus::Idle;
        it->attempts = 0;
        it->rateLimitHits = 0;
        m_model->markRows(it.key() * kPageSize, it.key() * kPageSize + kPageSize - 1,
                          LogStore::RowState::NotLoaded);
        any = true;
    }
    if (m_state == State::Failed)
        setState(State::Opening);
    if (any) {
        m_lastError = ApiError();
        emit errorsCleared();
    }
    schedule();
}

void RunLoader::checkForNewEntries()
{
    if (m_mode == Mode::Unknown || m_state != State::Open)
        return;
    const int rows = knownRows();
    m_ended = false;
    if (rows % kPageSize != 0) {
        // The last page was short: ask for it again, it may have grown.
        PageState &last = m_pages[lastPageIndex()];
        if (last.status == PageStatus::Loaded)
            last.status = PageStatus::Idle;
    }
    if (rows % kPageSize == 0) {
        // Forget the earlier look past the end so it is asked again.
        const auto tail = m_pages.constFind(rows / kPageSize);
        if (tail != m_pages.cend() && tail->status == PageStatus::Loaded)
            m_pages.remove(rows / kPageSize);
    }
    m_endConfirmWanted = true;
    if (m_mode == Mode::Appending)
        m_wantMore = true;
    schedule();
}

int RunLoader::loadedRows() const
{
    return m_model->store().loadedCount();
}

int RunLoader::knownRows() const
{
    return m_model->rowCount();
}

bool RunLoader::isEndKnown() const
{
    return m_ended || m_mode == Mode::Counted;
}

int RunLoader::failedPageCount() const
{
    return int(std::count_if(m_pages.cbegin(), m_pages.cend(),
                             [](const PageState &p) { return p.status == PageStatus::Failed; }));
}

int RunLoader::lastPageIndex() const
{
    const int rows = knownRows();
    return rows == 0 ? -1 : (rows - 1) / kPageSize;
}

bool RunLoader::isCandidate(int page) const
{
    const auto it = m_pages.constFind(page);
    return it == m_pages.cend() || it->status == PageStatus::Idle;
}

int RunLoader::nextWantedPage() const
{
    if (m_state != State::Opening && m_state != State::Open)
        return -1;
    if (m_mode == Mode::Unknown)
        return isCandidate(0) ? 0 : -1;

    const int lastPage = lastPageIndex();
    // 1. What is on screen, top first.
    if (m_firstVisiblePage >= 0) {
        for (int page = m_firstVisiblePage; page <= std::min(m_lastVisiblePage, lastPage); ++page) {
            if (isCandidate(page))
                return page;
        }
    }
    // 2. The page after the last row: the view reached the end (appending), a run that may have
    //    grown, or confirming the end before declaring everything loaded.
    const int rows = knownRows();
    const int tailPage = rows / kPageSize;
    const bool tailWanted = !m_ended && rows % kPageSize == 0
        && ((m_mode == Mode::Appending && (m_wantMore || m_loadAll)) || m_endConfirmWanted);
    // A re-check of a short last page (checkForNewEntries) makes that page Idle again.
    if (m_endConfirmWanted && rows % kPageSize != 0 && isCandidate(lastPage))
        return lastPage;
    if (tailWanted && m_mode == Mode::Appending && isCandidate(tailPage))
        return tailPage;
    // 3. Everything, oldest first, for export and search.
    if (m_loadAll) {
        for (int page = 0; page <= lastPage; ++page) {
            if (isCandidate(page))
                return page;
        }
    }
    if (tailWanted && isCandidate(tailPage))
        return tailPage;
    return -1;
}

void RunLoader::schedule()
{
    if (!m_client || !m_pacer)
        return;
    // How many pages could use a request now: count distinct candidates, up to the limit.
    int wanted = 0;
    QSet<int> pretendedSent;
    const int capacity = std::max(0, m_maxInFlight - m_inFlight);
    {
        // Walk the candidates by temporarily marking them, so each is counted once.
        QHash<int, PageState> saved = m_pages;
        while (wanted < capacity) {
            const int page = nextWantedPage();
            if (page < 0)
                break;
            m_pages[page].status = PageStatus::InFlight;
            ++wanted;
        }
        m_pages = std::move(saved);
    }
    const bool visible = m_mode == Mode::Unknown
        || (m_firstVisiblePage >= 0 && !m_loadAll) || m_wantMore;
    while (int(m_pendingTickets.size()) < wanted) {
        const RequestPacer::Ticket ticket = m_pacer->acquire(
            visible ? RequestPacer::Priority::Visible : RequestPacer::Priority::Background, this,
            [this](RequestPacer::Ticket granted) { onSlotGranted(granted); });
        m_pendingTickets.insert(ticket);
    }
    // Requests that waited for pages no longer wanted are dropped before they are sent.
    while (int(m_pendingTickets.size()) > wanted) {
        const RequestPacer::Ticket ticket = *m_pendingTickets.cbegin();
        m_pendingTickets.remove(ticket);
        m_pacer->cancel(ticket);
    }
}

void RunLoader::onSlotGranted(RequestPacer::Ticket ticket)
{
    if (!m_pendingTickets.remove(ticket)) {
        m_pacer->returnUnused(ticket);
        return;
    }
    const int page = nextWantedPage();
    if (page < 0) {
        m_pacer->returnUnused(ticket);
        return;
    }
    sendPage(page, ticket);
    schedule();
}

void RunLoader::sendPage(int page, RequestPacer::Ticket ticket)
{
    PageQuery query;
    query.skip = qint64(page) * kPageSize;
    query.limit = kPageSize;
    query.reverse = m_reverse;
    PageReply *reply = m_client->fetchPage(m_run, query);
    PageState &state = m_pages[page];
    state.status = PageStatus::InFlight;
    state.reply = reply;
    state.ticket = ticket;
    ++m_inFlight;
    ++m_requestsSent;
    m_model->markRows(page * kPageSize, page * kPageSize + kPageSize - 1, LogStore::RowState::Loading);
    const int generation = m_generation;
    connect(reply, &PageReply::finished, this, [this, page, reply, generation] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        onPageFinished(page, reply);
    });
    emit progressChanged();
}

void RunLoader::onPageFinished(int page, PageReply *reply)
{
    PageState &state = m_pages[page];
    if (state.reply != reply)
        return;
    state.reply = nullptr;
    --m_inFlight;
    m_pacer->finished(state.ticket);
    if (reply->error().isError())
        handleFailure(page, reply->error());
    else
        handlePage(page, reply->takePage());
    schedule();
    checkAllLoaded();
    emit progressChanged();
}

int RunLoader::jittered(int delayMs) const
{
    // ±25 % so that many clients (or pages) do not retry in lockstep.
    const int spread = std::max(1, delayMs / 4);
    return std::max(0, delayMs - spread + int(QRandomGenerator::global()->bounded(2 * spread + 1)));
}

void RunLoader::handleFailure(int page, const ApiError &error)
{
    PageState &state = m_pages[page];
    const int firstRow = page * kPageSize;
    const int lastRow = firstRow + kPageSize - 1;
    if (error.kind == ApiError::Kind::Cancelled) {
        state.status = PageStatus::Idle;
        m_model->markRows(firstRow, lastRow, LogStore::RowState::NotLoaded);
        return;
    }
    if (error.isRateLimited() && ++state.rateLimitHits <= m_retryPolicy.maxRateLimitHits) {
        const int exponent = std::min(state.rateLimitHits - 1, 16);
        const int backoff = int(std::min<qint64>(m_retryPolicy.maxDelayMs,
                                                  qint64(m_retryPolicy.rateLimitBaseDelayMs) << exponent));
        const int delay = error.retryAfterMs >= 0 ? error.retryAfterMs : jittered(backoff);
        m_pacer->pauseFor(delay);
        state.status = PageStatus::Idle; // the same page goes again once the pause is over
        m_model->markRows(firstRow, lastRow, LogStore::RowState::NotLoaded);
        emit retrying(error, delay);
        return;
    }
    if (error.isTransient() && !error.isRateLimited()
        && ++state.attempts < m_retryPolicy.maxAttempts) {
        const int exponent = std::min(state.attempts - 1, 16);
        const int delay = jittered(int(std::min<qint64>(m_retryPolicy.maxDelayMs,
                                                         qint64(m_retryPolicy.baseDelayMs) << exponent)));
        state.status = PageStatus::Backoff;
        m_model->markRows(firstRow, lastRow, LogStore::RowState::NotLoaded);
        const int generation = m_generation;
        QTimer::singleShot(delay, this, [this, page, generation] {
            if (generation != m_generation)
                return;
            auto it = m_pages.find(page);
            if (it != m_pages.end() && it->status == PageStatus::Backoff) {
                it->status = PageStatus::Idle;
                schedule();
            }
        });
        emit retrying(error, delay);
        return;
    }
    state.status = PageStatus::Failed;
    m_model->markRows(firstRow, lastRow, LogStore::RowState::Failed);
    m_lastError = error;
    if (!m_hasRunInfo)
        setState(State::Failed);
    emit pageFailed(error);
}

void RunLoader::handlePage(int page, ParsedPage &&parsed)
{
    PageState &state = m_pages[page];
    state.status = PageStatus::Loaded;
    state.attempts = 0;
    state.rateLimitHits = 0;
    updateRunInfo(parsed.run);

    const qint64 skip = qint64(page) * kPageSize;
    const int count = int(parsed.entries.size());
    const std::optional<qint64> total = parsed.run.totalLogs;
    const bool totalBelievable = total && *total >= 0 && *total <= kMaxTrustedTotal;

    if (m_mode == Mode::Unknown) {
        // The count is believed only when the first page agrees with it.
        if (totalBelievable && count == std::min<qint64>(kPageSize, *total)) {
            m_mode = Mode::Counted;
            m_model->resizeRows(int(*total));
        } else {
            m_mode = Mode::Appending;
        }
        setState(State::Open);
    }

    int rows = knownRows();
    if (m_ended && skip >= rows)
        return; // past an end that a short page already proved
    if (m_mode == Mode::Counted) {
        // A larger count means the run grew, unless a short page already proved where it ends
        // (then only checkForNewEntries() opens the end again).
        if (totalBelievable && *total > rows && !m_ended) {
            growRows(int(*total));
            rows = int(*total);
        }
        const qint64 expected = std::clamp<qint64>(rows - skip, 0, kPageSize);
        if (count < expected) {
            // A short page before the count: the count was wrong; the page is the truth.
            for (auto it = m_pages.begin(); it != m_pages.end();) {
                if (it.key() > page) {
                    if (it->reply) {
                        it->reply->disconnect(this);
                        it->reply->abort();
                        it->reply->deleteLater();
                        m_pacer->finished(it->ticket);
                        --m_inFlight;
                    }
                    it = m_pages.erase(it);
                } else {
                    ++it;
                }
            }
            m_model->resizeRows(int(skip + count));
            m_ended = true;
        } else if (count > expected) {
            growRows(int(skip + count));
            if (count == kPageSize)
                m_mode = Mode::Appending; // the count was too low: go on as the docs' loop does
            else
                m_ended = true;
        } else if (skip + count == rows && count < kPageSize) {
            m_ended = true;
        }
    } else {
        if (skip + count > rows)
            growRows(int(skip + count));
        if (skip + count >= knownRows())
            m_ended = count < kPageSize;
        m_wantMore = false;
    }
    m_model->setEntries(int(skip), std::move(parsed.entries));
    m_model->setMoreAvailable(m_mode == Mode::Appending && !m_ended);
    if (m_ended)
        m_endConfirmWanted = false;
    if (failedPageCount() == 0 && m_lastError.isError()) {
        m_lastError = ApiError();
        emit errorsCleared();
    }
}

void RunLoader::growRows(int rows)
{
    const int before = knownRows();
    if (rows <= before)
        return;
    // The old last page was short; it must be fetched again to fill the rows now after it.
    if (before % kPageSize != 0) {
        const auto last = m_pages.find((before - 1) / kPageSize);
        if (last != m_pages.end() && last->status == PageStatus::Loaded)
            last->status = PageStatus::Idle;
    }
    m_model->resizeRows(rows);
}

void RunLoader::updateRunInfo(const RunInfo &info)
{
    m_runInfo = info;
    m_hasRunInfo = true;
    emit runInfoChanged();
}

void RunLoader::checkAllLoaded()
{
    if (!m_loadAll || m_inFlight > 0 || loadedRows() != knownRows())
        return;
    if (m_ended) {
        m_loadAll = false;
        emit allLoaded();
        return;
    }
    // Every counted row is here, but a full last page could hide more: ask once past it.
    if (m_mode == Mode::Counted)
        m_endConfirmWanted = true;
    schedule();
}

void RunLoader::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
