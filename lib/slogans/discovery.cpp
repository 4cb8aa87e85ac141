// Discovery of slogans absent from the lexicon (spec/slogans.md §4).
//
// Quoted candidates (D1-D6) are judged on the content of each quote pair; unquoted ones (D1, D2,
// D4, D6, D7, D8) start at the few places that can begin them: numerals, 、 and campaign heads.
// Every candidate passes the trap list of §4.4 before it is graded.
#include "slogans/discovery.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "slogans/byte_scan.hpp"
#include "slogans/fold.hpp"
#include "slogans/ignorable.hpp"
#include "slogans/members.hpp"
#include "slogans/numerals.hpp"
#include "slogans/text_chars.hpp"
#include "slogans/word_lists.hpp"
#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

// ---------------------------------------------------------------------------------------------
// Characters of a span, with their byte offsets; ignorable units are left out (they never start,
// end or separate a candidate's items).

// What an unquoted candidate may start or end at (scan_block, campaigns): most characters of a
// block are none of these, and one table lookup per character tells.
enum CharRole : std::uint8_t {
  kStartsNumeral = 1,      // a Chinese numeral or 双 (D1, D2, D4)
  kEnumerationComma = 2,   // 、 (D6)
  kEndsCampaignHead = 4,   // folds to the last character of a campaign head (D7)
  kChangedByFolding = 8,   // fold() changes it: the others need no fold table search
  kIgnorableUnit = 16,     // a three-byte ignorable unit (§3.5): never a Char, chars_of() skips it
};

// 16 bytes: a block of tens of megabytes holds one per code point (tests/bad_input, 50 MB).
struct Char {
  char32_t cp;
  std::uint8_t size;   // UTF-8 bytes, 1-4
  std::uint8_t roles;  // CharRole bits
  std::size_t begin;
  std::size_t end() const noexcept { return begin + size; }
};

bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９'); }
bool is_numeral_or_shuang(char32_t c) { return is_numeral(c) || c == U'双'; }

// The last characters of the heads of data/campaign_heads.txt (checked after folding).
constexpr std::u32string_view kCampaignHeadEnds = U"动育战程略划";

std::uint8_t roles_of(char32_t c) {
  std::uint8_t roles = 0;
  if (is_numeral_or_shuang(c) && !is_digit(c)) roles |= kStartsNumeral;
  if (c == U'、') roles |= kEnumerationComma;
  if (kCampaignHeadEnds.find(fold(c)) != std::u32string_view::npos) roles |= kEndsCampaignHead;
  if (fold(c) != c) roles |= kChangedByFolding;
  if (c == 0x3000 || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) roles |= kIgnorableUnit;
  return roles;
}

// roles_of() for each BMP code point, worked out once per process (64 KiB, immutable once built).
// Only the characters folding changes (the pairs of its table and the full-width range) can differ
// from their folded form, so roles_of() is asked about those and about the few characters with a
// role of their own, not about every code point.
const std::uint8_t* bmp_roles() {
  static const std::vector<std::uint8_t> table = [] {
    std::vector<std::uint8_t> roles(0x10000, 0);
    const auto set = [&roles](char32_t cp) {
      if (cp < 0x10000) roles[cp] = roles_of(cp);
    };
    for (char32_t cp : std::u32string_view(U"〇零一二三四五六七八九十百千万亿两双、")) set(cp);
    for (char32_t cp : kCampaignHeadEnds) set(cp);
    for (char32_t cp : {0x3000, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}) set(cp);
    for (const FoldPair& pair : traditional_fold_pairs()) set(pair.from);
    for (char32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) set(cp);
    return roles;
  }();
  return table.data();
}

// The characters of a span, as chars_of() leaves them in a CharBuffer.
using Chars = std::span<const Char>;

// Storage for the characters of one span at a time, reused across the spans of a text: it grows
// only for a span with more code points than any before, to exactly that size (on a block of
// many megabytes, growth by doubling would hold up to three times the characters at once:
// tests/bad_input, "50 MB without a newline"), and is never initialised (chars_of() writes every
// Char it hands out).
class CharBuffer {
 public:
  static constexpr std::size_t kMinimumRoom = 2048;  // characters, 32 KiB

  // Room for `count` characters; what the buffer held is gone.
  Char* room_for(std::size_t count) {
    if (count > capacity_) {
      data_.reset();  // first: the old and the new room are never held at once
      // At least kMinimumRoom: the spans of a usual text all fit in the first room (each larger
      // span would otherwise allocate again).
      const std::size_t capacity = std::max(count, kMinimumRoom);
      data_ = std::make_unique_for_overwrite<Char[]>(capacity);
      capacity_ = capacity;
    }
    return data_.get();
  }

  // Room for `count` characters, keeping the first `used`.
  Char* grow(std::size_t used, std::size_t count) {
    if (count <= capacity_) return data_.get();
    auto larger = std::make_unique_for_overwrite<Char[]>(count);
    std::copy(data_.get(), data_.get() + used, larger.get());
    data_ = std::move(larger);
    capacity_ = count;
    return data_.get();
  }

 private:
  std::unique_ptr<Char[]> data_;
  std::size_t capacity_ = 0;
};

// The two continuation bytes of a three-byte character, read as one 16-bit load (in the machine's
// byte order), give the low twelve bits of its code point through this table (128 KiB, worked out
// once per process): one load in decode_three_byte_run's loop instead of two loads, two masks, a
// shift and an or. Like util::decode_at, it keeps the six low bits of each byte whatever they are.
const std::uint16_t* low_code_bits() {
  static const std::vector<std::uint16_t> table = [] {
    std::vector<std::uint16_t> bits(0x10000);
    for (unsigned second = 0; second < 0x100; ++second) {
      for (unsigned third = 0; third < 0x100; ++third) {
        const std::array<unsigned char, 2> bytes{static_cast<unsigned char>(second),
                                                 static_cast<unsigned char>(third)};
        std::uint16_t index = 0;
        std::memcpy(&index, bytes.data(), sizeof index);
        bits[index] = static_cast<std::uint16_t>(((second & 0x3Fu) << 6) | (third & 0x3Fu));
      }
    }
    return bits;
  }();
  return table.data();
}

// The roles an unquoted candidate starts from (scan_block).
constexpr std::uint8_t kCandidateRoles = kStartsNumeral | kEnumerationComma | kEndsCampaignHead;

// Decodes the run of three-byte characters (leads E0-EF: the ideographs and the Chinese
// punctuation that fill the text) and ASCII characters that starts at `pos`, before `end`, into
// `next` (not beyond `limit`); returns where the run ends. It stops at an ignorable unit or the
// first byte of the page marker (`marker_lead`, or -1), which the caller decides (and the caller
// leaves every three-byte character to its general path when the page marker begins like one).
// Runs of ideographs alone are short (a digit or a Latin letter every few characters), and each
// return to the caller costs more than a character. The code points are those util::decode_at
// gives: it does not look at the continuation bytes either. With kListStarts, the index (from
// `first`) of each character with a candidate role goes to `starts`. A loop of its own: few values
// are live in it, so they all stay in registers, which holds only while it is not inlined into the
// large function around it.
template <bool kListStarts>
[[gnu::noinline]] std::size_t decode_three_byte_run(const unsigned char* bytes, std::size_t pos, std::size_t end,
                                                    const std::uint8_t* roles, const std::uint16_t* low_bits,
                                                    const Char* first, Char*& next,
                                                    const Char* limit, int marker_lead,
                                                    std::vector<std::size_t>* starts) {
  // Where the room runs out, if before `end`: one Char per three bytes.
  const std::size_t stop = std::min(end, pos + 3 * static_cast<std::size_t>(limit - next));
  if (stop < pos + 3) return pos;
  std::size_t last = stop - 3;  // the last place a three-byte character may start
  Char* out = next;
  // One test for both rare cases keeps a single branch on the path of the ordinary character.
  constexpr std::uint8_t kRare = kListStarts ? kIgnorableUnit | kCandidateRoles : kIgnorableUnit;
  while (pos <= last) {
    // 0-15 for the leads E0-EF alone (their four low bits), larger for any other byte.
    std::size_t lead_bits = std::size_t{bytes[pos]} - 0xE0u;
    // Three-byte characters one after another, the usual run, in a loop of their own.
    while (lead_bits <= 0x0Fu) {
      std::uint16_t continuation = 0;
      std::memcpy(&continuation, bytes + pos + 1, sizeof continuation);
      // In a 64-bit register: the table index needs no widening.
      const std::size_t code = (lead_bits << 12) | std::size_t{low_bits[continuation]};
      const auto cp = static_cast<char32_t>(code);
      const std::uint8_t role = roles[code];
      if ((role & kRare) != 0) {
        if ((role & kIgnorableUnit) != 0) goto done;
        if constexpr (kListStarts) starts->push_back(static_cast<std::size_t>(out - first));
      }
      *out++ = {cp, 3, role, pos};
      pos += 3;
      if (pos > last) goto done;  // out of both loops
      lead_bits = std::size_t{bytes[pos]} - 0xE0u;
    }
    // ASCII (digits and Latin letters amid the ideographs) stays in the run, but for the bytes an
    // ignorable unit or the page marker may begin with: the caller decides those.
    const auto byte = static_cast<unsigned>(lead_bits + 0xE0u);  // bytes[pos], still in a register
    if (byte >= 0x80u || byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' ||
        static_cast<int>(byte) == marker_lead) {
      break;
    }
    const std::uint8_t role = roles[byte];
    if ((role & kRare) != 0) break;  // none has one today; the caller would list it
    *out++ = {byte, 1, role, pos};
    pos += 1;
    // One Char for one byte: the room counted three bytes a Char, so the run may go on two bytes
    // less far (or ends here, to the caller, near the end of the room).
    if (last < pos + 2) break;
    last -= 2;
  }
done:
  next = out;
  return pos;
}

