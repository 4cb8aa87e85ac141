// Front-matter reader (spec/cleaning.md R1): libyaml events -> FrontMatter entries.
//
// Choices worth knowing:
// - Every scalar is kept as the string YAML gives after unescaping; no type resolution, so
//   "2022-06-08", "false" and "2022" stay strings.
// - A value that is a sequence or a mapping becomes a list (is_list) of all the scalars inside
//   it, flattened in document order (a nested mapping contributes its keys and its values).
// - An alias ("*a") is not expanded: it gives the string "*a", its own source text, so its span
//   reads exactly like a plain scalar's.
// - A pair whose key is a sequence or a mapping (YAML "? [a, b]" keys) is skipped: there is no
//   string to name it by.
// - Every YAML document of the block is read (the block normally holds one); a document that is
//   not a mapping, or any libyaml error, makes the whole block a YAML error and the line reader
//   takes over.
// - The line reader removes surrounding matching quotes but does not unescape: after a YAML error
//   the quoting is often the broken part, so the literal text is the best guess.
#include "input/frontmatter.hpp"

#include "input/decode_detail.hpp"

#include <yaml.h>

#include <algorithm>
#include <array>
#include <bit>
#include <string>
#include <utility>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define TIFA_FRONTMATTER_SSE2 1
#else
#define TIFA_FRONTMATTER_SSE2 0
#endif

namespace tifa {

const FrontMatterEntry* FrontMatter::find(std::string_view key) const {
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [key](const FrontMatterEntry& entry) { return entry.key == key; });
  return it == entries.end() ? nullptr : &*it;
}

}  // namespace tifa

namespace tifa::input {
namespace {

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool is_space_or_break(char c) { return is_blank(c) || c == '\n'; }

// libyaml's mark.index counts characters (code points) of its UTF-8 input, not bytes. Marks
// arrive almost always in increasing order, so a cursor that walks from the last answer keeps
// the conversion linear in the size of the block.
class CharToByte {
 public:
  explicit CharToByte(std::string_view text) : text_(text) {}

  std::size_t operator()(std::size_t char_index) {
    while (chars_ < char_index && bytes_ < text_.size()) step_forward();
    while (chars_ > char_index && bytes_ > 0) step_back();
    return bytes_;
  }

 private:
  void step_forward() {
    ++bytes_;
    while (bytes_ < text_.size() && is_utf8_continuation(text_[bytes_])) ++bytes_;
    ++chars_;
  }
  void step_back() {
    --bytes_;
    while (bytes_ > 0 && is_utf8_continuation(text_[bytes_])) --bytes_;
    --chars_;
  }

  std::string_view text_;
  std::size_t chars_ = 0;
  std::size_t bytes_ = 0;
};

// A node's start mark includes its anchor ("&a") and tag ("!!str"); the scalar itself starts
// after them and the blanks, line breaks and comments that follow.
std::size_t skip_node_properties(std::string_view text, std::size_t begin, std::size_t end) {
  while (begin < end && (text[begin] == '&' || text[begin] == '!')) {
    while (begin < end && !is_space_or_break(text[begin])) ++begin;
    while (begin < end && (is_space_or_break(text[begin]) || text[begin] == '#')) {
      if (text[begin] == '#') {
        while (begin < end && text[begin] != '\n') ++begin;
      } else {
        ++begin;
      }
    }
  }
  return begin;
}

// A block scalar ("|" or ">") starts with its header line and ends after its trailing line
// breaks; the span keeps only the content, from the first content character to the last.
Span block_scalar_content(std::string_view text, Span span) {
  std::size_t begin = span.begin;
  while (begin < span.end && text[begin] != '\n') ++begin;
  while (begin < span.end && is_space_or_break(text[begin])) ++begin;
  std::size_t end = span.end;
  while (end > begin && is_space_or_break(text[end - 1])) --end;
  return {begin, end};
}

// The bytes of a scalar's characters in the YAML text: without properties, without the quotes
// of a quoted scalar, without the header of a block scalar.
Span scalar_span(std::string_view text, const yaml_event_t& event, CharToByte& to_byte) {
  Span span{to_byte(event.start_mark.index), to_byte(event.end_mark.index)};
  span.end = std::max(span.begin, span.end);
  const auto& scalar = event.data.scalar;
  if (scalar.anchor != nullptr || scalar.tag != nullptr) {
    span.begin = skip_node_properties(text, span.begin, span.end);
  }
  switch (scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      if (span.size() >= 2) span = {span.begin + 1, span.end - 1};
      return span;
    case YAML_LITERAL_SCALAR_STYLE:
    case YAML_FOLDED_SCALAR_STYLE:
      return block_scalar_content(text, span);
    default:
      return span;
  }
}

// Owns one libyaml parser over the YAML text and the current event; both are released on every
// path, errors included.
class YamlEvents {
 public:
  explicit YamlEvents(std::string_view text) {
    initialized_ = yaml_parser_initialize(&parser_) != 0;
    if (!initialized_) return;
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    // Declared rather than detected: detection would skip a BOM without counting it in
    // mark.index, which would shift every span after it.
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
  }
  ~YamlEvents() {
    release_event();
    if (initialized_) yaml_parser_delete(&parser_);
  }
  YamlEvents(const YamlEvents&) = delete;
  YamlEvents& operator=(const YamlEvents&) = delete;

