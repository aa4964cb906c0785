// SPDX-License-Identifier: MIT
#include "json/jsonvalidation.h"

#include "json/jsonsyntax.h"

namespace JsonValidation {

namespace {
Verdict checkedByScanner(QByteArrayView raw, int maxDepth)
{
    Verdict verdict;
    const JsonSyntax::Check syntax = JsonSyntax::check(raw, maxDepth);
    if (syntax.ok)
        return verdict;
    verdict.ok = false;
    verdict.where = QStringLiteral("not valid JSON at byte %1 (line %2, column %3): %4")
                        .arg(syntax.offset)
                        .arg(syntax.line)
                        .arg(syntax.column)
                        .arg(syntax.reason);
    return verdict;
}
} // namespace

Verdict check(const PaddedJson &json, int maxDepth)
{
    const QByteArrayView raw(json.data(), qsizetype(json.size()));
    if (raw.size() > kMaxDomBytes)
        return checkedByScanner(raw, maxDepth);
    simdjson::error_code domError = simdjson::SUCCESS;
    {
        simdjson::dom::parser dom;
        domError = dom.allocate(json.size(), size_t(maxDepth));
        if (!domError) {
            simdjson::dom::element root;
            // The padding is there (PaddedJson), so no copy.
            domError = dom.parse(json.data(), json.size(), false).get(root);
        }
    }
    Verdict verdict;
    if (!domError)
        return verdict;
    verdict.engineMessage = QString::fromUtf8(simdjson::error_message(domError));
    if (domError == simdjson::MEMALLOC || domError == simdjson::CAPACITY) {
        verdict.ok = false;
        verdict.tooLarge = true;
        return verdict;
    }
    const Verdict scanned = checkedByScanner(raw, maxDepth);
    if (!scanned.ok) {
        verdict.ok = false;
        verdict.where = scanned.where;
        return verdict;
    }
    if (domError == simdjson::NUMBER_ERROR || domError == simdjson::STRING_ERROR)
        return verdict; // valid JSON that simdjson's DOM is stricter about
    verdict.ok = false;
    verdict.where = QStringLiteral("not valid JSON: %1").arg(verdict.engineMessage);
    return verdict;
}

} // namespace JsonValidation
