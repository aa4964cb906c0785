// SPDX-License-Identifier: MIT
// Where the window opens (issue 27, 7): on the offscreen platform's screen, a first window made
// for the screen (never larger than its room), a saved geometry that fits restored as it was,
// one that does not fit the screens there are now replaced by a fresh placement.
#include "ui/window/windowplacement.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>
#include <QtTest>

class TestWindowPlacement : public QObject
{
    Q_OBJECT
private slots:
    void firstWindowIsMadeForTheScreen();
    void savedGeometryThatFitsIsRestored();
    void savedGeometryOffTheScreensIsNot();

private:
    static QRect room() { return QGuiApplication::primaryScreen()->availableGeometry(); }
};

void TestWindowPlacement::firstWindowIsMadeForTheScreen()
{
    QWidget window;
    window.setMinimumSize(200, 150);
    QVERIFY(!WindowPlacement::restore(&window, {}));
    // 90 % of the room, at most 1360×820, centred.
    const QSize expected(std::min(1360, room().width() * 9 / 10), std::min(820, room().height() * 9 / 10));
    QCOMPARE(window.size(), expected);
    QVERIFY(room().contains(window.geometry()));
    // Centred: as much room on the left as on the right (to a pixel).
    QVERIFY(qAbs((window.geometry().left() - room().left()) - (room().right() - window.geometry().right())) <= 1);
}

void TestWindowPlacement::savedGeometryThatFitsIsRestored()
{
    QByteArray saved;
    {
        QWidget earlier;
        earlier.setGeometry(room().left() + 20, room().top() + 30, room().width() / 2, room().height() / 2);
        saved = earlier.saveGeometry();
    }
    QWidget window;
    QVERIFY(WindowPlacement::restore(&window, saved));
    QCOMPARE(window.geometry(), QRect(room().left() + 20, room().top() + 30, room().width() / 2, room().height() / 2));
}

void TestWindowPlacement::savedGeometryOffTheScreensIsNot()
{
    QByteArray saved;
    {
        // Saved on a bigger monitor that is gone now: wider and taller than this screen.
        QWidget earlier;
        earlier.setGeometry(room().left(), room().top(), room().width() * 2, room().height() * 2);
        saved = earlier.saveGeometry();
    }
    QWidget window;
    window.setMinimumSize(200, 150);
    QVERIFY(!WindowPlacement::restore(&window, saved));
    QVERIFY(room().contains(window.geometry()));
}

QTEST_MAIN(TestWindowPlacement)
#include "tst_windowplacement.moc"