  // Moves to the next event; false on a YAML error (or a parser that could not be created).
  bool next() {
    release_event();
    if (!initialized_) return false;
    has_event_ = yaml_parser_parse(&parser_, &event_) != 0;
    return has_event_;
  }
  const yaml_event_t& event() const { return event_; }
  yaml_event_type_t type() const { return event_.type; }

 private:
  void release_event() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = false;
  }

  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool initialized_ = false;
  bool has_event_ = false;
};

bool is_collection_start(yaml_event_type_t type) {
  return type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT;
}

bool is_collection_end(yaml_event_type_t type) {
  return type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT;
}

// Reads the event stream of the YAML text into entries. Returns false when libyaml reports an
// error or a document is not a mapping; the entries are then incomplete and must be dropped.
class EventReader {
 public:
  EventReader(std::string_view decoded, Span yaml)
      : base_(yaml.begin),
        text_(decoded.substr(yaml.begin, yaml.size())),
        events_(text_),
        to_byte_(text_) {}

  bool read(std::vector<FrontMatterEntry>& entries) {
    if (!events_.next() || events_.type() != YAML_STREAM_START_EVENT) return false;
    for (;;) {
      if (!events_.next()) return false;
      if (events_.type() == YAML_STREAM_END_EVENT) return true;
      if (events_.type() != YAML_DOCUMENT_START_EVENT) return false;
      if (!read_document(entries)) return false;
    }
  }

 private:
  bool read_document(std::vector<FrontMatterEntry>& entries) {
    if (!events_.next() || events_.type() != YAML_MAPPING_START_EVENT) return false;
    if (!read_pairs(entries)) return false;
    return events_.next() && events_.type() == YAML_DOCUMENT_END_EVENT;
  }

  // The key/value pairs of the top-level mapping, up to and including its end event.
  bool read_pairs(std::vector<FrontMatterEntry>& entries) {
    for (;;) {
      if (!events_.next()) return false;
      if (events_.type() == YAML_MAPPING_END_EVENT) return true;
      FrontMatterEntry entry;
      if (!read_string(entry.key, entry.key_span)) {
        if (!skip_pair()) return false;
        continue;
      }
      if (!events_.next() || !read_value(entry)) return false;
      entries.push_back(std::move(entry));
    }
  }

  // A pair whose key is a collection has no string to name it by: both nodes are consumed.
  bool skip_pair() { return skip_node() && events_.next() && skip_node(); }

  bool read_value(FrontMatterEntry& entry) {
    std::string value;
    Span span;
    if (read_string(value, span)) {
      add_value(entry, std::move(value), span);
      return true;
    }
    if (!is_collection_start(events_.type())) return false;
    entry.is_list = true;
    return read_collection_items(entry);
  }

