// Line matchers of spec/cleaning.md §3 (B3-B7, B13-B16, B18-B20, R9, NAMES). Each matcher folds
// the block (or a window of it), scans the folded copy by hand and maps spans back to the original.
// Folded text has single ASCII spaces only, ASCII digits and letters (P3) and NFC.
#include "clean/lines.hpp"

#include <unicode/uscript.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clean/dates.hpp"
#include "clean/fold.hpp"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define TIFA_LINES_SSE2 1
#endif

namespace tifa::clean {
namespace {

// =============================================================================================
// Characters and small scanning helpers over folded text

bool is_han(char32_t c) {
  // The common ideographs (assigned since Unicode 11) without asking ICU: most characters here.
  if ((c >= 0x4E00 && c <= 0x9FEF) || c == U'〇') return true;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  return U_SUCCESS(status) && script == USCRIPT_HAN;
}

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool is_ascii_upper(char32_t c) { return c >= U'A' && c <= U'Z'; }

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

char32_t char_at(std::string_view f, std::size_t pos) {
  return pos < f.size() ? decode_utf8_at(f, pos).code_point : 0;
}

std::size_t char_length_at(std::string_view f, std::size_t pos) {
  return pos < f.size() ? decode_utf8_at(f, pos).length : 0;
}

// Start of the character that ends at `pos` (pos > 0).
std::size_t previous_char_start(std::string_view f, std::size_t pos) {
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(f[start]) & 0xC0) == 0x80)
    --start;
  return start;
}

char32_t char_before(std::string_view f, std::size_t pos) {
  return pos == 0 ? 0 : char_at(f, previous_char_start(f, pos));
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); pos += decode_utf8_at(text, pos).length) ++count;
  return count;
}

bool starts_at(std::string_view f, std::size_t pos, std::string_view literal) {
  return pos <= f.size() && f.substr(pos, literal.size()) == literal;
}

bool ends_at(std::string_view f, std::size_t end, std::string_view literal) {
  return end >= literal.size() && end <= f.size() &&
         f.substr(end - literal.size(), literal.size()) == literal;
}

std::string_view slice(std::string_view f, Span span) { return f.substr(span.begin, span.size()); }

std::size_t skip_spaces(std::string_view f, std::size_t pos, std::size_t end) {
  while (pos < end && f[pos] == ' ') ++pos;
  return pos;
}

Span trimmed(std::string_view f, Span span) {
  std::size_t begin = skip_spaces(f, span.begin, span.end);
  std::size_t end = span.end;
  while (end > begin && f[end - 1] == ' ') --end;
  return {begin, end};
}

// Position of the first `literal` in f[from, to), if any.
std::optional<std::size_t> find_in(std::string_view f, std::size_t from, std::size_t to,
                                   std::string_view literal) {
  if (from >= to) return std::nullopt;
  const std::size_t at = f.substr(0, to).find(literal, from);
  if (at == std::string_view::npos) return std::nullopt;
  return at;
}

// True when every character of f[span] satisfies `test`.
template <typename Test>
bool all_chars(std::string_view f, Span span, Test test) {
  for (std::size_t pos = span.begin; pos < span.end; pos += char_length_at(f, pos)) {
    if (!test(char_at(f, pos))) return false;
  }
  return true;
}

template <typename Test>
bool any_char(std::string_view f, Span span, Test test) {
  return !all_chars(f, span, [&](char32_t c) { return !test(c); });
}

// Sentence-final marks: an outlet or name never holds one.
bool is_sentence_final(char32_t c) {
  switch (c) {
    case U'。':
    case U'！':
    case U'？':
    case U'!':
    case U'?':
    case U'；':
    case U';':
    case U'…':
      return true;
    default:
      return false;
  }
}

bool is_label_colon(char32_t c) { return c == U'：' || c == U':'; }

// =============================================================================================
// Brackets, separators and labels (spec §3: [open], [close], [sep])

constexpr std::array<std::string_view, 4> kOpenBrackets = {"（", "(", "【", "["};
constexpr std::array<std::string_view, 4> kCloseBrackets = {"）", ")", "】", "]"};
constexpr std::array<std::string_view, 6> kSeparators = {"：", ":", "丨", "|", "｜", "/"};

std::size_t open_bracket_length_at(std::string_view f, std::size_t pos) {
  for (std::string_view open : kOpenBrackets) {
    if (starts_at(f, pos, open)) return open.size();
  }
  return 0;
}

std::size_t close_bracket_length_before(std::string_view f, std::size_t end) {
  for (std::string_view close : kCloseBrackets) {
    if (ends_at(f, end, close)) return close.size();
  }
  return 0;
}

bool is_open_bracket(char32_t c) { return c == U'（' || c == U'(' || c == U'【' || c == U'['; }
bool is_close_bracket(char32_t c) { return c == U'）' || c == U')' || c == U'】' || c == U']'; }

// [open]…[close] around a whole line: the trimmed inside. A line that opens a bracket must close
// one at its end (any kind: "（…)" happens); a line without an opening bracket is taken as is, so
// a title may end in "（锐财经）".
std::optional<Span> strip_outer_brackets(std::string_view f, Span line) {
  const std::size_t open = open_bracket_length_at(f, line.begin);
  if (open == 0) return line;
  const std::size_t close = close_bracket_length_before(f, line.end);
  if (close == 0 || line.begin + open > line.end - close) return std::nullopt;
  return trimmed(f, {line.begin + open, line.end - close});
}

// [sep] with its optional spaces, starting at `pos`: the position after it.
std::optional<std::size_t> separator_end(std::string_view f, std::size_t pos, std::size_t end) {
  const std::size_t at = skip_spaces(f, pos, end);
  for (std::string_view separator : kSeparators) {
    if (at + separator.size() <= end && starts_at(f, at, separator)) {
      return skip_spaces(f, at + separator.size(), end);
    }
  }
  return std::nullopt;
}

bool is_separator_char(char32_t c) {
  return c == U'：' || c == U':' || c == U'丨' || c == U'|' || c == U'｜' || c == U'/';
}

// The first label of `labels` (longest first) at `pos`.
template <std::size_t N>
std::optional<std::string_view> label_at(std::string_view f, std::size_t pos,
                                         const std::array<std::string_view, N>& labels) {
  for (std::string_view label : labels) {
    if (starts_at(f, pos, label)) return label;
  }
  return std::nullopt;
}

// =============================================================================================
// Outlets

// spec §3 B7: 网 报 社 台 新闻 日报 晚报 客户端 杂志 APP.
constexpr std::array<std::string_view, 9> kOutletSuffixes = {
    "客户端", "新闻", "日报", "晚报", "杂志", "网", "报", "社", "台"};

bool ends_with_outlet_suffix(std::string_view text) {
  for (std::string_view suffix : kOutletSuffixes) {
    if (ends_at(text, text.size(), suffix)) return true;
  }
  return text.size() >= 3 && lower_ascii(text.substr(text.size() - 3)) == "app";
}

// "本报讯", "（本报记者…）": the outlet refers to itself and names nothing.
bool is_self_reference(std::string_view outlet) {
  constexpr std::array<std::string_view, 5> kSelf = {"本报", "本站", "本刊", "本台", "本网"};
  for (std::string_view self : kSelf) {
    if (outlet == self) return true;
  }
  return false;
}

bool is_outlet_char(char32_t c) { return is_han(c) || is_ascii_letter(c); }

// A B5 OUTLET: 1-30 code points, no sentence-final mark, and no further label colon (which would
// make "来源：本站原创 作者：…" one outlet).
bool is_source_outlet(std::string_view f, Span outlet) {
  if (outlet.empty()) return false;
  if (count_code_points(slice(f, outlet)) > kOutletMaxCodePoints) return false;
  return !any_char(f, outlet, [](char32_t c) { return is_sentence_final(c) || is_label_colon(c); });
}

// =============================================================================================
// NAMES (spec §3): runs of 2-4 Han characters or Latin names, split on whitespace 、，,

struct FoldedName {
  Span span;
  bool unsplit = false;
};

bool is_name_separator(char32_t c) { return c == U' ' || c == U'、' || c == U'，' || c == U','; }

// The middle dots of transliterated names ("买买提·依明").
bool is_name_joiner(char32_t c) { return c == 0x00B7 || c == 0x30FB || c == 0x2022; }

// Characters that do not occur in a person's name but do in running text; a long run holding one
// is a clause ("从新四军研究会方面获悉"), not names written without a separator.
bool is_clause_char(char32_t c) {
  constexpr std::u32string_view kClauseChars = U"的了从在获悉说是将对表示告诉据称日月年报道";
  return kClauseChars.find(c) != std::u32string_view::npos;
}

