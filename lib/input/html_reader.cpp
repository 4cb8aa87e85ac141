#include "input/html_reader.hpp"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "util/cpu_features.hpp"
#include "input/html_dom.hpp"
#include "input/html_parser.hpp"
#include "input/main_content.hpp"
#include "input/markdown_inline.hpp"
#include "input/read_detail.hpp"
#include "input/reserved_append.hpp"
#include "input/text_scan.hpp"

namespace tifa::input {

namespace {

// A removal record made in place, its rule appended to the new record's empty string: a record
// built and pushed cost a string move (a call) and a destruction, for each comment of a page.
void add_removed(std::vector<RawRemoved>& removed, std::string_view rule, Span source) {
  RawRemoved& record = removed.emplace_back();
  record.rule.append(rule);
  record.source = source;
}

// ---- R2: protect markdown islands from the HTML parser ----

// What the pre-pass found. `masked` ranges are markup that never reaches block text; they are
// blanked out (same length) in the copy handed to the HTML parser, so all offsets stay valid.
// Most pages have nothing to blank: the parser then reads text[body] itself, no copy made.
struct Islands {
  std::string_view body_text;  // text[body]
  bool blanked = false;        // parser_input holds a blanked copy of body_text
  std::string parser_input;
  std::vector<Span> masked;       // sorted, absolute
  std::vector<RawBlock> blocks;   // autolink lines, link lines, "# " lines
  std::vector<std::size_t> markers;
  std::vector<Span> unterminated_comments;
  std::vector<Span> comments;  // the terminated ones, sorted, for the parser to reuse
};

void copy_for_blanking(Islands& islands) {
  if (islands.blanked) return;
  islands.parser_input.assign(islands.body_text);
  islands.blanked = true;
}

void blank_out(Islands& islands, Span body, Span range) {
  copy_for_blanking(islands);
  for (std::size_t i = range.begin; i < range.end; ++i) islands.parser_input[i - body.begin] = ' ';
}

// find_within(text, from, end, "-->"), found by its '>': comments are short, and a memchr to
// their first '>' (nearly always the end) costs a fraction of a pair scan set up for each.
std::size_t find_comment_close(std::string_view text, std::size_t from, std::size_t end) {
  for (std::size_t gt = from + 2; gt < end;) {
    const void* hit = std::memchr(text.data() + gt, '>', end - gt);
    if (hit == nullptr) break;
    gt = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    if (text[gt - 1] == '-' && text[gt - 2] == '-') return gt - 2;
    ++gt;
  }
  return std::string_view::npos;
}

// The comment that opens at text[open] ("<!--"); returns where it ends. A comment with no "-->"
// ends at the end of its line (B1), so the rest of the article survives.
std::size_t take_comment(std::string_view text, Span body, std::size_t open, std::vector<Span>& comments,
                         Islands& islands) {
  const std::size_t close = find_comment_close(text, open + 4, body.end);
  if (close == std::string_view::npos) {
    const std::size_t eol = text.substr(0, body.end).find('\n', open);
    const Span span{open, eol == std::string_view::npos ? body.end : eol};
    islands.unterminated_comments.push_back(span);
    islands.masked.push_back(span);
    blank_out(islands, body, span);
    return span.end;
  }
  // Pages with comments have a dozen or so: room for them at once, not one allocation per doubling.
  if (comments.capacity() == 0) comments.reserve(16);
  comments.push_back(Span{open, close + 3});
  return close + 3;
}

// Comments first, so that nothing inside a comment is taken for an island.
std::vector<Span> find_comments(std::string_view text, Span body, Islands& islands) {
  std::vector<Span> comments;
  std::size_t pos = body.begin;
  while (true) {
    const std::size_t open = find_within(text, pos, body.end, "<!--");
    if (open == std::string_view::npos) break;
    pos = take_comment(text, body, open, comments, islands);
  }
  return comments;
}

// The same, and where `marker` (two bytes or more, starting with '<' like "<PAGE_DIV>") occurs,
// in one pass over the pairs "<!" and "<" + marker[1] (a pass each cost as much as the island
// scan). Each search goes on as it would alone: the next comment is looked for past the last
// one, the next marker past the last marker.
std::vector<Span> find_comments_and_markers(std::string_view text, Span body, std::string_view marker,
                                            Islands& islands, std::vector<std::size_t>& markers) {
  std::vector<Span> comments;
  std::size_t comment_from = body.begin;
  std::size_t marker_from = body.begin;
  for (std::size_t at = find_either_pair(text, body.begin, body.end, '<', '!', marker[1]);
       at != std::string_view::npos; at = find_either_pair(text, at + 1, body.end, '<', '!', marker[1])) {
    // text[at] is '<' and text[at + 1] one of the two: the rest is compared byte by byte, and the
    // marker's whole text only at its own pair (a compare() per hit cost a call to memcmp).
    if (at >= comment_from && at + 4 <= body.end && text[at + 1] == '!' && text[at + 2] == '-' &&
        text[at + 3] == '-')
      comment_from = take_comment(text, body, at, comments, islands);
    if (at >= marker_from && at + marker.size() <= body.end && text[at + 1] == marker[1] &&
        text.substr(at, marker.size()) == marker) {
      markers.push_back(at);
      marker_from = at + marker.size();
    }
  }
  return comments;
}

bool inside_any(const std::vector<Span>& spans, std::size_t pos) {
  auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                             [](std::size_t p, const Span& s) { return p < s.begin; });
  return it != spans.begin() && pos < (it - 1)->end;
}

RawBlock island_block(RawKind kind, Span line) {
  RawBlock block;
  block.kind = kind;
  block.tag = "#markdown";
  block.source = line;
  return block;
}

// A whole line that is markdown: an autolink, a line of links, or a "# " heading line.
bool take_island_line(std::string_view text, Span line, Islands& islands) {
  Span t = trim_line(text, line);
  if (t.begin == t.end) return false;
  if (auto autolink = match_autolink(text.substr(0, t.end), t.begin); autolink && autolink->end == t.end) {
    RawBlock block = island_block(RawKind::kAutolink, t);
    if (autolink->size() > 2) {
      block.url.assign(text.substr(autolink->begin + 1, autolink->size() - 2));
      block.pieces.push_back(Piece{autolink->begin + 1, autolink->end - 1, true, {}});
    }
    islands.blocks.push_back(std::move(block));
    return true;
  }
  std::vector<Link> links;
  if (is_link_line(text, t, links)) {
    RawBlock block = island_block(RawKind::kLinkLine, t);
    std::size_t pos = t.begin;
    for (const Link& link : links) {
      if (link.whole.begin > pos) block.pieces.push_back(Piece{pos, link.whole.begin, true, {}});
      block.pieces.push_back(Piece{link.text.begin, link.text.end, true, {}});
      pos = link.whole.end;
    }
    block.links = std::move(links);
    islands.blocks.push_back(std::move(block));
    return true;
  }
  std::string_view s = text.substr(t.begin, t.size());
  if (s.substr(0, 2) == "# " || s.substr(0, 3) == "## ") {
    std::size_t hashes = s.find(' ');
    RawBlock block = island_block(hashes == 1 ? RawKind::kTitleLine : RawKind::kHeading, t);
    block.heading_level = static_cast<int>(hashes);
    block.pieces.push_back(Piece{t.begin + hashes + 1, t.end, true, {}});
    islands.blocks.push_back(std::move(block));
    return true;
  }
  return false;
}

// The next '<' or '[' at or after `pos` (or `end`): the only bytes an inline island starts with.
// Both looked for at once, 16 bytes a step: the line of a hint is HTML full of tags, and a memchr
// for each byte (two calls a '<') cost more than the short stretches between them.
std::size_t next_island_start(std::string_view text, std::size_t pos, std::size_t end) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
#if defined(__SSE2__) || defined(_M_X64)
  for (; pos + 16 <= end; pos += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
    const auto starts = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(bytes, _mm_set1_epi8('<')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('[')))));
    if (starts != 0) return pos + static_cast<unsigned>(std::countr_zero(starts));
  }
