// SPDX-License-Identifier: MIT
#include "ui/library/librarypreferencesdialog.h"

#include "ui/common/plainlabel.h"
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QSpinBox>
#include <QVBoxLayout>

LibraryPreferencesDialog::LibraryPreferencesDialog(const QString &location, QWidget *parent)
    : QDialog(parent)
    , m_keep(new QCheckBox(tr("&Keep the runs I open in the library (takes effect at the next start)"), this))
    , m_limit(new QSpinBox(this))
{
    setWindowTitle(tr("Library Preferences"));
    m_limit->setRange(0, 1024 * 1024);
    m_limit->setSingleStep(256);
    m_limit->setSuffix(tr(" MB"));
    m_limit->setSpecialValueText(tr("No limit"));
    auto *where = new PlainLabel(QDir::toNativeSeparators(location), this);
    where->setTextFormat(Qt::PlainText);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *explanation = new PlainLabel(tr("Logs can hold secrets: the library is readable by you alone. "
                                      "When it outgrows the limit, the runs opened longest ago go first. "
                                      "Your API token is never kept there."),
                                   this);
    explanation->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(m_keep);
    form->addRow(tr("Size &limit:"), m_limit);
    form->addRow(tr("Location:"), where);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(explanation);
    layout->addWidget(buttons);
}

void LibraryPreferencesDialog::setKeepRuns(bool keep)
{
    m_keep->setChecked(keep);
}

bool LibraryPreferencesDialog::keepRuns() const
{
    return m_keep->isChecked();
}

void LibraryPreferencesDialog::setSizeLimitMb(qint64 megabytes)
{
    m_limit->setValue(int(std::clamp<qint64>(megabytes, 0, m_limit->maximum())));
}

qint64 LibraryPreferencesDialog::sizeLimitMb() const
{
    return m_limit->value();
}
