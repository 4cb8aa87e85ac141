// Markdown bodies (spec/cleaning.md R10, B11) and plain text (R11). Private to lib/input.
#pragma once

#include "tifa/options.hpp"
#include "tifa/reader.hpp"

namespace tifa::input {

// Reads the markdown in doc.decoded.text[body]: blank lines separate paragraphs, "# " lines are
// the title candidate and headings, link syntax is markup, page markers are dropped (B11) and
// counted. Sets doc.pdf_layout.
void read_markdown(RawDocument& doc, Span body, const Options& options);

// Reads plain text: every non-blank line is a block, lost paragraph breaks are split
// (indent_split) and hard wraps joined (line_join).
void read_text(RawDocument& doc, Span body, const Options& options);

}  // namespace tifa::input
