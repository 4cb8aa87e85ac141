// The single-run invariants of spec/cleaning.md §7. Each check_* function below says exactly what
// it compares. They share one byte of marks per input byte (the "bitmaps over raw positions" of
// the spec's check column), so the whole check is linear in the document up to the logarithmic
// cost of offset-map look-ups.
#include "clean/invariants.hpp"
#include "util/utf8.hpp"

#include <libxml/HTMLparser.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "clean/dates.hpp"

namespace tifa::clean {

namespace {

// ---- the closed lists of spec/cleaning.md (I9) ----

// A rule id is a family letter and a number from 1 to the family's last number (§1.3-§7).
struct RuleFamily {
  char letter;
  int last;
};
constexpr std::array<RuleFamily, 9> kRuleFamilies = {{
    {'D', 7},   // decoding, §1.3
    {'F', 4},   // format detection, §1.4
    {'R', 12},  // readers, §2.1
    {'H', 6},   // main-content extraction, §2.2
    {'B', 22},  // boilerplate and metadata lines, §3
    {'N', 9},   // whitespace and layout, §4.1
    {'P', 6},   // punctuation and Unicode, §4.2
    {'M', 8},   // metadata, §5
    {'I', 11},  // invariants, §7
}};

// §6: the block flags and the field flags. Document and image flags are bools in C++.
constexpr std::uint32_t kKnownBlockFlags = kPageJoin | kLineJoin | kIndentSplit | kLettersJoined |
                                           kListItem | kTableRow | kCaptionInferred |
                                           kTitleWrapMerged | kTitleWrapSpaceRemoved |
                                           kTitleSpaceAmbiguous | kTitleUnderscore;
constexpr std::uint32_t kKnownFieldFlags = kFieldCopy | kFieldFromComment | kFieldFromDateline |
                                           kFieldFromTrailingCredit | kFieldSubtitleInferred |
                                           kFieldNamesUnsplit | kFieldBoilerplate;

// I6: the block flags that allow characters of two reader blocks to meet.
constexpr std::uint32_t kJoinFlags = kPageJoin | kTitleWrapMerged | kLineJoin;

// §1.2 step 8 lists the markup that may never survive in `text` (I11); the page marker is added
// from the option.
constexpr std::array<std::string_view, 7> kMarkupLeftovers = {"<p", "</",     "<!--",   "-->",
                                                              "&#", "&nbsp;", "{border"};

bool is_rule_id(std::string_view id) {
  if (id.size() < 2 || id.size() > 3 || id[1] == '0') return false;
  int number = 0;
  for (char c : id.substr(1)) {
    if (c < '0' || c > '9') return false;
    number = number * 10 + (c - '0');
  }
  for (const RuleFamily& family : kRuleFamilies) {
    if (family.letter == id[0]) return number <= family.last;
  }
  return false;
}

// ---- UTF-8 and character classes ----

struct Utf8Char {
  char32_t cp = 0;
  std::size_t length = 1;
  bool valid = true;
};

// Strict decoding: a byte that does not start a well-formed sequence (overlong forms and
// surrogates included) is one invalid character of one byte.
Utf8Char decode_utf8(std::string_view s, std::size_t pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return {lead, 1, true};
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1Fu, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0Fu, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07u, min = 0x10000;
  } else {
    return {lead, 1, false};
  }
  if (pos + length > s.size()) return {lead, 1, false};
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return {lead, 1, false};
    cp = (cp << 6) | (byte(pos + i) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {lead, 1, false};
  return {cp, length, true};
}

// "Significant character" of the spec: \p{L} or \p{N}.
bool is_significant(char32_t cp) {
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
}

bool is_han(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_HAN;
}

// The significant characters of `s` (only Han ones when `han_only`).
std::u32string significant_of(std::string_view s, bool han_only = false) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();) {
    Utf8Char c = decode_utf8(s, pos);
    if (is_significant(c.cp) && (!han_only || is_han(c.cp))) out.push_back(c.cp);
    pos += c.length;
  }
  return out;
}

// At most ~48 bytes of s[begin, end) for a message: whole characters, '\n' shown as ⏎.
std::string excerpt(std::string_view s, std::size_t begin, std::size_t end) {
  constexpr std::size_t kMaxBytes = 48;
  begin = std::min(begin, s.size());
  end = std::clamp(end, begin, s.size());
  std::string out = "«";
  std::size_t pos = begin;
  while (pos < end && out.size() < kMaxBytes) {
    Utf8Char c = decode_utf8(s, pos);
    if (c.cp == '\n') {
      out += "⏎";
    } else if (!c.valid || c.cp < 0x20) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      auto b = static_cast<unsigned char>(s[pos]);
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else {
      out.append(s.substr(pos, c.length));
    }
    pos += c.length;
  }
  if (pos < end) out += "…";
  return out + "»";
}

