#include "input/html_parser.hpp"

#include "util/cpu_features.hpp"
#include "input/html_tags.hpp"
#include "input/reserved_append.hpp"

#include <libxml/HTMLparser.h>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// How this parser follows libxml2 2.9.14's HTML parser (HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED),
// which the Dom was first built from (tests/input/test_html_parser.cpp compares the two):
//  - leading blanks, and blanks after a leading DOCTYPE, comment or processing instruction, are
//    not text;
//  - a start tag first closes the open element on top of the stack while libxml2's start-close
//    table says so (kCloses below: <p> closes an open <p> or <b>, <div> closes <p>, <td> closes
//    <td>, <span> or <font>, <li> closes <li>, ...), looking at the top element only;
//  - an end tag closes the nearest open element of its name and everything above it, unless an
//    element above it has a higher end priority (a </p> never closes a <div> or a <td>; a </div>
//    never closes a <td>); an end tag with nothing to close is ignored;
//  - text (or a reference) that is not blank, at the top level or directly in <html>/<head>,
//    opens an implied <p> (libxml2's htmlCheckParagraph), which first closes an open <head>;
//  - a misplaced <html>, a <head> not directly in <html>, a second <body> are dropped, and so is
//    the matching end tag that follows (libxml2's ctxt->depth);
//  - "/>" closes any element;
//  - script and style hold raw text up to "</script" or "</style" (any case); an end tag, or a
//    start tag that closes them, right at the start of their content is read as a tag;
//  - names are lower-cased; the first of duplicate attributes wins; a valueless attribute is "";
//  - "<" that starts no tag is text; "</" that starts no name is dropped; after a misplaced
//    DOCTYPE, the '<' of an end tag is text;
//  - a start tag without '>' runs to the end of the input (an element, no text).
//
// Where this parser differs from libxml2 (libxml2 is wrong or arbitrary there):
//  - text runs are whole: libxml2 cuts text at every '&' and every 1000 bytes; here a text node
//    is a maximal verbatim run and an entity is one node with the span of the whole reference;
//  - an invalid numeric reference (&#0;, a surrogate, above U+10FFFF, a control character) is
//    U+FFFD; libxml2 drops it. "&#" or "&#x" without digits is text; libxml2 drops the "&#";
//  - embed, source, track and wbr are void (libxml2 lets them swallow what follows);
//  - title and textarea hold text only (entities decoded, no tags) when their end tag exists;
//  - "<![CDATA[" ... "]]>" is skipped; libxml2 makes it text;
//  - a quoted attribute value without its closing quote ends at the next '>', so the text after
//    the tag stays text (libxml2 runs the value, and the tag, to the end of the input);
//  - control characters in a tag are skipped like other junk, and kept in text (libxml2 drops
//    them from text and ends the tag at them);
//  - a <script> or <style> at the top level that a start tag closes at once leaves libxml2
//    reading the rest of the input as raw text; here the rest is parsed as usual;
//  - element spans are exact: an element closed by an end tag ends at that tag's '>'; one closed
//    by a start tag, by text or by the end of the input ends where the content before it ended
//    (or, after end tags that closed nothing, where the closing tag starts); an implied <p>
//    starts at its first text. The libxml2 builder guessed spans back from its read position.

