// SPDX-License-Identifier: MIT
#pragma once

#include "api/apierror.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkReply;

// One request to the API, in flight: the transport every endpoint shares (the logs' pages,
// the organization's run list). Emits finished() exactly once, with either the subclass's parsed
// answer or an error. Watches the reply's time (idle and total), its size and the bodies in
// flight together (InFlightBudget), and its redirects (same origin only, so the token stays
// home), and turns statuses and transport failures into ApiError values. A 2xx body goes to
// parseBody(), which parses it off the caller's thread and calls finishParsed().
class ApiReply : public QObject
{
    Q_OBJECT
public:
    struct Limits {
        int idleTimeoutMs = 30000;        // no byte for this long: Timeout
        int totalTimeoutMs = 180000;      // the whole reply took longer: Timeout
        // A larger body is refused (TooLarge) and its download stopped. 128 MB: a page holds
        // at most 100 entries, so this allows 1.3 MB per entry on average, or one 100 MB tool
        // output. What a page costs beyond its body is bounded elsewhere: the bodies held at
        // once by InFlightBudget (256 MB), the JSON parsed at once by ParseBudget (128 MB), and
        // parsing a document by JsonValidation's choice of validator (the structural index,
        // 4 bytes per structural character, is then the largest part).
        // tests/benchmarks/bench_memorybounds measures the peak on maximal hostile pages.
        qint64 maxBodyBytes = 128LL << 20;
    };

    ApiReply(QNetworkReply *reply, const QUrl &allowedOrigin, const Limits &limits,
             QObject *parent = nullptr);
    // A reply that fails without any request (e.g. an insecure URL); finishes from the event loop.
    ApiReply(const ApiError &error, QObject *parent = nullptr);
    ~ApiReply() override;

    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    qint64 bodyBytes() const { return m_bodyBytes; }

    // Text that must never appear in an error (the token: a hostile or careless server may echo
    // the Authorization header in its error body). Replaced before finished().
    void setSecret(const QByteArray &secret) { m_secret = secret; }

    // Stops the request; finished() follows with a Cancelled error.
    void abort();

signals:
    void finished();

protected:
    // A 2xx body: parse it on a worker thread, then call finishParsed().
    virtual void parseBody(QByteArray &&body) = 0;
    // A parse is running: stop waiting for it (abort()), its result is dropped; false if none.
    virtual bool dropParse() = 0;
    // `ok`: the answer is in the subclass; else the body was not what was expected (`parseError`).
    void finishParsed(bool ok, const QString &parseError);

private:
    void onRedirected(const QUrl &target);
    void onProgress(qint64 received, qint64 total);
    void onReadyRead();
    void onNetworkFinished();
    void failBeforeFinish(ApiError::Kind kind, const QString &detail);
    void finish();
    void releaseBudget();

    QPointer<QNetworkReply> m_reply;
    QUrl m_allowedOrigin;
    Limits m_limits;
    QTimer m_idleTimer;
    QTimer m_totalTimer;
    ApiError m_error;        // set when we abort on purpose, so Qt's generic error is not used
    // Set wherever this class aborts the request (cancel, timeout, size, redirect): only then is
    // Qt's OperationCanceledError ours. Qt also reports it when it aborts by itself.
    bool m_abortedByUs = false;
    QByteArray m_body;       // what arrived so far, never more than maxBodyBytes
    qint64 m_bodyBytes = 0;
    qint64 m_budgetHeld = 0;   // of InFlightBudget, from the first byte until the parse is done
    QByteArray m_secret;
    bool m_finished = false;
};
