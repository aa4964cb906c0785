// SPDX-License-Identifier: MIT
#include "ui/common/accessiblechart.h"

#include <QAccessibleWidget>
#include <QWidget>

namespace {
// A dynamic property, not a class list: any widget that declares itself a chart is one.
constexpr char kChartProperty[] = "runlogAccessibleChart";

QAccessibleInterface *chartInterface(const QString &, QObject *object)
{
    auto *widget = qobject_cast<QWidget *>(object);
    if (!widget || !widget->property(kChartProperty).toBool())
        return nullptr;
    return new QAccessibleWidget(widget, QAccessible::Chart);
}
} // namespace

namespace AccessibleChart {

void declare(QWidget *chart)
{
    static const bool installed = [] {
        QAccessible::installFactory(chartInterface);
        return true;
    }();
    Q_UNUSED(installed);
    chart->setProperty(kChartProperty, true);
}

} // namespace AccessibleChart