namespace tifa::input {

namespace {

// ---- tags ----

// The tags and their ids are in html_tags.hpp; the parser's rules are for the first ones.
using TagSet = TagBits;

// libxml2's start-close table (as in 2.9.14): opening the first tag closes an open element of any
// of the others, when that element is on top of the stack.
constexpr std::array<TagSet, kKnownTags> kCloses = [] {
  std::array<TagSet, kKnownTags> t{};
  auto rule = [&t](TagId opened, std::initializer_list<TagId> closed) {
    for (TagId c : closed) t[opened].add(c);
  };
  // Everything of the body closes an open <head>.
  for (TagId opened : {t_a, t_abbr, t_acronym, t_address, t_b, t_bdo, t_big, t_blockquote, t_body,
                       t_br, t_center, t_cite, t_code, t_dd, t_dfn, t_dir, t_div, t_dl, t_dt, t_em,
                       t_fieldset, t_font, t_form, t_frameset, t_h1, t_h2, t_h3, t_h4, t_h5, t_h6,
                       t_hr, t_i, t_iframe, t_img, t_kbd, t_li, t_listing, t_map, t_menu, t_ol, t_p,
                       t_pre, t_q, t_s, t_samp, t_small, t_span, t_strike, t_strong, t_sub, t_sup,
                       t_table, t_tt, t_u, t_ul, t_var, t_xmp})
    t[opened].add(t_head);
  rule(t_a, {t_a});
  rule(t_address, {t_p, t_ul});
  rule(t_blockquote, {t_p});
  rule(t_body, {t_link, t_p, t_style, t_title});
  rule(t_caption, {t_p});
  rule(t_center, {t_b, t_font, t_i, t_p});
  rule(t_col, {t_caption, t_col, t_p});
  rule(t_colgroup, {t_caption, t_col, t_colgroup, t_p});
  rule(t_dd, {t_address, t_dir, t_dt, t_listing, t_menu, t_p, t_pre, t_xmp});
  rule(t_dir, {t_p});
  rule(t_div, {t_p});
  rule(t_dl, {t_address, t_dir, t_dt, t_listing, t_menu, t_p, t_pre, t_xmp});
  rule(t_dt, {t_address, t_dd, t_dir, t_listing, t_menu, t_p, t_pre, t_xmp});
  rule(t_fieldset,
       {t_a, t_h1, t_h2, t_h3, t_h4, t_h5, t_h6, t_legend, t_listing, t_p, t_pre, t_xmp});
  rule(t_form, {t_address, t_dir, t_dl, t_form, t_h1, t_h2, t_h3, t_h4, t_h5, t_h6, t_hr, t_listing,
                t_menu, t_ol, t_p, t_pre, t_ul, t_xmp});
  rule(t_frameset, {t_link, t_p, t_style, t_title});
  for (TagId h : {t_h1, t_h2, t_h3, t_h4, t_h5, t_h6}) rule(h, {t_p});
  rule(t_head, {t_p});
  rule(t_hr, {t_p});
  rule(t_li,
       {t_address, t_dl, t_h1, t_h2, t_h3, t_h4, t_h5, t_h6, t_li, t_listing, t_p, t_pre, t_xmp});
  rule(t_listing, {t_p});
  rule(t_menu, {t_p, t_ul});
  rule(t_noscript, {t_script});
  rule(t_ol, {t_p, t_ul});
  rule(t_optgroup, {t_option});
  rule(t_option, {t_option});
  rule(t_p, {t_b, t_big, t_h1, t_h2, t_h3, t_h4, t_h5, t_h6, t_i, t_p, t_s, t_small, t_strike,
             t_tt, t_u});
  rule(t_pre, {t_p, t_ul});
  rule(t_table, {t_a, t_h1, t_h2, t_h3, t_h4, t_h5, t_h6, t_listing, t_p, t_pre, t_xmp});
  rule(t_tbody, {t_caption, t_col, t_colgroup, t_p, t_tbody, t_td, t_tfoot, t_th, t_thead, t_tr});
  rule(t_td, {t_a, t_b, t_font, t_i, t_p, t_span, t_td, t_th, t_u});
  rule(t_tfoot, {t_caption, t_col, t_colgroup, t_p, t_tbody, t_td, t_th, t_thead, t_tr});
  rule(t_th, {t_a, t_b, t_font, t_i, t_p, t_span, t_td, t_th, t_u});
  rule(t_thead, {t_caption, t_col, t_colgroup});
  rule(t_title, {t_p});
  rule(t_tr, {t_caption, t_col, t_colgroup, t_p, t_td, t_th, t_tr});
  rule(t_ul, {t_address, t_dir, t_listing, t_menu, t_ol, t_p, t_pre, t_xmp});
  rule(t_xmp, {t_p});
  return t;
}();

// Elements without content: libxml2's empty elements, and the HTML5 ones it does not know.
constexpr TagSet kVoid = [] {
  TagSet s;
  for (TagId t : {t_area, t_base, t_basefont, t_br, t_col, t_frame, t_hr, t_img, t_input, t_isindex,
                  t_link, t_meta, t_param, t_embed, t_source, t_track, t_wbr})
    s.add(t);
  return s;
}();

// libxml2's end priorities: an end tag only closes elements of lower or equal priority.
constexpr std::uint8_t kRootPriority = 255;
constexpr std::uint8_t end_priority(std::uint32_t tag) {
  switch (tag) {
    case t_div: return 150;
    case t_td:
    case t_th: return 160;
    case t_tr: return 170;
    case t_thead:
    case t_tbody:
    case t_tfoot: return 180;
    case t_table: return 190;
    case t_head:
    case t_body: return 200;
    case t_html: return 220;
    default: return 100;
  }
}

// The end priority of an open element of `tag`, the root's above all: looked up per level of the
// open stack, which so holds four numbers a level (a size() of it is a shift, not a division).
constexpr std::array<std::uint8_t, kKnownTags> kLevelPriority = [] {
  std::array<std::uint8_t, kKnownTags> t{};
  for (std::uint32_t tag = 0; tag < kKnownTags; ++tag) t[tag] = end_priority(tag);
  t[kRootTag] = kRootPriority;
  return t;
}();
constexpr std::uint8_t level_priority(std::uint32_t tag) {
  return tag < kKnownTags ? kLevelPriority[tag] : end_priority(tag);
}

// ---- characters ----

enum : std::uint8_t { kBlank = 1, kAlpha = 2, kDigit = 4, kNameStart = 8, kName = 16 };
constexpr std::array<std::uint8_t, 256> kCharClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c : {' ', '\n', '\t', '\r'}) t[static_cast<std::size_t>(c)] = kBlank;
  for (int c = 'a'; c <= 'z'; ++c) {
    t[static_cast<std::size_t>(c)] = kAlpha | kNameStart | kName;
    t[static_cast<std::size_t>(c - 32)] = kAlpha | kNameStart | kName;
  }
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kDigit | kName;
  for (int c : {'_', ':', '.'}) t[static_cast<std::size_t>(c)] = kNameStart | kName;
  t['-'] = kName;
  return t;
}();
constexpr bool is_class(char c, std::uint8_t mask) {
  return (kCharClass[static_cast<unsigned char>(c)] & mask) != 0;
}
constexpr bool is_blank(char c) { return is_class(c, kBlank); }
constexpr bool is_alpha(char c) { return is_class(c, kAlpha); }
constexpr bool is_digit(char c) { return is_class(c, kDigit); }
constexpr bool is_name_char(char c) { return is_class(c, kName); }
constexpr bool is_name_start(char c) { return is_class(c, kNameStart); }
constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Per byte: its lower-case form when it may stand in a name (is_name_char), else 0. One lookup
// tests and lowers a byte of a tag or attribute name, where a test and a lower() cost two
// branches a byte.
constexpr std::array<char, 256> kNameLower = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (is_name_char(static_cast<char>(c))) t[static_cast<std::size_t>(c)] = lower(static_cast<char>(c));
  }
  return t;
}();
constexpr char name_lower(char c) { return kNameLower[static_cast<unsigned char>(c)]; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// XML's Char production, which libxml2 checks numeric references against.
constexpr bool is_xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

struct Reference {
  bool ok = false;
  std::size_t end = 0;     // just past the reference
  std::uint32_t cp = 0;    // the character it stands for
};

// A character reference at s[amp] == '&', not reaching past `limit`: "&#123;", "&#x4e2d;" (the
// ';' may be missing, as libxml2 accepts), or a named one "&amp;" (the ';' is required, as in
// libxml2). Anything else is not a reference: the '&' is text.
Reference parse_reference(std::string_view s, std::size_t amp, std::size_t limit) {
  Reference ref;
  std::size_t i = amp + 1;
  if (i >= limit) return ref;
  if (s[i] == '#') {
    ++i;
    bool hex = i < limit && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    std::size_t digits = i;
    std::uint32_t value = 0;
    for (; i < limit; ++i) {
      char c = s[i];
      std::uint32_t d;
      if (is_digit(c)) d = static_cast<std::uint32_t>(c - '0');
      else if (hex && lower(c) >= 'a' && lower(c) <= 'f')
        d = static_cast<std::uint32_t>(lower(c) - 'a' + 10);
      else break;
      if (value < 0x110000) value = value * (hex ? 16 : 10) + d;
    }
    if (i == digits) return ref;
    if (i < limit && s[i] == ';') ++i;
    ref.ok = true;
    ref.end = i;
    ref.cp = is_xml_char(value) ? value : 0xFFFD;
    return ref;
  }
  if (!is_alpha(s[i])) return ref;
  std::size_t name = i;
  while (i < limit && (is_alpha(s[i]) || is_digit(s[i]))) ++i;
  if (i >= limit || s[i] != ';') return ref;
  std::string_view n = s.substr(name, i - name);
  std::uint32_t cp = 0;
  if (n == "quot") cp = '"';
  else if (n == "amp") cp = '&';
  else if (n == "nbsp") cp = 0xA0;
  else if (n == "lt") cp = '<';
  else if (n == "gt") cp = '>';
  else if (n.size() <= 8) {
    char buffer[9];
    std::memcpy(buffer, n.data(), n.size());
    buffer[n.size()] = '\0';
    const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(buffer));
    if (entity != nullptr) cp = entity->value;
  }
  if (cp == 0) return ref;
  ref.ok = true;
  ref.end = i + 1;
  ref.cp = cp;
  return ref;
}

