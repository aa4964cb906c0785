// SPDX-License-Identifier: MIT
#pragma once

class QWidget;

// Runlog's painted widgets (the timeline, the statistics' bar and rate charts) are charts to a
// screen reader, not a blank "client" area: their accessible interface says QAccessible::Chart,
// and their name and description (the bar or bin under the keyboard cursor) are the widget's
// accessibleName() and accessibleDescription().
namespace AccessibleChart {

// Makes `chart` report the Chart role. Call from its constructor; installs Qt's factory once.
void declare(QWidget *chart);

} // namespace AccessibleChart
