#include "clean/boilerplate.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "clean/dates.hpp"
#include "clean/lines.hpp"
#include "clean/pieces.hpp"
#include "clean/unicode.hpp"
#include "util/utf8.hpp"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define TIFA_BOILERPLATE_SSE2 1
#endif

namespace tifa::clean {

namespace {

constexpr std::size_t kHeaderZone = 5;  // the first 5 text blocks of the body
constexpr std::size_t kTrailerZone = 4; // the last 4

// Where a block lies: the zones decide which line rules may apply (spec/cleaning.md §3).
struct Placement {
  bool header = false;
  bool trailer = false;
};

// Which line rules could match, from one scan over the line: each rule's forms contain one of
// its key words, and each key word starts with one of these characters.
struct Triggers {
  bool editor = false, source = false, original_title = false, credit = false, other_credit = false,
       date = false, print_edition = false, widget = false;
  bool any() const {
    return editor || source || original_title || credit || other_credit || date || print_edition || widget;
  }
};

// The trigger characters are ideographs (U+4E00-U+9FFF) besides 'A' and 'a': a table over that
// block gives each its rules, so a line is read by lead bytes without decoding anything else.
enum TriggerBit : std::uint8_t {
  kEditor = 1, kSource = 2, kOriginalTitle = 4, kCredit = 8, kOtherCredit = 16, kDate = 32,
  kPrintEdition = 64, kWidget = 128
};
constexpr char32_t kFirstIdeograph = 0x4E00;
constexpr auto kTriggerTable = [] {
  std::array<std::uint8_t, 0xA000 - kFirstIdeograph> table{};
  const auto set = [&table](std::u32string_view chars, std::uint8_t bits) {
    for (char32_t c : chars) table[c - kFirstIdeograph] |= bits;
  };
  set(U"编", kEditor);                      // 编辑 责编
  set(U"来", kSource | kDate);              // 来源 来自
  set(U"转", kSource);                      // 转自
  set(U"原", kOriginalTitle);               // 原标题
  set(U"记通文作", kCredit);                // 记者 通讯员 文 作者
  set(U"摄图排制主", kOtherCredit);          // 摄影 图表 排版 制片人 主编
  set(U"时期", kDate);                      // 时间 日期
  set(U"版", kPrintEdition);
  set(U"二客公纠分", kWidget);               // 二维码 客户端 公众号 纠错 分享 (and APP below)
  return table;
}();

// Whether a 64-character block of U+4000-U+9FFF holds a trigger character, by the first two
// bytes of the block's UTF-8 form (lead E4-E9, then the second byte): most ideographs of a line
// are passed over on these two bytes alone.
constexpr std::size_t trigger_block_of(char32_t c) { return ((c >> 12) - 4) * 64 + ((c >> 6) & 0x3F); }
constexpr auto kTriggerBlocks = [] {
  std::array<bool, 6 * 64> blocks{};
  for (char32_t c = kFirstIdeograph; c < 0xA000; ++c) {
    if (kTriggerTable[c - kFirstIdeograph] != 0) blocks[trigger_block_of(c)] = true;
  }
  return blocks;
}();

unsigned trigger_bits(std::string_view line) {
  unsigned bits = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(line.data());
  for (std::size_t pos = 0; pos < line.size();) {
    const unsigned lead = s[pos];
    if (lead < 0x80) {
      if (lead == 'A' || lead == 'a') bits |= kWidget;  // APP
      ++pos;
    } else if (lead >= 0xE4 && lead <= 0xE9 && pos + 2 < line.size()) {
      if (kTriggerBlocks[(lead - 0xE4) * 64 + (s[pos + 1] & 0x3Fu)]) {
        const char32_t c = ((lead & 0x0Fu) << 12) | ((s[pos + 1] & 0x3Fu) << 6) | (s[pos + 2] & 0x3Fu);
        if (c >= kFirstIdeograph) bits |= kTriggerTable[c - kFirstIdeograph];
      }
      pos += 3;
    } else {
      pos += util::sequence_length(static_cast<unsigned char>(lead));
    }
  }
  return bits;
}

Triggers triggers_from_bits(unsigned bits) {
  Triggers t;
  t.editor = (bits & kEditor) != 0;
  t.source = (bits & kSource) != 0;
  t.original_title = (bits & kOriginalTitle) != 0;
  t.credit = (bits & kCredit) != 0;
  t.other_credit = (bits & kOtherCredit) != 0;
  t.date = (bits & kDate) != 0;
  t.print_edition = (bits & kPrintEdition) != 0;
  t.widget = (bits & kWidget) != 0;
  return t;
}

Triggers triggers_of(std::string_view line) { return triggers_from_bits(trigger_bits(line)); }

// Whether `line` may hold a B3 trigger (二 客 公 纠 分, 'A', 'a'), by byte patterns: never false
// when trigger_bits would set kWidget (a lead byte E4, E5 or E7 only starts a character), and far
// cheaper for the lines outside the zones, which hold none as a rule. With SSE2 sixteen positions
// are tested at once; the last (fewer than 18) bytes one by one.
bool may_hold_widget_trigger(std::string_view line) {
  const auto* s = reinterpret_cast<const unsigned char*>(line.data());
  std::size_t pos = 0;
#ifdef TIFA_BOILERPLATE_SSE2
  const auto splat = [](unsigned byte) { return _mm_set1_epi8(static_cast<char>(byte)); };
  const auto load = [s](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at)); };
  const __m128i lead_e4 = splat(0xE4), lead_e5 = splat(0xE5), lead_e7 = splat(0xE7), second_ba = splat(0xBA),
                second_ae = splat(0xAE), second_85 = splat(0x85), second_88 = splat(0x88), third_8c = splat(0x8C),
                third_a2 = splat(0xA2), third_ac = splat(0xAC), third_a0 = splat(0xA0), third_86 = splat(0x86),
                lower_a = splat('a'), case_bit = splat(0x20);
  for (; pos + 18 <= line.size(); pos += 16) {
    const __m128i first = load(pos), second = load(pos + 1), third = load(pos + 2);
    const __m128i after_ba = _mm_cmpeq_epi8(second, second_ba);
    const __m128i e4 = _mm_and_si128(_mm_cmpeq_epi8(first, lead_e4),  // 二 E4 BA 8C
                                     _mm_and_si128(after_ba, _mm_cmpeq_epi8(third, third_8c)));
    const __m128i e7 = _mm_and_si128(_mm_cmpeq_epi8(first, lead_e7),  // 纠 E7 BA A0
                                     _mm_and_si128(after_ba, _mm_cmpeq_epi8(third, third_a0)));
    const __m128i e5_tails = _mm_or_si128(  // 客 E5 AE A2, 公 E5 85 AC, 分 E5 88 86
        _mm_and_si128(_mm_cmpeq_epi8(second, second_ae), _mm_cmpeq_epi8(third, third_a2)),
        _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(second, second_85), _mm_cmpeq_epi8(third, third_ac)),
                     _mm_and_si128(_mm_cmpeq_epi8(second, second_88), _mm_cmpeq_epi8(third, third_86))));
    const __m128i e5 = _mm_and_si128(_mm_cmpeq_epi8(first, lead_e5), e5_tails);
    const __m128i letter_a = _mm_cmpeq_epi8(_mm_or_si128(first, case_bit), lower_a);  // 'A' or 'a'
    const __m128i hits = _mm_or_si128(_mm_or_si128(e4, e7), _mm_or_si128(e5, letter_a));
    if (_mm_movemask_epi8(hits) != 0) return true;
  }