// Words of navigation and reporting that no name contains: "向雪妮返回富达", "查看更多" come from
// link text glued to a credit line.
constexpr std::array<std::string_view, 20> kNonNameWords = {
    "返回", "查看", "更多", "点击", "获悉", "了解", "表示", "告诉", "报道", "记者",
    "编辑", "来源", "详情", "阅读", "原文", "关注", "采访", "专访", "介绍", "提问"};
// Each of them is two three-byte characters: six bytes, read as one number (little-endian).
constexpr std::size_t kNonNameWordBytes = 6;
constexpr std::uint64_t six_bytes_at(const unsigned char* bytes) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < kNonNameWordBytes; ++i) key |= std::uint64_t{bytes[i]} << (8 * i);
  return key;
}
constexpr auto kNonNameWordKeys = [] {
  std::array<std::uint64_t, kNonNameWords.size()> keys{};
  for (std::size_t w = 0; w < kNonNameWords.size(); ++w) {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < kNonNameWordBytes; ++i)
      key |= std::uint64_t{static_cast<unsigned char>(kNonNameWords[w][i])} << (8 * i);
    keys[w] = key;
  }
  return keys;
}();
static_assert(std::all_of(kNonNameWords.begin(), kNonNameWords.end(),
                          [](std::string_view word) { return word.size() == kNonNameWordBytes; }));

// The six bytes at each position that may start a word (a lead byte of a three-byte character)
// are compared with the words' as one number: a token is a name or a few, and a string search
// per word cost a memchr call at every character of it.
bool contains_non_name_word(std::string_view token) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(token.data());
  for (std::size_t pos = 0; pos + kNonNameWordBytes <= token.size(); ++pos) {
    if (bytes[pos] < 0xE0) continue;  // ASCII, a continuation byte or a two-byte lead
    const std::uint64_t key = six_bytes_at(bytes + pos);
    if (std::find(kNonNameWordKeys.begin(), kNonNameWordKeys.end(), key) != kNonNameWordKeys.end()) return true;
  }
  return false;
}

enum class NameKind { kHan, kHanUnsplit, kLatin, kNone };

NameKind classify_name(std::string_view f, Span token) {
  std::size_t han = 0;
  std::size_t joiners = 0;
  bool latin = true;
  bool han_only = true;
  bool clause = false;
  for (std::size_t pos = token.begin; pos < token.end; pos += char_length_at(f, pos)) {
    const char32_t c = char_at(f, pos);
    if (is_han(c)) {
      ++han;
      clause = clause || is_clause_char(c);
      latin = false;
    } else if (is_name_joiner(c)) {
      ++joiners;
      latin = false;
    } else if (is_ascii_letter(c) ||
               ((c == U'.' || c == U'-' || c == U'\'') && pos != token.begin)) {
      han_only = false;
    } else {
      return NameKind::kNone;
    }
  }
  if (latin && !token.empty()) return NameKind::kLatin;
  if (!han_only) return NameKind::kNone;
  if (!is_han(char_at(f, token.begin)) || !is_han(char_before(f, token.end)))
    return NameKind::kNone;
  if (contains_non_name_word(slice(f, token))) return NameKind::kNone;  // also "北京报道", a place
  if (joiners > 0)
    return han >= 2 && han <= 3 * kUnsplitNameMaxHan / 2 ? NameKind::kHan : NameKind::kNone;
  if (han >= 2 && han <= 4) return NameKind::kHan;
  if (han > 4 && han <= kUnsplitNameMaxHan && !clause) return NameKind::kHanUnsplit;
  return NameKind::kNone;
}

// Splits f[region] into names; false when a part is no name or there is none. Latin words
// separated by one space form one name ("Ayush Pai").
bool parse_names(std::string_view f, Span region, std::vector<FoldedName>& names) {
  names.clear();
  bool previous_latin = false;
  std::size_t pos = region.begin;
  while (pos < region.end) {
    const std::size_t gap_begin = pos;
    while (pos < region.end && is_name_separator(char_at(f, pos))) pos += char_length_at(f, pos);
    if (pos >= region.end) break;
    const bool one_space_gap = pos == gap_begin + 1 && f[gap_begin] == ' ';
    const std::size_t token_begin = pos;
    while (pos < region.end && !is_name_separator(char_at(f, pos))) pos += char_length_at(f, pos);
    const NameKind kind = classify_name(f, {token_begin, pos});
    if (kind == NameKind::kNone) return false;
    if (kind == NameKind::kLatin && previous_latin && one_space_gap) {
      names.back().span.end = pos;
      continue;
    }
    names.push_back({{token_begin, pos}, kind == NameKind::kHanUnsplit});
    previous_latin = kind == NameKind::kLatin;
  }
  return !names.empty();
}

// Words that follow 记者 in headings but are no names ("记者手记", "记者观察").
bool is_reporter_heading_word(std::string_view word) {
  constexpr std::array<std::string_view, 10> kWords = {"手记", "观察", "调查", "探访", "走访",
                                                       "暗访", "体验", "连线", "追踪", "来信"};
  for (std::string_view known : kWords) {
    if (word == known) return true;
  }
  return false;
}

// =============================================================================================
// The folded block and building results

struct FoldedPerson {
  Span name;
  std::string role;
  std::string affiliation;
  bool unsplit = false;
};

class Block {
 public:
  explicit Block(std::string_view original)
      : original_(original), folded_(fold_for_matching(original)) {}
  Block(std::string_view original, Span window)
      : original_(original), folded_(fold_for_matching(original, window)) {}

  std::string_view f() const { return folded_.text; }
  Span all() const { return {0, folded_.text.size()}; }
  std::size_t code_points() const { return count_code_points(folded_.text); }
  Span to_original(Span folded_span) const { return to_source_span(folded_, folded_span); }
  std::string folded_text(Span folded_span) const { return std::string(slice(f(), folded_span)); }
  std::string original_text(Span folded_span) const {
    return std::string(slice(original_, to_original(folded_span)));
  }
  std::size_t original_size() const { return original_.size(); }

 private:
  std::string_view original_;
  Folded folded_;
};

LineMatch line_match(std::string_view rule, const Block& block) {
  LineMatch match;
  match.rule = rule;
  match.whole = {0, block.original_size()};
  return match;
}

void set_value(LineMatch& match, const Block& block, Span folded_value) {
  match.value = block.to_original(folded_value);
  match.value_text = block.folded_text(folded_value);
}

void set_date(LineMatch& match, const Block& block, Span folded_date) {
  match.date_span = block.to_original(folded_date);
  match.date_raw = block.original_text(folded_date);
}

void set_extra(LineMatch& match, const Block& block, Span folded_extra) {
  match.extra_span = block.to_original(folded_extra);
  match.extra = block.folded_text(folded_extra);
}

PersonMatch to_person(const Block& block, const FoldedPerson& person) {
  return {block.folded_text(person.name), person.role, person.affiliation,
          block.to_original(person.name), person.unsplit};
}

void add_people(LineMatch& match, const Block& block, const std::vector<FoldedPerson>& people) {
  for (const FoldedPerson& person : people) match.people.push_back(to_person(block, person));
}

std::vector<FoldedPerson> people_from_names(const std::vector<FoldedName>& names,
                                            std::string_view role, std::string_view affiliation) {
  std::vector<FoldedPerson> people;
  for (const FoldedName& name : names) {
    people.push_back({name.span, std::string(role), std::string(affiliation), name.unsplit});
  }
  return people;
}

// A block for a line rule: nullopt when it has more than `limit` code points after folding.
std::optional<Block> short_block(std::string_view text, std::size_t limit) {
  // folded_length_exceeds counts at most one per byte: a text of at most `limit` bytes (most
  // metadata lines) is never turned away by it, so the count is skipped.
  if (text.size() > limit && folded_length_exceeds(text, limit)) return std::nullopt;
  Block block(text);
  if (block.f().empty() || block.code_points() > limit) return std::nullopt;
  return block;
}

// The raw range of the first `count` code points after leading whitespace (and everything before).
Span head_window(std::string_view text, std::size_t count) {
  std::size_t pos = 0;
  while (pos < text.size() && is_fold_space(decode_utf8_at(text, pos).code_point)) {
    pos += decode_utf8_at(text, pos).length;
  }
  // decode_utf8_at(text, pos).length, with its two common cases (ASCII, a well-formed character
  // of lead E1-EC, EE or EF) taken here: the window spans up to 120 characters of every lead
  // paragraph that passes the key-word test.
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t n = 0; n < count && pos < text.size(); ++n) {
    const unsigned lead = bytes[pos];
    if (lead < 0x80) {
      ++pos;
    } else if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && pos + 2 < text.size() &&
               (bytes[pos + 1] & 0xC0) == 0x80 && (bytes[pos + 2] & 0xC0) == 0x80) {
      pos += 3;
    } else {
      pos += decode_utf8_at(text, pos).length;
    }
  }
  return {0, pos};
}

