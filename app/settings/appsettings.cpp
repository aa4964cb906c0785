// SPDX-License-Identifier: MIT
#include "settings/appsettings.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <QCryptographicHash>

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

// Stored as "org/run base-url" strings ("org/run" in older settings): readable in the file and
// free of a QVariant map format that differs between back ends.
QList<RecentRun> AppSettings::recentRuns() const
{
    QList<RecentRun> runs;
    const QStringList stored = m_settings.value(QStringLiteral("history/recentRuns")).toStringList();
    for (const QString &entry : stored) {
        const QString ids = entry.section(QLatin1Char(' '), 0, 0);
        RecentRun recent;
        recent.run.orgId = ids.section(QLatin1Char('/'), 0, 0).toLongLong();
        recent.run.runId = ids.section(QLatin1Char('/'), 1, 1).toLongLong();
        recent.baseUrl = QUrl(entry.section(QLatin1Char(' '), 1), QUrl::StrictMode);
        if (recent.run.isValid())
            runs.append(recent);
    }
    return runs;
}

void AppSettings::addRecentRun(const RecentRun &recent)
{
    const auto storedForm = [](const RecentRun &run) {
        QString text = QStringLiteral("%1/%2").arg(run.run.orgId).arg(run.run.runId);
        if (run.baseUrl.isValid() && !run.baseUrl.isEmpty())
            text += QLatin1Char(' ') + run.baseUrl.toString(QUrl::FullyEncoded);
        return text;
    };
    QStringList stored{storedForm(recent)};
    for (const RecentRun &older : recentRuns()) {
        if (older.run == recent.run && (older.baseUrl == recent.baseUrl || older.baseUrl.isEmpty()))
            continue;
        if (stored.size() < kMaxRecentRuns)
            stored.append(storedForm(older));
    }
    m_settings.setValue(QStringLiteral("history/recentRuns"), stored);
}