// Start of the character that holds byte `pos` (for excerpts that must not start mid-character).
std::size_t char_start(std::string_view s, std::size_t pos) {
  pos = std::min(pos, s.size());
  while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

// A window of about 16 bytes each side of s[pos].
std::string excerpt_around(std::string_view s, std::size_t pos) {
  constexpr std::size_t kSide = 16;
  std::size_t begin = char_start(s, pos > kSide ? pos - kSide : 0);
  return excerpt(s, begin, pos + kSide);
}

std::string span_string(Span span) {
  return "[" + std::to_string(span.begin) + "," + std::to_string(span.end) + ")";
}

// ---- offset maps ----

// OffsetMap::map for offsets that mostly increase: amortised constant time instead of a binary
// search per character (a 20 MB paragraph has 20 M of them). A smaller offset than the last one
// falls back to the binary search. The arithmetic is that of OffsetMap::map.
class ForwardMap {
 public:
  explicit ForwardMap(const OffsetMap& map) : map_(map) {}

  std::size_t operator()(std::size_t pos) {
    const std::vector<OffsetMap::Run>& runs = map_.runs();
    if (pos >= map_.target_size() || runs.empty()) return map_.source_end();
    if (pos < runs[run_].target) return map_.map(pos);
    while (run_ + 1 < runs.size() && runs[run_ + 1].target <= pos) ++run_;
    const OffsetMap::Run& run = runs[run_];
    const std::size_t delta = pos - run.target;
    switch (run.kind) {
      case OffsetMap::RunKind::kCopy:
        return run.source + delta;
      case OffsetMap::RunKind::kScaled:
        return run.source + delta / run.target_unit * run.source_unit;
      case OffsetMap::RunKind::kCollapsed:
        return run.source;
    }
    return run.source;
  }

 private:
  const OffsetMap& map_;
  std::size_t run_ = 0;
};

// The inverse of DecodedInput::to_raw: the first decoded offset whose raw offset is at least
// `raw_pos`, so that a raw span [b, e) covers the decoded characters [to_decoded(b),
// to_decoded(e)).
std::size_t to_decoded(const DecodedInput& decoded, std::size_t raw_pos) {
  std::size_t lo = 0;
  std::size_t hi = decoded.text.size();
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    if (decoded.to_raw.map(mid) < raw_pos) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

Span raw_of(const DecodedInput& decoded, Span span) {
  return Span{decoded.to_raw.map(span.begin), decoded.to_raw.map(span.end)};
}

// ---- failure reports ----

class Report {
 public:
  void add(std::string_view id, std::string message, Span raw_span = {}) {
    std::size_t& count = counts_[std::string(id)];
    if (++count <= kMaxFailuresPerInvariant) {
      failures_.push_back(InvariantFailure{std::string(id), std::move(message), raw_span});
    }
  }

  std::vector<InvariantFailure> take() {
    for (const auto& [id, count] : counts_) {
      if (count <= kMaxFailuresPerInvariant) continue;
      failures_.push_back(InvariantFailure{
          id, std::to_string(count - kMaxFailuresPerInvariant) + " more failures of " + id, {}});
    }
    return std::move(failures_);
  }

 private:
  std::map<std::string, std::size_t> counts_;
  std::vector<InvariantFailure> failures_;
};

// Gathers consecutive offending characters with the same problem into one failure, so that a
// dropped paragraph is one report, not one per character. The caller ends a run with flush().
class RunCollector {
 public:
  RunCollector(Report& report, std::string_view id, std::string_view text)
      : report_(report), id_(id), text_(text) {}
  ~RunCollector() { flush(); }
  RunCollector(const RunCollector&) = delete;
  RunCollector& operator=(const RunCollector&) = delete;

  void add(std::string_view what, Span at, Span raw) {
    if (open_ && what == what_) {
      end_ = at.end;
      raw_.end = std::max(raw_.end, raw.end);
      return;
    }
    flush();
    open_ = true;
    what_.assign(what);
    begin_ = at.begin;
    end_ = at.end;
    raw_ = raw;
  }

  void flush() {
    if (!open_) return;
    open_ = false;
    report_.add(id_, what_ + ": " + excerpt(text_, begin_, end_), raw_);
  }

 private:
  Report& report_;
  std::string id_;
  std::string_view text_;
  bool open_ = false;
  std::string what_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  Span raw_;
};

// ---- metadata values with their provenance, whatever their C++ type ----

struct MetaItem {
  std::string name;  // "source_outlet", "reporters[0]", "extra.headimg", ...
  std::vector<Span> spans;
  std::uint32_t flags = 0;
  std::string rule;  // "" for people and extra values, which carry no rule
  const Field* field = nullptr;
  const DateField* date = nullptr;
  const Person* person = nullptr;
};

void add_field(std::vector<MetaItem>& items, std::string name, const Field& field) {
  items.push_back(MetaItem{.name = std::move(name),
                           .spans = field.raw_spans,
                           .flags = field.flags,
                           .rule = field.rule,
                           .field = &field});
}

// Takes the optional by reference: a temporary optional would leave `field` dangling.
void add_field(std::vector<MetaItem>& items, std::string name, const std::optional<Field>& field) {
  if (field) add_field(items, std::move(name), *field);
}

void add_date(std::vector<MetaItem>& items, std::string name,
              const std::optional<DateField>& date) {
  if (!date) return;
  items.push_back(MetaItem{.name = std::move(name),
                           .spans = date->raw_spans,
                           .flags = date->flags,
                           .rule = date->rule,
                           .date = &*date});
}

void add_people(std::vector<MetaItem>& items, const std::string& name,
                const std::vector<Person>& people) {
  for (std::size_t i = 0; i < people.size(); ++i) {
    const Person& p = people[i];
    MetaItem item;
    item.name = name + "[" + std::to_string(i) + "]";
    item.spans = {p.raw_span};
    item.flags = p.flags;
    item.person = &p;
    items.push_back(std::move(item));
  }
}

std::vector<MetaItem> meta_items(const Meta& meta) {
  std::vector<MetaItem> items;
  add_field(items, "title", meta.title);
  add_field(items, "original_title", meta.original_title);
  add_field(items, "subtitle", meta.subtitle);
  add_date(items, "published_at", meta.published_at);
  add_date(items, "issued_date", meta.issued_date);
  add_field(items, "url", meta.url);
  add_field(items, "publisher", meta.publisher);
  add_field(items, "source_outlet", meta.source_outlet);
  add_people(items, "reporters", meta.reporters);
  add_people(items, "correspondents", meta.correspondents);
  add_people(items, "credits", meta.credits);
  add_field(items, "editor", meta.editor);
  add_field(items, "editor_code", meta.editor_code);
  if (meta.print_edition) {
    add_field(items, "print_edition.outlet", meta.print_edition->outlet);
    add_date(items, "print_edition.date", meta.print_edition->date);
  }
  for (const ExtraValue& extra : meta.extra) {
    MetaItem item;
    item.name = "extra." + extra.key;
    item.spans = extra.raw_spans;
    item.flags = extra.flags;
    items.push_back(std::move(item));
  }
  return items;
}

bool has_title_block(const Document& doc) {
  return !doc.blocks.empty() && doc.blocks.front().type == BlockType::kTitle;
}

// §5 M1: meta.title counts as a copy for I1 and I2 when the title block holds the same text.
bool is_copy(const MetaItem& item, const Document& doc) {
  return (item.flags & kFieldCopy) != 0 || (item.name == "title" && has_title_block(doc));
}

// A value the caller gave (Input::title, Input::date) does not come from the input.
bool from_input(const MetaItem& item) { return item.rule != "hint"; }

// ---- the visible source, as characters ----

// §7: "an entity counts as one character at its first byte". This reads a character reference
// the way libxml2 2.9's HTML parser does in text content: a named one needs its ';' and a name of
// the HTML 4 table (htmlEntityLookup); a numeric one may omit the ';'. A numeric value that is not
// an XML character gives no character at all (`nothing`), as in libxml2.
struct Reference {
  std::size_t length = 0;  // 0: not a reference
  char32_t cp = 0;
  bool nothing = false;
};

bool is_xml_char(std::uint32_t v) {
  return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
         (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

Reference numeric_reference(std::string_view t, std::size_t pos, std::size_t limit) {
  std::size_t i = pos + 2;  // after "&#"
  const bool hex = i < limit && (t[i] == 'x' || t[i] == 'X');
  if (hex) ++i;
  const std::size_t digits = i;
  std::uint32_t value = 0;
  for (; i < limit; ++i) {
    char c = t[i];
    int d = (c >= '0' && c <= '9')          ? c - '0'
            : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                            : -1;
    if (d < 0) break;
    value = std::min<std::uint32_t>(value * (hex ? 16u : 10u) + static_cast<std::uint32_t>(d),
                                    0x110000u);
  }
  if (i == digits) return {};
  if (i < limit && t[i] == ';') ++i;
  return Reference{i - pos, value, !is_xml_char(value)};
}

Reference reference_at(std::string_view t, std::size_t pos, std::size_t limit) {
  if (pos + 1 < limit && t[pos + 1] == '#') return numeric_reference(t, pos, limit);
  constexpr std::size_t kMaxName = 32;
  auto is_alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  std::size_t i = pos + 1;
  while (i < limit && i - pos <= kMaxName && is_alnum(t[i])) ++i;
  if (i == pos + 1 || i >= limit || t[i] != ';' || (t[pos + 1] >= '0' && t[pos + 1] <= '9')) {
    return {};
  }
  std::string name(t.substr(pos + 1, i - pos - 1));
  const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
  if (entity == nullptr) return {};
  return Reference{i + 1 - pos, entity->value, false};
}

struct SourceChar {
  std::size_t pos = 0;     // decoded offset of its first byte
  std::size_t length = 1;  // decoded bytes
  char32_t cp = 0;
  bool nothing = false;  // a reference that stands for no character
};

// RawDocument::visible read character by character.
class VisibleSource {
 public:
  explicit VisibleSource(const RawDocument& raw) : raw_(raw), html_(has_html_body(raw)) {}

  bool in_front_matter(std::size_t pos) const {
    const FrontMatter& fm = raw_.front_matter;
    return fm.present && pos >= fm.span.begin && pos < fm.span.end;
  }

  // Calls f(SourceChar) for each visible character that starts in decoded [begin, end).
  template <class F>
  void for_each(std::size_t begin, std::size_t end, F&& f) const {
    const std::vector<Span>& visible = raw_.visible;
    auto it = std::upper_bound(visible.begin(), visible.end(), begin,
                               [](std::size_t p, const Span& s) { return p < s.end; });
    for (; it != visible.end() && it->begin < end; ++it) {
      const std::size_t limit = std::min(end, it->end);
      for (std::size_t pos = std::max(begin, it->begin); pos < limit;) {
        SourceChar c = at(pos, limit);
        f(c);
        pos += c.length;
      }
    }
  }

 private:
  // Whether the body went through the HTML reader, where text holds character references: the
  // html format, a whole page, or a reader block made by an HTML element (the markdown and text
  // readers name their blocks "#markdown" and "#text").
  static bool has_html_body(const RawDocument& raw) {
    if (raw.format == Format::kHtml || raw.html_page) return true;
    return std::any_of(raw.blocks.begin(), raw.blocks.end(),
                       [](const RawBlock& b) { return !b.tag.empty() && b.tag.front() != '#'; });
  }

  SourceChar at(std::size_t pos, std::size_t limit) const {
    std::string_view text = raw_.decoded.text;
    if (html_ && text[pos] == '&' && !in_front_matter(pos)) {
      Reference ref = reference_at(text, pos, limit);
      if (ref.length > 0) return SourceChar{pos, ref.length, ref.cp, ref.nothing};
    }
    Utf8Char c = decode_utf8(text, pos);
    return SourceChar{pos, c.length, c.valid ? c.cp : U'\uFFFD', false};
  }

  const RawDocument& raw_;
  bool html_;
};

// ---- YAML scalars (the front-matter part of I4) ----

// One double-quoted escape at s[i] ('\\'); appends its character and returns the bytes it used.
std::size_t yaml_escape(std::string_view s, std::size_t i, std::string& out) {
  if (i + 1 >= s.size()) return 1;
  const char c = s[i + 1];
  static constexpr std::string_view kFrom = "0abtnvfre \"/\\N_LP\t";
  static constexpr std::array<char32_t, 18> kTo = {
      0, 7, 8, 9, 10, 11, 12, 13, 27, ' ', '"', '/', '\\', 0x85, 0xA0, 0x2028, 0x2029, '\t'};
  if (std::size_t k = kFrom.find(c); k != std::string_view::npos) {
    util::append_utf8(out, kTo[k]);
    return 2;
  }
  const std::size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (digits == 0 || i + 2 + digits > s.size()) {
    out += s.substr(i, 2);
    return 2;
  }
  std::uint32_t value = 0;
  for (char h : s.substr(i + 2, digits)) {
    int d = h >= '0' && h <= '9'   ? h - '0'
            : h >= 'a' && h <= 'f' ? h - 'a' + 10
            : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                   : 0;
    value = value * 16 + static_cast<std::uint32_t>(d);
  }
  util::append_utf8(out, value);
  return 2 + digits;
}

// A line break inside a flow scalar: trailing blanks go, the next line's indentation goes, and
// the break folds to one space (or to one '\n' per empty line). Returns the index after it.
std::size_t yaml_fold(std::string_view s, std::size_t i, std::string& out, bool escaped) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  std::size_t breaks = 0;
  std::size_t j = i + 1;
  for (; j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n'); ++j) {
    if (s[j] == '\n') ++breaks;
  }
  if (breaks > 0) {
    out.append(breaks, '\n');
  } else if (!escaped) {
    out += ' ';
  }
  return j;
}

// The value of a flow scalar whose text (quotes excluded) is `s`: YAML quoting and line folding
// are syntax, so they are undone here. `quote` is the character before the span.
std::string yaml_value(std::string_view s, char quote) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (quote == '"' && s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\n') {
      i = yaml_fold(s, i + 1, out, true);
    } else if (quote == '"' && s[i] == '\\') {
      i += yaml_escape(s, i, out);
    } else if (quote == '\'' && s.substr(i, 2) == "''") {
      out += '\'';
      i += 2;
    } else if (s[i] == '\n') {
      i = yaml_fold(s, i, out, false);
    } else {
      out += s[i++];
    }
  }
  return out;
}

// ---- metadata normalisation (§4 intro: N1, N2, P3, P5, P6 in the order of §4) ----

bool is_p5_removed(char32_t cp) {
  if (cp == '\t' || cp == '\n') return false;
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD) {
    return true;
  }
  return u_charType(static_cast<UChar32>(cp)) == U_CONTROL_CHAR;
}

