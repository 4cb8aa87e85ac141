// Context rules for ambiguous short forms (spec/slogans.md §2.4).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>
#include <string_view>

#include "slogans/text_view.hpp"
#include "tifa/lexicon.hpp"

namespace tifa::slogans {

enum class ContextResult {
  kFailed,
  kHeld,             // held through `full` or `quoted`, or the rule has no alternatives
  kHeldThroughTerms  // held only through `doc=` or `sentence=` terms (confidence medium)
};

// What context checks learn about a document, kept for the next check: the folded text (doc=
// terms need it, most texts never do) and, per sentence and term list, whether a term occurs.
// Without the cache a long sentence full of short forms would be folded and searched once per
// match.
class FoldedDocument {
 public:
  explicit FoldedDocument(std::string_view text) : text_(text) {}
  const std::string& folded();
  // Whether one of `terms` occurs (after folding) in `sentence`, which has index `index`.
  bool sentence_has(std::size_t index, Span sentence, const std::vector<std::string>& terms);

 private:
  std::string_view text_;
  std::string folded_;
  bool made_ = false;
  std::map<std::pair<std::size_t, const void*>, bool> sentence_terms_;
};

struct ContextQuery {
  const TextView& view;
  Span match;                    // the form's span
  bool has_unambiguous_form;     // `full`: another form of the entry occurs in the document
  FoldedDocument& document;
};

ContextResult check_context(const ContextRule& rule, const ContextQuery& query);

// True when the text right before `pos` ends a clause, is not CJK, or ends with a governing verb
// or a function word of `bounded_left` (one opening quote mark before `pos` is skipped).
bool bounded_left(std::string_view text, std::size_t pos);

}  // namespace tifa::slogans
