// SPDX-License-Identifier: MIT
// Colours of text against what they are drawn on, in the light and the dark theme: every pair
// must reach WCAG 2's level AA for normal text, a contrast ratio of at least 4.5:1
// (https://www.w3.org/TR/WCAG21/#contrast-minimum). The ratio is computed here from the WCAG
// definition of relative luminance, not by the code under test.
#include "ui/common/palette.h"
#include "ui/common/theme.h"

#include <QtTest>

#include <cmath>

namespace {
constexpr double kWcagAaText = 4.5;

double linear(double channel)
{
    return channel <= 0.03928 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double relativeLuminance(const QColor &c)
{
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const QList<MessageCategory> kCategories = {
    MessageCategory::Action, MessageCategory::Thought, MessageCategory::Answer, MessageCategory::Error,
    MessageCategory::User, MessageCategory::PullRequest, MessageCategory::Link, MessageCategory::Other,
};
} // namespace

class TestPalette : public QObject
{
    Q_OBJECT

private slots:
    void formulaMatchesKnownValues();
    void badges_data();
    void badges();
    void statusBadgesCarryWhiteText();
    void rowTextOnRowBackgrounds_data();
    void rowTextOnRowBackgrounds();
    void loopLaneStandsOut_data();
    void loopLaneStandsOut();
    void themesAreWhatTheySay();
    void everyTextRoleOnItsBackground_data();
    void everyTextRoleOnItsBackground();
    void compareRowsAndWordDiffKeepTextReadable_data();
    void compareRowsAndWordDiffKeepTextReadable();
    void neutralBarStandsOut_data();
    void neutralBarStandsOut();
};

void TestPalette::formulaMatchesKnownValues()
{
    // Reference values from the WCAG definition: black on white is 21:1, a colour on itself 1:1,
    // and #777777 on white is the well-known 4.48:1 that just fails AA.
    QCOMPARE(qRound(contrast(Qt::black, Qt::white) * 100), 2100);
    QCOMPARE(qRound(contrast(QColor(0x12, 0x34, 0x56), QColor(0x12, 0x34, 0x56)) * 100), 100);
    QCOMPARE(qRound(contrast(QColor(0x77, 0x77, 0x77), Qt::white) * 100), 448);
}

void TestPalette::badges_data()
{
    QTest::addColumn<int>("category");
    QTest::addColumn<bool>("dark");
    for (bool dark : {false, true}) {
        for (MessageCategory category : kCategories)
            QTest::addRow("%s category %d", dark ? "dark" : "light", int(category)) << int(category) << dark;
    }
}

void TestPalette::badges()
{
    QFETCH(int, category);
    QFETCH(bool, dark);
    const RunlogPalette::Badge badge = RunlogPalette::badgeFor(MessageCategory(category), dark);
    const double ratio = contrast(badge.text, badge.background);
    QVERIFY2(ratio >= kWcagAaText, qPrintable(QStringLiteral("%1 on %2: %3:1").arg(badge.text.name(), badge.background.name()).arg(ratio)));
    // The pill stands apart from the row it sits on: darker than a light row, lighter than a dark one.
    const QPalette palette = dark ? Theme::darkPalette() : Theme::lightPalette();
    const QColor row = palette.color(QPalette::Base);
    QVERIFY(dark ? badge.background.lightness() > row.lightness() : badge.background.lightness() < row.lightness());
}

void TestPalette::statusBadgesCarryWhiteText()
{
    for (RunPhase phase : {RunPhase::Unknown, RunPhase::Running, RunPhase::Succeeded, RunPhase::Failed}) {
        const double ratio = contrast(Qt::white, RunlogPalette::forPhase(phase));
        QVERIFY2(ratio >= kWcagAaText, qPrintable(QStringLiteral("phase %1: %2:1").arg(int(phase)).arg(ratio)));
    }
}

void TestPalette::rowTextOnRowBackgrounds_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addRow("light") << false;
    QTest::addRow("dark") << true;
}

void TestPalette::rowTextOnRowBackgrounds()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? Theme::darkPalette() : Theme::lightPalette();
    const QList<QPair<QString, QColor>> texts = {
        {QStringLiteral("long gap"), RunlogPalette::longGapText(dark)},
        {QStringLiteral("error"), RunlogPalette::errorText(dark)},
        {QStringLiteral("quiet (# and Time)"), RunlogPalette::quietText(palette)},
        {QStringLiteral("text"), palette.color(QPalette::Text)},
    };
    for (const auto &[name, colour] : texts) {
        for (QPalette::ColorRole role : {QPalette::Base, QPalette::AlternateBase}) {
            const double ratio = contrast(colour, palette.color(role));
            QVERIFY2(ratio >= kWcagAaText, qPrintable(QStringLiteral("%1 %2 on %3: %4:1")
                                                          .arg(name, colour.name(), palette.color(role).name()).arg(ratio)));
        }
    }
    const double selected = contrast(palette.color(QPalette::HighlightedText), palette.color(QPalette::Highlight));
    QVERIFY(selected >= kWcagAaText);
}

void TestPalette::loopLaneStandsOut_data()
{
    rowTextOnRowBackgrounds_data();
}

