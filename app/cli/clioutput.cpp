// SPDX-License-Identifier: MIT
#include "cli/clioutput.h"

#include "run/terminalsafetext.h"

#include <QLocale>

#include <cstdio>

namespace CliOutput {

QString oneLine(const QString &text)
{
    return TerminalSafeText::forLine(text);
}

void printLine(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void errorLine(const QString &text)
{
    printLine(stderr, QStringLiteral("runlog: ") + oneLine(text));
}

void writeJson(const QByteArray &json)
{
    writeOut(TerminalSafeText::forJson(json));
}

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

QString tsvField(const QString &text)
{
    return TerminalSafeText::forTsv(text);
}

QString count(qint64 n)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(n);
}

} // namespace CliOutput
