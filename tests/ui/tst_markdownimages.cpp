// SPDX-License-Identifier: MIT
// A Markdown image in a run opens no file: ![a](PATH) in a thought, a text observation, a final
// answer and the run's result, for a FIFO (whose open() would wait for a writer for good),
// /dev/tty, an absolute PNG and a relative PNG (the working directory is the test's folder).
// Each field is rendered by the widget that shows it, laid out and painted, and copied to the
// clipboard (Qt writes ODF for a copy, which loads images too). inotify counts every open in the
// folder and of /dev/tty; a thread stands ready as the FIFO's writer, so that if the window
// blocks opening the FIFO to read it, the test sees that and fails instead of hanging.
#include "ui/detail/detailpane.h"
#include "ui/detail/markdownview.h"
#include "run/runinfo.h"
#include "ui/window/runheader.h"
#include "ui/detail/safetextbrowser.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QtTest>

#include <atomic>
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

// Counts opens of the files in a folder and of single files, by inotify (IN_OPEN is reported
// for every successful open, whoever does it and however: QFile, QImageReader, fopen).
class OpenCounter
{
public:
    OpenCounter()
        : m_fd(inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
    {
    }
    ~OpenCounter()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    OpenCounter(const OpenCounter &) = delete;
    OpenCounter &operator=(const OpenCounter &) = delete;

    bool isValid() const { return m_fd >= 0; }
    bool watch(const QString &path) { return inotify_add_watch(m_fd, QFile::encodeName(path).constData(), IN_OPEN) >= 0; }

    // Opens since the last call, named.
    QStringList take()
    {
        QStringList opened;
        alignas(inotify_event) char buffer[4096];
        for (;;) {
            const ssize_t size = ::read(m_fd, buffer, sizeof buffer);
            if (size <= 0)
                return opened;
            for (ssize_t at = 0; at < size;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
                if (event->mask & IN_OPEN)
                    opened << (event->len > 0 ? QString::fromLocal8Bit(event->name) : QStringLiteral("(a watched file)"));
                at += ssize_t(sizeof(inotify_event)) + ssize_t(event->len);
            }
        }
    }

private:
    int m_fd;
};

// While it runs, tries to open the FIFO for writing without blocking. That succeeds only while
// someone has it open, or is waiting in open(), to read: nobody should. Each success is counted
// and closed at once, which lets a waiting reader go on (to read nothing) instead of hanging.
class FifoWriter
{
public:
    explicit FifoWriter(const QByteArray &path)
        : m_thread([this, path] {
            while (!m_stop) {
                const int fd = ::open(path.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
                if (fd >= 0) {
                    ++m_readersSeen;
                    ::close(fd);
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        })
    {
    }
    ~FifoWriter() { stop(); }
    FifoWriter(const FifoWriter &) = delete;
    FifoWriter &operator=(const FifoWriter &) = delete;

    int stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        return m_readersSeen;
    }

private:
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_readersSeen{0};
    std::thread m_thread;
};

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

QByteArray entry(const QString &messageType, const QString &field, const QString &markdown)
{
    QJsonObject object{{QStringLiteral("agent_run_id"), 1}, {QStringLiteral("message_type"), messageType}, {field, markdown}};
    if (messageType == QLatin1String("ACTION"))
        object.insert(QStringLiteral("tool_name"), QStringLiteral("bash"));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestMarkdownImages : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void imagesOpenNoFile_data();
    void imagesOpenNoFile();

private:
    // What the widget shows, after it was laid out, painted and copied from.
    QString renderInDetailPane(const QByteArray &rawEntry, int *images);
    QString renderInRunHeader(const QString &markdown, int *images);
    void copyAll(SafeTextBrowser *browser);

    QTemporaryDir m_dir;
    QString m_previousDirectory;
    QString m_fifo;
};

void TestMarkdownImages::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QImage image(4, 4, QImage::Format_ARGB32);
    image.fill(Qt::red);
    QVERIFY(image.save(m_dir.filePath(QStringLiteral("absolute.png"))));
    QVERIFY(image.save(m_dir.filePath(QStringLiteral("relative.png"))));
    m_fifo = m_dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(m_fifo).constData(), 0600), 0);
    // "relative.png" is read from the working directory, if anything reads it.
    m_previousDirectory = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir.path()));
}

void TestMarkdownImages::cleanupTestCase()
{
    QDir::setCurrent(m_previousDirectory);
}