// The characters of `span`, in `buffer` (and with kListStarts, the indices of those with a
// candidate role in `starts`, in order). This runs on every character of every block, so it writes
// through a pointer into room counted beforehand: one Char per code point at most (the ignorable
// units are left out).
template <bool kListStarts>
Chars decode_chars(std::string_view text, Span span, std::string_view page_marker, CharBuffer& buffer,
                   std::vector<std::size_t>* starts) {
  // One Char per code point at most, and never more than one per byte: a span of fewer bytes than
  // the buffer's least room needs no count (most spans, a quote or a paragraph).
  std::size_t room = span.size() <= CharBuffer::kMinimumRoom ? span.size()
                                                             : util::count_code_points(text.substr(span.begin, span.size()));
  Char* first = buffer.room_for(room);
  Char* next = first;
  const std::uint8_t* roles = bmp_roles();
  const std::uint16_t* low_bits = low_code_bits();
  const int marker_lead = page_marker.empty() ? -1 : static_cast<unsigned char>(page_marker[0]);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  // A three-byte character that would end past span.end is left to decode_at (invalid UTF-8 only),
  // and so are all of them when the page marker begins like one.
  const bool marker_like_three_bytes = marker_lead >= 0xE0 && marker_lead <= 0xEF;
  const std::size_t fast_end = marker_like_three_bytes ? span.begin : std::min(span.end, text.size());
  std::size_t pos = span.begin;
  while (pos < span.end) {
    pos = decode_three_byte_run<kListStarts>(bytes, pos, fast_end, roles, low_bits, first, next, first + room, marker_lead,
                                             starts);
    if (pos >= span.end) break;
    if (next == first + room) {  // more characters than code points: stray continuation bytes (invalid UTF-8)
      const auto used = static_cast<std::size_t>(next - first);
      room = used + (span.end - pos);
      first = buffer.grow(used, room);
      next = first + used;
    }
    if (const std::size_t gap = ignorable_length(text, pos, page_marker); gap > 0) {
      pos += gap;
      continue;
    }
    std::size_t length = 0;
    const char32_t cp = util::decode_at(text, pos, length);
    const std::uint8_t role = cp < 0x10000 ? roles[cp] : roles_of(cp);
    if constexpr (kListStarts) {
      if ((role & kCandidateRoles) != 0) starts->push_back(static_cast<std::size_t>(next - first));
    }
    *next++ = {cp, static_cast<std::uint8_t>(length), role, pos};
    pos += length;
  }
  return Chars(first, next);
}

Chars chars_of(std::string_view text, Span span, std::string_view page_marker, CharBuffer& buffer) {
  return decode_chars<false>(text, span, page_marker, buffer, nullptr);
}

// chars_of(), and in `starts` the indices of the characters with a candidate role (kCandidateRoles).
Chars chars_of(std::string_view text, Span span, std::string_view page_marker, CharBuffer& buffer,
               std::vector<std::size_t>& starts) {
  starts.clear();
  return decode_chars<true>(text, span, page_marker, buffer, &starts);
}

// fold(c.cp), looked up only for the few characters folding changes.
char32_t folded(const Char& c) { return (c.roles & kChangedByFolding) != 0 ? fold(c.cp) : c.cp; }

std::size_t utf8_length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

// Writes the UTF-8 of scalar value `c` at `out`; returns the end.
char* put_utf8(char* out, char32_t c) {
  if (c < 0x80) {
    *out++ = static_cast<char>(c);
  } else if (c < 0x800) {
    *out++ = static_cast<char>(0xC0 | (c >> 6));
    *out++ = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (c >> 12));
    *out++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (c >> 18));
    *out++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// put_utf8(out, folded(c)), inline for the usual character: a three-byte one that folding leaves
// as it is (the keys below are written a character at a time, and most are ideographs).
inline char* put_folded(char* out, const Char& c) {
  if ((c.roles & kChangedByFolding) == 0 && c.cp - 0x800u < 0xF800u) {
    out[0] = static_cast<char>(0xE0 | (c.cp >> 12));
    out[1] = static_cast<char>(0x80 | ((c.cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c.cp & 0x3F));
    return out + 3;
  }
  return put_utf8(out, folded(c));
}

// The folded characters [from, to) as UTF-8: the keys of the word-list lookups, asked for at many
// characters of a block. Up to 16 characters (nearly every key) written on the stack in one pass
// and copied once; longer ones sized first, then written in place: one allocation at most.
std::string folded_text(Chars chars, std::size_t from, std::size_t to) {
  // Keys are short: written in one pass on the stack, then copied once.
  constexpr std::size_t kOnStack = 16;
  if (to - from <= kOnStack) {
    std::array<char, 4 * kOnStack> bytes;
    char* end = bytes.data();
    for (std::size_t i = from; i < to; ++i) end = put_folded(end, chars[i]);
    return std::string(bytes.data(), end);
  }
  std::size_t size = 0;
  for (std::size_t i = from; i < to; ++i) size += utf8_length(folded(chars[i]));
  std::string out(size, '\0');
  char* next = out.data();
  for (std::size_t i = from; i < to; ++i) next = put_folded(next, chars[i]);
  return out;
}

std::string folded_text(Chars chars) { return folded_text(chars, 0, chars.size()); }

// folded_text(chars, from, to) for a key that lives only for its lookups: up to kOnStack characters
// (nearly every key) written on the stack and never copied into a string.
class FoldedKey {
 public:
  static constexpr std::size_t kOnStack = 16;

  FoldedKey(Chars chars, std::size_t from, std::size_t to) {
    if (to - from > kOnStack) {
      long_ = folded_text(chars, from, to);
      text_ = long_;
      return;
    }
    char* end = bytes_.data();
    for (std::size_t i = from; i < to; ++i) end = put_folded(end, chars[i]);
    text_ = std::string_view(bytes_.data(), static_cast<std::size_t>(end - bytes_.data()));
  }
  FoldedKey(const FoldedKey&) = delete;  // text_ points into the object
  FoldedKey& operator=(const FoldedKey&) = delete;

  std::string_view text() const { return text_; }

 private:
  std::array<char, 4 * kOnStack> bytes_;
  std::string long_;
  std::string_view text_;
};

// folded_text() of chars[from, to) (at most kMaxChars), kept on the stack with the offset of each
// character, so that the text of any part of it is a view rather than a string folded again.
class FoldedRange {
 public:
  static constexpr std::size_t kMaxChars = 24;

  FoldedRange(Chars chars, std::size_t from, std::size_t to) : from_(from) {
    const std::size_t count = std::min(to - from, kMaxChars);
    char* next = bytes_.data();
    for (std::size_t i = 0; i < count; ++i) {
      offsets_[i] = static_cast<std::uint8_t>(next - bytes_.data());
      next = put_folded(next, chars[from + i]);
    }
    offsets_[count] = static_cast<std::uint8_t>(next - bytes_.data());
  }

  // folded_text(chars, from, to) for from_ <= from <= to <= the end given to the constructor.
  std::string_view part(std::size_t from, std::size_t to) const {
    return std::string_view(bytes_.data() + offsets_[from - from_], offsets_[to - from_] - offsets_[from - from_]);
  }

 private:
  std::size_t from_;
  std::array<char, 4 * kMaxChars> bytes_;
  std::array<std::uint8_t, kMaxChars + 1> offsets_;
};

bool is_cjk(char32_t c) { return util::is_han(c); }
bool is_chinese_numeral(char32_t c) { return is_numeral(c) && !is_digit(c); }

bool all_cjk(Chars chars, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (!is_cjk(chars[i].cp)) return false;
  }
  return true;
}

// Up to `count` code points of `block` before / after a byte offset.
std::string_view before_window(std::string_view text, Span block, std::size_t pos, std::size_t count) {
  std::size_t begin = pos;
  for (std::size_t i = 0; i < count && begin > block.begin; ++i) begin = util::previous_start(text, begin);
  return text.substr(begin, pos - begin);
}

std::string_view after_window(std::string_view text, Span block, std::size_t pos, std::size_t count) {
  std::size_t end = pos;
  for (std::size_t i = 0, length = 0; i < count && end < block.end; ++i, end += length) {
    util::decode_at(text, end, length);
  }
  return text.substr(pos, end - pos);
}

// after_window() of up to kMaxChars characters, and the same characters folded, on the stack: the
// folded form is asked for after every quote, and folding often changes a character there (the
// full-width comma after a quote).
class FoldedWindowAfter {
 public:
  static constexpr std::size_t kMaxChars = 5;

  FoldedWindowAfter(std::string_view text, Span block, std::size_t pos, std::size_t count) {
    std::size_t end = pos;
    char* next = folded_.data();
    for (std::size_t i = 0, length = 0; i < std::min(count, kMaxChars) && end < block.end; ++i, end += length) {
      next = put_utf8(next, fold(util::decode_at(text, end, length)));
    }
    raw_ = text.substr(pos, end - pos);
    folded_size_ = static_cast<std::size_t>(next - folded_.data());
  }

  std::string_view raw() const { return raw_; }
  // fold_string(raw()): the text is valid UTF-8, so each character folds on its own.
  std::string_view folded() const { return std::string_view(folded_.data(), folded_size_); }