  // Flattens every scalar of the collection that starts at the current event into the entry.
  bool read_collection_items(FrontMatterEntry& entry) {
    std::size_t depth = 1;
    while (depth > 0) {
      if (!events_.next()) return false;
      const yaml_event_type_t type = events_.type();
      std::string value;
      Span span;
      if (is_collection_start(type)) {
        ++depth;
      } else if (is_collection_end(type)) {
        --depth;
      } else if (read_string(value, span)) {
        add_value(entry, std::move(value), span);
      } else {
        return false;  // no other event can occur inside a collection
      }
    }
    return true;
  }

  // Consumes the node that starts at the current event (nothing more for a scalar or alias).
  bool skip_node() {
    if (!is_collection_start(events_.type())) return true;
    std::size_t depth = 1;
    while (depth > 0) {
      if (!events_.next()) return false;
      if (is_collection_start(events_.type())) ++depth;
      if (is_collection_end(events_.type())) --depth;
    }
    return true;
  }

  // The string of the current event when it is a scalar or an alias; false for anything else.
  bool read_string(std::string& value, Span& span) {
    const yaml_event_t& event = events_.event();
    if (event.type == YAML_SCALAR_EVENT) {
      span = scalar_span(text_, event, to_byte_);
      value.assign(reinterpret_cast<const char*>(event.data.scalar.value),
                   event.data.scalar.length);
    } else if (event.type == YAML_ALIAS_EVENT) {
      span = {to_byte_(event.start_mark.index), to_byte_(event.end_mark.index)};
      span.end = std::max(span.begin, span.end);
      value.assign(text_.substr(span.begin, span.size()));
    } else {
      return false;
    }
    span = {span.begin + base_, span.end + base_};
    return true;
  }

  static void add_value(FrontMatterEntry& entry, std::string value, Span span) {
    entry.values.push_back(std::move(value));
    entry.value_spans.push_back(span);
  }

