// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

// The run's metadata as the run header shows it: one line, and the whole object indented.
//
// Every page the server sends repeats the run's fields, metadata included, and metadata may be
// large (a 100 MB object fits in a page). Formatting it is work for a worker, and only once per
// distinct value: setMetadata() with the bytes already shown (or being formatted) does nothing.
// One format runs at a time; a newer value waiting meanwhile is formatted next, values in between
// are skipped. Signals arrive on the owner's thread.
class MetadataFormatter : public QObject
{
    Q_OBJECT
public:
    // The indented text shown in full stops after this many characters (with a note saying so):
    // a plain-text view of hundreds of megabytes would stall the window that shows it. Exports
    // keep every byte.
    static constexpr qsizetype kMaxFullChars = 256 * 1024;
    // The one-line form is a preview of at most this many bytes of the compact JSON.
    static constexpr qsizetype kOneLineBytes = 2000;

    struct Text {
        QString oneLine;   // its key fields ("repo: runlog · tags: [1,2]"), at most kOneLineBytes
        QString full;      // key: value pairs; past kMaxFullChars indented JSON, cut with a note
    };

    explicit MetadataFormatter(QObject *parent = nullptr);
    ~MetadataFormatter() override;

    // Raw JSON bytes of the run's "metadata" (empty: none).
    void setMetadata(const QByteArray &raw);
    void clear();

    // What the last finished format gave for the current metadata.
    const Text &text() const { return m_text; }
    bool isFormatting() const { return m_formatInFlight; }
    // Formats started since construction (each distinct value once): for tests.
    int formatCount() const { return m_formatCount; }

    // The same work, in place (thread-safe, pure).
    static Text format(const QByteArray &raw);

signals:
    // The current metadata's text is ready (not emitted for values superseded meanwhile).
    void formatted();

private:
    void startFormat();
    void onFormatted();

    QByteArray m_wanted;          // the metadata to show
    QByteArray m_inFormat;        // the bytes the running (or last) format was given
    bool m_haveText = false;      // m_text is for m_inFormat and it equals m_wanted
    // A format started and its result not yet taken. Not QFutureWatcher::isRunning(): the future
    // stops running before its finished() signal arrives, and a repeat of the value in that gap
    // would start a second format of the same bytes.
    bool m_formatInFlight = false;
    Text m_text;
    QFutureWatcher<Text> m_watcher;
    int m_formatCount = 0;
};