#endif
  for (; pos < end; ++pos) {
    if (p[pos] == '<' || p[pos] == '[') return pos;
  }
  return end;
}

// Inline islands inside HTML text: the brackets of an autolink and the syntax of a link.
void mask_inline_islands(std::string_view text, Span line, const std::vector<Span>& comments,
                         Islands& islands, Span body) {
  for (std::size_t pos = line.begin; pos < line.end; ++pos) {
    pos = next_island_start(text, pos, line.end);
    if (pos >= line.end) break;
    char c = text[pos];
    if (c == '<') {
      auto autolink = match_autolink(text.substr(0, line.end), pos);
      if (!autolink || autolink->size() <= 2 || inside_any(comments, pos)) continue;
      islands.masked.push_back(Span{autolink->begin, autolink->begin + 1});
      islands.masked.push_back(Span{autolink->end - 1, autolink->end});
      blank_out(islands, body, Span{autolink->begin, autolink->begin + 1});
      blank_out(islands, body, Span{autolink->end - 1, autolink->end});
      pos = autolink->end - 1;
    } else if (auto link = match_link(text.substr(0, line.end), pos); link && !inside_any(comments, pos)) {
      islands.masked.push_back(Span{link->whole.begin, link->text.begin});
      islands.masked.push_back(Span{link->text.end, link->whole.end});
      pos = link->whole.end - 1;
    }
  }
}

// A byte a URL scheme may hold (match_autolink's scheme run).
bool is_scheme_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
         c == '.';
}

// Can the "://" at p[colon] end an autolink's scheme, "<" + scheme + "://", whose '<' is at or
// after `line_begin`? Most "://" of a page are in an attribute value (src="https://..."), whose
// scheme follows a quote: no island there.
bool starts_autolink_scheme(const unsigned char* p, std::size_t line_begin, std::size_t colon) {
  std::size_t scheme = colon;
  while (scheme > line_begin && is_scheme_byte(p[scheme - 1])) --scheme;
  return scheme < colon && scheme > line_begin && p[scheme - 1] == '<';
}

// Does the hint next_island_hint found put an island on its line, as far as the hint alone
// tells? Every island take_island_line or mask_inline_islands takes starts its line with '#'
// (a "# " line) or holds "](" (a link), "<>" (an empty autolink) or "<" + scheme + "://" (an
// autolink, its '<' in the line), and each of those is a hint: a line is read again only for
// such a hint, not for any "://" (most are a src or href value's) or '#' (a reference, a colour).
// `end` ends the text the hints are looked for in (the body), which a hint's bytes are before.
bool hint_may_start_island(std::string_view text, std::size_t end, const IslandHint& hint) {
  const std::size_t at = hint.at;
  const char a = text[at];
  if (a == '#') {
    // text[line_begin, at) holds no hint: the trimmed line starts with '#' only if it starts at `at`,
    // so only if a whitespace character ends right before it. Most '#' follow a '&' (a
    // reference) or a ':' (a colour): told at once by that byte, which no whitespace ends with.
    if (at > hint.line_begin) {
      const auto before = static_cast<unsigned char>(text[at - 1]);
      if (before != ' ' && before != '\t' && before != '\r' && before != '\f' && before != '\v' &&
          before != 0x80 && before != 0xA0)
        return false;
    }
    std::size_t first = hint.line_begin;
    for (std::size_t n; first < at && (n = whitespace_length_at(text, first, end)) > 0;) first += n;
    return first == at;
  }
  if (at + 1 >= end) return false;
  const char b = text[at + 1];
  if ((a == ']' && b == '(') || (a == '<' && b == '>')) return true;
  return a == ':' && b == '/' && at + 2 < end && text[at + 2] == '/' &&
         starts_autolink_scheme(reinterpret_cast<const unsigned char*>(text.data()), hint.line_begin, at);
}

}  // namespace

// The test find_islands makes, hint by hint (a line holds no '\n').
bool may_hold_island(std::string_view text, Span line) {
  for (IslandHint hint{line.begin, line.begin}; next_island_hint(text, line.end, hint); ++hint.at) {
    if (hint_may_start_island(text, line.end, hint)) return true;
  }
  return false;
}

// The start of the line that holds text[at]: after the last '\n' in [from, at), else
// `line_begin` (where the line of text[from] starts). Looked for backwards, 16 bytes at a time,
// only when a hint is found: the forward scan then needs no eye for newlines.
std::size_t line_start(const unsigned char* p, std::size_t from, std::size_t at, std::size_t line_begin) {
  std::size_t i = at;
#if defined(__SSE2__) || defined(_M_X64)
  while (i >= from + 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i - 16));
    const auto newlines = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n'))));
    if (newlines != 0) return i - 16 + static_cast<unsigned>(31 - std::countl_zero(newlines)) + 1;
    i -= 16;
  }
#endif
  while (i > from) {
    --i;
    if (p[i] == '\n') return i + 1;
  }
  return line_begin;
}

#if TIFA_CPU_DISPATCH

struct ScanStop {
  std::size_t at;  // the hint, or where the 32-byte steps stopped
  bool found;
};

// The places of p[at, at + 32) where a hint starts (see next_island_hint), one bit each.
TIFA_TARGET_AVX2 inline std::uint32_t island_hints_avx2(const unsigned char* p, std::size_t at) {
  const __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at));
  const __m256i second = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at + 1));
  const __m256i link = _mm256_and_si256(_mm256_cmpeq_epi8(first, _mm256_set1_epi8(']')),
                                        _mm256_cmpeq_epi8(second, _mm256_set1_epi8('(')));
  const __m256i empty_autolink = _mm256_and_si256(_mm256_cmpeq_epi8(first, _mm256_set1_epi8('<')),
                                                  _mm256_cmpeq_epi8(second, _mm256_set1_epi8('>')));
  const __m256i scheme = _mm256_and_si256(_mm256_cmpeq_epi8(first, _mm256_set1_epi8(':')),
                                          _mm256_cmpeq_epi8(second, _mm256_set1_epi8('/')));
  const __m256i hash = _mm256_cmpeq_epi8(first, _mm256_set1_epi8('#'));
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(
      _mm256_or_si256(_mm256_or_si256(link, empty_autolink), _mm256_or_si256(scheme, hash))));
}

