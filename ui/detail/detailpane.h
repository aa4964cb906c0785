// SPDX-License-Identifier: MIT
#pragma once

#include "ui/detail/entryrenderer.h"
#include "search/searchengine.h"
#include "search/searchquery.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QWidget>

class ElidedLabel;
class JsonTreeView;
class MarkdownView;
class QFrame;
class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class SafeTextBrowser;
class QTextDocument;
class QToolButton;

// The selected entry in full: thought, tool input, tool output and observation, readable or as
// indented JSON, never cut however large, or as a collapsible JSON tree. The document is built on
// a worker thread; choosing another entry meanwhile simply drops the stale result. The readable
// view renders Markdown, diffs and hanging indents (a rich document) for entries up to
// RichEntryDocument::kMaxBytes, and plain text beyond, where rich layout would stall the window.
class DetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailPane(QWidget *parent = nullptr);
    ~DetailPane() override;

    // title: "#42 · ACTION · bash · 12:03:04"; shorterForms: shorter titles, longest first
    // ("#42 · ACTION · bash", "#42 · ACTION"), shown before anything is cut. Where not even the
    // shortest fits beside the pane's buttons, the title takes a line of its own above them.
    void showEntry(const QByteArray &rawEntry, const QString &title, const QStringList &shorterForms = {});
    void showMessage(const QString &message);
    void clear();
    // The user's note on the shown entry, above it, as Markdown without HTML; empty hides it.
    void setNote(const QString &text);
    QString noteText() const { return m_noteText; }
    MarkdownView *noteView() const { return m_note; }

    void setMode(EntryRenderer::Mode mode);
    EntryRenderer::Mode mode() const { return m_mode; }
    QByteArray entryJson() const { return m_raw; }
    QString displayedText() const;
    bool isRendering() const { return m_watcher.isRunning(); }
    QPlainTextEdit *textView() const { return m_text; }
    // View > Zoom: the text's font; the shown entry is rendered again with it.
    void setTextFont(const QFont &font);
    // View > Wrap Long Lines: wrapped at the pane's width, or one line each, scrolled sideways.
    void setWrapLines(bool wrap);
    SafeTextBrowser *richView() const { return m_rich; }
    // The widget showing the entry now: the plain view, the rich view or the tree.
    QWidget *currentView() const;
    // Matches of the search are highlighted in whatever entry is shown, and the first one is
    // scrolled into view. An empty query removes the highlights.
    void setHighlight(const SearchQuery &query);
    int highlightCount() const { return m_highlightCount; }

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    void modeChanged(EntryRenderer::Mode mode);
    void rendered();

private:
    void render();
    void onRendered();
    void copyPart(const QString &what);
    void replaceDocument(QTextDocument *document);
    void applyHighlight();
    void fitNoteHeight();
    void placeTitle();

    ElidedLabel *m_title;
    // The title's two places: beside the buttons, or on a line of its own above them.
    QHBoxLayout *m_titleLine = nullptr;
    QHBoxLayout *m_bar = nullptr;
    bool m_titleOnOwnLine = false;
    QLabel *m_busy;
    QToolButton *m_readableButton;
    QToolButton *m_jsonButton;
    QToolButton *m_treeButton;
    QToolButton *m_copyButton;
    QPlainTextEdit *m_text;
    SafeTextBrowser *m_rich;
    JsonTreeView *m_tree;
    QStackedWidget *m_views;
    QFrame *m_noteBox;
    QLabel *m_noteCaption;
    MarkdownView *m_note;
    QString m_noteText;
    bool m_changingMode = false;
    QTextDocument *m_placeholderDocument;
    QByteArray m_raw;
    EntryRenderer::Mode m_mode = EntryRenderer::Mode::Readable;
    struct Rendered {
        QTextDocument *document = nullptr;
        QString text;
        bool rich = false;
    };
    void onHighlightsFound();

    QFutureWatcher<Rendered> m_watcher;
    QFutureWatcher<QList<TextRange>> m_highlightWatcher;
    QString m_shownText;       // the rendered document's text, searched on a worker
    int m_highlightGeneration = 0;
    int m_generation = 0;
    int m_renderingGeneration = -1;
    SearchQuery m_highlight;
    int m_highlightCount = 0;
};