// The raw range of the last `count` code points before trailing whitespace (and everything after).
Span tail_window(std::string_view text, std::size_t count) {
  std::size_t pos = text.size();
  while (pos > 0) {
    const std::size_t start = previous_char_start(text, pos);
    if (!is_fold_space(decode_utf8_at(text, start).code_point)) break;
    pos = start;
  }
  for (std::size_t n = 0; n < count && pos > 0; ++n) pos = previous_char_start(text, pos);
  return {pos, text.size()};
}

// =============================================================================================
// Reporter phrases: (AFFIL)?(QUALIFIER)?(记者|通讯员) NAMES( PLACE报道)?, possibly several groups

constexpr std::array<std::string_view, 2> kRoleWords = {"记者", "通讯员"};
// Qualifiers that follow an affiliation ("南方财经全媒体见习记者": affiliation 南方财经全媒体).
constexpr std::array<std::string_view, 4> kQualifiersAfterAffiliation = {"首席", "见习", "实习",
                                                                         "特约"};
// Qualifiers that are part of the role only when nothing precedes them ("全媒体记者王大鹏"); after
// a name they belong to the affiliation ("绵报融媒记者": affiliation 绵报融媒, spec M3).
constexpr std::array<std::string_view, 2> kQualifiersAlone = {"全媒体", "融媒"};
constexpr std::size_t kStationedPlaceMaxHan = 4;  // 驻X记者: 驻京, 驻广州
constexpr std::size_t kPlaceMaxHan = 6;           // PLACE报道

struct RoleHit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view word;
};

std::optional<RoleHit> find_role_word(std::string_view f, std::size_t from, std::size_t to) {
  std::optional<RoleHit> best;
  for (std::string_view word : kRoleWords) {
    if (auto at = find_in(f, from, to, word);
        at && *at + word.size() <= to && (!best || *at < best->begin)) {
      best = RoleHit{*at, *at + word.size(), word};
    }
  }
  return best;
}

// An affiliation with a "（www…）" / "（http…）" part removed (spec B7 does not count it).
std::string without_web_part(std::string_view f, Span affiliation) {
  for (std::size_t pos = affiliation.begin; pos < affiliation.end; pos += char_length_at(f, pos)) {
    const std::size_t open = open_bracket_length_at(f, pos);
    if (open == 0) continue;
    const std::string head = lower_ascii(f.substr(pos + open, 4));
    if (head != "www." && head != "http") continue;
    for (std::size_t end = pos + open; end < affiliation.end; end += char_length_at(f, end)) {
      if (!is_close_bracket(char_at(f, end))) continue;
      const std::size_t after = end + char_length_at(f, end);
      const Span before_part = trimmed(f, {affiliation.begin, pos});
      const Span after_part = trimmed(f, {after, affiliation.end});
      return std::string(slice(f, before_part)) + std::string(slice(f, after_part));
    }
  }
  return std::string(slice(f, affiliation));
}

struct RolePrefix {
  std::string qualifier;
  std::string affiliation;
};

// Splits what precedes a role word into affiliation and qualifier; nullopt when the affiliation
// is not one (too long, or holds separators or clause punctuation).
std::optional<RolePrefix> split_role_prefix(std::string_view f, Span prefix) {
  Span rest = trimmed(f, prefix);
  RolePrefix parts;
  for (std::string_view qualifier : kQualifiersAfterAffiliation) {
    if (ends_at(f, rest.end, qualifier) && rest.end - qualifier.size() >= rest.begin) {
      parts.qualifier = qualifier;
      rest.end -= qualifier.size();
      break;
    }
  }
  if (parts.qualifier.empty()) {
    // 驻X: 驻 followed by 1-4 Han characters up to the role word.
    std::size_t pos = rest.end;
    for (std::size_t n = 0; n <= kStationedPlaceMaxHan && pos > rest.begin; ++n) {
      pos = previous_char_start(f, pos);
      const char32_t c = char_at(f, pos);
      if (c == U'驻' && n > 0) {
        parts.qualifier = std::string(slice(f, {pos, rest.end}));
        rest.end = pos;
        break;
      }
      if (!is_han(c)) break;
    }
  }
  if (parts.qualifier.empty()) {
    for (std::string_view qualifier : kQualifiersAlone) {
      if (slice(f, rest) == qualifier) {
        parts.qualifier = qualifier;
        rest.end = rest.begin;
      }
    }
  }
  rest = trimmed(f, rest);
  parts.affiliation = without_web_part(f, rest);
  if (count_code_points(parts.affiliation) > kAffiliationMaxCodePoints) return std::nullopt;
  // "发言人接受记者采访", "市长向记者介绍": a clause that addresses reporters, not an affiliation.
  constexpr std::u32string_view kClauseEnds = U"诉受向对据跟给让请随从在被和与及";
  if (!parts.affiliation.empty()) {
    const std::size_t last = previous_char_start(parts.affiliation, parts.affiliation.size());
    if (kClauseEnds.find(char_at(parts.affiliation, last)) != std::u32string_view::npos) {
      return std::nullopt;
    }
  }
  for (std::size_t pos = 0; pos < parts.affiliation.size();
       pos += char_length_at(parts.affiliation, pos)) {
    const char32_t c = char_at(parts.affiliation, pos);
    if (is_separator_char(c) || is_sentence_final(c) || is_name_separator(c) || c == U',' ||
        is_open_bracket(c) || is_close_bracket(c)) {
      return std::nullopt;
    }
  }
  return parts;
}

struct ReporterPhrase {
  std::vector<FoldedPerson> people;
  Span label;  // from the start to the first name: affiliation, qualifier, role word
  Span names;  // from the first name to the last
  Span place;  // PLACE of "PLACE报道", or empty
};

struct ReporterOptions {
  bool allow_place = false;               // ( PLACE报道)? may end the phrase
  bool require_place = false;             // it must (B13 prefix form without brackets)
  bool must_start_with_reporter = false;  // the first role word is 记者 (B13 trailing form)
};

// The last token of f[region] when it is "PLACE报道" with 1-6 Han characters of PLACE, preceded by
// a space: sets *place and returns the end of the names before it.
std::optional<std::size_t> strip_place(std::string_view f, Span region, Span& place) {
  constexpr std::string_view kReported = "报道";
  if (!ends_at(f, region.end, kReported)) return std::nullopt;
  const std::size_t space = f.substr(0, region.end).rfind(' ');
  if (space == std::string_view::npos || space < region.begin) return std::nullopt;
  const Span candidate{space + 1, region.end - kReported.size()};
  const std::size_t han = count_code_points(slice(f, candidate));
  if (candidate.empty() || han > kPlaceMaxHan || !all_chars(f, candidate, is_han))
    return std::nullopt;
  place = candidate;
  return space;
}

std::optional<ReporterPhrase> parse_reporter_phrase(std::string_view f, Span region,
                                                    const ReporterOptions& options) {
  const Span line = trimmed(f, region);
  std::vector<RoleHit> hits;
  for (std::size_t from = line.begin;;) {
    const std::optional<RoleHit> hit = find_role_word(f, from, line.end);
    if (!hit) break;
    hits.push_back(*hit);
    from = hit->end;
  }
  if (hits.empty() || (options.must_start_with_reporter && hits.front().word != "记者"))
    return std::nullopt;

  ReporterPhrase phrase;
  std::size_t prefix_begin = line.begin;
  std::vector<FoldedName> names;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const std::optional<RolePrefix> prefix = split_role_prefix(f, {prefix_begin, hits[i].begin});
    if (!prefix) return std::nullopt;
    std::size_t names_end = line.end;
    if (i + 1 < hits.size()) {
      // The next group starts at the token holding the next role word ("张三 本报通讯员 李四").
      const std::size_t space = f.substr(0, hits[i + 1].begin).rfind(' ');
      if (space == std::string_view::npos || space < hits[i].end) return std::nullopt;
      names_end = space;
      prefix_begin = space + 1;
    } else if (options.allow_place) {
      if (auto end = strip_place(f, {hits[i].end, line.end}, phrase.place)) names_end = *end;
      if (options.require_place && phrase.place.empty()) return std::nullopt;
    }
    const Span names_span = trimmed(f, {hits[i].end, names_end});
    if (!parse_names(f, names_span, names)) return std::nullopt;
    if (i == 0 && is_reporter_heading_word(slice(f, names.front().span))) return std::nullopt;
    const std::string role = prefix->qualifier + std::string(hits[i].word);
    for (FoldedPerson& person : people_from_names(names, role, prefix->affiliation)) {
      phrase.people.push_back(std::move(person));
    }
    if (i == 0) {
      phrase.label = {line.begin, names_span.begin};
      phrase.names.begin = names_span.begin;
    }
    phrase.names.end = names_span.end;
  }
  return phrase;
}

// =============================================================================================
// B4 editor line

constexpr std::array<std::string_view, 4> kEditorLabels = {"责任编辑", "值班编辑", "责编", "编辑"};