// The first hint in p[i, end) found 32 bytes a step; both bytes of each pair are before `end`.
TIFA_TARGET_AVX2 ScanStop next_island_hint_avx2(const unsigned char* p, std::size_t i, std::size_t end) {
  for (; i + 33 <= end; i += 32) {
    const std::uint32_t hits = island_hints_avx2(p, i);
    if (hits != 0) return {i + static_cast<unsigned>(std::countr_zero(hits)), true};
  }
  return {i, false};
}

#endif

// (html_reader.hpp) The scan tests pairs of adjacent bytes, 32 (AVX2, or two SSE2 blocks) then 16
// at a time.
bool next_island_hint(std::string_view text, std::size_t end, IslandHint& hint, bool allow_avx2) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = hint.at;
  const auto found = [&](std::size_t at) {
    hint.line_begin = line_start(p, hint.at, at, hint.line_begin);
    hint.at = at;
    return true;
  };
#if TIFA_CPU_DISPATCH
  if (allow_avx2 && util::cpu_has_avx2()) {
    const ScanStop stop = next_island_hint_avx2(p, i, end);
    if (stop.found) return found(stop.at);
    i = stop.at;
  }
#endif
#if defined(__SSE2__) || defined(_M_X64)
  const auto is = [](__m128i bytes, char c) { return _mm_cmpeq_epi8(bytes, _mm_set1_epi8(c)); };
  const auto load = [p](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)); };
  // The places of p[at, at + 16) where a hint starts: '#', or the first of "](", "<>", ":/".
  const auto hints_at = [&](std::size_t at) {
    const __m128i first = load(at);
    const __m128i second = load(at + 1);
    return _mm_or_si128(
        _mm_or_si128(_mm_and_si128(is(first, ']'), is(second, '(')), _mm_and_si128(is(first, '<'), is(second, '>'))),
        _mm_or_si128(_mm_and_si128(is(first, ':'), is(second, '/')), is(first, '#')));
  };
  // Most stretches hold no hint: 32 bytes a step; a step with a hint is left to the 16-byte
  // loop, which finds where. Both bytes of each pair are inside [.., end).
  while (i + 33 <= end) {
    if (_mm_movemask_epi8(_mm_or_si128(hints_at(i), hints_at(i + 16))) != 0) break;
    i += 32;
  }
  while (i + 17 <= end) {
    const auto hits = static_cast<unsigned>(_mm_movemask_epi8(hints_at(i)));
    if (hits != 0) return found(i + static_cast<unsigned>(std::countr_zero(hits)));
    i += 16;
  }
#endif
  for (; i < end; ++i) {
    const unsigned char a = p[i], b = i + 1 < end ? p[i + 1] : 0;
    if (a == '#' || (a == ']' && b == '(') || (a == '<' && b == '>') || (a == ':' && b == '/')) return found(i);
  }
  return false;
}

namespace {

Islands find_islands(std::string_view text, Span body, std::string_view marker) {
  Islands islands;
  islands.body_text = text.substr(body.begin, body.size());
  // libxml2 stops at a NUL byte; a blank keeps the rest of the document readable.
  if (std::memchr(islands.body_text.data(), '\0', islands.body_text.size()) != nullptr) {
    copy_for_blanking(islands);
    for (char* nul = islands.parser_input.data(), *end = nul + islands.parser_input.size();
         (nul = static_cast<char*>(std::memchr(nul, '\0', static_cast<std::size_t>(end - nul)))) != nullptr;)
      *nul = ' ';
  }
  std::vector<Span> comments;
  std::vector<std::size_t> markers;
  if (marker.size() >= 2 && marker[0] == '<') {
    comments = find_comments_and_markers(text, body, marker, islands, markers);
  } else {
    comments = find_comments(text, body, islands);
    markers = find_markers(text, body, marker);
  }
  for (std::size_t pos : markers) {
    if (inside_any(comments, pos)) continue;
    islands.markers.push_back(pos);
    islands.masked.push_back(Span{pos, pos + marker.size()});
    blank_out(islands, body, Span{pos, pos + marker.size()});
  }
  for (IslandHint hint{body.begin, body.begin}; next_island_hint(text, body.end, hint);) {
    if (!hint_may_start_island(text, body.end, hint)) {
      ++hint.at;  // on to the next hint, of this line or of a later one
      continue;
    }
    const std::size_t nl = text.find('\n', hint.at);
    const Span line{hint.line_begin, std::min(nl, body.end)};
    hint.at = hint.line_begin = line.end + 1;
    if (inside_any(comments, line.begin)) continue;
    if (take_island_line(text, line, islands)) {
      islands.masked.push_back(line);
      blank_out(islands, body, line);
      continue;
    }
    mask_inline_islands(text, line, comments, islands, body);
  }
  std::sort(islands.masked.begin(), islands.masked.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  islands.comments = std::move(comments);
  return islands;
}

// ---- R4-R9: blocks from the element tree ----

enum class Role : std::uint8_t { kInline, kBlock, kDropped, kHead, kLineBreak, kImage, kRow, kCell };

// A set of tag names, tested by the element's tag id: one bit test per element of every page.
// Every name must be listed in html_tags.hpp (consteval refuses one that is not), so that an
// element of that name always carries its id.
class TagSet {
 public:
  template <typename... Names>
  consteval explicit TagSet(Names... names) {
    for (std::string_view name : {std::string_view(names)...}) {
      const std::uint32_t id = known_tag(name);
      if (id == kRootTag) throw "a tag name not listed in html_tags.hpp";
      bits_.add(static_cast<TagId>(id));
    }
  }

  constexpr bool contains(const DomNode& node) const { return bits_.has(node.tag_id); }
  constexpr bool has(std::uint8_t tag_id) const { return bits_.has(tag_id); }

 private:
  TagBits bits_;
};

constexpr TagSet kBlockTags(
    "p",      "div",   "section", "article", "blockquote", "li",      "h1",     "h2",     "h3",
    "h4",     "h5",    "h6",      "td",      "th",         "caption", "figcaption", "pre", "ul",
    "ol",     "table", "tbody",   "thead",   "tfoot",      "body",    "html",   "header", "footer",
    "nav",    "aside", "main",    "figure",  "center",     "dl",      "dt",     "dd",     "hr");

// B2: elements that never hold article text.
constexpr TagSet kNonTextTags(
    "style",  "script", "template", "noscript", "iframe", "object", "embed",  "input", "select",
    "option", "textarea", "button", "svg",      "canvas", "video",  "audio", "map");

bool is_one_of(const DomNode& node, const TagSet& set) { return set.contains(node); }

template <std::size_t N>
bool is_one_of(std::string_view tag, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), tag) != list.end();
}

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

// Does value[at..] start with `word` (lower case), ASCII case ignored?
bool holds_word_at(std::string_view value, std::size_t at, std::string_view word) {
  if (value.size() - at < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (lower_ascii(value[at + k]) != word[k]) return false;
  }
  return true;
}

// B3: the words whose presence in a class or id (ASCII case ignored) names an app, QR, share or
// feedback widget.
constexpr std::array<std::string_view, 7> kWidgetWords = {"appendqr", "qrcode", "erweima", "kaihu-qr",
                                                          "appdown",  "app-down", "share"};

