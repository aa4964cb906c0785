// SPDX-License-Identifier: MIT
// The rendered detail view and the run header: Markdown whose images, raw HTML and links name
// local files and a loopback server loads nothing and sends no request (an image shows as its
// alt text); HTML stays text; diffs
// are coloured; wrapped lines keep their indentation; the header shows the result's first line
// without Markdown.
#include "ui/detail/difflines.h"
#include "ui/detail/entryrenderer.h"
#include "ui/detail/readablelines.h"
#include "ui/detail/richentrydocument.h"
#include "ui/window/runheader.h"
#include "ui/detail/safetextbrowser.h"
#include "ui/detail/safetextdocument.h"

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QThread>
#include <QtTest>

namespace {
int imageCharacters(const QTextDocument *document)
{
    int images = 0;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (QTextBlock::iterator it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isImageFormat())
                images += it.fragment().length();
        }
    }
    return images;
}
} // namespace

class TestRichDetail : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void markdownLoadsNothing();
    void runHeaderResultLoadsNothingAndShowsText();
    void browserFollowsNoLinkItself();
    void diffLinesAreColoured();
    void wrappedLinesKeepTheirIndentation();
    void readableLinesFindKeysInListsAndNoneInBlocks();
    void keysInListsAreColouredInBothViews();
    void markdownKeepsLineBreaksAsWritten_data();
    void markdownKeepsLineBreaksAsWritten();
    void keptLineBreaksChangeOnlyWhiteSpace();

private:
    QString hostilePayload() const;
    QTextDocument *render(const QByteArray &entry);

    std::unique_ptr<QTcpServer> m_server;
    int m_connections = 0;
    QTemporaryDir m_dir;
    QString m_imagePath;
};

void TestRichDetail::init()
{
    m_server = std::make_unique<QTcpServer>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost));
    m_connections = 0;
    connect(m_server.get(), &QTcpServer::newConnection, this, [this] {
        ++m_connections;
        while (QTcpSocket *socket = m_server->nextPendingConnection())
            socket->deleteLater();
    });
    // A real PNG on disk: were it loaded, the document would hold an image for its path.
    m_imagePath = m_dir.filePath(QStringLiteral("secret.png"));
    QImage image(4, 4, QImage::Format_ARGB32);
    image.fill(Qt::red);
    QVERIFY(image.save(m_imagePath));
}

QString TestRichDetail::hostilePayload() const
{
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort());
    return QStringLiteral("## Done\n\n![local](%1) ![passwd](/etc/passwd) ![remote](%2/a.png)\n\n"
                          "<img src=\"%2/b.png\"> <b>bold?</b> <script>alert(1)</script>\n\n"
                          "[a link](%2/c) and [a file](file:///etc/passwd)\n")
        .arg(m_imagePath, base);
}

QTextDocument *TestRichDetail::render(const QByteArray &entry)
{
    return RichEntryDocument::build(entry, QApplication::font(), QApplication::font(), QThread::currentThread());
}

void TestRichDetail::markdownLoadsNothing()
{
    QJsonObject entry{{QStringLiteral("agent_run_id"), 1}, {QStringLiteral("message_type"), QStringLiteral("FINAL_ANSWER")},
                      {QStringLiteral("thought"), hostilePayload()}, {QStringLiteral("observation"), hostilePayload()}};
    std::unique_ptr<QTextDocument> document(render(QJsonDocument(entry).toJson(QJsonDocument::Compact)));
    auto *safe = qobject_cast<SafeTextDocument *>(document.get());
    QVERIFY(safe);

    SafeTextBrowser browser;
    browser.resize(700, 500);
    browser.setDocument(document.get());
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    browser.grab(); // lays out and paints: images are asked for now
    QTest::qWait(300);

    QCOMPARE(m_connections, 0);
    // No image is left to ask for: each shows as its alt text (tst_markdownimages: no file opened).
    QCOMPARE(imageCharacters(document.get()), 0);
    // Asked anyway, a resource is still refused, the local PNG too (QTextDocument would read it).
    QVERIFY(document->resource(QTextDocument::ImageResource, QUrl::fromLocalFile(m_imagePath)).isNull());
    QVERIFY(document->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("/etc/passwd"))).isNull());
    QVERIFY(safe->refusedResources() >= 2);
    const QString text = document->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("[image: local] [image: passwd] [image: remote]")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("<img src=")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("<script>")));
    QVERIFY(text.contains(QStringLiteral("Done")));
    QVERIFY(!text.contains(QStringLiteral("## Done")));
    browser.setDocument(nullptr);
}

