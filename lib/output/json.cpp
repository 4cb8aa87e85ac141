// tifa::to_json (spec/interfaces.md §3): a Document as one JSON object on one line.
//
// Everything is appended into one reserved std::string, through a 2 KB stage that takes the many
// small pieces without a std::string::append each: no streams, no per-character allocation.
// Code-point offsets for all spans come from one count of the lead bytes of `text` per 16-byte
// block when writing the text has shown it to be well-formed (ChunkedCharIndex), from a single
// forward walk over it otherwise (WalkedCharIndex). Keys, numbers and short values are put
// together in small local buffers, so that most members go out in one append.
#include "tifa/json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "output/json_number.hpp"
#include "output/json_string_scan.hpp"
#include "output/utf8_step.hpp"

namespace tifa {

namespace {

using output::utf8_step;

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// append_json_string, telling whether `value` was well-formed UTF-8 (nothing replaced by U+FFFD).
bool append_json_string_checked(std::string& out, std::string_view value);
// The same without the short-string path: for values that fill_if_short_plain has refused. `out`
// is a std::string or anything else with append(const char*, std::size_t).
template <typename Output>
bool append_json_string_walked(Output& out, std::string_view value);

// Most of the output's strings besides the text (surfaces, canonical forms, ids, rules) are short,
// well-formed and need no escape: they go out in one append with their key, comma and quotes.
constexpr std::size_t kShortString = 64;
// The room fill_if_short_plain needs: the value and a 16-byte block from its last byte.
constexpr std::size_t kShortStringRoom = kShortString + 16;

// Copies `value` to `room` (kShortStringRoom bytes) and returns true when it is at most
// kShortString bytes, well-formed, and needs no escape; returns false otherwise (what `room`
// then holds is of no use). The value is checked in the copy, followed by 16 spaces (plain
// ASCII), so that the 16-byte blocks, which start inside the value, never read past them; a
// character cut by the value's end meets a space where its continuation should be, and the block
// is refused.
inline bool fill_if_short_plain(std::string_view value, char* room) noexcept {
#if TIFA_OUTPUT_SSE2
  if (value.size() > kShortString) return false;
  std::memcpy(room, value.data(), value.size());
  _mm_storeu_si128(reinterpret_cast<__m128i*>(room + value.size()), _mm_set1_epi8(' '));
  const auto* bytes = reinterpret_cast<const unsigned char*>(room);
  for (std::size_t i = 0; i < value.size();) {
    const output::sse2_scan::BlockScan scan = output::sse2_scan::scan_block(bytes + i);
    if (scan.length == 0 || scan.at_escape) return false;
    i += scan.length;
  }
  return true;
#else
  (void)value;
  (void)room;
  return false;
#endif
}

// A member with a literal (trusted ASCII) key and an integer value, for
// JsonWriter::integer_members.
template <std::size_t N>
struct IntegerMember {
  IntegerMember(const char (&ascii_key)[N], std::size_t number) : key(ascii_key), value(number) {}
  const char (&key)[N];
  std::size_t value;
};

// Appends JSON text with commas placed automatically. Keys given as literals are trusted ASCII;
// keys that come from the input go through escaped_key(). Pieces go out by append(pointer, size):
// append(first, last) is a replace() at the end in libstdc++, about 30 instructions more a call.

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  // Empties the output for a new, separate value.
  void start_over() {
    out_.clear();
    staged_ = 0;
    first_ = true;
  }