// Per byte: the words of kWidgetWords that start with it, in either case, one bit each (bit k
// for kWidgetWords[k]). Most bytes of a value start no word and are passed at once; at the others
// only the words with that first letter are tried.
constexpr std::array<std::uint8_t, 256> kWidgetWordsByFirstLetter = [] {
  static_assert(kWidgetWords.size() <= 8, "one bit per word in a byte");
  std::array<std::uint8_t, 256> words{};
  for (std::size_t k = 0; k < kWidgetWords.size(); ++k) {
    const char first = kWidgetWords[k][0];
    words[static_cast<unsigned char>(first)] |= static_cast<std::uint8_t>(1u << k);
    words[static_cast<unsigned char>(first - 'a' + 'A')] |= static_cast<std::uint8_t>(1u << k);
  }
  return words;
}();

// Does `value` hold one of kWidgetWords? One pass that tries the words only where their first
// letter is: this runs on the class and id of every element of every page, and a search per
// word cost seven passes.
bool names_widget(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    for (unsigned words = kWidgetWordsByFirstLetter[static_cast<unsigned char>(value[i])]; words != 0;
         words &= words - 1) {
      if (holds_word_at(value, i, kWidgetWords[static_cast<std::size_t>(std::countr_zero(words))])) return true;
    }
  }
  return false;
}

// (Most elements lack the class or the id: no call for an empty value.)
bool is_widget(const DomNode& node) {
  const std::string_view css_class = node.css_class();
  if (!css_class.empty() && names_widget(css_class)) return true;
  const std::string_view id = node.id();
  return !id.empty() && names_widget(id);
}

bool has_class_word(const DomNode& node, std::string_view word) {
  std::string_view cls = node.css_class();
  std::size_t pos = 0;
  while ((pos = cls.find(word, pos)) != std::string_view::npos) {
    bool left = pos == 0 || cls[pos - 1] == ' ';
    bool right = pos + word.size() == cls.size() || cls[pos + word.size()] == ' ';
    if (left && right) return true;
    pos += word.size();
  }
  return false;
}

// B22: an injected stock quote's id starts with "quote_". (Six bytes compared in place: substr
// and == called substr's range check and memcmp for every element dropped.)
bool has_stock_quote_id(const DomNode& node) {
  const std::string_view id = node.id();
  return id.size() >= 6 && std::memcmp(id.data(), "quote_", 6) == 0;
}

// Whether the element has a class or an id attribute: both absent only when both places are
// kAbsent (0xFF), told by one test.
bool has_class_or_id(const DomNode& node) {
  return (node.class_at & node.id_at) != DomNode::kAbsent;
}

// (Checked on every element entered: most have no kept attribute to look through.)
bool is_bold(const DomNode& node) {
  return node.tag_id == t_strong || node.tag_id == t_b ||
         (!node.attrs.empty() && node.cms_style().find("strong-Bold") != std::string_view::npos);
}

// Is text[span] a short run of ASCII whitespace (is_blank's ASCII part)? Longer runs, and any
// other byte, say no: the caller then asks is_blank the long way.
bool is_short_ascii_blank(std::string_view text, Span span) {
  constexpr std::size_t kShort = 16;
  constexpr std::uint64_t kAsciiWhitespace = (std::uint64_t{1} << ' ') | (std::uint64_t{1} << '\t') |
                                             (std::uint64_t{1} << '\n') | (std::uint64_t{1} << '\r') |
                                             (std::uint64_t{1} << '\f') | (std::uint64_t{1} << '\v');
  if (span.size() > kShort) return false;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c > ' ' || ((kAsciiWhitespace >> c) & 1u) == 0) return false;
  }
  return true;
}

int parse_dimension(std::string_view value) {
  int n = 0;
  bool any = false;
  for (char c : value) {
    if (c < '0' || c > '9') break;
    if (n > 100000) return -1;
    n = n * 10 + (c - '0');
    any = true;
  }
  return any ? n : -1;
}

// Per tag id: the role role_by_rules gives an element of that tag without class or id, when
// the tag alone decides it; kRoleUnknown for <tr> and the cells (which look at the row).
constexpr std::uint8_t kRoleUnknown = 0xFF;
constexpr std::array<std::uint8_t, 256> kRoleByTagAlone = [] {
  std::array<std::uint8_t, 256> roles{};
  for (std::size_t id = 0; id < roles.size(); ++id) {
    const auto tag = static_cast<std::uint8_t>(id);
    Role role = kBlockTags.has(tag) ? Role::kBlock : Role::kInline;
    if (kNonTextTags.has(tag)) role = Role::kDropped;
    else if (tag == t_head || tag == t_title || tag == t_meta || tag == t_link) role = Role::kHead;
    else if (tag == t_br) role = Role::kLineBreak;
    else if (tag == t_img) role = Role::kImage;
    roles[id] = static_cast<std::uint8_t>(role);
    if (tag == t_tr || tag == t_td || tag == t_th) roles[id] = kRoleUnknown;
  }
  return roles;
}();

class BlockWalker {
 public:
  BlockWalker(RawDocument& doc, const Dom& dom, const Islands& islands, const MainContent* main)
      : doc_(doc), dom_(dom), islands_(islands), main_(main) {
    if (main_ != nullptr) mark_main_content();
    roles_.assign(dom_.nodes.size(), kRoleUnknown);
  }

  void run();

 private:
  // Most elements have neither class nor id (the only attributes the rules read: a link's href
  // or an image's src changes nothing) and a tag that alone decides their role: looked up in a
  // table, without the call to role_by_rules (whose frame cost more than its tests).
  Role role_of(const DomNode& node) {
    if (!has_class_or_id(node)) {
      if (const std::uint8_t role = kRoleByTagAlone[node.tag_id]; role != kRoleUnknown) return static_cast<Role>(role);
    }
    return role_by_rules(node);
  }
  Role role_by_rules(const DomNode& node);
  Role cached_role(std::uint32_t index) {
    if (roles_[index] == kRoleUnknown) roles_[index] = static_cast<std::uint8_t>(role_of(dom_.nodes[index]));
    return static_cast<Role>(roles_[index]);
  }
  bool enter(std::uint32_t index);
  bool enter_element(std::uint32_t index);  // enter, but for text outside H2 drops
  void leave(std::uint32_t index);
  void add_text(const DomNode& node);
  void add_text_around_masks(Span text);
  bool take_content(std::string_view content);
  bool open_block(std::string_view content);
  void add_verbatim(std::size_t begin, std::size_t end);
  void add_reference(const DomNode& node);
  void add_synthetic(std::string_view text, std::size_t at);
  void add_image(const DomNode& node, bool boilerplate);
  void drop_subtree(std::uint32_t index, const char* rule);
  void collect_head(std::uint32_t index);
  // Ends the open block, if any: most calls find none (a block element closing after its
  // block was ended by a nested one), told inline without a call.
  void flush() {
    if (open_ != nullptr) finish_block();
  }
  void finish_block();
  std::string pieces_text() const;  // the open block's text (block_text of read.cpp)
  const DomNode* innermost_block() const;
  void mark_main_content();
  bool is_layout_row(std::uint32_t row);
  Zone zone_of(std::uint32_t index) const {
    return main_ != nullptr && index < main_->zones.size() ? main_->zones[index] : Zone::kBody;
  }

