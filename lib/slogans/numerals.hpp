// Chinese and Arabic numerals in slogans (spec/slogans.md §4.1, §5 rule 3).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tifa::slogans {

// 〇零一二三四五六七八九十百千万亿两, ASCII and full-width digits. Not 双 (a numeral only when it
// begins a segment, which callers decide), not 壹贰叁, 廿, 卅, 几, 数, 多, 半. A bit per BMP code
// point, inline: discovery asks about every character of a document.
inline constexpr auto kNumeralBits = [] {
  std::array<std::uint64_t, 0x10000 / 64> bits{};
  const auto set = [&bits](char32_t cp) { bits[cp / 64] |= std::uint64_t{1} << (cp % 64); };
  for (char32_t cp = U'0'; cp <= U'9'; ++cp) set(cp);
  for (char32_t cp = 0xFF10; cp <= 0xFF19; ++cp) set(cp);
  for (char32_t cp : std::u32string_view(U"〇零一二三四五六七八九十百千万亿两")) set(cp);
  return bits;
}();

inline bool is_numeral(char32_t cp) noexcept {
  return cp < 0x10000 && ((kNumeralBits[cp / 64] >> (cp % 64)) & 1u) != 0;
}

// The value of a numeral written with the characters of is_numeral() (or 双): "十四" -> 14,
// "两" -> 2, "双" -> 2, "二十" -> 20, "18" -> 18, "１７" -> 17, "一百零八" -> 108.
// std::nullopt for an empty or malformed numeral or one above 10^12.
std::optional<long long> numeral_value(std::string_view numeral);
// numeral_value() of the numeral's code points (discovery has them decoded already).
std::optional<long long> numeral_value(std::u32string_view numeral);

// The member counts a slogan's canonical form allows (§5 rule 3), ascending, no duplicates:
//   compounds, two or more segments of a numeral morpheme + 1-3 other CJK characters, maybe
//     separated by 、 (三去一降一补, 一岗双责, 双随机、一公开) -> {sum of the segment numerals, and
//     each single numeral >= 2} (三去一降一补: {3, 5}; 一岗双责: {2, 3}); tried first, so 三重一大
//     is {3, 4}, not 三重 + classifier;
//   otherwise a leading numeral + a CJK character: numeral + classifier (两个维护, 三项制度改革,
//     五大发展理念) and numeral + one character (六保; 双碳 -> {2}) -> {N};
//   N字 (十六字方针) -> {N}, counted in characters of the items (see counts_characters()).
// A numeral that starts a word of data/numeral_words.txt (一流, 一体) is no morpheme (§1.3).
// Empty when the canonical has no leading numeral morpheme; values below 1 are left out.
std::vector<int> member_count_values(std::string_view canonical);

// True when the canonical's count is a number of characters (N字…): members are then checked by
// the total number of characters of the items.
bool counts_characters(std::string_view canonical);

}  // namespace tifa::slogans