void TestRichDetail::runHeaderResultLoadsNothingAndShowsText()
{
    RunHeader header;
    RunInfo info;
    info.id = 5;
    info.organizationId = 1;
    info.result = hostilePayload();
    header.resize(900, 300);
    header.setRunInfo(info);
    header.show();
    QVERIFY(QTest::qWaitForWindowExposed(&header));
    auto *browser = header.findChild<SafeTextBrowser *>();
    QVERIFY(browser);
    browser->show();
    header.grab();
    QTest::qWait(300);
    QCOMPARE(m_connections, 0);
    auto *document = qobject_cast<SafeTextDocument *>(browser->document());
    QVERIFY(document);
    QCOMPARE(imageCharacters(document), 0);
    QVERIFY(document->resource(QTextDocument::ImageResource, QUrl::fromLocalFile(m_imagePath)).isNull());
    QVERIFY(document->refusedResources() >= 1);
    QVERIFY2(document->toPlainText().contains(QStringLiteral("[image: local] [image: passwd] [image: remote]")),
             qPrintable(document->toPlainText()));
    QVERIFY2(header.resultText().startsWith(QStringLiteral("Result: Done")), qPrintable(header.resultText()));
}

void TestRichDetail::browserFollowsNoLinkItself()
{
    // Which links open is WebUrl's rule, through ExternalLink (tst_externallink).
    SafeTextBrowser browser;
    QVERIFY(!browser.openLinks());
    QVERIFY(!browser.openExternalLinks());
}

void TestRichDetail::diffLinesAreColoured()
{
    const QByteArray entry = R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"git",)"
                             R"("tool_output":{"diff":"@@ -1,2 +1,2 @@\n context\n-old line\n+new line\n","exit_code":0}})";
    std::unique_ptr<QTextDocument> document(render(entry));
    const QColor added = DiffLines::formatFor(DiffLines::Kind::Added).foreground().color();
    const QColor removed = DiffLines::formatFor(DiffLines::Kind::Removed).foreground().color();
    QVERIFY(added != removed);
    int seen = 0;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text().trimmed();
        const QColor colour = block.begin().fragment().charFormat().foreground().color();
        if (text == QLatin1String("+new line")) {
            QCOMPARE(colour, added);
            ++seen;
        } else if (text == QLatin1String("-old line")) {
            QCOMPARE(colour, removed);
            ++seen;
        } else if (text == QLatin1String("context")) {
            QVERIFY(colour != added && colour != removed);
            ++seen;
        }
    }
    QCOMPARE(seen, 3);
}

void TestRichDetail::wrappedLinesKeepTheirIndentation()
{
    const QString longText = QStringLiteral("word ").repeated(60);
    QJsonObject input{{QStringLiteral("outer"), QJsonObject{{QStringLiteral("inner"), longText}}}};
    QJsonObject entry{{QStringLiteral("agent_run_id"), 1}, {QStringLiteral("tool_input"), input}};
    std::unique_ptr<QTextDocument> document(render(QJsonDocument(entry).toJson(QJsonDocument::Compact)));
    document->setTextWidth(300);
    (void)document->size(); // lays the document out
    bool found = false;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (!block.text().trimmed().startsWith(QLatin1String("inner:")))
            continue;
        found = true;
        const int spaces = int(block.text().indexOf(QLatin1String("inner")));
        QVERIFY(spaces > 0);
        QTextLayout *layout = block.layout();
        QVERIFY2(layout->lineCount() > 1, "the line did not wrap at 300 px");
        // Every wrapped line starts where the text after the indentation starts.
        const qreal textStart = layout->lineAt(0).cursorToX(spaces);
        for (int i = 1; i < layout->lineCount(); ++i)
            QVERIFY2(qAbs(layout->lineAt(i).x() - textStart) < 1.0,
                     qPrintable(QStringLiteral("line %1 starts at %2, text at %3").arg(i).arg(layout->lineAt(i).x()).arg(textStart)));
    }
    QVERIFY(found);
}