// CODE: [A-Z]{1,4}\d{2,6}.
bool is_editor_code(std::string_view code) {
  std::size_t letters = 0;
  while (letters < code.size() && is_ascii_upper(static_cast<unsigned char>(code[letters])))
    ++letters;
  std::size_t digits = 0;
  while (letters + digits < code.size() &&
         is_ascii_digit(static_cast<unsigned char>(code[letters + digits]))) {
    ++digits;
  }
  return letters >= 1 && letters <= 4 && digits >= 2 && digits <= 6 &&
         letters + digits == code.size();
}

// =============================================================================================
// B5 source line

constexpr std::array<std::string_view, 5> kSourceLabels = {"文章来源", "本文来源", "稿件来源",
                                                           "来源", "转自"};
constexpr std::string_view kFromThisArticle = "本文来自";

// A trailing "（ID：jjrbwx）" of an outlet: its opening bracket and the id span, or nullopt.
struct AccountId {
  std::size_t bracket = 0;
  Span id;
};

std::optional<AccountId> trailing_account_id(std::string_view f, Span value) {
  const std::size_t close = close_bracket_length_before(f, value.end);
  if (close == 0) return std::nullopt;
  for (std::size_t pos = value.end - close; pos > value.begin;) {
    pos = previous_char_start(f, pos);
    const std::size_t open = open_bracket_length_at(f, pos);
    if (open == 0) continue;
    const std::size_t id_label = skip_spaces(f, pos + open, value.end);
    if (lower_ascii(f.substr(id_label, 2)) != "id") return std::nullopt;
    const std::optional<std::size_t> id_begin = separator_end(f, id_label + 2, value.end - close);
    if (!id_begin || !is_label_colon(char_at(f, skip_spaces(f, id_label + 2, value.end))))
      return std::nullopt;
    const Span id = trimmed(f, {*id_begin, value.end - close});
    if (id.empty()) return std::nullopt;
    return AccountId{pos, id};
  }
  return std::nullopt;
}

// Outlet (and account id) of a source value; nullopt when it is no outlet.
std::optional<LineMatch> source_match(const Block& block, Span label, Span value) {
  const std::string_view f = block.f();
  Span outlet = value;
  LineMatch match = line_match("B5", block);
  if (auto id = trailing_account_id(f, value)) {
    outlet = trimmed(f, {value.begin, id->bracket});
    match.code = block.folded_text(id->id);
  }
  if (!is_source_outlet(f, outlet)) return std::nullopt;
  match.label = block.to_original(label);
  match.value = block.to_original(value);
  match.value_text = block.folded_text(outlet);
  return match;
}

// =============================================================================================
// B14 other credits

struct CreditLabel {
  std::string_view text;
  std::string_view role;  // spec M3 credits roles
  bool slash_only;        // 制片人/ and 主编/ are written with a slash only
};

constexpr std::array<CreditLabel, 7> kCreditLabels = {{
    {"头图摄影", "photo", false},
    {"摄影", "photo", false},
    {"图表", "chart", false},
    {"图", "chart", false},
    {"排版", "layout", false},
    {"制片人", "producer", true},
    {"主编", "chief_editor", true},
}};

// The credit label and separator at `pos`: the label and the position after the separator.
std::optional<std::pair<const CreditLabel*, std::size_t>> credit_label_at(std::string_view f,
                                                                          std::size_t pos,
                                                                          std::size_t end) {
  for (const CreditLabel& label : kCreditLabels) {
    if (!starts_at(f, pos, label.text)) continue;
    const std::size_t after = pos + label.text.size();
    if (label.slash_only) {
      const std::size_t slash = skip_spaces(f, after, end);
      if (!starts_at(f, slash, "/")) continue;
      return std::pair{&label, skip_spaces(f, slash + 1, end)};
    }
    if (auto sep = separator_end(f, after, end)) return std::pair{&label, *sep};
  }
  return std::nullopt;
}

// Names of one credit, "新华社 刘颖" style: a first part ending in an outlet suffix, followed by
// more parts, is the affiliation.
std::optional<std::vector<FoldedPerson>> credit_people(std::string_view f, Span names_span,
                                                       std::string_view role) {
  std::string affiliation;
  Span names_part = names_span;
  const std::size_t space = f.substr(0, names_span.end).find(' ', names_span.begin);
  if (space != std::string_view::npos && space < names_span.end) {
    const Span first{names_span.begin, space};
    if (ends_with_outlet_suffix(slice(f, first)) && all_chars(f, first, is_outlet_char)) {
      affiliation = slice(f, first);
      names_part = trimmed(f, {space, names_span.end});
    }
  }
  std::vector<FoldedName> names;
  if (!parse_names(f, names_part, names)) return std::nullopt;
  return people_from_names(names, role, affiliation);
}

// =============================================================================================
// B13 prefix forms

constexpr std::size_t kBylineHeadCodePoints = 120;
constexpr std::size_t kBylineTailCodePoints = 40;
constexpr std::size_t kDatelineOutletMaxCodePoints = 16;
constexpr std::size_t kBracketCreditMaxCodePoints = 40;
constexpr std::size_t kDatelinePlaceMaxHan = 8;
constexpr std::size_t kReportedLeadMaxCodePoints = 48;  // (AFFIL)?记者NAMES PLACE报道

// The bracketed credit that starts at `pos` (after optional spaces): the bracket span and inside.
struct BracketGroup {
  Span whole;
  Span inside;
};

std::optional<BracketGroup> bracket_group_at(std::string_view f, std::size_t pos) {
  const std::size_t begin = skip_spaces(f, pos, f.size());
  const std::size_t open = open_bracket_length_at(f, begin);
  if (open == 0) return std::nullopt;
  std::size_t count = 0;
  for (std::size_t at = begin + open; at < f.size() && count <= kBracketCreditMaxCodePoints;
       at += char_length_at(f, at), ++count) {
    const char32_t c = char_at(f, at);
    if (is_open_bracket(c)) return std::nullopt;
    if (is_close_bracket(c))
      return BracketGroup{{begin, at + char_length_at(f, at)}, trimmed(f, {begin + open, at})};
  }
  return std::nullopt;
}

// People of a bracketed credit: a reporter phrase, or (when `bare_names`) plain names.
std::optional<std::vector<FoldedPerson>> bracket_people(std::string_view f, Span inside,
                                                        bool bare_names) {
  if (auto phrase = parse_reporter_phrase(f, inside, {})) return phrase->people;
  if (!bare_names) return std::nullopt;
  std::vector<FoldedName> names;
  if (!parse_names(f, inside, names)) return std::nullopt;
  return people_from_names(names, "", "");
}

void set_dateline_outlet(LineMatch& match, const Block& block, Span outlet) {
  if (outlet.empty() || is_self_reference(slice(block.f(), outlet))) return;
  set_value(match, block, outlet);
}

// YYYY年M月D日讯
std::optional<LineMatch> dated_news_lead(const Block& block) {
  const std::string_view f = block.f();
  const DatePrefix date = find_date_prefix(f);
  if (!date || !starts_at(f, date.length, "讯")) return std::nullopt;
  LineMatch match = line_match("B13", block);
  match.whole = block.to_original({0, date.length + std::string_view("讯").size()});
  set_date(match, block, {0, date.length});
  return match;
}

// 【OUTLET讯】[open]…[close]
std::optional<LineMatch> bracketed_news_lead(const Block& block) {
  const std::string_view f = block.f();
  if (!starts_at(f, 0, "【")) return std::nullopt;
  const std::size_t outlet_begin = std::string_view("【").size();
  const std::optional<std::size_t> close = find_in(f, outlet_begin, f.size(), "讯】");
  if (!close) return std::nullopt;
  const Span outlet{outlet_begin, *close};
  if (count_code_points(slice(f, outlet)) > kDatelineOutletMaxCodePoints ||
      !all_chars(f, outlet, is_outlet_char)) {
    return std::nullopt;
  }
  LineMatch match = line_match("B13", block);
  std::size_t end = *close + std::string_view("讯】").size();
  if (auto group = bracket_group_at(f, end)) {
    if (auto people = bracket_people(f, group->inside, false)) {
      add_people(match, block, *people);
      end = group->whole.end;
    }
  }
  match.whole = block.to_original({0, end});
  set_dateline_outlet(match, block, outlet);
  return match;
}