  // Sends what is staged to the output: after the last value, before the output is read.
  void finish() { flush(); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // A literal key: the comma, the quoted key and the colon go out in one append of a piece whose
  // size the compiler knows (keys and numbers are most of the output besides the text).
  template <std::size_t N>
  void key(const char (&ascii_key)[N]) {
    constexpr std::size_t kLength = N - 1;  // without the terminating '\0'
    char piece[kLength + 4];
    piece[0] = ',';
    piece[1] = '"';
    std::memcpy(piece + 2, ascii_key, kLength);
    piece[kLength + 2] = '"';
    piece[kLength + 3] = ':';
    const std::size_t skip = first_ ? 1 : 0;
    put(piece + skip, sizeof piece - skip);
    first_ = true;  // the value that follows needs no comma
  }
  // A member whose value is a literal (null, true, false, []): one append.
  template <std::size_t N, std::size_t M>
  void literal_member(const char (&ascii_key)[N], const char (&value)[M]) {
    constexpr std::size_t kKeyLength = N - 1;
    constexpr std::size_t kValueLength = M - 1;
    char piece[kKeyLength + kValueLength + 4];
    piece[0] = ',';
    piece[1] = '"';
    std::memcpy(piece + 2, ascii_key, kKeyLength);
    piece[kKeyLength + 2] = '"';
    piece[kKeyLength + 3] = ':';
    std::memcpy(piece + kKeyLength + 4, value, kValueLength);
    const std::size_t skip = first_ ? 1 : 0;
    put(piece + skip, sizeof piece - skip);
    first_ = false;
  }
  template <std::size_t N>
  void boolean_member(const char (&ascii_key)[N], bool value) {
    if (value) {
      literal_member(ascii_key, "true");
    } else {
      literal_member(ascii_key, "false");
    }
  }
  // A member whose value is an array of names, most often empty.
  template <std::size_t N>
  void name_array_member(const char (&ascii_key)[N], const std::vector<std::string>& ascii_names) {
    if (ascii_names.empty()) {
      literal_member(ascii_key, "[]");
    } else {
      key(ascii_key);
      name_array(ascii_names);
    }
  }
  void key(std::string_view ascii_key) {
    separate();
    put('"');
    put(ascii_key.data(), ascii_key.size());
    put("\":", 2);
    first_ = true;
  }
  void escaped_key(std::string_view any_key) {
    separate();
    append_json_string(flushed(), any_key);
    put(':');
    first_ = true;
  }

  // Several members with literal keys and integer values (the four offsets of a span, a raw
  // span's two) in one append: keys and numbers are most of the output besides the text.
  template <std::size_t... N>
  void integer_members(const IntegerMember<N>&... members) {
    char buffer[(0 + ... + (N + 4 + kMaxDigits))];
    char* end = buffer;
    bool first = first_;
    ((end = put_member(end, members, first), first = false), ...);
    put(buffer, static_cast<std::size_t>(end - buffer));
    first_ = false;
  }

  // A member with a key from the input and an integer value: a short plain key goes out with its
  // quotes, colon and value in one append.
  void escaped_integer_member(std::string_view any_key, std::size_t value) {
    char piece[2 + kShortStringRoom + 2 + kMaxDigits];
    piece[0] = ',';
    piece[1] = '"';
    if (fill_if_short_plain(any_key, piece + 2)) {
      char* end = piece + 2 + any_key.size();
      *end++ = '"';
      *end++ = ':';
      end = output::write_decimal(end, value);
      append_piece(piece, static_cast<std::size_t>(end - piece));
      return;
    }
    escaped_key(any_key);
    number(value);
  }

  // begin_object() and integer_members(members...) in one append: an object that starts with
  // integers (a sentence, a mention, a member starts with its span).
  template <std::size_t... N>
  void object_with_integer_members(const IntegerMember<N>&... members) {
    char buffer[2 + (0 + ... + (N + 4 + kMaxDigits))];
    char* end = buffer;
    if (!first_) *end++ = ',';
    *end++ = '{';
    bool first = true;
    ((end = put_member(end, members, first), first = false), ...);
    put(buffer, static_cast<std::size_t>(end - buffer));
    first_ = false;
  }

  void null() {
    separate();
    put("null", 4);
  }
  void boolean(bool value) {
    separate();
    if (value) {
      put("true", 4);
    } else {
      put("false", 5);
    }
  }
  // True when `value` was well-formed UTF-8.
  bool string(std::string_view value) {
    char piece[2 + kShortStringRoom];
    piece[0] = ',';
    piece[1] = '"';
    if (fill_if_short_plain(value, piece + 2)) {
      piece[2 + value.size()] = '"';
      append_piece(piece, value.size() + 3);
      return true;
    }
    separate();
    StagedOutput staged{*this};
    return append_json_string_walked(staged, value);
  }
  // A member with a literal key and a string value: a short plain value goes out with its key in
  // one append. True when `value` was well-formed UTF-8.
  template <std::size_t N>
  bool string_member(const char (&ascii_key)[N], std::string_view value) {
    constexpr std::size_t kKeyPiece = N + 4;  // ,"key":"
    char piece[kKeyPiece + kShortStringRoom];
    put_key_piece(piece, ascii_key);
    piece[kKeyPiece - 1] = '"';
    if (fill_if_short_plain(value, piece + kKeyPiece)) {
      piece[kKeyPiece + value.size()] = '"';
      append_piece(piece, kKeyPiece + value.size() + 1);
      return true;
    }
    key(ascii_key);
    separate();  // no comma after the key, but one before what follows
    StagedOutput staged{*this};
    return append_json_string_walked(staged, value);
  }
  // The same, null for an empty value.
  template <std::size_t N>
  void string_or_null_member(const char (&ascii_key)[N], std::string_view value) {
    if (value.empty()) {
      literal_member(ascii_key, "null");
    } else {
      string_member(ascii_key, value);
    }
  }
  // A name the library itself gives (an enum's name, a flag, "lexicon"): ASCII that needs no
  // escape, so it is not scanned, and goes out with its quotes in one append.
  void name(std::string_view ascii_name) {
    separate();
    char quoted[kMaxName + 2];
    if (ascii_name.size() > kMaxName) {
      put('"');
      put(ascii_name.data(), ascii_name.size());
      put('"');
      return;
    }
    quoted[0] = '"';
    std::memcpy(quoted + 1, ascii_name.data(), ascii_name.size());
    quoted[ascii_name.size() + 1] = '"';
    put(quoted, ascii_name.size() + 2);
  }
  // A member with a literal key and a name for value, in one append.
  template <std::size_t N>
  void name_member(const char (&ascii_key)[N], std::string_view ascii_name) {
    if (ascii_name.size() > kMaxName) {
      key(ascii_key);
      name(ascii_name);
      return;
    }
    constexpr std::size_t kKeyPiece = N + 4;  // ,"key":"
    char piece[kKeyPiece + kMaxName + 1];
    put_key_piece(piece, ascii_key);
    piece[kKeyPiece - 1] = '"';
    std::memcpy(piece + kKeyPiece, ascii_name.data(), ascii_name.size());
    piece[kKeyPiece + ascii_name.size()] = '"';
    append_piece(piece, kKeyPiece + ascii_name.size() + 1);
  }
  // begin_object() and name_member(ascii_key, ascii_name) in one append (a block starts with
  // its type).
  template <std::size_t N>
  void object_with_name_member(const char (&ascii_key)[N], std::string_view ascii_name) {
    if (ascii_name.size() > kMaxName) {
      begin_object();
      name_member(ascii_key, ascii_name);
      return;
    }
    char piece[N + 6 + kMaxName];  // ,{"key":"name"
    piece[0] = ',';
    piece[1] = '{';
    piece[2] = '"';
    std::memcpy(piece + 3, ascii_key, N - 1);
    piece[N + 2] = '"';
    piece[N + 3] = ':';
    piece[N + 4] = '"';
    std::memcpy(piece + N + 5, ascii_name.data(), ascii_name.size());
    piece[N + 5 + ascii_name.size()] = '"';
    append_piece(piece, N + 6 + ascii_name.size());
  }
  void name_array(const std::vector<std::string>& ascii_names) {
    begin_array();
    for (const auto& ascii_name : ascii_names) name(ascii_name);
    end_array();
  }

  // null for an empty string: an unknown value is null, never an invented "".
  void string_or_null(std::string_view value) {
    if (value.empty()) {
      null();
    } else {
      string(value);
    }
  }
  void number(std::size_t value) { integer(value); }
  void number(int value) { integer(value); }
  // A member with a literal key and a real value, in one append: at most 4 decimals, trailing
  // zeros trimmed but one kept ("0.95", "1.0"); NaN and infinities, which JSON cannot hold,
  // become null.
  template <std::size_t N>
  void real_member(const char (&ascii_key)[N], double value) {
    if (!std::isfinite(value)) {
      literal_member(ascii_key, "null");
      return;
    }
    char piece[N + 3 + output::kFixed4Capacity];
    put_key_piece(piece, ascii_key);
    const char* end = output::write_fixed4(piece + N + 3, value);
    append_piece(piece, static_cast<std::size_t>(end - piece));
  }

  void string_array(const std::vector<std::string>& values) {
    begin_array();
    for (const auto& value : values) string(value);
    end_array();
  }
  // "key":[[begin, end], ...]: the key, the bracket and the first pair in one append (with the
  // closing bracket when the pair is the only one: most raw spans are), each further pair in one.
  template <std::size_t N>
  void span_array_member(const char (&ascii_key)[N], const std::vector<Span>& spans) {
    if (spans.empty()) {
      literal_member(ascii_key, "[]");
      return;
    }
    char piece[N + 5 + 2 * kMaxDigits + 4];
    put_key_piece(piece, ascii_key);
    piece[N + 3] = '[';
    char* end = put_pair(piece + N + 4, spans.front());
    if (spans.size() == 1) *end++ = ']';
    append_piece(piece, static_cast<std::size_t>(end - piece));
    if (spans.size() == 1) return;
    for (std::size_t k = 1; k < spans.size(); ++k) {
      char pair[2 * kMaxDigits + 4];
      pair[0] = ',';
      put(pair, static_cast<std::size_t>(put_pair(pair + 1, spans[k]) - pair));
    }
    put(']');
  }

 private:
  void separate() {
    if (!first_) put(',');
    first_ = false;
  }
  void open(char bracket) {
    separate();
    put(bracket);
    first_ = true;
  }
  void close(char bracket) {
    put(bracket);
    first_ = false;
  }

  static constexpr std::size_t kMaxDigits = output::kMaxDecimalDigits;
  static constexpr std::size_t kMaxName = 30;    // longer names take three appends

  // `,"key":value` (no comma when `first`) at `out`; returns the end of what was written.
  template <std::size_t N>
  static char* put_member(char* out, const IntegerMember<N>& member, bool first) noexcept {
    if (!first) *out++ = ',';
    *out++ = '"';
    std::memcpy(out, member.key, N - 1);
    out += N - 1;
    *out++ = '"';
    *out++ = ':';
    return output::write_decimal(out, member.value);
  }

  // `[begin,end]` at `out`; returns its end.
  static char* put_pair(char* out, const Span& span) noexcept {
    *out++ = '[';
    out = output::write_decimal(out, span.begin);
    *out++ = ',';
    out = output::write_decimal(out, span.end);
    *out++ = ']';
    return out;
  }

  // `,"key":` at `out` (N + 3 bytes).
  template <std::size_t N>
  static void put_key_piece(char* out, const char (&ascii_key)[N]) noexcept {
    out[0] = ',';
    out[1] = '"';
    std::memcpy(out + 2, ascii_key, N - 1);
    out[N + 1] = '"';
    out[N + 2] = ':';
  }
  // A piece that starts with a comma, without the comma when none is due.
  void append_piece(const char* piece, std::size_t size) {
    const std::size_t skip = first_ ? 1 : 0;
    put(piece + skip, size - skip);
    first_ = false;
  }

  // The comma, if one is due, and the digits in one append.
  template <typename Integer>
  void integer(Integer value) {
    char buffer[24];
    char* end = buffer;
    if (!first_) *end++ = ',';
    first_ = false;
    if constexpr (std::is_unsigned_v<Integer>) {
      end = output::write_decimal(end, value);
    } else {
      end = std::to_chars(end, buffer + sizeof buffer, value).ptr;
    }
    put(buffer, static_cast<std::size_t>(end - buffer));
  }

  // What put() has staged goes to `out_` in pieces of up to kStage bytes: most pieces are a few
  // bytes, for which std::string::append costs ~30 instructions more than a copy into the stage.
  [[gnu::always_inline]] void put(const char* bytes, std::size_t size) {
    // Most pieces are keys and numbers of at most 64 bytes: two overlapping fixed-size copies
    // each, inlined, instead of a call to memcpy.
    if (size > 64 || size > kStage - staged_) [[unlikely]] {
      put_long(bytes, size);
      return;
    }
    char* to = stage_.data() + staged_;
    staged_ += size;
    if (size >= 32) {
      copy_ends<32>(to, bytes, size);
    } else if (size >= 16) {
      copy_ends<16>(to, bytes, size);
    } else if (size >= 8) {
      copy_ends<8>(to, bytes, size);
    } else if (size >= 4) {
      copy_ends<4>(to, bytes, size);
    } else if (size > 0) {
      to[0] = bytes[0];
      to[size / 2] = bytes[size / 2];
      to[size - 1] = bytes[size - 1];
    }
  }
  // The first and the last `kWidth` bytes of a piece of kWidth to 2 * kWidth bytes.
  template <std::size_t kWidth>
  static void copy_ends(char* to, const char* from, std::size_t size) noexcept {
    char head[kWidth];
    char tail[kWidth];
    std::memcpy(head, from, kWidth);
    std::memcpy(tail, from + size - kWidth, kWidth);
    std::memcpy(to, head, kWidth);
    std::memcpy(to + size - kWidth, tail, kWidth);
  }
  // put() of a piece of more than 64 bytes or one the stage has no room for.
  [[gnu::noinline]] void put_long(const char* bytes, std::size_t size) {
    if (size > kStage - staged_) flush();
    if (size > kStage) {
      out_.append(bytes, size);
      return;
    }
    std::memcpy(stage_.data() + staged_, bytes, size);
    staged_ += size;
  }
  void put(char c) {
    if (staged_ == kStage) flush();
    stage_[staged_++] = c;
  }
  void flush() {
    out_.append(stage_.data(), staged_);
    staged_ = 0;
  }
  // put() under the name append_json_string_walked calls.
  struct StagedOutput {
    JsonWriter& writer;
    void append(const char* bytes, std::size_t size) { writer.put(bytes, size); }
  };
  // The output with all staged, for what appends to it directly (escaped strings).
  std::string& flushed() {
    flush();
    return out_;
  }

  static constexpr std::size_t kStage = 2048;

  std::string& out_;
  std::array<char, kStage> stage_;
  std::size_t staged_ = 0;
  bool first_ = true;
};

// Code-point offsets of any byte offset of well-formed UTF-8 `text` (the usual case): the code
// points before each 16-byte block, counted once, plus the lead bytes of the block before the
// offset. A byte offset inside a character counts that character as before it.
class ChunkedCharIndex {
 public:
  // Counts are kept in 32 bits: a longer text takes WalkedCharIndex.
  static bool fits(std::string_view text) noexcept { return text.size() < 0xFFFF0000u; }