void TestRichDetail::readableLinesFindKeysInListsAndNoneInBlocks()
{
    using Kind = ReadableLines::Kind;
    const struct
    {
        const char *line;
        Kind kind;
        int keyStart;
        int keyLength;
    } expected[] = {
        {"source_records:", Kind::Key, 0, 15},
        {"  - agent: main", Kind::Key, 4, 6},
        {"    content:", Kind::Key, 4, 8},
        {"      - text: |", Kind::Key, 8, 5},
        {"          <uploaded_files>", Kind::BlockText, 0, 0},
        {"", Kind::Other, 0, 0}, // a block's empty line keeps it open
        {"          Consider the following PR description:", Kind::BlockText, 0, 0},
        {"        type: text", Kind::Key, 8, 5},
        {"      - |", Kind::Other, 0, 0},
        {"        first: line", Kind::BlockText, 0, 0},
        {"          - deeper: still text", Kind::BlockText, 0, 0},
        {"      - - nested: item", Kind::Key, 10, 7},
        {"  - -v: true", Kind::Key, 4, 3},   // a key that starts with a dash
        {"  - just text", Kind::Other, 0, 0},
        {"  - 42", Kind::Other, 0, 0},
        {"exit_code: 0", Kind::Key, 0, 10},
    };
    ReadableLines lines;
    for (const auto &want : expected) {
        const QString line = QString::fromUtf8(want.line);
        const ReadableLines::Line got = lines.next(line);
        QVERIFY2(got.kind == want.kind, want.line);
        if (want.kind == Kind::Key) {
            QCOMPARE(got.keyStart, want.keyStart);
            QCOMPARE(got.keyLength, want.keyLength);
        }
    }
    // The first line of a block sets where its text starts; a diff is a diff from there on.
    ReadableLines diff;
    QVERIFY(diff.next(QStringLiteral("patch: |")).kind == Kind::Key);
    const ReadableLines::Line first = diff.next(QStringLiteral("  @@ -1 +1 @@"));
    QVERIFY(first.kind == Kind::BlockText);
    QVERIFY(first.blockIsDiff);
    QCOMPARE(first.textStart, 2);
    // A new section closes a block.
    diff.reset();
    QVERIFY(diff.next(QStringLiteral("  note: x")).kind == Kind::Key);
}

void TestRichDetail::keysInListsAreColouredInBothViews()
{
    // Content blocks as Claude Code and SWE-agent logs hold them: the object's first key is on
    // the item's line, and a sentence ending in a colon inside a multi-line text is no key.
    const QByteArray entry = R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"read",)"
                             R"("tool_output":{"content":[{"text":"<files>\nConsider the following:","type":"text"},)"
                             R"({"text":"one line","type":"text"}]}})";
    const QColor key = EntryRenderer::keyColour();
    const auto keyColouredText = [&](const QTextDocument *document) {
        QStringList coloured;
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            for (QTextBlock::iterator it = block.begin(); !it.atEnd(); ++it) {
                if (it.fragment().charFormat().foreground().color() == key)
                    coloured << it.fragment().text();
            }
            for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
                if (range.format.foreground().color() == key)
                    coloured << block.text().mid(range.start, range.length);
            }
        }
        return coloured;
    };
    const QStringList expected{QStringLiteral("content:"), QStringLiteral("text:"), QStringLiteral("type:"),
                               QStringLiteral("text:"), QStringLiteral("type:")};
    std::unique_ptr<QTextDocument> rich(render(entry));
    QCOMPARE(keyColouredText(rich.get()), expected);
    std::unique_ptr<QTextDocument> plain(
        EntryRenderer::buildDocument(entry, EntryRenderer::Mode::Readable, QApplication::font(), QThread::currentThread()));
    QCOMPARE(keyColouredText(plain.get()), expected);
}