  RawDocument& doc_;
  const Dom& dom_;
  const Islands& islands_;
  // The block being filled, built in place at the end of doc_.blocks (no block is moved when
  // it ends) and dropped again if it ends blank; nullptr until a piece starts one. Only this
  // walker adds to doc_.blocks meanwhile, and only when no block is open.
  RawBlock* open_ = nullptr;
  bool bold_seen_ = false;   // a character other than ' ', '\n', '\t' in bold, in this block
  bool plain_seen_ = false;  // ... and outside bold
  std::vector<std::uint32_t> bold_nodes_;  // the open bold elements (strong, b, ...), innermost last
  int row_depth_ = 0;
  bool row_has_cell_ = false;
  std::vector<std::uint32_t> block_stack_;  // open block elements
  std::size_t caption_image_ = SIZE_MAX;    // image waiting for its span.img_descr caption
  const MainContent* main_ = nullptr;       // whole pages: the article container and zones
  std::vector<char> h2_root_;               // per node: dropped by H2 with its subtree
  std::vector<char> holds_article_;         // per node: an ancestor of the container or headline
  Zone zone_ = Zone::kBody;                 // zone of the text being added
  // The pieces of the open block, appended to it in place (open_block reserves room for a few).
  std::vector<Piece>& pieces() { return open_->pieces; }
  std::vector<std::uint32_t> scratch_nodes_;  // is_layout_row's walk, reused
  std::vector<std::uint32_t> subtree_stack_;  // drop_subtree's walk, reused
  std::vector<std::uint8_t> roles_;         // per node: role_of, computed once
};