  explicit ChunkedCharIndex(std::string_view text) : text_(text) {
    const std::size_t full_blocks = text.size() / kBlock;
    chars_before_block_.resize(full_blocks + 1);
    std::uint32_t chars = 0;
    for (std::size_t block = 0; block < full_blocks; ++block) {
      chars_before_block_[block] = chars;
      chars += bit_count(full_lead_mask(block));
    }
    chars_before_block_[full_blocks] = chars;
    total_ = chars + bit_count(lead_mask(full_blocks));
  }

  std::size_t chars_before(std::size_t byte) const noexcept {
    if (byte >= text_.size()) return total_;
    const std::size_t block = byte / kBlock;
    const unsigned before = (1u << (byte % kBlock)) - 1;
    return chars_before_block_[block] + bit_count(lead_mask(block) & before);
  }

 private:
  static constexpr std::size_t kBlock = 16;

  // Bit k set when byte k of the block is a lead byte (not 10xxxxxx); none past the text's end.
  unsigned lead_mask(std::size_t block) const noexcept {
    const std::size_t begin = block * kBlock;
    if (text_.size() - begin >= kBlock) return full_lead_mask(block);
    unsigned char padded[kBlock] = {};
    std::memcpy(padded, text_.data() + begin, text_.size() - begin);
    return leads_of_16(padded) & ((1u << (text_.size() - begin)) - 1);
  }
  // The same for a block that lies inside the text.
  unsigned full_lead_mask(std::size_t block) const noexcept {
    return leads_of_16(reinterpret_cast<const unsigned char*>(text_.data()) + block * kBlock);
  }