  std::size_t base_;
  std::string_view text_;
  YamlEvents events_;
  CharToByte to_byte_;
};

// ---- the line reader used after a YAML error ----

Span trim(std::string_view text, Span span) {
  while (span.begin < span.end && is_blank(text[span.begin])) ++span.begin;
  while (span.end > span.begin && is_blank(text[span.end - 1])) --span.end;
  return span;
}

Span without_matching_quotes(std::string_view text, Span span) {
  if (span.size() < 2) return span;
  const char first = text[span.begin];
  if ((first == '\'' || first == '"') && text[span.end - 1] == first) {
    return {span.begin + 1, span.end - 1};
  }
  return span;
}

std::string text_of(std::string_view text, Span span) {
  return std::string(text.substr(span.begin, span.size()));
}

bool is_list_item(std::string_view text, Span line) {
  return !line.empty() && text[line.begin] == '-' &&
         (line.size() == 1 || is_blank(text[line.begin + 1]));
}

// "- item" adds to the previous key; an empty scalar becomes a list, a non-empty one keeps its
// value and the item is dropped.
void add_list_item(std::string_view text, Span line, std::vector<FrontMatterEntry>& entries) {
  if (entries.empty()) return;
  FrontMatterEntry& entry = entries.back();
  if (!entry.is_list) {
    if (!entry.values.empty() && !entry.values.front().empty()) return;
    entry.is_list = true;
    entry.values.clear();
    entry.value_spans.clear();
  }
  const Span item = without_matching_quotes(text, trim(text, {line.begin + 1, line.end}));
  entry.values.push_back(text_of(text, item));
  entry.value_spans.push_back(item);
}

// The position of the first ':' that is followed by a blank or ends the line, or line.end.
std::size_t key_separator(std::string_view text, Span line) {
  for (std::size_t i = line.begin; i < line.end; ++i) {
    if (text[i] == ':' && (i + 1 == line.end || is_blank(text[i + 1]))) return i;
  }
  return line.end;
}

void add_key_value(std::string_view text, Span line, std::vector<FrontMatterEntry>& entries) {
  const std::size_t colon = key_separator(text, line);
  if (colon == line.end) return;
  const Span key = without_matching_quotes(text, trim(text, {line.begin, colon}));
  if (key.empty()) return;
  const Span value = without_matching_quotes(text, trim(text, {colon + 1, line.end}));
  FrontMatterEntry entry;
  entry.key = text_of(text, key);
  entry.key_span = key;
  entry.values.push_back(text_of(text, value));
  entry.value_spans.push_back(value);
  entries.push_back(std::move(entry));
}

void read_line(std::string_view text, Span line, std::vector<FrontMatterEntry>& entries) {
  const Span content = trim(text, line);
  if (content.empty() || text[content.begin] == '#') return;
  if (is_list_item(text, content)) {
    add_list_item(text, content, entries);
  } else {
    add_key_value(text, content, entries);
  }
}

std::vector<FrontMatterEntry> read_line_by_line(std::string_view decoded, Span yaml) {
  std::vector<FrontMatterEntry> entries;
  std::size_t line_begin = yaml.begin;
  while (line_begin < yaml.end) {
    std::size_t line_end = decoded.find('\n', line_begin);
    if (line_end == std::string_view::npos || line_end > yaml.end) line_end = yaml.end;
    read_line(decoded, {line_begin, line_end}, entries);
    line_begin = line_end + 1;
  }
  return entries;
}

// Front matter is a flat map of scalars and short lists. libyaml takes time quadratic in the
// nesting depth of flow collections ("[[[[…" 100,000 deep: 17 s), so deeper brackets than any
// front matter has are a YAML error (R1: read line by line) before libyaml sees them. Brackets
// inside quotes count too: an over-estimate only ever sends odd YAML to the line reader.
constexpr std::size_t kMaxFlowDepth = 64;

std::size_t occurrences(std::string_view text, char c) {
  std::size_t count = 0;
  for (std::size_t at = text.find(c); at != std::string_view::npos; at = text.find(c, at + 1)) {
    ++count;
  }
  return count;
}

bool too_deep(std::string_view yaml) {
  // Only a block with more opening brackets than the limit can nest that deep, and counting them
  // takes two memchr passes; nearly every block stops here.
  if (occurrences(yaml, '[') + occurrences(yaml, '{') <= kMaxFlowDepth) return false;
  std::size_t depth = 0;
  for (char c : yaml) {
    if (c == '[' || c == '{') {
      if (++depth > kMaxFlowDepth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

// ---- the fast path: the flat front matter that blog generators write ----
//
// Hexo and Jekyll write "key: value" lines and "- item" lists of plain or simply quoted scalars.
// libyaml spends about as long on such a block as the rest of reading spends on the whole
// article, so this subset is read directly. Each line decides on its own: anything outside the
// subset (escapes, comments, flow collections, block scalars, anchors and tags, continuation
// lines, tabs, YAML's other line breaks, invalid UTF-8) makes the block go to libyaml, so both
// paths give the same entries and spans wherever this one answers (tests compare them).

// Bytes that YAML treats as a line break or as non-printable, and that this path does not
// model: C0 controls but '\n', DEL, C1 controls (NEL among them), U+2028/U+2029, the BOM and
// the noncharacters U+FFFE/U+FFFF. True when such a character starts at s[i].
bool is_unmodelled_at(const unsigned char* s, std::size_t n, std::size_t i) {
  const unsigned char c = s[i];
  if (c >= 0x20 && c < 0x7F) return false;
  if (c == '\n') return false;
  if (c < 0xC2) return c < 0x80 || c == 0xC0 || c == 0xC1;  // controls, DEL, overlong leads
  if (c == 0xC2) return i + 1 < n && s[i + 1] < 0xA0;
  if (c == 0xE2) return i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9);
  if (c == 0xEF) {
    return i + 2 < n &&
           ((s[i + 1] == 0xBB && s[i + 2] == 0xBF) || (s[i + 1] == 0xBF && s[i + 2] >= 0xBE));
  }
  return false;
}

#if TIFA_FRONTMATTER_SSE2
// The bytes of 16 at `s` where is_unmodelled_at can be true, as a bit mask (a superset: the bytes
// 00-1F but '\n', 7F, C0, C1, C2, E2 and EF). Most blocks have none, and the rest only a few.
// And the newlines among them (-1 a byte), which the caller counts on the way.
struct CandidateBytes {
  unsigned candidates;
  __m128i newlines;
};
CandidateBytes candidate_bytes(const unsigned char* s) {
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
  auto equal = [&block](unsigned char value) {
    return _mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(value)));
  };
  const __m128i newline = equal('\n');
  const __m128i control = _mm_andnot_si128(
      newline, _mm_cmpeq_epi8(_mm_min_epu8(block, _mm_set1_epi8(0x1F)), block));
  const __m128i c0_or_c1 = _mm_cmpeq_epi8(
      _mm_and_si128(block, _mm_set1_epi8(static_cast<char>(0xFE))),
      _mm_set1_epi8(static_cast<char>(0xC0)));
  const __m128i leads = _mm_or_si128(_mm_or_si128(equal(0xC2), equal(0xE2)), equal(0xEF));
  const __m128i any =
      _mm_or_si128(_mm_or_si128(control, equal(0x7F)), _mm_or_si128(c0_or_c1, leads));
  return CandidateBytes{static_cast<unsigned>(_mm_movemask_epi8(any)), newline};
}
#endif

// Also counts the '\n' of `text` into `newlines` (when it answers false; a count of its own was
// a memchr call a line).
bool has_unmodelled_bytes(std::string_view text, bool valid_utf8, std::size_t& newlines) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  newlines = 0;
#if TIFA_FRONTMATTER_SSE2
  // Per-byte counters, summed before they can overflow.
  const auto sum = [](__m128i counters) {
    const __m128i halves = _mm_sad_epu8(counters, _mm_setzero_si128());
    return static_cast<std::size_t>(_mm_cvtsi128_si32(halves) + _mm_extract_epi16(halves, 4));
  };
  while (n - i >= 16) {
    __m128i counters = _mm_setzero_si128();
    for (int round = 0; round < 255 && n - i >= 16; ++round, i += 16) {
      const CandidateBytes bytes = candidate_bytes(s + i);
      counters = _mm_sub_epi8(counters, bytes.newlines);
      for (unsigned candidates = bytes.candidates; candidates != 0; candidates &= candidates - 1) {
        const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(candidates));
        if (is_unmodelled_at(s, n, at)) return true;
      }
    }
    newlines += sum(counters);
  }
#endif
  for (; i < n; ++i) {
    if (is_unmodelled_at(s, n, i)) return true;
    newlines += s[i] == '\n';
  }
  return !valid_utf8 && find_invalid_utf8(text, 0) != n;
}

