// Text access for member linking (spec/slogans.md §5).
#include "slogans/member_text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "slogans/fold.hpp"
#include "util/utf8.hpp"

namespace tifa::slogans::member_text {

namespace {

constexpr std::size_t kWindowBytes = 600;  // how far a link may look either way: 200 CJK characters

constexpr std::string_view kPageMarker = "<PAGE_DIV>";
constexpr std::string_view kCrLf = "\r\n";

// Ignorable units of §3.5 besides the page marker and CR LF (a lone CR is none).
constexpr char32_t kIgnorable[] = {U' ', U'\t', U'\n', 0xA0, 0x3000, 0x200B,
                                   0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD};

// The bytes an ignorable unit of kIgnorable begins and ends with in UTF-8: a character that begins
// (ends) with another byte is none, so most characters (Han, whose lead bytes are E4-E9) are told
// by one byte, without decoding them and searching kIgnorable. Skipping ignorable units runs at
// both edges of every mention and item.
constexpr unsigned char utf8_first_byte(char32_t cp) {
  if (cp < 0x80) return static_cast<unsigned char>(cp);
  if (cp < 0x800) return static_cast<unsigned char>(0xC0 | (cp >> 6));
  if (cp < 0x10000) return static_cast<unsigned char>(0xE0 | (cp >> 12));
  return static_cast<unsigned char>(0xF0 | (cp >> 18));
}
constexpr unsigned char utf8_last_byte(char32_t cp) {
  return cp < 0x80 ? static_cast<unsigned char>(cp) : static_cast<unsigned char>(0x80 | (cp & 0x3F));
}
template <unsigned char (*edge_byte)(char32_t)>
constexpr std::array<bool, 256> ignorable_edge_bytes() {
  std::array<bool, 256> bytes{};
  for (const char32_t cp : kIgnorable) bytes[edge_byte(cp)] = true;
  return bytes;
}
constexpr std::array<bool, 256> kIgnorableFirstBytes = ignorable_edge_bytes<utf8_first_byte>();
constexpr std::array<bool, 256> kIgnorableLastBytes = ignorable_edge_bytes<utf8_last_byte>();

struct QuotePair {
  char32_t opening;
  char32_t closing;
};
// §3.6 quote pairs; ASCII " is both marks. 《》 are titles, not quotes.
constexpr QuotePair kQuotePairs[] = {
    {U'“', U'”'}, {U'‘', U'’'}, {U'「', U'」'}, {U'『', U'』'}, {U'"', U'"'}};

constexpr char32_t kClausePunctuation[] = {U'，', U'。', U'；', U'：', U'！', U'？', U'…',
                                           U',',  U';',  U':',  U'!',  U'?'};
constexpr char32_t kClosingBrackets[] = {U'）', U')', U'】', U'〕', U']'};

template <std::size_t N>
bool one_of(const char32_t (&set)[N], char32_t cp) {
  return std::find(std::begin(set), std::end(set), cp) != std::end(set);
}

bool is_opening_quote(char32_t cp) {
  return std::any_of(std::begin(kQuotePairs), std::end(kQuotePairs),
                     [cp](const QuotePair& pair) { return pair.opening == cp; });
}

bool is_closing_quote(char32_t cp) {
  return std::any_of(std::begin(kQuotePairs), std::end(kQuotePairs),
                     [cp](const QuotePair& pair) { return pair.closing == cp; });
}

bool is_quote(char32_t cp) { return is_opening_quote(cp) || is_closing_quote(cp); }

// Typographic marks only: an ASCII " next to a slogan may as well close the list before it.
bool is_typographic_opening_quote(char32_t cp) { return cp != U'"' && is_opening_quote(cp); }
bool is_typographic_closing_quote(char32_t cp) { return cp != U'"' && is_closing_quote(cp); }

char32_t closing_for(char32_t opening) {
  for (const QuotePair& pair : kQuotePairs) {
    if (pair.opening == opening) return pair.closing;
  }
  return 0;
}

// Han characters, most of the text, are neither: they need no search of the lists.
bool is_clause_punctuation(char32_t cp) { return !util::is_han(cp) && one_of(kClausePunctuation, cp); }

bool is_continuation_byte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// No character of U+4000-U+9FFF is one (Window::clause_start_before steps over them unread).
bool is_clause_boundary(char32_t cp) {
  return !util::is_han(cp) && (one_of(kClausePunctuation, cp) || one_of(kClosingBrackets, cp));
}

// Folding tests on Window::changed_by_folding_table(): most comparisons of a text character with
// a word character then need no fold table search, and each test is a few instructions.
bool may_change_by_folding(const std::uint64_t* changed, char32_t cp) {
  return cp >= 0x10000 || ((changed[cp / 64] >> (cp % 64)) & 1u) != 0;
}

char32_t folded_character(const std::uint64_t* changed, char32_t cp) {
  return may_change_by_folding(changed, cp) ? fold(cp) : cp;
}

bool same_after_folding(const std::uint64_t* changed, char32_t a, char32_t b) {
  if (a == b) return true;
  if (!may_change_by_folding(changed, a) && !may_change_by_folding(changed, b)) return false;
  return fold(a) == fold(b);
}

std::u32string folded_code_points(std::string_view word) {
  std::u32string cps;
  for (std::size_t pos = 0, length = 0; pos < word.size(); pos += length) {
    cps.push_back(fold(util::decode_at(word, pos, length)));
  }
  return cps;
}

}  // namespace

FoldedWords::FoldedWords(Words words) : words_(words) {
  first_.reserve(words.size());
  last_.reserve(words.size());
  folded_.reserve(words.size());
  for (std::string_view word : words) {
    folded_.push_back(folded_code_points(word));
    first_.push_back(word.empty() ? 0 : fold(util::code_point_at(word, 0)));
    last_.push_back(word.empty() ? 0 : fold(util::code_point_before(word, word.size())));
    if (word.empty()) continue;
    firsts_.set(first_.back() % kFilterBits);
    lasts_.set(last_.back() % kFilterBits);
  }
}

WordsWithin::WordsWithin(Words words) : words_(words) {
  folded_.reserve(words.size());
  for (std::string_view word : words) folded_.push_back(folded_code_points(word));
}

// BMP code points that folding changes, one bit each, found once per process. A Window keeps the
// table's address, so its folding tests need no guard of a function-local static. Folding changes
// only the full-width range and the code points of its table, so only those are asked about.
const std::uint64_t* Window::changed_by_folding_table() {
  static const std::vector<std::uint64_t> changed = [] {
    std::vector<std::uint64_t> bits(0x10000 / 64);
    const auto mark = [&bits](char32_t cp) {
      if (cp < 0x10000 && fold(cp) != cp) bits[cp / 64] |= std::uint64_t{1} << (cp % 64);
    };
    for (const FoldPair& pair : traditional_fold_pairs()) mark(pair.from);
    for (char32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) mark(cp);
    return bits;
  }();
  return changed.data();
}

std::optional<Window> Window::around(std::string_view text, Span block, Span outer) {
  if (block.begin > block.end || block.end > text.size()) return std::nullopt;
  if (outer.begin > outer.end || outer.begin < block.begin || outer.end > block.end) return std::nullopt;
  const auto is_continuation = [&](std::size_t pos) {
    return pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80;
  };
  // A byte bound is enough and costs nothing: 200 Chinese characters, more when ASCII.
  std::size_t lo = outer.begin - std::min(outer.begin - block.begin, kWindowBytes);
  while (lo > block.begin && lo < outer.begin && is_continuation(lo)) ++lo;
  std::size_t hi = outer.end + std::min(block.end - outer.end, kWindowBytes);
  while (hi < block.end && hi > outer.end && is_continuation(hi)) --hi;
  return Window(text, lo, hi, lo == block.begin, hi == block.end);
}

// ------------------------------------------------------------------------- characters

char32_t Window::folded_before(std::size_t end) const noexcept {
  std::size_t length = 0;
  return folded_character(changed_by_folding_, before(end, length));
}

std::size_t Window::character_length(std::size_t pos) const noexcept {
  std::size_t length = 0;
  at(pos, length);
  return std::max<std::size_t>(length, 1);
}

bool Window::raw_starts_with(std::size_t pos, std::string_view bytes) const noexcept {
  return pos >= lo_ && pos <= hi_ && bytes.size() <= hi_ - pos && text_.compare(pos, bytes.size(), bytes) == 0;
}

bool Window::raw_ends_with(std::size_t end, std::string_view bytes) const noexcept {
  return end >= lo_ && end <= hi_ && bytes.size() <= end - lo_ &&
         text_.compare(end - bytes.size(), bytes.size(), bytes) == 0;
}

std::optional<std::size_t> Window::match_at(std::size_t pos, std::string_view word) const noexcept {
  if (pos < lo_ || pos > hi_) return std::nullopt;
  std::size_t end = pos;
  for (std::size_t offset = 0, word_length = 0; offset < word.size(); offset += word_length) {
    const char32_t expected = util::decode_at(word, offset, word_length);
    std::size_t length = 0;
    if (end >= hi_ || !same_after_folding(changed_by_folding_, at(end, length), expected)) return std::nullopt;
    end += length;
  }
  return end - pos;
}

std::optional<std::size_t> Window::match_before(std::size_t end, std::string_view word) const noexcept {
  if (end < lo_ || end > hi_) return std::nullopt;
  std::size_t begin = end;
  for (std::size_t word_end = word.size(); word_end > 0;) {
    const std::size_t word_start = util::previous_start(word, word_end);
    const char32_t expected = util::code_point_at(word, word_start);
    std::size_t length = 0;
    if (begin <= lo_ || !same_after_folding(changed_by_folding_, before(begin, length), expected)) return std::nullopt;
    begin -= length;
    word_end = word_start;
  }
  return end - begin;
}

std::optional<WordMatch> Window::word_at(Span region, const FoldedWords& words) const noexcept {
  // The character at region.begin, folded once here, rules out most words without comparing
  // further (join_positions asks at every character of an item).
  if (region.begin < lo_ || region.begin >= hi_) return std::nullopt;
  std::size_t first_length = 0;
  const char32_t first = folded_character(changed_by_folding_, at(region.begin, first_length));
  if (!words.may_begin_with(first)) return std::nullopt;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words.first(i) != first || words[i].empty()) continue;
    const auto length = match_folded_at(region.begin, words.folded(i));
    if (length && *length > 0 && region.begin + *length <= region.end) {
      return WordMatch{words[i], Span{region.begin, region.begin + *length}};
    }
  }
  return std::nullopt;
}