std::string nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString normalized = normalizer->normalize(text, status);
  std::string out;
  if (U_SUCCESS(status)) normalized.toUTF8String(out);
  return U_SUCCESS(status) ? out : std::string(s);
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();) {
    Utf8Char c = decode_utf8(s, pos);
    out.push_back(c.valid ? c.cp : U'\uFFFD');
    pos += c.length;
  }
  return out;
}

bool is_n2_space(char32_t cp) {
  return cp == '\t' || cp == '\n' || cp == '\r' ||
         u_charType(static_cast<UChar32>(cp)) == U_SPACE_SEPARATOR;
}

std::string normalize_meta(std::string_view value) {
  std::string p5;
  for (std::size_t pos = 0; pos < value.size();) {
    Utf8Char c = decode_utf8(value, pos);
    if (!is_p5_removed(c.cp)) p5.append(value.substr(pos, c.length));
    pos += c.length;
  }
  std::u32string s = to_u32(nfc(p5));
  for (char32_t& cp : s) {  // P3: full-width letters and digits
    if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
        (cp >= 0xFF41 && cp <= 0xFF5A)) {
      cp -= 0xFEE0;
    }
  }
  auto digit = [](char32_t c) { return c >= '0' && c <= '9'; };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t cp = s[i];
    if (cp == 0xFF0E && i > 0 && i + 1 < s.size() && digit(s[i - 1]) && digit(s[i + 1])) cp = '.';
    if (is_n2_space(cp)) {  // N2, then N1 below
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    util::append_utf8(out, cp);
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// ---- the shared state of one check ----

enum Mark : std::uint8_t {
  kTextOnce = 1,   // the first raw byte of the source of a character of `text`
  kTextAgain = 2,  // ... of a second one
  kInRemoved = 4,  // inside a removed raw span
  kInMeta = 8,     // inside the raw span of a non-copy meta value
  kInList = 16,    // a front-matter categories/tags value (Meta keeps those without spans)
  kHome = kTextOnce | kInRemoved | kInMeta | kInList,
};

struct Checker {
  std::string_view input;
  const RawDocument& raw;
  const Document& doc;
  std::string_view page_marker;
  VisibleSource source;
  std::vector<MetaItem> meta;
  std::vector<std::uint8_t> marks;  // one per input byte
  Report report;

  std::uint8_t mark_at(std::size_t raw_pos) const {
    return raw_pos < marks.size() ? marks[raw_pos] : std::uint8_t{0};
  }
  // The text span of a title that is not made of visible source (M1: a caller title, og:title,
  // an attribute value): I2 and I4 compare visible source, so they leave it out.
  Span markup_title;
  bool in_markup_title(std::size_t pos) const { return pos >= markup_title.begin && pos < markup_title.end; }
};

// A title block none of whose raw spans touches the visible source.
Span find_markup_title(const RawDocument& raw, const Document& doc) {
  if (doc.blocks.empty() || doc.blocks.front().type != BlockType::kTitle) return Span{};
  const Block& title = doc.blocks.front();
  for (Span span : title.raw_spans) {
    for (Span visible : raw.visible) {
      Span raw_visible{raw.decoded.to_raw.map(visible.begin), raw.decoded.to_raw.map(visible.end)};
      if (raw_visible.begin < span.end && span.begin < raw_visible.end) return Span{};
    }
  }
  return title.span;
}

// Calls f(pos, Utf8Char) for every character of doc.text except block separators and the TABs
// between table cells: §6 gives those no source of their own.
template <class F>
void for_each_text_char(const Document& doc, F&& f) {
  for (std::size_t pos = 0; pos < doc.text.size();) {
    Utf8Char c = decode_utf8(doc.text, pos);
    if (c.cp != '\n' && c.cp != '\t') f(pos, c);
    pos += c.length;
  }
}

void mark_spans(std::vector<std::uint8_t>& marks, std::vector<Span> spans, Mark bit) {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::size_t done = 0;  // every byte before this is marked: overlapping spans cost nothing more
  for (Span span : spans) {
    const std::size_t end = std::min(span.end, marks.size());
    for (std::size_t i = std::max(span.begin, done); i < end; ++i) marks[i] |= bit;
    done = std::max(done, end);
  }
}

// Front-matter categories and tags whose values Meta holds verbatim (M8): the Document keeps no
// span for them, so their value spans count as homed when the value is listed.
std::vector<Span> listed_spans(const RawDocument& raw, const Document& doc) {
  std::vector<Span> spans;
  for (const FrontMatterEntry& entry : raw.front_matter.entries) {
    const std::vector<std::string>* list = entry.key == "categories" ? &doc.meta.categories
                                           : entry.key == "tags"     ? &doc.meta.tags
                                                                     : nullptr;
    if (list == nullptr) continue;
    for (std::size_t i = 0; i < entry.values.size() && i < entry.value_spans.size(); ++i) {
      if (std::find(list->begin(), list->end(), entry.values[i]) != list->end()) {
        spans.push_back(raw_of(raw.decoded, entry.value_spans[i]));
      }
    }
  }
  return spans;
}

void build_marks(Checker& c) {
  c.marks.assign(c.input.size(), 0);
  ForwardMap offsets(c.doc.offsets);
  for_each_text_char(c.doc, [&](std::size_t pos, const Utf8Char&) {
    std::size_t r = offsets(pos);
    if (r >= c.marks.size() || c.in_markup_title(pos)) return;
    c.marks[r] |= (c.marks[r] & kTextOnce) ? kTextAgain : kTextOnce;
  });
  std::vector<Span> removed;
  for (const Removed& r : c.doc.removed) removed.push_back(r.raw_span);
  mark_spans(c.marks, std::move(removed), kInRemoved);
  std::vector<Span> meta;
  for (const MetaItem& item : c.meta) {
    if (!is_copy(item, c.doc)) meta.insert(meta.end(), item.spans.begin(), item.spans.end());
  }
  mark_spans(c.marks, std::move(meta), kInMeta);
  mark_spans(c.marks, listed_spans(c.raw, c.doc), kInList);
}

// ---- I1 nothing lost ----

// Every significant character of RawDocument::visible (in an HTML body a character reference is
// one character at its '&') must have its first raw byte marked: the first raw byte of the source
// of a character of `text` (raw_offset), or inside a removed span, a non-copy meta span, or a
// listed categories/tags value.
void check_nothing_lost(Checker& c) {
  RunCollector run(c.report, "I1", c.raw.decoded.text);
  ForwardMap to_raw(c.raw.decoded.to_raw);
  c.source.for_each(0, c.raw.decoded.text.size(), [&](const SourceChar& ch) {
    if (ch.nothing || !is_significant(ch.cp)) return;
    const std::size_t r = to_raw(ch.pos);
    if (c.mark_at(r) & kHome) {
      run.flush();
      return;
    }
    run.add("significant characters with no home in text, meta or removed",
            Span{ch.pos, ch.pos + ch.length}, Span{r, to_raw(ch.pos + ch.length)});
  });
}

// ---- I2 no duplication ----

// Per character of `text` (separators and cell TABs excluded), its raw_offset must be the source
// of no other character of `text`, and must lie in no removed span and no non-copy meta span.
void check_no_duplication(Checker& c) {
  RunCollector twice(c.report, "I2", c.doc.text);
  RunCollector dropped(c.report, "I2", c.doc.text);
  ForwardMap offsets(c.doc.offsets);
  for_each_text_char(c.doc, [&](std::size_t pos, const Utf8Char& ch) {
    if (c.in_markup_title(pos)) return;
    const std::size_t r = offsets(pos);
    const std::uint8_t mark = c.mark_at(r);
    const Span at{pos, pos + ch.length};
    const Span raw{r, r + 1};
    if (mark & kTextAgain) {
      twice.add("raw characters that are the source of two characters of text", at, raw);
    } else {
      twice.flush();
    }
    if (mark & (kInRemoved | kInMeta)) {
      dropped.add((mark & kInRemoved) ? "text whose source is also in a removed span"
                                      : "text whose source is also in a non-copy meta span",
                  at, raw);
    } else {
      dropped.flush();
    }
  });
}

// ---- I3 order ----

// raw_offset at every character start of `text` (separators included) and at text.size() never
// decreases, and text.size() maps to the input length (§6). Blocks are in the order of their
// first raw byte (raw_spans.front().begin), and the raw_spans of a block are in order without
// overlap.
void check_order(Checker& c) {
  const std::string& text = c.doc.text;
  ForwardMap offsets(c.doc.offsets);
  std::size_t previous = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    const std::size_t r = offsets(pos);
    if (r < previous) {
      c.report.add("I3",
                   "raw_offset goes back from " + std::to_string(previous) + " to " +
                       std::to_string(r) + " at text byte " + std::to_string(pos) + " " +
                       excerpt_around(text, pos),
                   Span{r, previous});
    }
    previous = r;
    if (pos == text.size()) break;
    pos += decode_utf8(text, pos).length;
  }
  if (c.doc.raw_offset(text.size()) != c.input.size()) {
    c.report.add("I3", "raw_offset(text.size()) is " +
                           std::to_string(c.doc.raw_offset(text.size())) +
                           ", not the input length " + std::to_string(c.input.size()));
  }
  std::size_t first_of_previous = 0;
  for (std::size_t i = 0; i < c.doc.blocks.size(); ++i) {
    const Block& block = c.doc.blocks[i];
    if (block.raw_spans.empty()) continue;  // I4 reports it
    const std::size_t first = block.raw_spans.front().begin;
    if (first < first_of_previous) {
      c.report.add("I3",
                   "block " + std::to_string(i) + " starts at raw " + std::to_string(first) +
                       ", before the previous block (" + std::to_string(first_of_previous) +
                       "): " + excerpt(text, block.span.begin, block.span.end),
                   block.raw_spans.front());
    }
    first_of_previous = first;
    for (std::size_t k = 1; k < block.raw_spans.size(); ++k) {
      if (block.raw_spans[k].begin < block.raw_spans[k - 1].end) {
        c.report.add("I3",
                     "raw_spans of block " + std::to_string(i) +
                         " out of order: " + span_string(block.raw_spans[k - 1]) + " then " +
                         span_string(block.raw_spans[k]),
                     block.raw_spans[k]);
      }
    }
  }
}

