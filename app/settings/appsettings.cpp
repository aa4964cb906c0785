#include "settings/appsettings.h"

namespace {
const QString kDefaultBaseUrl = QStringLiteral("https://api.codegen.com");
constexpr int kMaxRecentRuns = 10;
constexpr qint64 kDefaultLibrarySizeLimitMb = 2048;
}

AppSettings::AppSettings() = default;

QUrl AppSettings::baseUrl() const
{
    const QUrl url(m_settings.value(QStringLiteral("api/baseUrl"), kDefaultBaseUrl).toString());
    return url.isValid() && !url.host().isEmpty() ? url : QUrl(kDefaultBaseUrl);
}

void AppSettings::setBaseUrl(const QUrl &url)
{
    m_settings.setValue(QStringLiteral("api/baseUrl"), url.toString());
}

qint64 AppSettings::lastOrgId() const
{
    return m_settings.value(QStringLiteral("api/lastOrgId"), 0).toLongLong();
}

void AppSettings::setLastOrgId(qint64 orgId)
{
    m_settings.setValue(QStringLiteral("api/lastOrgId"), orgId);
}

QStringList AppSettings::recentRuns() const
{
    return m_settings.value(QStringLiteral("history/recentRuns")).toStringList();
}

void AppSettings::addRecentRun(qint64 orgId, qint64 runId)
{
    QStringList runs = recentRuns();
    const QString entry = QStringLiteral("%1/%2").arg(orgId).arg(runId);
    runs.removeAll(entry);
    runs.prepend(entry);
    while (runs.size() > kMaxRecentRuns)
        runs.removeLast();
    m_settings.setValue(QStringLiteral("history/recentRuns"), runs);
}

QString AppSettings::lastDirectory() const
{
    return m_settings.value(QStringLiteral("files/lastDirectory")).toString();
}

void AppSettings::setLastDirectory(const QString &directory)
{
    m_settings.setValue(QStringLiteral("files/lastDirectory"), directory);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/state"), state);
}

QByteArray AppSettings::splitterState() const
{
    return m_settings.value(QStringLiteral("window/splitter")).toByteArray();
}

void AppSettings::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/splitter"), state);
}

QByteArray AppSettings::tableHeaderState() const
{
    return m_settings.value(QStringLiteral("window/tableHeader")).toByteArray();
}

void AppSettings::setTableHeaderState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/tableHeader"), state);
}

bool AppSettings::detailShowsRawJson() const
{
    return m_settings.value(QStringLiteral("detail/rawJson"), false).toBool();
}

void AppSettings::setDetailShowsRawJson(bool raw)
{
    m_settings.setValue(QStringLiteral("detail/rawJson"), raw);
}

int AppSettings::rateLimitCount() const
{
    return std::max(1, m_settings.value(QStringLiteral("api/rateLimitCount"), 60).toInt());
}

int AppSettings::rateLimitWindowMs() const
{
    return std::max(1, m_settings.value(QStringLiteral("api/rateLimitWindowMs"), 60000).toInt());
}

void AppSettings::setRateLimit(int count, int windowMs)
{
    m_settings.setValue(QStringLiteral("api/rateLimitCount"), count);
    m_settings.setValue(QStringLiteral("api/rateLimitWindowMs"), windowMs);
}

bool AppSettings::libraryEnabled() const
{
    return m_settings.value(QStringLiteral("library/enabled"), true).toBool();
}

void AppSettings::setLibraryEnabled(bool enabled)
{
    m_settings.setValue(QStringLiteral("library/enabled"), enabled);
}

qint64 AppSettings::librarySizeLimitMb() const
{
    return std::max<qint64>(0, m_settings.value(QStringLiteral("library/sizeLimitMb"), kDefaultLibrarySizeLimitMb).toLongLong());
}

void AppSettings::setLibrarySizeLimitMb(qint64 megabytes)
{
    m_settings.setValue(QStringLiteral("library/sizeLimitMb"), std::max<qint64>(0, megabytes));
}
