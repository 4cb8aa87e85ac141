// Normalisation of block text (spec/cleaning.md §4). See normalize.hpp for the contract.
//
// Design. A block is held as one contiguous string plus a vector of Units: each unit is a run of
// that string with the decoded range it comes from, whether it is a verbatim copy of the decoded
// input, and the edit that produced it (if any). Every rule is a pass: a linear scan of the string
// that proposes Changes (replace text[begin, end) by a short string); BlockText::apply then
// rebuilds string and units in one linear walk. A change that touches text an earlier change made
// absorbs that edit, so every edit always describes pre-normalisation text (`before`) and every
// edit owns exactly one unit (empty for a deletion: a "ghost" unit that keeps its position).
// Final edit positions are computed only when the block is stored back.
//
// Speed: one scan over the bytes finds which passes can match at all (scan_features); a pass
// that cannot match is never run, and a pass that matches nothing changes nothing. No pass
// allocates per character (replacement strings fit the small-string buffer).
#include "clean/normalize.hpp"

#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/bytestream.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clean/unicode.hpp"
#include "util/utf8.hpp"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define TIFA_NORMALIZE_SSE2 1
#endif

namespace tifa::clean {

namespace {

// ---------------------------------------------------------------------------------------------
// Small UTF-8 helpers on top of util/utf8.hpp.

char32_t code_point_at(std::string_view text, std::size_t pos) { return util::code_point_at(text, pos); }

char32_t code_point_before(std::string_view text, std::size_t end) {
  return util::code_point_before(text, end);
}

std::size_t code_point_length(std::string_view text, std::size_t pos) {
  std::size_t length = 0;
  util::decode_at(text, pos, length);
  return length;
}

// Whitespace that N1, N2 and N7 work on: \p{Zs}, TAB and LF.
bool is_layout_space(char32_t c) { return c == '\t' || c == '\n' || is_space_separator(c); }

// Bytes of the layout space that starts at text[pos], or 0. Byte tests only: N1, N2 and N7 call
// it on every byte they scan.
// Bytes that can start a layout space.
constexpr std::array<bool, 256> kSpaceLead = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {' ', '\t', '\n'}) table[c] = true;
  for (int c : {0xC2, 0xE1, 0xE2, 0xE3}) table[static_cast<std::size_t>(c)] = true;
  return table;
}();

inline std::size_t layout_space_length(std::string_view text, std::size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  if (!kSpaceLead[p[0]]) return 0;
  const std::size_t left = text.size() - pos;
  switch (p[0]) {
    case ' ':
    case '\t':
    case '\n':
      return 1;
    case 0xC2:  // U+00A0
      return left >= 2 && p[1] == 0xA0 ? 2 : 0;
    case 0xE1:  // U+1680
      return left >= 3 && p[1] == 0x9A && p[2] == 0x80 ? 3 : 0;
    case 0xE2:  // U+2000-U+200A, U+202F, U+205F
      if (left < 3) return 0;
      if (p[1] == 0x80) return (p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF ? 3 : 0;
      return p[1] == 0x81 && p[2] == 0x9F ? 3 : 0;
    case 0xE3:  // U+3000
      return left >= 3 && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
    default:
      return 0;
  }
}

// Bytes of the layout space that ends at text[end), or 0. Read from the end without finding the
// last character's start: a space of one, two or three bytes ends with one of those patterns
// (continuation bytes after a lead), whatever comes before it.
std::size_t layout_space_length_before(std::string_view text, std::size_t end) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  if (end == 0) return 0;
  const unsigned last = p[end - 1];
  if (last == ' ' || last == '\t' || last == '\n') return 1;
  if (last < 0x80) return 0;
  if (end >= 2 && last == 0xA0 && p[end - 2] == 0xC2) return 2;  // U+00A0
  return end >= 3 && layout_space_length(text, end - 3) == 3 ? 3 : 0;
}

// The text without the runs of layout spaces at its two ends (what N1 keeps). All spaces: an empty
// span at the end.
Span inner_span(std::string_view text) {
  std::size_t begin = 0;
  for (std::size_t length; begin < text.size() && (length = layout_space_length(text, begin)) != 0;) begin += length;
  std::size_t end = text.size();
  for (std::size_t length; end > begin && (length = layout_space_length_before(text, end)) != 0;) end -= length;
  return Span{begin, end};
}

std::string utf8(char32_t c) {
  std::string out;
  append_code_point(out, c);
  return out;
}

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_ascii_upper(char32_t c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_letter(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// ---------------------------------------------------------------------------------------------
// Which passes can match (one scan over the bytes).

enum Feature : unsigned {
  kHasNewline = 1u << 0,
  kHasAsciiSpace = 1u << 1,
  kHasOtherSpace = 1u << 2,     // TAB, a Zs other than U+0020, or two U+0020 in a row: N2
  kHasInvisible = 1u << 3,      // P5
  kNeedsNfcCheck = 1u << 4,     // P6: a code point that is not NFC-inert for sure
  kHasKangxi = 1u << 5,         // P4
  kHasFullwidthAlnum = 1u << 6, // P3
  kHasAsciiPunct = 1u << 7,     // P1, P2: , ; : ? ! ( )
};

constexpr std::array<std::uint8_t, 128> kAsciiFeatures = [] {
  std::array<std::uint8_t, 128> table{};
  auto set = [&table](int c, Feature feature) { table[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(feature); };
  for (int c = 0; c < 0x20; ++c) set(c, kHasInvisible);
  set(0x7F, kHasInvisible);
  set('\n', kHasNewline);
  set('\t', kHasOtherSpace);
  set(' ', kHasAsciiSpace);
  for (char c : {',', ';', ':', '?', '!', '(', ')'}) set(c, kHasAsciiPunct);
  return table;
}();

constexpr unsigned features_of(char32_t c) {
  unsigned features = 0;
  if (is_removable_invisible(c)) features |= kHasInvisible;
  if (is_space_separator(c)) features |= kHasOtherSpace;
  if (c >= 0x2F00 && c <= 0x2FD5) features |= kHasKangxi;
  if (c == 0xFF0E || (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
      (c >= 0xFF41 && c <= 0xFF5A))
    features |= kHasFullwidthAlnum;
  if (!is_nfc_inert_fast(c)) features |= kNeedsNfcCheck;
  return features;
}

// features_of for every code point of the BMP above U+007F, worked out once per process (immutable
// once built; a constexpr table exceeds clang's constant-evaluation step limit): Chinese
// punctuation (U+3000-U+303F, U+FF00-U+FFEF) sits in every sentence.
const std::array<std::uint8_t, 0x10000>& bmp_features() {
  static const std::array<std::uint8_t, 0x10000> table = [] {
    std::array<std::uint8_t, 0x10000> features{};
    for (char32_t c = 0x80; c < 0x10000; ++c) features[c] = static_cast<std::uint8_t>(features_of(c));
    return features;
  }();
  return table;
}

// The lead bytes of U+4000-U+9FFF, the common ideographs.
constexpr bool is_ideograph_lead(unsigned char byte) { return byte >= 0xE4 && byte <= 0xE9; }

// From an ideograph lead at `pos`, the end of the run of three-byte steps that each start at an
// ideograph lead (the bytes between are not looked at). Most of a Chinese text is such runs: with
// SSE2, five steps are looked at at once, and the first of them without a lead (most runs between
// two punctuation marks are shorter than five characters) ends the run without a byte loop.
std::size_t skip_ideograph_run(std::string_view text, std::size_t pos) {
  const std::size_t size = text.size();
#ifdef TIFA_NORMALIZE_SSE2
  constexpr unsigned kFiveLeads = 0x1249;  // bytes 0, 3, 6, 9 and 12
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i below_e4 = _mm_set1_epi8(static_cast<char>(0xE4 ^ 0x80) - 1);
  const __m128i above_e9 = _mm_set1_epi8(static_cast<char>(0xE9 ^ 0x80) + 1);
  while (pos + 16 <= size) {
    // Unsigned E4..E9 is signed 0x64..0x69 once the top bit is flipped.
    const __m128i bytes = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos)), flip);
    const __m128i leads = _mm_and_si128(_mm_cmpgt_epi8(bytes, below_e4), _mm_cmplt_epi8(bytes, above_e9));
    const unsigned missing = ~static_cast<unsigned>(_mm_movemask_epi8(leads)) & kFiveLeads;
    if (missing != 0) return pos + static_cast<std::size_t>(std::countr_zero(missing));
    pos += 15;
  }
#endif
  while (pos < size && is_ideograph_lead(static_cast<unsigned char>(text[pos]))) pos += 3;
  return pos;
}

constexpr bool is_plain_ascii(unsigned char byte) { return byte < 0x80 && kAsciiFeatures[byte] == 0; }

// From `pos`, the end of the run of ASCII bytes that ask for no pass (letters, digits and most
// punctuation: the dates, numbers and Latin words of a Chinese text), in a loop of its own rather
// than a turn of scan_features' loop per byte. (Most such runs are a few bytes long: a 16-byte
// SSE2 test cost more than it saved.) Every ASCII byte is a whole character.
std::size_t skip_plain_ascii(std::string_view text, std::size_t pos) {
  const std::size_t size = text.size();
  while (pos < size && is_plain_ascii(static_cast<unsigned char>(text[pos]))) ++pos;
  return pos;
}

unsigned scan_features(std::string_view text) {
  const std::array<std::uint8_t, 0x10000>& bmp_table = bmp_features();
  unsigned features = 0;
  const std::size_t size = text.size();
  std::size_t pos = 0;
  while (pos < size) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (is_plain_ascii(lead)) {
      pos = skip_plain_ascii(text, pos + 1);
    } else if (lead < 0x80) {
      features |= kAsciiFeatures[lead];
      if (lead == ' ' && pos + 1 < size && text[pos + 1] == ' ') features |= kHasOtherSpace;
      ++pos;
    } else if (is_ideograph_lead(lead)) {
      // U+4000-U+9FFF: ideographs, nothing to do. They come in runs: skip the run at once.
      pos = skip_ideograph_run(text, pos);
    } else if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && pos + 2 < size &&
               ((static_cast<unsigned char>(text[pos + 1]) ^ 0x80u) | (static_cast<unsigned char>(text[pos + 2]) ^ 0x80u)) < 0x40u) {
      // (Both bytes after the lead are continuation bytes: 80-BF, which XOR 80 maps below 40.)
      const char32_t c = ((lead & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[pos + 1]) & 0x3Fu) << 6) |
                         (static_cast<unsigned char>(text[pos + 2]) & 0x3Fu);
      features |= bmp_table[c];  // E1-EC, EE, EF with two continuation bytes: never overlong or a surrogate
      pos += 3;
    } else {
      std::size_t length = 0;
      features |= features_of(util::decode_at(text, pos, length));
      pos += length;
    }
  }
  return features;
}

