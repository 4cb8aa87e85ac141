// tifa::to_json: the JSON form of a Document (spec/interfaces.md §3).
//
// Offsets: start/end are UTF-8 bytes of `text`, char_start/char_end code points of `text`,
// raw_start/raw_end bytes of the input. Keys are stable; unknown values are null or [].
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/document.hpp"

namespace tifa {

struct JsonOptions {
  bool edits = false;  // include each block's normalisation edits
};

// One JSON object on one line (no trailing newline). Thread-safe.
std::string to_json(const Document& document, const JsonOptions& options = {});

// {"id": ..., "mentions": [...], "counts": {...}}: the slogan part of to_json on one line
// (`tifa slogans`). Thread-safe.
std::string slogans_to_json(const Document& document);

// One JSON object per mention, in text order: "id", then the fields of a "mentions" item of
// to_json, then with context_chars > 0 "left" and "right", up to context_chars code points of the
// mention's block before and after it (a concordance line). Thread-safe.
std::vector<std::string> mentions_to_json_lines(const Document& document, std::size_t context_chars);

// Appends `value` as a JSON string literal (quotes included) to `out`. Invalid UTF-8 is written as
// U+FFFD so that the output is always valid JSON.
void append_json_string(std::string& out, std::string_view value);

}  // namespace tifa