// A row whose cells hold paragraphs, lists or tables lays out a page; its cells are containers,
// not table cells (R8 is for data tables). Asked once per <tr> (role_of is cached).
bool BlockWalker::is_layout_row(std::uint32_t row) {
  static constexpr TagSet kLayoutTags("p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                      "section", "article", "blockquote");
  std::vector<std::uint32_t>& stack = scratch_nodes_;
  stack.clear();
  for (std::uint32_t c = dom_.nodes[row].first_child; c != kNoNode; c = dom_.nodes[c].next_sibling)
    stack.push_back(c);
  while (!stack.empty()) {
    const DomNode& node = dom_.nodes[stack.back()];
    stack.pop_back();
    if (is_one_of(node, kLayoutTags)) return true;
    for (std::uint32_t c = node.first_child; c != kNoNode; c = dom_.nodes[c].next_sibling)
      stack.push_back(c);
  }
  return false;
}

void BlockWalker::mark_main_content() {
  h2_root_.assign(dom_.nodes.size(), 0);
  holds_article_.assign(dom_.nodes.size(), 0);
  for (std::uint32_t root : main_->outside_roots) h2_root_[root] = 1;
  for (std::uint32_t root : main_->dropped) h2_root_[root] = 1;
  for (std::uint32_t keep : {main_->container, main_->headline}) {
    for (std::uint32_t n = keep; n != kNoNode && n < dom_.nodes.size(); n = dom_.nodes[n].parent)
      holds_article_[n] = 1;
  }
}

Role BlockWalker::role_by_rules(const DomNode& node) {
  const std::uint8_t tag = node.tag_id;
  if (tag == t_tr) return is_layout_row(static_cast<std::uint32_t>(&node - dom_.nodes.data())) ? Role::kBlock : Role::kRow;
  if ((tag == t_td || tag == t_th) && row_depth_ > 0) return Role::kCell;
  // The role by tag (a cell outside a row as any block tag); B2 elements, head elements, line
  // breaks and images keep it whatever their attributes.
  const std::uint8_t by_tag = kRoleByTagAlone[tag];
  const Role role = by_tag != kRoleUnknown ? static_cast<Role>(by_tag)
                    : kBlockTags.has(tag)  ? Role::kBlock
                                           : Role::kInline;
  if (role != Role::kBlock && role != Role::kInline) return role;
  // The rules below look at the class and id: an element without them (most of a page) is
  // decided by its tag alone.
  if (!has_class_or_id(node)) return role;
  if (tag == t_div && has_class_word(node, "video-2017")) return Role::kDropped;
  if (tag == t_span && has_stock_quote_id(node)) return Role::kDropped;
  if (is_widget(node)) return Role::kDropped;
  if (tag == t_span && has_class_word(node, "img_descr")) return Role::kBlock;
  return role;
}

void BlockWalker::run() {
  // At most one block per two text runs on nearly every page (a block's text and the blanks
  // before the next block): growing the vector of blocks moves every block, and a quarter, the
  // average, was too few for a page in three. (Capped: a pathological page may hold millions of
  // runs.)
  doc_.blocks.reserve(doc_.blocks.size() + std::min<std::size_t>(dom_.texts.size() / 2, 1 << 14) + 4);
  // An image per <img> element at most: grown from one, the images (four strings each) were
  // moved at every doubling.
  if (dom_.img_elements > 0) doc_.images.reserve(doc_.images.size() + dom_.img_elements);
  // Depth first along the Dom's own links (no stack): down to the first child of an element that
  // was opened, else on to the next sibling, leaving every element whose last child is done.
  std::uint32_t index = 0;
  bool opened = enter(index);
  while (true) {
    const std::uint32_t first_child = dom_.nodes[index].first_child;
    if (opened && first_child != kNoNode) {
      index = first_child;
      opened = enter(index);
      continue;
    }
    if (opened) leave(index);
    while (index != 0 && dom_.nodes[index].next_sibling == kNoNode) {
      index = dom_.nodes[index].parent;
      leave(index);  // its children were visited: it was opened
    }
    if (index == 0) break;
    index = dom_.nodes[index].next_sibling;
    opened = enter(index);
  }
  flush();
}

// Takes in the node; true when it is an element whose children are to be visited (and which is
// to be left after them). Text, and elements dropped or read whole here, are done at once.
// Always inlined into run(): it is a test and a call or two.
[[gnu::always_inline]] inline bool BlockWalker::enter(std::uint32_t index) {
  const DomNode& node = dom_.nodes[index];
  // Text, most of the nodes entered, on a short path: the element path's many registers and
  // its stack frame were saved and restored for every text run.
  if (node.is_text && (h2_root_.empty() || !h2_root_[index])) {
    // Blank text with no block open starts nothing (open_block says so, after three calls): most
    // such runs are the line break and indentation between two tags, told blank here at once.
    // (Its zone is not needed then: zone_ is read only by open_block.)
    if (open_ == nullptr && !node.is_reference && is_short_ascii_blank(doc_.decoded.text, node.source)) return false;
    zone_ = zone_of(index);
    add_text(node);
    return false;
  }
  return enter_element(index);
}

[[gnu::noinline]] bool BlockWalker::enter_element(std::uint32_t index) {
  const DomNode& node = dom_.nodes[index];
  Role role = node.is_text ? Role::kInline : cached_role(index);
  if (!h2_root_.empty() && h2_root_[index] && role != Role::kHead) {
    flush();
    drop_subtree(index, "H2");
    return false;
  }
  if (node.is_text) {
    zone_ = zone_of(index);
    add_text(node);
    return false;
  }
  // A widget class on an element that holds the article (a share area around the text) is not
  // a widget of the page.
  if (role == Role::kDropped && !holds_article_.empty() && holds_article_[index] &&
      !is_one_of(node, kNonTextTags))
    role = is_one_of(node, kBlockTags) ? Role::kBlock : Role::kInline;
  switch (role) {
    case Role::kDropped: {
      const char* rule = has_stock_quote_id(node)                    ? "B22"
                         : is_one_of(node, kNonTextTags)               ? "B2"
                         : has_class_word(node, "video-2017")          ? "B2"
                                                                       : "B3";
      if (std::string_view(rule) == "B3") flush();
      drop_subtree(index, rule);
      return false;  // children are not visited
    }
    case Role::kHead: collect_head(index); return false;
    case Role::kLineBreak:
      if (row_depth_ > 0) add_synthetic(" ", node.source.begin);
      else flush();
      return false;
    case Role::kImage: add_image(node, false); return false;
    case Role::kRow:
      flush();
      ++row_depth_;
      row_has_cell_ = false;
      push_back_reserved(block_stack_, index);
      break;
    case Role::kCell:
      if (row_has_cell_) add_synthetic("\t", node.source.begin);
      row_has_cell_ = true;
      break;
    case Role::kBlock:
      if (row_depth_ == 0) {
        flush();
        push_back_reserved(block_stack_, index);
      }
      break;
    case Role::kInline: break;
  }
  if (is_bold(node)) push_back_reserved(bold_nodes_, index);
  return true;
}

// An element that enter opened, after its children. Always inlined into run(), its one caller:
// most elements left are inline ones, for which the call cost more than the tests.
[[gnu::always_inline]] inline void BlockWalker::leave(std::uint32_t index) {
  const DomNode& node = dom_.nodes[index];
  Role role = cached_role(index);
  if (role == Role::kDropped) role = is_one_of(node, kBlockTags) ? Role::kBlock : Role::kInline;  // see enter
  if (!bold_nodes_.empty() && bold_nodes_.back() == index) bold_nodes_.pop_back();
  if (role == Role::kRow) {
    flush();
    --row_depth_;
    block_stack_.pop_back();
  } else if (role == Role::kBlock && row_depth_ == 0) {
    bool caption_slot = node.tag_id == t_span && has_class_word(node, "img_descr");
    if (caption_slot && caption_image_ < doc_.images.size() && open_ != nullptr) {
      doc_.images[caption_image_].caption = pieces_text();
    }
    flush();
    block_stack_.pop_back();
  }
}

const DomNode* BlockWalker::innermost_block() const {
  return block_stack_.empty() ? nullptr : &dom_.nodes[block_stack_.back()];
}

// Always inlined into the walk (a text node is most of the nodes entered): on nearly every page
// it is a test or two and the call to add_verbatim, and a call of its own cost about as much.
[[gnu::always_inline]] inline void BlockWalker::add_text(const DomNode& node) {
  if (node.is_reference) {
    add_reference(node);
    return;
  }
  // Cut the masked markup (autolink brackets, link syntax, page markers) out of the text; on
  // nearly every page there is none, and the text is one piece.
  const Span text = node.source;
  if (islands_.masked.empty()) {
    if (text.begin < text.end) add_verbatim(text.begin, text.end);
    return;
  }
  add_text_around_masks(text);
}

void BlockWalker::add_text_around_masks(Span text) {
  std::size_t pos = text.begin;
  auto it = std::upper_bound(islands_.masked.begin(), islands_.masked.end(), pos,
                             [](std::size_t p, const Span& s) { return p < s.begin; });
  if (it != islands_.masked.begin()) --it;
  for (; it != islands_.masked.end() && it->begin < text.end; ++it) {
    if (it->end <= pos) continue;
    if (it->begin > pos) add_verbatim(pos, it->begin);
    pos = std::max(pos, it->end);
  }
  if (pos < text.end) add_verbatim(pos, text.end);
}

// The pieces are built in place in the open block (a Piece holds a string: each move costs).
void BlockWalker::add_verbatim(std::size_t begin, std::size_t end) {
  if (!take_content(std::string_view(doc_.decoded.text).substr(begin, end - begin))) return;
  Piece& piece = pieces().emplace_back();
  piece.begin = begin;
  piece.end = end;
}

void BlockWalker::add_reference(const DomNode& node) {
  if (take_content(dom_.text_of(node, doc_.decoded.text))) pieces().push_back(dom_.piece_of(node));
}

// Opens a block for the content of the next piece, unless one is open; false when the piece
// starts nothing (R12: leading blanks).
bool BlockWalker::take_content(std::string_view content) {
  if (open_ == nullptr && !open_block(content)) return false;
  // all_bold needs to know only whether any bold and any plain character was seen.
  bool& seen = !bold_nodes_.empty() ? bold_seen_ : plain_seen_;
  // (A loop, not find_first_not_of(" \n\t"), which calls memchr for each byte it passes.)
  if (!seen) seen = std::any_of(content.begin(), content.end(), [](char c) { return c != ' ' && c != '\n' && c != '\t'; });
  return true;
}

// Opens the block for `content` unless it is blank. Once a block, not once a piece: kept out of
// line, so that take_content saves no registers for the block's making.
[[gnu::noinline]] bool BlockWalker::open_block(std::string_view content) {
  if (is_blank(content, 0, content.size())) return false;
  open_ = &doc_.blocks.emplace_back();
  RawBlock& current = *open_;
  // Room for 8 pieces at once (512 bytes, still from glibc's per-thread cache; 4 and 16 cost
  // more): most blocks hold fewer, a longer one grows it. A table row's pieces are its cells'
  // text and a TAB between each, and a cell often holds more than one piece (text split by an
  // inline element, a <br>'s space): room for three a cell (with two, many rows grew and moved
  // their pieces at each doubling; four cost more). Past the first few thousand blocks of a
  // page (a pathological one, say a million "<p>a</p>"), room for one: the spare room would be
  // many times the input.
  constexpr std::size_t kRoomyBlocks = std::size_t{1} << 12;
  const DomNode* block = innermost_block();
  std::size_t room = 8;
  if (block != nullptr && block->tag_id == t_tr) {
    std::size_t cells = 0;
    for (std::uint32_t c = block->first_child; c != kNoNode; c = dom_.nodes[c].next_sibling) cells += !dom_.nodes[c].is_text;
    room = std::max(room, 3 * cells);
  }
  current.pieces.reserve(doc_.blocks.size() <= kRoomyBlocks ? room : 1);
  current.zone = zone_;
  if (block != nullptr) {
    // Appended to the new block's empty strings: an assignment goes through the general
    // replace, twice the cost. Most blocks have neither class nor id: appending "" still costs
    // a call each.
    // The tag byte by byte: tag names are a few bytes, in the string's own buffer, where append
    // cost a call and a call to memcpy.
    for (const char c : block->tag) current.tag.push_back(c);
    if (const std::string_view css_class = block->css_class(); !css_class.empty()) current.css_class.append(css_class);
    if (const std::string_view id = block->id(); !id.empty()) current.id.append(id);
    const std::uint8_t tag = block->tag_id;
    if (tag >= t_h1 && tag <= t_h6) {
      current.kind = RawKind::kHeading;
      current.heading_level = 1 + (tag - t_h1);
    } else if (tag == t_li) {
      current.kind = RawKind::kListItem;
      current.flags |= kListItem;
    } else if (tag == t_tr) {
      current.kind = RawKind::kTableRow;
      current.flags |= kTableRow;
    } else if (tag == t_caption || tag == t_figcaption ||
               (tag == t_span && has_class_word(*block, "img_descr"))) {
      current.kind = RawKind::kCaption;
    }
  }
  return true;
}

std::string BlockWalker::pieces_text() const {
  std::string out;
  for (const Piece& piece : open_->pieces) {
    if (piece.verbatim) out.append(doc_.decoded.text, piece.begin, piece.end - piece.begin);
    else out += piece.text;
  }
  return out;
}

[[gnu::noinline]] void BlockWalker::add_synthetic(std::string_view text, std::size_t at) {
  if (open_ == nullptr) return;
  // Made in place, its text appended to the new piece's empty string: a Piece built and moved
  // in cost a move and a destruction of its string (a table row adds one per cell).
  Piece& piece = pieces().emplace_back();
  piece.begin = at;
  piece.end = at;
  piece.verbatim = false;
  piece.text.append(text);
}

void BlockWalker::add_image(const DomNode& node, bool boilerplate) {
  // Made in place (a local moved in cost a move and a destruction of its four strings).
  RawImage& image = doc_.images.emplace_back();
  // (Appended to the new image's empty strings: an assignment goes through the general replace.)
  image.src.append(node.attr("src"));
  image.has_alt = node.has_attr("alt");
  image.alt.append(node.attr("alt"));
  image.width = parse_dimension(node.attr("width"));
  image.height = parse_dimension(node.attr("height"));
  image.boilerplate = boilerplate || image.src.rfind("data:", 0) == 0 ||
                      (image.width >= 0 && image.width <= 2) ||
                      (image.height >= 0 && image.height <= 2) ||
                      image.src.find("/w2h2/") != std::string::npos;
  image.source = node.source;
  image.before_block = doc_.blocks.size();  // after the open block, if any
  if (!boilerplate) caption_image_ = doc_.images.size() - 1;
}

void BlockWalker::drop_subtree(std::uint32_t index, const char* rule) {
  // The record spans the subtree's text; a <head> inside (a page whose <html> was closed early)
  // is read for its metadata instead (H5).
  Span span{SIZE_MAX, 0};
  bool has_text = false;
  // The walk's stack is a member kept from one drop to the next (a vector each cost an
  // allocation). A <head> inside may drop a subtree of its own while this walk is under way:
  // that walk works above `base` and leaves the stack as it found it.
  std::vector<std::uint32_t>& stack = subtree_stack_;
  const std::size_t base = stack.size();
  if (stack.capacity() == 0) stack.reserve(32);  // not grown from one at each page's first drop
  stack.push_back(index);
  while (stack.size() > base) {
    std::uint32_t i = stack.back();
    stack.pop_back();
    const DomNode& node = dom_.nodes[i];
    if (node.is_text) {
      const std::string_view content = dom_.text_of(node, doc_.decoded.text);
      if (is_blank(content, 0, content.size())) continue;
      has_text = true;
      span.begin = std::min(span.begin, node.source.begin);
      span.end = std::max(span.end, node.source.end);
      continue;
    }
    if (node.tag_id == t_head && std::string_view(rule) != "B2") {
      collect_head(i);
      continue;
    }
    if (i != index && node.tag_id == t_img) add_image(node, true);
    for (std::uint32_t c = node.first_child; c != kNoNode; c = dom_.nodes[c].next_sibling)
      stack.push_back(c);
  }
  // A subtree of markup and whitespace loses nothing visible: no record (as B10/R12).
  if (has_text && span.begin < span.end) add_removed(doc_.removed, rule, span);
}

void BlockWalker::collect_head(std::uint32_t index) {
  const DomNode& node = dom_.nodes[index];
  if (node.tag_id == t_head) {
    for (std::uint32_t c = node.first_child; c != kNoNode; c = dom_.nodes[c].next_sibling) {
      const DomNode& child = dom_.nodes[c];
      if (child.is_text) continue;
      if (role_of(child) == Role::kDropped) drop_subtree(c, "B2");
      else collect_head(c);
    }
    return;
  }
  if (node.tag_id == t_title) {
    Span span{SIZE_MAX, 0};
    std::string value;
    for (std::uint32_t c = node.first_child; c != kNoNode; c = dom_.nodes[c].next_sibling) {
      const DomNode& child = dom_.nodes[c];
      if (!child.is_text) continue;
      span.begin = std::min(span.begin, child.source.begin);
      span.end = std::max(span.end, child.source.end);
      value += dom_.text_of(child, doc_.decoded.text);
    }
    if (span.begin == SIZE_MAX) return;
    doc_.head.push_back(HeadMeta{"title", value, span});
    add_removed(doc_.removed, "H5", span);
    return;
  }
  if (node.tag_id == t_link && lower_ascii(node.attr("rel")) == "canonical") {
    doc_.head.push_back(HeadMeta{"canonical", std::string(node.attr("href")), node.source});
    return;
  }
  if (node.tag_id != t_meta) return;
  std::string name = lower_ascii(node.has_attr("property") ? node.attr("property") : node.attr("name"));
  if (name.empty()) name = lower_ascii(node.attr("itemprop"));
  static constexpr std::array<std::string_view, 10> kKept = {
      "og:title", "og:url", "og:site_name", "article:published_time", "pubdate",
      "publishdate", "keywords", "description", "datepublished", "og:description"};
  if (is_one_of(name, kKept))
    doc_.head.push_back(HeadMeta{name, std::string(node.attr("content")), node.source});
}

void BlockWalker::finish_block() {
  RawBlock& current = *open_;
  open_ = nullptr;
  // Trailing synthetic separators (a TAB after the last cell) carry nothing.
  std::vector<Piece>& pieces = current.pieces;
  while (!pieces.empty() && !pieces.back().verbatim && pieces.back().begin == pieces.back().end)
    pieces.pop_back();
  current.all_bold = bold_seen_ && !plain_seen_;
  current.source = Span{pieces.front().begin, pieces.back().end};
  // The block is never blank: open_block opened it only for content that is not, and that
  // content is its first piece (take_content's callers append it), which no pop above reaches.
  bold_seen_ = plain_seen_ = false;
}

// Island blocks go between the HTML blocks by position; images follow their blocks.
void merge_islands(RawDocument& doc, std::vector<RawBlock> islands) {
  if (islands.empty()) return;
  std::vector<RawBlock> merged;
  merged.reserve(doc.blocks.size() + islands.size());
  std::merge(std::make_move_iterator(doc.blocks.begin()), std::make_move_iterator(doc.blocks.end()),
             std::make_move_iterator(islands.begin()), std::make_move_iterator(islands.end()),
             std::back_inserter(merged),
             [](const RawBlock& a, const RawBlock& b) { return a.source.begin < b.source.begin; });
  doc.blocks = std::move(merged);
  for (RawImage& image : doc.images) {
    auto it = std::lower_bound(doc.blocks.begin(), doc.blocks.end(), image.source.begin,
                               [](const RawBlock& b, std::size_t p) { return b.source.begin < p; });
    image.before_block = static_cast<std::size_t>(it - doc.blocks.begin());
  }
}

// A text run minus the masked markup inside it (autolink brackets, link syntax) is visible.
void add_visible_without_masks(RawDocument& doc, Span span, const std::vector<Span>& masked) {
  std::size_t pos = span.begin;
  auto it = std::upper_bound(masked.begin(), masked.end(), pos,
                             [](std::size_t p, const Span& s) { return p < s.begin; });
  if (it != masked.begin()) --it;
  for (; it != masked.end() && it->begin < span.end; ++it) {
    if (it->end <= pos) continue;
    if (it->begin > pos) push_back_reserved(doc.visible, Span{pos, it->begin});
    pos = std::max(pos, it->end);
  }
  if (pos < span.end) push_back_reserved(doc.visible, Span{pos, span.end});
}

void assign_pages(RawDocument& doc, const std::vector<std::size_t>& markers) {
  if (markers.empty()) return;
  for (RawBlock& block : doc.blocks) {
    auto before = std::lower_bound(markers.begin(), markers.end(), block.source.begin);
    block.page = 1 + static_cast<int>(before - markers.begin());
  }
  doc.pages = static_cast<int>(markers.size()) + 1;
}

}  // namespace