// Finds "</name" (name in lower case) at or after `from`, ignoring ASCII case.
std::size_t find_end_tag(std::string_view s, std::size_t from, std::string_view name) {
  const char* data = s.data();
  std::size_t n = s.size();
  while (from < n) {
    const void* hit = std::memchr(data + from, '<', n - from);
    if (hit == nullptr) return n;
    std::size_t lt = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
    if (lt + 2 + name.size() <= n && data[lt + 1] == '/') {
      bool same = true;
      for (std::size_t k = 0; k < name.size() && same; ++k)
        same = lower(data[lt + 2 + k]) == name[k];
      if (same) return lt;
    }
    from = lt + 1;
  }
  return n;
}

#if TIFA_CPU_DISPATCH
TIFA_TARGET_AVX2 inline std::size_t sum_of_byte_counters_avx2(__m256i counters) {
  const __m256i sums = _mm256_sad_epu8(counters, _mm256_setzero_si256());
  return static_cast<std::size_t>(_mm256_extract_epi64(sums, 0) + _mm256_extract_epi64(sums, 1) +
                                  _mm256_extract_epi64(sums, 2) + _mm256_extract_epi64(sums, 3));
}

// The '<' and '&' of p[i, n) 32 bytes a step (see Parser::count_tags_and_references), added to
// the counts; returns where the steps stopped (fewer than 32 bytes before n).
TIFA_TARGET_AVX2 std::size_t count_tags_and_references_avx2(const unsigned char* p, std::size_t i, std::size_t n,
                                                            std::size_t& lts, std::size_t& amps) {
  const __m256i lt = _mm256_set1_epi8('<');
  const __m256i amp = _mm256_set1_epi8('&');
  // 64 bytes a round (two counts per byte counter, so 127 rounds at most before the sums), then
  // 32: the loop's own work was a third of the cost of a count.
  while (i + 64 <= n) {
    __m256i lt_counts = _mm256_setzero_si256(), amp_counts = _mm256_setzero_si256();
    for (int round = 0; round < 127 && i + 64 <= n; ++round, i += 64) {
      const __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
      const __m256i second = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32));
      lt_counts = _mm256_sub_epi8(lt_counts, _mm256_cmpeq_epi8(first, lt));
      amp_counts = _mm256_sub_epi8(amp_counts, _mm256_cmpeq_epi8(first, amp));
      lt_counts = _mm256_sub_epi8(lt_counts, _mm256_cmpeq_epi8(second, lt));
      amp_counts = _mm256_sub_epi8(amp_counts, _mm256_cmpeq_epi8(second, amp));
    }
    lts += sum_of_byte_counters_avx2(lt_counts);
    amps += sum_of_byte_counters_avx2(amp_counts);
  }
  while (i + 32 <= n) {
    // Per-byte counters (a match is -1, subtracted), summed up before they can overflow.
    __m256i lt_counts = _mm256_setzero_si256(), amp_counts = _mm256_setzero_si256();
    for (int round = 0; round < 255 && i + 32 <= n; ++round, i += 32) {
      const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
      lt_counts = _mm256_sub_epi8(lt_counts, _mm256_cmpeq_epi8(bytes, lt));
      amp_counts = _mm256_sub_epi8(amp_counts, _mm256_cmpeq_epi8(bytes, amp));
    }
    lts += sum_of_byte_counters_avx2(lt_counts);
    amps += sum_of_byte_counters_avx2(amp_counts);
  }
  return i;
}

TIFA_TARGET_AVX2 inline __m256i tags_and_references_avx2(const char* p) {
  const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  return _mm256_or_si256(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('<')), _mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('&')));
}

// The first '<' or '&' of p[i, n) (see Parser::next_tag_or_reference), or where the steps stopped
// (fewer than 32 bytes before n) when there is none. 64 bytes a step, tested at once, then 32.
TIFA_TARGET_AVX2 std::size_t next_tag_or_reference_avx2(const char* p, std::size_t i, std::size_t n) {
  for (; i + 64 <= n; i += 64) {
    const __m256i low = tags_and_references_avx2(p + i);
    const __m256i high = tags_and_references_avx2(p + i + 32);
    if (_mm256_testz_si256(_mm256_or_si256(low, high), _mm256_or_si256(low, high)) != 0) continue;
    const auto low_hits = static_cast<std::uint32_t>(_mm256_movemask_epi8(low));
    if (low_hits != 0) return i + static_cast<unsigned>(std::countr_zero(low_hits));
    return i + 32 + static_cast<unsigned>(std::countr_zero(static_cast<std::uint32_t>(_mm256_movemask_epi8(high))));
  }
  if (i + 32 <= n) {
    const auto hits = static_cast<std::uint32_t>(_mm256_movemask_epi8(tags_and_references_avx2(p + i)));
    if (hits != 0) return i + static_cast<unsigned>(std::countr_zero(hits));
    i += 32;
  }
  return i;
}
#endif

// ---- the tree builder ----

class Parser {
 public:
  Parser(std::string input, std::size_t base, std::size_t max_depth)
      : n_(input.size()), base_(base), max_depth_(max_depth) {
    s_ = dom_.strings.emplace_front(std::move(input));
  }
  // The caller keeps `input` alive as long as the Dom.
  Parser(std::string_view input, std::size_t base, std::size_t max_depth,
         std::span<const Span> known_comments = {})
      : s_(input), n_(input.size()), base_(base), max_depth_(max_depth),
        known_comments_(known_comments) {}

  Dom run();

 private:
  struct Level {
    std::uint32_t node;
    std::uint32_t tag;
    std::int32_t prev_same;     // the next open element of the same tag below, or -1
    std::int32_t prev_greater;  // the nearest level below with a higher end priority, or -1
    std::uint8_t priority() const { return level_priority(tag); }
  };
  struct TagEnd {
    bool ok = false;           // false: the input ended inside the tag
    bool self_closing = false;
    std::size_t end = 0;       // just past '>'
  };

