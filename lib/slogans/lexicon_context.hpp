// The context-rule syntax of spec/slogans.md §2.4: parsing a `context` field into a ContextRule
// and writing one back in a fixed clause order (for the canonical serialisation, §2.8).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "tifa/lexicon.hpp"

namespace tifa::slogans {

struct ContextSyntaxError {
  std::size_t offset = 0;  // code points from the start of the field to the faulty clause
  std::string message;
};

// Parses `text` (trimmed, NFC) into `rule`. Returns false and fills `error` on bad syntax: an
// empty clause or term, an unknown clause name, a value on `full`/`quoted`/`bounded_left`, or a
// list clause without `=`. A clause given twice adds its terms to the first.
bool parse_context_rule(std::string_view text, ContextRule& rule, ContextSyntaxError& error);

// `rule` in the §2.4 syntax, clauses in the order full, quoted, bounded_left, doc, sentence,
// not_sentence, not_before, not_after, joined by "; ". Empty for an empty rule.
std::string format_context_rule(const ContextRule& rule);

}  // namespace tifa::slogans
