// A mention while recognition is under way, with what later steps need to know about it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "slogans/text_view.hpp"
#include "tifa/document.hpp"
#include "tifa/lexicon.hpp"

namespace tifa::slogans {

struct Found {
  Mention mention;
  const LexiconEntry* entry = nullptr;  // lexicon mentions
  bool has_cue = false;                 // discovered: a §4.3 cue holds
  bool unquoted_d1 = false;             // needs count-checked members to exist at all
  bool inside_speech = false;           // inside a longer quotation (soft negative)
  bool count_checked = false;           // members linked by their count (§5 rule 3)
  std::vector<Span> own_items;          // a parallel set's items (its members)
  bool replaced = false;                // taken over by a discovered mention; dropped at the end
};

// Mentions are kept sorted by span and never overlap, so their ends are sorted too: the ones that
// overlap `span` form one run, [first, last).
inline std::pair<std::size_t, std::size_t> overlapping(const std::vector<Found>& found, Span span) {
  const auto first = std::partition_point(found.begin(), found.end(),
                                          [&](const Found& f) { return f.mention.span.end <= span.begin; });
  auto last = first;
  while (last != found.end() && last->mention.span.begin < span.end) ++last;
  return {static_cast<std::size_t>(first - found.begin()), static_cast<std::size_t>(last - found.begin())};
}

inline bool overlaps_any(const std::vector<Found>& found, Span span) {
  const auto [first, last] = overlapping(found, span);
  return first < last;
}

// Strings that are not reported, whatever finds them: lexicon forms whose context failed (§2.4).
using FailedForms = std::unordered_set<std::string>;

}  // namespace tifa::slogans