  Span absolute(std::size_t begin, std::size_t end) const {
    return Span{base_ + begin, base_ + end};
  }
  std::size_t skip_blanks(std::size_t i) const {
    while (i < n_ && is_blank(s_[i])) ++i;
    return i;
  }
  // How many '<' and '&' the input holds, in one pass (a memchr per hit cost more than the
  // parse of a short tag).
  std::pair<std::size_t, std::size_t> count_tags_and_references() const {
    const auto* p = reinterpret_cast<const unsigned char*>(s_.data());
    std::size_t lts = 0, amps = 0, i = 0;
#if TIFA_CPU_DISPATCH
    if (util::cpu_has_avx2()) i = count_tags_and_references_avx2(p, i, n_, lts, amps);
#endif
#if defined(__SSE2__) || defined(_M_X64)
    // Per-byte counters (a match is -1, subtracted), summed up before they can overflow.
    const auto sum = [](__m128i counters) {
      const __m128i halves = _mm_sad_epu8(counters, _mm_setzero_si128());
      return static_cast<std::size_t>(_mm_cvtsi128_si32(halves) + _mm_extract_epi16(halves, 4));
    };
    // 64 bytes a round (four counts per byte counter), then 16: the loop's own work is most of
    // the cost of a count.
    const auto count_block = [p](std::size_t at, __m128i& lt_counts, __m128i& amp_counts) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
      lt_counts = _mm_sub_epi8(lt_counts, _mm_cmpeq_epi8(bytes, _mm_set1_epi8('<')));
      amp_counts = _mm_sub_epi8(amp_counts, _mm_cmpeq_epi8(bytes, _mm_set1_epi8('&')));
    };
    while (i + 64 <= n_) {
      __m128i lt_counts = _mm_setzero_si128(), amp_counts = _mm_setzero_si128();
      for (int round = 0; round < 63 && i + 64 <= n_; ++round, i += 64) {
        for (std::size_t block = 0; block < 64; block += 16) count_block(i + block, lt_counts, amp_counts);
      }
      lts += sum(lt_counts);
      amps += sum(amp_counts);
    }
    while (i + 16 <= n_) {
      __m128i lt_counts = _mm_setzero_si128(), amp_counts = _mm_setzero_si128();
      for (int round = 0; round < 255 && i + 16 <= n_; ++round, i += 16) count_block(i, lt_counts, amp_counts);
      lts += sum(lt_counts);
      amps += sum(amp_counts);
    }
#endif
    for (; i < n_; ++i) {
      lts += p[i] == '<';
      amps += p[i] == '&';
    }
    return {lts, amps};
  }
  std::size_t skip_past(char c, std::size_t i) const {
    const void* hit = i < n_ ? std::memchr(s_.data() + i, c, n_ - i) : nullptr;
    return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - s_.data()) + 1 : n_;
  }
  // Byte by byte: `what` is a short literal, and compare() called memcmp (every comment).
  bool starts_with(std::size_t i, std::string_view what) const {
    if (i > n_ || n_ - i < what.size()) return false;
    for (std::size_t k = 0; k < what.size(); ++k) {
      if (s_[i + k] != what[k]) return false;
    }
    return true;
  }
  bool starts_with_nocase(std::size_t i, std::string_view lower_what) const {
    if (i + lower_what.size() > n_) return false;
    for (std::size_t k = 0; k < lower_what.size(); ++k) {
      if (lower(s_[i + k]) != lower_what[k]) return false;
    }
    return true;
  }

  std::size_t prolog();
  std::size_t markup(std::size_t lt);
  std::size_t start_tag(std::size_t lt);
  bool flatten(std::uint32_t tag, std::size_t lt, const TagEnd& end);
  std::size_t end_tag(std::size_t lt);
  std::size_t comment(std::size_t lt);
  std::size_t known_comment_close(std::size_t lt);
  TagEnd attributes(std::size_t i);
  // Kept names are 2 to 10 bytes: the lower-case form of a name is made as it is read.
  static constexpr std::size_t kKeptNameRoom = 10;
  void keep_attribute(const char* lower_name, std::size_t size, std::size_t value, std::size_t value_end);
  void decode_into(std::string& out, std::size_t begin, std::size_t end) const;

  void text(std::size_t begin, std::size_t end) {
    const void* amp = std::memchr(s_.data() + begin, '&', end - begin);
    text(begin, end, amp ? static_cast<std::size_t>(static_cast<const char*>(amp) - s_.data()) : end);
  }
  // The same when the first '&' of the text is known: `first_amp`, or `end` when there is none.
  void text(std::size_t begin, std::size_t end, std::size_t first_amp);
  // The first '<' or '&' at or after `i`, or n_: one scan where a memchr for each cost two calls
  // per text run (most runs are short: the blanks between two tags, a link's words).
  // A run longer than 16 bytes (a paragraph) goes on 32 bytes a step with AVX2: the first step,
  // inline, finds the end of most runs without the call.
  std::size_t next_tag_or_reference(std::size_t i) const {
    const char* data = s_.data();
#if defined(__SSE2__) || defined(_M_X64)
    for (bool first_step = true; i + 16 <= n_; i += 16, first_step = false) {
#if TIFA_CPU_DISPATCH
      if (!first_step && avx2_) {
        // Where it stopped, a '<' or '&' or fewer than 32 bytes before the end: the steps below
        // go on from there.
        i = next_tag_or_reference_avx2(data, i, n_);
        if (i + 16 > n_) break;
      }
#endif
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
      const auto hits = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('<')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('&')))));
      if (hits != 0) return i + static_cast<unsigned>(std::countr_zero(hits));
    }