// The timeline's loop lane is a graphic, not text: 3:1 against the base it is drawn on (WCAG 2.1,
// 1.4.11), and a hue of its own, apart from the error lane's red and the match ticks' amber.
void TestPalette::loopLaneStandsOut()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? Theme::darkPalette() : Theme::lightPalette();
    const QColor loop = RunlogPalette::loop(dark);
    const double ratio = contrast(loop, palette.color(QPalette::Base));
    QVERIFY2(ratio >= 3.0, qPrintable(QStringLiteral("%1 on %2: %3:1").arg(loop.name(), palette.color(QPalette::Base).name()).arg(ratio)));
    const auto hueDistance = [](const QColor &a, const QColor &b) {
        const int d = std::abs(a.hslHue() - b.hslHue());
        return std::min(d, 360 - d);
    };
    for (const QColor &other : {RunlogPalette::forCategory(MessageCategory::Error), RunlogPalette::matchMark(),
                                RunlogPalette::forCategory(MessageCategory::Thought), RunlogPalette::mark()})
        QVERIFY2(hueDistance(loop, other) >= 30, qPrintable(QStringLiteral("%1 vs %2").arg(loop.name(), other.name())));
}

void TestPalette::themesAreWhatTheySay()
{
    QVERIFY(!RunlogPalette::isDark(Theme::lightPalette()));
    QVERIFY(RunlogPalette::isDark(Theme::darkPalette()));
    QCOMPARE(Theme::fromName(Theme::nameOf(Theme::Choice::Dark)), Theme::Choice::Dark);
    QCOMPARE(Theme::fromName(QStringLiteral("anything")), Theme::Choice::System);
}

void TestPalette::everyTextRoleOnItsBackground_data()
{
    rowTextOnRowBackgrounds_data();
}

// Issue 27, stumble 11: every text colour role of both themes on every background it is drawn
// on (a run's web link sits on the window, in tables on the base, ...).
void TestPalette::everyTextRoleOnItsBackground()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? Theme::darkPalette() : Theme::lightPalette();
    struct Pair
    {
        const char *name;
        QPalette::ColorRole text;
        QPalette::ColorRole background;
    };
    const Pair pairs[] = {
        {"Text on Base", QPalette::Text, QPalette::Base},
        {"Text on AlternateBase", QPalette::Text, QPalette::AlternateBase},
        {"WindowText on Window", QPalette::WindowText, QPalette::Window},
        {"ButtonText on Button", QPalette::ButtonText, QPalette::Button},
        {"ToolTipText on ToolTipBase", QPalette::ToolTipText, QPalette::ToolTipBase},
        {"HighlightedText on Highlight", QPalette::HighlightedText, QPalette::Highlight},
        {"Link on Window", QPalette::Link, QPalette::Window},
        {"Link on Base", QPalette::Link, QPalette::Base},
        {"LinkVisited on Window", QPalette::LinkVisited, QPalette::Window},
        {"LinkVisited on Base", QPalette::LinkVisited, QPalette::Base},
        {"PlaceholderText on Base", QPalette::PlaceholderText, QPalette::Base},
    };
    for (const Pair &pair : pairs) {
        for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
            const QColor text = palette.color(group, pair.text);
            const QColor background = palette.color(group, pair.background);
            // A translucent colour (a placeholder often is) is seen blended over its background.
            const QColor seen = QColor::fromRgbF(text.redF() * text.alphaF() + background.redF() * (1 - text.alphaF()),
                                                 text.greenF() * text.alphaF() + background.greenF() * (1 - text.alphaF()),
                                                 text.blueF() * text.alphaF() + background.blueF() * (1 - text.alphaF()));
            const double ratio = contrast(seen, background);
            QVERIFY2(ratio >= kWcagAaText, qPrintable(QStringLiteral("%1 (%2 on %3): %4:1")
                                                          .arg(QLatin1String(pair.name), seen.name(), background.name())
                                                          .arg(ratio)));
        }
    }
}

void TestPalette::compareRowsAndWordDiffKeepTextReadable_data()
{
    rowTextOnRowBackgrounds_data();
}

void TestPalette::compareRowsAndWordDiffKeepTextReadable()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? Theme::darkPalette() : Theme::lightPalette();
    const QColor text = palette.color(QPalette::Text);
    QList<QColor> backgrounds = {RunlogPalette::wordRemovedBackground(dark), RunlogPalette::wordAddedBackground(dark)};
    for (CompareStep::Op op : {CompareStep::Changed, CompareStep::OnlyLeft, CompareStep::OnlyRight})
        backgrounds.append(RunlogPalette::compareStepBackground(op, dark));
    for (const QColor &background : backgrounds) {
        QVERIFY(background.alpha() == 255);
        const double ratio = contrast(text, background);
        QVERIFY2(ratio >= kWcagAaText, qPrintable(QStringLiteral("%1 on %2: %3:1").arg(text.name(), background.name()).arg(ratio)));
    }
}

void TestPalette::neutralBarStandsOut_data()
{
    rowTextOnRowBackgrounds_data();
}

// The statistics' "(no tool)" bar is a graphic: 3:1 against the dock's window colour (WCAG 2.1,
// 1.4.11). It was the palette's Mid, which on the dark theme all but vanished.
void TestPalette::neutralBarStandsOut()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? Theme::darkPalette() : Theme::lightPalette();
    const QColor bar = RunlogPalette::neutralBar(palette);
    for (QPalette::ColorRole role : {QPalette::Window, QPalette::Base}) {
        const double ratio = contrast(bar, palette.color(role));
        QVERIFY2(ratio >= 3.0, qPrintable(QStringLiteral("%1 on %2: %3:1").arg(bar.name(), palette.color(role).name()).arg(ratio)));
    }
}

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