// scan_features for a block, except that the whitespace runs at its two ends (N1's) do not ask for
// N2 or N7, which leave those runs alone: most Chinese paragraphs start with "　　", which would
// otherwise send every block through N2. The ends still count for P6 (NFC changes U+2000, U+2001).
// `inner` is inner_span(text), when the caller has it.
unsigned scan_block_features(std::string_view text, Span inner) {
  // (Most blocks have no whitespace at one end or both: no call for an empty end.)
  const unsigned ends = (inner.begin > 0 ? scan_features(text.substr(0, inner.begin)) : 0u) |
                        (inner.end < text.size() ? scan_features(text.substr(inner.end)) : 0u);
  return scan_features(text.substr(inner.begin, inner.size())) | (ends & kNeedsNfcCheck);
}

unsigned scan_block_features(std::string_view text) { return scan_block_features(text, inner_span(text)); }

// ---------------------------------------------------------------------------------------------
// The block as units.

constexpr std::uint32_t kNoEdit = UINT32_MAX;

enum UnitMark : std::uint8_t {
  kVerbatim = 1u << 0,     // the unit's bytes are decoded[source_begin, source_end)
  kBylineBegin = 1u << 1,  // DraftBlock::byline starts at the start of this unit
  kBylineEnd = 1u << 2,    // ... and ends at the end of this unit
  kSeam = 1u << 3,         // DraftBlock::title_seam is at the start of this unit
  kCellTab = 1u << 4,      // a synthetic TAB between table cells (kept by N1-N2)
};
constexpr std::uint8_t kStartMarks = kBylineBegin | kSeam;

struct Unit {
  std::size_t length = 0;  // bytes in the current text
  std::size_t source_begin = 0;
  std::size_t source_end = 0;
  std::uint32_t edit = kNoEdit;
  std::uint8_t marks = 0;
  bool reference_run = false;  // an untouched Piece::reference_run

  bool verbatim() const { return (marks & kVerbatim) != 0; }
};

struct EditRecord {
  std::string rule;
  Span source;
  std::string before;  // pre-normalisation text
  bool live = true;    // false once a later change absorbed it
};

// Replace text[begin, end) by `replacement` (begin < end). A pass emits changes sorted and
// non-overlapping.
struct Change {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string replacement;
  const char* rule = "";
};

// A stretch of the block's text that the fast paths delete (N1 at the ends, N2 beside a cell TAB).
struct Deletion {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view rule;  // a literal: copied into the edit without a strlen
  Span source{SIZE_MAX, 0};  // hull of its decoded bytes, filled in by delete_from_plain_block
  std::size_t size() const { return end - begin; }
};

// The rules that may change letters and digits (I5).
bool changes_letters(std::string_view rule) { return rule == "P3" || rule == "P4" || rule == "P6"; }

// Collects what a change absorbs: the pre-normalisation text, the decoded range and the marks.
struct Absorbed {
  std::string before;
  std::size_t source_begin = SIZE_MAX;
  std::size_t source_end = 0;
  std::size_t empty_source = SIZE_MAX;  // position of a synthetic unit, if nothing else
  std::uint8_t marks = 0;
  std::string letter_rule;  // the first absorbed edit of P3, P4 or P6

  void add_source(std::size_t begin, std::size_t end) {
    if (end > begin) {
      source_begin = std::min(source_begin, begin);
      source_end = std::max(source_end, end);
    } else if (empty_source == SIZE_MAX) {
      empty_source = begin;
    }
  }
  Span source() const {
    if (source_begin != SIZE_MAX) return Span{source_begin, source_end};
    std::size_t at = empty_source == SIZE_MAX ? 0 : empty_source;
    return Span{at, at};
  }
};

// Marks that stay with a part [offset, offset + length) of a unit of `unit_length` bytes.
std::uint8_t marks_of_part(std::uint8_t marks, std::size_t offset, std::size_t length,
                           std::size_t unit_length) {
  std::uint8_t kept = marks & static_cast<std::uint8_t>(kVerbatim | kCellTab);
  if (offset == 0) kept |= marks & kStartMarks;
  if (offset + length == unit_length) kept |= marks & kBylineEnd;
  return kept;
}

// The heap buffers of one block's normalisation, handed from block to block so that a document
// allocates them once rather than per block.
struct BlockBuffers {
  std::string text;
  std::string spare_text;
  std::vector<Unit> units;
  std::vector<Unit> spare_units;
  std::vector<EditRecord> edits;
  std::vector<Change> changes;
  std::vector<Deletion> deletions;
};

class BlockText {
 public:
  BlockText(std::string_view decoded, const DraftBlock& block, BlockBuffers* buffers = nullptr);
  ~BlockText();
  BlockText(const BlockText&) = delete;
  BlockText& operator=(const BlockText&) = delete;

  std::string_view text() const { return text_; }

  // Applies `changes` (sorted by begin, non-overlapping). A change that cuts into a replacement
  // unit grows to cover it whole.
  void apply(const std::vector<Change>& changes);

  // The byline range in the current text, if the block has one.
  std::optional<Span> byline() const;
  // The title seam in the current text, if any.
  std::optional<std::size_t> seam() const;
  // Positions of the synthetic cell TABs, ascending.
  std::vector<std::size_t> cell_tabs() const;

  // Writes pieces, edits (positions in the final text), byline and seam back to `block`. The last
  // use of this BlockText: the edits' strings are moved out.
  void store(DraftBlock& block);

 private:
  class Rebuild;

  void load_pieces(const std::vector<Piece>& pieces);
  void insert_markers(const DraftBlock& block);
  void adopt_replacement_edits(const DraftBlock& block);
  std::vector<Change> align_to_units(const std::vector<Change>& changes) const;

  std::string_view decoded_;
  std::string text_;
  std::vector<Unit> units_;
  std::vector<EditRecord> edits_;
  std::string spare_text_;  // buffers of the previous text and units, reused by the next apply
  std::vector<Unit> spare_units_;
  BlockBuffers* buffers_;   // where the buffers come from and go back to (may be null)
};

// One linear walk over the old units that copies what no change touches and replaces the rest.
class BlockText::Rebuild {
 public:
  // Builds into the block's spare buffers, so that passes reuse their capacity.
  explicit Rebuild(BlockText& block)
      : block_(block), text_(std::move(block.spare_text_)), units_(std::move(block.spare_units_)) {
    text_.clear();
    units_.clear();
    text_.reserve(block.text_.size());
    units_.reserve(block.units_.size() + 8);
  }

  void replace(const Change& change) {
    copy_until(change.begin);
    Absorbed absorbed;
    while (index_ < old_units().size() && pos_ < change.end) {
      const Unit& unit = old_units()[index_];
      std::size_t rest = unit.length - offset_;
      std::size_t take = std::min(rest, change.end - pos_);
      absorb(unit, take, absorbed);
      advance(take, rest);
    }
    emit_change(change, std::move(absorbed));
  }

  void finish() {
    copy_until(SIZE_MAX);
    block_.spare_text_ = std::move(block_.text_);
    block_.spare_units_ = std::move(block_.units_);
    block_.text_ = std::move(text_);
    block_.units_ = std::move(units_);
  }

 private:
  const std::vector<Unit>& old_units() const { return block_.units_; }
  std::string_view old_text() const { return block_.text_; }

  // Copies units (splitting a verbatim one) up to text offset `target`. Units of length 0 at
  // `target` are copied too: a change never swallows a deletion that touches only its edge.
  void copy_until(std::size_t target) {
    while (index_ < old_units().size()) {
      const Unit& unit = old_units()[index_];
      std::size_t rest = unit.length - offset_;
      if (pos_ + rest > target) {
        if (pos_ < target) {  // align_to_units guarantees the unit is verbatim
          std::size_t take = target - pos_;
          emit_part(unit, take);
          advance(take, rest);
        }
        return;
      }
      emit_part(unit, rest);
      advance(rest, rest);
    }
  }

  void advance(std::size_t take, std::size_t rest) {
    pos_ += take;
    if (take == rest) {
      ++index_;
      offset_ = 0;
    } else {
      offset_ += take;
    }
  }

  void emit_part(const Unit& unit, std::size_t length) {
    Unit part = unit;
    part.length = length;
    part.marks = marks_of_part(unit.marks, offset_, length, unit.length);
    if (unit.verbatim()) {
      part.source_begin = unit.source_begin + offset_;
      part.source_end = part.source_begin + length;
    }
    text_.append(old_text().substr(pos_, length));
    if (!units_.empty() && can_extend(units_.back(), part)) {
      units_.back().length += length;
      units_.back().source_end = part.source_end;
      return;
    }
    units_.push_back(part);
  }

  // Two plain verbatim units with adjacent sources become one (keeps the unit list short).
  static bool can_extend(const Unit& last, const Unit& next) {
    return last.marks == kVerbatim && next.marks == kVerbatim && last.edit == kNoEdit &&
           next.edit == kNoEdit && last.source_end == next.source_begin;
  }