// ---- undoing edits (I4, I5) ----

// The pre-normalisation text of a block as a list of pieces: a piece of the block's final text
// (edit < 0) or a piece of an edit's `before`. Keeping the origin lets I5 see which edits made
// which difference, whatever coordinates the cleaner used for the spans.
struct Segment {
  int edit = -1;
  std::size_t begin = 0;  // in the block text (edit < 0) or in edits[edit].before
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
};
using Segments = std::list<Segment>;

// Splits the segments at offset `pos` of the text they spell; returns the first non-empty segment
// that starts there (or end()).
Segments::iterator split_at(Segments& segments, std::size_t pos) {
  std::size_t at = 0;
  for (auto it = segments.begin(); it != segments.end(); ++it) {
    const std::size_t size = it->size();
    if (at == pos && size > 0) return it;
    if (pos > at && pos < at + size) {
      Segment head = *it;
      head.end = head.begin + (pos - at);
      it->begin = head.end;
      segments.insert(it, head);
      return it;
    }
    at += size;
  }
  return segments.end();
}

struct Undone {
  Segments segments;
  std::vector<std::set<int>> absorbed;  // per edit: the edits whose `before` it replaced
  std::string error;                    // why the edits could not be undone
};

// §6: undoing the edits from last to first (text[span] replaced by before) gives the
// pre-normalisation text. Spans are taken as offsets of doc.text, as Edit::span says.
Undone undo_edits(const Block& block) {
  Undone out;
  const std::size_t size = block.span.size();
  out.segments.push_back(Segment{-1, 0, size});
  out.absorbed.resize(block.edits.size());
  std::size_t total = size;
  for (std::size_t k = block.edits.size(); k-- > 0;) {
    const Edit& edit = block.edits[k];
    if (edit.span.begin < block.span.begin || edit.span.end < edit.span.begin ||
        edit.span.end - block.span.begin > total) {
      out.error = "edit " + std::to_string(k) + " (" + edit.rule + ") has span " +
                  span_string(edit.span) + " outside the block being undone";
      return out;
    }
    const std::size_t a = edit.span.begin - block.span.begin;
    const std::size_t b = edit.span.end - block.span.begin;
    auto last = split_at(out.segments, b);
    auto first = split_at(out.segments, a);
    for (auto it = first; it != last; ++it) {
      if (it->edit >= 0) {
        out.absorbed[k].insert(it->edit);
        out.absorbed[k].insert(out.absorbed[static_cast<std::size_t>(it->edit)].begin(),
                               out.absorbed[static_cast<std::size_t>(it->edit)].end());
      }
    }
    out.segments.erase(first, last);
    out.segments.insert(last, Segment{static_cast<int>(k), 0, edit.before.size()});
    total = total - (b - a) + edit.before.size();
  }
  return out;
}

