// Discovery of slogans absent from the lexicon (spec/slogans.md §4): candidate rules D1-D9, the
// trap list, cues and the canonical form of discovered mentions.
#pragma once

#include <cstddef>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "slogans/found.hpp"
#include "slogans/text_view.hpp"
#include "tifa/lexicon.hpp"

namespace tifa::slogans {

// The heads D8 may leave out of the items before them: the endings that two or more canonicals of
// a lexicon end with (强国: 制造强国, 人才强国 ...), each shorter than those canonicals. Worked out
// once per lexicon, which must outlive it (the heads are views of its canonicals).
class SharedHeads {
 public:
  explicit SharedHeads(const Lexicon& lexicon);
  bool contains(std::string_view head) const { return heads_.contains(head); }

 private:
  std::unordered_set<std::string_view> heads_;
};

struct DiscoveryInput {
  const TextView& view;
  const Lexicon& lexicon;
  const SharedHeads& shared_heads;  // of `lexicon`
  const FailedForms& failed;
  std::string_view page_marker;
};

// Runs D1-D8 on `view` and merges the candidates into `mentions` (lexicon mentions on entry,
// sorted by span): a candidate that overlaps a lexicon mention is dropped, except a quoted one that
// strictly contains it (§4.5) and a D8 set, which replace it. The result stays sorted and free of
// overlaps.
void discover(const DiscoveryInput& input, std::vector<Found>& mentions);

// D9: abbreviations defined in the text (`NAME（以下简称“Y”）`): NAME and Y get one canonical,
// later occurrences of Y become mentions with flag `abbrev`. `mentions` stays sorted.
void link_abbreviations(const DiscoveryInput& input, std::vector<Found>& mentions);

// The kind of a mention from its canonical (§1.3), given whether it is quoted.
MentionKind kind_of(std::string_view canonical, bool quoted);

}  // namespace tifa::slogans