  void absorb(const Unit& unit, std::size_t take, Absorbed& absorbed) {
    if (unit.edit != kNoEdit) {
      EditRecord& edit = block_.edits_[unit.edit];
      absorbed.before += edit.before;
      absorbed.add_source(edit.source.begin, edit.source.end);
      if (absorbed.letter_rule.empty() && changes_letters(edit.rule)) absorbed.letter_rule = edit.rule;
      edit.live = false;
    } else {
      // Text a reader made up (a cell TAB, the space of a <br> in a row) has no source: it is
      // not pre-normalisation text, so `before` leaves it out (I4 compares with the source).
      bool synthetic = !unit.verbatim() && unit.source_begin == unit.source_end;
      if (!synthetic) absorbed.before.append(old_text().substr(pos_, take));
      if (unit.verbatim()) {
        absorbed.add_source(unit.source_begin + offset_, unit.source_begin + offset_ + take);
      } else {
        absorbed.add_source(unit.source_begin, unit.source_end);
      }
    }
    absorbed.marks = static_cast<std::uint8_t>(
        absorbed.marks | (marks_of_part(unit.marks, offset_, take, unit.length) & ~(kVerbatim | kCellTab)));
  }

  // The rule that names an edit made of several changes: the latest, except that a rule allowed
  // to change letters (P3, P4, P6) is never hidden behind one that is not (I5).
  static std::string_view merged_rule(const char* latest, const Absorbed& absorbed) {
    if (!absorbed.letter_rule.empty() && !changes_letters(latest)) return absorbed.letter_rule;
    return latest;
  }

  void emit_change(const Change& change, Absorbed&& absorbed) {
    Unit unit;
    unit.length = change.replacement.size();
    Span source = absorbed.source();
    unit.source_begin = source.begin;
    unit.source_end = source.end;
    unit.marks = absorbed.marks;
    if (absorbed.before != change.replacement) {
      unit.edit = static_cast<std::uint32_t>(block_.edits_.size());
      // Built in place: no temporary record whose strings are moved again.
      EditRecord& record = block_.edits_.emplace_back();
      record.rule.append(merged_rule(change.rule, absorbed));  // (empty: an append, without _M_replace's checks)
      record.source = source;
      record.before = std::move(absorbed.before);
    }
    text_.append(change.replacement);
    units_.push_back(unit);
  }

  BlockText& block_;
  std::string text_;
  std::vector<Unit> units_;
  std::size_t index_ = 0;   // current old unit
  std::size_t offset_ = 0;  // bytes of it already consumed
  std::size_t pos_ = 0;     // old text offset
};

BlockText::BlockText(std::string_view decoded, const DraftBlock& block, BlockBuffers* buffers)
    : decoded_(decoded), buffers_(buffers) {
  if (buffers_ != nullptr) {
    text_ = std::move(buffers_->text);
    spare_text_ = std::move(buffers_->spare_text);
    units_ = std::move(buffers_->units);
    spare_units_ = std::move(buffers_->spare_units);
    edits_ = std::move(buffers_->edits);
    text_.clear();
    units_.clear();
    edits_.clear();
  }
  load_pieces(block.pieces);
  if (block.byline || block.title_seam || !block.edits.empty()) {
    insert_markers(block);
    adopt_replacement_edits(block);
  }
}

BlockText::~BlockText() {
  if (buffers_ == nullptr) return;
  buffers_->text = std::move(text_);
  buffers_->spare_text = std::move(spare_text_);
  buffers_->units = std::move(units_);
  buffers_->spare_units = std::move(spare_units_);
  buffers_->edits = std::move(edits_);
}

void BlockText::load_pieces(const std::vector<Piece>& pieces) {
  units_.reserve(pieces.size() + 4);
  for (const Piece& piece : pieces) {
    std::string_view content = piece.verbatim
                                   ? decoded_.substr(piece.begin, piece.end - piece.begin)
                                   : std::string_view(piece.text);
    if (content.empty()) continue;
    Unit unit{content.size(), piece.begin, piece.end, kNoEdit, 0, piece.reference_run};
    if (piece.verbatim) unit.marks = kVerbatim;
    if (!piece.verbatim && content == "\t" && piece.begin == piece.end) unit.marks = kCellTab;
    text_.append(content);
    units_.push_back(unit);
  }
}

// Inserts zero-length units for the byline ends, the seam and the deletion edits already made,
// splitting verbatim units where they fall. One linear walk.
void BlockText::insert_markers(const DraftBlock& block) {
  struct Marker {
    std::size_t pos;
    Unit unit;
  };
  std::vector<Marker> markers;
  std::vector<std::size_t> cuts;  // where verbatim units must split
  for (const Edit& edit : block.edits) {  // spans still relative (DraftBlock::edits)
    cuts.push_back(edit.span.begin);
    cuts.push_back(edit.span.end);
    if (!edit.span.empty()) continue;
    Unit ghost{0, edit.raw_span.begin, edit.raw_span.end, static_cast<std::uint32_t>(edits_.size()), 0};
    edits_.push_back(EditRecord{edit.rule, edit.raw_span, edit.before, true});
    markers.push_back(Marker{edit.span.begin, ghost});
  }
  if (block.byline) {
    markers.push_back(Marker{block.byline->end, Unit{0, 0, 0, kNoEdit, kBylineEnd}});
    markers.push_back(Marker{block.byline->begin, Unit{0, 0, 0, kNoEdit, kBylineBegin}});
  }
  if (block.title_seam) markers.push_back(Marker{*block.title_seam, Unit{0, 0, 0, kNoEdit, kSeam}});
  std::stable_sort(markers.begin(), markers.end(),
                   [](const Marker& a, const Marker& b) { return a.pos < b.pos; });
  for (const Marker& marker : markers) cuts.push_back(marker.pos);
  std::sort(cuts.begin(), cuts.end());

  std::vector<Unit> units;
  units.reserve(units_.size() + markers.size() + cuts.size());
  std::size_t next_marker = 0;
  std::size_t next_cut = 0;
  std::size_t pos = 0;
  auto emit_markers_until = [&](std::size_t at) {
    for (; next_marker < markers.size() && markers[next_marker].pos <= at; ++next_marker) {
      Unit marker = markers[next_marker].unit;
      if (marker.source_begin == 0 && marker.source_end == 0 && !units.empty()) {
        marker.source_begin = marker.source_end = units.back().source_end;
      }
      units.push_back(marker);
    }
  };
  for (const Unit& unit : units_) {
    emit_markers_until(pos);
    if (!unit.verbatim()) {
      units.push_back(unit);
      pos += unit.length;
      continue;
    }
    std::size_t end = pos + unit.length;
    std::size_t done = pos;
    while (next_cut < cuts.size() && cuts[next_cut] <= done) ++next_cut;
    for (; next_cut < cuts.size() && cuts[next_cut] < end; ++next_cut) {
      std::size_t cut = cuts[next_cut];
      std::size_t offset = done - pos;
      units.push_back(Unit{cut - done, unit.source_begin + offset, unit.source_begin + offset + cut - done,
                           kNoEdit, kVerbatim});
      done = cut;
      emit_markers_until(done);
    }
    std::size_t offset = done - pos;
    units.push_back(Unit{end - done, unit.source_begin + offset, unit.source_end, kNoEdit, kVerbatim});
    pos = end;
  }
  emit_markers_until(SIZE_MAX);
  units_.swap(units);
}

// Gives every edit of length > 0 that the block already carries its unit: the units that cover
// its range are merged into one unit owned by the edit.
void BlockText::adopt_replacement_edits(const DraftBlock& block) {
  std::vector<const Edit*> replacements;  // spans still relative (DraftBlock::edits)
  for (const Edit& edit : block.edits)
    if (!edit.span.empty()) replacements.push_back(&edit);
  if (replacements.empty()) return;
  std::stable_sort(replacements.begin(), replacements.end(),
                   [](const Edit* a, const Edit* b) { return a->span.begin < b->span.begin; });
  std::vector<Unit> units;
  units.reserve(units_.size());
  std::size_t pos = 0;
  std::size_t next = 0;
  for (std::size_t i = 0; i < units_.size();) {
    const Unit& unit = units_[i];
    while (next < replacements.size() && replacements[next]->span.begin < pos) ++next;  // not on a boundary
    if (next < replacements.size() && pos == replacements[next]->span.begin && unit.length > 0) {
      const Edit& edit = *replacements[next++];
      Unit merged{0, edit.raw_span.begin, edit.raw_span.end, static_cast<std::uint32_t>(edits_.size()), 0};
      edits_.push_back(EditRecord{edit.rule, edit.raw_span, edit.before, true});
      for (; i < units_.size() && merged.length < edit.span.size(); ++i) {
        merged.length += units_[i].length;
        merged.marks = static_cast<std::uint8_t>(merged.marks | (units_[i].marks & ~kVerbatim));
      }
      units.push_back(merged);
      pos += merged.length;
      continue;
    }
    units.push_back(unit);
    pos += unit.length;
    ++i;
  }
  units_.swap(units);
}