std::string_view segment_text(const Document& doc, const Block& block, const Segment& s) {
  if (s.edit < 0) return std::string_view(doc.text).substr(block.span.begin + s.begin, s.size());
  return std::string_view(block.edits[static_cast<std::size_t>(s.edit)].before)
      .substr(s.begin, s.size());
}

// ---- I4 reversibility ----

// The pre-normalisation text recomputed from the input: for each raw span, the decoded
// characters it covers [to_decoded(begin), to_decoded(end)), only those of RawDocument::visible
// (markup is not text), minus those whose first raw byte lies in a removed span (B-rule cuts).
// In an HTML body a character reference becomes its character. A front-matter value is read as
// YAML: quotes, escapes and line folding are syntax.
std::string source_text(const Checker& c, const std::vector<Span>& raw_spans) {
  const DecodedInput& decoded = c.raw.decoded;
  std::string out;
  for (Span span : raw_spans) {
    const std::size_t begin = to_decoded(decoded, span.begin);
    const std::size_t end = std::max(begin, to_decoded(decoded, span.end));
    if (c.source.in_front_matter(begin)) {
      std::string value;
      c.source.for_each(
          begin, end, [&](const SourceChar& ch) { value.append(decoded.text, ch.pos, ch.length); });
      out += yaml_value(value, begin > 0 ? decoded.text[begin - 1] : '\0');
      continue;
    }
    ForwardMap to_raw(decoded.to_raw);
    c.source.for_each(begin, end, [&](const SourceChar& ch) {
      if (ch.nothing || (c.mark_at(to_raw(ch.pos)) & kInRemoved)) return;
      if (ch.length > 1 && decoded.text[ch.pos] == '&') {
        util::append_utf8(out, ch.cp);
      } else {
        out.append(decoded.text, ch.pos, ch.length);
      }
    });
  }
  return out;
}

std::string without_tabs(std::string s) {
  std::erase(s, '\t');
  return s;
}

// The first byte where a and b differ, moved back to a character start.
std::size_t first_difference(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return char_start(a.size() > i ? a : b, i);
}