  static unsigned leads_of_16(const unsigned char* bytes) noexcept {
#if TIFA_OUTPUT_SSE2
    // As signed bytes, continuation bytes are -128..-65: a lead byte is greater than -65.
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_set1_epi8(-65))));
#else
    unsigned mask = 0;
    for (std::size_t k = 0; k < kBlock; ++k) {
      if (!output::is_continuation_byte(static_cast<char>(bytes[k]))) mask |= 1u << k;
    }
    return mask;
#endif
  }

  // Set bits of a 16-bit mask, by a table of the bits of each byte (no popcount instruction on
  // baseline x86-64).
  static unsigned bit_count(unsigned mask16) noexcept {
    static constexpr auto kBits = [] {
      std::array<std::uint8_t, 256> bits{};
      for (unsigned value = 0; value < 256; ++value) {
        bits[value] = static_cast<std::uint8_t>((value & 1) + bits[value >> 1]);
      }
      return bits;
    }();
    return kBits[mask16 & 0xFF] + kBits[(mask16 >> 8) & 0xFF];
  }

  std::string_view text_;
  std::vector<std::uint32_t> chars_before_block_;
  std::size_t total_ = 0;
};

// Code-point offsets of a fixed set of byte offsets of `text` with invalid sequences, found in one
// forward walk. A byte offset inside a character counts that character as before it; an invalid
// byte sequence counts as the one U+FFFD the JSON writes for it.
class WalkedCharIndex {
 public:
  WalkedCharIndex(std::string_view text, std::vector<std::size_t> byte_offsets)
      : bytes_(std::move(byte_offsets)) {
    std::sort(bytes_.begin(), bytes_.end());
    bytes_.erase(std::unique(bytes_.begin(), bytes_.end()), bytes_.end());
    chars_.resize(bytes_.size());
    walk(text);
  }

  // `byte` must be one of the offsets given to the constructor. Spans are written mostly in text
  // order, so the offset last asked for and the next one are tried before a binary search.
  std::size_t chars_before(std::size_t byte) noexcept {
    std::size_t k = last_;
    if (k >= bytes_.size() || bytes_[k] != byte) {
      if (k + 1 < bytes_.size() && bytes_[k + 1] == byte) {
        ++k;
      } else {
        k = static_cast<std::size_t>(std::lower_bound(bytes_.begin(), bytes_.end(), byte) -
                                     bytes_.begin());
      }
    }
    if (k == bytes_.size() || bytes_[k] != byte) return total_;  // not registered: cannot happen
    last_ = k;
    return chars_[k];
  }

 private:
  // Each maximal invalid subpart is one character (one U+FFFD).
  void walk(std::string_view text) {
    std::size_t pos = 0;
    std::size_t chars = 0;
    for (std::size_t k = 0; k < bytes_.size(); ++k) {
      while (pos < bytes_[k] && pos < text.size()) {
        pos += utf8_step(text, pos).length;
        ++chars;
      }
      chars_[k] = chars;
    }
    while (pos < text.size()) {
      pos += utf8_step(text, pos).length;
      ++chars;
    }
    total_ = chars;
  }

  std::vector<std::size_t> bytes_;
  std::vector<std::size_t> chars_;
  std::size_t total_ = 0;
  std::size_t last_ = 0;  // index of the offset last asked for
};

std::vector<std::size_t> offsets_needing_chars(const Document& doc) {
  std::vector<std::size_t> offsets;
  offsets.reserve(2 * (doc.blocks.size() + doc.sentences.size() + 2 * doc.mentions.size()));
  auto add = [&](const Span& span) {
    offsets.push_back(span.begin);
    offsets.push_back(span.end);
  };
  for (const auto& block : doc.blocks) {
    add(block.span);
    if (block.byline_span) add(*block.byline_span);
  }
  for (const auto& sentence : doc.sentences) add(sentence.span);
  for (const auto& mention : doc.mentions) {
    add(mention.span);
    for (const auto& member : mention.members) add(member);
  }
  return offsets;
}