void TestMarkdownImages::imagesOpenNoFile_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("path");
    const QStringList fields = {QStringLiteral("thought"), QStringLiteral("observation"), QStringLiteral("final answer"),
                                QStringLiteral("run result")};
    const QList<std::pair<const char *, QString>> paths = {
        {"fifo", m_dir.filePath(QStringLiteral("fifo"))},
        {"/dev/tty", QStringLiteral("/dev/tty")},
        {"absolute png", m_dir.filePath(QStringLiteral("absolute.png"))},
        {"relative png", QStringLiteral("relative.png")},
    };
    for (const QString &field : fields) {
        for (const auto &[name, path] : paths)
            QTest::addRow("%s, %s", qPrintable(field), name) << field << path;
    }
}

void TestMarkdownImages::imagesOpenNoFile()
{
    QFETCH(QString, field);
    QFETCH(QString, path);
    const QString markdown = QStringLiteral("Look: ![shot](%1) done\n\nsecond paragraph").arg(path);

    OpenCounter opens;
    QVERIFY(opens.isValid());
    QVERIFY(opens.watch(m_dir.path()));
    // Without a controlling terminal (CI) opening /dev/tty fails, and inotify sees no failed
    // open: the FIFO and the PNGs are the cases that prove it there.
    opens.watch(QStringLiteral("/dev/tty"));
    FifoWriter writer(QFile::encodeName(m_fifo));

    QString shown;
    int images = -1;
    if (field == QLatin1String("thought"))
        shown = renderInDetailPane(entry(QStringLiteral("PLAN_EVALUATION"), QStringLiteral("thought"), markdown), &images);
    else if (field == QLatin1String("observation"))
        shown = renderInDetailPane(entry(QStringLiteral("ACTION"), QStringLiteral("observation"), markdown), &images);
    else if (field == QLatin1String("final answer"))
        shown = renderInDetailPane(entry(QStringLiteral("FINAL_ANSWER"), QStringLiteral("observation"), markdown), &images);
    else
        shown = renderInRunHeader(markdown, &images);
    if (QTest::currentTestFailed())
        return;

    const int fifoReaders = writer.stop();
    const QStringList opened = opens.take();
    QVERIFY2(opened.isEmpty(), qPrintable(QStringLiteral("opened: ") + opened.join(QStringLiteral(", "))));
    QVERIFY2(fifoReaders == 0, qPrintable(QStringLiteral("the FIFO was opened to be read %1 times").arg(fifoReaders)));
    QCOMPARE(images, 0);
    // The image shows as its alt text, in a placeholder, in its place.
    QVERIFY2(shown.contains(QStringLiteral("Look: [image: shot] done")), qPrintable(shown));
}

QString TestMarkdownImages::renderInDetailPane(const QByteArray &rawEntry, int *images)
{
    DetailPane pane;
    pane.resize(700, 500);
    pane.show();
    if (!QTest::qWaitForWindowExposed(&pane)) {
        QTest::qFail("the detail pane was not shown", __FILE__, __LINE__);
        return {};
    }
    QSignalSpy rendered(&pane, &DetailPane::rendered);
    pane.showEntry(rawEntry, QStringLiteral("#1"));
    if (!rendered.wait(20000)) {
        QTest::qFail("the entry was not rendered", __FILE__, __LINE__);
        return {};
    }
    if (pane.currentView() != pane.richView()) {
        QTest::qFail("the entry is not in the rich view", __FILE__, __LINE__);
        return {};
    }
    pane.grab(); // lays out and paints: where Qt would load an image
    copyAll(pane.richView());
    *images = imageCharacters(pane.richView()->document());
    return pane.richView()->toPlainText();
}

QString TestMarkdownImages::renderInRunHeader(const QString &markdown, int *images)
{
    RunHeader header;
    RunInfo info;
    info.id = 5;
    info.organizationId = 1;
    info.result = markdown;
    header.resize(900, 400);
    header.setRunInfo(info);
    header.show();
    if (!QTest::qWaitForWindowExposed(&header)) {
        QTest::qFail("the run header was not shown", __FILE__, __LINE__);
        return {};
    }
    auto *view = header.findChild<MarkdownView *>();
    if (!view) {
        QTest::qFail("the run header has no MarkdownView", __FILE__, __LINE__);
        return {};
    }
    view->show(); // under "Details"
    header.grab();
    copyAll(view);
    *images = imageCharacters(view->document());
    // The one-line result above, and the whole result under Details.
    return header.resultText() + QLatin1Char('\n') + view->toPlainText();
}

void TestMarkdownImages::copyAll(SafeTextBrowser *browser)
{
    browser->selectAll();
    browser->copy();
    // The clipboard asks for the formats only when someone pastes: ask for each, as a paste would.
    const QMimeData *data = QApplication::clipboard()->mimeData();
    if (!data)
        return;
    for (const QString &format : data->formats())
        (void)data->data(format);
}

QTEST_MAIN(TestMarkdownImages)
#include "tst_markdownimages.moc"