namespace {
// A file is kept as its path; a sample of a log of several as a JSON object (no absolute path
// begins with '{'), so that the lists an older Runlog wrote read as before.
QString recentFileForm(const RecentFile &file)
{
    if (!file.sample)
        return file.path;
    const QJsonObject object{{QStringLiteral("path"), file.path},
                             {QStringLiteral("sample"), file.sample->id},
                             {QStringLiteral("epoch"), file.sample->epoch}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<RecentFile> recentFileOf(const QString &form)
{
    if (!form.startsWith(QLatin1Char('{')))
        return form.isEmpty() ? std::nullopt : std::optional<RecentFile>(RecentFile{form, std::nullopt});
    const QJsonObject object = QJsonDocument::fromJson(form.toUtf8()).object();
    const QString path = object.value(QLatin1String("path")).toString();
    if (path.isEmpty() || !object.value(QLatin1String("sample")).isString())
        return std::nullopt;
    return RecentFile{path, SampleRef{object.value(QLatin1String("sample")).toString(), object.value(QLatin1String("epoch")).toInt()}};
}
} // namespace

QList<RecentFile> AppSettings::recentFiles() const
{
    QList<RecentFile> files;
    for (const QString &form : m_settings.value(QStringLiteral("history/recentFiles")).toStringList()) {
        if (const std::optional<RecentFile> file = recentFileOf(form))
            files.append(*file);
    }
    return files;
}

void AppSettings::addRecentFile(const RecentFile &file)
{
    QStringList stored{recentFileForm(file)};
    for (const RecentFile &older : recentFiles()) {
        if (!(older == file) && stored.size() < kMaxRecentRuns)
            stored.append(recentFileForm(older));
    }
    m_settings.setValue(QStringLiteral("history/recentFiles"), stored);
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

QMap<int, int> AppSettings::tableColumnWidths() const
{
    QMap<int, int> widths;
    const QVariantMap stored = m_settings.value(QStringLiteral("window/tableColumnWidths")).toMap();
    for (auto it = stored.begin(); it != stored.end(); ++it) {
        bool columnOk = false, widthOk = false;
        const int column = it.key().toInt(&columnOk);
        const int width = it.value().toInt(&widthOk);
        if (columnOk && widthOk && column >= 0 && width > 0)
            widths.insert(column, width);
    }
    return widths;
}

void AppSettings::setTableColumnWidths(const QMap<int, int> &widths)
{
    QVariantMap stored;
    for (auto it = widths.begin(); it != widths.end(); ++it)
        stored.insert(QString::number(it.key()), it.value());
    m_settings.setValue(QStringLiteral("window/tableColumnWidths"), stored);
}

bool AppSettings::detailShowsRawJson() const
{
    return m_settings.value(QStringLiteral("detail/rawJson"), false).toBool();
}

void AppSettings::setDetailShowsRawJson(bool raw)
{
    m_settings.setValue(QStringLiteral("detail/rawJson"), raw);
}

QString AppSettings::theme() const
{
    return m_settings.value(QStringLiteral("view/theme"), QStringLiteral("system")).toString();
}

void AppSettings::setTheme(const QString &theme)
{
    m_settings.setValue(QStringLiteral("view/theme"), theme);
}

QString AppSettings::timeColumn() const
{
    return m_settings.value(QStringLiteral("view/timeColumn"), QStringLiteral("local")).toString();
}

void AppSettings::setTimeColumn(const QString &style)
{
    m_settings.setValue(QStringLiteral("view/timeColumn"), style);
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

namespace {
// A settings key cannot hold every character of a path or URL ('/' starts a group): the run's
// key is hashed into one.
QString marksKey(const QString &runKey)
{
    return QStringLiteral("marks/")
        + QString::fromLatin1(QCryptographicHash::hash(runKey.toUtf8(), QCryptographicHash::Sha1).toHex());
}
} // namespace

QList<int> AppSettings::marks(const QString &runKey) const
{
    QList<int> entries;
    const QStringList stored = m_settings.value(marksKey(runKey)).toStringList();
    for (const QString &text : stored) {
        bool ok = false;
        const int entry = text.toInt(&ok);
        if (ok && entry >= 0)
            entries.append(entry);
    }
    return entries;
}

void AppSettings::setMarks(const QString &runKey, const QList<int> &entries)
{
    if (entries.isEmpty()) {
        m_settings.remove(marksKey(runKey));
        return;
    }
    QStringList stored;
    for (int entry : entries)
        stored.append(QString::number(entry));
    m_settings.setValue(marksKey(runKey), stored);
}

bool AppSettings::foldsRepeats() const
{
    return m_settings.value(QStringLiteral("view/foldRepeats"), false).toBool();
}

void AppSettings::setFoldsRepeats(bool fold)
{
    m_settings.setValue(QStringLiteral("view/foldRepeats"), fold);
}

bool AppSettings::detailWrapsLines() const
{
    return m_settings.value(QStringLiteral("view/detailWrapsLines"), true).toBool();
}

void AppSettings::setDetailWrapsLines(bool wrap)
{
    m_settings.setValue(QStringLiteral("view/detailWrapsLines"), wrap);
}

int AppSettings::zoomSteps() const
{
    return m_settings.value(QStringLiteral("view/zoomSteps"), 0).toInt();
}

void AppSettings::setZoomSteps(int steps)
{
    m_settings.setValue(QStringLiteral("view/zoomSteps"), steps);
}

bool AppSettings::libraryEnabled() const
{
    return m_settings.value(QStringLiteral("library/enabled"), true).toBool();
}

void AppSettings::setLibraryEnabled(bool enabled)
{
    m_settings.setValue(QStringLiteral("library/enabled"), enabled);
}

// Kept as lines "PROCESS ORIGIN" (readable in the settings file, unlike a map's variant).
QMap<QString, qint64> AppSettings::demoOrigins() const
{
    QMap<QString, qint64> processByOrigin;
    const QStringList lines = m_settings.value(QStringLiteral("library/demoOrigins")).toStringList();
    for (const QString &line : lines) {
        const qsizetype space = line.indexOf(QLatin1Char(' '));
        bool ok = false;
        const qint64 process = space > 0 ? line.left(space).toLongLong(&ok) : -1;
        if (ok && process >= 0 && space + 1 < line.size())
            processByOrigin.insert(line.mid(space + 1), process);
    }
    return processByOrigin;
}

void AppSettings::setDemoOrigins(const QMap<QString, qint64> &processByOrigin)
{
    QStringList lines;
    for (auto it = processByOrigin.cbegin(); it != processByOrigin.cend(); ++it)
        lines.append(QString::number(it.value()) + QLatin1Char(' ') + it.key());
    m_settings.setValue(QStringLiteral("library/demoOrigins"), lines);
}

qint64 AppSettings::librarySizeLimitMb() const
{
    return std::max<qint64>(0, m_settings.value(QStringLiteral("library/sizeLimitMb"), kDefaultLibrarySizeLimitMb).toLongLong());
}

void AppSettings::setLibrarySizeLimitMb(qint64 megabytes)
{
    m_settings.setValue(QStringLiteral("library/sizeLimitMb"), std::max<qint64>(0, megabytes));
}