#endif
  for (; pos < line.size(); ++pos) {
    if ((s[pos] | 0x20u) == 'a') return true;
    if (s[pos] >= 0xE4 && pos + 2 < line.size()) {
      const char32_t c = ((s[pos] & 0x0Fu) << 12) | ((s[pos + 1] & 0x3Fu) << 6) | (s[pos + 2] & 0x3Fu);
      if (c >= kFirstIdeograph && c < 0xA000 && (kTriggerTable[c - kFirstIdeograph] & kWidget) != 0) return true;
    }
  }
  return false;
}

// From the first name to the last of a credit line: the part whose home is meta (reporters,
// credits); what lies between names is separators.
Span names_hull(const LineMatch& match) {
  if (match.people.empty()) return Span{};
  return Span{match.people.front().span.begin, match.people.back().span.end};
}

class LineRules {
 public:
  explicit LineRules(CleanState& state) : state_(state) {}
  void run();

 private:
  std::vector<Placement> placements() const;
  bool apply_metadata_line(std::size_t index, const Placement& where);
  void apply_inline_rules(std::size_t index, std::size_t first_text, std::size_t last_text);
  void infer_subtitle(std::size_t index);
  bool drop_widget(std::size_t index);
  bool apply_widget_phrase(std::size_t index);

  // Moves a matched line: the value spans go to meta (the caller stores them), the label to
  // `removed` with label = true, whatever else the block holds to `removed` as well.
  // At most three values are kept (a value, a code or an extra part, a label); empty spans are
  // none.
  void move_line(std::size_t index, const LineMatch& match, const char* rule, std::array<Span, 3> kept);
  Field field_from(const DraftBlock& block, Span value, std::string text, const char* rule);
  std::vector<Person> people_from(const DraftBlock& block, const LineMatch& match,
                                  std::uint32_t flags) const;
  void add_people(std::vector<Person>& to, std::vector<Person> people);
  void set_published(DateField date, const char* rule, const DraftBlock& block, Span value);
  Span take_source_label(std::size_t index, Span between);
  bool apply_page_date_line(std::size_t index, std::string_view line);