std::vector<Change> BlockText::align_to_units(const std::vector<Change>& changes) const {
  std::vector<Change> aligned;
  aligned.reserve(changes.size());
  std::size_t index = 0;
  std::size_t pos = 0;  // text offset of units_[index]
  // The replacement unit that contains `offset` (begin, end), or nothing for a verbatim unit.
  auto replacement_around = [&](std::size_t offset) -> std::optional<Span> {
    while (index < units_.size() && pos + units_[index].length <= offset) pos += units_[index++].length;
    if (index == units_.size() || units_[index].verbatim() || pos == offset) return std::nullopt;
    return Span{pos, pos + units_[index].length};
  };
  for (const Change& change : changes) {
    std::size_t begin = change.begin;
    std::size_t end = change.end;
    if (auto unit = replacement_around(change.begin)) begin = unit->begin;
    if (auto unit = replacement_around(change.end)) end = unit->end;
    if (!aligned.empty() && begin < aligned.back().end) {
      Change& last = aligned.back();  // both cut into the same replacement unit: one change
      last.replacement.resize(last.replacement.size() - (last.end - change.begin));
      std::size_t new_end = std::max(end, last.end);
      last.replacement += change.replacement;
      last.replacement.append(text_, change.end, new_end - change.end);
      last.end = new_end;
      continue;
    }
    Change grown{begin, end, text_.substr(begin, change.begin - begin), change.rule};
    grown.replacement += change.replacement;
    grown.replacement.append(text_, change.end, end - change.end);
    aligned.push_back(std::move(grown));
  }
  return aligned;
}

void BlockText::apply(const std::vector<Change>& changes) {
  if (changes.empty()) return;
  bool has_replacement_units = std::any_of(units_.begin(), units_.end(), [](const Unit& u) {
    return !u.verbatim() && u.length > 0;
  });
  Rebuild rebuild(*this);
  if (has_replacement_units) {
    for (const Change& change : align_to_units(changes)) rebuild.replace(change);
  } else {
    for (const Change& change : changes) rebuild.replace(change);
  }
  rebuild.finish();
}

std::optional<Span> BlockText::byline() const {
  std::optional<std::size_t> begin;
  std::optional<std::size_t> end;
  std::size_t pos = 0;
  for (const Unit& unit : units_) {
    if ((unit.marks & kBylineBegin) != 0 && !begin) begin = pos;
    pos += unit.length;
    if ((unit.marks & kBylineEnd) != 0) end = pos;
  }
  if (!begin || !end) return std::nullopt;
  return Span{*begin, std::max(*begin, *end)};
}

std::optional<std::size_t> BlockText::seam() const {
  std::size_t pos = 0;
  for (const Unit& unit : units_) {
    if ((unit.marks & kSeam) != 0) return pos;
    pos += unit.length;
  }
  return std::nullopt;
}

std::vector<std::size_t> BlockText::cell_tabs() const {
  std::vector<std::size_t> tabs;
  std::size_t pos = 0;
  for (const Unit& unit : units_) {
    if ((unit.marks & kCellTab) != 0) tabs.push_back(pos);
    pos += unit.length;
  }
  return tabs;
}

void BlockText::store(DraftBlock& block) {
  block.pieces.clear();
  block.edits.clear();
  block.pieces.reserve(units_.size());  // at most one piece and one edit per unit: no regrowth
  block.edits.reserve(edits_.size());
  std::size_t pos = 0;
  for (const Unit& unit : units_) {
    if (unit.edit != kNoEdit && edits_[unit.edit].live) {
      EditRecord& edit = edits_[unit.edit];
      Edit& stored = add_draft_edit(block.edits, pos, unit.length, edit.source);
      stored.rule = std::move(edit.rule);
      stored.before = std::move(edit.before);
    }
    if (unit.length > 0) {
      if (unit.verbatim() && !block.pieces.empty() && block.pieces.back().verbatim &&
          block.pieces.back().end == unit.source_begin) {
        block.pieces.back().end = unit.source_end;
      } else if (unit.verbatim()) {
        block.pieces.push_back(Piece{unit.source_begin, unit.source_end, true, {}, false});
      } else {
        block.pieces.push_back(
            Piece{unit.source_begin, unit.source_end, false, text_.substr(pos, unit.length), unit.reference_run});
      }
    }
    pos += unit.length;
  }
  if (block.byline) block.byline = byline();
  if (block.title_seam) block.title_seam = seam();
}

// ---------------------------------------------------------------------------------------------
// The passes. Each reads the current text and appends changes in text order.

using Changes = std::vector<Change>;

// True when the cell TAB list holds `pos`.
bool is_cell_tab_at(const std::vector<std::size_t>& cell_tabs, std::size_t pos) {
  return std::binary_search(cell_tabs.begin(), cell_tabs.end(), pos);
}

// N7: a '\n' inside the block, with the spaces around it (up to a cell TAB). Newlines at the
// block's ends are left to N1.
void join_lines(std::string_view text, bool pdf_layout, const std::vector<std::size_t>& cell_tabs,
                Changes& out) {
  std::size_t pos = 0;
  while ((pos = text.find('\n', pos)) != std::string_view::npos) {
    std::size_t begin = pos;
    while (begin > 0) {
      std::size_t length = layout_space_length_before(text, begin);
      if (length == 0 || is_cell_tab_at(cell_tabs, begin - length)) break;
      begin -= length;
    }
    std::size_t end = pos;
    while (end < text.size()) {
      std::size_t length = layout_space_length(text, end);
      if (length == 0 || is_cell_tab_at(cell_tabs, end)) break;
      end += length;
    }
    pos = end;
    if (begin == 0 || end == text.size()) continue;
    bool left_c = is_class_c(code_point_before(text, begin));
    bool right_c = is_class_c(code_point_at(text, end));
    // C|C: a wrap inside CJK text. In PDF text any wrap next to CJK is a layout artefact.
    bool remove = (left_c && right_c) || (pdf_layout && (left_c || right_c));
    out.push_back(Change{begin, end, remove ? "" : " ", "N7"});
  }
}

// P5: invisible characters and controls; a run of them is one edit.
void remove_invisibles(std::string_view text, Changes& out) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t length = 0;
    char32_t c = util::decode_at(text, pos, length);
    if (!is_removable_invisible(c)) {
      pos += length;
      continue;
    }
    if (!out.empty() && out.back().end == pos) {
      out.back().end = pos + length;
    } else {
      out.push_back(Change{pos, pos + length, "", "P5"});
    }
    pos += length;
  }
}

// ICU's NFC instance (owned by ICU), or nullptr if ICU has no data.
const icu::Normalizer2* nfc_normalizer() {
  static const icu::Normalizer2* const nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? instance : nullptr;
  }();
  return nfc;
}

// P6: NFC. ICU's Edits give the exact changed ranges.
void compose_nfc(std::string_view text, Changes& out) {
  if (nfc_normalizer() == nullptr) return;
  const icu::Normalizer2& nfc = *nfc_normalizer();
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(text.data(), static_cast<std::int32_t>(text.size()));
  if (nfc.isNormalizedUTF8(piece, status) || U_FAILURE(status)) return;
  std::string normalized;
  icu::StringByteSink<std::string> sink(&normalized);
  icu::Edits edits;
  status = U_ZERO_ERROR;
  nfc.normalizeUTF8(0, piece, sink, &edits, status);
  if (U_FAILURE(status)) return;
  icu::Edits::Iterator it = edits.getFineChangesIterator();
  while (it.next(status)) {
    if (!it.hasChange()) continue;
    auto begin = static_cast<std::size_t>(it.sourceIndex());
    auto end = begin + static_cast<std::size_t>(it.oldLength());
    out.push_back(Change{begin, end,
                         normalized.substr(static_cast<std::size_t>(it.destinationIndex()),
                                           static_cast<std::size_t>(it.newLength())),
                         "P6"});
  }
}

// The 214 Kangxi radicals U+2F00-U+2FD5 and their unified ideographs, read from ICU's NFKC data
// once (a radical's NFKC form is its ideograph).
const std::array<char32_t, 214>& kangxi_ideographs() {
  static const std::array<char32_t, 214> table = [] {
    std::array<char32_t, 214> ideographs{};
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    for (std::size_t i = 0; i < ideographs.size(); ++i) {
      auto radical = static_cast<UChar32>(0x2F00 + i);
      ideographs[i] = static_cast<char32_t>(radical);  // unchanged if ICU cannot say
      if (U_FAILURE(status) || nfkc == nullptr) continue;
      UErrorCode item_status = U_ZERO_ERROR;
      icu::UnicodeString folded = nfkc->normalize(icu::UnicodeString(radical), item_status);
      if (U_SUCCESS(item_status) && folded.countChar32() == 1)
        ideographs[i] = static_cast<char32_t>(folded.char32At(0));
    }
    return ideographs;
  }();
  return table;
}

// P4: Kangxi radicals (PDF glyph artefacts) become ideographs, one edit per character.
void fold_kangxi(std::string_view text, Changes& out) {
  for (std::size_t pos = 0; pos + 2 < text.size(); ++pos) {
    if (static_cast<unsigned char>(text[pos]) != 0xE2) continue;
    const auto second = static_cast<unsigned char>(text[pos + 1]);
    if (second < 0xBC || second > 0xBF) continue;
    char32_t c = code_point_at(text, pos);
    if (c < 0x2F00 || c > 0x2FD5) continue;
    out.push_back(Change{pos, pos + 3, utf8(kangxi_ideographs()[c - 0x2F00]), "P4"});
    pos += 2;
  }
}

bool is_fullwidth_digit(char32_t c) { return c >= 0xFF10 && c <= 0xFF19; }

// P3: full-width ASCII letters and digits become ASCII; '．' between two digits becomes '.'.
// One edit per character keeps the offset map exact.
void fold_fullwidth(std::string_view text, Changes& out) {
  for (std::size_t pos = 0; pos + 2 < text.size(); ++pos) {
    if (static_cast<unsigned char>(text[pos]) != 0xEF) continue;
    char32_t c = code_point_at(text, pos);
    char ascii = 0;
    if (is_fullwidth_digit(c) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
      ascii = static_cast<char>(c - 0xFF00 + 0x20);
    } else if (c == 0xFF0E && pos > 0 && pos + 3 < text.size()) {
      char32_t before = code_point_before(text, pos);
      char32_t after = code_point_at(text, pos + 3);
      bool digits = (is_ascii_digit(before) || is_fullwidth_digit(before)) &&
                    (is_ascii_digit(after) || is_fullwidth_digit(after));
      if (digits) ascii = '.';
    }
    if (ascii == 0) continue;
    out.push_back(Change{pos, pos + 3, std::string(1, ascii), "P3"});
    pos += 2;
  }
}

