// SPDX-License-Identifier: MIT
#include "ui/window/windowplacement.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

#include <algorithm>

namespace {

constexpr int kPreferredWidth = 1360;
constexpr int kPreferredHeight = 820;

// Whether the whole frame lies on one screen's available room (a few pixels of slack for a
// window manager's borders).
bool fitsAScreen(const QRect &frame)
{
    const QRect inner = frame.adjusted(8, 8, -8, -8);
    for (const QScreen *screen : QGuiApplication::screens()) {
        if (screen->availableGeometry().contains(inner))
            return true;
    }
    return false;
}

void placeAfresh(QWidget *window)
{
    const QScreen *screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    const QRect room = screen ? screen->availableGeometry() : QRect(0, 0, kPreferredWidth, kPreferredHeight);
    const QSize minimum = window->minimumSize();
    const int width = std::max(minimum.width(), std::min(kPreferredWidth, room.width() * 9 / 10));
    const int height = std::max(minimum.height(), std::min(kPreferredHeight, room.height() * 9 / 10));
    window->resize(width, height);
    window->move(room.x() + (room.width() - width) / 2, room.y() + (room.height() - height) / 2);
}

} // namespace

namespace WindowPlacement {

bool restore(QWidget *window, const QByteArray &saved)
{
    if (!saved.isEmpty() && window->restoreGeometry(saved) && fitsAScreen(window->frameGeometry()))
        return true;
    placeAfresh(window);
    return false;
}

} // namespace WindowPlacement