std::optional<WordMatch> Window::word_before(std::size_t end, const FoldedWords& words,
                                             const WordsWithin& exceptions) const noexcept {
  // A match begins with its last character: the character before `end`, folded once here, rules
  // out most words without comparing any further.
  if (end <= lo_ || end > hi_) return std::nullopt;
  std::size_t last_length = 0;
  const char32_t last = folded_character(changed_by_folding_, before(end, last_length));
  if (!words.may_end_with(last)) return std::nullopt;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words.last(i) != last || words[i].empty()) continue;
    const auto length = match_folded_before(end, words.folded(i));
    if (!length || *length == 0) continue;
    const Span found{end - *length, end};
    if (!inside_word(found, words[i], exceptions)) return WordMatch{words[i], found};
  }
  return std::nullopt;
}

bool Window::inside_word(Span found, std::string_view function_word, const WordsWithin& words) const noexcept {
  const std::u32string function_cps = folded_code_points(function_word);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::u32string& word_cps = words.folded(i);
    for (std::size_t offset = word_cps.find(function_cps); offset != std::u32string::npos;
         offset = word_cps.find(function_cps, offset + 1)) {
      const std::size_t start = back_characters(found.begin, offset, lo_);
      const auto length = match_folded_at(start, word_cps);
      if (length && start + *length >= found.end && start <= found.begin) return true;
    }
  }
  return false;
}