#endif
    for (; i < n_; ++i) {
      if (data[i] == '<' || data[i] == '&') return i;
    }
    return n_;
  }
  void emit_verbatim(std::size_t begin, std::size_t end);
  void emit_reference(std::size_t begin, std::size_t end, std::uint32_t cp);
  void emit_less_than(std::size_t lt) {
    emit_verbatim(lt, lt + 1);
    content(lt + 1);
  }

  // A tag name read at s_[i]: where it is and its tag_key (of its lower-case form).
  struct Name {
    std::size_t begin;
    std::size_t end;
    std::uint64_t key;
  };
  Name read_name(std::size_t i) const;
  std::string_view lowered(const Name& name);  // in name_, until the next call
  // Names of up to eight bytes are known by their key alone, with no lower-case copy: nearly
  // every tag, so this part is kept small enough to inline into the tag readers.
  std::uint32_t tag_id(const Name& name, bool create) {
    if (name.end - name.begin <= 8) {
      const std::uint32_t id = known_short_tag(name.key);
      if (id != kRootTag) return id;
    }
    return other_tag_id(name, create);
  }
  std::uint32_t other_tag_id(const Name& name, bool create);  // longer or unlisted names
  std::string_view attribute_value(std::size_t begin, std::size_t end);
  std::uint32_t append(std::uint32_t parent);  // a new last child of `parent`, to be filled in
  [[gnu::noinline]] void append_growing() { dom_.nodes.emplace_back(); }
  std::uint32_t open_element(std::uint32_t tag, Span source, bool implied);
  void push(std::uint32_t node, std::uint32_t tag);
  void close_top(std::size_t end);
  // Most start tags close nothing: that is told here, inline, and only the closing is a call.
  void auto_close(std::uint32_t opened, std::size_t at) {
    if (opened >= kKnownTags || open_.size() <= 1 || !kCloses[opened].has(open_.back().tag)) return;
    close_opened_by(opened, at);
  }
  void close_opened_by(std::uint32_t opened, std::size_t at);
  void content(std::size_t end) {
    content_end_ = end;
    stray_ = false;
  }
  // Where an element closed by what starts at `at` (not by its end tag) ends: where the content
  // before it ended; past the end tags that closed nothing in between, if any.
  std::size_t implicit_end(std::size_t at) const { return stray_ ? at : content_end_; }
  bool takes_paragraph() const {
    std::uint32_t top = open_.back().tag;
    return top == kRootTag || top == t_html || top == t_head;
  }

  std::string_view s_;
  std::size_t n_;
  const bool avx2_ = util::cpu_has_avx2();  // asked once a page, not once a text run
  std::size_t base_;
  std::size_t max_depth_;                   // open elements allowed below the root
  Dom dom_;
  std::vector<Level> open_;                 // the open elements; open_[0] is the root
  // Per tag id: its topmost open level, or -1. The known tags in an array of the parser's own,
  // the others (rare) in a vector: a vector for all was an allocation per page.
  std::array<std::int32_t, kKnownTags> top_of_known_tag_;
  std::vector<std::int32_t> top_of_other_tag_;  // by id - kKnownTags
  std::int32_t& top_of_tag(std::uint32_t tag) {
    return tag < kKnownTags ? top_of_known_tag_[tag] : top_of_other_tag_[tag - kKnownTags];
  }
  std::unordered_map<std::string, std::uint32_t> other_tags_;  // tags not in TIFA_HTML_TAGS
  std::vector<std::string_view> other_names_;  // their names, in dom_.strings
  std::string name_;                        // scratch: a lower-cased name
  // The kept attributes of the tag being read are dom_.attributes from here on, written there
  // at once (a scratch vector copied over cost an insert per tag); taken back when the tag makes
  // no element.
  std::size_t tag_attributes_ = 0;
  // Grows dom_.attributes, setting the views of the nodes made so far into the new array.
  [[gnu::noinline]] void grow_attributes();
  std::size_t content_end_ = 0;             // where the last content (text, tag, comment) ended
  bool stray_ = false;                      // an end tag that closed nothing came after it
  std::uint32_t last_text_ = kNoNode;       // the last node, when it is a verbatim text
  std::uint32_t last_reference_ = kNoNode;  // the last node made by emit_reference
  std::size_t reference_run_ = 0;           // adjacent references ending with that node
  int dropped_ = 0;                         // dropped html/head/body start tags not yet ended
  std::vector<std::uint32_t> flattened_;    // tags flattened past max_depth_ not yet ended
  std::span<const Span> known_comments_;    // comments of the input found before (absolute, sorted)
  std::size_t next_known_comment_ = 0;      // the first of them not before the last comment read
};

Parser::Name Parser::read_name(std::size_t i) const {
  const std::size_t begin = i;
  std::uint64_t key = 0;  // the first eight bytes, lower-cased, read on the way
  const std::size_t key_end = std::min(n_, begin + 8);
  for (unsigned shift = 0; i < key_end; ++i, shift += 8) {
    const char c = name_lower(s_[i]);
    if (c == 0) return Name{begin, i, key};
    key |= std::uint64_t{static_cast<unsigned char>(c)} << shift;
  }
  while (i < n_ && name_lower(s_[i]) != 0) ++i;
  return Name{begin, i, key};
}

std::string_view Parser::lowered(const Name& name) {
  name_.assign(s_.substr(name.begin, name.end - name.begin));
  for (char& c : name_) c = lower(c);
  return name_;
}

std::uint32_t Parser::other_tag_id(const Name& name, bool create) {
  // Known names of up to 8 bytes were looked up by their key already.
  std::uint32_t id = kRootTag;
  if (name.end - name.begin > 8) id = known_tag(lowered(name));
  if (id != kRootTag) return id;
  lowered(name);
  auto it = other_tags_.find(name_);
  if (it != other_tags_.end()) return it->second;
  if (!create) return kRootTag;
  id = kKnownTags + static_cast<std::uint32_t>(other_names_.size());
  other_names_.push_back(dom_.strings.emplace_front(name_));
  other_tags_.emplace(name_, id);
  top_of_other_tag_.push_back(-1);
  return id;
}

// Made in place, as DomNode's member initialisers leave it (its constructor is user-provided, so
// emplace_back() does not zero it first), for the caller to fill in: building a local and
// copying it in cost two passes over its 88 bytes. The arrays the parser appends to are reserved
// in run(): growing them is rare (reserved_append.hpp). Always inlined: without the growth it is
// a few loads and stores, fewer than a call's saving and restoring of registers.
[[gnu::always_inline]] inline std::uint32_t Parser::append(std::uint32_t parent) {
  std::vector<DomNode>& nodes = dom_.nodes;
  const auto index = static_cast<std::uint32_t>(nodes.size());
  // After the capacity test the compiler knows there is room: no growth code in this path.
  if (nodes.size() == nodes.capacity()) [[unlikely]] append_growing();
  else nodes.emplace_back();
  nodes.back().parent = parent;
  DomNode& p = nodes[parent];
  if (p.last_child == kNoNode) p.first_child = index;
  else nodes[p.last_child].next_sibling = index;
  p.last_child = index;
  return index;
}

// Always inlined (into start_tag, nearly its only caller per element): a call per element
// opened cost more than the few stores and the short walk down the priority chain.
[[gnu::always_inline]] inline void Parser::push(std::uint32_t node, std::uint32_t tag) {
  Level level;
  level.node = node;
  level.tag = tag;
  const std::uint8_t priority = end_priority(tag);
  std::int32_t& top = top_of_tag(tag);
  level.prev_same = top;
  auto j = static_cast<std::int32_t>(open_.size()) - 1;
  while (j >= 0 && open_[static_cast<std::size_t>(j)].priority() <= priority)
    j = open_[static_cast<std::size_t>(j)].prev_greater;
  level.prev_greater = j;
  top = static_cast<std::int32_t>(open_.size());
  push_back_reserved(open_, level);
}

std::uint32_t Parser::open_element(std::uint32_t tag, Span source, bool implied) {
  const std::uint32_t index = append(open_.back().node);
  DomNode& node = dom_.nodes[index];
  if (tag < kKnownTags) {
    node.tag = kTagNames[tag];
    node.tag_id = static_cast<std::uint8_t>(tag);
  } else {
    node.tag = other_names_[tag - kKnownTags];
  }
  node.source = source;
  node.implied = implied;
  last_text_ = kNoNode;
  return index;
}

void Parser::close_top(std::size_t end) {
  flattened_.clear();  // whatever was flattened into the top ends with it
  const Level& level = open_.back();
  DomNode& node = dom_.nodes[level.node];
  node.source.end = std::max(node.source.begin, base_ + end);
  top_of_tag(level.tag) = level.prev_same;
  open_.pop_back();
}

