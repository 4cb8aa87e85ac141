// Chinese and Arabic numerals in slogans (spec/slogans.md §4.1, §5 rule 3).
#include "slogans/numerals.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>

#include "slogans/builtin_data.hpp"
#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

constexpr char32_t kShuang = U'双';  // 2, but only when it begins a segment
constexpr char32_t kZi = U'字';      // N字: the count is in characters
constexpr char32_t kEnumerationComma = U'、';
constexpr long long kMaxValue = 1'000'000'000'000LL;  // 10^12
// A compound segment is a numeral morpheme followed by 1-3 other CJK characters (D2, §4.2).
constexpr std::size_t kMaxSegmentRest = 3;

struct Digit {
  char32_t cp;
  int value;
};
constexpr Digit kChineseDigits[] = {
    {U'〇', 0}, {U'零', 0}, {U'一', 1}, {U'二', 2}, {U'三', 3}, {U'四', 4},
    {U'五', 5}, {U'六', 6}, {U'七', 7}, {U'八', 8}, {U'九', 9}, {U'两', 2},
};

struct Unit {
  char32_t cp;
  long long value;
};
// Units inside a group of four digits (十 百 千) and the group units (万 亿).
constexpr Unit kSmallUnits[] = {{U'十', 10}, {U'百', 100}, {U'千', 1000}};
constexpr Unit kGroupUnits[] = {{U'万', 10'000}, {U'亿', 100'000'000}};

std::optional<int> chinese_digit(char32_t cp) {
  for (const Digit& digit : kChineseDigits) {
    if (digit.cp == cp) return digit.value;
  }
  return std::nullopt;
}

// ASCII and full-width digits (full-width folds to ASCII, §3.2).
std::optional<int> arabic_digit(char32_t cp) {
  if (cp >= U'0' && cp <= U'9') return static_cast<int>(cp - U'0');
  if (cp >= 0xFF10 && cp <= 0xFF19) return static_cast<int>(cp - 0xFF10);
  return std::nullopt;
}

std::optional<long long> unit_value(const Unit* begin, const Unit* end, char32_t cp) {
  for (const Unit* unit = begin; unit != end; ++unit) {
    if (unit->cp == cp) return unit->value;
  }
  return std::nullopt;
}

std::optional<long long> small_unit(char32_t cp) {
  return unit_value(std::begin(kSmallUnits), std::end(kSmallUnits), cp);
}

std::optional<long long> group_unit(char32_t cp) {
  return unit_value(std::begin(kGroupUnits), std::end(kGroupUnits), cp);
}

std::vector<char32_t> decode(std::string_view text) {
  std::vector<char32_t> cps;
  cps.reserve(text.size());  // at least one byte a code point: one allocation, not one per doubling
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
    cps.push_back(util::decode_at(text, pos, length));
  }
  return cps;
}

// Reads a numeral left to right in the usual way: 一百零八 = 1*100 + 8, 一亿二千万 = 1*10^8 +
// 2000*10^4, and digits without any unit positionally (二〇二一 = 2021, 18 = 18).
class NumeralReader {
 public:
  bool read(char32_t cp) {
    if (const auto digit = arabic_digit(cp)) return read_arabic_digit(*digit);
    if (const auto digit = chinese_digit(cp)) return read_chinese_digit(*digit);
    if (const auto unit = small_unit(cp)) return read_small_unit(*unit);
    if (const auto unit = group_unit(cp)) return read_group_unit(*unit);
    return false;
  }

  std::optional<long long> value() const {
    // Positional Chinese digits next to units are no usual reading (十四五, 一二万).
    if (positional_chinese_ && saw_unit_) return std::nullopt;
    const long long result = below_yi() + yi_;
    if (result > kMaxValue) return std::nullopt;
    return result;
  }

 private:
  enum class Pending { none, arabic, chinese, zero_placeholder };

  long long below_yi() const { return wan_ + section_ + pending_value_; }

  bool read_arabic_digit(int digit) {
    if (pending_ == Pending::chinese || pending_ == Pending::zero_placeholder) return false;
    pending_value_ = pending_value_ * 10 + digit;
    pending_ = Pending::arabic;
    return pending_value_ <= kMaxValue;
  }

  bool read_chinese_digit(int digit) {
    if (pending_ == Pending::arabic) return false;
    if (pending_ == Pending::chinese) {
      positional_chinese_ = true;
      pending_value_ = pending_value_ * 10 + digit;
    } else {
      pending_value_ = digit;  // 零 before a digit only holds a place (一百零八)
    }
    pending_ = digit == 0 && saw_unit_ ? Pending::zero_placeholder : Pending::chinese;
    return pending_value_ <= kMaxValue;
  }

  bool read_small_unit(long long unit) {
    if (unit >= last_small_unit_) return false;  // units fall within a group: 千 百 十
    const long long multiplier = pending_ == Pending::none ? 1 : pending_value_;  // 十四: 1 * 10
    section_ += multiplier * unit;
    finish_unit(unit);
    return section_ <= kMaxValue;
  }

  // 万 closes the digits below it; 亿 everything read so far (一亿二千万 = 1*10^8 + 2000*10^4).
  bool read_group_unit(long long unit) {
    const bool is_wan = unit == kWan;
    if ((is_wan && wan_ != 0) || (!is_wan && yi_ != 0)) return false;  // 万万, 亿亿
    long long group = is_wan ? section_ + pending_value_ : below_yi();
    if (group == 0 && pending_ == Pending::none) group = 1;  // a bare 万 (万村整治) is 10^4
    if (group > kMaxValue / unit) return false;
    if (is_wan) {
      wan_ = group * unit;
    } else {
      yi_ = group * unit;
      wan_ = 0;
    }
    section_ = 0;
    finish_unit(kGroupBoundary);
    return true;
  }

  void finish_unit(long long unit) {
    pending_ = Pending::none;
    pending_value_ = 0;
    last_small_unit_ = unit;
    saw_unit_ = true;
  }

  static constexpr long long kWan = 10'000;
  static constexpr long long kGroupBoundary = kWan;  // any small unit may follow a group unit

  long long yi_ = 0;       // the 亿 part
  long long wan_ = 0;      // the 万 part
  long long section_ = 0;  // below 万
  long long pending_value_ = 0;
  Pending pending_ = Pending::none;
  long long last_small_unit_ = kGroupBoundary;
  bool saw_unit_ = false;
  bool positional_chinese_ = false;
};

// data/numeral_words.txt as code points, decoded once per process and sorted by their first code
// point (immutable afterwards): a position is compared with the few words that start with its
// character only.
const std::vector<std::vector<char32_t>>& numeral_words() {
  static const auto words = [] {
    std::vector<std::vector<char32_t>> out;
    for (std::string_view word : builtin_word_list("numeral_words")) {
      if (!word.empty()) out.push_back(decode(word));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
    return out;
  }();
  return words;
}

// Numeral words (一流, 一体, 三峡, ...) hide the numeral they start with (§1.3).
bool numeral_word_starts_at(const std::vector<char32_t>& cps, std::size_t pos) {
  const auto& words = numeral_words();
  const auto first = std::partition_point(words.begin(), words.end(),
                                          [&](const std::vector<char32_t>& word) { return word.front() < cps[pos]; });
  for (auto word = first; word != words.end() && word->front() == cps[pos]; ++word) {
    if (pos + word->size() > cps.size()) continue;
    if (std::equal(word->begin(), word->end(), cps.begin() + static_cast<std::ptrdiff_t>(pos))) return true;
  }
  return false;
}

bool starts_numeral_morpheme(const std::vector<char32_t>& cps, std::size_t pos) {
  return (is_numeral(cps[pos]) || cps[pos] == kShuang) && !numeral_word_starts_at(cps, pos);
}

// End of the numeral morpheme starting at `pos` (a starts_numeral_morpheme position).
std::size_t numeral_morpheme_end(const std::vector<char32_t>& cps, std::size_t pos) {
  if (cps[pos] == kShuang) return pos + 1;
  std::size_t end = pos + 1;
  while (end < cps.size() && is_numeral(cps[end]) && !numeral_word_starts_at(cps, end)) ++end;
  return end;
}

// The value of the numeral written cps[begin, end), as numeral_value() reads it.
std::optional<long long> value_of(const std::vector<char32_t>& cps, std::size_t begin, std::size_t end) {
  if (begin >= end) return std::nullopt;
  if (end - begin == 1 && cps[begin] == kShuang) return 2;
  NumeralReader reader;
  for (std::size_t i = begin; i < end; ++i) {
    if (!reader.read(cps[i])) return std::nullopt;
  }
  return reader.value();
}

// The numerals of a compound that is segments all through (三去|一降|一补, also 双随机、一公开),
// or nothing when the canonical is not such a compound.
std::optional<std::vector<long long>> compound_numerals(const std::vector<char32_t>& cps) {
  std::vector<long long> numerals;
  std::size_t pos = 0;
  while (pos < cps.size()) {
    if (!starts_numeral_morpheme(cps, pos)) return std::nullopt;
    const std::size_t numeral_end = numeral_morpheme_end(cps, pos);
    const auto value = value_of(cps, pos, numeral_end);
    if (!value) return std::nullopt;
    std::size_t rest_end = numeral_end;
    while (rest_end < cps.size() && util::is_han(cps[rest_end]) &&
           !starts_numeral_morpheme(cps, rest_end)) {
      ++rest_end;
    }
    const std::size_t rest = rest_end - numeral_end;
    if (rest == 0 || rest > kMaxSegmentRest) return std::nullopt;
    numerals.push_back(*value);
    pos = rest_end;
    // Parts of one formula may stand apart: 双随机、一公开.
    if (pos + 1 < cps.size() && cps[pos] == kEnumerationComma) ++pos;
  }
  if (numerals.size() < 2) return std::nullopt;
  return numerals;
}

// The value of the numeral morpheme that leads the canonical and is followed by a CJK character
// (两个维护, 十六字方针, 双碳), or nothing.
struct LeadingNumeral {
  long long value = 0;
  char32_t next = 0;  // the character after the numeral
};

std::optional<LeadingNumeral> leading_numeral(const std::vector<char32_t>& cps) {
  if (cps.empty() || !starts_numeral_morpheme(cps, 0)) return std::nullopt;
  const std::size_t end = numeral_morpheme_end(cps, 0);
  if (end >= cps.size() || !util::is_han(cps[end])) return std::nullopt;
  const auto value = value_of(cps, 0, end);
  if (!value) return std::nullopt;
  return LeadingNumeral{*value, cps[end]};
}

void add_count(std::vector<int>& values, long long value) {
  if (value >= 1 && value <= INT_MAX) values.push_back(static_cast<int>(value));
}

}  // namespace

std::optional<long long> numeral_value(std::string_view numeral) {
  // value_of() read as the code points are decoded: discovery asks for the value of many short
  // numerals, and an array of their code points would be one allocation each.
  if (numeral.empty()) return std::nullopt;
  std::size_t first_length = 0;
  if (util::decode_at(numeral, 0, first_length) == kShuang && first_length == numeral.size()) return 2;
  NumeralReader reader;
  for (std::size_t pos = 0, length = 0; pos < numeral.size(); pos += length) {
    if (!reader.read(util::decode_at(numeral, pos, length))) return std::nullopt;
  }
  return reader.value();
}

std::optional<long long> numeral_value(std::u32string_view numeral) {
  if (numeral.empty()) return std::nullopt;
  if (numeral.size() == 1 && numeral[0] == kShuang) return 2;
  NumeralReader reader;
  for (const char32_t c : numeral) {
    if (!reader.read(c)) return std::nullopt;
  }
  return reader.value();
}

std::vector<int> member_count_values(std::string_view canonical) {
  // Every count needs a numeral morpheme at the start: most canonicals (discovered terms) have
  // none, and their first character tells without decoding the rest.
  if (canonical.empty()) return {};
  std::size_t first_length = 0;
  const char32_t first = util::decode_at(canonical, 0, first_length);
  if (!is_numeral(first) && first != kShuang) return {};
  const std::vector<char32_t> cps = decode(canonical);
  std::vector<int> values;
  if (const auto numerals = compound_numerals(cps)) {
    long long sum = 0;
    for (long long value : *numerals) {
      sum += value;
      if (value >= 2) add_count(values, value);  // 三去一降一补 may also count the 三 items
    }
    add_count(values, sum);
  } else if (const auto leading = leading_numeral(cps)) {
    add_count(values, leading->value);
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

bool counts_characters(std::string_view canonical) {
  const auto leading = leading_numeral(decode(canonical));
  return leading && leading->next == kZi;
}

}  // namespace tifa::slogans