std::optional<std::size_t> Window::match_folded_before(std::size_t end, std::u32string_view folded_word) const noexcept {
  if (end < lo_ || end > hi_) return std::nullopt;
  std::size_t begin = end;
  for (auto expected = folded_word.rbegin(); expected != folded_word.rend(); ++expected) {
    std::size_t length = 0;
    if (begin <= lo_ || folded_character(changed_by_folding_, before(begin, length)) != *expected) return std::nullopt;
    begin -= length;
  }
  return end - begin;
}

std::optional<std::size_t> Window::match_folded_at(std::size_t pos, std::u32string_view folded_word) const noexcept {
  if (pos < lo_ || pos > hi_) return std::nullopt;
  std::size_t end = pos;
  for (const char32_t expected : folded_word) {
    std::size_t length = 0;
    if (end >= hi_ || folded_character(changed_by_folding_, at(end, length)) != expected) return std::nullopt;
    end += length;
  }
  return end - pos;
}

std::vector<WordMatch> Window::find_words(Span region, const FoldedWords& words) const {
  std::vector<WordMatch> found;
  if (region.begin < lo_ || region.end > hi_) return found;
  for (std::size_t pos = region.begin, length = 0; pos < region.end; pos += length) {
    const char32_t folded = folded_character(changed_by_folding_, at(pos, length));
    if (!words.may_begin_with(folded)) continue;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words.first(i) != folded || folded == 0) continue;
      const auto matched = match_folded_at(pos, words.folded(i));
      if (matched && pos + *matched <= region.end) found.push_back({words[i], Span{pos, pos + *matched}});
    }
  }
  return found;
}