  const RawBlock* raw(std::size_t index) const { return state_.raw_block(state_.blocks[index]); }
  std::string text(std::size_t index) const { return state_.text_of(state_.blocks[index]); }
  bool has_class(std::size_t index, std::string_view cls) const {
    const RawBlock* block = raw(index);
    return block != nullptr && block->css_class.find(cls) != std::string::npos;
  }

  CleanState& state_;
  std::string line_scratch_;  // the text of the line apply_metadata_line looks at, when built
  // The text of the block field_from and move_line work on, when built: not line_scratch_, which
  // may still hold the line their caller matched.
  std::string field_scratch_;
  std::string move_scratch_;
  std::string neighbour_scratch_;  // the text of the block after a subtitle candidate
};

std::vector<Placement> LineRules::placements() const {
  const auto has_text = [](const DraftBlock& block) { return !block.pieces.empty(); };
  const auto text_blocks = static_cast<std::size_t>(std::count_if(state_.blocks.begin(), state_.blocks.end(), has_text));
  std::vector<Placement> out(state_.blocks.size());
  std::size_t n = 0;  // text blocks before block i
  for (std::size_t i = 0; i < state_.blocks.size(); ++i) {
    if (!has_text(state_.blocks[i])) continue;
    out[i].header = n < kHeaderZone;
    out[i].trailer = n + kTrailerZone >= text_blocks;
    if (const RawBlock* block = raw(i)) {
      // On whole pages the H zones say where the header and trailer are.
      if (block->zone == Zone::kHeader) out[i].header = true;
      if (block->zone == Zone::kTrailer) out[i].trailer = true;
    }
    ++n;
  }
  return out;
}

void LineRules::run() {
  std::vector<Placement> where = placements();
  for (std::size_t i = 0; i < state_.blocks.size(); ++i) {
    if (state_.blocks[i].pieces.empty()) continue;
    apply_metadata_line(i, where[i]);
  }
  std::size_t first_text = SIZE_MAX, last_text = SIZE_MAX;
  for (std::size_t i = 0; i < state_.blocks.size(); ++i) {
    if (state_.blocks[i].pieces.empty() || state_.blocks[i].type != BlockType::kParagraph) continue;
    if (first_text == SIZE_MAX) first_text = i;
    last_text = i;
  }
  if (first_text == SIZE_MAX) return;
  // apply_inline_rules looks at the first paragraph, the last, and blocks with fewer than two
  // non-empty blocks before them (from first_text) or after them (up to last_text); the blocks in
  // the middle are passed over here. A block changes only in its own turn, so those after it are
  // as they are now: a block before `second_last`, the last non-empty block before last_text, has
  // two after it. The ones before it are counted as the turns go.
  std::size_t second_last = first_text;  // none: no block has two after it
  for (std::size_t i = last_text; i > first_text;) {
    if (!state_.blocks[--i].pieces.empty()) {
      second_last = i;
      break;
    }
  }
  std::size_t non_empty_before = 0;
  for (std::size_t i = first_text; i <= last_text; ++i) {
    const bool middle = i != first_text && i != last_text && non_empty_before >= 2 && i < second_last;
    if (!middle) apply_inline_rules(i, first_text, last_text);
    non_empty_before += !state_.blocks[i].pieces.empty();
  }
}