void Parser::close_opened_by(std::uint32_t opened, std::size_t at) {
  const TagSet& closes = kCloses[opened];
  while (open_.size() > 1 && closes.has(open_.back().tag)) close_top(implicit_end(at));
}

// ---- text ----

// Always inlined, as append: one call per text run was a good part of the cost of making it.
[[gnu::always_inline]] inline void Parser::emit_verbatim(std::size_t begin, std::size_t end) {
  std::uint32_t parent = open_.back().node;
  if (last_text_ != kNoNode) {
    DomNode& last = dom_.nodes[last_text_];
    if (last.parent == parent && last.source.end == base_ + begin) {
      last.source.end = base_ + end;
      dom_.texts.back().end = base_ + end;
      return;
    }
  }
  const Span source = absolute(begin, end);
  last_text_ = append(parent);
  DomNode& node = dom_.nodes[last_text_];
  node.is_text = true;
  node.source = source;
  // push_back_reserved written out: the compiler called it (a call per text run).
  if (dom_.texts.size() == dom_.texts.capacity()) [[unlikely]] push_back_growing(dom_.texts, source);
  else dom_.texts.push_back(source);
}

// References past the first kSeparateReferences of an adjacent run join one node: a million
// "&#x4E00;" would otherwise be a million nodes and pieces, some forty times the input. Such a
// node is a reference run (Piece::reference_run), whose characters keep their offsets. The run
// is the last reference node, so its characters are the end of Dom::references as it grows.
constexpr std::size_t kSeparateReferences = 64;

void Parser::emit_reference(std::size_t begin, std::size_t end, std::uint32_t cp) {
  const std::uint32_t parent = open_.back().node;
  if (last_reference_ != kNoNode && dom_.nodes[last_reference_].parent == parent &&
      dom_.nodes[last_reference_].source.end == base_ + begin) {
    ++reference_run_;
  } else {
    reference_run_ = 1;
  }
  std::string& characters = dom_.references;
  const std::size_t characters_before = characters.size();
  append_utf8(characters, cp);
  if (reference_run_ > kSeparateReferences) {
    DomNode& last = dom_.nodes[last_reference_];
    last.characters_size += characters.size() - characters_before;
    last.reference_run = true;
    last.source.end = base_ + end;
    dom_.texts.back().end = base_ + end;
    return;
  }
  const Span source = absolute(begin, end);
  last_reference_ = append(parent);
  DomNode& node = dom_.nodes[last_reference_];
  node.is_text = true;
  node.is_reference = true;
  node.source = source;
  node.characters_begin = characters_before;
  node.characters_size = characters.size() - characters_before;
  push_back_reserved(dom_.texts, source);
  last_text_ = kNoNode;
}

// Text s_[begin, end) (no markup is looked for in it): verbatim runs and references.
void Parser::text(std::size_t begin, std::size_t end, std::size_t first_amp) {
  const char* data = s_.data();
  const void* amp = first_amp < end ? data + first_amp : nullptr;
  if (takes_paragraph()) {
    // libxml2 opens a <p> for text that is not blank, and for a reference, at the top level or
    // in <html>/<head>; blanks before a tag stay where they are.
    bool blank = amp == nullptr;
    for (std::size_t i = begin; i < end && blank; ++i) blank = is_blank(data[i]);
    if (!blank) {
      auto_close(t_p, begin);
      push(open_element(t_p, absolute(begin, begin), true), t_p);
    }
  }
  std::size_t run = begin;
  while (amp != nullptr) {
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(amp) - data);
    Reference ref = parse_reference(s_, at, end);
    std::size_t next = at + 1;
    if (ref.ok) {
      if (at > run) emit_verbatim(run, at);
      emit_reference(at, ref.end, ref.cp);
      run = next = ref.end;
    }
    amp = next < end ? std::memchr(data + next, '&', end - next) : nullptr;
  }
  if (end > run) emit_verbatim(run, end);
  content(end);
}

void Parser::decode_into(std::string& out, std::size_t begin, std::size_t end) const {
  const char* data = s_.data();
  std::size_t run = begin;
  for (std::size_t i = begin; i < end;) {
    const void* amp = std::memchr(data + i, '&', end - i);
    if (amp == nullptr) break;
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(amp) - data);
    Reference ref = parse_reference(s_, at, end);
    if (!ref.ok) {
      i = at + 1;
      continue;
    }
    out.append(data + run, at - run);
    append_utf8(out, ref.cp);
    run = i = ref.end;
  }
  out.append(data + run, end - run);
}

// ---- markup ----

std::size_t Parser::comment(std::size_t lt) {
  std::size_t close = known_comment_close(lt);
  if (close == std::string_view::npos) close = s_.find("-->", lt + 4);
  if (close == std::string_view::npos) return n_;  // libxml2 drops an unterminated comment
  dom_.comments.push_back(absolute(lt, close + 3));
  content(close + 3);
  return close + 3;
}

// The "-->" of a comment opening at s_[lt] that the caller found already (parse_html_in_place),
// or npos. Comments are read in order, so the list is walked once. A listed end that is not
// "-->" in the input is not taken (the comment is then searched as usual).
std::size_t Parser::known_comment_close(std::size_t lt) {
  const std::size_t open = base_ + lt;
  while (next_known_comment_ < known_comments_.size() && known_comments_[next_known_comment_].begin < open)
    ++next_known_comment_;
  if (next_known_comment_ == known_comments_.size()) return std::string_view::npos;
  const Span known = known_comments_[next_known_comment_];
  if (known.begin != open || known.end < open + 7 || known.end - base_ > n_) return std::string_view::npos;
  const std::size_t close = known.end - 3 - base_;
  return starts_with(close, "-->") ? close : std::string_view::npos;
}

// The attribute's name is `size` bytes (kKeptNameRoom + 1 for any longer one); `lower_name` holds
// the first kKeptNameRoom of them in lower case (attributes() lowers them as it reads the name).
void Parser::keep_attribute(const char* lower_name, std::size_t size, std::size_t value, std::size_t value_end) {
  if (size < 2 || size > kKeptNameRoom) return;
  std::string_view key = kept_attribute(std::string_view(lower_name, size));
  if (key.empty()) return;
  for (std::size_t k = tag_attributes_; k < dom_.attributes.size(); ++k) {
    if (dom_.attributes[k].name == key) return;  // the first wins
  }
  if (dom_.attributes.size() == dom_.attributes.capacity()) [[unlikely]] grow_attributes();
  dom_.attributes.push_back(DomAttribute{key, attribute_value(value, value_end)});
}