// By a table: the test runs on every byte of every key, and the ranges cost five comparisons
// a byte.
constexpr std::array<bool, 256> kKeyChars = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                     c == '_' || c == '-';
  }
  return t;
}();
bool is_key_char(char c) { return kKeyChars[static_cast<unsigned char>(c)]; }

// Does `plain` hold ": " or " #" (either ends a plain scalar early)? Looked for as pairs of
// adjacent bytes, 16 at a time: two finds called memchr once for each ':' and each space (the
// words of a title) and then compared the next byte.
bool has_plain_scalar_stop(std::string_view plain) {
  const auto* s = reinterpret_cast<const unsigned char*>(plain.data());
  const std::size_t n = plain.size();
#if TIFA_FRONTMATTER_SSE2
  if (n >= 17) {
    // The pairs that start in s[at, at + 16); the second bytes run to s[at + 16].
    const auto stops_at = [s](std::size_t at) {
      const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at));
      const __m128i second = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at + 1));
      const __m128i colon_space = _mm_and_si128(_mm_cmpeq_epi8(first, _mm_set1_epi8(':')),
                                                _mm_cmpeq_epi8(second, _mm_set1_epi8(' ')));
      const __m128i space_hash = _mm_and_si128(_mm_cmpeq_epi8(first, _mm_set1_epi8(' ')),
                                               _mm_cmpeq_epi8(second, _mm_set1_epi8('#')));
      return _mm_movemask_epi8(_mm_or_si128(colon_space, space_hash)) != 0;
    };
    std::size_t at = 0;
    for (; at + 17 <= n; at += 16)
      if (stops_at(at)) return true;
    // The last pairs by one more step that ends at the last byte, overlapping the one before.
    return at + 1 < n && stops_at(n - 17);
  }