Field LineRules::field_from(const DraftBlock& block, Span value, std::string text, const char* rule) {
  Field field;
  const std::string_view block_text = pieces_view(state_.decoded(), block.pieces, field_scratch_);
  if (value.end <= block_text.size()) field.raw.assign(block_text.substr(value.begin, value.size()));
  field.value = std::move(text);
  field.rule = rule;
  for_each_source(block.pieces, value, [&](Span source) { field.raw_spans.push_back(state_.to_raw(source)); });
  return field;
}

std::vector<Person> LineRules::people_from(const DraftBlock& block, const LineMatch& match,
                                           std::uint32_t flags) const {
  std::vector<Person> people;
  for (const PersonMatch& match_person : match.people) {
    Person person;
    person.name = match_person.name;
    person.role = match_person.role;
    person.affiliation = match_person.affiliation;
    Span source = source_hull(state_.decoded(), block.pieces, match_person.span);
    person.raw_span = state_.to_raw(source);
    person.flags = flags | (match_person.unsplit ? std::uint32_t{kFieldNamesUnsplit} : 0u);
    people.push_back(std::move(person));
  }
  return people;
}

void LineRules::add_people(std::vector<Person>& to, std::vector<Person> people) {
  for (Person& person : people) {
    bool known = std::any_of(to.begin(), to.end(), [&](const Person& p) { return p.name == person.name; });
    if (!known) to.push_back(std::move(person));
  }
}

void LineRules::move_line(std::size_t index, const LineMatch& match, const char* rule, std::array<Span, 3> kept) {
  DraftBlock& block = state_.blocks[index];
  const std::string_view block_text = state_.text_view(block, move_scratch_);
  // Everything of the block that is not a kept value goes to `removed`; the label is marked.
  // The non-empty values in order of their begin (an insertion sort: equal begins keep their order).
  const auto kept_end = std::remove_if(kept.begin(), kept.end(), [](const Span& s) { return s.empty(); });
  const std::span<Span> kept_spans(kept.begin(), kept_end);
  for (std::size_t i = 1; i < kept_spans.size(); ++i) {
    const Span value = kept_spans[i];
    std::size_t at = i;
    for (; at > 0 && value.begin < kept_spans[at - 1].begin; --at) kept_spans[at] = kept_spans[at - 1];
    kept_spans[at] = value;
  }
  std::size_t pos = 0;
  auto drop = [&](Span range) {
    if (range.empty() || util::is_blank_text(block_text.substr(range.begin, range.size())))
      return;
    bool is_label = !match.label.empty() && range.begin <= match.label.begin && match.label.end <= range.end;
    for_each_source(block.pieces, range, [&](Span source) { state_.remove(rule, source, is_label); });
  };
  for (Span value : kept_spans) {
    if (value.begin > pos) {
      // Split the leftover around the label so the label gets its own record.
      Span leftover{pos, value.begin};
      if (!match.label.empty() && match.label.begin >= leftover.begin && match.label.end <= leftover.end) {
        drop(Span{leftover.begin, match.label.begin});
        drop(match.label);
        drop(Span{match.label.end, leftover.end});
      } else {
        drop(leftover);
      }
    }
    pos = std::max(pos, value.end);
  }
  if (pos < block_text.size()) {
    Span leftover{pos, block_text.size()};
    if (!match.label.empty() && match.label.begin >= leftover.begin && match.label.end <= leftover.end) {
      drop(Span{leftover.begin, match.label.begin});
      drop(match.label);
      drop(Span{match.label.end, leftover.end});
    } else {
      drop(leftover);
    }
  }
  block.pieces.clear();
}

// The "来源：" label of a source part that shares its line with another rule's value (a B15 date
// line, a B6 original title): it is recorded as B5's label. Returns its span in the block text.
Span LineRules::take_source_label(std::size_t index, Span between) {
  std::string line = text(index);
  if (between.end > line.size() || between.begin >= between.end) return Span{};
  std::size_t at = std::string_view(line).substr(between.begin, between.size()).find("来源");
  if (at == std::string_view::npos) return Span{};
  Span label{between.begin + at, between.end};
  for (Span source : source_of(state_.decoded(), state_.blocks[index].pieces, label))
    state_.remove("B5", source, true);
  return label;
}