 private:
  std::string_view raw_;
  std::array<char, 4 * kMaxChars> folded_;
  std::size_t folded_size_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Numerals: a run of numeral characters and its value.

struct NumeralRun {
  std::size_t length = 0;  // characters
  long long value = 0;
  bool digits = false;
};

std::optional<NumeralRun> numeral_run(Chars chars, std::size_t at) {
  NumeralRun run;
  constexpr std::size_t kMaxLength = 8;
  std::array<char32_t, kMaxLength> numeral;  // its code points, read as they are collected
  std::size_t i = at;
  if (i < chars.size() && chars[i].cp == U'双') {
    numeral[0] = U'双';
    i = at + 1;
  } else {
    while (i < chars.size() && is_numeral(chars[i].cp) && i - at < kMaxLength) {
      numeral[i - at] = chars[i].cp;
      run.digits |= is_digit(chars[i].cp);
      ++i;
    }
  }
  if (i == at) return std::nullopt;
  const auto value = numeral_value(std::u32string_view(numeral.data(), i - at));
  if (!value) return std::nullopt;
  run.length = i - at;
  run.value = *value;
  return run;
}

constexpr char32_t kClassifiers[] = {U'个', U'大', U'项', U'条', U'重', U'期', U'线', U'张', U'篇', U'字'};

bool is_classifier(char32_t c) { return std::find(std::begin(kClassifiers), std::end(kClassifiers), c) != std::end(kClassifiers); }

// ---------------------------------------------------------------------------------------------
// Shapes of §4.2 on a sequence of characters [from, to).

// D1: numeral + classifier + 2-4 CJK characters, value 1-20, no measure-word noun, no count label.
// `run` is numeral_run(chars, from).
bool is_counted_formula(Chars chars, std::size_t from, std::size_t to, bool allow_digits,
                        const std::optional<NumeralRun>& run) {
  if (!run || (run->digits && !allow_digits) || run->value < 1 || run->value > 20) return false;
  const std::size_t classifier = from + run->length;
  if (classifier >= to || !is_classifier(chars[classifier].cp)) return false;
  const std::size_t noun = classifier + 1;
  const std::size_t noun_length = to - noun;
  if (noun_length < 2 || noun_length > 4 || !all_cjk(chars, noun, to)) return false;
  const WordLists& words = WordLists::get();
  const FoldedKey noun_text(chars, noun, to);
  if (words.measure_words.longest_prefix(noun_text.text()) > 0) return false;
  return words.count_label_heads.longest_suffix(noun_text.text()) == 0;
}

// D2: two or more segments, each one numeral morpheme + 1-3 CJK characters, 4-10 in all.
bool is_numeral_compound(Chars chars, std::size_t from, std::size_t to) {
  const std::size_t length = to - from;
  if (length < 4 || length > 10) return false;
  std::size_t segments = 0;
  std::size_t i = from;
  while (i < to) {
    if (!is_numeral_or_shuang(chars[i].cp) || is_digit(chars[i].cp)) return false;
    std::size_t j = i + 1;
    while (j < to && is_cjk(chars[j].cp) && !is_numeral_or_shuang(chars[j].cp)) ++j;
    if (j - i - 1 < 1 || j - i - 1 > 3) return false;
    ++segments;
    i = j;
  }
  return segments >= 2;
}

// D3: a numeral + one CJK character.
bool is_numeral_pair(Chars chars, std::size_t from, std::size_t to) {
  return to - from == 2 && is_numeral_or_shuang(chars[from].cp) && !is_digit(chars[from].cp) &&
         is_cjk(chars[from + 1].cp) && !is_numeral(chars[from + 1].cp);
}

// D4: 十X五 plan periods.
bool is_plan_period(Chars chars, std::size_t from, std::size_t to) {
  return to - from == 3 && chars[from].cp == U'十' && chars[from + 2].cp == U'五' &&
         is_chinese_numeral(chars[from + 1].cp) && chars[from + 1].cp != U'十' && chars[from + 1].cp != U'〇' &&
         chars[from + 1].cp != U'零';
}

// D4: digit formulae with +, × or - ("11+5").
bool is_digit_formula(Chars chars, std::size_t from, std::size_t to) {
  bool digit = false, operator_seen = false, last_operator = true;
  for (std::size_t i = from; i < to; ++i) {
    const char32_t c = folded(chars[i]);
    const bool is_operator = c == '+' || c == U'×' || c == '-';
    if (is_operator) {
      if (last_operator) return false;
      operator_seen = true;
    } else if (is_digit(c) || util::is_ascii_alnum(c)) {
      digit |= is_digit(c);
    } else {
      return false;
    }
    last_operator = is_operator;
  }
  return digit && operator_seen && !last_operator;
}

// ---------------------------------------------------------------------------------------------
// Traps of §4.4 that apply to a candidate's own characters.

bool starts_with_numeral(Chars chars, std::size_t from, std::size_t to) {
  return from < to && is_numeral_or_shuang(chars[from].cp);
}

bool is_ratio(Chars chars, std::size_t from, std::size_t to) {
  if (to - from < 3 || !is_numeral(chars[from].cp) || !is_numeral(chars[from + 1].cp)) return false;
  return WordLists::get().ratio_words.longest_prefix(FoldedKey(chars, from + 2, to).text()) > 0;
}

bool is_date_like(const std::string& text) {
  for (std::string_view end : {"月", "日", "年", "后", "季度", "号"}) {
    if (text.ends_with(end)) return true;
  }
  return text.starts_with("正月") || text.starts_with("初");
}

// Every segment ends in a place suffix (三县两区), or the text is a known place.
bool is_place_count(Chars chars, std::size_t from, std::size_t to, const std::string& text) {
  const WordLists& words = WordLists::get();
  // Every place of the stoplist holds a numeral: text without one needs no search.
  const bool has_numeral = std::any_of(chars.begin() + static_cast<std::ptrdiff_t>(from),
                                       chars.begin() + static_cast<std::ptrdiff_t>(to),
                                       [](const Char& c) { return is_numeral(c.cp); });
  if (!has_numeral) return false;
  if (words.place_stoplist.occurs_in(text)) return true;
  bool any_segment = false;
  for (std::size_t i = from + 1; i <= to; ++i) {
    const bool segment_end = i == to || is_numeral_or_shuang(chars[i].cp);
    if (!segment_end) continue;
    std::string last;
    util::append_utf8(last, folded(chars[i - 1]));
    if (!words.place_suffixes.contains(last)) return false;
    any_segment = true;
  }
  return any_segment && starts_with_numeral(chars, from, to);
}

// Numeral words (一流, 统一 ...) at the start: the numeral is no formula numeral.
bool starts_with_numeral_word(std::string_view text) {
  return WordLists::get().numeral_words.longest_prefix(text) > 0;
}

// `text` is folded_text(chars, from, to).
bool own_trap(Chars chars, std::size_t from, std::size_t to, const std::string& text) {
  const WordLists& words = WordLists::get();
  if (words.idioms.contains(text) || words.event_stoplist.contains(text)) return true;
  if (words.event_words.longest_suffix(text) > 0) return true;
  if (is_ratio(chars, from, to) || is_place_count(chars, from, to, text)) return true;
  // Ordinals (第一部, 第二条): 第 and a numeral.
  if (to - from >= 2 && chars[from].cp == U'第' && is_numeral(chars[from + 1].cp)) return true;
  // Names of prizes, cups, firms and shops (数学与计算机科学奖).
  if (words.firm_suffixes.longest_suffix(text) > 0) return true;
  return starts_with_numeral(chars, from, to) && is_date_like(text);
}

// ---------------------------------------------------------------------------------------------
// Cues of §4.3.

bool verb_before(std::string_view text, Span block, std::size_t pos) {
  return WordLists::get().governing_verbs.longest_suffix(before_window(text, block, pos, 6)) > 0;
}

bool head_after(std::string_view text, Span block, std::size_t pos) {
  return WordLists::get().head_nouns.longest_prefix(after_window(text, block, pos, 3)) > 0;
}

bool definition_after(std::string_view text, Span block, std::size_t pos) {
  const std::string_view after = after_window(text, block, pos, 2);
  for (std::string_view start : {"，即", "：", ":", "（", "("}) {
    if (after.starts_with(start)) return true;
  }
  return false;
}


// ---------------------------------------------------------------------------------------------
// The discovery pass.

class Discovery {
 public:
  Discovery(const DiscoveryInput& input, std::vector<Found>& mentions)
      : in_(input), view_(input.view), text_(input.view.text), mentions_(mentions) {}

  void run() {
    // Most quotes give a candidate (a Found is large: growth by doubling would move each again).
    candidates_.reserve(view_.quotes.size());
    // The characters with a candidate role of a block: room for those of a usual paragraph, so that
    // they do not grow step by step in every document.
    candidate_starts_.reserve(kUsualCandidateStarts);
    for (const QuotePair& quote : view_.quotes) consider_quote(quote);
    for (const Span& block : view_.blocks) scan_block(block);
    merge();
    if (may_be_ellipsis()) {
      for (const Span& block : view_.blocks) coordination_ellipsis(block);
    }
  }

 private:
  // ----- quoted candidates (D1-D6)

  void consider_quote(const QuotePair& quote) {
    if (quote.content.empty() || view_.in_title(quote.content)) return;
    // A quarter of the quotes hold a lexicon form that is no strict part of their content (the
    // content is the form, or a form runs over a quote mark): merge() would drop whatever candidate
    // they give, so none is made.
    if (overlaps_lexicon_mention_not_inside(quote.content)) return;
    // Speech is the common content of a quote: long, or holding a sentence end. No rule takes it,
    // and it is cheaper to see that from the bytes than from the characters.
    const std::string_view content = text_.substr(quote.content.begin, quote.content.size());
    if (content.size() > kMaxQuotedBytes || holds_sentence_end(content)) return;
    const Chars chars = chars_of(text_, quote.content, in_.page_marker, char_buffer_);
    if (chars.size() < 2) return;  // one-character content is never a candidate
    if (chars.size() > 12 && !has_separator(chars)) return;  // D5's limit; longer needs D6 items
    const Span block = block_of_quote(quote);
    // The folded content: the key of the word-list tests and the canonical of a candidate.
    std::string content_key = folded_text(chars);
    if (quoted_trap(chars, content_key, quote, block)) return;
    Found* found = add_quoted_candidate(chars, std::move(content_key), quote, block);
    if (found == nullptr) return;
    found->mention.quoted = true;
    found->inside_speech = quote.parent != QuotePair::kNoParent && is_speech(view_.quotes[quote.parent]);
  }