// (html_reader.hpp) std::sort's steps depend only on what its comparisons answer, so sorting
// (start, place) pairs with the same comparison finds the order it finds for the records, records
// with one start included. Each record is then moved once into its place, where a sort of the
// records moved each (and its string) twice or more in its insertion steps. More records than
// the pairs' room on the stack (rare) are sorted directly.
void sort_removed(std::vector<RawRemoved>& removed) {
  struct Key {
    std::size_t begin;
    std::size_t from;  // the record's place before the sort
  };
  constexpr std::size_t kRoom = 128;
  const std::size_t n = removed.size();
  const auto by_begin = [](const auto& a, const auto& b) { return a.begin < b.begin; };
  if (n > kRoom) {
    std::sort(removed.begin(), removed.end(),
              [](const RawRemoved& a, const RawRemoved& b) { return a.source.begin < b.source.begin; });
    return;
  }
  std::array<Key, kRoom> keys;
  for (std::size_t i = 0; i < n; ++i) keys[i] = Key{removed[i].source.begin, i};
  std::sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(n), by_begin);
  // Place i takes the record from keys[i].from: followed as cycles, one move a record (and one
  // more a cycle); a place done is marked by from == its own index.
  for (std::size_t i = 0; i < n; ++i) {
    if (keys[i].from == i) continue;
    RawRemoved first = std::move(removed[i]);
    std::size_t place = i;
    while (keys[place].from != i) {
      const std::size_t from = keys[place].from;
      removed[place] = std::move(removed[from]);
      keys[place].from = place;
      place = from;
    }
    removed[place] = std::move(first);
    keys[place].from = place;
  }
}

