// SPDX-License-Identifier: MIT
#include "markupaudit.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QHelpEvent>
#include <QLabel>
#include <QMenu>
#include <QRegularExpression>
#include <QTextDocument>
#include <QToolTip>

namespace {
QString describe(const QWidget *widget)
{
    QStringList chain;
    for (const QObject *object = widget; object; object = object->parent()) {
        const QString name = object->objectName();
        chain.prepend(name.isEmpty() ? QString::fromLatin1(object->metaObject()->className())
                                     : QStringLiteral("%1#%2").arg(QString::fromLatin1(object->metaObject()->className()), name));
    }
    return chain.join(QStringLiteral(" > "));
}

bool isRich(const QString &text, Qt::TextFormat format)
{
    return format == Qt::RichText || (format == Qt::AutoText && Qt::mightBeRichText(text));
}
} // namespace

void MarkupAudit::auditAllWidgets()
{
    // Menus that are filled when they open (Filter, Open Recent) are filled now.
    for (QWidget *widget : QApplication::allWidgets()) {
        if (auto *menu = qobject_cast<QMenu *>(widget))
            emit menu->aboutToShow();
    }
    for (QWidget *widget : QApplication::allWidgets())
        auditWidget(widget);
}

void MarkupAudit::auditWidget(QWidget *widget)
{
    const QString where = describe(widget);
    if (auto *label = qobject_cast<QLabel *>(widget))
        auditText(where + QStringLiteral(" text"), label->text(), isRich(label->text(), label->textFormat()));
    // A tooltip is always auto-detected: QToolTip::showText() has no format.
    auditText(where + QStringLiteral(" tooltip"), widget->toolTip(), Qt::mightBeRichText(widget->toolTip()));
    if (auto *button = qobject_cast<QAbstractButton *>(widget))
        auditMnemonic(where + QStringLiteral(" button"), button->text());
    if (widget->isWindow())
        auditText(where + QStringLiteral(" window title"), widget->windowTitle(), false);
    for (QAction *action : widget->actions()) {
        const QString actionWhere = QStringLiteral("%1 action \"%2\"").arg(where, action->text());
        auditMnemonic(actionWhere, action->text());
        auditText(actionWhere + QStringLiteral(" tooltip"), action->toolTip(), Qt::mightBeRichText(action->toolTip()));
        auditText(actionWhere + QStringLiteral(" status tip"), action->statusTip(), false);
    }
    if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->isVisible())
        auditItemView(view);
}

void MarkupAudit::auditItemView(QAbstractItemView *view)
{
    QAbstractItemModel *model = view->model();
    if (!model)
        return;
    QWidget *viewport = view->viewport();
    const QModelIndex first = view->indexAt(QPoint(1, 1));
    if (!first.isValid())
        return;
    for (int row = first.row(); row < model->rowCount(); ++row) {
        bool rowVisible = false;
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            const QRect rect = view->visualRect(index);
            if (rect.isEmpty() || !viewport->rect().intersects(rect))
                continue;
            rowVisible = true;
            // What hovering the cell does: the view asks its delegate, which calls QToolTip.
            const QPoint point = rect.intersected(viewport->rect()).center();
            QHelpEvent hover(QEvent::ToolTip, point, viewport->mapToGlobal(point));
            QApplication::sendEvent(viewport, &hover);
            if (QToolTip::isVisible()) {
                ++m_itemToolTipsSeen;
                const QString where = QStringLiteral("%1 cell %2,%3 tooltip").arg(describe(view)).arg(row).arg(column);
                auditText(where, QToolTip::text(), Qt::mightBeRichText(QToolTip::text()));
            }
            QToolTip::hideText();
        }
        if (!rowVisible)
            break;
    }
}

void MarkupAudit::auditText(const QString &where, const QString &text, bool rich)
{
    if (text.isEmpty())
        return;
    static const QRegularExpression tag(QStringLiteral("<\\s*(font|img|table)\\b"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression escapedTag(QStringLiteral("&lt;\\s*(font|img|table)\\b"),
                                               QRegularExpression::CaseInsensitiveOption);
    if (rich && tag.match(text).hasMatch()) {
        m_problems << QStringLiteral("%1 renders markup: %2").arg(where, text.left(300));
        return;
    }
    if (rich ? escapedTag.match(text).hasMatch() : tag.match(text).hasMatch())
        ++m_literalSightings;
}

void MarkupAudit::auditMnemonic(const QString &where, const QString &text)
{
    // markupText() ends in "R&D": shown as such only when the ampersand is doubled.
    if (text.contains(QLatin1String("R&D"), Qt::CaseInsensitive))
        m_problems << QStringLiteral("%1 takes an ampersand for a mnemonic: %2").arg(where, text.left(300));
}
