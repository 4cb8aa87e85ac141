// Front-matter reader (spec/cleaning.md R1). Private to lib/input.
#pragma once

#include <string_view>
#include <vector>

#include "tifa/reader.hpp"

namespace tifa::input {

// Parses the YAML text decoded[yaml.begin, yaml.end) (the lines between the "---" delimiters)
// with libyaml's event API: every scalar stays a string, quoted scalars are unescaped, sequences
// become string lists, keys are kept verbatim and in order. All spans in the result are absolute
// offsets into `decoded`. On a YAML error, `yaml_error` is set in the result and the text is read
// line by line as "key: value" (and " - item" lines under a key) instead.
// The result's `present` and `span` are left for the caller to set.
// Flat front matter ("key: value" lines and "- item" lists of plain or simply quoted scalars,
// as blog generators write it) is read without libyaml, with the same result.
// `valid_utf8`: the caller knows `decoded` is valid UTF-8 (DecodedInput::text is), so the fast
// path need not check it again; otherwise invalid UTF-8 goes to libyaml, which refuses it.
FrontMatter parse_front_matter(std::string_view decoded, Span yaml, bool valid_utf8 = false);

// The two halves of parse_front_matter, for tests that hold them against each other.
// read_simple_front_matter: true and the entries when the block lies within the subset above,
// false (and no entries) otherwise. parse_front_matter_with_libyaml: always through libyaml.
bool read_simple_front_matter(std::string_view decoded, Span yaml, std::vector<FrontMatterEntry>& entries,
                              bool valid_utf8 = false);
FrontMatter parse_front_matter_with_libyaml(std::string_view decoded, Span yaml);

}  // namespace tifa::input
