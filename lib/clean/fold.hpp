// The private folded copy that the B rules match on (spec/cleaning.md §1.2 step 4): NFC, P3, and
// whitespace collapsed and trimmed, with a map back to the original bytes. Private to lib/clean.
//
// The folded copy is never output; matchers find spans in it and map them back with
// to_source_span, so every result points at original (pre-normalisation) bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/span.hpp"

namespace tifa::clean {

struct Folded {
  std::string text;
  // to_source[i]: byte offset in the original text of the character that produced folded byte i
  // (all bytes of one folded character map to the same offset). One extra entry at the end holds
  // the end of the folded range of the original (text.size() for a whole-text fold).
  std::vector<std::uint32_t> to_source;
  // Original offset just after the last folded character, so before trimmed trailing whitespace.
  std::uint32_t content_end = 0;
};

// Folds `text` for matching:
//  - NFC (ICU Normalizer2, with a quick check that skips normalised text);
//  - P3: full-width ASCII letters and digits become ASCII; a full-width '．' between two digits
//    becomes '.';
//  - every run of whitespace (ASCII space, TAB, CR, LF, FF, VT, U+3000, U+00A0 and other Zs)
//    becomes one ASCII space; leading and trailing whitespace is dropped;
//  - the invisible characters that P5 removes (U+200B-U+200D, U+2060, U+FEFF, U+00AD) are skipped,
//    so they cannot split a label.
// Invalid UTF-8 bytes are passed through one by one.
Folded fold_for_matching(std::string_view text);

// Folds only text[range] (a range on character boundaries); the offsets in to_source and
// content_end still index `text`, and the extra last entry is range.end.
Folded fold_for_matching(std::string_view text, Span range);

// Maps a span of folded.text (on character boundaries) to the original text. The begin maps to the
// first byte of its source character. The end maps to the end of the last source character: the
// span covers whole original characters, and a span that ends at the end of the folded text stops
// before the trimmed trailing whitespace.
Span to_source_span(const Folded& folded, Span folded_span);

// One UTF-8 character: its code point and length in bytes. An invalid or truncated sequence reads
// as one byte of U+FFFD, so a scanner always advances.
struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0;
};
// decode_utf8_at for the forms it does not take inline: two- and four-byte characters, leads E0 and
// ED, and invalid bytes.
Utf8Char decode_utf8_at_slow(std::string_view text, std::size_t pos);

// pos < text.size(). Inline: the matchers decode character by character. ASCII and the
// characters of leads E1-EC, EE, EF (ideographs and most of the BMP) are read here; the rest by
// decode_utf8_at_slow, which keeps this small enough to inline everywhere.
inline Utf8Char decode_utf8_at(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return {lead, 1};
  // Leads E1-EC, EE, EF need only well-formed continuation bytes (no overlong or surrogate form is
  // possible).
  if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && pos + 2 < text.size() &&
      (static_cast<unsigned char>(text[pos + 1]) & 0xC0) == 0x80 &&
      (static_cast<unsigned char>(text[pos + 2]) & 0xC0) == 0x80) {
    return {((lead & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[pos + 1]) & 0x3Fu) << 6) |
                (static_cast<unsigned char>(text[pos + 2]) & 0x3Fu),
            3};
  }
  return decode_utf8_at_slow(text, pos);
}

// Whitespace that folds to one ASCII space: ASCII space and controls (TAB, LF, CR, FF, VT),
// U+3000, U+00A0 and the other Zs characters.
bool is_fold_space(char32_t c);

// The invisible characters P5 removes, which folding skips so that they cannot split a label.
constexpr bool is_fold_invisible(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

// True when fold_for_matching(text) surely has more than `limit` code points. Reads at most about
// `limit` code points of `text`, so a line rule can reject a long paragraph cheaply. (It counts a
// lower bound: characters that NFC might merge into the previous one are not counted.)
bool folded_length_exceeds(std::string_view text, std::size_t limit);

}  // namespace tifa::clean
