// A hand-written HTML tokenizer and tree builder: the Dom of html_dom.hpp, built in one pass
// without libxml2's per-character machinery. Private to lib/input.
//
// It follows libxml2's HTML parser as the reader configured it (recover, no implied html/body):
// its start-tag auto-close table, its end-tag priorities, its implied <p> for text at the top
// level or in <html>/<head>, its lower-cased names and first-wins attributes, so that the reader
// sees the same tree. Where libxml2 loses text or reports the wrong thing it does better (see
// html_parser.cpp, "Where this parser differs from libxml2").
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "input/html_dom.hpp"

namespace tifa::input {

// Parses `input`, the parser buffer (UTF-8, NUL bytes already blanked, protected ranges blanked
// out), into a Dom. Every span is `base` + an offset into `input`; nodes[0] spans the whole input.
// The Dom keeps the buffer: attribute values are views of it.
// Linear time, no recursion: any nesting depth is fine. An element that would be nested deeper
// than `max_depth` (Options::max_html_depth) is not opened; its content, its children included,
// goes to the element at the limit and Dom::flattened counts it.
Dom parse_html(std::string input, std::size_t base,
               std::size_t max_depth = static_cast<std::size_t>(-1));

// The same without a copy: the Dom views `input`, which must outlive it. `known_comments` may
// list comments of `input` found before ("<!--" to the first "-->" after it; spans as above,
// sorted): their ends are then not searched again.
Dom parse_html_in_place(std::string_view input, std::size_t base,
                        std::size_t max_depth = static_cast<std::size_t>(-1),
                        std::span<const Span> known_comments = {});

}  // namespace tifa::input
