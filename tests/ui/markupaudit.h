// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

class QAbstractItemView;
class QWidget;

// Looks at every text the application's widgets would show (labels, tooltips, buttons, menu
// items, item views' tooltips, message boxes: every widget there is, visible or not, so a
// widget added later is looked at too) and reports each one that would render outside markup
// as rich text, or eat an ampersand as a mnemonic.
//
// Outside markup is markupText() of samplerun.h: a text renders it when the widget takes the
// text for rich text (Qt::RichText, or Qt::AutoText and Qt::mightBeRichText(), which is what
// tooltips always do) and the text holds one of its tags (<font, <img, <table) unescaped.
class MarkupAudit
{
public:
    // Walks QApplication::allWidgets(). Menus are filled first (aboutToShow), and every visible
    // cell of every visible item view is hovered, its tooltip read back from QToolTip.
    void auditAllWidgets();

    // One line per text that would render markup: where it is and the text.
    QStringList problems() const { return m_problems; }
    // Texts that showed the markup as literal characters: proof that the walk saw outside text.
    int literalSightings() const { return m_literalSightings; }
    int itemToolTipsSeen() const { return m_itemToolTipsSeen; }

private:
    void auditText(const QString &where, const QString &text, bool rich);
    void auditMnemonic(const QString &where, const QString &text);
    void auditWidget(QWidget *widget);
    void auditItemView(QAbstractItemView *view);

    QStringList m_problems;
    int m_literalSightings = 0;
    int m_itemToolTipsSeen = 0;
};