#endif
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if ((s[i] == ':' && s[i + 1] == ' ') || (s[i] == ' ' && s[i + 1] == '#')) return true;
  }
  return false;
}

// A scalar at text[begin, end) (one line, without its '\n') that must fill the rest of the line:
// a plain scalar, a single-quoted one ('' for a quote) or a double-quoted one without
// backslashes. Sets the unescaped value and the span of its characters (without quotes).
bool read_simple_scalar(std::string_view text, std::size_t begin, std::size_t end, std::string& value,
                        Span& span) {
  while (begin < end && text[begin] == ' ') ++begin;
  while (end > begin && text[end - 1] == ' ') --end;
  if (begin >= end) return false;
  const char first = text[begin];
  if (first == '\'' || first == '"') {
    if (end - begin < 2 || text[end - 1] != first) return false;
    const std::string_view inner = text.substr(begin + 1, end - begin - 2);
    if (first == '"') {
      if (inner.find('"') != std::string_view::npos || inner.find('\\') != std::string_view::npos)
        return false;
      value.clear();
      value.append(inner);  // (clear and append: an assignment goes through the general replace)
    } else {
      // '' stands for one quote; a lone quote would end the scalar early.
      value.clear();
      std::size_t from = 0;
      for (std::size_t quote = inner.find('\''); quote != std::string_view::npos;
           quote = inner.find('\'', from)) {
        if (quote + 1 >= inner.size() || inner[quote + 1] != '\'') return false;
        value.append(inner.substr(from, quote + 1 - from));
        from = quote + 2;
      }
      value.append(inner.substr(from));
    }
    span = {begin + 1, end - 1};
    return true;
  }
  // Plain: no indicator first; no ": " or " #" inside, no ':' at the end. (A table: a find in
  // the list of indicators called memchr for every scalar.)
  static constexpr std::array<bool, 256> kIndicators = [] {
    std::array<bool, 256> table{};
    for (char c : std::string_view("-?:,[]{}#&*!|>%@`")) table[static_cast<unsigned char>(c)] = true;
    return table;
  }();
  if (kIndicators[static_cast<unsigned char>(first)]) return false;
  const std::string_view plain = text.substr(begin, end - begin);
  if (plain.back() == ':' || has_plain_scalar_stop(plain)) return false;
  value.clear();
  value.append(plain);
  span = {begin, end};
  return true;
}

// How many lines from text[from] on, one after the other, are "- item" lines: the items of the
// list a key without value opens, counted first so that its vectors are allocated once (tags
// and categories lists run to dozens of items). Only a capacity: it need not be exact.
std::size_t count_list_items(std::string_view text, std::size_t from) {
  std::size_t items = 0;
  while (from < text.size()) {
    std::size_t first = from;
    while (first < text.size() && text[first] == ' ') ++first;
    if (first + 1 >= text.size() || text[first] != '-' || text[first + 1] != ' ') break;
    ++items;
    const std::size_t nl = text.find('\n', first);
    if (nl == std::string_view::npos) break;
    from = nl + 1;
  }
  return items;
}

