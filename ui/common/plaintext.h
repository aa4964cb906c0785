// SPDX-License-Identifier: MIT
#pragma once

#include <QMessageBox>
#include <QString>

class QWidget;

// Text from a server, a file or a file name is data, never markup. Qt guesses: a label, a
// message box or a tooltip whose text starts like HTML renders it (big coloured text, tables,
// images that it loads from the local file system), a menu item or a button takes '&' for a
// mnemonic, a window title hides "[*]". Labels take PlainLabel; everything else that can hold
// outside text goes through one of these, so that it shows as the characters it is.
namespace PlainText {

// A tooltip showing `text` as it is. QToolTip has no plain mode (it always guesses with
// Qt::mightBeRichText), so the text is escaped into a paragraph of ours; line breaks stay.
// Empty text gives an empty tooltip (none).
QString toolTip(const QString &text);

// The text of a menu item or a button: every '&' doubled, so none underlines a letter.
QString mnemonicSafe(const QString &text);

// A window title: every "[*]" doubled, so none is taken for the "modified" placeholder.
QString windowTitle(const QString &text);

// A link for a rich-text label, text and address escaped. Only what WebUrl::isOpenable allows
// becomes a link; any other address (javascript:, file:, data:, no host, not a URL at all) shows
// as text, not a link.
QString link(const QString &url, const QString &shownText);

// A message box that shows `text` as it is (Qt::PlainText). Not modal, not shown: the caller
// decides (exec(), or open() with Qt::WA_DeleteOnClose). Put outside text only in `text`, never
// in informativeText (always guessed) or the title (ours).
QMessageBox *messageBox(QMessageBox::Icon icon, const QString &title, const QString &text,
                        QMessageBox::StandardButtons buttons, QWidget *parent);

} // namespace PlainText
