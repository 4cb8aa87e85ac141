// The folded matching copy (spec/cleaning.md §1.2 step 4): NFC, then P3 and whitespace folding in
// one pass, each folded byte remembering the original character it came from.
#include "clean/fold.hpp"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clean/unicode.hpp"

namespace tifa::clean {
namespace {

using DecodedChar = Utf8Char;

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_fullwidth_digit(char32_t c) { return c >= 0xFF10 && c <= 0xFF19; }

// P3: the ASCII letter or digit of a full-width one, or 0.
char fullwidth_to_ascii(char32_t c) {
  if (is_fullwidth_digit(c)) return static_cast<char>(U'0' + (c - 0xFF10));
  if (c >= 0xFF21 && c <= 0xFF3A) return static_cast<char>(U'A' + (c - 0xFF21));
  if (c >= 0xFF41 && c <= 0xFF5A) return static_cast<char>(U'a' + (c - 0xFF41));
  return 0;
}

const icu::Normalizer2* nfc_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) ? nfc : nullptr;
}

// `text` in NFC with, for every byte of the result plus one end entry, the offset in `text` of the
// source it came from. Unchanged stretches map byte by byte; a changed stretch (a composed
// segment) maps every output byte to the start of its source segment.
struct NfcResult {
  std::string text;
  std::vector<std::uint32_t> to_source;
};

// True when `text` needs no NFC change (or ICU's normaliser is unavailable): it is then folded
// as it is, without a normalised copy.
bool is_nfc(std::string_view text) {
  const icu::Normalizer2* nfc = nfc_normalizer();
  if (nfc == nullptr) return true;
  const icu::StringPiece piece(text.data(), static_cast<std::int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  return nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status);
}

// `text` in NFC; the caller has checked that it is not NFC already. An ICU failure leaves the
// text as it is.
NfcResult to_nfc(std::string_view text) {
  NfcResult result;
  const icu::Normalizer2* nfc = nfc_normalizer();
  auto identity = [&] {
    result.text.assign(text);
    result.to_source.resize(text.size() + 1);
    for (std::size_t i = 0; i <= text.size(); ++i) result.to_source[i] = static_cast<std::uint32_t>(i);
    return result;
  };
  if (nfc == nullptr) return identity();
  const icu::StringPiece piece(text.data(), static_cast<std::int32_t>(text.size()));
  icu::StringByteSink<std::string> sink(&result.text);
  icu::Edits edits;
  UErrorCode status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, &edits, status);
  if (U_FAILURE(status)) {
    result.text.clear();
    return identity();
  }

  result.to_source.assign(result.text.size() + 1, static_cast<std::uint32_t>(text.size()));
  icu::Edits::Iterator edit = edits.getFineIterator();
  while (edit.next(status) && U_SUCCESS(status)) {
    const auto source = static_cast<std::size_t>(edit.sourceIndex());
    const auto destination = static_cast<std::size_t>(edit.destinationIndex());
    const auto length = static_cast<std::size_t>(edit.newLength());
    for (std::size_t k = 0; k < length && destination + k < result.text.size(); ++k) {
      const std::size_t from = edit.hasChange() ? source : source + k;
      result.to_source[destination + k] = static_cast<std::uint32_t>(from);
    }
  }
  return result;
}

// Writes the folded copy into buffers sized once: folding never makes text longer (P3 and the
// whitespace rule only shrink it), so the output fits in as many bytes as the input. Matchers fold
// every short block, so this runs on most of the text.
class FoldWriter {
 public:
  FoldWriter(Folded& folded, std::size_t capacity) : folded_(folded) {
    folded_.text.resize(capacity);
    folded_.to_source.resize(capacity + 1);
  }

  bool empty() const { return size_ == 0; }
  char back() const { return folded_.text[size_ - 1]; }

  // Appends `bytes`, all mapped to `source`. Through local pointers: a char store may alias any
  // member, which would have the loop reload them byte by byte.
  void emit(std::string_view bytes, std::uint32_t source) {
    char* const text = folded_.text.data() + size_;
    std::uint32_t* const sources = folded_.to_source.data() + size_;
    for (std::size_t k = 0; k < bytes.size(); ++k) {
      text[k] = bytes[k];
      sources[k] = source;
    }
    size_ += bytes.size();
  }

  // Appends the three-byte characters of text[begin, end) (a run of them), each mapped to
  // base + to_source(its first byte).
  template <typename ToSource>
  void emit_three_byte_run(std::string_view text, std::size_t begin, std::size_t end, ToSource to_source,
                           std::uint32_t base) {
    // Byte by byte rather than by memcpy: most runs between punctuation are a few characters.
    char* out_text = folded_.text.data() + size_;
    std::uint32_t* sources = folded_.to_source.data() + size_;
    for (std::size_t pos = begin; pos < end; pos += 3, sources += 3, out_text += 3) {
      const std::uint32_t source = base + to_source(pos);
      out_text[0] = text[pos];
      out_text[1] = text[pos + 1];
      out_text[2] = text[pos + 2];
      sources[0] = source;
      sources[1] = source;
      sources[2] = source;
    }
    size_ += end - begin;
  }

