// Front-matter reader (spec/cleaning.md R1). Private to lib/input.
#pragma once

#include <string_view>

#include "tifa/reader.hpp"

namespace tifa::input {

// Parses the YAML text decoded[yaml.begin, yaml.end) (the lines between the "---" delimiters)
// with libyaml's event API: every scalar stays a string, quoted scalars are unescaped, sequences
// become string lists, keys are kept verbatim and in order. All spans in the result are absolute
// offsets into `decoded`. On a YAML error, `yaml_error` is set in the result and the text is read
// line by line as "key: value" (and " - item" lines under a key) instead.
// The result's `present` and `span` are left for the caller to set.
FrontMatter parse_front_matter(std::string_view decoded, Span yaml);

}  // namespace tifa::input