// Reads text (the YAML block alone, which starts at `base` of the decoded text) when every line
// is in the subset; false leaves `entries` in an unspecified state. The spans are stored as
// offsets of the decoded text, where a pass over the entries at the end moved them there.
bool read_simple_yaml(std::string_view text, std::size_t base, std::vector<FrontMatterEntry>& entries,
                      bool valid_utf8) {
  std::size_t newlines = 0;
  if (has_unmodelled_bytes(text, valid_utf8, newlines)) return false;
  entries.reserve(newlines + 1);  // at most one entry a line
  bool list_open = false;         // the last key had no value: "- item" lines follow
  std::size_t list_indent = SIZE_MAX;
  std::size_t line_begin = 0;
  while (line_begin < text.size()) {
    std::size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::size_t first = line_begin;
    while (first < line_end && text[first] == ' ') ++first;
    if (first == line_end) {
      line_begin = line_end + 1;
      continue;  // a blank line
    }
    Span span;
    if (text[first] == '-') {
      // "- item": only under a key without value, every item at one indentation.
      const std::size_t indent = first - line_begin;
      if (!list_open || (list_indent != SIZE_MAX && indent != list_indent)) return false;
      if (first + 1 >= line_end || text[first + 1] != ' ') return false;
      // The value is read into its place (on failure the caller clears the entries).
      FrontMatterEntry& list = entries.back();
      if (!read_simple_scalar(text, first + 2, line_end, list.values.emplace_back(), span)) return false;
      list_indent = indent;
      list.value_spans.push_back(Span{base + span.begin, base + span.end});
    } else {
      if (first != line_begin) return false;  // an indented key or a continuation line
      if (list_open && list_indent == SIZE_MAX) return false;  // a key without value and no list
      std::size_t key_end = first;
      while (key_end < line_end && is_key_char(text[key_end])) ++key_end;
      if (key_end == first || key_end >= line_end || text[key_end] != ':') return false;
      // Made in place (a local moved in cost a move and a destruction of its string and vectors
      // an entry). Left half made when the line turns out not to be simple: the caller clears
      // the entries then.
      FrontMatterEntry& entry = entries.emplace_back();
      entry.key.append(text.substr(first, key_end - first));  // a new entry's key: empty
      entry.key_span = {base + first, base + key_end};
      std::size_t value_begin = key_end + 1;
      if (value_begin < line_end && text[value_begin] != ' ') return false;
      while (value_begin < line_end && text[value_begin] == ' ') ++value_begin;
      list_open = value_begin == line_end;
      list_indent = SIZE_MAX;
      if (list_open) {
        entry.is_list = true;
        const std::size_t items = count_list_items(text, line_end + 1);
        entry.values.reserve(items);
        entry.value_spans.reserve(items);
      } else {
        if (!read_simple_scalar(text, value_begin, line_end, entry.values.emplace_back(), span)) return false;
        entry.value_spans.push_back(Span{base + span.begin, base + span.end});
      }
    }
    line_begin = line_end + 1;
  }
  return !entries.empty() && !(list_open && list_indent == SIZE_MAX);
}

}  // namespace

bool read_simple_front_matter(std::string_view decoded, Span yaml, std::vector<FrontMatterEntry>& entries,
                              bool valid_utf8) {
  yaml.end = std::min(yaml.end, decoded.size());
  yaml.begin = std::min(yaml.begin, yaml.end);
  entries.clear();
  // Deep brackets are a YAML error (see too_deep) on both paths, even inside quotes.
  const std::string_view text = decoded.substr(yaml.begin, yaml.size());
  if (too_deep(text) || !read_simple_yaml(text, yaml.begin, entries, valid_utf8)) {
    entries.clear();
    return false;
  }
  return true;
}

FrontMatter parse_front_matter(std::string_view decoded, Span yaml, bool valid_utf8) {
  FrontMatter result;
  if (read_simple_front_matter(decoded, yaml, result.entries, valid_utf8)) return result;
  return parse_front_matter_with_libyaml(decoded, yaml);
}

FrontMatter parse_front_matter_with_libyaml(std::string_view decoded, Span yaml) {
  yaml.end = std::min(yaml.end, decoded.size());
  yaml.begin = std::min(yaml.begin, yaml.end);
  FrontMatter result;
  EventReader reader(decoded, yaml);
  if (too_deep(decoded.substr(yaml.begin, yaml.size())) || !reader.read(result.entries)) {
    result.yaml_error = true;
    result.entries = read_line_by_line(decoded, yaml);
  }
  return result;
}

}  // namespace tifa::input
