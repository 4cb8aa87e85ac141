// Context rules (spec/slogans.md §2.4).
#include "slogans/context.hpp"

#include "slogans/builtin_data.hpp"
#include "slogans/fold.hpp"
#include "slogans/text_chars.hpp"
#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

bool contains_any(std::string_view folded_haystack, const std::vector<std::string>& terms) {
  for (const std::string& term : terms) {
    if (folded_haystack.find(fold_string(term)) != std::string_view::npos) return true;
  }
  return false;
}

bool ends_with_any(std::string_view text, const std::vector<std::string>& terms) {
  const std::string folded = fold_string(text);
  for (const std::string& term : terms) {
    if (folded.ends_with(fold_string(term))) return true;
  }
  return false;
}

bool starts_with_any(std::string_view text, const std::vector<std::string>& terms) {
  const std::string folded = fold_string(text);
  for (const std::string& term : terms) {
    if (folded.starts_with(fold_string(term))) return true;
  }
  return false;
}

// Up to `count` code points of the block before `pos` / after `pos`, skipping one quote mark.
std::string_view text_before(const TextView& view, std::size_t pos, std::size_t count) {
  const Span block = view.block_span(pos);
  std::size_t end = pos;
  if (end > block.begin && is_quote_mark(util::code_point_before(view.text, end))) {
    end = util::previous_start(view.text, end);
  }
  std::size_t begin = end;
  for (std::size_t i = 0; i < count && begin > block.begin; ++i) begin = util::previous_start(view.text, begin);
  return view.text.substr(begin, end - begin);
}

std::string_view text_after(const TextView& view, std::size_t pos, std::size_t count) {
  const Span block = view.block_span(pos);
  std::size_t begin = pos;
  std::size_t length = 0;
  if (begin < block.end && is_quote_mark(util::decode_at(view.text, begin, length))) begin += length;
  std::size_t end = begin;
  for (std::size_t i = 0; i < count && end < block.end; ++i) {
    util::decode_at(view.text, end, length);
    end += length;
  }
  return view.text.substr(begin, end - begin);
}

constexpr std::size_t kContextWindow = 8;  // code points; longer than any term of a rule

}  // namespace

const std::string& FoldedDocument::folded() {
  if (!made_) {
    folded_ = fold_string(text_);
    made_ = true;
  }
  return folded_;
}

bool bounded_left(std::string_view text, std::size_t pos) {
  if (pos == 0) return true;
  std::size_t end = pos;
  char32_t before = util::code_point_before(text, end);
  if (is_quote_mark(before)) {
    end = util::previous_start(text, end);
    if (end == 0) return true;
    before = util::code_point_before(text, end);
  }
  if (!util::is_han(before) || is_clause_punctuation(before)) return true;
  const std::size_t window_begin = end >= 4 * 3 ? end - 4 * 3 : 0;
  std::size_t begin = window_begin;
  while (begin < end && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) ++begin;
  const std::string_view window = text.substr(begin, end - begin);
  for (const auto* list : {&builtin_word_list("governing_verbs"), &builtin_word_list("bounded_left_words")}) {
    for (std::string_view word : *list) {
      if (window.ends_with(word)) return true;
    }
  }
  return false;
}

bool FoldedDocument::sentence_has(std::size_t index, Span sentence, const std::vector<std::string>& terms) {
  const auto key = std::make_pair(index, static_cast<const void*>(&terms));
  if (const auto it = sentence_terms_.find(key); it != sentence_terms_.end()) return it->second;
  const bool found = contains_any(fold_string(text_.substr(sentence.begin, sentence.size())), terms);
  sentence_terms_.emplace(key, found);
  return found;
}

ContextResult check_context(const ContextRule& rule, const ContextQuery& query) {
  const TextView& view = query.view;
  const std::size_t index = view.sentence_of(query.match.begin);
  const Span sentence = view.sentence_span(query.match.begin);
  const auto sentence_has = [&](const std::vector<std::string>& terms) {
    return query.document.sentence_has(index, sentence, terms);
  };

  if (!rule.not_sentence.empty() && sentence_has(rule.not_sentence)) return ContextResult::kFailed;
  if (!rule.not_before.empty() &&
      ends_with_any(text_before(view, query.match.begin, kContextWindow), rule.not_before)) {
    return ContextResult::kFailed;
  }
  if (!rule.not_after.empty() &&
      starts_with_any(text_after(view, query.match.end, kContextWindow), rule.not_after)) {
    return ContextResult::kFailed;
  }
  if (rule.bounded_left && !bounded_left(view.text, query.match.begin)) return ContextResult::kFailed;

  const bool has_alternatives = rule.full || rule.quoted || !rule.doc.empty() || !rule.sentence.empty();
  if (!has_alternatives) return ContextResult::kHeld;
  if (rule.full && query.has_unambiguous_form) return ContextResult::kHeld;
  if (rule.quoted && view.quote_with_content(query.match) != nullptr) return ContextResult::kHeld;
  if (!rule.sentence.empty() && sentence_has(rule.sentence)) return ContextResult::kHeldThroughTerms;
  if (!rule.doc.empty() && contains_any(query.document.folded(), rule.doc)) return ContextResult::kHeldThroughTerms;
  return ContextResult::kFailed;
}

}  // namespace tifa::slogans
