// SPDX-License-Identifier: MIT
#include "notes/notesfile.h"

#include "json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

namespace {
QByteArray optionalNumber(const std::optional<qint64> &value)
{
    return value ? JsonWriter::number(*value) : JsonWriter::null();
}

std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number != std::floor(number) || std::abs(number) > 9007199254740992.0)
        return std::nullopt;
    return qint64(number);
}

bool isSha256Hex(const QString &text)
{
    if (text.size() != 64)
        return false;
    for (QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}
} // namespace

QByteArray NotesFile::toJson() const
{
    QByteArray out = "{\"org\":" + optionalNumber(orgId) + ",\"run\":" + optionalNumber(runId) + ",\"notes\":[";
    bool first = true;
    for (const StoredNote &note : notes) {
        if (!first)
            out += ',';
        first = false;
        out += "{\"entry\":" + JsonWriter::number(note.position + 1);
        out += ",\"entry_sha256\":" + JsonWriter::string(QString::fromLatin1(note.entrySha256));
        out += ",\"text\":" + JsonWriter::string(note.text);
        out += ",\"marked\":" + JsonWriter::boolean(note.marked) + '}';
    }
    out += "]}\n";
    return out;
}

std::optional<NotesFile> NotesFile::parse(const QByteArray &json, QString *error)
{
    const auto refuse = [error](const QString &why) -> std::optional<NotesFile> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refuse(tr("It is not JSON (%1 at byte %2).").arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject() || !document.object().value(QLatin1String("notes")).isArray())
        return refuse(tr("It is not a notes file: it has no \"notes\" list."));
    const QJsonObject root = document.object();
    NotesFile file;
    for (const char *key : {"org", "run"}) {
        const QJsonValue value = root.value(QLatin1String(key));
        if (value.isNull() || value.isUndefined())
            continue;
        const std::optional<qint64> number = wholeNumber(value);
        if (!number)
            return refuse(tr("Its \"%1\" is not a whole number or null.").arg(QLatin1String(key)));
        (qstrcmp(key, "org") == 0 ? file.orgId : file.runId) = number;
    }
    const QJsonArray notes = root.value(QLatin1String("notes")).toArray();
    for (int i = 0; i < notes.size(); ++i) {
        const QJsonObject object = notes.at(i).toObject();
        const std::optional<qint64> entry = wholeNumber(object.value(QLatin1String("entry")));
        const QString sha = object.value(QLatin1String("entry_sha256")).toString();
        const QJsonValue text = object.value(QLatin1String("text"));
        const QJsonValue marked = object.value(QLatin1String("marked"));
        if (!notes.at(i).isObject() || !entry || *entry < 1 || !isSha256Hex(sha) || !text.isString()
            || !(marked.isBool() || marked.isUndefined()))
            return refuse(tr("Note %1 is not an object with \"entry\" (from 1), \"entry_sha256\" (64 hex digits), "
                             "\"text\" and \"marked\".").arg(i + 1));
        StoredNote note;
        note.position = *entry - 1;
        note.entrySha256 = sha.toLatin1();
        note.text = text.toString();
        note.marked = marked.toBool();
        file.notes.append(note);
    }
    return file;
}
