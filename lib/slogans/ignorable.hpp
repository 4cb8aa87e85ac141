// Ignorable units (spec/slogans.md §3.5): extraction noise that may sit inside a slogan.
#pragma once

#include <cstddef>
#include <string_view>

namespace tifa::slogans {

// Bytes of the ignorable unit at text[pos], or 0: ASCII space, TAB, U+00A0, U+3000, one line
// break (\n or \r\n), U+200B-U+200D, U+2060, U+FEFF, U+00AD, or `page_marker` (when not empty).
inline std::size_t ignorable_length(std::string_view text, std::size_t pos,
                                    std::string_view page_marker) noexcept {
  const std::string_view rest = text.substr(pos);
  if (rest.empty()) return 0;
  // The marker first: it may begin with any byte a unit below begins with (【PAGE】 starts E3 80).
  if (!page_marker.empty() && rest[0] == page_marker[0] && rest.starts_with(page_marker)) {
    return page_marker.size();
  }
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(rest[i]); };
  switch (byte(0)) {
    case ' ':
    case '\t':
    case '\n':
      return 1;
    case '\r':
      return rest.size() > 1 && rest[1] == '\n' ? 2 : 0;
    case 0xC2:
      return rest.size() > 1 && (byte(1) == 0xA0 || byte(1) == 0xAD) ? 2 : 0;
    case 0xE3:  // U+3000
      return rest.size() > 2 && byte(1) == 0x80 && byte(2) == 0x80 ? 3 : 0;
    case 0xE2:  // U+200B-U+200D, U+2060
      if (rest.size() < 3) return 0;
      if (byte(1) == 0x80 && byte(2) >= 0x8B && byte(2) <= 0x8D) return 3;
      return byte(1) == 0x81 && byte(2) == 0xA0 ? 3 : 0;
    case 0xEF:  // U+FEFF
      return rest.size() > 2 && byte(1) == 0xBB && byte(2) == 0xBF ? 3 : 0;
    default:
      return 0;
  }
}

}  // namespace tifa::slogans