// Each element views its attributes in dom_.attributes from its start tag on (no list of ranges
// set to the nodes at the end, one allocation a page): when the array grows, which its reserve
// makes rare, the views made so far are moved over to the new one.
void Parser::grow_attributes() {
  std::vector<DomAttribute>& attributes = dom_.attributes;
  std::vector<DomAttribute> grown;
  grown.reserve(std::max<std::size_t>(16, 2 * attributes.capacity()));
  grown.assign(attributes.begin(), attributes.end());
  for (DomNode& node : dom_.nodes) {
    if (node.attrs.empty()) continue;
    const auto first = static_cast<std::size_t>(node.attrs.data() - attributes.data());
    node.attrs = std::span<const DomAttribute>(grown.data() + first, node.attrs.size());
  }
  attributes = std::move(grown);
}

// A value with no '&' is a view of the input (the Dom's copy); one with references is decoded
// into a string of the Dom's own.
std::string_view Parser::attribute_value(std::size_t begin, std::size_t end) {
  if (begin >= end) return {};
  if (std::memchr(s_.data() + begin, '&', end - begin) == nullptr) return s_.substr(begin, end - begin);
  std::string& decoded = dom_.strings.emplace_front();
  decode_into(decoded, begin, end);
  return decoded;
}

// Attributes from s_[i] to the end of the start tag, keeping those the reader reads.
Parser::TagEnd Parser::attributes(std::size_t i) {
  TagEnd result;
  tag_attributes_ = dom_.attributes.size();
  while (true) {
    i = skip_blanks(i);
    if (i >= n_) return result;
    char c = s_[i];
    if (c == '>') {
      result.ok = true;
      result.end = i + 1;
      return result;
    }
    if (c == '/' && i + 1 < n_ && s_[i + 1] == '>') {
      result.ok = result.self_closing = true;
      result.end = i + 2;
      return result;
    }
    if (!is_name_start(c)) {
      // Junk (a stray quote, a non-ASCII name): skipped up to a blank or the end of the tag.
      while (i < n_ && !is_blank(s_[i]) && s_[i] != '>' &&
             !(s_[i] == '/' && i + 1 < n_ && s_[i + 1] == '>'))
        ++i;
      continue;
    }
    // The name, lowered on the way as far as a kept one can run (a second pass lowered it).
    // One lookup a byte both tests it (name_lower is 0 past the name) and lowers it.
    std::size_t name = i;
    char lower_name[kKeptNameRoom];
    for (char lower_byte; i < n_ && (lower_byte = name_lower(s_[i])) != 0; ++i) {
      if (i - name < kKeptNameRoom) lower_name[i - name] = lower_byte;
    }
    std::size_t name_end = i;
    std::size_t value = i, value_end = i;
    i = skip_blanks(i);
    if (i < n_ && s_[i] == '=') {
      i = skip_blanks(i + 1);
      if (i < n_ && (s_[i] == '"' || s_[i] == '\'')) {
        const void* close = std::memchr(s_.data() + i + 1, s_[i], n_ - i - 1);
        value = i + 1;
        if (close != nullptr) {
          value_end = static_cast<std::size_t>(static_cast<const char*>(close) - s_.data());
          i = value_end + 1;
        } else {
          // No closing quote: the value ends at the end of the tag, so the rest is not lost.
          const void* gt = std::memchr(s_.data() + value, '>', n_ - value);
          value_end = gt ? static_cast<std::size_t>(static_cast<const char*>(gt) - s_.data()) : n_;
          i = value_end;
        }
      } else {
        value = i;
        while (i < n_ && !is_blank(s_[i]) && s_[i] != '>') ++i;
        value_end = i;
      }
    }
    // (A longer name, never kept, as one byte too long: the size stays small.)
    keep_attribute(lower_name, std::min(name_end - name, kKeptNameRoom + 1), value, value_end);
  }
}

std::size_t Parser::start_tag(std::size_t lt) {
  const Name name = read_name(lt + 1);
  std::uint32_t tag = tag_id(name, true);
  TagEnd end = attributes(name.end);
  if (!end.ok) {
    // No '>' before the end of the input (a truncated page): as in libxml2, the tag runs to the
    // end, an element with what attributes it has, and no text.
    end.end = n_;
  }
  auto_close(tag, lt);
  bool dropped = (tag == t_html && open_.size() > 1) || (tag == t_head && open_.size() != 2) ||
                 (tag == t_body && top_of_known_tag_[t_body] > 0);
  if (dropped) {
    dom_.attributes.resize(tag_attributes_);
    ++dropped_;
    // libxml2 ends the element on top for a dropped "<body/>".
    if (end.ok && end.self_closing && open_.size() > 1) close_top(implicit_end(end.end));
    return end.end;
  }
  if (flatten(tag, lt, end)) return end.end;
  std::uint32_t node = open_element(tag, absolute(lt, end.end), false);
  dom_.img_elements += tag == t_img;
  if (const std::size_t kept = dom_.attributes.size() - tag_attributes_; kept > 0)
    dom_.nodes[node].set_attributes(std::span<const DomAttribute>(dom_.attributes.data() + tag_attributes_, kept));
  content(end.end);
  if (!end.ok || end.self_closing || kVoid.has(tag)) return end.end;
  push(node, tag);
  if (tag == t_title || tag == t_textarea) {
    // Text only, when the end tag is there; without it, the content is parsed as usual.
    std::size_t close = find_end_tag(s_, end.end, kTagNames[tag]);
    if (close < n_) {
      if (close > end.end) text(end.end, close);
      return close;
    }
  }
  return end.end;
}

// An element that would nest deeper than max_depth_ is not opened: its content goes to the
// element at the limit (nothing is lost, the tree stays shallow enough for every later walk).
// Its end tag is then swallowed. Void and self-closing elements and raw-text script/style add
// no depth that anything can nest in, so they are opened as usual.
bool Parser::flatten(std::uint32_t tag, std::size_t lt, const TagEnd& end) {
  if (open_.size() <= max_depth_) return false;
  if (!end.ok || end.self_closing || kVoid.has(tag) || tag == t_script || tag == t_style)
    return false;
  if (dom_.flattened++ == 0) dom_.first_flattened = absolute(lt, end.end);
  flattened_.push_back(tag);
  dom_.attributes.resize(tag_attributes_);
  content(end.end);
  return true;
}

