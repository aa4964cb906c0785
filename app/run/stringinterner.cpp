// SPDX-License-Identifier: MIT
#include "run/stringinterner.h"

#include <limits>

StringInterner::StringInterner(NullText nullText)
    : m_nullText(nullText)
{
    clear();
}

void StringInterner::clear()
{
    m_texts.clear();
    m_ids.clear();
    m_utf8Ids.clear();
    if (m_nullText == NullText::IdZero)
        m_texts.append(QString());
}

StringInterner::Id StringInterner::keptIdOf(const QString &text, qsizetype maxTexts)
{
    const auto found = m_ids.constFind(text);
    if (found != m_ids.cend())
        return found.value();
    if (m_ids.size() >= maxTexts)
        return kNoId;
    const Id id = Id(m_texts.size());
    m_texts.append(text);
    m_ids.insert(text, id);
    return id;
}

StringInterner::Id StringInterner::idOf(const QString &text)
{
    if (text.isNull())
        return m_nullText == NullText::IdZero ? 0 : kNoId;
    return keptIdOf(text, std::numeric_limits<qsizetype>::max());
}

QString StringInterner::shared(const QString &text, qsizetype maxTexts)
{
    if (text.isNull())
        return text;
    const Id id = keptIdOf(text, maxTexts);
    return id == kNoId ? text : m_texts.at(id);
}

QString StringInterner::sharedUtf8(QByteArrayView utf8, qsizetype maxTexts)
{
    const QByteArray key = QByteArray::fromRawData(utf8.data(), utf8.size());
    const auto known = m_utf8Ids.constFind(key);
    if (known != m_utf8Ids.cend())
        return m_texts.at(known.value());
    QString text = QString::fromUtf8(key);
    const Id id = text.isNull() ? kNoId : keptIdOf(text, maxTexts);
    if (id == kNoId)
        return text;
    if (m_utf8Ids.size() < maxTexts)
        m_utf8Ids.insert(QByteArray(key.constData(), key.size()), id);
    return m_texts.at(id);
}