// N2 inside a run that holds cell TABs: the TABs stay, the spaces around them go.
void drop_spaces_around_cell_tabs(std::string_view text, std::size_t begin, std::size_t end,
                                  const std::vector<std::size_t>& cell_tabs, Changes& out) {
  std::size_t pos = begin;
  while (pos < end) {
    if (is_cell_tab_at(cell_tabs, pos)) {
      ++pos;
      continue;
    }
    std::size_t stop = pos;
    while (stop < end && !is_cell_tab_at(cell_tabs, stop)) stop += layout_space_length(text, stop);
    out.push_back(Change{pos, stop, "", "N2"});
    pos = stop;
  }
}

// N2: every internal run of \p{Zs}, TAB and LF becomes one U+0020 (cell TABs stay). Runs at the
// block's ends are N1's.
void collapse_spaces(std::string_view text, const std::vector<std::size_t>& cell_tabs, Changes& out) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!kSpaceLead[bytes[pos]]) {
      ++pos;
      continue;
    }
    std::size_t length = layout_space_length(text, pos);
    if (length == 0) {
      ++pos;
      continue;
    }
    std::size_t begin = pos;
    bool has_cell_tab = false;
    while (pos < text.size() && (length = layout_space_length(text, pos)) != 0) {
      has_cell_tab = has_cell_tab || is_cell_tab_at(cell_tabs, pos);
      pos += length;
    }
    if (begin == 0 || pos == text.size()) continue;
    if (has_cell_tab) {
      drop_spaces_around_cell_tabs(text, begin, pos, cell_tabs, out);
    } else if (pos - begin != 1 || text[begin] != ' ') {
      out.push_back(Change{begin, pos, " ", "N2"});
    }
  }
}

// N1: whitespace at the start and at the end of the block.
void strip_ends(std::string_view text, Changes& out) {
  const Span inner = inner_span(text);
  if (inner.begin == text.size()) {
    if (!text.empty()) out.push_back(Change{0, text.size(), "", "N1"});
    return;
  }
  if (inner.begin > 0) out.push_back(Change{0, inner.begin, "", "N1"});
  if (inner.end < text.size()) out.push_back(Change{inner.end, text.size(), "", "N1"});
}

// ---- P1 and P2 ----

// URLs (scheme:// up to whitespace or a CJK character), where P2 never applies.
std::vector<Span> find_urls(std::string_view text) {
  std::vector<Span> urls;
  std::size_t pos = 0;
  while ((pos = text.find("://", pos)) != std::string_view::npos) {
    std::size_t begin = pos;
    while (begin > 0) {
      char c = text[begin - 1];
      if (!(is_class_a(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) break;
      --begin;
    }
    while (begin < pos && !is_ascii_letter(static_cast<unsigned char>(text[begin]))) ++begin;
    std::size_t end = pos + 3;
    while (end < text.size()) {
      std::size_t length = 0;
      char32_t c = util::decode_at(text, end, length);
      if (is_layout_space(c) || is_class_c(c)) break;
      end += length;
    }
    if (begin < pos) urls.push_back(Span{begin, end});
    pos = end;
  }
  return urls;
}

// Answers "is this offset inside a URL" for ascending offsets in amortised constant time.
class UrlCursor {
 public:
  explicit UrlCursor(const std::vector<Span>& urls) : urls_(urls) {}
  bool inside(std::size_t pos) {
    while (next_ < urls_.size() && urls_[next_].end <= pos) ++next_;
    return next_ < urls_.size() && pos >= urls_[next_].begin;
  }

 private:
  const std::vector<Span>& urls_;
  std::size_t next_ = 0;
};

// The ASCII '(' and ')' that P2 turns full-width: matched pairs in the block whose enclosed text
// contains H, outside URLs. Ascending positions. Non-ASCII characters are decoded only while an
// open bracket still waits for its first H.
std::vector<std::size_t> brackets_to_widen(std::string_view text, const std::vector<Span>& urls) {
  struct Open {
    std::size_t pos;
    bool has_han;
  };
  std::vector<Open> stack;
  std::vector<std::size_t> widen;
  UrlCursor in_url(urls);
  // The first '(' and ')' at or after a position (text.size() for none), each found by memchr and
  // kept until passed.
  std::size_t next_open = std::min(text.find('('), text.size());
  std::size_t next_close = std::min(text.find(')'), text.size());
  const auto next_bracket = [&](std::size_t from) {
    if (next_open < from) next_open = std::min(text.find('(', from), text.size());
    if (next_close < from) next_close = std::min(text.find(')', from), text.size());
    return std::min(next_open, next_close);
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (stack.empty() || stack.back().has_han) {
      // Until a bracket opens a pair that waits for H, only brackets matter: go to the next.
      pos = next_bracket(pos);
      if (pos == text.size()) break;
    }
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0x80) {
      std::size_t length = 1;
      if (!stack.empty() && !stack.back().has_han && byte >= 0xC0) {
        stack.back().has_han = is_class_h(util::decode_at(text, pos, length));
      }
      pos += length;
      continue;
    }
    if ((byte == '(' || byte == ')') && !in_url.inside(pos)) {
      if (byte == '(') {
        stack.push_back(Open{pos, false});
      } else if (!stack.empty()) {
        Open open = stack.back();
        stack.pop_back();
        if (open.has_han) {
          widen.push_back(open.pos);
          widen.push_back(pos);
          if (!stack.empty()) stack.back().has_han = true;  // the outer pair encloses it too
        }
      }
    }
    ++pos;
  }
  std::sort(widen.begin(), widen.end());
  return widen;
}

// Reads the text as P1 and P2 see it: a '(' or ')' that P2 widens counts as '（' or '）', so that
// a second run makes no new change.
class PunctView {
 public:
  PunctView(std::string_view text, const std::vector<std::size_t>& widened)
      : text_(text), widened_(widened) {}

  char32_t at(std::size_t pos) const { return widen(code_point_at(text_, pos), pos); }
  char32_t before(std::size_t end) const {
    std::size_t start = util::previous_start(text_, end);
    return widen(code_point_at(text_, start), start);
  }

 private:
  char32_t widen(char32_t c, std::size_t pos) const {
    if ((c == '(' || c == ')') && std::binary_search(widened_.begin(), widened_.end(), pos))
      return c == '(' ? U'（' : U'）';
    return c;
  }
  std::string_view text_;
  const std::vector<std::size_t>& widened_;
};

bool is_p1_left(char32_t c) {
  return is_class_h(c) || c == U'”' || c == U'’' || c == U'）' || c == U'》' || c == U'」' || c == U'』';
}
bool is_p1_right(char32_t c) {
  return is_class_h(c) || is_class_a(c) || c == U'“' || c == U'‘' || c == U'（' || c == U'《' ||
         c == U'「' || c == U'『';
}
bool is_cjk_closing_mark(char32_t c) {
  switch (c) {
    case U'”': case U'’': case U'）': case U'》': case U'」': case U'』': case U'】': case U'〉':
    case U'〕': case U'〗': case U'〙': case U'〛': case U'］': case U'｝':
      return true;
    default:
      return false;
  }
}

const char* fullwidth_of(char c) {
  switch (c) {
    case ',': return "，";
    case ';': return "；";
    case ':': return "：";
    case '?': return "？";
    case '!': return "！";
    case '(': return "（";
    default: return "）";
  }
}

// P1 at text[pos] == ','. Returns the end of the change, or 0 for no change.
std::size_t p1_comma_end(std::string_view text, const PunctView& view, std::size_t pos) {
  if (pos == 0 || pos + 1 >= text.size()) return 0;
  char32_t left = view.before(pos);
  if (!is_p1_left(left)) return 0;
  std::size_t right_pos = pos + 1;
  bool space = text[right_pos] == ' ';
  if (space) ++right_pos;
  if (right_pos >= text.size()) return 0;
  char32_t right = view.at(right_pos);
  if (!is_p1_right(right)) return 0;
  if ((is_ascii_digit(left) && is_ascii_digit(right)) || (is_ascii_letter(left) && is_ascii_letter(right)))
    return 0;
  return right_pos;
}

// P2 at text[pos] in ";:?!". Returns the end of the change, or 0 for no change.
std::size_t p2_mark_end(std::string_view text, const PunctView& view, std::size_t pos, UrlCursor& in_url) {
  if (pos == 0) return 0;
  char32_t left = view.before(pos);
  if (is_ascii_digit(left) || !(is_class_h(left) || is_cjk_closing_mark(left))) return 0;
  if (in_url.inside(pos)) return 0;
  std::size_t end = pos + 1;
  if (end + 1 < text.size() && text[end] == ' ' && text[end + 1] != ' ') ++end;
  return end;
}

// The ASCII bytes P1 and P2 look at.
constexpr std::array<bool, 256> kPunctByte = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {',', ';', ':', '?', '!', '(', ')'}) table[c] = true;
  return table;
}();

// The first byte at or after `pos` that P1 or P2 looks at (kPunctByte), or text.size(). With SSE2
// sixteen bytes are tested at once: these marks are rare in Chinese text, which has its own.
std::size_t next_punct_byte(std::string_view text, std::size_t pos) {
#ifdef TIFA_NORMALIZE_SSE2
  const __m128i pair_mask = _mm_set1_epi8(static_cast<char>(0xFE));
  const __m128i brackets = _mm_set1_epi8('(');  // '(' 0x28 and ')' 0x29 once bit 0 is cleared
  const __m128i colons = _mm_set1_epi8(':');    // ':' 0x3A and ';' 0x3B once bit 0 is cleared
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i question = _mm_set1_epi8('?');
  const __m128i bang = _mm_set1_epi8('!');
  while (pos + 16 <= text.size()) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const __m128i paired = _mm_and_si128(bytes, pair_mask);
    const __m128i pairs = _mm_or_si128(_mm_cmpeq_epi8(paired, brackets), _mm_cmpeq_epi8(paired, colons));
    const __m128i singles = _mm_or_si128(_mm_cmpeq_epi8(bytes, comma),
                                         _mm_or_si128(_mm_cmpeq_epi8(bytes, question), _mm_cmpeq_epi8(bytes, bang)));
    const auto hits = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(pairs, singles)));
    if (hits != 0) return pos + static_cast<std::size_t>(std::countr_zero(hits));
    pos += 16;
  }