  // Appends one byte mapped to `source`.
  void emit_byte(char byte, std::uint32_t source) {
    folded_.text[size_] = byte;
    folded_.to_source[size_] = source;
    ++size_;
  }

  // Trims the buffers to what was written and adds the end entry.
  void finish(std::uint32_t end_source) {
    folded_.text.resize(size_);
    folded_.to_source.resize(size_ + 1);
    folded_.to_source[size_] = end_source;
  }

 private:
  Folded& folded_;
  std::size_t size_ = 0;
};

// Whether a three-byte character that folding copies as it is starts at `pos`: a common ideograph,
// or common punctuation: U+200E-U+2027 (dashes, curly quotes, the ellipsis), U+3001-U+3029 (、。
// 〈〉《》「」『』【】 ...), U+FF00-U+FF3F except the full-width digits, capitals and '．' that P3 maps.
// All are NFC-inert and neither spaces nor invisible characters.
// Called per character of every fold: inlined even where GCC would not.
[[gnu::always_inline]] inline bool is_plain_three_byte_at(std::string_view text, std::size_t pos) {
  if (pos + 2 >= text.size()) return false;
  const auto lead = static_cast<unsigned char>(text[pos]);
  const auto second = static_cast<unsigned char>(text[pos + 1]);
  const auto third = static_cast<unsigned char>(text[pos + 2]);
  if (((second ^ 0x80u) | (third ^ 0x80u)) >= 0x40u) return false;  // not two continuation bytes
  if (lead >= 0xE4 && lead <= 0xE9) return lead != 0xE4 || second >= 0xB8;
  if (lead == 0xE3) return second == 0x80 && third >= 0x81 && third <= 0xA9;
  if (lead == 0xE2) return second == 0x80 && third >= 0x8E && third <= 0xA7;
  if (lead == 0xEF && second == 0xBC) {
    const bool p3 = third == 0x8E || (third >= 0x90 && third <= 0x99) || (third >= 0xA1 && third <= 0xBA);
    return !p3;
  }
  return false;
}

// Whether fold_nfc checks that the text is NFC as it goes.
enum class NfcCheck { kKnownNfc, kStopAtCandidate };

// The second pass over NFC text: P3, whitespace, invisible characters. Offsets are mapped through
// to_source (NFC text offset -> offset in the range) and shifted by `base` (the start of the folded
// range in the caller's text). With NfcCheck::kStopAtCandidate the text is not known to be NFC:
// the fold gives up (returns false) at the first character that is not NFC-inert for sure, or at
// an invalid byte, and the caller normalises first.
template <typename ToSource>
bool fold_nfc(std::string_view text, ToSource to_source, std::uint32_t base, NfcCheck check, Folded& folded) {
  FoldWriter out(folded, text.size());
  bool space_pending = false;
  std::uint32_t space_source = 0;

  std::size_t pos = 0;
  while (pos < text.size()) {
    if (is_plain_three_byte_at(text, pos)) {
      // The common ideographs and punctuation are most of the text and come in runs: NFC-inert,
      // no space, invisible or full-width character, so a run is copied at once, without those
      // tests.
      std::size_t run_end = pos + 3;
      while (is_plain_three_byte_at(text, run_end)) run_end += 3;
      if (space_pending && !out.empty()) out.emit(" ", space_source);
      space_pending = false;
      out.emit_three_byte_run(text, pos, run_end, to_source, base);
      folded.content_end = base + to_source(run_end);
      pos = run_end;
      continue;
    }
    if (const auto byte = static_cast<unsigned char>(text[pos]);
        byte < 0x80 && byte != ' ' && (byte < 0x09 || byte > 0x0D)) {
      // An ASCII character other than a space: NFC-inert, copied as it is (digits and Latin
      // words sit between the ideograph runs of most lines).
      if (space_pending && !out.empty()) out.emit(" ", space_source);
      space_pending = false;
      out.emit_byte(static_cast<char>(byte), base + to_source(pos));
      ++pos;
      folded.content_end = base + to_source(pos);
      continue;
    }
    const DecodedChar c = decode_utf8_at(text, pos);
    // U+FFFD, which an invalid byte reads as, is not NFC-inert for sure either.
    if (check == NfcCheck::kStopAtCandidate && !is_nfc_inert_fast(c.code_point)) return false;
    const std::uint32_t source = base + to_source(pos);
    const std::size_t next = pos + c.length;
    if (is_fold_space(c.code_point)) {
      if (!space_pending) space_source = source;
      space_pending = true;
    } else if (!is_fold_invisible(c.code_point)) {
      if (space_pending && !out.empty()) out.emit(" ", space_source);
      space_pending = false;
      if (const char ascii = fullwidth_to_ascii(c.code_point); ascii != 0) {
        out.emit(std::string_view(&ascii, 1), source);
      } else if (c.code_point == 0xFF0E && !out.empty() && is_ascii_digit(static_cast<unsigned char>(out.back())) &&
                 next < text.size() &&
                 (is_ascii_digit(decode_utf8_at(text, next).code_point) ||
                  is_fullwidth_digit(decode_utf8_at(text, next).code_point))) {
        out.emit(".", source);  // P3: "９３００．５" reads "9300.5"
      } else {
        out.emit(text.substr(pos, c.length), source);
      }
      folded.content_end = base + to_source(next);
    }
    pos = next;
  }
  out.finish(base + to_source(text.size()));
  if (out.empty()) folded.content_end = base;
  return true;
}

}  // namespace