// OUTLET?讯[open]…(记者|通讯员)NAMES[close]
std::optional<LineMatch> news_lead(const Block& block) {
  const std::string_view f = block.f();
  std::size_t pos = 0;
  for (std::size_t n = 0; n <= kDatelineOutletMaxCodePoints && pos < f.size(); ++n) {
    const char32_t c = char_at(f, pos);
    if (c == U'讯') break;
    if (!is_outlet_char(c)) return std::nullopt;
    pos += char_length_at(f, pos);
  }
  if (char_at(f, pos) != U'讯') return std::nullopt;
  const Span outlet{0, pos};
  const std::optional<BracketGroup> group = bracket_group_at(f, pos + char_length_at(f, pos));
  if (!group) return std::nullopt;
  const std::optional<std::vector<FoldedPerson>> people = bracket_people(f, group->inside, false);
  if (!people) return std::nullopt;
  LineMatch match = line_match("B13", block);
  match.whole = block.to_original({0, group->whole.end});
  set_dateline_outlet(match, block, outlet);
  add_people(match, block, *people);
  return match;
}

// Digits at `pos`: the position after them (1-2 digits), or nullopt.
std::optional<std::size_t> small_number_end(std::string_view f, std::size_t pos) {
  std::size_t end = pos;
  while (end < f.size() && end - pos < 2 && is_ascii_digit(static_cast<unsigned char>(f[end])))
    ++end;
  if (end == pos || (end < f.size() && is_ascii_digit(static_cast<unsigned char>(f[end]))))
    return std::nullopt;
  return end;
}

// M月D日 at `pos`: its end.
std::optional<std::size_t> month_day_end(std::string_view f, std::size_t pos) {
  const std::optional<std::size_t> month = small_number_end(f, pos);
  if (!month || !starts_at(f, *month, "月")) return std::nullopt;
  const std::optional<std::size_t> day =
      small_number_end(f, *month + std::string_view("月").size());
  if (!day || !starts_at(f, *day, "日")) return std::nullopt;
  return *day + std::string_view("日").size();
}

// AGENCY + PLACE ("中新网广州"): the agency end, the first split where the agency ends in an outlet
// suffix and at most 8 Han characters of place follow.
std::optional<std::size_t> agency_end(std::string_view f, Span agency_and_place) {
  for (std::size_t end = agency_and_place.begin; end < agency_and_place.end;) {
    end += char_length_at(f, end);
    const std::string_view agency = slice(f, {agency_and_place.begin, end});
    const Span place{end, agency_and_place.end};
    if (count_code_points(agency) >= 2 && ends_with_outlet_suffix(agency) &&
        count_code_points(slice(f, place)) <= kDatelinePlaceMaxHan && all_chars(f, place, is_han)) {
      return end;
    }
  }
  return std::nullopt;
}

bool may_omit_dateline_date(std::string_view agency) {
  return agency == "新华社" || agency == "中新社" || agency == "中新网";
}

// AGENCY(PLACE)?M月D日电 ?([open](记者)?NAMES[close])?
std::optional<LineMatch> agency_dateline(const Block& block) {
  const std::string_view f = block.f();
  std::size_t pos = 0;
  while (pos < f.size() && is_outlet_char(char_at(f, pos)) && char_at(f, pos) != U'电') {
    pos += char_length_at(f, pos);
  }
  const Span agency_and_place{0, pos};
  Span date;
  if (auto date_end = month_day_end(f, pos)) {
    date = {pos, *date_end};
    pos = *date_end;
  }
  if (agency_and_place.empty() || !starts_at(f, pos, "电")) return std::nullopt;
  const std::size_t after = pos + std::string_view("电").size();
  const std::optional<std::size_t> split = agency_end(f, agency_and_place);
  if (!split) return std::nullopt;
  const Span agency{0, *split};
  if (count_code_points(slice(f, agency)) > kDatelineOutletMaxCodePoints) return std::nullopt;
  if (date.empty()) {
    const bool boundary =
        after == f.size() || f[after] == ' ' || open_bracket_length_at(f, after) != 0;
    if (!boundary || !may_omit_dateline_date(slice(f, agency))) return std::nullopt;
  }
  LineMatch match = line_match("B13", block);
  std::size_t end = after;
  if (auto group = bracket_group_at(f, after)) {
    if (auto people = bracket_people(f, group->inside, true)) {
      add_people(match, block, *people);
      end = group->whole.end;
    }
  }
  match.whole = block.to_original({0, end});
  set_dateline_outlet(match, block, agency);
  if (!date.empty()) set_date(match, block, date);
  if (*split < agency_and_place.end) set_extra(match, block, {*split, agency_and_place.end});
  return match;
}

// (AFFIL)?(见习|首席)?记者NAMES PLACE报道
std::optional<LineMatch> reported_lead(const Block& block) {
  const std::string_view f = block.f();
  std::size_t limit = 0;
  for (std::size_t n = 0; n < kReportedLeadMaxCodePoints && limit < f.size(); ++n)
    limit += char_length_at(f, limit);
  const std::optional<std::size_t> reported = find_in(f, 0, limit, "报道");
  if (!reported) return std::nullopt;
  const Span lead{0, *reported + std::string_view("报道").size()};
  const std::optional<ReporterPhrase> phrase =
      parse_reporter_phrase(f, lead, {.allow_place = true, .require_place = true});
  if (!phrase) return std::nullopt;
  LineMatch match = line_match("B13", block);
  match.whole = block.to_original(lead);
  add_people(match, block, phrase->people);
  set_extra(match, block, phrase->place);
  return match;
}

// =============================================================================================
// B16 print edition, B15 date line

std::optional<std::size_t> expect(std::string_view f, std::size_t pos, std::string_view literal) {
  const std::size_t at = skip_spaces(f, pos, f.size());
  if (!starts_at(f, at, literal)) return std::nullopt;
  return skip_spaces(f, at + literal.size(), f.size());
}

std::optional<std::size_t> expect_bracket(std::string_view f, std::size_t pos, bool open) {
  const std::size_t at = skip_spaces(f, pos, f.size());
  const std::size_t length = open ? open_bracket_length_at(f, at) : 0;
  if (open)
    return length == 0 ? std::nullopt : std::optional(skip_spaces(f, at + length, f.size()));
  for (std::string_view close : kCloseBrackets) {
    if (starts_at(f, at, close)) return skip_spaces(f, at + close.size(), f.size());
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 4> kDateLabels = {"发布时间", "发布日期", "时间", "日期"};
constexpr std::array<std::string_view, 4> kHeaderSourceLabels = {"文章来源", "本文来源", "稿件来源",
                                                                 "来源"};

// =============================================================================================
// R9, B3, B20

bool contains_domain(std::string_view lowered) {
  constexpr std::array<std::string_view, 20> kTopLevel = {
      "com", "cn", "net", "org", "gov", "edu", "info", "io",  "hk",  "tw",
      "uk",  "us", "jp",  "me",  "cc",  "tv",  "co",   "biz", "xyz", "top"};
  auto is_domain_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  };
  for (std::size_t pos = 0; pos < lowered.size();) {
    if (!is_domain_char(lowered[pos])) {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < lowered.size() && is_domain_char(lowered[end])) ++end;
    const std::string_view token = lowered.substr(pos, end - pos);
    const std::size_t dot = token.rfind('.');
    // "people.com.cn" is a domain; "(01548.HK)" is a stock code: a domain has a letter before its
    // top-level label.
    const bool has_letter =
        token.substr(0, dot == std::string_view::npos ? 0 : dot)
            .find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string_view::npos;
    if (dot != std::string_view::npos && dot > 0 && has_letter && token.front() != '.' &&
        token[dot - 1] != '.') {
      const std::string_view top = token.substr(dot + 1);
      for (std::string_view known : kTopLevel) {
        if (top == known) return true;
      }
    }
    pos = end;
  }
  return false;
}

// text.find(word) != npos, searching for the word's last byte first: in Chinese text the lead
// byte of a Han word's first character (E4-E9) starts every third byte, while a continuation byte
// is one of 64 values, so memchr stops far less often.
bool contains(std::string_view text, std::string_view word) {
  if (word.empty()) return true;
  if (word.size() > text.size()) return false;
  const std::size_t before_last = word.size() - 1;
  for (std::size_t last = text.find(word.back(), before_last); last != std::string_view::npos;
       last = text.find(word.back(), last + 1)) {
    // The bytes before the last, compared here: a key word is a few bytes, too few for a memcmp call.
    const char* candidate = text.data() + (last - before_last);
    std::size_t same = 0;
    while (same < before_last && candidate[same] == word[same]) ++same;
    if (same == before_last) return true;
  }
  return false;
}

}  // namespace

// =============================================================================================
// Public matchers

// Cheap rejection before any folding: every form of a rule contains one of its key words (labels
// and role words are Han, which folding leaves alone), and most blocks contain none of them.
bool mentions_any(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (contains(text, word)) return true;
  }
  return false;
}

// The text without trailing whitespace ends with a closing bracket (B13 trailing forms).
bool ends_with_close_bracket(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  for (std::string_view close : {"）", ")", "】", "]", "　"}) {
    if (text.size() >= close.size() && text.substr(text.size() - close.size()) == close) {
      if (close != "　") return true;
      text.remove_suffix(close.size());
      return ends_with_close_bracket(text);
    }
  }
  return false;
}