bool Window::may_hold_word(Span region, const FoldedWords& words) const noexcept {
  if (region.begin < lo_ || region.end > hi_) return true;
  for (std::size_t pos = region.begin, length = 0; pos < region.end; pos += length) {
    if (words.may_begin_with(folded_character(changed_by_folding_, at(pos, length)))) return true;
  }
  return false;
}

std::size_t Window::back_characters(std::size_t end, std::size_t n, std::size_t floor) const noexcept {
  floor = std::max(floor, lo_);
  for (std::size_t i = 0; i < n && end > floor; ++i) {
    std::size_t length = 0;
    before(end, length);
    end -= std::min(length, end - floor);
  }
  return end;
}

// -------------------------------------------------------------------- ignorable units

// Both look at one byte before comparing the page marker or CR LF: they run at most characters
// of an item.
std::size_t Window::ignorable_length_at(std::size_t pos, std::size_t limit) const noexcept {
  if (pos >= limit || pos >= hi_) return 0;
  std::size_t length = 0;
  const char first = text_[pos];
  if (first == kPageMarker.front() && raw_starts_with(pos, kPageMarker)) {
    length = kPageMarker.size();
  } else if (first == kCrLf.front() && raw_starts_with(pos, kCrLf)) {
    length = kCrLf.size();
  } else if (!kIgnorableFirstBytes[static_cast<unsigned char>(first)] || !one_of(kIgnorable, at(pos, length))) {
    return 0;
  }
  return pos + length <= limit ? length : 0;
}

std::size_t Window::ignorable_length_before(std::size_t end, std::size_t limit) const noexcept {
  if (end <= limit || end > hi_) return 0;
  std::size_t length = 0;
  const char last = text_[end - 1];
  if (last == kPageMarker.back() && raw_ends_with(end, kPageMarker)) {
    length = kPageMarker.size();
  } else if (last == kCrLf.back() && raw_ends_with(end, kCrLf)) {
    length = kCrLf.size();
  } else if (!kIgnorableLastBytes[static_cast<unsigned char>(last)] || !one_of(kIgnorable, before(end, length))) {
    return 0;
  }
  return end - length >= limit ? length : 0;
}

std::size_t Window::skip_ignorable_units(std::size_t pos) const noexcept {
  while (const std::size_t length = ignorable_length_at(pos, hi_)) pos += length;
  return pos;
}

std::size_t Window::skip_ignorable_back(std::size_t end) const noexcept {
  while (const std::size_t length = ignorable_length_before(end, lo_)) end -= length;
  return end;
}

// ------------------------------------------------------------------------ quote marks