// H3 on whole pages: a short header-zone line that starts with a date ("2019-09-24 09:10",
// "2019年11月25日 16:04:30", "2020-06-05 20:35 叨叨姐") is the page's date line. The date goes to
// published_at (B15); the rest of the line (bylines, view counts) leaves the text with it.
bool LineRules::apply_page_date_line(std::size_t index, std::string_view line) {
  const RawBlock* raw_block = raw(index);
  if (raw_block == nullptr || !state_.raw.html_page) return false;
  const std::size_t start = leading_space_bytes(line);
  const std::size_t end = line.size() - trailing_space_bytes(std::string_view(line).substr(start));
  if (code_points(line.substr(start, end - start)) > 60) return false;
  const DatePrefix prefix = find_date_prefix(line.substr(start));
  if (!prefix) return false;
  const Span date_span{start, start + prefix.length};
  // Outside the H3 zone proper (a date line at the top of the container), only a line whose rest
  // is no sentence: "2019年2月27日，市长…" is body text.
  std::string_view rest = line.substr(date_span.end, end - std::min(end, date_span.end));
  if (raw_block->zone != Zone::kHeader &&
      (code_points(rest) > 30 || rest.find("，") != std::string_view::npos ||
       rest.find("。") != std::string_view::npos || rest.find(",") != std::string_view::npos))
    return false;
  DateParse parse = parse_date_detailed(line.substr(date_span.begin, date_span.size()), state_.options.assume_offset);
  if (!parse.date) return false;
  DraftBlock& block = state_.blocks[index];
  DateField date = *parse.date;
  date.raw.assign(line.substr(date_span.begin, date_span.size()));
  for (Span source : source_of(state_.decoded(), block.pieces, date_span))
    date.raw_spans.push_back(state_.to_raw(source));
  set_published(std::move(date), "B15", block, date_span);
  LineMatch match;
  match.rule = "B15";
  move_line(index, match, "B15", {date_span});
  return true;
}

// A date line is a candidate for published_at (M2); if a date of higher precedence wins, the
// moved characters go to `removed` under the line's rule.
void LineRules::set_published(DateField date, const char* rule, const DraftBlock& block, Span value) {
  date.rule = rule;
  state_.dates.push_back({std::move(date), source_of(state_.decoded(), block.pieces, value), false});
}

// Metadata lines are short (B4, B5, B7, B14-B16 and B3 phrases: at most 60 code points, that
// is at most 240 bytes); only an original title or a "本文来自…" source may be longer. Long
// paragraphs are the bulk of every article, so they are turned away before any matcher runs.
// The first bytes of the pieces' text (enough for the checks below): a view into `decoded` when
// the first piece is verbatim and long enough (most paragraphs), else built in `scratch`.
std::string_view pieces_head(std::string_view decoded, const std::vector<Piece>& pieces, std::string& scratch) {
  constexpr std::size_t kHeadBytes = 64;
  if (!pieces.empty() && pieces.front().verbatim && pieces.front().end - pieces.front().begin >= kHeadBytes)
    return decoded.substr(pieces.front().begin, kHeadBytes);
  std::string& head = scratch;
  head.clear();
  for (const Piece& piece : pieces) {
    head += piece.verbatim ? decoded.substr(piece.begin, std::min<std::size_t>(piece.end - piece.begin, 64))
                           : std::string_view(piece.text);
    if (head.size() >= 64) break;
  }
  return head;
}

constexpr std::size_t kShortLineBytes = 4 * 60;

// Whether the first 64 bytes of a long line hold one of the forms that may be long.
bool opens_like_long_metadata(std::string_view head) {
  return mentions_any(head.substr(0, 64), {"原标题", "本文来自"});
}

bool may_be_metadata_line(std::string_view line) {
  return line.size() <= kShortLineBytes || opens_like_long_metadata(line);
}

