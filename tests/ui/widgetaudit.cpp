// SPDX-License-Identifier: MIT
#include "widgetaudit.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTabBar>
#include <QTextEdit>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QWidget>

namespace {

QString nameOf(const QWidget *widget)
{
    QString name = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->objectName().isEmpty())
        name += u'#' + widget->objectName();
    return name;
}

// Widgets shown to the user: visible within their window and not of zero size.
bool isShown(const QWidget *widget)
{
    return widget->isVisibleTo(widget->window()) && widget->window()->isVisible() && widget->width() > 0
        && widget->height() > 0;
}

bool isStandardClass(const QWidget *widget)
{
    return QString::fromLatin1(widget->metaObject()->className()).startsWith(u'Q');
}

bool isInteractive(const QWidget *widget)
{
    // Scroll bars of scroll areas are Qt's own and read by their role and value; a tab bar's
    // tabs carry their texts.
    if (qobject_cast<const QScrollBar *>(widget) || qobject_cast<const QTabBar *>(widget))
        return false;
    // A table's header is part of the table's accessible interface (its column names).
    if (qobject_cast<const QHeaderView *>(widget))
        return false;
    // A line edit inside a combo box or spin box is named through its owner.
    if (qobject_cast<const QLineEdit *>(widget)
        && (qobject_cast<const QComboBox *>(widget->parentWidget())
            || qobject_cast<const QAbstractSpinBox *>(widget->parentWidget())))
        return false;
    if (qobject_cast<const QAbstractButton *>(widget) || qobject_cast<const QLineEdit *>(widget)
        || qobject_cast<const QComboBox *>(widget) || qobject_cast<const QAbstractSpinBox *>(widget)
        || qobject_cast<const QAbstractSlider *>(widget) || qobject_cast<const QAbstractItemView *>(widget)
        || qobject_cast<const QTextEdit *>(widget) || qobject_cast<const QPlainTextEdit *>(widget))
        return true;
    // The viewport of a scroll area takes focus for its owner.
    if (widget->parentWidget() && widget->parentWidget()->focusProxy() == widget)
        return false;
    // Runlog's own widgets that take focus from the keyboard (Qt's containers, such as a tab
    // widget, pass it on to what they hold).
    return (widget->focusPolicy() & Qt::TabFocus) && !widget->isWindow() && !isStandardClass(widget);
}


// The widget's text as drawn, when it shows only part of it.
bool textIsElided(const QString &shown, const QString &full)
{
    return shown.contains(QChar(0x2026)) && !full.contains(QChar(0x2026));
}

} // namespace

namespace WidgetAudit {

QString pathOf(const QWidget *widget)
{
    QStringList parts;
    for (const QWidget *w = widget; w; w = w->parentWidget())
        parts.prepend(nameOf(w));
    return parts.join(QStringLiteral(" > "));
}

QStringList unnamedInteractiveWidgets(QWidget *root)
{
    QStringList problems;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : widgets) {
        if (!isShown(widget) || !isInteractive(widget))
            continue;
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        if (!accessible) {
            problems << pathOf(widget) + QStringLiteral(": no accessible interface");
            continue;
        }
        if (accessible->text(QAccessible::Name).trimmed().isEmpty())
            problems << pathOf(widget) + QStringLiteral(": no accessible name");
        const QAccessible::Role role = accessible->role();
        if (!isStandardClass(widget) && (role == QAccessible::Client || role == QAccessible::NoRole))
            problems << pathOf(widget) + QStringLiteral(": no accessible role (Client)");
    }
    return problems;
}

QStringList clippedTexts(QWidget *root)
{
    QStringList problems;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : widgets) {
        if (!isShown(widget))
            continue;
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            if (label->text().isEmpty() || !label->pixmap().isNull())
                continue;
            const QString where = pathOf(widget) + QStringLiteral(" \"") + label->text().left(60) + u'"';
            // A label inside a scroll area may be wider than what is shown: it scrolls.
            const int needed = label->minimumSizeHint().width();
            if (needed > label->width() + 1)
                problems << where + QStringLiteral(": %1 px wide, needs %2").arg(label->width()).arg(needed);
            if (textIsElided(label->text(), label->toolTip()) && label->toolTip().isEmpty())
                problems << where + QStringLiteral(": elided with no tooltip");
        } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
            if (button->text().isEmpty())
                continue;
            const int needed = button->minimumSizeHint().width();
            if (needed > button->width() + 1)
                problems << pathOf(widget) + QStringLiteral(" \"") + button->text() + u'"'
                        + QStringLiteral(": %1 px wide, needs %2").arg(button->width()).arg(needed);
        }
    }
    return problems;
}

} // namespace WidgetAudit
