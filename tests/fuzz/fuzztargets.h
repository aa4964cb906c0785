// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>

// The bodies of the fuzz targets, shared by the libFuzzer executables (clang only) and by
// tst_fuzzcorpus, which replays every corpus and regression file through them in the ordinary
// dev and asan builds, so that CI keeps every input a fuzzer ever found without needing clang.
// Each must never crash, hang or grow memory without bound, whatever the bytes.
namespace FuzzTargets {
// A response body: PageParser::parse and parseEntry, then what the detail pane does with every
// entry (parseEntryDetail, JsonText::pretty/readable/compact/compactPreview/check).
void pageParser(const std::uint8_t *data, std::size_t size);
// An exported file: RunFileReader::parseBytes as .json, as .jsonl and sniffed.
void runFile(const std::uint8_t *data, std::size_t size);
// A Claude Code transcript: detection, conversion, and every mapped entry a valid entry (what
// the reader then reads); also through the reader, as a file of that format.
void claudeCode(const std::uint8_t *data, std::size_t size);
}