void read_html(RawDocument& doc, Span body, const Options& options) {
  const std::string_view text = doc.decoded.text;
  Islands islands = find_islands(text, body, options.page_marker);
  // `text` outlives the Dom (both are gone when this returns): an unblanked body is parsed in place.
  Dom dom = islands.blanked
                ? parse_html_dom(text, body, std::move(islands.parser_input), options.max_html_depth)
                : parse_html_in_place(islands.body_text, body.begin, options.max_html_depth,
                                      islands.comments);
  if (dom.flattened > 0) {
    doc.warnings.push_back(Warning{
        "html_depth_limit",
        std::to_string(dom.flattened) + " HTML elements nested deeper than max_html_depth (" +
            std::to_string(options.max_html_depth) + ") were flattened into their ancestor; " +
            "their text is kept",
        Span{doc.decoded.to_raw.map(dom.first_flattened.begin),
             doc.decoded.to_raw.map(dom.first_flattened.end)}});
  }
  // One allocation for the records below and the few the walker adds, not one per doubling.
  if (const std::size_t records = dom.comments.size() + islands.unterminated_comments.size() + islands.markers.size();
      records > 0)
    doc.removed.reserve(doc.removed.size() + records + 4);
  for (Span comment : dom.comments) add_removed(doc.removed, "B1", comment);
  for (Span comment : islands.unterminated_comments) {
    add_removed(doc.removed, "B1", comment);
    doc.warnings.push_back(Warning{"unterminated_comment",
                                   "an HTML comment has no end; it was ended at the end of its line",
                                   Span{doc.decoded.to_raw.map(comment.begin),
                                        doc.decoded.to_raw.map(comment.end)}});
  }
  for (std::size_t marker : islands.markers)
    add_removed(doc.removed, "B11", Span{marker, marker + options.page_marker.size()});
  // The front matter's spans first (read.cpp leaves them to this reader), with room for the body's.
  add_front_matter_spans(doc, dom.texts.size() + dom.comments.size() + islands.masked.size() +
                                  islands.unterminated_comments.size() + islands.blocks.size());
  // Text runs and comments in document order (both lists are), so that normalise_spans has no
  // run of comments to merge in.
  if (islands.masked.empty()) {
    // Nearly every page: nothing to cut out of the runs, merged with the comments in one pass.
    const std::size_t at = doc.visible.size();
    doc.visible.resize(at + dom.texts.size() + dom.comments.size());
    std::merge(dom.texts.begin(), dom.texts.end(), dom.comments.begin(), dom.comments.end(),
               doc.visible.begin() + static_cast<std::ptrdiff_t>(at),
               [](const Span& a, const Span& b) { return a.begin < b.begin; });
  } else {
    std::size_t comment = 0;
    for (Span span : dom.texts) {
      for (; comment < dom.comments.size() && dom.comments[comment].begin < span.begin; ++comment)
        push_back_reserved(doc.visible, dom.comments[comment]);
      add_visible_without_masks(doc, span, islands.masked);
    }
    doc.visible.insert(doc.visible.end(), dom.comments.begin() + static_cast<std::ptrdiff_t>(comment), dom.comments.end());
  }
  for (Span span : islands.unterminated_comments) doc.visible.push_back(span);
  for (std::size_t marker : islands.markers)
    doc.visible.push_back(Span{marker, marker + options.page_marker.size()});
  for (const RawBlock& block : islands.blocks) {
    for (const Piece& piece : block.pieces) doc.visible.push_back(Span{piece.begin, piece.end});
  }
  std::optional<MainContent> main;
  if (doc.html_page && options.main_content) {
    main = find_main_content(dom, text);
    if (!main->found) {
      doc.warnings.push_back(Warning{"no_main_content",
                                     "no element holds 200 Han characters; every block is kept",
                                     Span{doc.decoded.to_raw.map(body.begin), doc.decoded.to_raw.map(body.begin)}});
    }
  }
  BlockWalker(doc, dom, islands, main ? &*main : nullptr).run();
  merge_islands(doc, std::move(islands.blocks));
  assign_pages(doc, islands.markers);
  sort_removed(doc.removed);
}

}  // namespace tifa::input
