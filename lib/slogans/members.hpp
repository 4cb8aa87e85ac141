// Member linking (spec/slogans.md §5): the enumeration that states a slogan's members, before or
// after it, returned as spans.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/span.hpp"

namespace tifa::slogans {

struct MemberQuery {
  std::string_view text;        // the whole text the spans index
  Span block;                   // the block (paragraph) holding the mention; links never leave it
  Span mention;                 // the mention's span (inside its quote marks when quoted)
  Span outer;                   // the mention with its quote marks when quoted, else == mention
                                // (left empty: the mention itself)
  // Which check of §5 rule 3 applies, first match wins: count_values (numeric slogans), else
  // lexicon_members (non-numeric lexicon slogans), else definition_only; none of them: no link.
  std::vector<int> count_values;  // member_count_values(canonical); empty when not numeric
  bool count_characters = false;  // N字: compare the items' total characters with the values
  // Non-numeric lexicon slogans: the members of the valid version (folded here if not already),
  // held by the caller (the recogniser folds them once per lexicon). Link when k >= 2 and at least
  // half the items equal one of them after folding.
  std::span<const std::string> lexicon_members;
  // Non-numeric discovered slogans: link only after an explicit definition (§5 rule 2).
  bool definition_only = false;
};

struct MemberLink {
  std::vector<Span> items;   // one span per item, in text order, trimmed as §5 rule 4 says
  // The enumeration ends with 等 / 等等 and lists fewer items than the slogan has (2 <= k < N;
  // lexicon: fewer than the lexicon members; N字: fewer characters).
  bool partial = false;
  Span enumeration;          // the whole enumeration (items and separators), for S6
  bool before = true;        // found before the slogan (rule 1) or after it (rule 2)
  // Linked because k (N字: the characters of the items) equals a count value; a partial 等 list
  // is not count-checked (D1 needs a complete list, §4.2).
  bool count_checked = false;
};

// The enumeration linked to the mention, or std::nullopt. When both directions match, before wins.
// A link has at least two items. Never throws except std::bad_alloc; spans that do not nest
// (mention ⊆ outer ⊆ block ⊆ text) give std::nullopt. The caller keeps one enumeration for one
// slogan (the nearest) by comparing MemberLink::enumeration across mentions.
std::optional<MemberLink> link_members(const MemberQuery& query);

}  // namespace tifa::slogans