// Why the texts differ, shown at the first difference; with a hint when the difference goes away
// once the edits' own raw spans are counted as part of the block (the cleaner then left text that
// normalisation removed outside raw_spans).
std::string describe_mismatch(const Checker& c, const Block& block, std::size_t index,
                              const std::string& undone, const std::string& expected) {
  const std::size_t at = first_difference(undone, expected);
  const std::size_t from = char_start(undone, at > 12 ? at - 12 : 0);
  const std::size_t from_expected = char_start(expected, at > 12 ? at - 12 : 0);
  std::string message = "block " + std::to_string(index) + ": edits undone give " +
                        excerpt(undone, from, from + 48) + " but the source over raw_spans is " +
                        excerpt(expected, from_expected, from_expected + 48) + " (byte " +
                        std::to_string(at) + ")";
  std::vector<Span> widened = block.raw_spans;
  for (const Edit& edit : block.edits) widened.push_back(edit.raw_span);
  std::sort(widened.begin(), widened.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (Span s : widened) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  std::string wide = source_text(c, merged);
  if ((block.flags & kTableRow) != 0) wide = without_tabs(std::move(wide));
  if (wide == undone) message += "; equal once the edits' raw spans are added to raw_spans";
  return message;
}

// Every character of the block (cell TABs excluded) has its raw_offset inside one of the block's
// raw_spans (§6: "the raw ranges their characters come from"). One report per block.
void check_sources_in_spans(Checker& c, const Block& block, std::size_t index,
                            ForwardMap& offsets) {
  const std::vector<Span>& spans = block.raw_spans;
  for (std::size_t pos = block.span.begin; pos < block.span.end && pos < c.doc.text.size();) {
    Utf8Char ch = decode_utf8(c.doc.text, pos);
    const std::size_t r = offsets(pos);
    auto it = std::upper_bound(spans.begin(), spans.end(), r,
                               [](std::size_t p, const Span& s) { return p < s.begin; });
    const bool inside = it != spans.begin() && r < std::prev(it)->end;
    if (ch.cp != '\t' && !inside) {
      c.report.add("I4",
                   "block " + std::to_string(index) + ": the character at text byte " +
                       std::to_string(pos) + " " + excerpt_around(c.doc.text, pos) +
                       " maps to raw " + std::to_string(r) + ", outside the block's raw_spans",
                   Span{r, r + 1});
      return;
    }
    pos += ch.length;
  }
}

void check_reversibility(Checker& c) {
  ForwardMap offsets(c.doc.offsets);
  for (std::size_t i = 0; i < c.doc.blocks.size(); ++i) {
    const Block& block = c.doc.blocks[i];
    if (block.span.end > c.doc.text.size() || block.span.begin > block.span.end) continue;  // I11
    if (i == 0 && !c.markup_title.empty()) continue;
    if (block.raw_spans.empty()) {
      c.report.add("I4", "block " + std::to_string(i) + " has no raw_spans: " +
                             excerpt(c.doc.text, block.span.begin, block.span.end));
      continue;
    }
    Undone undone = undo_edits(block);
    if (!undone.error.empty()) {
      c.report.add("I4", "block " + std::to_string(i) + ": " + undone.error);
      continue;
    }
    std::string before;
    for (const Segment& s : undone.segments) before += segment_text(c.doc, block, s);
    std::string expected = source_text(c, block.raw_spans);
    if ((block.flags & kTableRow) != 0) {  // cell TABs are synthetic: no source to compare with
      before = without_tabs(std::move(before));
      expected = without_tabs(std::move(expected));
    }
    if (before != expected) {
      c.report.add("I4", describe_mismatch(c, block, i, before, expected), block.raw_spans.front());
    }
    check_sources_in_spans(c, block, i, offsets);
  }
}

// ---- I5 only whitelisted rules change letters or digits ----

bool is_rule(std::string_view rule, std::initializer_list<std::string_view> rules) {
  return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

// A stretch where the undone text and the final text differ: the final text between two
// unchanged pieces, and the `before`s of the edits that stand there (with the edits they absorbed).
struct Gap {
  std::size_t final_begin = 0;
  std::size_t final_end = 0;
  std::string before;
  std::set<int> edits;
};

// The significant characters of `before` and of the final text must be equal. Where they differ,
// a P3, P4 or P6 edit must stand in the gap and no other edit there may have had significant
// characters in its `before`; where Han characters differ, a P4 or P6 edit must stand there and
// no other edit may have had Han in its `before`. (An edit of another rule that only inserted
// letters next to a whitelisted edit is not told apart: the gap is the finest unit.)
void check_gap(Checker& c, const Block& block, std::size_t index, const Gap& gap) {
  std::string_view after =
      std::string_view(c.doc.text)
          .substr(block.span.begin + gap.final_begin, gap.final_end - gap.final_begin);
  if (significant_of(after) == significant_of(gap.before)) return;
  bool whitelisted = false, han_whitelisted = false, other = false, other_han = false;
  std::string rules;
  Span raw;
  for (int e : gap.edits) {
    const Edit& edit = block.edits[static_cast<std::size_t>(e)];
    rules += (rules.empty() ? "" : ",") + edit.rule;
    if (raw.empty()) raw = edit.raw_span;
    const bool p346 = is_rule(edit.rule, {"P3", "P4", "P6"});
    const bool p46 = is_rule(edit.rule, {"P4", "P6"});
    whitelisted |= p346;
    han_whitelisted |= p46;
    other |= !p346 && !significant_of(edit.before).empty();
    other_han |= !p46 && !significant_of(edit.before, true).empty();
  }
  const std::string change = excerpt(gap.before, 0, gap.before.size()) + " → " +
                             excerpt(after, 0, after.size()) + " (edits " +
                             (rules.empty() ? "none" : rules) + ")";
  if (!whitelisted || other) {
    c.report.add("I5",
                 "block " + std::to_string(index) +
                     ": letters or digits changed outside P3/P4/P6: " + change,
                 raw);
  } else if (significant_of(after, true) != significant_of(gap.before, true) &&
             (!han_whitelisted || other_han)) {
    c.report.add(
        "I5",
        "block " + std::to_string(index) + ": Han characters changed outside P4/P6: " + change,
        raw);
  }
}

void check_block_letters(Checker& c, const Block& block, std::size_t index) {
  Undone undone = undo_edits(block);
  if (!undone.error.empty()) return;  // I4 reports it
  Gap gap;
  auto close = [&](std::size_t final_end) {
    gap.final_end = std::max(final_end, gap.final_begin);
    if (!gap.edits.empty() || gap.final_end > gap.final_begin) check_gap(c, block, index, gap);
  };
  for (const Segment& s : undone.segments) {
    if (s.edit >= 0) {
      gap.before += segment_text(c.doc, block, s);
      gap.edits.insert(s.edit);
      const auto& absorbed = undone.absorbed[static_cast<std::size_t>(s.edit)];
      gap.edits.insert(absorbed.begin(), absorbed.end());
      continue;
    }
    close(s.begin);
    gap = Gap{};
    gap.final_begin = s.end;
  }
  close(block.span.size());
}

void check_letters(Checker& c) {
  for (std::size_t i = 0; i < c.doc.blocks.size(); ++i) {
    const Block& block = c.doc.blocks[i];
    if (block.edits.empty() || block.span.end > c.doc.text.size()) continue;
    check_block_letters(c, block, i);
  }
}

// ---- I6 no fusion ----

constexpr std::size_t kNoReaderBlock = SIZE_MAX;

struct PieceRange {
  std::size_t begin = 0;  // raw
  std::size_t end = 0;
  std::size_t block = 0;  // index into RawDocument::blocks
};

std::vector<PieceRange> reader_pieces(const RawDocument& raw) {
  std::vector<PieceRange> pieces;
  for (std::size_t b = 0; b < raw.blocks.size(); ++b) {
    for (const Piece& piece : raw.blocks[b].pieces) {
      if (piece.end <= piece.begin) continue;  // a synthetic TAB has no source
      Span r = raw_of(raw.decoded, Span{piece.begin, piece.end});
      pieces.push_back(PieceRange{r.begin, r.end, b});
    }
  }
  std::sort(pieces.begin(), pieces.end(),
            [](const PieceRange& a, const PieceRange& b) { return a.begin < b.begin; });
  return pieces;
}

std::size_t reader_block_at(const std::vector<PieceRange>& pieces, std::size_t raw_pos) {
  auto it = std::upper_bound(pieces.begin(), pieces.end(), raw_pos,
                             [](std::size_t p, const PieceRange& r) { return p < r.begin; });
  if (it == pieces.begin() || raw_pos >= std::prev(it)->end) return kNoReaderBlock;
  return std::prev(it)->block;
}

std::string reader_block_name(std::size_t block) {
  return block == kNoReaderBlock ? "none" : std::to_string(block);
}

// Two neighbouring characters of one output block (cell TABs skipped) must come from the same
// reader block: the one whose pieces (raw.blocks[i].pieces, mapped to raw) hold their raw_offset,
// unless the output block carries page_join, title_wrap_merged or line_join. A character outside
// every piece (a front-matter title) belongs to no reader block; two such characters may meet.
void check_no_fusion(Checker& c) {
  const std::vector<PieceRange> pieces = reader_pieces(c.raw);
  ForwardMap offsets(c.doc.offsets);
  for (std::size_t i = 0; i < c.doc.blocks.size(); ++i) {
    const Block& block = c.doc.blocks[i];
    if ((block.flags & kJoinFlags) != 0) continue;
    std::size_t previous = kNoReaderBlock;
    bool first = true;
    for (std::size_t pos = block.span.begin; pos < block.span.end && pos < c.doc.text.size();) {
      Utf8Char ch = decode_utf8(c.doc.text, pos);
      if (ch.cp != '\t') {
        const std::size_t r = offsets(pos);
        const std::size_t reader = reader_block_at(pieces, r);
        if (!first && reader != previous) {
          c.report.add("I6",
                       "block " + std::to_string(i) + " joins reader blocks " +
                           reader_block_name(previous) + " and " + reader_block_name(reader) +
                           " without a join flag at " + excerpt_around(c.doc.text, pos),
                       Span{r, r + 1});
        }
        previous = reader;
        first = false;
      }
      pos += ch.length;
    }
  }
}

// ---- I8 metadata provenance ----

std::string decoded_of_raw(const Checker& c, Span raw_span) {
  const DecodedInput& decoded = c.raw.decoded;
  const std::size_t begin = to_decoded(decoded, raw_span.begin);
  const std::size_t end = std::max(begin, to_decoded(decoded, raw_span.end));
  return decoded.text.substr(begin, end - begin);
}

// The front-matter value whose span is `raw_span`, if any (the unescaped string the reader saw).
const std::string* front_matter_value(const RawDocument& raw, Span raw_span) {
  for (const FrontMatterEntry& entry : raw.front_matter.entries) {
    for (std::size_t i = 0; i < entry.values.size() && i < entry.value_spans.size(); ++i) {
      if (raw_of(raw.decoded, entry.value_spans[i]) == raw_span) return &entry.values[i];
    }
  }
  return nullptr;
}

// The value of a Field is its `raw` normalised by N1, N2, P3, P5, P6 (§4 intro). A front-matter
// value (rule R1) is compared whole, from the YAML string the reader unescaped. Other rules take
// a part of their line (names without codes, an outlet without its "（ID：…）"), so their value
// must be a non-empty part of the normalised raw. The title is skipped: its value is the title
// block's text, after N9.
void check_field_value(Checker& c, const MetaItem& item) {
  const Field& field = *item.field;
  if (item.name == "title") return;
  if (field.raw.empty()) {
    c.report.add("I8", "meta " + item.name + " has an empty raw string");
    return;
  }
  if (field.rule == "R1") {
    const std::string* yaml =
        item.spans.empty() ? nullptr : front_matter_value(c.raw, item.spans[0]);
    const std::string expected = normalize_meta(yaml != nullptr ? *yaml : field.raw);
    if (field.value != expected) {
      c.report.add("I8",
                   "meta " + item.name + " value " + excerpt(field.value, 0, 96) +
                       " is not its normalised raw " + excerpt(expected, 0, 96),
                   item.spans.empty() ? Span{} : item.spans[0]);
    }
    return;
  }
  if (field.value.empty() || normalize_meta(field.raw).find(field.value) == std::string::npos) {
    c.report.add("I8",
                 "meta " + item.name + " value " + excerpt(field.value, 0, 96) +
                     " is not part of its normalised raw " + excerpt(field.raw, 0, 96),
                 item.spans.empty() ? Span{} : item.spans[0]);
  }
}

// The offset a date without a zone was given: the "±HH:MM" at the end of its iso form.
std::string assumed_offset(const DateField& date) {
  const std::string& iso = date.iso;
  if (iso.size() > 6 && (iso[iso.size() - 6] == '+' || iso[iso.size() - 6] == '-') &&
      iso[iso.size() - 3] == ':') {
    return iso.substr(iso.size() - 6);
  }
  return "+08:00";
}

// Parsing `raw` again gives the stored date (iso, precision, zone kind). Published and issued
// dates only: a print edition's raw is its whole B16 line.
void check_date_value(Checker& c, const MetaItem& item) {
  const DateField& date = *item.date;
  if (date.iso.empty() || item.name.starts_with("print_edition")) return;
  std::optional<DateField> parsed = parse_date(date.raw, assumed_offset(date));
  if (!parsed || parsed->iso != date.iso || parsed->precision != date.precision ||
      parsed->tz_explicit != date.tz_explicit) {
    c.report.add("I8",
                 "meta " + item.name + ": raw " + excerpt(date.raw, 0, 64) + " parses to " +
                     (parsed ? parsed->iso : std::string("nothing")) + ", not the stored " +
                     date.iso,
                 item.spans.empty() ? Span{} : item.spans[0]);
  }
}

// A person's name must be in the normalised source text of its raw span.
void check_person(Checker& c, const MetaItem& item) {
  const Person& person = *item.person;
  const Span span = person.raw_span;
  if (person.name.empty() ||
      normalize_meta(decoded_of_raw(c, span)).find(normalize_meta(person.name)) ==
          std::string::npos) {
    c.report.add("I8",
                 "meta " + item.name + " name " + excerpt(person.name, 0, 48) +
                     " is not in its raw span " + excerpt(decoded_of_raw(c, span), 0, 96),
                 span);
  }
}

void check_meta_spans(Checker& c, const MetaItem& item) {
  if (item.spans.empty()) {
    c.report.add("I8", "meta " + item.name + " (rule " + item.rule + ") has no raw spans");
    return;
  }
  for (Span span : item.spans) {
    if (span.empty() || span.end > c.input.size()) {
      c.report.add("I8",
                   "meta " + item.name + " has raw span " + span_string(span) +
                       ", empty or past the input (" + std::to_string(c.input.size()) + ")",
                   span);
    }
  }
}

// §3: B4, B5 and B6 (original title) move a value and drop its label, which gets its own removed
// record with the same rule and label = true. B5's "本文来自OUTLET，…" form has no label, and
// neither has an H3 date line (B15 "or an H3 date-and-source line"), so B15 is not required.
bool needs_label(const Checker& c, const MetaItem& item) {
  if ((item.flags & (kFieldCopy | kFieldFromComment)) != 0) return false;
  if (item.name == "editor" && item.rule == "B4") return true;
  if (item.name == "original_title" && item.rule == "B6") return true;
  if (item.name != "source_outlet" || item.rule != "B5") return false;
  return std::none_of(c.doc.removed.begin(), c.doc.removed.end(), [](const Removed& r) {
    return r.rule == "B5" && !r.label && r.text.starts_with("本文来自");
  });
}

void check_labels(Checker& c) {
  static constexpr std::array<std::string_view, 7> kMovers = {"B4",  "B5",  "B6", "B7",
                                                              "B14", "B15", "B16"};
  for (const MetaItem& item : c.meta) {
    if (!needs_label(c, item)) continue;
    const bool found =
        std::any_of(c.doc.removed.begin(), c.doc.removed.end(),
                    [&](const Removed& r) { return r.label && r.rule == item.rule; });
    if (!found) {
      c.report.add("I8",
                   "meta " + item.name + " was moved by " + item.rule +
                       " but no removed record holds its label",
                   item.spans.empty() ? Span{} : item.spans[0]);
    }
  }
  for (const Removed& r : c.doc.removed) {
    if (!r.label) continue;
    const bool mover = std::find(kMovers.begin(), kMovers.end(), r.rule) != kMovers.end();
    const bool moved =
        std::any_of(c.meta.begin(), c.meta.end(), [&](const MetaItem& item) {
          return item.rule == r.rule || (item.person != nullptr && mover);
        }) ||
        // a line whose value lost to a value of higher precedence (M2): both parts are removed
        std::any_of(c.doc.removed.begin(), c.doc.removed.end(),
                    [&](const Removed& other) { return !other.label && other.rule == r.rule; });
    if (!mover || !moved) {
      c.report.add("I8",
                   "label record " + excerpt(r.text, 0, 48) + " (rule " + r.rule +
                       ") belongs to no moved meta value",
                   r.raw_span);
    }
  }
}

// Every meta value from the input has non-empty raw spans inside the input; its value comes from
// its raw (check_field_value, check_date_value, check_person); every moved label is in removed.
void check_meta(Checker& c) {
  for (const MetaItem& item : c.meta) {
    if (!from_input(item)) continue;
    check_meta_spans(c, item);
    if (item.field != nullptr) check_field_value(c, item);
    if (item.date != nullptr) check_date_value(c, item);
    if (item.person != nullptr) check_person(c, item);
  }
  check_labels(c);
}

// ---- I9 closed rule set ----

void check_record(Checker& c, std::string_view what, const std::string& rule, Span raw_span) {
  if (!is_rule_id(rule)) {
    c.report.add(
        "I9",
        std::string(what) + " names rule \"" + rule + "\", which is not an id of spec/cleaning.md",
        raw_span);
  }
  if (raw_span.empty() || raw_span.end > c.input.size()) {
    c.report.add("I9",
                 std::string(what) + " (rule " + rule + ") has raw span " + span_string(raw_span) +
                     ", empty or past the input",
                 raw_span);
  }
}

// Every removed record and every edit names a rule of the closed list and has a non-empty raw
// span inside the input; no block or field sets a flag bit outside §6's list.
void check_closed_lists(Checker& c) {
  for (const Removed& r : c.doc.removed) {
    check_record(c, "removed record " + excerpt(r.text, 0, 40), r.rule, r.raw_span);
  }
  for (std::size_t i = 0; i < c.doc.blocks.size(); ++i) {
    const Block& block = c.doc.blocks[i];
    for (const Edit& edit : block.edits) {
      check_record(c, "an edit of block " + std::to_string(i), edit.rule, edit.raw_span);
    }
    if ((block.flags & ~kKnownBlockFlags) != 0) {
      c.report.add("I9", "block " + std::to_string(i) + " has unknown flag bits " +
                             std::to_string(block.flags & ~kKnownBlockFlags));
    }
  }
  for (const MetaItem& item : c.meta) {
    if ((item.flags & ~kKnownFieldFlags) != 0) {
      c.report.add("I9", "meta " + item.name + " has unknown flag bits " +
                             std::to_string(item.flags & ~kKnownFieldFlags));
    }
  }
}

// ---- I11 well-formed output ----

void check_encoding(Checker& c) {
  const std::string& text = c.doc.text;
  RunCollector controls(c.report, "I11", text);
  for (std::size_t pos = 0; pos < text.size();) {
    Utf8Char ch = decode_utf8(text, pos);
    if (!ch.valid) {
      c.report.add("I11",
                   "text is not valid UTF-8 at byte " + std::to_string(pos) + " " +
                       excerpt_around(text, pos),
                   Span{c.doc.raw_offset(pos), c.doc.raw_offset(pos)});
      return;  // the checks below need valid UTF-8
    }
    if (ch.cp != '\n' && ch.cp != '\t' &&
        u_charType(static_cast<UChar32>(ch.cp)) == U_CONTROL_CHAR) {
      controls.add("control characters in text", Span{pos, pos + ch.length},
                   Span{c.doc.raw_offset(pos), c.doc.raw_offset(pos) + 1});
    } else {
      controls.flush();
    }
    pos += ch.length;
  }
  controls.flush();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status) &&
      !normalizer->isNormalizedUTF8(
          icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status)) {
    c.report.add("I11", "text is not in NFC");
  }
}