std::optional<LineMatch> match_editor_line(std::string_view text) {
  if (!mentions_any(text, {"编"})) return std::nullopt;
  const std::optional<Block> block = short_block(text, kLineRuleMaxCodePoints);
  if (!block) return std::nullopt;
  const std::string_view f = block->f();
  const std::optional<Span> content = strip_outer_brackets(f, block->all());
  if (!content) return std::nullopt;
  const std::optional<std::string_view> label = label_at(f, content->begin, kEditorLabels);
  if (!label) return std::nullopt;
  const std::optional<std::size_t> value_begin =
      separator_end(f, content->begin + label->size(), content->end);
  if (!value_begin) return std::nullopt;

  Span names_span{*value_begin, content->end};
  Span code;
  // The last ' ' or '_' before the end, read back byte by byte (find_last_of asks memchr for each).
  std::size_t cut = content->end;
  while (cut > 0 && f[cut - 1] != ' ' && f[cut - 1] != '_') --cut;
  cut = cut == 0 ? std::string_view::npos : cut - 1;
  if (cut != std::string_view::npos && cut > *value_begin &&
      is_editor_code(slice(f, {cut + 1, content->end}))) {
    code = {cut + 1, content->end};
    names_span = trimmed(f, {*value_begin, cut});
  }
  std::vector<FoldedName> names;
  if (!parse_names(f, names_span, names)) return std::nullopt;

  LineMatch match = line_match("B4", *block);
  match.label = block->to_original({0, *value_begin});
  set_value(match, *block, names_span);
  add_people(match, *block, people_from_names(names, *label, ""));
  if (!code.empty()) {
    match.code = block->folded_text(code);
    match.code_span = block->to_original(code);
  }
  return match;
}

std::optional<LineMatch> match_source_line(std::string_view text) {
  if (!mentions_any(text, {"来源", "转自", "来自"})) return std::nullopt;
  const std::optional<Block> block = short_block(text, kLineRuleMaxCodePoints);
  if (!block) return std::nullopt;
  const std::string_view f = block->f();
  const std::optional<Span> content = strip_outer_brackets(f, block->all());
  if (!content) return std::nullopt;

  if (starts_at(f, content->begin, kFromThisArticle)) {
    // 本文来自OUTLET，… : the outlet runs to the first comma.
    const std::size_t outlet_begin = content->begin + kFromThisArticle.size();
    std::size_t outlet_end = outlet_begin;
    while (outlet_end < content->end && char_at(f, outlet_end) != U'，' &&
           char_at(f, outlet_end) != U',') {
      outlet_end += char_length_at(f, outlet_end);
    }
    const Span outlet = trimmed(f, {outlet_begin, outlet_end});
    if (!is_source_outlet(f, outlet)) return std::nullopt;
    LineMatch match = line_match("B5", *block);
    match.label = block->to_original({0, outlet.begin});
    set_value(match, *block, outlet);
    return match;
  }

  const std::optional<std::string_view> label = label_at(f, content->begin, kSourceLabels);
  if (!label) return std::nullopt;
  const std::optional<std::size_t> value_begin =
      separator_end(f, content->begin + label->size(), content->end);
  if (!value_begin) return std::nullopt;
  return source_match(*block, {0, *value_begin}, trimmed(f, {*value_begin, content->end}));
}

std::optional<LineMatch> match_original_title(std::string_view text) {
  if (!mentions_any(text, {"原标题"})) return std::nullopt;
  const std::optional<Block> block = short_block(text, kOriginalTitleMaxCodePoints);
  if (!block) return std::nullopt;
  const std::string_view f = block->f();
  const std::optional<Span> content = strip_outer_brackets(f, block->all());
  if (!content || !starts_at(f, content->begin, "原标题")) return std::nullopt;
  const std::optional<std::size_t> value_begin =
      separator_end(f, content->begin + std::string_view("原标题").size(), content->end);
  if (!value_begin) return std::nullopt;

  LineMatch match = line_match("B6", *block);
  Span title = trimmed(f, {*value_begin, content->end});
  // "原标题：…全覆盖 来源：央视新闻客户端": the source tail goes to B5.
  for (std::string_view tail_label : {std::string_view(" 来源："), std::string_view(" 来源:")}) {
    const std::optional<std::size_t> at = find_in(f, title.begin, title.end, tail_label);
    if (!at) continue;
    const Span outlet = trimmed(f, {*at + tail_label.size(), title.end});
    if (outlet.empty()) continue;
    set_extra(match, *block, outlet);
    title = trimmed(f, {title.begin, *at});
    break;
  }
  if (title.empty()) return std::nullopt;
  match.label = block->to_original({0, *value_begin});
  set_value(match, *block, title);
  return match;
}

std::optional<LineMatch> match_credit_line(std::string_view text) {
  if (!mentions_any(text, {"记者", "通讯员", "文", "作者"})) return std::nullopt;
  const std::optional<Block> block = short_block(text, kLineRuleMaxCodePoints);
  if (!block) return std::nullopt;
  const std::string_view f = block->f();
  const std::optional<Span> content = strip_outer_brackets(f, block->all());
  if (!content) return std::nullopt;
  std::vector<FoldedName> names;

  // 作者[sep]NAMES(（e-mail）)?
  if (starts_at(f, content->begin, "作者")) {
    const std::optional<std::size_t> names_begin =
        separator_end(f, content->begin + std::string_view("作者").size(), content->end);
    if (!names_begin) return std::nullopt;
    Span names_span{*names_begin, content->end};
    if (close_bracket_length_before(f, content->end) != 0) {
      for (std::size_t pos = *names_begin; pos < content->end; pos += char_length_at(f, pos)) {
        if (open_bracket_length_at(f, pos) == 0) continue;
        if (find_in(f, pos, content->end, "@")) names_span = trimmed(f, {*names_begin, pos});
        break;
      }
    }
    if (!parse_names(f, names_span, names)) return std::nullopt;
    LineMatch match = line_match("B7", *block);
    match.label = block->to_original({0, *names_begin});
    set_value(match, *block, names_span);
    add_people(match, *block, people_from_names(names, "作者", ""));
    return match;
  }

  // [►▌]?文[sep]? (AFFIL )?NAMES. Without a separator, a bullet or a space must mark 文 as a
  // label, so that a heading such as "文化自信" is no credit.
  std::size_t pos = content->begin;
  bool bullet = false;
  for (std::string_view mark : {std::string_view("►"), std::string_view("▌")}) {
    if (starts_at(f, pos, mark)) {
      pos += mark.size();
      bullet = true;
      break;
    }
  }
  if (starts_at(f, pos, "文")) {
    const std::size_t after = pos + std::string_view("文").size();
    std::optional<std::size_t> names_begin = separator_end(f, after, content->end);
    if (!names_begin && (bullet || starts_at(f, after, " ")))
      names_begin = skip_spaces(f, after, content->end);
    if (names_begin) {
      const Span names_span{*names_begin, content->end};
      if (auto people = credit_people(f, names_span, "文")) {
        LineMatch match = line_match("B7", *block);
        match.label = block->to_original({0, *names_begin});
        set_value(match, *block, names_span);
        add_people(match, *block, *people);
        return match;
      }
    }
  }

  // (AFFIL)?(QUALIFIER)?记者 NAMES( PLACE报道)?, 通讯员 NAMES
  const std::optional<ReporterPhrase> phrase =
      parse_reporter_phrase(f, *content, {.allow_place = true});
  if (!phrase) return std::nullopt;
  LineMatch match = line_match("B7", *block);
  match.label = block->to_original({0, phrase->names.begin});
  set_value(match, *block, phrase->names);
  add_people(match, *block, phrase->people);
  return match;
}

std::optional<LineMatch> match_other_credit(std::string_view text) {
  if (!mentions_any(text, {"摄影", "图", "排版", "制片人", "主编"})) return std::nullopt;
  const std::optional<Block> block = short_block(text, kLineRuleMaxCodePoints);
  if (!block) return std::nullopt;
  const std::string_view f = block->f();
  LineMatch match = line_match("B14", *block);
  std::size_t pos = 0;
  while (pos < f.size()) {
    const auto label = credit_label_at(f, pos, f.size());
    if (!label) return std::nullopt;
    // The names run to the next token that starts with a credit label ("马文佳 主编/马玮璐").
    std::size_t names_end = f.size();
    for (std::size_t space = f.find(' ', label->second); space != std::string_view::npos;
         space = f.find(' ', space + 1)) {
      if (credit_label_at(f, space + 1, f.size())) {
        names_end = space;
        break;
      }
    }
    const Span names_span = trimmed(f, {label->second, names_end});
    const auto people = credit_people(f, names_span, label->first->role);
    if (!people) return std::nullopt;
    if (match.people.empty()) {
      match.label = block->to_original({pos, label->second});
      set_value(match, *block, names_span);
      match.extra = label->first->role;
    }
    add_people(match, *block, *people);
    pos = skip_spaces(f, names_end, f.size());
  }
  if (match.people.empty()) return std::nullopt;
  return match;
}