  // Whether a lexicon mention overlaps `content` without lying strictly inside it: resolve_overlap()
  // then refuses a quoted candidate of that content, and does so before it changes anything. The
  // mention is still there then and still overlaps (merge() only widens a mention's span, to a
  // quote's content, and marks those it replaces: replaced ones refuse too).
  bool overlaps_lexicon_mention_not_inside(Span content) const {
    const auto [first, last] = overlapping(mentions_, content);
    for (std::size_t i = first; i < last; ++i) {
      const Span other = mentions_[i].mention.span;
      const bool strictly_inside = content.begin <= other.begin && other.end <= content.end && other != content;
      if (!strictly_inside) return true;
    }
    return false;
  }

  // view_.block_span(quote.outer.begin), for quotes asked about in their order (by outer.begin): the
  // block is the last one beginning at or before the quote, found by walking on from the last one.
  Span block_of_quote(const QuotePair& quote) {
    const std::vector<Span>& blocks = view_.blocks;
    if (blocks.empty()) return {0, text_.size()};
    while (quote_block_ + 1 < blocks.size() && blocks[quote_block_ + 1].begin <= quote.outer.begin) ++quote_block_;
    return blocks[quote_block_];
  }

  // `content` is folded_text(chars).
  bool quoted_trap(Chars chars, const std::string& content, const QuotePair& quote, Span block) const {
    const WordLists& words = WordLists::get();
    if (in_.failed.contains(content)) return true;
    if (words.title_nouns.longest_suffix(content) > 0 && chars.size() <= 5) return true;
    const FoldedWindowAfter window(text_, block, quote.outer.end, 5);
    if (words.firm_suffixes.longest_prefix(window.folded()) > 0) return true;
    const std::string_view after = window.raw();
    const std::string_view before = before_window(text_, block, quote.outer.begin, 4);
    if (before.find("主题") != std::string_view::npos || after.find("主题") != std::string_view::npos) return true;
    return own_trap(chars, 0, chars.size(), content);
  }

  // The candidate a rule makes of the quote's content, added to candidates_ (and made there: a Found
  // is large to move); nullptr when no rule takes it. `content` is folded_text(chars), the canonical.
  Found* add_quoted_candidate(Chars chars, std::string content, const QuotePair& quote, Span block) {
    const std::size_t n = chars.size();
    if (has_separator(chars)) return add_quoted_set(chars, std::move(content), quote.content);
    // The cues (§4.3) are looked for once a rule has taken the content: most quotes are sets or
    // fit no rule, and need none.
    const auto cue = [&] {
      return verb_before(text_, block, quote.outer.begin) || head_after(text_, block, quote.outer.end) ||
             definition_after(text_, block, quote.outer.end) || quoted_again(quote);
    };
    const auto add = [&](const char* rule, Confidence level, bool has_cue) {
      Found& found = candidates_.emplace_back();
      fill(found, chars, std::move(content), quote.content, rule, level, has_cue);
      return &found;
    };
    const auto numeric = [&](const char* rule) {
      const bool has_cue = cue();
      return add(rule, has_cue ? Confidence::kHigh : Confidence::kMedium, has_cue);
    };
    const auto run = numeral_run(chars, 0);  // the leading numeral, which several rules read
    if (is_counted_formula(chars, 0, n, true, run)) return numeric("D1");
    if (is_numeral_compound(chars, 0, n)) return numeric("D2");
    if (is_plan_period(chars, 0, n) || is_digit_formula(chars, 0, n)) return numeric("D4");
    if (is_numeral_pair(chars, 0, n)) {
      const bool has_cue = cue();
      return add("D3", has_cue ? Confidence::kHigh : Confidence::kLow, has_cue);
    }
    if (!is_short_term(chars) || has_counted_shape(chars, run)) return nullptr;
    if (starts_with_numeral(chars, 0, n) && numeral_followed_by_measure(chars, run)) return nullptr;
    const bool term_cue = cue() || WordLists::get().campaign_suffixes.longest_suffix(content) > 0;
    return add("D5", term_cue ? Confidence::kMedium : Confidence::kLow, term_cue);
  }

  // Repetition (§4.3) of a quoted term: the same content in another quote pair. A bare repeat does
  // not count: a scare-quoted word (“大企业”病) is also an ordinary word elsewhere in the text.
  bool quoted_again(const QuotePair& quote) {
    if (!quoted_contents_sorted_) {  // at the first quote asked about: most texts ask about none
      quoted_contents_.reserve(view_.quotes.size());
      for (const QuotePair& each : view_.quotes) quoted_contents_.push_back(content_of(each));
      std::sort(quoted_contents_.begin(), quoted_contents_.end(), shorter_first);
      quoted_contents_sorted_ = true;
    }
    const std::string_view content = content_of(quote);
    const auto first = std::lower_bound(quoted_contents_.begin(), quoted_contents_.end(), content, shorter_first);
    return first != quoted_contents_.end() && std::next(first) != quoted_contents_.end() && *std::next(first) == content;
  }

  // The order of quoted_contents_: any order that puts equal contents together will do, and by
  // length first most pairs need no byte comparison.
  static bool shorter_first(std::string_view a, std::string_view b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  }

  std::string_view content_of(const QuotePair& quote) const {
    return text_.substr(quote.content.begin, quote.content.size());
  }

  // Longer quoted content cannot be a candidate: D6 allows the most, items of at most 8
  // characters, and a quoted set of more than 12 items is a list, not a slogan.
  static constexpr std::size_t kMaxQuotedBytes = 12 * 9 * 4;

  static bool has_separator(Chars chars) {
    return std::any_of(chars.begin(), chars.end(), [](const Char& c) { return c.cp == U'、' || c.cp == U'，'; });
  }

  // D5: 2-12 code points, at least half CJK, no sentence punctuation.
  static bool is_short_term(Chars chars) {
    if (chars.size() < 2 || chars.size() > 12) return false;
    std::size_t cjk = 0;
    for (const Char& c : chars) {
      if (is_sentence_final(c.cp) || is_clause_punctuation(c.cp) || is_quote_mark(c.cp) || is_title_mark(c.cp)) {
        return false;
      }
      cjk += is_cjk(c.cp);
    }
    return 2 * cjk >= chars.size();
  }

  // A numeral and a classifier: D1's shape, so a content that D1 rejected (a count label, a
  // measure noun) is no short term either. `run` is numeral_run(chars, 0).
  static bool has_counted_shape(Chars chars, const std::optional<NumeralRun>& run) {
    return run && run->length < chars.size() && is_classifier(chars[run->length].cp);
  }

  // 三个月, 两个多小时: a numeral, an optional classifier, then a measure or time word. `run` is
  // numeral_run(chars, 0).
  static bool numeral_followed_by_measure(Chars chars, const std::optional<NumeralRun>& run) {
    if (!run) return false;
    std::size_t noun = run->length;
    if (noun < chars.size() && is_classifier(chars[noun].cp)) ++noun;
    return WordLists::get().measure_words.longest_prefix(FoldedKey(chars, noun, chars.size()).text()) > 0;
  }

  // D6 quoted: two or more items of 2-8 characters separated by 、 or ，, lengths within one; added
  // to candidates_, or nullptr. `canonical` is folded_text(chars).
  Found* add_quoted_set(Chars chars, std::string canonical, Span content) {
    const auto is_separator = [](const Char& c) { return c.cp == U'、' || c.cp == U'，'; };
    // [from, to) in chars; one allocation (growing the list by doubling was several for each
    // content with a separator).
    std::vector<std::pair<std::size_t, std::size_t>> items;
    items.reserve(static_cast<std::size_t>(std::count_if(chars.begin(), chars.end(), is_separator)) + 1);
    std::size_t from = 0;
    for (std::size_t i = 0; i <= chars.size(); ++i) {
      if (i < chars.size() && !is_separator(chars[i])) continue;
      items.emplace_back(from, i);
      from = i + 1;
    }
    std::size_t shortest = 99, longest = 0;
    for (const auto& [a, b] : items) {
      const std::size_t length = b - a;
      if (length < 2 || length > 8) return nullptr;
      for (std::size_t i = a; i < b; ++i) {
        if (is_sentence_final(chars[i].cp) || is_quote_mark(chars[i].cp)) return nullptr;
      }
      shortest = std::min(shortest, length);
      longest = std::max(longest, length);
    }
    if (items.size() < 2 || longest - shortest > 1) return nullptr;
    const Confidence level = items.size() >= 3 ? Confidence::kHigh : Confidence::kMedium;
    Found& found = candidates_.emplace_back();
    fill(found, chars, std::move(canonical), content, "D6", level, false);
    found.own_items.reserve(items.size());  // one allocation, not one for each doubling
    for (const auto& [a, b] : items) found.own_items.push_back({chars[a].begin, chars[b - 1].end()});
    return &found;
  }

  Found make(Chars chars, Span span, const char* rule, Confidence level, bool cue) const {
    return make(chars, folded_text(chars), span, rule, level, cue);
  }

  // `canonical` is folded_text(chars).
  Found make(Chars chars, std::string canonical, Span span, const char* rule, Confidence level, bool cue) const {
    Found found;
    fill(found, chars, std::move(canonical), span, rule, level, cue);
    return found;
  }

  // make() on a Found just constructed in place.
  static void fill(Found& found, Chars chars, std::string canonical, Span span, const char* rule, Confidence level,
                   bool cue) {
    Mention& m = found.mention;
    m.span = span;
    m.canonical = std::move(canonical);
    // The id and the kind are given by give_identity() to the candidates merge() keeps: about a
    // third of them overlap a lexicon mention or each other and are dropped.
    m.in_lexicon = false;
    m.rule = rule;
    m.confidence = level;
    std::size_t char_bytes = 0;
    for (const Char& c : chars) char_bytes += c.size;
    if (char_bytes < span.size()) m.flags |= kMentionGap;
    for (const Char& c : chars) {
      if ((c.roles & kChangedByFolding) != 0) {
        m.flags |= kMentionTraditional;
        break;
      }
    }
    found.has_cue = cue;
  }