#endif
  while (pos < text.size() && !kPunctByte[static_cast<unsigned char>(text[pos])]) ++pos;
  return pos;
}

// P1 and P2 in one scan (they share the bracket decisions).
void widen_punctuation(std::string_view text, Changes& out) {
  std::vector<Span> urls = text.find("://") == std::string_view::npos ? std::vector<Span>{} : find_urls(text);
  std::vector<std::size_t> widened =
      text.find('(') == std::string_view::npos ? std::vector<std::size_t>{} : brackets_to_widen(text, urls);
  PunctView view(text, widened);
  UrlCursor in_url(urls);
  std::size_t next_bracket = 0;
  for (std::size_t pos = next_punct_byte(text, 0); pos < text.size(); pos = next_punct_byte(text, pos + 1)) {
    const char c = text[pos];
    std::size_t end = 0;
    const char* rule = "P2";
    if (c == ',') {
      end = p1_comma_end(text, view, pos);
      rule = "P1";
    } else if (c == ';' || c == ':' || c == '?' || c == '!') {
      end = p2_mark_end(text, view, pos, in_url);
    } else if (c == '(' || c == ')') {
      while (next_bracket < widened.size() && widened[next_bracket] < pos) ++next_bracket;
      if (next_bracket < widened.size() && widened[next_bracket] == pos) end = pos + 1;
    }
    if (end == 0) continue;
    out.push_back(Change{pos, end, fullwidth_of(c), rule});
    pos = end - 1;
  }
}

// ---- N6, N3, N4, N5 ----

// N6: three or more single ASCII capitals separated by single spaces, with a non-letter on each
// side and H or CP on at least one side, are joined (the spaces between them are deleted).
void join_spaced_capitals(std::string_view text, Changes& out) {
  const std::size_t size = text.size();
  auto upper_at = [&](std::size_t pos) { return pos < size && is_ascii_upper(static_cast<unsigned char>(text[pos])); };
  auto letter_at = [&](std::size_t pos) { return pos < size && is_ascii_letter(static_cast<unsigned char>(text[pos])); };
  std::size_t next = 0;  // chains end before this offset
  for (std::size_t space = text.find(' '); space != std::string_view::npos; space = text.find(' ', space + 1)) {
    if (space < next + 1 || space == 0 || !upper_at(space - 1) || !upper_at(space + 1)) continue;
    std::size_t first = space - 1;  // the first capital of the chain
    if (first > 0 && letter_at(first - 1)) continue;
    std::size_t last = first;
    while (text.substr(last + 1, 1) == " " && upper_at(last + 2) && !letter_at(last + 3)) last += 2;
    next = last + 1;
    std::size_t count = (last - first) / 2 + 1;
    if (count < 3 || letter_at(last + 1)) continue;
    bool cjk_side = (first > 0 && is_class_c(code_point_before(text, first))) ||
                    (last + 1 < size && is_class_c(code_point_at(text, last + 1)));
    if (!cjk_side) continue;
    for (std::size_t gap = first + 1; gap < last; gap += 2) out.push_back(Change{gap, gap + 1, "", "N6"});
  }
}

struct SpaceScope {
  bool cjk_spaces = false;         // N4 and N5 apply
  std::optional<Span> protected_;  // the byline span: no N4/N5 inside
};

// What a space deletion may have made possible for the rules that ran before N3-N5.
struct NewNeighbours {
  bool punct_or_capitals = false;  // P1, P2 (a mark after a new left neighbour) or N6
  bool fullwidth_dot = false;      // P3: '．' now between two digits
};

bool is_any_digit(char32_t c) { return is_ascii_digit(c) || is_fullwidth_digit(c); }

// N3, N4 and N5 in one scan: each looks only at the two characters around a single space, so
// one scan with the priority N3 > N4 > N5 equals three passes in the spec's order. Reports the
// deletions that give P1, P2, P3 or N6 something new to see (another round).
NewNeighbours drop_cjk_spaces(std::string_view text, const SpaceScope& scope, Changes& out) {
  NewNeighbours news;
  std::size_t pos = 0;
  while ((pos = text.find(' ', pos)) != std::string_view::npos) {
    std::size_t space = pos++;
    if (space == 0 || space + 1 >= text.size()) continue;
    if (layout_space_length_before(text, space) != 0 || layout_space_length(text, space + 1) != 0) continue;
    char32_t left = code_point_before(text, space);
    char32_t right = code_point_at(text, space + 1);
    const char* rule = nullptr;
    if (is_class_cp(left) || is_class_cp(right)) {
      rule = "N3";
    } else if (scope.cjk_spaces &&
               !(scope.protected_ && space >= scope.protected_->begin && space < scope.protected_->end)) {
      bool left_h = is_class_h(left);
      bool right_h = is_class_h(right);
      if (left_h && right_h) {
        rule = "N4";
      } else if ((left_h && is_class_a(right)) || (is_class_a(left) && right_h)) {
        rule = "N5";
      }
    }
    if (rule == nullptr) continue;
    out.push_back(Change{space, space + 1, "", rule});
    bool mark = right == ',' || right == ';' || right == ':' || right == '?' || right == '!';
    // A capital with a space on its other side may now start or end an N6 chain.
    bool capital = (is_ascii_upper(right) && text.substr(space + 2, 1) == " ") ||
                   (is_ascii_upper(left) && space >= 2 && text[space - 2] == ' ');
    if (mark || capital) news.punct_or_capitals = true;
    if ((right == U'．' && is_any_digit(left)) || (left == U'．' && is_any_digit(right))) news.fullwidth_dot = true;
  }
  return news;
}

// ---------------------------------------------------------------------------------------------
// The order of §4.

struct Plan {
  bool body_rules = false;   // N3-N7 (not titles and headings)
  bool soft_wraps = false;   // N7: newlines are markdown or text wraps (HTML newlines go to N2)
  bool pdf_layout = false;
  bool punct = true;         // P1, P2
  bool cjk_spaces = false;   // N4, N5
  bool kangxi = true;        // P4 (not for metadata values)
};

class Normalizer {
 public:
  Normalizer(BlockText& block, const Plan& plan, std::vector<Change>* changes = nullptr)
      : block_(block), plan_(plan), changes_(changes != nullptr ? *changes : own_changes_) {}

  // Runs the rules; returns true when N6 joined letters. `known_features` are those of the
  // block's current text, if the caller has them (scan_block_features).
  bool run(std::optional<unsigned> known_features = std::nullopt) {
    unsigned features = known_features ? *known_features : scan_block_features(block_.text());
    if (plan_.soft_wraps && (features & kHasNewline) != 0) {
      std::vector<std::size_t> cell_tabs = block_.cell_tabs();
      if (pass([&](std::string_view t, Changes& c) { join_lines(t, plan_.pdf_layout, cell_tabs, c); }))
        features |= kHasAsciiSpace;
    }
    run_unicode_passes(features);
    run_space_passes(features);
    run_punct_and_cjk_space_rounds(features);
    return letters_joined_;
  }

 private:
  template <typename Scan>
  bool pass(Scan scan) {
    changes_.clear();
    scan(block_.text(), changes_);
    block_.apply(changes_);
    return !changes_.empty();
  }

  // P5, P6, P4, P3 (and P6 again when a folded letter met a combining mark).
  void run_unicode_passes(unsigned& features) {
    if ((features & kHasInvisible) != 0 && pass(remove_invisibles)) features |= kHasOtherSpace;  // may join spaces
    if ((features & kNeedsNfcCheck) != 0 && pass(compose_nfc)) features = scan_block_features(block_.text());
    bool folded = false;
    if (plan_.kangxi && (features & kHasKangxi) != 0) folded = pass(fold_kangxi);
    if ((features & kHasFullwidthAlnum) != 0) folded = pass(fold_fullwidth) || folded;
    if (folded && (features & kNeedsNfcCheck) != 0) pass(compose_nfc);
  }

  // N2, N1.
  void run_space_passes(unsigned& features) {
    // In body blocks N7 already turned every newline and the spaces around it into at most one
    // space; titles and headings keep their newlines for N2.
    bool newlines_left = !plan_.soft_wraps && (features & kHasNewline) != 0;
    if ((features & kHasOtherSpace) != 0 || newlines_left) {
      std::vector<std::size_t> cell_tabs = block_.cell_tabs();
      if (pass([&](std::string_view t, Changes& c) { collapse_spaces(t, cell_tabs, c); }))
        features |= kHasAsciiSpace;
    }
    pass(strip_ends);
  }

  // P1, P2, N6, N3, N4, N5. A space deletion can give an earlier rule a new neighbour to see
  // (`” ,` → `”,`; `0 ．5` → `0．5`); the rounds repeat until none does, so that a second
  // normalisation finds nothing (I7).
  void run_punct_and_cjk_space_rounds(unsigned features) {
    constexpr int kMaxRounds = 8;
    NewNeighbours news;
    for (int round = 0; round < kMaxRounds; ++round) {
      if (news.fullwidth_dot) pass(fold_fullwidth);
      if (plan_.punct && (features & kHasAsciiPunct) != 0) pass(widen_punctuation);
      if (!plan_.body_rules || (features & kHasAsciiSpace) == 0) return;
      if (pass(join_spaced_capitals)) letters_joined_ = true;
      SpaceScope scope{plan_.cjk_spaces, plan_.cjk_spaces ? block_.byline() : std::nullopt};
      news = NewNeighbours{};
      pass([&](std::string_view t, Changes& c) { news = drop_cjk_spaces(t, scope, c); });
      if (!news.punct_or_capitals && !news.fullwidth_dot) return;
    }
  }