bool LineRules::apply_metadata_line(std::size_t index, const Placement& where) {
  const std::vector<Piece>& pieces = state_.blocks[index].pieces;
  const bool by_editor_class = has_class(index, "article-editor");
  const bool by_source_class = has_class(index, "ori_titlesource") || has_class(index, "em_media");
  // Outside the zones and the Sina classes only the B3 phrases apply (most of an article's lines).
  if (!where.header && !where.trailer && !by_editor_class && !by_source_class) return apply_widget_phrase(index);
  std::string& scratch = line_scratch_;
  // A long line is judged by its head alone (the same verdict may_be_metadata_line gives below).
  if (text_size(pieces) > kShortLineBytes &&
      !opens_like_long_metadata(pieces_head(state_.decoded(), pieces, scratch)))
    return false;
  const std::string_view line = state_.text_view(state_.blocks[index], scratch);
  if (!may_be_metadata_line(line)) return false;
  DraftBlock& block = state_.blocks[index];
  Meta& meta = state_.doc.meta;
  const Triggers has = triggers_of(line);
  if (!has.any()) return where.header && apply_page_date_line(index, line);

  if (where.trailer || by_editor_class) {
    if (auto m = has.editor ? match_editor_line(line) : std::nullopt) {
      if (!meta.editor || (meta.editor->flags & kFieldFromComment) != 0) {
        meta.editor = field_from(block, m->value, std::move(m->value_text), "B4");
        Span code_span = m->code_span;
        if (!m->code.empty()) meta.editor_code = field_from(block, code_span, m->code, "B4");
        move_line(index, *m, "B4", {m->value, code_span});
      } else {
        move_line(index, *m, "B4", {});
      }
      return true;
    }
  }
  if (where.header || where.trailer || by_source_class) {
    if (auto m = has.source ? match_source_line(line) : std::nullopt) {
      if (!meta.source_outlet || (meta.source_outlet->flags & (kFieldFromComment | kFieldFromDateline |
                                                               kFieldFromTrailingCredit)) != 0) {
        meta.source_outlet = field_from(block, m->value, std::move(m->value_text), "B5");
        move_line(index, *m, "B5", {m->value});
      } else {
        move_line(index, *m, "B5", {});
      }
      return true;
    }
  }
  if (where.header || by_source_class) {
    if (auto m = has.original_title ? match_original_title(line) : std::nullopt) {
      meta.original_title = field_from(block, m->value, std::move(m->value_text), "B6");
      if (!m->extra.empty() && !m->extra_span.empty() && !meta.source_outlet) {
        // "原标题：… 来源：X" on one line: the tail is a source line (B5).
        meta.source_outlet = field_from(block, m->extra_span, m->extra, "B5");
        Span label = take_source_label(index, Span{m->value.end, m->extra_span.begin});
        move_line(index, *m, "B6", {m->value, m->extra_span, label});
      } else {
        move_line(index, *m, "B6", {m->value});
      }
      infer_subtitle(index);
      return true;
    }
  }
  if (where.header || where.trailer) {
    // (The count only for a line with a credit trigger.)
    if (has.credit && code_points(line) <= 60) {
      if (auto m = match_credit_line(line)) {
        bool correspondent = std::any_of(m->people.begin(), m->people.end(),
                                         [](const PersonMatch& p) { return p.role == "通讯员"; });
        bool keep_as_byline = state_.options.bylines == BylineMode::kBlock;
        std::uint32_t flags = keep_as_byline ? std::uint32_t{kFieldCopy} : 0u;
        add_people(correspondent ? meta.correspondents : meta.reporters, people_from(block, *m, flags));
        if (keep_as_byline) {
          block.type = BlockType::kByline;
        } else {
          move_line(index, *m, "B7", {names_hull(*m)});
        }
        return true;
      }
    }
    if (auto m = has.other_credit ? match_other_credit(line) : std::nullopt) {
      add_people(meta.credits, people_from(block, *m, 0));
      move_line(index, *m, "B14", {names_hull(*m)});
      return true;
    }
    if (auto m = has.print_edition ? match_print_edition(line) : std::nullopt) {
      PrintEdition edition;
      edition.outlet = field_from(block, m->value, std::move(m->value_text), "B16");
      edition.page = m->extra;
      if (auto date = parse_date(m->date_raw, state_.options.assume_offset)) {
        date->raw = m->date_raw;
        date->rule = "B16";
        for (Span source : source_of(state_.decoded(), block.pieces, m->date_span))
          date->raw_spans.push_back(state_.to_raw(source));
        edition.date = std::move(*date);
      }
      state_.doc.meta.print_edition = std::move(edition);
      move_line(index, *m, "B16", {m->value, m->date_span});
      return true;
    }
  }
  if (where.header) {
    if (auto m = has.date ? match_date_line(line) : std::nullopt) {
      DateParse parse = parse_date_detailed(m->date_raw, state_.options.assume_offset);
      if (parse.date) {
        DateField date = *parse.date;
        date.raw = m->date_raw;
        Span date_span = m->date_span.empty() ? m->value : m->date_span;
        for (Span source : source_of(state_.decoded(), block.pieces, date_span))
          date.raw_spans.push_back(state_.to_raw(source));
        set_published(std::move(date), "B15", block, date_span);
        if (!m->extra.empty() && !m->extra_span.empty() && !meta.source_outlet) {
          // The source part of a date-and-source header line is a source line (B5); its label
          // ("来源：") is the text between the date and the outlet.
          meta.source_outlet = field_from(block, m->extra_span, m->extra, "B5");
          Span label = take_source_label(index, Span{date_span.end, m->extra_span.begin});
          LineMatch rest = *m;
          if (!label.empty()) rest.label = Span{};
          move_line(index, rest, "B15", {date_span, m->extra_span, label});
        } else {
          move_line(index, *m, "B15", {date_span});
        }
        return true;
      }
    }
  }
  if (has.widget && code_points(line) <= 60 && is_widget_phrase(line)) return drop_widget(index);
  return where.header && apply_page_date_line(index, line);
}