  // The id and the kind of a discovered mention, from its canonical (and whether it is quoted).
  static void give_identity(Mention& m) {
    m.slogan_id = "d:" + m.canonical;
    m.kind = kind_of(m.canonical, m.quoted);
  }

  // A candidate inside a longer quotation (speech) is a soft negative. For a quoted candidate that is
  // the quote's parent: the innermost pair around a quote's content is the quote itself.
  bool inside_speech(Span span) const {
    const QuotePair* around = view_.quote_around(span);
    if (around != nullptr && around->content == span) {
      around = around->parent == QuotePair::kNoParent ? nullptr : &view_.quotes[around->parent];
    }
    return around != nullptr && is_speech(*around);
  }

  bool is_speech(const QuotePair& quote) const {
    const std::string_view content = content_of(quote);
    return util::count_code_points(content) > 12 || is_sentence_final(util::code_point_before(content, content.size()));
  }

  // ----- unquoted candidates (D1, D2, D4, D6, D7)

  void scan_block(Span block) {
    const Chars chars = chars_of(text_, block, in_.page_marker, char_buffer_, candidate_starts_);
    // The characters with a role (decoding listed them): numerals and 、 first, then the ends of
    // campaign heads in a second pass over the list (the order candidates are made in).
    std::size_t previous_comma = kNoComma;  // the last 、 before chars[i]: decoding listed every one
    for (const std::size_t i : candidate_starts_) {
      const std::uint8_t roles = chars[i].roles;
      if (roles & kStartsNumeral) unquoted_numeral(chars, i, block);
      if (roles & kEnumerationComma) {
        unquoted_set(chars, i, previous_comma);
        previous_comma = i;
      }
    }
    campaigns(chars, block);
  }

  bool in_quote(std::size_t pos) const { return view_.quote_around({pos, pos}) != nullptr; }

  // Whether the character at `pos` lies in a lexicon mention: resolve_overlap() refuses any
  // unquoted candidate that holds it, before it changes anything (merge() only widens mentions),
  // so the rules make none.
  bool in_lexicon_mention(std::size_t pos) const { return overlaps_any(mentions_, {pos, pos + 1}); }

  // The numeral at chars[i] starts no formula after a numeral, a digit or an ordinal word.
  bool numeral_can_start(Chars chars, std::size_t i) const {
    if (i == 0) return true;
    const char32_t before = chars[i - 1].cp;
    if (is_numeral_or_shuang(before) || is_digit(before)) return false;
    // No ordinal word ends before the numeral unless the character before ends one.
    if (!ordinal_word_ends().contains(folded(chars[i - 1]))) return true;
    return WordLists::get().ordinal_words.longest_suffix(FoldedKey(chars, i >= 2 ? i - 2 : 0, i).text()) == 0;
  }

  // The folded last characters of the ordinal words (第 前 … and the 一 of 第一), worked out once per
  // process: a bit per BMP code point (a numeral in running text is looked up here, and a search
  // of the list was a call each time), and the list for any beyond.
  struct OrdinalEnds {
    std::vector<std::uint64_t> bmp_bits = std::vector<std::uint64_t>(0x10000 / 64, 0);
    std::u32string beyond_bmp;
    bool contains(char32_t c) const {
      if (c < 0x10000) return ((bmp_bits[c >> 6] >> (c & 63)) & 1u) != 0;
      return beyond_bmp.find(c) != std::u32string::npos;
    }
  };
  static const OrdinalEnds& ordinal_word_ends() {
    static const OrdinalEnds ends = [] {
      OrdinalEnds out;
      for (const std::string_view word : WordLists::get().ordinal_words.words()) {
        if (word.empty()) continue;
        const char32_t end = fold(util::code_point_before(word, word.size()));
        if (end < 0x10000) {
          out.bmp_bits[end >> 6] |= std::uint64_t{1} << (end & 63);
        } else {
          out.beyond_bmp.push_back(end);
        }
      }
      return out;
    }();
    return ends;
  }

  // Where an unquoted noun may end: punctuation, a quote mark, 的, a head noun or a non-CJK char.
  static bool noun_can_end(Chars chars, std::size_t end) {
    if (end >= chars.size()) return true;
    const char32_t c = chars[end].cp;
    if (!is_cjk(c) || c == U'的') return true;
    return WordLists::get().head_nouns.longest_prefix(FoldedKey(chars, end, std::min(chars.size(), end + 2)).text()) > 0;
  }

  // The shapes an unquoted formula can have at chars[i], judged on characters alone: most numerals
  // in running text (一些, 三年, 十分) start none, and nothing else is looked at for them.
  static bool could_start_formula(Chars chars, std::size_t i) {
    const std::size_t n = chars.size();
    if (chars[i].cp == U'十' && i + 2 < n && chars[i + 2].cp == U'五') return true;  // D4
    std::size_t j = i;
    while (j < n && j - i < 8 && is_numeral(chars[j].cp)) ++j;
    if (j < n && is_classifier(chars[j].cp)) return true;  // D1
    for (std::size_t k = i + 2; k < n && k <= i + 4; ++k) {
      if (is_numeral_or_shuang(chars[k].cp)) return true;  // D2: a second segment
    }
    return false;
  }

  void unquoted_numeral(Chars chars, std::size_t i, Span block) {
    if (!could_start_formula(chars, i)) return;
    if (!numeral_can_start(chars, i) || in_quote(chars[i].begin)) return;
    if (in_lexicon_mention(chars[i].begin)) return;  // every candidate here starts inside it
    if (starts_with_numeral_word(FoldedKey(chars, i, std::min(chars.size(), i + 4)).text())) return;
    // D4: 十X五 followed by a plan word.
    if (i + 3 <= chars.size() && is_plan_period(chars, i, i + 3)) {
      const FoldedKey after(chars, i + 3, std::min(chars.size(), i + 5));
      for (std::string_view head : {"规划", "时期", "期间", "计划", "开局"}) {
        if (after.text().starts_with(head)) {
          add_unquoted(chars, i, i + 3, "D4", Confidence::kMedium, true);
          return;
        }
      }
    }
    // D1: needs a complete count-checked member list (checked when members are linked). Its shape
    // needs a classifier right after the numeral, looked at here once rather than for every end.
    const auto run = numeral_run(chars, i);
    const bool counted_head = run && i + run->length < chars.size() && is_classifier(chars[i + run->length].cp);
    for (std::size_t end = i + 4; counted_head && end <= std::min(chars.size(), i + 8); ++end) {
      if (!is_counted_formula(chars, i, end, false, run) || !noun_can_end(chars, end)) continue;
      std::string canonical = folded_text(chars, i, end);
      if (own_trap(chars, i, end, canonical)) break;
      Found& found = add_unquoted(chars, i, end, std::move(canonical), "D1", Confidence::kMedium, true);
      found.unquoted_d1 = true;
      return;
    }
    // D2: the compound ends where a noun may end, and before the first character that is no
    // ideograph (is_numeral_compound() takes none: a compound over it is none).
    std::size_t ideographs_end = i + 1;
    while (ideographs_end < std::min(chars.size(), i + 10) && is_cjk(chars[ideographs_end].cp)) ++ideographs_end;
    for (std::size_t end = ideographs_end; end >= i + 4; --end) {
      if (!is_numeral_compound(chars, i, end) || !noun_can_end(chars, end)) continue;
      std::string canonical = folded_text(chars, i, end);
      if (own_trap(chars, i, end, canonical)) return;
      // The verb cue is looked for only here: D4 and D1 do not use it.
      const bool cue = verb_before(text_, block, chars[i].begin) || head_after(text_, block, chars[end - 1].end());
      add_unquoted(chars, i, end, std::move(canonical), "D2", cue ? Confidence::kMedium : Confidence::kLow, cue);
      return;
    }
  }

  Found& add_unquoted(Chars chars, std::size_t from, std::size_t to, const char* rule,
                      Confidence level, bool cue) {
    return add_unquoted(chars, from, to, folded_text(chars, from, to), rule, level, cue);
  }

  // `canonical` is folded_text(chars, from, to).
  Found& add_unquoted(Chars chars, std::size_t from, std::size_t to, std::string canonical, const char* rule,
                      Confidence level, bool cue) {
    const Chars part = chars.subspan(from, to - from);
    Found& found = candidates_.emplace_back();
    fill(found, part, std::move(canonical), {chars[from].begin, chars[to - 1].end()}, rule, level, cue);
    found.inside_speech = inside_speech(found.mention.span);
    return found;
  }

  static constexpr std::size_t kNoComma = static_cast<std::size_t>(-1);
  static constexpr std::size_t kMaxSetItem = 5;  // characters of an unquoted set's item