  BlockText& block_;
  Plan plan_;
  Changes own_changes_;
  Changes& changes_;
  bool letters_joined_ = false;
};

Plan plan_for(const DraftBlock& block, const NormalizeContext& context) {
  static const Options kDefaults;
  const Options& options = context.options != nullptr ? *context.options : kDefaults;
  Plan plan;
  plan.body_rules = block.type != BlockType::kTitle && block.type != BlockType::kHeading;
  plan.soft_wraps = plan.body_rules && !context.html_newlines;
  plan.pdf_layout = context.pdf_layout;
  plan.punct = options.fullwidth_punct;
  bool repair = options.cjk_space_repair == CjkSpaceRepair::kAll ||
                (options.cjk_space_repair == CjkSpaceRepair::kPdf && context.pdf_layout);
  // A byline block (bylines=block) separates names with spaces: N4/N5 would fuse them.
  plan.cjk_spaces = plan.body_rules && repair && block.type != BlockType::kByline;
  return plan;
}

// ---------------------------------------------------------------------------------------------
// The fast path: most blocks are plain text that no rule but N1 touches.

// True when the rules of `plan` can change nothing but the ends of a text with these features
// (scan_block_features).
bool only_ends_to_strip(unsigned features, const Plan& plan) {
  if (!plan.body_rules) features &= ~unsigned{kHasAsciiSpace};  // N3-N6 are body rules
  if (!plan.punct) features &= ~unsigned{kHasAsciiPunct};
  return features == 0;
}

// True when a plain text with these features (scan_block_features) needs nothing but N1 although
// a rule that might change it has something to look at: P3 at a '．' that is not between two
// digits ("一．", common in Chinese lists), or N6 and N3-N5 at single ASCII spaces of a body block
// that they keep. Those rules are run here on the text without its end runs, which is what they
// see on the general path: P3 runs before N1, but the end runs hold no full-width character and
// are no digit beside a '．'; N6 and N3-N5 run after N1. If none of them changes anything,
// nothing else runs there either (no rule is left that the features ask for, and an unchanged text
// gives no rule a new neighbour). `inner` is inner_span(text).
bool only_ends_change(std::string_view text, Span inner, unsigned features, const Plan& plan, Changes& scratch) {
  const std::string_view stripped = text.substr(inner.begin, inner.size());
  const auto changes_nothing = [&](auto scan) {
    scratch.clear();
    scan(stripped, scratch);
    return scratch.empty();
  };
  if ((features & kHasFullwidthAlnum) != 0) {
    // (Not when another feature sends the text to the general path anyway.)
    if (!only_ends_to_strip(features & ~unsigned{kHasFullwidthAlnum | kHasAsciiSpace}, plan) ||
        !changes_nothing(fold_fullwidth))
      return false;
    features &= ~unsigned{kHasFullwidthAlnum};
  }
  if (only_ends_to_strip(features, plan)) return true;
  // Single ASCII spaces in a body block: neither N6 nor N3-N5 may take one of them out (no byline
  // limits N4/N5 here).
  if (!plan.body_rules || !only_ends_to_strip(features & ~unsigned{kHasAsciiSpace}, plan)) return false;
  return changes_nothing(join_spaced_capitals) &&
         changes_nothing([&plan](std::string_view t, Changes& c) { drop_cjk_spaces(t, SpaceScope{plan.cjk_spaces, std::nullopt}, c); });
}

// A block made only of verbatim pieces, with no seam or earlier edits: its text is the pieces'
// text, and if that needs at most N1, delete_from_plain_block can normalise it (and
// byline_after_strip move its byline: the first paragraphs of news hold one).
bool is_plain(const DraftBlock& block) {
  if (block.title_seam || !block.edits.empty()) return false;
  return std::all_of(block.pieces.begin(), block.pieces.end(),
                     [](const Piece& piece) { return piece.verbatim && piece.end > piece.begin; });
}

// The TAB a reader puts between two table cells (BlockText marks it kCellTab).
bool is_cell_tab(const Piece& piece) {
  return !piece.verbatim && piece.begin == piece.end && piece.text == "\t";
}

// A table row made only of verbatim pieces and cell TABs, with no byline, seam or earlier edits.
bool is_plain_row(const DraftBlock& block) {
  if (block.byline || block.title_seam || !block.edits.empty()) return false;
  bool has_cell_tab = false;
  for (const Piece& piece : block.pieces) {
    if (is_cell_tab(piece)) {
      has_cell_tab = true;
    } else if (!piece.verbatim || piece.end == piece.begin) {
      return false;
    }
  }
  return has_cell_tab;
}

// The byline of a plain block once N1 deleted the runs outside `inner` (the text kept), as
// BlockText moves the byline's ends: an end inside a deleted run goes to the edge of what is kept.
Span byline_after_strip(Span byline, Span inner) {
  const auto moved = [inner](std::size_t pos) { return std::min(std::max(pos, inner.begin), inner.end) - inner.begin; };
  const std::size_t begin = moved(byline.begin);
  return Span{begin, std::max(begin, moved(byline.end))};
}

// The deletions of a plain block that needs at most N1: its two end runs (`inner` is
// inner_span(text)).
void end_deletions(std::string_view text, Span inner, std::vector<Deletion>& out) {
  out.clear();
  if (inner.begin > 0) out.push_back(Deletion{0, inner.begin, "N1"});
  if (inner.end < text.size() && inner.begin < text.size()) out.push_back(Deletion{inner.end, text.size(), "N1"});
}

// The deletions of a plain row (is_plain_row) whose text needs no more than N1 at its ends and N2
// beside its cell TABs, which drops the spaces next to a TAB and keeps the TAB (HTML source
// newlines around <td> give most rows such spaces). False when the row needs more: a cell TAB in
// an end run (N1 strips it), inside a cell a character some rule touches or a space (N2 collapses
// it, N3-N6 may delete it), beside a TAB a character other than a space or a newline that N7
// joins first.
bool row_deletions(std::string_view text, const std::vector<Piece>& pieces, const Plan& plan,
                   std::vector<Deletion>& out) {
  constexpr unsigned kSpaceFeatures = kHasNewline | kHasAsciiSpace | kHasOtherSpace;
  out.clear();
  const Span inner = inner_span(text);
  // As in scan_block_features, the end runs count only for P6.
  if (((scan_features(text.substr(0, inner.begin)) | scan_features(text.substr(inner.end))) & kNeedsNfcCheck) != 0)
    return false;
  if (inner.begin > 0) out.push_back(Deletion{0, inner.begin, "N1"});
  unsigned core_features = 0;    // inside the cells
  unsigned border_features = 0;  // of the spaces beside the TABs
  const auto add_cell = [&](std::size_t begin, std::size_t end) {
    const std::string_view cell = text.substr(begin, end - begin);
    const Span core = inner_span(cell);  // {size, size} for a cell of spaces only
    // (Most cells have no spaces at one end or both: no call for an empty end.)
    if (core.begin > 0) border_features |= scan_features(cell.substr(0, core.begin));
    if (core.end < cell.size()) border_features |= scan_features(cell.substr(core.end));
    core_features |= scan_features(cell.substr(core.begin, core.size()));
    if (core.begin > 0) out.push_back(Deletion{begin, begin + core.begin, "N2"});
    if (core.end < cell.size()) out.push_back(Deletion{begin + core.end, end, "N2"});
  };
  std::size_t cell_begin = inner.begin;
  std::size_t offset = 0;  // of the current piece in `text`
  for (const Piece& piece : pieces) {
    if (piece.verbatim) {
      offset += piece.end - piece.begin;
      continue;
    }
    if (offset < inner.begin || offset >= inner.end) return false;
    add_cell(cell_begin, offset);
    cell_begin = offset + 1;
    offset += 1;
  }
  add_cell(cell_begin, inner.end);
  if (inner.end < text.size()) out.push_back(Deletion{inner.end, text.size(), "N1"});
  if ((border_features & ~kSpaceFeatures) != 0 || (plan.soft_wraps && (border_features & kHasNewline) != 0))
    return false;
  return (core_features & kSpaceFeatures) == 0 && only_ends_to_strip(core_features, plan);
}

