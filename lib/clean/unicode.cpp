#include "clean/unicode.hpp"
#include "util/utf8.hpp"

#include <unicode/uscript.h>

#include <algorithm>
#include <iterator>

namespace tifa::clean {

namespace {

// Length of the N1 space at text[pos], or 0: ' ', TAB, LF, U+00A0 (C2 A0), U+3000 (E3 80 80).
std::size_t space_at(std::string_view text, std::size_t pos) {
  const auto byte = [text](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char c = byte(pos);
  if (c == ' ' || c == '\t' || c == '\n') return 1;
  if (c == 0xC2 && pos + 1 < text.size() && byte(pos + 1) == 0xA0) return 2;
  if (c == 0xE3 && pos + 2 < text.size() && byte(pos + 1) == 0x80 && byte(pos + 2) == 0x80) return 3;
  return 0;
}

}  // namespace

std::size_t leading_space_bytes(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t n = space_at(text, pos);
    if (n == 0) break;
    pos += n;
  }
  return pos;
}

// The same spaces read from the end: by the last byte first (A0 or 80 for the wide ones), so that
// a text that ends in a CJK character or mark is answered by one or two byte tests.
std::size_t trailing_space_bytes(std::string_view text) {
  const auto byte = [text](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  std::size_t end = text.size();
  while (end > 0) {
    const unsigned char last = byte(end - 1);
    if (last == ' ' || last == '\t' || last == '\n') {
      end -= 1;
    } else if (last == 0xA0 && end >= 2 && byte(end - 2) == 0xC2) {
      end -= 2;
    } else if (last == 0x80 && end >= 3 && byte(end - 2) == 0x80 && byte(end - 3) == 0xE3) {
      end -= 3;
    } else {
      break;
    }
  }
  return text.size() - end;
}

// The line rules count the code points of every short line.
std::size_t code_points(std::string_view text) { return util::count_code_points(text); }

bool is_class_h(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return true;  // the common case first
  if (c < 0x2E80) return false;                  // nothing below the radicals is Han
  if (c >= 0x3400 && c <= 0x4DBF) return true;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

bool is_class_cp(char32_t c) {
  if (c >= 0x3001 && c <= 0x303F) return !is_class_h(c);
  if ((c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20)) return true;
  switch (c) {
    case 0x201C: case 0x201D: case 0x2018: case 0x2019:  // “ ” ‘ ’
    case 0x2014: case 0x2026:                            // — …
    case 0xFF5E: case 0x00B7:                            // ～ ·
      return true;
    default:
      return false;
  }
}

void append_code_point(std::string& out, char32_t c) { util::append_utf8(out, c); }

}  // namespace tifa::clean