std::size_t Window::skip_closing_mark(std::size_t pos) const noexcept {
  std::size_t length = 0;
  return pos < hi_ && is_typographic_closing_quote(at(pos, length)) ? pos + length : pos;
}

std::size_t Window::skip_opening_quote_back(std::size_t end) const noexcept {
  std::size_t length = 0;
  return end > lo_ && is_typographic_opening_quote(before(end, length)) ? end - length : end;
}

std::size_t Window::skip_opening_noise(Span region) const noexcept {
  std::size_t pos = region.begin;
  while (pos < region.end) {
    std::size_t length = ignorable_length_at(pos, region.end);
    if (length == 0 && !is_opening_quote(at(pos, length))) break;
    pos += length;
  }
  return pos;
}

std::size_t Window::opening_quote_before(std::size_t pos) const noexcept {
  std::size_t length = 0;
  return pos > lo_ && is_opening_quote(before(pos, length)) ? pos - length : pos;
}

std::size_t Window::closing_quote_after(std::size_t end) const noexcept {
  std::size_t length = 0;
  return end < hi_ && is_closing_quote(at(end, length)) ? end + length : end;
}

bool Window::contains_quote(Span region, bool opening) const noexcept {
  for (std::size_t pos = region.begin, length = 0; pos < region.end; pos += length) {
    const char32_t cp = at(pos, length);
    if (opening ? is_opening_quote(cp) : is_closing_quote(cp)) return true;
  }
  return false;
}

std::vector<std::size_t> Window::unclosed_opening_quotes(Span region) const {
  std::vector<std::size_t> unclosed;
  for (std::size_t pos = region.begin, length = 0; pos < region.end; pos += length) {
    const char32_t cp = at(pos, length);
    if (!is_opening_quote(cp)) continue;
    std::size_t partners = 0;  // closing marks after it; an ASCII " needs an odd number
    for (std::size_t next = pos + length, next_length = 0; next < region.end; next += next_length) {
      partners += at(next, next_length) == closing_for(cp);
    }
    const bool closed = cp == U'"' ? partners % 2 == 1 : partners > 0;
    if (!closed) unclosed.push_back(pos + length);
  }
  return unclosed;
}

std::optional<std::size_t> Window::final_quote_start(Span region) const noexcept {
  const std::size_t end = skip_ignorable_back(region.end);
  std::size_t length = 0;
  const char32_t closing = end > region.begin ? before(end, length) : 0;
  if (!is_closing_quote(closing)) return std::nullopt;
  for (std::size_t pos = end - length; pos > region.begin;) {
    const char32_t cp = before(pos, length);
    pos -= length;
    if (is_opening_quote(cp) && closing_for(cp) == closing) return pos;
  }
  return std::nullopt;
}

bool Window::is_quoted_whole(Span region) const noexcept {
  const Span trimmed = trim_ignorable(region);
  const auto start = final_quote_start(trimmed);
  return start && *start == trimmed.begin;
}

std::size_t Window::back_by_characters(std::size_t end, std::size_t n) const noexcept {
  std::size_t pos = skip_ignorable_back(end);
  std::size_t length = 0;
  if (pos > lo_ && is_closing_quote(before(pos, length))) pos -= length;
  for (std::size_t i = 0; i < n && pos > lo_; ++i) {
    pos = skip_ignorable_back(pos);
    before(pos, length);
    pos -= std::min(length, pos - lo_);
  }
  return opening_quote_before(pos);
}

// ------------------------------------------------------------------- clause boundaries

ClauseStart Window::clause_start_before(std::size_t end) const noexcept {
  std::size_t pos = std::min(end, hi_);
  while (pos > lo_) {
    // A whole character of lead E4-E9 (U+4000-U+9FFF: Han, most of the text) is no clause
    // boundary: stepped over unread.
    if (pos - lo_ >= 3 && begins_han(pos - 3) && is_continuation_byte(text_[pos - 2]) &&
        is_continuation_byte(text_[pos - 1])) {
      pos -= 3;
      continue;
    }
    std::size_t length = 0;
    if (is_clause_boundary(before(pos, length))) return {pos, true};
    pos -= length;
  }
  return {lo_, lo_is_block_start_};
}