// B3 outside the zones: a line of at most 60 code points (so at most 240 bytes) with one of the
// phrases; longer lines are turned away before their text is looked at.
bool LineRules::apply_widget_phrase(std::size_t index) {
  const DraftBlock& block = state_.blocks[index];
  if (text_size(block.pieces) > kShortLineBytes) return false;
  const std::string_view line = state_.text_view(block, line_scratch_);
  // The byte-pattern test first: it turns away nearly every line, and is cheaper than counting
  // the line's code points.
  return may_hold_widget_trigger(line) && code_points(line) <= 60 && triggers_of(line).widget &&
         is_widget_phrase(line) &&
         drop_widget(index);
}

// B3 by phrase: the whole block goes. Returns true (the block was a metadata line).
bool LineRules::drop_widget(std::size_t index) {
  DraftBlock& block = state_.blocks[index];
  for (const Piece& piece : block.pieces) state_.remove("B3", Span{piece.begin, piece.end});
  block.pieces.clear();
  return true;
}

// B6 subtitle: the block after 原标题 when it is short, unpunctuated, no other rule's line, and
// followed by a source line or a paragraph that opens with an inline byline.
void LineRules::infer_subtitle(std::size_t index) {
  std::size_t next = index + 1;
  while (next < state_.blocks.size() && state_.blocks[next].pieces.empty()) ++next;
  if (next + 1 >= state_.blocks.size()) return;
  // (Views, not copies: infer_subtitle is its caller's last step, so the line the caller matched
  // in line_scratch_ is done with.)
  const std::string_view candidate = state_.text_view(state_.blocks[next], line_scratch_);
  std::string_view core = candidate.substr(leading_space_bytes(candidate));
  core = core.substr(0, core.size() - trailing_space_bytes(core));
  if (code_points(core) > 40 || core.empty()) return;
  for (std::string_view end : {"。", "！", "？", "；", "，", "：", "…"}) {
    if (core.size() >= end.size() && core.compare(core.size() - end.size(), end.size(), end) == 0) return;
  }
  if (match_editor_line(candidate) || match_source_line(candidate) || match_credit_line(candidate)) return;
  const std::string_view after = state_.text_view(state_.blocks[next + 1], neighbour_scratch_);
  if (!match_source_line(after) && !match_byline_prefix(after)) return;
  DraftBlock& block = state_.blocks[next];
  std::size_t begin = leading_space_bytes(candidate);
  Span value{begin, begin + core.size()};
  Field subtitle = field_from(block, value, std::string(core), "B6");
  subtitle.flags |= kFieldSubtitleInferred;
  state_.doc.meta.subtitle = std::move(subtitle);
  block.pieces.clear();
}