// Whether each extra value, asked in input order, is the first with its key. Front matter has a
// few keys, which are compared with the earlier ones; many go into a hash set, so that a document
// with thousands of keys costs no quadratic time.
class FirstKeys {
 public:
  explicit FirstKeys(const std::vector<ExtraValue>& extra) : extra_(extra) {}

  // `value` must be the next element of the vector given to the constructor.
  bool is_first(const ExtraValue& value) {
    const std::size_t index = next_++;
    if (extra_.size() > kCompareLimit) return seen_.insert(value.key).second;
    for (std::size_t earlier = 0; earlier < index; ++earlier) {
      if (extra_[earlier].key == value.key) return false;
    }
    return true;
  }

 private:
  static constexpr std::size_t kCompareLimit = 16;

  const std::vector<ExtraValue>& extra_;
  std::size_t next_ = 0;
  std::unordered_set<std::string_view> seen_;
};

// A size of the output a little above the usual, so that the string seldom grows: each growth
// copies all written so far. The meta and source objects take about 2 KB; a slogan row is written
// twice (in "slogans" and "rows"); a block's raw spans are a dozen bytes each.
std::size_t estimated_size(const Document& doc) {
  std::size_t size = 2560 + doc.text.size() + doc.text.size() / 8;
  size += doc.blocks.size() * 160 + doc.sentences.size() * 90 + doc.mentions.size() * 400;
  for (const auto& block : doc.blocks) size += block.raw_spans.size() * 16;
  size += doc.slogan_stats.slogans.size() * 320 + doc.slogan_stats.categories.size() * 40;
  size += doc.images.size() * 300 + doc.warnings.size() * 200;
  for (const auto& removed : doc.removed) size += 100 + removed.text.size();
  return size;
}

class DocumentWriter {
 public:
  DocumentWriter(const Document& doc, const JsonOptions& options, std::string& out)
      : doc_(doc), options_(options), json_(out) {}

  void write() {
    json_.begin_object();
    json_.string_or_null_member("id", doc_.source.id);
    json_.key("source");
    write_source();
    json_.key("meta");
    write_meta();
    json_.key("text");
    text_well_formed_ = json_.string(doc_.text);
    json_.key("blocks");
    write_blocks();
    json_.key("images");
    write_images();
    json_.key("sentences");
    write_sentences();
    json_.key("mentions");
    write_mentions();
    json_.key("counts");
    write_counts();
    json_.key("removed");
    write_removed();
    json_.key("warnings");
    write_warnings();
    json_.end_object();
    json_.finish();
  }

 private:
  // The slice of `text` under a span, clamped so that a bad span cannot read out of bounds.
  std::string_view slice(const Span& span) const {
    const std::string_view text = doc_.text;
    const std::size_t begin = std::min(span.begin, text.size());
    const std::size_t end = std::min(std::max(span.end, begin), text.size());
    return text.substr(begin, end - begin);
  }

  // "start", "end", "char_start", "char_end" of a span of `text`, and the integer members that
  // follow them, if any, in the same append.
  template <std::size_t... N>
  void write_text_span(const Span& span, const IntegerMember<N>&... following) {
    json_.integer_members(IntegerMember("start", span.begin), IntegerMember("end", span.end),
                          IntegerMember("char_start", chars_before(span.begin)),
                          IntegerMember("char_end", chars_before(span.end)), following...);
  }

  // An object that starts with write_text_span's members, opened in the same append.
  template <std::size_t... N>
  void open_with_text_span(const Span& span, const IntegerMember<N>&... following) {
    json_.object_with_integer_members(IntegerMember("start", span.begin), IntegerMember("end", span.end),
                                      IntegerMember("char_start", chars_before(span.begin)),
                                      IntegerMember("char_end", chars_before(span.end)), following...);
  }

  void write_raw_span(const Span& span) {
    json_.integer_members(IntegerMember("raw_start", span.begin), IntegerMember("raw_end", span.end));
  }

  void write_source() {
    const Source& source = doc_.source;
    json_.begin_object();
    json_.string_or_null_member("id", source.id);
    json_.string_or_null_member("path", source.path);
    json_.name_member("format", to_string(source.format));
    json_.string_or_null_member("encoding", source.encoding);
    json_.key("bytes");
    json_.number(source.bytes);
    json_.key("replacement_chars");
    json_.number(source.replacement_chars);
    json_.key("pdf_layout");
    json_.boolean(source.pdf_layout);
    json_.key("html_page");
    json_.boolean(source.html_page);
    json_.key("flags");
    json_.begin_array();
    if (source.poster_layout) json_.name("poster_layout");
    json_.end_array();
    json_.end_object();
  }

  // "flags": the names of the set bits of `flags`; no names are asked for (a vector built) when
  // none is set, which is the usual case.
  void write_flags(std::uint32_t flags, std::vector<std::string> (*names_of)(std::uint32_t)) {
    if (flags == 0) {
      json_.literal_member("flags", "[]");
    } else {
      json_.name_array_member("flags", names_of(flags));
    }
  }

  // The string when present, even "" (an empty alt attribute is not a missing one).
  void write_optional_string(const std::optional<std::string>& value) {
    if (value) {
      json_.string(*value);
    } else {
      json_.null();
    }
  }

  // The value of a field, null when the field is absent.
  template <std::size_t N>
  void write_field_member(const char (&key)[N], const std::optional<Field>& field) {
    if (field) {
      json_.string_member(key, field->value);
    } else {
      json_.literal_member(key, "null");
    }
  }

  // One string member of an optional date, null when the date or the member is absent.
  template <std::size_t N>
  void write_date_part(const char (&key)[N], const std::optional<DateField>& date,
                       std::string DateField::*member) {
    if (date) {
      json_.string_or_null_member(key, (*date).*member);
    } else {
      json_.literal_member(key, "null");
    }
  }