bool is_white(char32_t cp) { return u_isUWhiteSpace(static_cast<UChar32>(cp)) != 0; }

// The blocks tile `text`: each starts right after the previous one's '\n', none is empty, holds a
// '\n', or starts or ends with whitespace, and TAB stands only in table rows (§6).
void check_block(Checker& c, const Block& block, std::size_t index) {
  const std::string& text = c.doc.text;
  const std::string name = "block " + std::to_string(index);
  if (block.span.empty()) {
    c.report.add("I11", name + " is empty");
    return;
  }
  std::string_view s = std::string_view(text).substr(block.span.begin, block.span.size());
  const std::size_t last = char_start(s, s.size() - 1);
  if (is_white(decode_utf8(s, 0).cp) || is_white(decode_utf8(s, last).cp)) {
    c.report.add("I11",
                 name + " starts or ends with whitespace: " +
                     excerpt(text, block.span.begin, block.span.end),
                 Span{c.doc.raw_offset(block.span.begin), c.doc.raw_offset(block.span.begin)});
  }
  if (s.find('\n') != std::string_view::npos) {
    c.report.add("I11", name + " holds a line break: " + excerpt(s, 0, s.size()));
  }
  if ((block.flags & kTableRow) == 0 && s.find('\t') != std::string_view::npos) {
    c.report.add("I11", name + " holds a TAB but is no table row: " + excerpt(s, 0, s.size()));
  }
}

