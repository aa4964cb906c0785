// SPDX-License-Identifier: MIT
// Not a test: the spec server on 127.0.0.1 as a program, for trying Runlog by hand against runs
// of any size, a token, a stricter rate limit or a lying total:
//   runlog-spec-server [--port P] [--org 7] [--run 42] [--entries 12000] [--status COMPLETE]
//                      [--token T] [--rate-limit 60/60] [--total-logs null|N]
// Prints the base URL, then serves until interrupted.
#include "samplerun.h"
#include "testlogserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The logs endpoint of the spec, on 127.0.0.1, for trying Runlog by hand."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port (default: any free one)."), QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption org(QStringLiteral("org"), QStringLiteral("Organization ID (default 7)."), QStringLiteral("ORG"), QStringLiteral("7"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Run ID (default 42)."), QStringLiteral("RUN"), QStringLiteral("42"));
    const QCommandLineOption entries(QStringLiteral("entries"), QStringLiteral("Entries in the run (default 12000)."), QStringLiteral("N"), QStringLiteral("12000"));
    const QCommandLineOption status(QStringLiteral("status"), QStringLiteral("The run's status (default COMPLETE)."), QStringLiteral("STATUS"), QStringLiteral("COMPLETE"));
    const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("Require this bearer token."), QStringLiteral("T"));
    const QCommandLineOption rate(QStringLiteral("rate-limit"), QStringLiteral("Requests per seconds (default 60/60)."), QStringLiteral("N/S"), QStringLiteral("60/60"));
    const QCommandLineOption total(QStringLiteral("total-logs"), QStringLiteral("Send this total_logs instead of the truth (a number or null)."), QStringLiteral("VALUE"));
    parser.addOptions({port, org, run, entries, status, token, rate, total});
    parser.process(app);

    TestLogServer server;
    if (parser.value(port).toUShort() != 0) {
        server.server().close();
        if (!server.server().listen(parser.value(port).toUShort())) {
            std::fprintf(stderr, "cannot listen on port %s\n", qPrintable(parser.value(port)));
            return 1;
        }
    }
    server.addRun(makeRun(parser.value(org).toLongLong(), parser.value(run).toLongLong(),
                          parser.value(entries).toInt(), parser.value(status)));
    if (parser.isSet(token))
        server.setRequiredToken(parser.value(token).toUtf8());
    const QStringList limit = parser.value(rate).split(QLatin1Char('/'));
    server.setRateLimit(limit.value(0).toInt(), int(limit.value(1).toDouble() * 1000));
    if (parser.isSet(total)) {
        const QByteArray replacement = parser.value(total).toUtf8();
        TestLogServer *self = &server;
        server.setInterceptor([self, replacement](const HttpRequest &request, int) -> std::optional<HttpResponse> {
            HttpResponse response = self->endpoint().handle(request);
            if (response.status == 200) {
                static const QRegularExpression pattern(QStringLiteral("\"total_logs\":\\s*(null|\\d+)"));
                response.body = QString::fromUtf8(response.body)
                                    .replace(pattern, QStringLiteral("\"total_logs\":") + QString::fromUtf8(replacement))
                                    .toUtf8();
            }
            return response;
        });
    }
    std::printf("%s\n", qPrintable(server.baseUrl().toString()));
    std::fflush(stdout);
    QObject::connect(&server.server(), &LoopbackHttpServer::requestHandled, [](const HttpRequest &request, int code) {
        std::fprintf(stderr, "%d %s\n", code, request.target.constData());
    });
    return app.exec();
}