  void write_meta() {
    const Meta& meta = doc_.meta;
    const std::optional<DateField>& published = meta.published_at;
    json_.begin_object();
    write_field_member("title", meta.title);
    write_field_member("original_title", meta.original_title);
    write_field_member("subtitle", meta.subtitle);

    write_date_part("published_at", published, &DateField::iso);
    write_date_part("published_utc", published, &DateField::utc);
    write_date_part("published_date_local", published, &DateField::local_date);
    write_date_part("published_precision", published, &DateField::precision);
    json_.key("published_tz");
    if (published && !published->iso.empty()) {
      json_.name(published->tz_explicit ? "explicit" : "assumed");
    } else {
      json_.null();
    }
    write_date_part("issued_date", meta.issued_date, &DateField::iso);

    write_field_member("url", meta.url);
    write_field_member("publisher", meta.publisher);
    write_field_member("source_outlet", meta.source_outlet);
    json_.key("reporters");
    write_names(meta.reporters);
    json_.key("correspondents");
    write_names(meta.correspondents);
    json_.key("people");
    json_.begin_array();
    for (const auto& person : meta.reporters) write_person(person, "reporter");
    for (const auto& person : meta.correspondents) write_person(person, "correspondent");
    json_.end_array();
    json_.key("credits");
    json_.begin_array();
    for (const auto& person : meta.credits) write_person(person, {});
    json_.end_array();
    write_field_member("editor", meta.editor);
    write_field_member("editor_code", meta.editor_code);
    json_.key("print_edition");
    write_print_edition(meta.print_edition);
    json_.key("categories");
    json_.string_array(meta.categories);
    json_.key("tags");
    json_.string_array(meta.tags);
    json_.key("extra");
    write_extra();
    json_.key("provenance");
    write_provenance();
    json_.end_object();
  }

  void write_print_edition(const std::optional<PrintEdition>& edition) {
    if (!edition) {
      json_.null();
      return;
    }
    json_.begin_object();
    json_.string_or_null_member("outlet", edition->outlet.value);
    json_.key("date");
    if (edition->date) json_.string_or_null(edition->date->iso); else json_.null();
    json_.string_or_null_member("page", edition->page);
    json_.end_object();
  }

  void write_names(const std::vector<Person>& people) {
    json_.begin_array();
    for (const auto& person : people) json_.string(person.name);
    json_.end_array();
  }

  // `kind` is empty for credits, whose role says what they did.
  void write_person(const Person& person, std::string_view kind) {
    json_.begin_object();
    if (!kind.empty()) {
      json_.name_member("kind", kind);
    }
    json_.string_member("name", person.name);
    json_.string_or_null_member("role", person.role);
    json_.string_or_null_member("affiliation", person.affiliation);
    write_raw_span(person.raw_span);
    write_flags(person.flags, field_flag_names);
    json_.end_object();
  }

  // Duplicate keys are rare (a repeated front-matter key); the first one wins so that the object
  // stays valid for parsers that reject duplicates.
  void write_extra() {
    FirstKeys first_keys(doc_.meta.extra);
    json_.begin_object();
    for (const auto& extra : doc_.meta.extra) {
      if (!first_keys.is_first(extra)) continue;
      json_.escaped_key(extra.key);
      if (extra.is_list) {
        json_.string_array(extra.items);
      } else if (extra.items.empty()) {
        json_.null();
      } else {
        json_.string(extra.items.front());
      }
    }
    json_.end_object();
  }

  // field name -> where its value came from, for every present field (invariant I8 from JSON).
  void write_provenance() {
    const Meta& meta = doc_.meta;
    json_.begin_object();
    write_field_provenance("title", meta.title);
    write_field_provenance("original_title", meta.original_title);
    write_field_provenance("subtitle", meta.subtitle);
    write_date_provenance("published_at", meta.published_at);
    write_date_provenance("issued_date", meta.issued_date);
    write_field_provenance("url", meta.url);
    write_field_provenance("publisher", meta.publisher);
    write_field_provenance("source_outlet", meta.source_outlet);
    write_field_provenance("editor", meta.editor);
    write_field_provenance("editor_code", meta.editor_code);
    if (meta.print_edition) {
      write_field_provenance("print_edition", std::optional<Field>(meta.print_edition->outlet));
      write_date_provenance("print_edition_date", meta.print_edition->date);
    }
    if (!meta.extra.empty()) {
      // Extra values are verbatim: their provenance is only where they were and their flags.
      FirstKeys first_keys(meta.extra);
      json_.key("extra");
      json_.begin_object();
      for (const auto& extra : meta.extra) {
        if (!first_keys.is_first(extra)) continue;
        json_.escaped_key(extra.key);
        json_.begin_object();
        json_.span_array_member("raw_spans", extra.raw_spans);
        write_flags(extra.flags, field_flag_names);
        json_.end_object();
      }
      json_.end_object();
    }
    json_.end_object();
  }

  void write_provenance_record(std::string_view name, const std::string& raw,
                               const std::vector<Span>& raw_spans, const std::string& rule,
                               std::uint32_t flags) {
    json_.key(name);
    json_.begin_object();
    json_.string_member("raw", raw);
    json_.span_array_member("raw_spans", raw_spans);
    json_.string_or_null_member("rule", rule);
    write_flags(flags, field_flag_names);
    json_.end_object();
  }
  void write_field_provenance(std::string_view name, const std::optional<Field>& field) {
    if (field) write_provenance_record(name, field->raw, field->raw_spans, field->rule, field->flags);
  }
  void write_date_provenance(std::string_view name, const std::optional<DateField>& date) {
    if (date) write_provenance_record(name, date->raw, date->raw_spans, date->rule, date->flags);
  }

  void write_blocks() {
    json_.begin_array();
    for (const auto& block : doc_.blocks) {
      json_.object_with_name_member("type", to_string(block.type));
      write_text_span(block.span);
      if (block.page > 0) {
        json_.integer_members(IntegerMember("page", static_cast<std::size_t>(block.page)));
      } else {
        json_.literal_member("page", "null");
      }
      write_flags(block.flags, block_flag_names);
      json_.span_array_member("raw_spans", block.raw_spans);
      if (block.byline_span) {
        json_.key("byline");
        json_.begin_object();
        write_text_span(*block.byline_span);
        json_.end_object();
      } else {
        json_.literal_member("byline", "null");
      }
      if (options_.edits) write_edits(block.edits);
      json_.end_object();
    }
    json_.end_array();
  }