void TestRichDetail::markdownKeepsLineBreaksAsWritten_data()
{
    // The document's blocks (paragraphs, list items, code lines), a line broken inside one as
    // "/": written by hand from what GitHub shows for the same Markdown.
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("blocks");
    QTest::newRow("lines of an observation") << QStringLiteral("<uploaded_files>\n/repo\n</uploaded_files>")
                                             << QStringList{QStringLiteral("<uploaded_files>/ /repo/ </uploaded_files>")};
    QTest::newRow("a traceback") << QStringLiteral("Traceback (most recent call last):\n  File \"x.py\", line 3\nZeroDivisionError")
                                 << QStringList{QStringLiteral("Traceback (most recent call last):/ File \"x.py\", line 3/ ZeroDivisionError")};
    QTest::newRow("paragraphs stay paragraphs") << QStringLiteral("First.\n\nSecond\nline.")
                                                << QStringList{QStringLiteral("First."), QStringLiteral("Second/ line.")};
    QTest::newRow("a list's items") << QStringLiteral("Files:\n- a.py\n- b.py\n1. one\n2) two")
                                    << QStringList{QStringLiteral("Files:"), QStringLiteral("a.py"), QStringLiteral("b.py"),
                                                   QStringLiteral("one"), QStringLiteral("two")};
    QTest::newRow("an item going on") << QStringLiteral("- first\n  more\n- second")
                                      << QStringList{QStringLiteral("first/ more"), QStringLiteral("second")};
    QTest::newRow("a fence as written") << QStringLiteral("Run:\n```\nmake\nmake test\n```\ndone\nnow")
                                        << QStringList{QStringLiteral("Run:"), QStringLiteral("make"), QStringLiteral("make test"),
                                                       QStringLiteral("done/ now")};
    QTest::newRow("a longer fence") << QStringLiteral("~~~~\na\n~~~\nb\n~~~~\nafter")
                                    << QStringList{QStringLiteral("a"), QStringLiteral("~~~"), QStringLiteral("b"), QStringLiteral("after")};
    QTest::newRow("headings") << QStringLiteral("# Title\ntext\nmore\nUnderlined\n---")
                              << QStringList{QStringLiteral("Title"), QStringLiteral("text/ more/ Underlined")};
    QTest::newRow("a quote") << QStringLiteral("Said:\n> yes") << QStringList{QStringLiteral("Said:"), QStringLiteral("yes")};
    QTest::newRow("an existing break") << QStringLiteral("one\\\ntwo") << QStringList{QStringLiteral("one"), QStringLiteral("two")};
    QTest::newRow("Windows line ends") << QStringLiteral("one\r\ntwo") << QStringList{QStringLiteral("one/ two")};
    QTest::newRow("one line") << QStringLiteral("just *this*") << QStringList{QStringLiteral("just this")};
}

void TestRichDetail::markdownKeepsLineBreaksAsWritten()
{
    QFETCH(QString, markdown);
    QFETCH(QStringList, blocks);
    SafeTextDocument document;
    document.setMarkdownText(markdown);
    QStringList shown;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        QString text = block.text();
        if (!markdown.contains(QChar(0x2000)))
            QVERIFY2(!text.contains(QChar(0x2000)), "a marker was left in the text");
        shown << text.replace(QChar::LineSeparator, QStringLiteral("/ "));
    }
    QVERIFY2(shown == blocks, qPrintable(shown.join(QStringLiteral(" ¶ "))));
}

void TestRichDetail::keptLineBreaksChangeOnlyWhiteSpace()
{
    // Random Markdown of the pieces that start or end blocks: kept breaks change where lines
    // break, never what is shown; and no marker is left.
    const QStringList pieces{QStringLiteral("\n"), QStringLiteral("\n\n"), QStringLiteral("\r\n"), QStringLiteral("- "),
                             QStringLiteral("* "), QStringLiteral("1. "), QStringLiteral("2) "), QStringLiteral("# "),
                             QStringLiteral("> "), QStringLiteral("| a | b |"), QStringLiteral("---"), QStringLiteral("==="),
                             QStringLiteral("```"), QStringLiteral("~~~"), QStringLiteral("    "), QStringLiteral("  "),
                             QStringLiteral("\t"), QStringLiteral("\\"), QStringLiteral("word"), QStringLiteral("é"),
                             QStringLiteral("*em*"), QStringLiteral("`code`"), QStringLiteral("x:"), QStringLiteral("[l](http://x)"),
                             QString(QChar(0x2000))}; // the marker itself: the text is read as it is
    QRandomGenerator random(20261207);
    const auto shownWithoutSpace = [](const QTextDocument &document) {
        QString text = document.toPlainText();
        text.remove(QRegularExpression(QStringLiteral("[\\s\\x{2028}]")));
        return text;
    };
    for (int round = 0; round < 3000; ++round) {
        QString markdown;
        const int count = 1 + int(random.bounded(14));
        for (int i = 0; i < count; ++i)
            markdown += pieces.at(int(random.bounded(pieces.size())));
        SafeTextDocument kept;
        kept.setMarkdownText(markdown);
        if (!markdown.contains(QChar(0x2000)))
            QVERIFY2(!kept.toPlainText().contains(QChar(0x2000)), qPrintable(markdown));
        // The same text read by Qt alone (images are left out: they are text in one, images in the other).
        QTextDocument plain;
        plain.setMarkdown(markdown, SafeTextDocument::markdownFeatures());
        const QString expected = shownWithoutSpace(plain);
        QVERIFY2(shownWithoutSpace(kept) == expected,
                 qPrintable(QStringLiteral("%1\n shown: %2\n Qt: %3").arg(QString::fromLatin1(markdown.toUtf8().toPercentEncoding(" ")), shownWithoutSpace(kept), expected)));
    }
}

QTEST_MAIN(TestRichDetail)
#include "tst_richdetail.moc"