void check_layout(Checker& c) {
  const std::string& text = c.doc.text;
  std::size_t expected = 0;
  for (std::size_t i = 0; i < c.doc.blocks.size(); ++i) {
    const Block& block = c.doc.blocks[i];
    if (block.span.begin != expected || block.span.end > text.size() ||
        block.span.end < block.span.begin) {
      c.report.add("I11", "block " + std::to_string(i) + " has span " + span_string(block.span) +
                              "; expected it to start at " + std::to_string(expected));
      return;  // the spans no longer tile the text: the checks below would only repeat this
    }
    check_block(c, block, i);
    expected = block.span.end + 1;
    if (i + 1 < c.doc.blocks.size() &&
        (block.span.end >= text.size() || text[block.span.end] != '\n')) {
      c.report.add("I11", "block " + std::to_string(i) + " is not followed by one '\\n'");
    }
  }
  const std::size_t end = c.doc.blocks.empty() ? 0 : c.doc.blocks.back().span.end;
  if (end != text.size()) {
    c.report.add("I11", "the blocks end at " + std::to_string(end) + ", the text at " +
                            std::to_string(text.size()));
  }
}

// For every format except text, none of the markup leftovers (§1.2 step 8, I11) nor the page
// marker occurs in `text`.
void check_markup(Checker& c) {
  if (c.doc.source.format == Format::kText) return;
  const std::string& text = c.doc.text;
  auto scan = [&](std::string_view needle) {
    for (std::size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + needle.size())) {
      c.report.add("I11",
                   "text holds \"" + std::string(needle) + "\" at byte " + std::to_string(at) +
                       " " + excerpt_around(text, at),
                   Span{c.doc.raw_offset(at), c.doc.raw_offset(at) + needle.size()});
    }
  };
  for (std::string_view needle : kMarkupLeftovers) scan(needle);
  if (!c.page_marker.empty()) scan(c.page_marker);
}

void check_well_formed(Checker& c) {
  check_encoding(c);
  check_layout(c);
  check_markup(c);
}

}  // namespace

std::vector<InvariantFailure> check_invariants(std::string_view input, const RawDocument& raw,
                                               const Document& doc, std::string_view page_marker) {
  Checker c{input, raw, doc, page_marker, VisibleSource(raw), meta_items(doc.meta), {}, {}, {}};
  c.markup_title = find_markup_title(raw, doc);
  build_marks(c);
  check_nothing_lost(c);
  check_no_duplication(c);
  check_order(c);
  check_reversibility(c);
  check_letters(c);
  check_no_fusion(c);
  check_meta(c);
  check_closed_lists(c);
  check_well_formed(c);
  return c.report.take();
}

}  // namespace tifa::clean
