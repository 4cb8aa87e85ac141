// Format detection (spec/cleaning.md F1-F4). Private to lib/input.
#pragma once

#include <string_view>

#include "tifa/reader.hpp"

namespace tifa::input {

enum class BodyKind : std::uint8_t { kHtmlPage, kHtmlFragment, kMarkdown, kText };

struct Layout {
  Format format = Format::kText;
  BodyKind body_kind = BodyKind::kText;
  bool has_front_matter = false;
  bool front_matter_unclosed = false;
  Span front_matter;  // from the opening "---" to the end of the closing line
  Span yaml;          // the lines between the delimiters
  Span body;          // everything after the front matter (or the whole text)
};

// Detects the layout of decoded text. `hint` other than kAuto forces the format (F4); the body
// kind still follows F3 unless the hint names a body kind itself (html, markdown, text).
Layout detect_layout(std::string_view text, Format hint, std::string_view page_marker);

// F3 on text[body].
BodyKind detect_body_kind(std::string_view text, Span body, std::string_view page_marker);

}  // namespace tifa::input