  void write_edits(const std::vector<Edit>& edits) {
    json_.key("edits");
    json_.begin_array();
    for (const auto& edit : edits) {
      json_.begin_object();
      json_.string_member("rule", edit.rule);
      json_.key("start");
      json_.number(edit.span.begin);
      json_.key("end");
      json_.number(edit.span.end);
      write_raw_span(edit.raw_span);
      json_.string_member("before", edit.before);
      json_.end_object();
    }
    json_.end_array();
  }

  void write_images() {
    json_.begin_array();
    for (const auto& image : doc_.images) {
      json_.begin_object();
      json_.string_member("src", image.src);
      json_.key("alt");
      write_optional_string(image.alt);
      json_.key("caption");
      write_optional_string(image.caption);
      json_.key("before_block");
      json_.number(image.before_block);
      json_.key("flags");
      json_.begin_array();
      if (image.decorative) json_.name("decorative");
      json_.end_array();
      write_raw_span(image.raw_span);
      json_.end_object();
    }
    json_.end_array();
  }

  void write_sentence_flags(std::uint32_t flags) {
    json_.begin_array();
    if (flags & kSentenceUnterminated) json_.name("unterminated");
    if (flags & kSentenceForcedCut) json_.name("forced_cut");
    if (flags & kSentenceHasPageMarker) json_.name("has_page_marker");
    json_.end_array();
  }

  void write_sentences() {
    json_.begin_array();
    for (const auto& sentence : doc_.sentences) {
      open_with_text_span(sentence.span, IntegerMember("block", sentence.block));
      if ((sentence.flags & (kSentenceUnterminated | kSentenceForcedCut | kSentenceHasPageMarker)) == 0) {
        json_.literal_member("flags", "[]");
      } else {
        json_.key("flags");
        write_sentence_flags(sentence.flags);
      }
      json_.end_object();
    }
    json_.end_array();
  }

  void write_mentions() {
    json_.begin_array();
    for (const auto& mention : doc_.mentions) {
      open_with_text_span(mention.span);
      write_mention_details(mention);
      json_.end_object();
    }
    json_.end_array();
  }

 public:
  // {"id", "mentions", "counts"}: the slogan part of the document (tifa slogans).
  void write_slogans() {
    json_.begin_object();
    json_.string_or_null_member("id", doc_.source.id);
    json_.key("mentions");
    write_mentions();
    json_.key("counts");
    write_counts();
    json_.end_object();
    json_.finish();
  }

  // One mention with "id" first and, with context_chars > 0, the KWIC context "left" and "right":
  // up to context_chars code points of its block before and after it.
  // One line of its own: what the writer wrote before is dropped, the code-point index is kept.
  void write_mention_line(const Mention& mention, std::size_t context_chars) {
    json_.start_over();
    json_.begin_object();
    json_.string_or_null_member("id", doc_.source.id);
    write_mention_fields(mention);
    if (context_chars > 0) {
      const Span block = block_around(mention.span.begin);
      json_.string_member("left", context_before(block, mention.span.begin, context_chars));
      json_.string_member("right", context_after(block, mention.span.end, context_chars));
    }
    json_.end_object();
    json_.finish();
  }

 private:
  Span block_around(std::size_t pos) const {
    for (const Block& block : doc_.blocks) {
      if (block.span.begin <= pos && pos < block.span.end) return block.span;
    }
    return {0, doc_.text.size()};
  }

  std::string_view context_before(Span block, std::size_t pos, std::size_t count) const {
    std::size_t begin = std::min(pos, doc_.text.size());
    for (std::size_t n = 0; n < count && begin > block.begin; ++n) {
      do --begin;
      while (begin > block.begin && (static_cast<unsigned char>(doc_.text[begin]) & 0xC0) == 0x80);
    }
    return std::string_view(doc_.text).substr(begin, pos - begin);
  }

  std::string_view context_after(Span block, std::size_t pos, std::size_t count) const {
    const std::size_t limit = std::min(block.end, doc_.text.size());
    std::size_t end = std::min(pos, limit);
    for (std::size_t n = 0; n < count && end < limit; ++n) end += utf8_step(doc_.text, end).length;
    end = std::min(end, limit);
    return std::string_view(doc_.text).substr(pos, end - pos);
  }

  void write_mention_fields(const Mention& mention) {
    write_text_span(mention.span);
    write_mention_details(mention);
  }

  // The members of a mention after its span's.
  void write_mention_details(const Mention& mention) {
    json_.string_member("surface", slice(mention.span));
    json_.string_member("canonical", mention.canonical);
    json_.string_or_null_member("slogan_id", mention.slogan_id);
    json_.string_or_null_member("category", mention.category);
    json_.name_member("kind", to_string(mention.kind));
    json_.name_member("origin", mention.in_lexicon ? "lexicon" : "discovered");
    json_.boolean_member("quoted", mention.quoted);
    json_.real_member("confidence", confidence_value(mention.confidence));
    json_.integer_members(IntegerMember("sentence", mention.sentence));
    json_.string_or_null_member("rule", mention.rule);
    if (mention.members.empty()) {
      json_.literal_member("members", "[]");
    } else {
      json_.key("members");
      write_members(mention.members);
    }
    json_.boolean_member("members_partial", mention.members_partial);
    write_flags(mention.flags, mention_flag_names);
  }

  void write_members(const std::vector<Span>& members) {
    json_.begin_array();
    for (const auto& member : members) {
      open_with_text_span(member);
      json_.string_member("text", slice(member));
      json_.end_object();
    }
    json_.end_array();
  }