  // D6 unquoted: at the first 、 of a run, three or more items of equal length (2-5 CJK) that
  // share a character at the same position. `previous_comma` is the index of the block's last 、
  // before chars[comma], kNoComma if none.
  void unquoted_set(Chars chars, std::size_t comma, std::size_t previous_comma) {
    // Only the first 、 of a run starts the set: not one with only ideographs between it and the 、
    // before. (The nearest character before it that is no ideograph is that 、 or lies after it, so
    // only the characters after that 、 are looked at, none when there is no 、 before.)
    if (previous_comma != kNoComma && all_cjk(chars, previous_comma + 1, comma)) return;
    // The items between the commas all have the first one's length, so the k-th comma of the run
    // is at comma + k * (item_length + 1): counted, not listed (most runs are no set, and a list
    // was an allocation for each).
    std::size_t comma_count = 1;
    std::size_t last_comma = comma;
    std::size_t i = comma + 1;
    std::size_t item_length = 0;
    while (true) {
      std::size_t j = i;
      while (j < chars.size() && is_cjk(chars[j].cp)) {
        ++j;
        // An item after the first comma longer than any item: no set, whatever follows it (the
        // run is a clause, and reading on to its end was most of the work here).
        if (comma_count == 1 && j - i > kMaxSetItem) return;
      }
      if (j < chars.size() && chars[j].cp == U'、') {
        if (item_length == 0) item_length = j - i;
        if (j - i != item_length) return;
        ++comma_count;
        last_comma = j;
        i = j + 1;
        continue;
      }
      break;
    }
    if (comma_count < 2 || item_length < 2 || item_length > kMaxSetItem) return;
    const std::size_t first = comma - item_length;
    if (comma < item_length || !all_cjk(chars, first, comma)) return;
    const std::size_t last_end = last_comma + 1 + item_length;
    if (last_end > chars.size() || !all_cjk(chars, last_comma + 1, last_end)) return;

    // A lexicon mention over any of it: resolve_overlap() would refuse the set.
    if (overlaps_any(mentions_, {chars[first].begin, chars[last_end - 1].end()})) return;
    // Every item, the first before `comma` and one after each comma of the run.
    std::vector<std::pair<std::size_t, std::size_t>> items;
    items.reserve(comma_count + 1);
    for (std::size_t from = first; from < last_end; from += item_length + 1) items.emplace_back(from, from + item_length);
    const Share share = shared_position(chars, items, item_length);
    if (!share.any) return;
    // A last item cut out of a longer word is no item, unless a shared last character (化) marks
    // where the items end (法治化监管).
    if (!item_can_end(chars, last_end) && !share.at_last) return;
    add_unquoted(chars, first, last_end, "D6", share.strong ? Confidence::kMedium : Confidence::kLow, false);
    std::vector<Span>& own_items = candidates_.back().own_items;
    own_items.reserve(items.size());  // one allocation, not one for each doubling
    for (const auto& [a, b] : items) own_items.push_back({chars[a].begin, chars[b - 1].end()});
  }

  // The last item of an unquoted set ends where a word may end: not in the middle of a longer
  // item (抓实、抓细、抓出成效 is no set of three two-character items).
  static bool item_can_end(Chars chars, std::size_t end) {
    if (end >= chars.size() || !is_cjk(chars[end].cp)) return true;
    static constexpr std::u32string_view kParticles = U"的和与及等";
    if (kParticles.find(chars[end].cp) != std::u32string_view::npos) return true;
    return noun_can_end(chars, end);
  }

  struct Share {
    bool any = false;      // the items share a character at some position
    bool strong = false;   // the first character one of 早同能…, or the last character 化
    bool at_last = false;  // a character is shared at the last position
  };

  static Share shared_position(Chars chars,
                               const std::vector<std::pair<std::size_t, std::size_t>>& items, std::size_t length) {
    static constexpr std::u32string_view kStrongFirst = U"早同能共边抓保促稳强严全真不有无";
    Share share;
    for (std::size_t p = 0; p < length; ++p) {
      const char32_t c = folded(chars[items[0].first + p]);
      const bool shared = std::all_of(items.begin(), items.end(),
                                      [&](const auto& item) { return folded(chars[item.first + p]) == c; });
      if (!shared) continue;
      share.any = true;
      share.at_last |= p == length - 1;
      share.strong |= (p == 0 && kStrongFirst.find(c) != std::u32string_view::npos) || (p == length - 1 && c == U'化');
    }
    return share;
  }

  // D7: a run of 2-16 CJK characters ending in a campaign head, bounded on the left by a governing
  // verb or punctuation, not starting with a quantity word. Looked for only after the characters
  // that may end a head (those of candidate_starts_ with kEndsCampaignHead), a cheap test before
  // the lookup.
  void campaigns(Chars chars, Span block) {
    const WordLists& words = WordLists::get();
    const HeadPenultimates& penultimates = head_penultimates();
    for (const std::size_t last : candidate_starts_) {
      if ((chars[last].roles & kEndsCampaignHead) == 0) continue;
      const std::size_t end = last + 1;
      if (end < chars.size() && is_cjk(chars[end].cp) && continues_head(chars, end)) continue;
      // No head ends here unless the character before is one a head has there (the lookup below
      // would find none): most 动 育 战 程 略 划 of a text end no head.
      if (!penultimates.any && (last == 0 || penultimates.chars.find(folded(chars[last - 1])) == std::u32string::npos)) {
        continue;
      }
      if (in_lexicon_mention(chars[last].begin)) continue;  // a campaign ending here holds it
      const FoldedKey key(chars, end >= 4 ? end - 4 : 0, end);
      const std::string_view tail = key.text();
      const std::size_t head_bytes = words.campaign_heads.longest_suffix(tail);
      if (head_bytes == 0) continue;
      const std::size_t head_chars = util::count_code_points(tail.substr(tail.size() - head_bytes));
      campaign_at(chars, end, head_chars, block);
    }
  }

  // The folded characters the campaign heads have before their last one (行 of 行动, 坚 of 攻坚战);
  // `any` when a head of one character makes every character one. Worked out once per process.
  struct HeadPenultimates {
    bool any = false;
    std::u32string chars;
  };
  static const HeadPenultimates& head_penultimates() {
    static const HeadPenultimates penultimates = [] {
      HeadPenultimates out;
      for (const std::string_view head : WordLists::get().campaign_heads.words()) {
        std::u32string head_chars;
        for (std::size_t pos = 0, length = 0; pos < head.size(); pos += length) {
          head_chars.push_back(fold(util::decode_at(head, pos, length)));
        }
        if (head_chars.size() < 2) {
          out.any = true;
        } else {
          out.chars.push_back(head_chars[head_chars.size() - 2]);
        }
      }
      return out;
    }();
    return penultimates;
  }

  // How far before a campaign's end campaign_at() reads: its walk looks for a verb before names of
  // up to 15 characters, in the six characters before each.
  static constexpr std::size_t kCampaignReach = 15 + 6;

  // 工程师, 战略性, 计划经济: the head is part of a longer word.
  static bool continues_head(Chars chars, std::size_t end) {
    static constexpr std::u32string_view kWordEnds = U"师院局处队部学性者书表单";
    return kWordEnds.find(chars[end].cp) != std::u32string_view::npos;
  }

  void campaign_at(Chars chars, std::size_t end, std::size_t head_chars, Span block) {
    if (end < head_chars + 2 || in_quote(chars[end - 1].begin)) return;
    const WordLists& words = WordLists::get();
    std::size_t begin = end - head_chars;
    bool verb = false;
    // The walk below reads the six characters before each place a name may start at, all within
    // kCampaignReach characters before `end`: folded once, each read is a part of that text.
    const FoldedRange before(chars, end >= kCampaignReach ? end - kCampaignReach : 0, begin);
    while (begin > 0 && end - begin < 16) {
      if (!is_cjk(chars[begin - 1].cp)) break;
      if (words.governing_verbs.longest_suffix(before.part(begin >= 6 ? begin - 6 : 0, begin)) > 0) {
        verb = true;
        break;
      }
      --begin;
    }
    if (!verb && begin > 0 && is_cjk(chars[begin - 1].cp)) return;  // no left bound within 16
    // An aspect particle after the verb belongs to the verb (推进了自来水改造工程).
    static constexpr std::u32string_view kAspect = U"了着过";
    while (verb && begin < end && kAspect.find(chars[begin].cp) != std::u32string_view::npos) ++begin;
    if (end - begin < head_chars + 2 || end - begin > 16) return;
    std::string name = folded_text(chars, begin, end);
    if (words.quantity_words.longest_prefix(name) > 0 || starts_with_numeral_word(name)) return;
    // A name is one noun phrase: particles and conjunctions belong to the sentence around it.
    static constexpr std::u32string_view kNotInNames = U"的和与及或并";
    for (std::size_t i = begin; i < end; ++i) {
      if (kNotInNames.find(chars[i].cp) != std::u32string_view::npos) return;
    }
    (void)block;
    add_unquoted(chars, begin, end, std::move(name), "D7", verb ? Confidence::kMedium : Confidence::kLow, verb);
  }

  // ----- D8: `A、B、C` + head H where C+H is a lexicon form (教育、科技、人才强国)

  // Whether some mention may end such a set: an unquoted lexicon mention right after a 、. Most
  // texts have none, and their blocks need no look at all.
  bool may_be_ellipsis() const {
    return std::any_of(mentions_.begin(), mentions_.end(), [this](const Found& found) {
      return found.mention.in_lexicon && !found.mention.quoted && found.mention.span.begin > 0 &&
             util::code_point_before(text_, found.mention.span.begin) == U'、';
    });
  }

  void coordination_ellipsis(Span block) {
    Chars chars;
    bool decoded = false;
    const auto [first, last] = overlapping(mentions_, block);
    for (std::size_t i = first; i < last; ++i) {
      Found& found = mentions_[i];
      const Span span = found.mention.span;
      if (!found.mention.in_lexicon || found.mention.quoted || span.begin <= block.begin || span.end > block.end) continue;
      if (util::code_point_before(text_, span.begin) != U'、') continue;
      if (!decoded) chars = chars_of(text_, block, in_.page_marker, char_buffer_);
      decoded = true;
      const auto at = std::lower_bound(chars.begin(), chars.end(), span.begin,
                                       [](const Char& c, std::size_t pos) { return c.begin < pos; });
      const auto end = std::lower_bound(chars.begin(), chars.end(), span.end,
                                        [](const Char& c, std::size_t pos) { return c.begin < pos; });
      const auto k = static_cast<std::size_t>(at - chars.begin());
      const auto k_end = static_cast<std::size_t>(end - chars.begin());
      if (k == 0 || k_end <= k + 1) continue;
      if (auto set = ellipsis_set(chars, k, k_end)) found = std::move(*set);
    }
  }

