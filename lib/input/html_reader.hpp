// HTML bodies (spec/cleaning.md R2-R9, R12, B1-B3, B22, H5): hexo/jekyll fragments and whole
// pages. Private to lib/input.
#pragma once

#include "tifa/options.hpp"
#include "tifa/reader.hpp"

namespace tifa::input {

// Reads the HTML in doc.decoded.text[body] into doc.blocks, doc.images, doc.head and
// doc.removed. Markdown islands (autolinks, [text](url) links, "# " lines, page markers) are
// protected from the HTML parser and read as markdown. Never throws for any input.
void read_html(RawDocument& doc, Span body, const Options& options);

}  // namespace tifa::input