std::optional<LineMatch> match_date_line(std::string_view text) {
  if (!mentions_any(text, {"时间", "日期", "来源"})) return std::nullopt;
  const std::optional<Block> block = short_block(text, kLineRuleMaxCodePoints);
  if (!block) return std::nullopt;
  const std::string_view f = block->f();
  std::size_t pos = 0;
  Span label;
  if (auto word = label_at(f, 0, kDateLabels)) {
    const std::optional<std::size_t> sep = separator_end(f, word->size(), f.size());
    if (!sep) return std::nullopt;
    label = {0, *sep};
    pos = *sep;
  }
  const DatePrefix date = find_date_prefix(f.substr(pos));
  if (!date) return std::nullopt;
  const Span date_span{pos, pos + date.length};

  LineMatch match = line_match("B15", *block);
  match.label = block->to_original(label);
  set_value(match, *block, date_span);
  set_date(match, *block, date_span);
  if (date_span.end == f.size()) {
    if (label.empty()) return std::nullopt;  // a bare date is no B15 line
    return match;
  }
  // H3 date-and-source line: "2019年06月15日08:18  来源：人民网-文化频道".
  const std::size_t source_label = skip_spaces(f, date_span.end, f.size());
  const std::optional<std::string_view> word = label_at(f, source_label, kHeaderSourceLabels);
  if (!word) return std::nullopt;
  const std::optional<std::size_t> outlet_begin =
      separator_end(f, source_label + word->size(), f.size());
  if (!outlet_begin) return std::nullopt;
  const Span outlet = trimmed(f, {*outlet_begin, f.size()});
  if (!is_source_outlet(f, outlet)) return std::nullopt;
  set_extra(match, *block, outlet);
  return match;
}

std::optional<LineMatch> match_print_edition(std::string_view text) {
  if (!mentions_any(text, {"版"})) return std::nullopt;
  const std::optional<Block> block = short_block(text, kLineRuleMaxCodePoints);
  if (!block) return std::nullopt;
  const std::string_view f = block->f();
  std::optional<std::size_t> pos = expect(f, 0, "《");
  if (!pos) return std::nullopt;
  const std::optional<std::size_t> outlet_close = find_in(f, *pos, f.size(), "》");
  if (!outlet_close) return std::nullopt;
  const Span outlet = trimmed(f, {*pos, *outlet_close});
  if (outlet.empty() || count_code_points(slice(f, outlet)) > kOutletMaxCodePoints)
    return std::nullopt;
  pos = expect(f, *outlet_close, "》");
  if (pos) pos = expect_bracket(f, *pos, true);
  if (!pos) return std::nullopt;

  const DatePrefix date = find_date_prefix(f.substr(*pos));
  if (!date) return std::nullopt;
  const Span date_span{*pos, *pos + date.length};
  std::size_t at = skip_spaces(f, date_span.end, f.size());
  if (starts_at(f, at, "第")) at = skip_spaces(f, at + std::string_view("第").size(), f.size());
  const std::size_t page_begin = at;
  while (at < f.size() && at - page_begin < 3 && is_ascii_digit(static_cast<unsigned char>(f[at])))
    ++at;
  const Span page{page_begin, at};
  if (page.empty()) return std::nullopt;
  pos = expect(f, at, "版");
  if (pos) pos = expect_bracket(f, *pos, false);
  if (!pos || *pos != f.size()) return std::nullopt;

  LineMatch match = line_match("B16", *block);
  set_value(match, *block, outlet);
  set_date(match, *block, date_span);
  set_extra(match, *block, page);
  return match;
}

namespace {

// The length of a character at text[pos] that folding copies as it is, with nothing before or
// after it that could change it: ASCII but the spaces and controls, a common ideograph
// (U+4E00-U+9FFF), or CJK or full-width punctuation that P3 leaves (U+3001-U+3029,
// U+FF01-U+FF0D, U+FF1A-U+FF20) and the dashes, quotes and ellipsis of U+200E-U+2027. 0 for any
// other character.
std::size_t copied_by_fold_length(std::string_view text, std::size_t pos) {
  const auto byte = [text](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned lead = byte(pos);
  if (lead < 0x80) return lead > 0x20 && lead < 0x7F ? 1 : 0;
  if (pos + 2 >= text.size() || (byte(pos + 1) & 0xC0) != 0x80 || (byte(pos + 2) & 0xC0) != 0x80) return 0;
  const char32_t c = ((lead & 0x0Fu) << 12) | ((byte(pos + 1) & 0x3Fu) << 6) | (byte(pos + 2) & 0x3Fu);
  if (lead < 0xE0 || lead > 0xEF) return 0;
  const bool copied = (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3029) || (c >= 0xFF01 && c <= 0xFF0D) ||
                      (c >= 0xFF1A && c <= 0xFF20) || (c >= 0x200E && c <= 0x2027);
  return copied ? 3 : 0;
}

// False when no B13 prefix form can match `text`, by its first characters as they are: each form
// needs 讯 (the news leads, within their first 18 characters), 电 after at least one character
// (the agency dateline, within 31) or 报道 (the reported lead, within 48); the dated lead starts
// with a digit.
// The test reads only characters that folding copies as they are (after the leading whitespace
// that it drops), so that they are the folded text's first characters too; at any other character
// before the verdict it answers true, and the matchers decide on the folded text.
bool may_open_with_byline(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size() && is_fold_space(decode_utf8_at(text, pos).code_point)) pos += decode_utf8_at(text, pos).length;
  char32_t previous = 0;
  for (std::size_t n = 0; n < kReportedLeadMaxCodePoints && pos < text.size(); ++n) {
    const std::size_t length = copied_by_fold_length(text, pos);
    if (length == 0) return true;
    const char32_t c = length == 1 ? static_cast<char32_t>(text[pos]) : decode_utf8_at(text, pos).code_point;
    if (c == U'讯' || (c == U'电' && n > 0) || (c == U'道' && previous == U'报')) return true;
    if (n == 0 && is_ascii_digit(c)) return true;  // a date lead: its date may be long (ISO fractions)
    previous = c;
    pos += length;
  }
  return false;
}

}  // namespace

std::optional<LineMatch> match_byline_prefix(std::string_view text) {
  if (!mentions_any(text.substr(0, 320), {"讯", "电", "记者", "报道"})) return std::nullopt;
  if (!may_open_with_byline(text)) return std::nullopt;
  const Block block(text, head_window(text, kBylineHeadCodePoints));
  if (block.f().empty()) return std::nullopt;
  if (auto match = dated_news_lead(block)) return match;
  if (auto match = bracketed_news_lead(block)) return match;
  if (auto match = news_lead(block)) return match;
  if (auto match = agency_dateline(block)) return match;
  return reported_lead(block);
}

std::optional<LineMatch> match_byline_suffix(std::string_view text) {
  if (!ends_with_close_bracket(text)) return std::nullopt;
  const Block block(text, tail_window(text, kBylineTailCodePoints));
  const std::string_view f = block.f();
  const std::size_t close = close_bracket_length_before(f, f.size());
  if (close == 0) return std::nullopt;
  // The opening bracket of the last group, with no other bracket inside.
  std::size_t open = f.size() - close;
  while (open > 0) {
    open = previous_char_start(f, open);
    const char32_t c = char_at(f, open);
    if (is_open_bracket(c)) break;
    if (is_close_bracket(c)) return std::nullopt;
  }
  if (!is_open_bracket(char_at(f, open))) return std::nullopt;
  const Span inside = trimmed(f, {open + char_length_at(f, open), f.size() - close});
  if (inside.empty()) return std::nullopt;

  LineMatch match = line_match("B13", block);
  match.whole = block.to_original({open, f.size()});
  if (auto phrase = parse_reporter_phrase(f, inside, {.must_start_with_reporter = true})) {
    match.value = block.to_original(phrase->names);  // value_text is for outlets only
    add_people(match, block, phrase->people);
    return match;
  }
  const std::string_view outlet = slice(f, inside);
  if (count_code_points(outlet) <= kTrailingOutletMaxCodePoints &&
      all_chars(f, inside, is_outlet_char) && ends_with_outlet_suffix(outlet) &&
      !is_self_reference(outlet)) {
    set_value(match, block, inside);
    return match;
  }
  return std::nullopt;
}