void LineRules::apply_inline_rules(std::size_t index, std::size_t first_text, std::size_t last_text) {
  DraftBlock& block = state_.blocks[index];
  if (block.pieces.empty() || block.type != BlockType::kParagraph) return;
  Meta& meta = state_.doc.meta;
  // B18: a hashtag lead at the start of the first paragraph.
  if (index == first_text) {
    if (auto lead = match_hashtag_lead(state_.text_view(block, line_scratch_))) {
      for (Span source : cut(state_.decoded(), block.pieces, *lead)) state_.remove("B18", source);
    }
  }
  // B13 prefix forms in the first two paragraphs and trailing forms in the last two: only those
  // blocks are looked at (counting stops at two, so long documents stay linear).
  std::size_t ordinal = 0;
  for (std::size_t i = first_text; i < index && ordinal < 2; ++i) ordinal += !state_.blocks[i].pieces.empty();
  std::size_t from_end = 0;
  for (std::size_t i = index + 1; i <= last_text && from_end < 2; ++i) from_end += !state_.blocks[i].pieces.empty();
  if (ordinal >= 2 && from_end >= 2) return;
  std::string_view line = state_.text_view(block, line_scratch_);
  if (ordinal < 2) {
    if (auto m = match_byline_prefix(line)) {
      block.byline = m->whole;
      add_people(meta.reporters, people_from(block, *m, kFieldCopy));
      if (!meta.source_outlet && !m->value_text.empty()) {
        Field outlet = field_from(block, m->value, std::move(m->value_text), "B13");
        outlet.flags |= kFieldCopy | kFieldFromDateline;
        meta.source_outlet = std::move(outlet);
      }
      if (!m->date_raw.empty()) {
        // Only a dateline with a full year is a date of the document (M2).
        if (auto date = parse_date(m->date_raw, state_.options.assume_offset);
            date && date->precision != "month" && m->date_raw.find("年") != std::string::npos) {
          date->raw = m->date_raw;
          date->rule = "B13";
          date->flags |= kFieldFromDateline | kFieldCopy;
          for (Span source : source_of(state_.decoded(), block.pieces, m->date_span))
            date->raw_spans.push_back(state_.to_raw(source));
          state_.dates.push_back({std::move(*date), {}, false});
        }
      }
    }
  }
  // B19 end marker and B13 trailing forms in the last two paragraphs.
  if (index == last_text) {
    if (auto marker = match_end_marker(line)) {
      for (Span source : cut(state_.decoded(), block.pieces, *marker)) state_.remove("B19", source);
      if (block.pieces.empty()) return;
      line = state_.text_view(block, line_scratch_);
    }
  }
  if (from_end < 2) {
    if (auto m = match_byline_suffix(line)) {
      if (!block.byline) block.byline = m->whole;
      add_people(meta.reporters, people_from(block, *m, kFieldCopy));
      if (!meta.source_outlet && !m->value_text.empty()) {
        Field outlet = field_from(block, m->value, std::move(m->value_text), "B13");
        outlet.flags |= kFieldCopy | kFieldFromTrailingCredit;
        meta.source_outlet = std::move(outlet);
      }
    }
  }
}

}  // namespace

void apply_line_rules(CleanState& state) { LineRules(state).run(); }

namespace {

// A value found in a comment line (decoded range `source`): a copy, since comments are removed.
Field comment_copy(const CleanState& state, std::string_view line, const LineMatch& match, Span source) {
  Field field;
  field.value = match.value_text;
  field.raw.assign(line.substr(match.value.begin, match.value.size()));
  field.rule = "B1";
  field.flags = kFieldCopy | kFieldFromComment;
  field.raw_spans.push_back(
      state.to_raw(Span{source.begin + match.value.begin, source.begin + match.value.end}));
  return field;
}

}  // namespace

void copy_meta_from_comments(CleanState& state) {
  if (!state.options.meta_from_comments) return;
  Meta& meta = state.doc.meta;
  std::string_view decoded = state.decoded();
  for (const RawRemoved& removed : state.raw.removed) {
    if (std::string_view(removed.rule) != "B1") continue;  // inline, no compare call per record
    std::string_view comment = decoded.substr(removed.source.begin, removed.source.size());
    if (comment.find("article_adlist") == std::string_view::npos) continue;
    // The comment holds HTML; look at each tag-free run of text in it.
    std::size_t pos = 0;
    while (pos < comment.size()) {
      std::size_t open = comment.find('<', pos);
      std::size_t end = open == std::string_view::npos ? comment.size() : open;
      std::string_view run = comment.substr(pos, end - pos);
      Span source{removed.source.begin + pos, removed.source.begin + end};
      if (!run.empty() && !util::is_blank_text(run)) {
        const std::string_view line = run;
        if (!meta.source_outlet) {
          if (auto m = match_source_line(line)) meta.source_outlet = comment_copy(state, line, *m, source);
        }
        if (!meta.editor) {
          if (auto m = match_editor_line(line)) meta.editor = comment_copy(state, line, *m, source);
        }
      }
      if (open == std::string_view::npos) break;
      std::size_t close = comment.find('>', open);
      pos = close == std::string_view::npos ? comment.size() : close + 1;
    }
  }
}

}  // namespace tifa::clean