  // The D8 set ending with the lexicon form chars[k, k_end), or nullopt.
  // Items and the head have two characters at least: single characters are word fragments
  // (重组、专业化整合 is no ellipsis of 重组专业化整合).
  std::optional<Found> ellipsis_set(Chars chars, std::size_t k, std::size_t k_end) const {
    for (std::size_t c = 2; c + 2 <= k_end - k; ++c) {
      const std::string head = folded_text(chars, k + c, k_end);
      if (!is_shared_head(head)) continue;
      std::vector<std::pair<std::size_t, std::size_t>> items;
      bool all_lexicon = true;
      if (!ellipsis_items(chars, k - 1, c, head, items, all_lexicon)) continue;
      items.emplace_back(k, k + c);
      return make_ellipsis(chars, items, k_end, head, all_lexicon);
    }
    return std::nullopt;
  }

  // Walks back from the 、 at chars[comma] collecting items; false when an item fits neither way.
  bool ellipsis_items(Chars chars, std::size_t comma, std::size_t length, const std::string& head,
                      std::vector<std::pair<std::size_t, std::size_t>>& items, bool& all_lexicon) const {
    while (true) {
      std::size_t j = comma;
      while (j > 0 && is_cjk(chars[j - 1].cp)) --j;
      if (comma - j < 2 || overlaps_mention({chars[j].begin, chars[comma - 1].end()})) return false;
      const bool middle = j > 0 && chars[j - 1].cp == U'、';
      std::size_t from = j;
      if (!middle) {
        from = first_item_start(chars, j, comma, length, head);
        if (from == comma) return false;
      } else if (comma - j != length && !is_form(folded_text(chars, j, comma) + head)) {
        return false;
      }
      all_lexicon &= is_form(folded_text(chars, from, comma) + head);
      items.insert(items.begin(), {from, comma});
      if (!middle) return true;
      comma = j - 1;
    }
  }

  // The first item: the longest suffix of the segment that forms a lexicon form with the head,
  // else the suffix as long as the last item; `comma` when neither exists.
  std::size_t first_item_start(Chars chars, std::size_t segment_begin, std::size_t comma,
                               std::size_t length, const std::string& head) const {
    const std::size_t longest = std::min<std::size_t>(comma - segment_begin, 8);
    for (std::size_t n = longest; n >= 2; --n) {
      if (is_form(folded_text(chars, comma - n, comma) + head)) return comma - n;
    }
    return comma - segment_begin >= length ? comma - length : comma;
  }

  bool is_form(const std::string& text) const { return in_.lexicon.find_form(text) != nullptr; }

  // A head that two or more lexicon forms end with (强国: 制造强国, 人才强国 ...): only such a head
  // can be left out of the items before it.
  bool is_shared_head(const std::string& head) const { return in_.shared_heads.contains(head); }

  bool overlaps_mention(Span span) const { return overlaps_any(mentions_, span); }

  Found make_ellipsis(Chars chars, const std::vector<std::pair<std::size_t, std::size_t>>& items,
                      std::size_t end, const std::string& head, bool all_lexicon) const {
    const std::size_t from = items.front().first;
    const Chars part = chars.subspan(from, end - from);
    Found found = make(part, {chars[from].begin, chars[end - 1].end()}, "D8",
                       all_lexicon ? Confidence::kHigh : Confidence::kMedium, true);
    std::string canonical;
    for (const auto& [a, b] : items) canonical += folded_text(chars, a, b);
    canonical += head;
    found.mention.kind = kind_of(found.mention.canonical, false);
    found.mention.canonical = canonical;
    found.mention.slogan_id = "d:" + canonical;
    found.own_items.reserve(items.size());  // one allocation, not one for each doubling
    for (const auto& [a, b] : items) found.own_items.push_back({chars[a].begin, chars[b - 1].end()});
    return found;
  }

  // ----- merging with the lexicon mentions

  // §4.1: candidates overlapping a lexicon mention are dropped, except a quoted one that strictly
  // contains it (§4.5).
  // Candidates that overlap each other: the more confident wins, then the longer, then the earlier.
  // Strings whose context failed are never reported (§2.4).
  void merge() {
    // Sorted by index: a Found is large to move. Candidates equal in all three (the same span) keep
    // the order they were made in, so that the order does not depend on the candidates that
    // consider_quote() leaves out.
    std::vector<std::size_t> order(candidates_.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const Mention& x = candidates_[a].mention;
      const Mention& y = candidates_[b].mention;
      if (x.confidence != y.confidence) return x.confidence > y.confidence;
      if (x.span.size() != y.span.size()) return x.span.size() > y.span.size();
      if (x.span.begin != y.span.begin) return x.span.begin < y.span.begin;
      return a < b;
    });
    // The spans of accepted candidates, sorted by begin and disjoint: a sorted vector, as a
    // document accepts a few tens at most (a map would allocate a node for each).
    std::vector<Span> taken;
    taken.reserve(candidates_.size());
    // The accepted indices replace the ones looked at in `order` (never more of them): no vector of
    // their own.
    std::size_t accepted_count = 0;
    for (const std::size_t index : order) {
      Found& candidate = candidates_[index];
      const Span span = candidate.mention.span;
      if (in_.failed.contains(candidate.mention.canonical)) continue;
      const auto next = std::lower_bound(taken.begin(), taken.end(), span.begin,
                                         [](const Span& taken_span, std::size_t pos) { return taken_span.begin < pos; });
      if (next != taken.end() && next->begin < span.end) continue;
      if (next != taken.begin() && std::prev(next)->end > span.begin) continue;
      if (!resolve_overlap(candidate)) continue;
      // As std::map::emplace did: an (empty) span at a begin already taken leaves the one there.
      if (next == taken.end() || next->begin != span.begin) taken.insert(next, span);
      order[accepted_count++] = index;
      give_identity(candidate.mention);
    }
    std::vector<std::size_t>& accepted = order;
    accepted.resize(accepted_count);
    std::erase_if(mentions_, [](const Found& f) { return f.replaced; });
    if (accepted.empty()) return;  // the lexicon mentions as they are
    const auto begin_of = [this](std::size_t index) { return candidates_[index].mention.span.begin; };
    std::sort(accepted.begin(), accepted.end(), [&](std::size_t a, std::size_t b) { return begin_of(a) < begin_of(b); });
    // Both lists are sorted by span.begin: merged into a new vector, each Found moves once (a lexicon
    // mention first on a tie, as a stable merge keeps it).
    std::vector<Found> merged;
    merged.reserve(mentions_.size() + accepted.size());
    auto lexicon = mentions_.begin();
    for (const std::size_t index : accepted) {
      while (lexicon != mentions_.end() && lexicon->mention.span.begin <= begin_of(index)) {
        merged.push_back(std::move(*lexicon++));
      }
      merged.push_back(std::move(candidates_[index]));
    }
    std::move(lexicon, mentions_.end(), std::back_inserter(merged));
    mentions_ = std::move(merged);
  }

  // True when `candidate` may be added; lexicon mentions it replaces are marked `replaced`.
  bool resolve_overlap(Found& candidate) {
    const Span span = candidate.mention.span;
    std::vector<Found*> inner;
    const auto [first, last] = overlapping(mentions_, span);
    for (std::size_t i = first; i < last; ++i) {
      Found& m = mentions_[i];
      const Span other = m.mention.span;
      if (m.replaced) return false;
      const bool strictly_inside = span.begin <= other.begin && other.end <= span.end && other != span;
      if (!candidate.mention.quoted || !strictly_inside) return false;
      inner.push_back(&m);
    }
    if (inner.empty()) return true;
    // “美丽中国建设”: a lexicon form plus only a generic head keeps the lexicon entry, over the
    // whole quote content.
    if (inner.size() == 1 && generic_extension(*inner.front(), span)) {
      Found& lexicon = *inner.front();
      lexicon.mention.span = span;
      lexicon.mention.quoted = true;
      lexicon.mention.kind = kind_of(lexicon.mention.canonical, true);
      return false;
    }
    for (Found* m : inner) m->replaced = true;
    candidate.mention.flags |= kMentionContainsLexicon;
    return true;
  }

  bool generic_extension(const Found& lexicon, Span span) const {
    if (lexicon.mention.span.begin != span.begin) return false;
    const std::string rest = fold_string(text_.substr(lexicon.mention.span.end, span.end - lexicon.mention.span.end));
    return WordLists::get().generic_heads.contains(rest);
  }

  const DiscoveryInput& in_;
  const TextView& view_;
  std::string_view text_;
  std::vector<Found>& mentions_;
  std::vector<Found> candidates_;
  // The contents of all quote pairs, sorted by shorter_first: a repeated content is found by one
  // binary search (no hash map of per-text nodes). Made by the first quoted_again().
  std::vector<std::string_view> quoted_contents_;
  bool quoted_contents_sorted_ = false;
  std::size_t quote_block_ = 0;  // block_of_quote(): the block of the last quote asked about
  // Characters of the quote content or the block at hand, kept for the whole text: one buffer for
  // both, since quotes are judged before blocks are scanned and no step holds characters of both.
  CharBuffer char_buffer_;
  // 1 KiB: malloc serves a request of 2 KiB (256) on a slower path, in every document, and few
  // paragraphs list more than 128.
  static constexpr std::size_t kUsualCandidateStarts = 128;
  std::vector<std::size_t> candidate_starts_;  // scan_block(): the characters with a candidate role
};

}  // namespace

void discover(const DiscoveryInput& input, std::vector<Found>& mentions) { Discovery(input, mentions).run(); }

SharedHeads::SharedHeads(const Lexicon& lexicon) {
  // How many canonicals end with each of their endings (at a character's first byte: a head is
  // UTF-8 and starts with one), the whole canonical left out.
  std::unordered_map<std::string_view, std::size_t> endings;
  for (const LexiconEntry& entry : lexicon.entries()) {
    const std::string_view canonical = entry.canonical;
    for (std::size_t start = 1; start < canonical.size(); ++start) {
      if (!is_continuation_byte(static_cast<unsigned char>(canonical[start]))) ++endings[canonical.substr(start)];
    }
  }
  for (const auto& [ending, canonicals] : endings) {
    if (canonicals >= 2) heads_.insert(ending);
  }
}