std::optional<Span> match_hashtag_lead(std::string_view text) {
  // Both forms open with a bracket ('[' or '【'), which folding neither makes nor changes: the
  // first character after what it drops (whitespace, invisible characters) must be one.
  std::size_t first = 0;
  while (first < text.size()) {
    const Utf8Char c = decode_utf8_at(text, first);
    if (!is_fold_space(c.code_point) && !is_fold_invisible(c.code_point)) break;
    first += c.length;
  }
  if (first == text.size() || (text[first] != '[' && !text.substr(first).starts_with("【"))) return std::nullopt;
  if (!mentions_any(text.substr(0, 640), {"#", "＃"})) return std::nullopt;
  constexpr std::size_t kHashtagLeadCodePoints = 200;
  const Block block(text, head_window(text, kHashtagLeadCodePoints));
  const std::string_view f = block.f();
  std::size_t end = 0;
  if (starts_at(f, 0, "【#")) {
    const std::optional<std::size_t> close =
        find_in(f, std::string_view("【#").size(), f.size(), "#】");
    if (!close) return std::nullopt;
    end = *close + std::string_view("#】").size();
  } else if (starts_at(f, 0, "[")) {
    const std::size_t close = f.find(']');
    if (close == std::string_view::npos ||
        f.substr(1, close - 1).find('[') != std::string_view::npos) {
      return std::nullopt;
    }
    const std::string_view inside = f.substr(1, close - 1);
    const std::size_t first_hash = inside.find('#');
    if (inside.empty() || inside.back() != '#' || first_hash == std::string_view::npos ||
        first_hash + 1 >= inside.size()) {
      return std::nullopt;
    }
    end = close + 1;
  } else {
    return std::nullopt;
  }
  // The whitespace after the lead goes with it: the rest of the paragraph starts at its text.
  Span span = block.to_original({0, end});
  if (end < f.size() && f[end] == ' ') span.end = block.to_original({end + 1, end + 1}).begin;
  return span;
}

std::optional<Span> match_end_marker(std::string_view text) {
  if (!mentions_any(text.substr(text.size() > 48 ? text.size() - 48 : 0), {"完"})) return std::nullopt;
  constexpr std::size_t kEndMarkerCodePoints = 8;
  const Block block(text, tail_window(text, kEndMarkerCodePoints));
  const std::string_view f = block.f();
  for (std::string_view marker : {std::string_view("（完）"), std::string_view("(完)"),
                                  std::string_view("【完】"), std::string_view("（全文完）")}) {
    if (!ends_at(f, f.size(), marker)) continue;
    std::size_t begin = f.size() - marker.size();
    if (begin > 0 && f[begin - 1] == ' ') --begin;  // the whitespace before the marker
    return Span{block.to_original({begin, f.size()}).begin, text.size()};
  }
  return std::nullopt;
}

bool is_widget_phrase(std::string_view text) {
  if (!mentions_any(text, {"二维码", "APP", "app", "App", "客户端", "公众号", "纠错", "分享"})) return false;
  const std::optional<Block> block = short_block(text, kLineRuleMaxCodePoints);
  if (!block) return false;
  const std::string lowered = lower_ascii(block->f());
  const std::string_view f = lowered;
  for (std::string_view phrase :
       {std::string_view("尽在新浪财经app"), std::string_view("扫描二维码"),
        std::string_view("扫二维码"), std::string_view("【纠错】"), std::string_view("分享到")}) {
    if (f.find(phrase) != std::string_view::npos) return true;
  }
  // 下载…客户端, 关注…公众号: the second word anywhere after the first.
  for (auto [first, second] : {std::pair<std::string_view, std::string_view>{"下载", "客户端"},
                               std::pair<std::string_view, std::string_view>{"关注", "公众号"}}) {
    const std::size_t at = f.find(first);
    if (at != std::string_view::npos && f.find(second, at + first.size()) != std::string_view::npos)
      return true;
  }
  return false;
}

bool is_inferred_caption(std::string_view text) {
  if (!mentions_any(text, {"图", "△", "摄"})) return false;
  constexpr std::size_t kHeadCodePoints = 8;
  constexpr std::size_t kTailCodePoints = 16;
  const Block head(text, head_window(text, kHeadCodePoints));
  const std::string_view start = head.f();
  for (std::string_view prefix : {std::string_view("图为"), std::string_view("图自"),
                                  std::string_view("△"), std::string_view("（图")}) {
    if (starts_at(start, 0, prefix)) return true;
  }
  if (starts_at(start, 0, "图片来源") &&
      is_label_colon(char_at(start, std::string_view("图片来源").size()))) {
    return true;
  }
  const Block tail(text, tail_window(text, kTailCodePoints));
  const std::string_view end = tail.f();
  if (ends_at(end, end.size(), "摄") || ends_at(end, end.size(), "截图")) return true;
  // 摄（[^）]{1,12}）$
  if (!ends_at(end, end.size(), "）")) return false;
  const std::size_t inner_end = end.size() - std::string_view("）").size();
  std::size_t pos = inner_end;
  for (std::size_t n = 0; n <= 12 && pos > 0; ++n) {
    pos = previous_char_start(end, pos);
    const char32_t c = char_at(end, pos);
    if (c == U'）') return false;
    if (c == U'（') return n >= 1 && char_before(end, pos) == U'摄';
  }
  return false;
}

// Whether eight bytes can hold no start of a Latin letter: none is ASCII and none is the lead EF
// of a full-width one (the test for a zero byte in bytes ^ EF..EF is exact about whether one is).
bool may_skip_for_latin_letter(std::uint64_t bytes) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
  constexpr std::uint64_t kLowBits = 0x0101010101010101ull;
  const std::uint64_t ef_is_zero = bytes ^ (0xEF * kLowBits);
  return (bytes & kHighBits) == kHighBits && ((ef_is_zero - kLowBits) & ~ef_is_zero & kHighBits) == 0;
}

// A Latin letter, ASCII or full-width (U+FF21-FF3A, U+FF41-FF5A: P3 folds them to ASCII). Chinese
// text is passed over eight bytes at a time where it has no ASCII and no full-width form.
bool has_latin_letter(std::string_view text) {
  const auto letter_at = [text](std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
    if (c == 0xEF && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA) || (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A)) return true;
    }
    return false;
  };
  std::size_t i = 0;
#ifdef TIFA_LINES_SSE2
  // Sixteen bytes at a time: an ASCII letter ends the search at once (bytes from 0x80 on are
  // negative as signed bytes, so they fall below 'a' with or without the case bit); a lead byte
  // EF sends its position to letter_at.
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i before_a = _mm_set1_epi8('a' - 1);
  const __m128i after_z = _mm_set1_epi8('z' + 1);
  const __m128i lead_ef = _mm_set1_epi8(static_cast<char>(0xEF));
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i folded = _mm_or_si128(bytes, case_bit);
    const __m128i letters = _mm_and_si128(_mm_cmpgt_epi8(folded, before_a), _mm_cmplt_epi8(folded, after_z));
    if (_mm_movemask_epi8(letters) != 0) return true;
    for (auto full_width = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, lead_ef)));
         full_width != 0; full_width &= full_width - 1) {
      if (letter_at(i + static_cast<std::size_t>(std::countr_zero(full_width)))) return true;
    }
  }
#endif
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, text.data() + i, 8);
    if (may_skip_for_latin_letter(bytes)) continue;
    for (std::size_t k = i; k < i + 8; ++k) {
      if (letter_at(k)) return true;
    }
  }
  for (; i < text.size(); ++i) {
    if (letter_at(i)) return true;
  }
  return false;
}

bool mentions_dot(std::string_view text) {
  if (text.find('.') != std::string_view::npos) return true;
  for (std::size_t pos = text.find('\x8E', 2); pos != std::string_view::npos; pos = text.find('\x8E', pos + 1)) {
    if (text[pos - 1] == '\xBC' && text[pos - 2] == '\xEF') return true;  // EF BC 8E
  }
  return false;
}

bool is_watermark_candidate(std::string_view text) {
  // Every form below holds a Latin letter after folding: most paragraphs with a '.' ("3.5%")
  // have none and are turned away before folding.
  if (text.size() > 4 * kWatermarkMaxCodePoints + 64 || !mentions_dot(text) ||
      !has_latin_letter(text))
    return false;
  const std::optional<Block> block = short_block(text, kWatermarkMaxCodePoints);
  if (!block) return false;
  const std::string lowered = lower_ascii(block->f());
  if (lowered.find("http://") != std::string::npos ||
      lowered.find("https://") != std::string::npos || lowered.find("www.") != std::string::npos) {
    return true;
  }
  return contains_domain(lowered);
}

std::vector<PersonMatch> split_names(std::string_view text, Span names) {
  const Block block(text, names);
  std::vector<FoldedName> folded_names;
  if (!parse_names(block.f(), block.all(), folded_names)) return {};
  std::vector<PersonMatch> people;
  for (const FoldedName& name : folded_names) {
    people.push_back(PersonMatch{block.folded_text(name.span), "", "", block.to_original(name.span),
                                 name.unsplit});
  }
  return people;
}

}  // namespace tifa::clean