// Always inlined into the main loop (and markup): an end tag is a short read and a lookup, for
// which the call's saving and restoring of registers cost more. (start_tag, longer, is not:
// inlined, it cost more.)
[[gnu::always_inline]] inline std::size_t Parser::end_tag(std::size_t lt) {
  const Name name = read_name(lt + 2);
  std::size_t i = skip_blanks(name.end);
  std::size_t end = (i < n_ && s_[i] == '>') ? i + 1 : skip_past('>', i);
  std::uint32_t tag = tag_id(name, false);
  stray_ = true;
  if (!flattened_.empty() && flattened_.back() == tag) {
    flattened_.pop_back();  // the end of a flattened element (see flatten)
    content(end);
    return end;
  }
  if (dropped_ > 0 && (tag == t_html || tag == t_body || tag == t_head)) {
    --dropped_;
    return end;
  }
  std::int32_t match = tag == kRootTag ? -1 : top_of_tag(tag);
  if (match <= 0) return end;  // nothing to close
  // An end tag closes only elements of lower or equal priority (the suffix maxima of the open
  // stack are chained by prev_greater, so this looks at a handful of levels).
  std::uint8_t priority = end_priority(tag);
  for (auto k = static_cast<std::int32_t>(open_.size()) - 1; k > match;
       k = open_[static_cast<std::size_t>(k)].prev_greater) {
    if (open_[static_cast<std::size_t>(k)].priority() > priority) return end;
  }
  while (static_cast<std::int32_t>(open_.size()) > match) close_top(end);
  content(end);
  return end;
}

std::size_t Parser::markup(std::size_t lt) {
  if (lt + 1 >= n_) {
    emit_less_than(lt);
    return n_;
  }
  char c = s_[lt + 1];
  if (is_alpha(c)) return start_tag(lt);
  if (c == '/') {
    if (lt + 2 < n_ && is_name_start(s_[lt + 2])) return end_tag(lt);
    stray_ = true;
    return lt + 2;  // libxml2 drops a "</" that starts no name
  }
  if (c == '!') {
    if (starts_with(lt, "<!--")) return comment(lt);
    if (starts_with_nocase(lt, "<!doctype")) {
      // libxml2 reads on after a misplaced DOCTYPE without looking for an end tag or another
      // DOCTYPE: their '<' is text.
      std::size_t next = skip_past('>', lt);
      if (next + 1 < n_ && s_[next] == '<' &&
          (s_[next + 1] == '/' || starts_with_nocase(next, "<!doctype"))) {
        emit_less_than(next);
        return next + 1;
      }
      return next;
    }
    if (starts_with(lt, "<![CDATA[")) {
      std::size_t close = s_.find("]]>", lt + 9);
      return close == std::string_view::npos ? n_ : close + 3;
    }
  } else if (c == '?') {
    return skip_past('>', lt);
  }
  emit_less_than(lt);
  return lt + 1;
}

// What libxml2 reads before the content: blanks, comments, processing instructions, a DOCTYPE.
std::size_t Parser::prolog() {
  std::size_t i = skip_blanks(0);
  for (int round = 0; round < 2; ++round) {
    while (i + 1 < n_ && s_[i] == '<' && (s_[i + 1] == '?' || starts_with(i, "<!--"))) {
      i = s_[i + 1] == '?' ? skip_past('>', i) : comment(i);
      i = skip_blanks(i);
    }
    if (round == 0 && starts_with_nocase(i, "<!doctype")) i = skip_blanks(skip_past('>', i));
  }
  return i;
}

Dom Parser::run() {
  // About one element or text per '<', and at most one node per '&' (a reference): reserve once
  // instead of growing, which would briefly hold the old and the new array (an entity bomb of a
  // million references makes a million nodes).
  const auto [tags, references] = count_tags_and_references();
  dom_.nodes.reserve(tags + tags / 2 + references + 16);
  dom_.texts.reserve(tags + references + 16);
  // Kept attributes (class, id, href, src, ...): most start tags have one or two, and a start
  // tag is at most every other '<'. Grown from empty, it was a few allocations a page.
  dom_.attributes.reserve(tags + 16);
  // Nearly every comment the caller found is one the parser reads (not those in a script or in an
  // attribute value).
  dom_.comments.reserve(known_comments_.size());
  top_of_known_tag_.fill(-1);
  // Room for 32 open elements (512 bytes, from glibc's per-thread cache, which 64 levels of 20
  // bytes, 1280, were not; a deeper page grows it once or twice).
  open_.reserve(32);

  DomNode& root = dom_.nodes.emplace_back();
  root.tag = kTagNames[kRootTag];
  root.tag_id = kRootTag;
  root.source = absolute(0, n_);
  open_.push_back(Level{0, kRootTag, -1, -1});

  std::size_t pos = prolog();
  const char* data = s_.data();
  while (pos < n_) {
    std::uint32_t top = open_.back().tag;
    if (top == t_script || top == t_style) {
      // Raw text up to "</script" or "</style"; as in libxml2, an end tag right at the start of
      // the content is read as one.
      if (pos + 1 < n_ && data[pos] == '<' && data[pos + 1] == '/') {
        pos = markup(pos);
        continue;
      }
      if (pos + 1 < n_ && data[pos] == '<' && is_alpha(data[pos + 1])) {
        // And a start tag there that closes the element (<body> closes <style>) is one too.
        char buffer[11];
        std::size_t size = 0;
        for (std::size_t i = pos + 1; i < n_ && is_name_char(data[i]) && size < sizeof buffer; ++i)
          buffer[size++] = lower(data[i]);
        std::uint32_t opened = known_tag(std::string_view(buffer, size));
        if (opened != kRootTag && kCloses[opened].has(top)) {
          auto_close(opened, pos);
          continue;
        }
      }
      std::size_t close = find_end_tag(s_, pos, kTagNames[top]);
      emit_verbatim(pos, close);
      content(close);
      pos = close;
      continue;
    }
    const std::size_t stop = next_tag_or_reference(pos);
    std::size_t lt = stop;
    if (stop < n_ && data[stop] == '&') {
      const void* hit = std::memchr(data + stop + 1, '<', n_ - stop - 1);
      lt = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data) : n_;
    }
    if (lt > pos) {
      // Most runs hold no reference and are not at the top level (no implied <p>): one verbatim
      // node, made here without text()'s frame.
      if (stop == lt && !takes_paragraph()) {
        emit_verbatim(pos, lt);
        content(lt);
      } else {
        text(pos, lt, stop);
      }
    }
    if (lt >= n_) break;
    // Start and end tags, nearly all the markup, are read without markup()'s frame (which saved
    // registers for its other cases and jumped on to start_tag or end_tag).
    const char next = lt + 1 < n_ ? data[lt + 1] : '\0';
    if (is_alpha(next)) pos = start_tag(lt);
    else if (next == '/' && lt + 2 < n_ && is_name_start(data[lt + 2])) pos = end_tag(lt);
    else pos = markup(lt);
  }
  while (open_.size() > 1) close_top(implicit_end(n_));
  return std::move(dom_);
}

}  // namespace

Dom parse_html(std::string input, std::size_t base, std::size_t max_depth) {
  return Parser(std::move(input), base, max_depth).run();
}

Dom parse_html_in_place(std::string_view input, std::size_t base, std::size_t max_depth,
                        std::span<const Span> known_comments) {
  return Parser(input, base, max_depth, known_comments).run();
}

}  // namespace tifa::input
