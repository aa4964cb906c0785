// SPDX-License-Identifier: MIT
#include "syntheticrun.h"

#include <QDateTime>

#include <iterator>

namespace {
QByteArray jsonString(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size() + 16);
    out.append('"');
    for (char c : text) {
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\t': out.append("\\t"); break;
        default: out.append(c);
        }
    }
    out.append('"');
    return out;
}
} // namespace

QByteArray SyntheticRun::entry(qint64 runId, int index)
{
    static const char *const tools[] = {"ripgrep_search", "view_file", "edit_file", "run_command",
                                        "list_directory", "create_pr", "git_diff"};
    static const char *const words[] = {"the", "function", "test", "fails", "because", "parser",
                                        "returns", "null", "when", "config", "is", "missing",
                                        "I", "should", "check", "file", "error", "handling",
                                        "update", "\xC3\xA9t\xC3\xA9", "\xE2\x9C\x85", "import"};
    const auto sentence = [&](int minWords, int maxWords) {
        QByteArray s;
        const int n = minWords + int(m_rng.bounded(maxWords - minWords + 1));
        for (int k = 0; k < n; ++k) {
            if (k)
                s.append(' ');
            s.append(words[m_rng.bounded(int(std::size(words)))]);
        }
        return s;
    };
    const qint64 secs = 1750507591 + index * 3 + qint64(m_rng.bounded(3));
    const int micros = int(m_rng.bounded(1000000));
    const QByteArray time = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC)
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                    .toLatin1()
                            + '.' + QByteArray::number(micros).rightJustified(6, '0');
    QByteArray e = "{\"agent_run_id\": " + QByteArray::number(runId) + ", \"created_at\": \"" + time + '"';
    const quint32 kind = m_rng.bounded(100);
    if (kind < 70) {
        const char *tool = tools[m_rng.bounded(int(std::size(tools)))];
        QByteArray output;
        const int lines = 1 + int(m_rng.bounded(kind < 1 ? 150 : 2));
        for (int l = 0; l < lines; ++l)
            output += "src/module" + QByteArray::number(m_rng.bounded(50)) + ".cpp:" +
                      QByteArray::number(m_rng.bounded(900)) + ": " + sentence(3, 9) + '\n';
        e += ", \"tool_name\": \"" + QByteArray(tool) + "\", \"message_type\": \"ACTION\"";
        e += ", \"thought\": " + jsonString(sentence(6, 20) + ".\n" + sentence(0, 8));
        e += ", \"observation\": {\"status\": \"success\", \"lines\": " + QByteArray::number(lines) + "}";
        e += ", \"tool_input\": {\"query\": " + jsonString(sentence(1, 4)) + ", \"path\": \"src/\", \"max_results\": 50}";
        if (m_withNeedle && index % 10007 == 5003)
            output += "Segmentation fault in xyzzy_handler(\"caf\xC3\xA9\")\n";
        e += ", \"tool_output\": {\"output\": " + jsonString(output) + ", \"exit_code\": 0}";
    } else if (kind < 93) {
        e += ", \"tool_name\": null, \"message_type\": \"PLAN_EVALUATION\", \"thought\": "
             + jsonString(sentence(10, 36)) + ", \"observation\": null, \"tool_input\": null, \"tool_output\": null";
    } else if (kind < 98) {
        e += ", \"tool_name\": null, \"message_type\": \"ERROR\", \"thought\": null, \"observation\": "
             + jsonString("Traceback (most recent call last):\n  " + sentence(5, 10)) + ", \"tool_input\": null, \"tool_output\": null";
    } else {
        e += ", \"tool_name\": null, \"message_type\": \"USER_MESSAGE\", \"thought\": null, \"observation\": "
             + jsonString(sentence(5, 40)) + ", \"tool_input\": null, \"tool_output\": null, \"x_new_field\": 18446744073709551615";
    }
    e += '}';
    return e;
}