  // spec/slogans.md §7; null when no recogniser ran over the document.
  void write_counts() {
    const SloganStats& stats = doc_.slogan_stats;
    if (stats.lexicon_sha256.empty()) {
      json_.null();
      return;
    }
    json_.begin_object();
    json_.key("n_chars");
    json_.number(stats.n_chars);
    json_.key("n_sentences");
    json_.number(stats.n_sentences);
    json_.key("n_mentions");
    json_.number(stats.n_mentions);
    json_.key("lexicon_sha256");
    json_.string(stats.lexicon_sha256);
    json_.key("slogans");
    json_.begin_object();
    for (const SloganCount& row : stats.slogans) {
      json_.escaped_integer_member(row.canonical, row.count);
    }
    json_.end_object();
    json_.key("rows");
    json_.begin_array();
    for (const SloganCount& row : stats.slogans) write_count_row(row);
    json_.end_array();
    json_.key("categories");
    json_.begin_object();
    for (const CategoryCount& category : stats.categories) {
      json_.escaped_integer_member(category.category, category.count);
    }
    json_.end_object();
    json_.end_object();
  }

  void write_count_row(const SloganCount& row) {
    json_.begin_object();
    json_.string_member("slogan_id", row.slogan_id);
    json_.string_member("canonical", row.canonical);
    json_.string_or_null_member("category", row.category);
    json_.name_member("origin", row.in_lexicon ? "lexicon" : "discovered");
    json_.integer_members(IntegerMember("count", row.count), IntegerMember("count_quoted", row.count_quoted),
                          IntegerMember("n_sentences_with", row.n_sentences_with),
                          IntegerMember("first_char", row.first_char));
    json_.real_member("confidence", confidence_value(row.confidence));
    json_.real_member("per_10k_chars", row.per_10k_chars);
    json_.real_member("sentence_share", row.sentence_share);
    json_.end_object();
  }

  void write_removed() {
    json_.begin_array();
    for (const auto& removed : doc_.removed) {
      json_.begin_object();
      json_.string_member("rule", removed.rule);
      write_raw_span(removed.raw_span);
      json_.string_member("text", removed.text);
      if (removed.label) {
        json_.name_member("part", "label");
      }
      json_.key("flags");
      json_.begin_array();
      if (removed.truncated) json_.name("truncated");
      json_.end_array();
      json_.end_object();
    }
    json_.end_array();
  }

  void write_warnings() {
    json_.begin_array();
    for (const auto& warning : doc_.warnings) {
      json_.begin_object();
      json_.string_member("code", warning.code);
      json_.string_member("message", warning.message);
      write_raw_span(warning.raw_span);
      json_.end_object();
    }
    json_.end_array();
  }

  const Document& doc_;
  const JsonOptions& options_;
  JsonWriter json_;
  // The code points of `text` before `byte`. The index is built on first use, after the text has
  // been written when the whole document is: writing it has told whether it is well-formed, which
  // spares the index a pass over it.
  std::size_t chars_before(std::size_t byte) {
    if (chunked_chars_) [[likely]] return chunked_chars_->chars_before(byte);
    return chars_before_building(byte);
  }
  // chars_before, when the index is not built or the text is not well-formed.
  [[gnu::noinline]] std::size_t chars_before_building(std::size_t byte) {
    if (walked_chars_) return walked_chars_->chars_before(byte);
    if (ChunkedCharIndex::fits(doc_.text) && (text_well_formed_ || output::is_well_formed(doc_.text))) {
      chunked_chars_.emplace(doc_.text);
    } else {
      walked_chars_.emplace(doc_.text, offsets_needing_chars(doc_));
    }
    return chars_before(byte);
  }

  bool text_well_formed_ = false;  // the text has been written and held no invalid sequence
  std::optional<ChunkedCharIndex> chunked_chars_;
  std::optional<WalkedCharIndex> walked_chars_;
};

// The escape of `c` (below 0x80, needs_json_escape) in one append of two or six bytes.
template <typename Output>
void append_escape(Output& out, unsigned char c) {
  char piece[6] = {'\\', 'u', '0', '0', 0, 0};
  switch (c) {
    case '"': piece[1] = '"'; break;
    case '\\': piece[1] = '\\'; break;
    case '\n': piece[1] = 'n'; break;
    case '\t': piece[1] = 't'; break;
    case '\r': piece[1] = 'r'; break;
    case '\b': piece[1] = 'b'; break;
    case '\f': piece[1] = 'f'; break;
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      piece[4] = kHex[c >> 4];
      piece[5] = kHex[c & 0xF];
      out.append(piece, 6);
      return;
    }
  }
  out.append(piece, 2);
}

bool append_json_string_checked(std::string& out, std::string_view value) {
  char quoted[1 + kShortStringRoom];
  quoted[0] = '"';
  if (fill_if_short_plain(value, quoted + 1)) {
    quoted[1 + value.size()] = '"';
    out.append(quoted, value.size() + 2);
    return true;
  }
  return append_json_string_walked(out, value);
}

template <typename Output>
bool append_json_string_walked(Output& out, std::string_view value) {
  out.append("\"", 1);
  // Copy runs of bytes that need no change in one append; stop only at a byte to escape or an
  // invalid sequence.
  bool well_formed = true;
  std::size_t i = 0;
  while (i < value.size()) {
    const std::size_t run_end = output::copyable_run_end(value, i);
    out.append(value.data() + i, run_end - i);
    if (run_end == value.size()) break;
    const auto c = static_cast<unsigned char>(value[run_end]);
    if (c < 0x80) {
      append_escape(out, c);
      i = run_end + 1;
    } else {
      out.append(kReplacementChar.data(), kReplacementChar.size());
      well_formed = false;
      i = run_end + utf8_step(value, run_end).length;
    }
  }
  out.append("\"", 1);
  return well_formed;
}

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
  append_json_string_checked(out, value);
}

std::string to_json(const Document& document, const JsonOptions& options) {
  std::string out;
  out.reserve(estimated_size(document));
  DocumentWriter(document, options, out).write();
  return out;
}

std::string slogans_to_json(const Document& document) {
  std::string out;
  DocumentWriter(document, {}, out).write_slogans();
  return out;
}

std::vector<std::string> mentions_to_json_lines(const Document& document, std::size_t context_chars) {
  std::vector<std::string> lines;
  lines.reserve(document.mentions.size());
  // One writer for all lines, so that the code-point index of the text is built once, not once
  // per mention.
  std::string out;
  DocumentWriter writer(document, {}, out);
  for (const Mention& mention : document.mentions) {
    writer.write_mention_line(mention, context_chars);
    lines.push_back(out);
  }
  return lines;
}

}  // namespace tifa
