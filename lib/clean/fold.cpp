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

namespace tifa::clean {
namespace {

using DecodedChar = Utf8Char;

inline DecodedChar decode_at(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return {lead, 1};
  // Ideographs and most of the BMP first: leads E1-EC, EE, EF need only well-formed continuation
  // bytes (no overlong or surrogate form is possible).
  if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && pos + 2 < text.size() &&
      (static_cast<unsigned char>(text[pos + 1]) & 0xC0) == 0x80 &&
      (static_cast<unsigned char>(text[pos + 2]) & 0xC0) == 0x80) {
    return {((lead & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[pos + 1]) & 0x3Fu) << 6) |
                (static_cast<unsigned char>(text[pos + 2]) & 0x3Fu),
            3};
  }
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

// The invisible characters P5 removes; they are skipped so that they cannot split a label.
bool is_fold_invisible(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

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

// Appends `bytes` to the folded text, all mapped to `source`.
void emit(Folded& folded, std::string_view bytes, std::uint32_t source) {
  folded.text.append(bytes);
  folded.to_source.insert(folded.to_source.end(), bytes.size(), source);
}

// The second pass over NFC text: P3, whitespace, invisible characters. Offsets are mapped through
// to_source (NFC text offset -> offset in the range) and shifted by `base` (the start of the folded
// range in the caller's text).
template <typename ToSource>
Folded fold_nfc(std::string_view text, ToSource to_source, std::uint32_t base) {
  Folded folded;
  folded.text.reserve(text.size());
  folded.to_source.reserve(text.size() + 1);
  bool space_pending = false;
  std::uint32_t space_source = 0;

  std::size_t pos = 0;
  while (pos < text.size()) {
    const DecodedChar c = decode_at(text, pos);
    const std::uint32_t source = base + to_source(pos);
    const std::size_t next = pos + c.length;
    if (is_fold_space(c.code_point)) {
      if (!space_pending) space_source = source;
      space_pending = true;
    } else if (!is_fold_invisible(c.code_point)) {
      if (space_pending && !folded.text.empty()) emit(folded, " ", space_source);
      space_pending = false;
      if (const char ascii = fullwidth_to_ascii(c.code_point); ascii != 0) {
        emit(folded, std::string_view(&ascii, 1), source);
      } else if (c.code_point == 0xFF0E && !folded.text.empty() &&
                 is_ascii_digit(static_cast<unsigned char>(folded.text.back())) &&
                 next < text.size() &&
                 (is_ascii_digit(decode_at(text, next).code_point) ||
                  is_fullwidth_digit(decode_at(text, next).code_point))) {
        emit(folded, ".", source);  // P3: "９３００．５" reads "9300.5"
      } else {
        emit(folded, text.substr(pos, c.length), source);
      }
      folded.content_end = base + to_source(next);
    }
    pos = next;
  }
  folded.to_source.push_back(base + to_source(text.size()));
  if (folded.text.empty()) folded.content_end = base;
  return folded;
}

}  // namespace

Utf8Char decode_utf8_at(std::string_view text, std::size_t pos) { return decode_at(text, pos); }

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
  if (is_nfc(part)) return fold_nfc(part, [](std::size_t pos) { return static_cast<std::uint32_t>(pos); }, base);
  const NfcResult nfc = to_nfc(part);
  return fold_nfc(nfc.text, [&nfc](std::size_t pos) { return nfc.to_source[pos]; }, base);
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
    const DecodedChar c = decode_at(text, pos);
    pos += c.length;
    if (is_fold_space(c.code_point)) {
      space_pending = seen_text;
      continue;
    }
    if (is_fold_invisible(c.code_point)) continue;
    // A character that may combine with the previous one might vanish into it under NFC. Below
    // U+0300, CJK ideographs and full-width ASCII always start a segment: no need to ask ICU.
    const bool always_boundary = c.code_point < 0x300 || (c.code_point >= 0x4E00 && c.code_point <= 0x9FFF) ||
                                 (c.code_point >= 0xFF01 && c.code_point <= 0xFF5E);
    if (!always_boundary && nfc != nullptr && !nfc->hasBoundaryBefore(static_cast<UChar32>(c.code_point))) continue;
    count += space_pending ? 2 : 1;
    space_pending = false;
    seen_text = true;
    if (count > limit) return true;
  }
  return false;
}

}  // namespace tifa::clean
