// SPDX-License-Identifier: MIT
#include "cli/handover.h"

#include <QCoreApplication>
#include <QDir>

namespace HandOver {

HandOverRequest requestFrom(const QStringList &arguments, const QString &workingDirectory,
                            const QProcessEnvironment &environment)
{
    HandOverRequest request;
    request.arguments = arguments;
    request.workingDirectory = workingDirectory;
    for (const QString &name : HandOverRequest::forwardedVariables()) {
        if (environment.contains(name))
            request.environment.insert(name, environment.value(name));
    }
    return request;
}

CommandLineOptions optionsFrom(const HandOverRequest &request)
{
    QProcessEnvironment environment;
    for (auto it = request.environment.cbegin(); it != request.environment.cend(); ++it)
        environment.insert(it.key(), it.value());
    CommandLineOptions options = CommandLine::parse(request.arguments, environment);
    if (options.action != CommandLineOptions::Action::Run)
        return options;
    if (!options.handsOver()) {
        CommandLineOptions refused;
        refused.action = CommandLineOptions::Action::Error;
        refused.errorText = QCoreApplication::translate("HandOver", "This command line is not one a running Runlog opens.");
        return refused;
    }
    if (!options.inputFile.isEmpty() && QDir::isRelativePath(options.inputFile)) {
        if (QDir::isRelativePath(request.workingDirectory)) {
            CommandLineOptions refused;
            refused.action = CommandLineOptions::Action::Error;
            refused.errorText = QCoreApplication::translate("HandOver", "The start's folder is not an absolute path.");
            return refused;
        }
        options.inputFile = QDir::cleanPath(QDir(request.workingDirectory).absoluteFilePath(options.inputFile));
    }
    return options;
}

} // namespace HandOver