std::optional<std::size_t> Window::clause_end_after(std::size_t begin) const noexcept {
  for (std::size_t pos = begin, length = 0; pos < hi_; pos += length) {
    if (is_clause_boundary(at(pos, length))) return pos;
  }
  if (hi_is_block_end_) return hi_;
  return std::nullopt;  // cut by the window: the last item would be cut too
}

std::optional<std::size_t> Window::closing_bracket_after(std::size_t begin, std::string_view opening,
                                                         std::string_view closing) const noexcept {
  std::size_t depth = 1;
  for (std::size_t pos = begin; pos < hi_; pos += character_length(pos)) {
    if (const auto length = match_at(pos, closing); length && *length > 0 && --depth == 0) return pos;
    if (const auto length = match_at(pos, opening); length && *length > 0) ++depth;
  }
  return std::nullopt;
}

// -------------------------------------------------------------------------- trimming

Span Window::trim_ignorable(Span item) const noexcept {
  while (const std::size_t length = ignorable_length_at(item.begin, item.end)) item.begin += length;
  while (const std::size_t length = ignorable_length_before(item.end, item.begin)) item.end -= length;
  return item;
}

Span Window::trim_edge_quotes(Span item) const noexcept {
  std::size_t first_length = 0;
  std::size_t last_length = 0;
  if (item.empty()) return item;
  const bool opens = is_opening_quote(at(item.begin, first_length));
  const bool closes = item.size() > first_length && is_closing_quote(before(item.end, last_length));
  const Span interior{item.begin + (opens ? first_length : 0), item.end - (closes ? last_length : 0)};
  Span trimmed = item;
  if (opens && !contains_quote(interior, false)) trimmed.begin = interior.begin;
  if (closes && !contains_quote(interior, true)) trimmed.end = interior.end;
  return trimmed;
}

Span Window::trim_leading_word(Span item, const FoldedWords& words, const WordsWithin& exceptions) const noexcept {
  const auto found = word_at(item, words);
  if (!found || inside_word(found->span, found->word, exceptions)) return item;
  return Span{found->span.end, item.end};
}

Span Window::trim_trailing_word(Span item, Words words, const WordsWithin& exceptions) const noexcept {
  for (std::string_view word : words) {
    const auto length = match_before(item.end, word);
    if (!length || *length == 0 || *length > item.size()) continue;
    const Span found{item.end - *length, item.end};
    if (inside_word(found, word, exceptions)) return item;
    return Span{item.begin, found.begin};
  }
  return item;
}

// ------------------------------------------------------------------------ item content

std::size_t Window::count_characters(Span item) const noexcept {
  std::size_t count = 0;
  for (std::size_t pos = item.begin; pos < item.end;) {
    if (const std::size_t gap = ignorable_length_at(pos, item.end)) {
      pos += gap;
      continue;
    }
    pos += character_length(pos);
    ++count;
  }
  return count;
}

bool Window::has_content(Span item) const noexcept {
  for (std::size_t pos = item.begin; pos < item.end;) {
    if (const std::size_t gap = ignorable_length_at(pos, item.end)) {
      pos += gap;
      continue;
    }
    std::size_t length = 0;
    if (!is_quote(at(pos, length))) return true;
    pos += std::max<std::size_t>(length, 1);
  }
  return false;
}

bool Window::has_clause_punctuation(Span item) const noexcept {
  for (std::size_t pos = item.begin, length = 0; pos < item.end; pos += length) {
    if (is_clause_punctuation(at(pos, length))) return true;
  }
  return false;
}

std::string Window::without_ignorable(Span item) const {
  std::string out;
  for (std::size_t pos = item.begin; pos < item.end;) {
    if (const std::size_t gap = ignorable_length_at(pos, item.end)) {
      pos += gap;
      continue;
    }
    const std::size_t length = character_length(pos);
    out.append(text_.substr(pos, std::min(length, item.end - pos)));
    pos += length;
  }
  return out;
}

}  // namespace tifa::slogans::member_text