// Deletes `deletions` (sorted, disjoint, not empty, never over a cell TAB) from a plain block or
// row whose text is `text`, straight on its pieces: the same pieces and edits as BlockText and
// Normalizer make (the tests "normalize: the plain-block fast path agrees with the general path"
// and "... plain-row ..." hold them together), without copying the text twice. A deletion's
// source is the hull of its bytes.
void delete_from_plain_block(std::string_view text, std::vector<Deletion>& deletions, DraftBlock& block) {
  // A single piece that loses nothing stays as it is (a paragraph without end spaces).
  if (deletions.empty() && block.pieces.size() == 1) return;
  std::size_t kept = 0;  // pieces written back in place (never more than read)
  std::size_t offset = 0;
  std::size_t next = 0;  // the first deletion that does not end before `offset`
  // Both counts read once: the loop writes pieces, so the compiler would reload and divide the
  // vectors' sizes at every test.
  const std::size_t piece_count = block.pieces.size();
  const std::size_t deletion_count = deletions.size();
  for (std::size_t i = 0; i < piece_count; ++i) {
    if (!block.pieces[i].verbatim) {  // a cell TAB: kept as it is
      if (kept != i) block.pieces[kept] = std::move(block.pieces[i]);
      ++kept;
      offset += 1;
      continue;
    }
    const std::size_t source = block.pieces[i].begin;
    const std::size_t piece_end = offset + (block.pieces[i].end - source);
    for (std::size_t pos = offset; pos < piece_end;) {
      while (next < deletion_count && deletions[next].end <= pos) ++next;
      const bool deleted = next < deletion_count && deletions[next].begin <= pos;
      const std::size_t to = next == deletion_count ? piece_end
                             : deleted              ? std::min(deletions[next].end, piece_end)
                                                    : std::min(deletions[next].begin, piece_end);
      const Span part{source + (pos - offset), source + (to - offset)};
      if (deleted) {
        Span& hull = deletions[next].source;
        hull = Span{std::min(hull.begin, part.begin), std::max(hull.end, part.end)};
      } else if (kept > 0 && block.pieces[kept - 1].verbatim && block.pieces[kept - 1].end == part.begin) {
        block.pieces[kept - 1].end = part.end;  // adjacent in the source: one piece
      } else {
        // Set field by field: the slot holds a piece already read (a verbatim one or a moved-out
        // cell TAB), so its text only needs clearing, without a temporary Piece to move in.
        Piece& piece = block.pieces[kept++];
        piece.begin = part.begin;
        piece.end = part.end;
        piece.verbatim = true;
        piece.reference_run = false;
        piece.text.clear();
      }
      pos = to;
    }
    offset = piece_end;
  }
  block.pieces.resize(kept);
  block.edits.reserve(block.edits.size() + deletions.size());
  std::size_t removed = 0;  // bytes deleted before the current deletion
  for (const Deletion& deletion : deletions) {
    Edit& edit = add_draft_edit(block.edits, deletion.begin - removed, 0, deletion.source);
    // (The new edit's strings are empty: an append is an assignment without _M_replace's checks.)
    edit.rule.append(deletion.rule);
    edit.before.append(text, deletion.begin, deletion.size());
    removed += deletion.size();
  }
}

// ---------------------------------------------------------------------------------------------
// N9(b): title wrap spaces.

struct TitleSegments {
  std::vector<std::size_t> lengths;  // code points of each segment
  struct Separator {
    std::size_t space = SIZE_MAX;  // byte offset of the space, SIZE_MAX for a bare seam
    std::size_t width = 0;         // code points it adds inside a line (1 for a space)
    bool forced = false;           // the merge seam: always a line end
  };
  std::vector<Separator> separators;  // separators[i] sits between segments i and i+1
};

bool is_single_space(std::string_view text, std::size_t pos) {
  return text[pos] == ' ' && pos > 0 && pos + 1 < text.size() &&
         layout_space_length_before(text, pos) == 0 && layout_space_length(text, pos + 1) == 0;
}

TitleSegments split_title(std::string_view text, std::optional<std::size_t> seam) {
  TitleSegments segments;
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && layout_space_length(text, begin) != 0) begin += layout_space_length(text, begin);
  while (end > begin && layout_space_length_before(text, end) != 0) end -= layout_space_length_before(text, end);
  std::size_t current = 0;
  bool seam_used = !seam || *seam <= begin || *seam >= end;
  for (std::size_t pos = begin; pos < end;) {
    if (is_single_space(text, pos)) {
      bool forced = !seam_used && (*seam == pos || *seam == pos + 1);
      seam_used = seam_used || forced;
      segments.lengths.push_back(current);
      segments.separators.push_back({pos, 1, forced});
      current = 0;
      ++pos;
      continue;
    }
    if (!seam_used && pos == *seam) {
      seam_used = true;
      segments.lengths.push_back(current);
      segments.separators.push_back({SIZE_MAX, 0, true});
      current = 0;
    }
    ++current;
    pos += code_point_length(text, pos);
  }
  segments.lengths.push_back(current);
  return segments;
}

// Finds the layouts of §4 N9(b); stops once two different ones are known.
class LayoutSearch {
 public:
  explicit LayoutSearch(const TitleSegments& segments) : segments_(segments) {}

  // The line ends (separator indexes) of the only layout, or nothing when there are 0 or 2+.
  std::optional<std::vector<std::size_t>> unique_layout() {
    std::size_t total = 0;
    for (std::size_t length : segments_.lengths) total += length;
    for (const auto& separator : segments_.separators) total += separator.width;
    for (std::size_t width = 15; width <= total && layouts_.size() < 2; ++width) {
      std::vector<std::size_t> ends;
      lay_out(0, width, ends);
    }
    if (layouts_.size() != 1) return std::nullopt;
    return layouts_.front();
  }

 private:
  // Lays out the lines from segment `first` on, each non-last line W-1 or W code points.
  void lay_out(std::size_t first, std::size_t width, std::vector<std::size_t>& ends) {
    const std::size_t count = segments_.lengths.size();
    std::size_t length = 0;
    for (std::size_t last = first; last < count && layouts_.size() < 2; ++last) {
      length += segments_.lengths[last];
      if (last + 1 == count) {
        if (length + 1 < width && ends.size() + 1 >= 3) record(ends);
        return;
      }
      if (length + 1 >= width && length <= width) {
        ends.push_back(last);
        lay_out(last + 1, width, ends);
        ends.pop_back();
      }
      const auto& separator = segments_.separators[last];
      if (separator.forced || length >= width) return;  // the seam ends a line; or too long
      length += separator.width;
    }
  }

  void record(const std::vector<std::size_t>& ends) {
    if (std::find(layouts_.begin(), layouts_.end(), ends) == layouts_.end()) layouts_.push_back(ends);
  }

  const TitleSegments& segments_;
  std::vector<std::vector<std::size_t>> layouts_;
};

bool has_space_between_han(std::string_view text) {
  for (std::size_t pos = text.find(' '); pos != std::string_view::npos; pos = text.find(' ', pos + 1)) {
    if (pos > 0 && pos + 1 < text.size() && is_class_h(code_point_before(text, pos)) &&
        is_class_h(code_point_at(text, pos + 1)))
      return true;
  }
  return false;
}

}  // namespace

void normalize_block(std::string_view decoded, DraftBlock& block, const NormalizeContext& context) {
  BlockNormalizer().normalize(decoded, block, context);
}

struct BlockNormalizer::Buffers : BlockBuffers {};

BlockNormalizer::BlockNormalizer() : buffers_(std::make_unique<Buffers>()) {}
BlockNormalizer::~BlockNormalizer() = default;

void BlockNormalizer::normalize(std::string_view decoded, DraftBlock& block, const NormalizeContext& context) {
  const Plan plan = plan_for(block, context);
  std::optional<unsigned> features;  // of the block's text, when known before BlockText
  if (context.plain_fast_path && is_plain(block)) {
    const std::string_view plain_text = pieces_view(decoded, block.pieces, buffers_->text);
    const Span inner = inner_span(plain_text);  // found once for the scan, the test and the deletions
    features = scan_block_features(plain_text, inner);
    if (only_ends_to_strip(*features, plan) || only_ends_change(plain_text, inner, *features, plan, buffers_->changes)) {
      end_deletions(plain_text, inner, buffers_->deletions);
      delete_from_plain_block(plain_text, buffers_->deletions, block);
      if (block.byline) block.byline = byline_after_strip(*block.byline, inner);
      return;
    }
  } else if (context.plain_fast_path && is_plain_row(block)) {
    const std::string_view row_text = pieces_view(decoded, block.pieces, buffers_->text);
    if (row_deletions(row_text, block.pieces, plan, buffers_->deletions)) {
      delete_from_plain_block(row_text, buffers_->deletions, block);
      return;
    }
  }
  BlockText text(decoded, block, buffers_.get());
  Normalizer normalizer(text, plan, &buffers_->changes);
  if (normalizer.run(features)) block.flags |= kLettersJoined;
  text.store(block);
}

std::uint32_t repair_title_wraps(std::string_view decoded, DraftBlock& title, bool enabled) {
  BlockText text(decoded, title);
  const std::uint32_t ambiguous =
      has_space_between_han(text.text()) ? std::uint32_t{kTitleSpaceAmbiguous} : std::uint32_t{0};
  if (!enabled) return ambiguous;
  TitleSegments segments = split_title(text.text(), text.seam());
  std::optional<std::vector<std::size_t>> layout = LayoutSearch(segments).unique_layout();
  if (!layout) return ambiguous;
  Changes changes;
  for (std::size_t index : *layout) {
    std::size_t space = segments.separators[index].space;
    if (space == SIZE_MAX) continue;
    if (is_class_h(code_point_before(text.text(), space)) && is_class_h(code_point_at(text.text(), space + 1)))
      changes.push_back(Change{space, space + 1, "", "N9"});
  }
  if (changes.empty()) return 0;
  text.apply(changes);
  text.store(title);
  return kTitleWrapSpaceRemoved;
}

bool removes_control_char(const Edit& edit) {
  std::string_view before = edit.before;
  for (std::size_t pos = 0; pos < before.size();) {
    std::size_t length = 0;
    char32_t c = util::decode_at(before, pos, length);
    if (is_removable_invisible(c) && (c < 0x20 || (c >= 0x7F && c <= 0x9F))) return true;
    pos += length;
  }
  return false;
}

std::string normalize_meta_value(std::string_view value) {
  Plan plan;
  plan.body_rules = false;
  plan.punct = false;
  plan.kangxi = false;
  // Most values need at most N1: then the result is the value without its end spaces.
  const Span inner = inner_span(value);
  if (only_ends_to_strip(scan_block_features(value, inner), plan)) {
    return std::string(value.substr(inner.begin, inner.size()));
  }
  DraftBlock block;
  block.type = BlockType::kTitle;  // no N3-N7
  block.pieces.push_back(Piece{0, value.size(), true, {}});
  BlockText text(value, block);
  Normalizer normalizer(text, plan);
  normalizer.run();
  return std::string(text.text());
}

}  // namespace tifa::clean