Utf8Char decode_utf8_at_slow(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 0;
  char32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07u;
  } else {
    return {0xFFFD, 1};
  }
  if (pos + length > text.size()) return {0xFFFD, 1};
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[pos + k]);
    if ((next & 0xC0) != 0x80) return {0xFFFD, 1};
    code_point = (code_point << 6) | (next & 0x3Fu);
  }
  const bool overlong =
      (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (overlong || surrogate || code_point > 0x10FFFF) return {0xFFFD, 1};
  return {code_point, length};
}

// The Zs characters besides U+0020, U+00A0 and U+3000 are U+1680, U+2000-U+200A, U+202F, U+205F.
bool is_fold_space(char32_t c) {
  switch (c) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\r':
    case U'\f':
    case U'\v':
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

Folded fold_for_matching(std::string_view text) {
  return fold_for_matching(text, Span{0, text.size()});
}

Folded fold_for_matching(std::string_view text, Span range) {
  const std::size_t end = range.end < text.size() ? range.end : text.size();
  const std::size_t begin = range.begin < end ? range.begin : end;
  const std::string_view part = text.substr(begin, end - begin);
  const auto base = static_cast<std::uint32_t>(begin);
  const auto same_offset = [](std::size_t pos) { return static_cast<std::uint32_t>(pos); };
  Folded folded;
  // CJK and ASCII text is NFC character by character: fold it directly, and ask ICU only when
  // a character might change under NFC (the result is the same, ICU's check costs more).
  if (fold_nfc(part, same_offset, base, NfcCheck::kStopAtCandidate, folded)) return folded;
  folded = Folded{};
  if (is_nfc(part)) {
    fold_nfc(part, same_offset, base, NfcCheck::kKnownNfc, folded);
    return folded;
  }
  const NfcResult nfc = to_nfc(part);
  fold_nfc(nfc.text, [&nfc](std::size_t pos) { return nfc.to_source[pos]; }, base, NfcCheck::kKnownNfc, folded);
  return folded;
}

Span to_source_span(const Folded& folded, Span folded_span) {
  const std::size_t size = folded.text.size();
  const std::size_t begin = folded_span.begin < size ? folded_span.begin : size;
  std::size_t end = folded_span.end < size ? folded_span.end : size;
  if (end < begin) end = begin;
  const std::size_t source_begin = folded.to_source[begin];
  if (end == begin) return {source_begin, source_begin};
  // An end inside a character (or inside a composed NFC segment) moves to its end, so the span
  // covers whole original characters.
  while (end < size && folded.to_source[end] == folded.to_source[end - 1]) ++end;
  const std::size_t source_end = end == size ? folded.content_end : folded.to_source[end];
  return {source_begin, source_end < source_begin ? source_begin : source_end};
}

bool folded_length_exceeds(std::string_view text, std::size_t limit) {
  const icu::Normalizer2* nfc = nfc_normalizer();
  std::size_t count = 0;
  bool seen_text = false;
  bool space_pending = false;
  for (std::size_t pos = 0; pos < text.size();) {
    if (is_plain_three_byte_at(text, pos)) {
      // A run of common ideographs and punctuation (most of the text) counts one per character,
      // without decoding: each starts an NFC segment. The count stops at the limit.
      count += space_pending ? 1 : 0;
      space_pending = false;
      seen_text = true;
      do {
        pos += 3;
        ++count;
      } while (count <= limit && is_plain_three_byte_at(text, pos));
      if (count > limit) return true;
      continue;
    }
    const DecodedChar c = decode_utf8_at(text, pos);
    pos += c.length;
    // A character that may combine with the previous one might vanish into it under NFC. Below
    // U+0300 and full-width ASCII always start a segment: no need to ask ICU.
    if (is_fold_space(c.code_point)) {
      space_pending = seen_text;
      continue;
    }
    if (is_fold_invisible(c.code_point)) continue;
    const bool always_boundary = c.code_point < 0x300 || (c.code_point >= 0xFF01 && c.code_point <= 0xFF5E);
    if (!always_boundary && nfc != nullptr && !nfc->hasBoundaryBefore(static_cast<UChar32>(c.code_point))) continue;
    count += space_pending ? 2 : 1;
    space_pending = false;
    seen_text = true;
    if (count > limit) return true;
  }
  return false;
}

}  // namespace tifa::clean