MentionKind kind_of(std::string_view canonical, bool quoted) {
  const WordLists& words = WordLists::get();
  // The code points, decoded once (a step takes a byte at least, so the bytes bound their number):
  // on the stack for every canonical of a usual length.
  constexpr std::size_t kOnStack = 96;
  std::array<char32_t, kOnStack> on_stack;
  std::vector<char32_t> on_heap;
  char32_t* cps = on_stack.data();
  if (canonical.size() > kOnStack) {
    on_heap.resize(canonical.size());
    cps = on_heap.data();
  }
  std::size_t count = 0;
  bool numeral_seen = false;
  bool separator = false;
  for (std::size_t pos = 0, length = 0; pos < canonical.size(); pos += length) {
    const char32_t c = util::decode_at(canonical, pos, length);
    cps[count++] = c;
    separator |= c == U'、' || c == U'，';
    const bool segment_start = pos == 0 || numeral_seen || separator;
    const bool numeral = is_numeral(c) || (c == U'双' && segment_start);
    // Numerals inside ordinary words (一流, 一体化) do not count.
    if (numeral && !words.numeral_words.covers(canonical, pos)) return MentionKind::kNumeric;
    numeral_seen |= numeral;
  }
  if (separator) return MentionKind::kParallel;
  // Equal-length segments sharing a character at the same position (能上|能下, 共商|共建|共享).
  for (std::size_t parts = 2; parts <= count / 2; ++parts) {
    if (count % parts != 0) continue;
    const std::size_t length = count / parts;
    for (std::size_t p = 0; p < length; ++p) {
      bool shared = true;
      for (std::size_t k = 1; k < parts && shared; ++k) shared = cps[k * length + p] == cps[p];
      if (shared) return MentionKind::kParallel;
    }
  }
  return quoted ? MentionKind::kQuoted : MentionKind::kLexicon;
}

}  // namespace tifa::slogans

namespace tifa::slogans {

namespace {

// ---------------------------------------------------------------------------------------------
// D9: `NAME（以下简称“Y”）`, also 简称 and 下称, ASCII or full-width brackets.

struct Definition {
  std::size_t open;      // byte offset of the opening bracket
  Span abbreviation;     // Y, inside its quote marks when quoted
  std::size_t close_end; // after the closing bracket
  bool quoted = false;
};

std::optional<Definition> definition_at(const TextView& view, std::size_t keyword) {
  const std::string_view text = view.text;
  std::size_t open = keyword;
  if (text.substr(0, open).ends_with("以下")) open -= std::string_view("以下").size();
  bool full_width = false;
  if (text.substr(0, open).ends_with("（")) {
    open -= std::string_view("（").size();
    full_width = true;
  } else if (text.substr(0, open).ends_with("(")) {
    open -= 1;
  } else {
    return std::nullopt;
  }
  std::size_t pos = keyword + std::string_view("简称").size();
  if (text.substr(pos).starts_with("为")) pos += std::string_view("为").size();
  const std::string_view close = full_width ? "）" : ")";
  const std::size_t close_at = text.find(close, pos);
  if (close_at == std::string_view::npos || close_at - pos > 40) return std::nullopt;
  Definition definition{open, {pos, close_at}, close_at + close.size(), false};
  const std::string_view inner = text.substr(pos, close_at - pos);
  if (inner.starts_with("《")) return std::nullopt;  // a title defines nothing
  if (const QuotePair* quote = view.quote_opening_at(pos); quote != nullptr && quote->outer.end <= close_at) {
    definition.abbreviation = quote->content;
    definition.quoted = true;
  }
  const std::size_t length = util::count_code_points(
      text.substr(definition.abbreviation.begin, definition.abbreviation.size()));
  if (length < 2 || length > 8) return std::nullopt;
  return definition;
}

class Abbreviations {
 public:
  // Each definition searches the rest of the text for its abbreviation; a real document defines a
  // handful, so more are ignored rather than make the work quadratic.
  static constexpr std::size_t kMaxDefinitions = 64;

  Abbreviations(const DiscoveryInput& input, std::vector<Found>& mentions)
      : in_(input), view_(input.view), text_(input.view.text), mentions_(mentions) {}

  void run() {
    // Both keywords end with 称: one scan finds it, and each keyword takes the places where its
    // first character comes right before.
    std::vector<std::size_t> cheng;
    find_three_byte_character(text_, "称", cheng);
    std::size_t definitions = 0;
    for (std::string_view keyword : {"简称", "下称"}) {
      const std::string_view first = keyword.substr(0, keyword.size() - std::string_view("称").size());
      for (const std::size_t at_cheng : cheng) {
        if (definitions >= kMaxDefinitions) break;
        if (at_cheng < first.size() || text_.substr(at_cheng - first.size(), first.size()) != first) continue;
        if (const auto definition = definition_at(view_, at_cheng - first.size())) {
          apply(*definition);
          ++definitions;
        }
      }
    }
    if (added_.empty()) return;
    std::erase_if(mentions_, [](const Found& f) { return f.replaced; });
    const std::size_t before = mentions_.size();
    for (Found& found : added_) mentions_.push_back(std::move(found));
    std::sort(mentions_.begin() + static_cast<std::ptrdiff_t>(before), mentions_.end(),
              [](const Found& a, const Found& b) { return a.mention.span.begin < b.mention.span.begin; });
    std::inplace_merge(mentions_.begin(), mentions_.begin() + static_cast<std::ptrdiff_t>(before), mentions_.end(),
                       [](const Found& a, const Found& b) { return a.mention.span.begin < b.mention.span.begin; });
  }

 private:
  // The mention that ends at `open`, its closing quote mark included.
  Found* name_before(std::size_t open) {
    const auto [first, last] = overlapping(mentions_, {open >= 8 ? open - 8 : 0, open});
    for (std::size_t i = first; i < last; ++i) {
      Found& found = mentions_[i];
      const QuotePair* quote = found.mention.quoted ? view_.quote_with_content(found.mention.span) : nullptr;
      const std::size_t end = quote ? quote->outer.end : found.mention.span.end;
      if (end == open && !view_.in_title(found.mention.span)) return &found;
    }
    return nullptr;
  }

  void apply(const Definition& definition) {
    Found* name = name_before(definition.open);
    if (name == nullptr || overlaps_added(definition.abbreviation)) return;
    // Whatever else found Y (a quoted term, a lexicon form) becomes the D9 mention.
    const auto [first, last] = overlapping(mentions_, definition.abbreviation);
    for (std::size_t i = first; i < last; ++i) {
      if (&mentions_[i] == name) return;
      mentions_[i].replaced = true;
    }
    const std::string_view y = text_.substr(definition.abbreviation.begin, definition.abbreviation.size());
    const LexiconEntry* entry = name->entry;
    if (entry == nullptr) entry = in_.lexicon.find_form(y);
    Found named = *name;
    give_identity(named.mention, entry, fold_string(y));
    named.mention.confidence = Confidence::kHigh;
    *name = named;
    Found abbreviation = named;
    abbreviation.own_items.clear();
    Mention& m = abbreviation.mention;
    m.span = definition.abbreviation;
    m.quoted = definition.quoted;
    m.kind = kind_of(m.canonical, m.quoted);
    m.members.clear();
    m.flags = folding_changes(y) ? std::uint32_t{kMentionTraditional} : 0u;
    const std::size_t from = definition.close_end;
    added_.push_back(abbreviation);
    add_later_uses(y, from, abbreviation);
  }

  void give_identity(Mention& m, const LexiconEntry* entry, const std::string& folded_y) const {
    if (entry != nullptr) {
      m.canonical = entry->canonical;
      m.slogan_id = entry->id;
      m.category = entry->category;
      m.in_lexicon = true;
    } else {
      m.canonical = folded_y;
      m.slogan_id = "d:" + folded_y;
      m.category.clear();
      m.in_lexicon = false;
    }
    m.rule = m.in_lexicon ? m.rule : "D9";
  }

  void add_later_uses(std::string_view y, std::size_t from, const Found& model) {
    for (std::size_t at = text_.find(y, from); at != std::string_view::npos; at = text_.find(y, at + y.size())) {
      const Span span{at, at + y.size()};
      if (view_.in_title(span) || !displace_weaker(span)) continue;
      Found use = model;
      use.mention.span = span;
      use.mention.quoted = view_.quote_with_content(span) != nullptr;
      use.mention.kind = kind_of(use.mention.canonical, use.mention.quoted);
      use.mention.flags |= kMentionAbbrev;
      use.mention.rule = "D9";
      added_.push_back(std::move(use));
    }
  }

  // A use of a defined abbreviation beats a weaker discovery over the same characters (全市一号工程
  // as a campaign without a verb); a lexicon mention or an equal one keeps its place.
  bool displace_weaker(Span span) {
    if (overlaps_added(span)) return false;
    const auto [first, last] = overlapping(mentions_, span);
    for (std::size_t i = first; i < last; ++i) {
      const Found& f = mentions_[i];
      if (!f.replaced && (f.mention.in_lexicon || f.mention.confidence == Confidence::kHigh)) return false;
    }
    for (std::size_t i = first; i < last; ++i) mentions_[i].replaced = true;
    return true;
  }

  bool overlaps_added(Span span) const {
    return std::any_of(added_.begin(), added_.end(), [&](const Found& f) {
      return f.mention.span.begin < span.end && span.begin < f.mention.span.end;
    });
  }

  const DiscoveryInput& in_;
  const TextView& view_;
  std::string_view text_;
  std::vector<Found>& mentions_;
  std::vector<Found> added_;  // merged into mentions_ at the end, keeping it sorted
};

}  // namespace

void link_abbreviations(const DiscoveryInput& input, std::vector<Found>& mentions) {
  Abbreviations(input, mentions).run();
}

}  // namespace tifa::slogans
