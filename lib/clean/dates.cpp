// Date parsing for metadata (spec/cleaning.md M2): a table of formats, each a small matcher over a
// cursor, then validation and the DateField fields.
#include "clean/dates.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tifa::clean {
namespace {

// ---------------------------------------------------------------------------------------------
// Characters

// Length of the whitespace character at text[pos] (ASCII space, TAB, CR, LF, U+00A0, U+3000),
// or 0.
std::size_t whitespace_length_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  if (text.substr(pos, 2) == "\u00A0") return 2;
  if (text.substr(pos, 3) == "\u3000") return 3;
  return 0;
}

std::string_view trim_whitespace(std::string_view text) {
  std::size_t begin = 0;
  while (std::size_t n = whitespace_length_at(text, begin)) begin += n;
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t n = 0;
    for (std::size_t k : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
      if (end >= begin + k && whitespace_length_at(text, end - k) == k) n = k;
    }
    if (n == 0) break;
    end -= n;
  }
  return text.substr(begin, end - begin);
}

// Length of the digit at text[pos] and its value: ASCII, or full-width U+FF10-FF19 (read as
// ASCII, the P3 fold). 0 when there is no digit.
std::size_t digit_length_at(std::string_view text, std::size_t pos, int& value) {
  if (pos >= text.size()) return 0;
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c >= '0' && c <= '9') {
    value = c - '0';
    return 1;
  }
  // U+FF10..U+FF19 is EF BC 90..99.
  if (c == 0xEF && pos + 2 < text.size() && static_cast<unsigned char>(text[pos + 1]) == 0xBC) {
    const auto last = static_cast<unsigned char>(text[pos + 2]);
    if (last >= 0x90 && last <= 0x99) {
      value = last - 0x90;
      return 3;
    }
  }
  return 0;
}

// Chinese numeral digits of dates written out ("二〇二三年"). "○" (U+25CB) stands in for "〇" in
// many typed documents.
constexpr std::array<std::pair<std::string_view, int>, 12> kCjkDigits = {{
    {"〇", 0}, {"零", 0}, {"○", 0}, {"一", 1}, {"二", 2}, {"三", 3},
    {"四", 4}, {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9},
}};

constexpr std::array<std::string_view, 7> kWeekdayNames = {"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kWeekdayLongNames = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Cursor: reads tokens left to right. A failed read leaves the position unchanged.

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  std::size_t pos() const { return pos_; }
  bool at_end() const { return pos_ >= text_.size(); }
  std::string_view rest() const { return text_.substr(pos_); }

  // The Chinese forms ignore spaces between their parts (M2: "drop spaces first"; PDF text has
  // "2023 年 7 月 17 日"). In loose mode every token skips the whitespace before it.
  void set_loose() { loose_ = true; }

  bool literal(std::string_view word) {
    const std::size_t start = token_start();
    if (text_.substr(start, word.size()) != word) return false;
    pos_ = start + word.size();
    return true;
  }

  // Whether the next token starts with an ASCII letter (a weekday or month name can follow).
  bool letter_next() const {
    const std::size_t start = token_start();
    return start < text_.size() && ascii_lower(text_[start]) >= 'a' && ascii_lower(text_[start]) <= 'z';
  }

  // The next token's first byte in lower case, or '\0' at the end: a name that starts with
  // another letter need not be compared.
  char next_lower() const {
    const std::size_t start = token_start();
    return start < text_.size() ? ascii_lower(text_[start]) : '\0';
  }

  bool literal_nocase(std::string_view word) {
    const std::size_t start = token_start();
    if (!equals_nocase(text_.substr(start, word.size()), word)) return false;
    pos_ = start + word.size();
    return true;
  }

  // One or more whitespace characters: the separators of the machine forms.
  bool spaces() {
    const std::size_t start = pos_;
    while (std::size_t n = whitespace_length_at(text_, pos_)) pos_ += n;
    return pos_ > start;
  }

  void optional_spaces() { spaces(); }

  // A run of min_digits..max_digits digits. Fails when the run is longer, so "20190" is not read
  // as a year.
  bool number(int min_digits, int max_digits, int& out) {
    std::size_t at = token_start();
    int value = 0;
    int count = 0;
    int digit = 0;
    while (std::size_t n = digit_length_at(text_, at, digit)) {
      if (++count > max_digits) return false;
      value = value * 10 + digit;
      at += n;
    }
    if (count < min_digits) return false;
    out = value;
    pos_ = at;
    return true;
  }

  // Exactly `count` digits, whatever follows: the hours of "+0800".
  bool fixed_digits(int count, int& out) {
    std::size_t at = token_start();
    int value = 0;
    int digit = 0;
    for (int i = 0; i < count; ++i) {
      const std::size_t n = digit_length_at(text_, at, digit);
      if (n == 0) return false;
      value = value * 10 + digit;
      at += n;
    }
    out = value;
    pos_ = at;
    return true;
  }

  // One or more digits whose value does not matter (fractional seconds).
  bool skip_digits() {
    int digit = 0;
    const std::size_t start = pos_;
    while (std::size_t n = digit_length_at(text_, pos_, digit)) pos_ += n;
    return pos_ > start;
  }

  bool cjk_digit(int& out) {
    const std::size_t start = token_start();
    for (const auto& [word, value] : kCjkDigits) {
      if (text_.substr(start, word.size()) == word) {
        pos_ = start + word.size();
        out = value;
        return true;
      }
    }
    return false;
  }

  // True when a digit or ':' comes directly at the position: a match ending here cut a number.
  bool number_continues() const {
    int digit = 0;
    if (digit_length_at(text_, pos_, digit) != 0) return true;
    return rest().starts_with(":") || rest().starts_with("：");
  }

 private:
  std::size_t token_start() const {
    std::size_t at = pos_;
    if (loose_) {
      while (std::size_t n = whitespace_length_at(text_, at)) at += n;
    }
    return at;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  bool loose_ = false;
};

// ---------------------------------------------------------------------------------------------
// What a matcher reads

enum class Precision : std::uint8_t { kYear, kMonth, kDay, kHour, kMinute, kSecond };

constexpr std::string_view precision_name(Precision precision) {
  constexpr std::array<std::string_view, 6> kNames = {"year", "month", "day",
                                                      "hour", "minute", "second"};
  return kNames[static_cast<std::size_t>(precision)];
}

struct ZoneOffset {
  int sign = 1;
  int hours = 0;
  int minutes = 0;
  int total_minutes() const { return sign * (hours * 60 + minutes); }
};

struct DateParts {
  int year = 0;
  int month = 1;  // month and day stay 1 below day precision: the start of the period
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  Precision precision = Precision::kDay;
  std::optional<ZoneOffset> zone;  // written in the string
  int claimed_weekday = -1;        // RFC 1123 weekday, 0 = Sunday; -1 when absent
};

// ---------------------------------------------------------------------------------------------
// Tokens shared by the matchers

// "+0800", "+08:00", "-05:00".
bool numeric_offset(Cursor& c, ZoneOffset& zone) {
  if (c.literal("+")) {
    zone.sign = 1;
  } else if (c.literal("-")) {
    zone.sign = -1;
  } else {
    return false;
  }
  if (!c.fixed_digits(2, zone.hours)) return false;
  c.literal(":");
  return c.number(2, 2, zone.minutes);
}

enum class ZoneNames : std::uint8_t { kZOnly, kAll };

// A zone: "Z", a numeric offset, and with kAll also "GMT", "UTC", "UT" (all +00:00).
bool zone(Cursor& c, DateParts& d, ZoneNames names) {
  ZoneOffset offset;
  if (c.literal("Z") ||
      (names == ZoneNames::kAll && (c.literal("GMT") || c.literal("UTC") || c.literal("UT")))) {
    d.zone = offset;
    return true;
  }
  if (!numeric_offset(c, offset)) return false;
  d.zone = offset;
  return true;
}

// Tries `read`; on failure the cursor goes back, so the part is optional.
template <typename Read>
void optional_part(Cursor& c, Read read) {
  Cursor saved = c;
  if (!read()) c = saved;
}

// YYYY-M-D (month and day of one or two digits, seen on Chinese sites).
bool dash_date(Cursor& c, DateParts& d) {
  d.precision = Precision::kDay;
  return c.number(4, 4, d.year) && c.literal("-") && c.number(1, 2, d.month) && c.literal("-") &&
         c.number(1, 2, d.day);
}

// ":" or the full-width "：" that Chinese header lines use.
bool clock_colon(Cursor& c) { return c.literal(":") || c.literal("："); }

// H:MM
bool clock_hm(Cursor& c, DateParts& d) {
  d.precision = Precision::kMinute;
  return c.number(1, 2, d.hour) && clock_colon(c) && c.number(2, 2, d.minute);
}

// H:MM:SS
bool clock_hms(Cursor& c, DateParts& d) {
  if (!clock_hm(c, d)) return false;
  d.precision = Precision::kSecond;
  return clock_colon(c) && c.number(2, 2, d.second);
}

// YYYY年M月D日 with any spaces between the parts.
bool cjk_date(Cursor& c, DateParts& d) {
  c.set_loose();
  d.precision = Precision::kDay;
  return c.number(4, 4, d.year) && c.literal("年") && c.number(1, 2, d.month) && c.literal("月") &&
         c.number(1, 2, d.day) && c.literal("日");
}

// A written-out number from 1 to 39: "七", "十", "十七", "二十三", "三十一".
bool cjk_small_number(Cursor& c, int& out) {
  int first = -1;  // stays -1 without a leading digit ("十七")
  c.cjk_digit(first);
  if (!c.literal("十")) {
    if (first <= 0) return false;
    out = first;
    return true;
  }
  if (first == 0) return false;
  const int tens = first < 0 ? 1 : first;
  int unit = 0;
  Cursor saved = c;
  if (c.cjk_digit(unit) && unit == 0) c = saved;  // "十〇" is not a numeral; leave it unread
  out = tens * 10 + unit;
  return true;
}

// 二〇二三年七月: four numeral digits for the year.
bool cjk_numeral_year_month(Cursor& c, DateParts& d) {
  c.set_loose();
  d.precision = Precision::kMonth;
  int digit = 0;
  d.year = 0;
  for (int i = 0; i < 4; ++i) {
    if (!c.cjk_digit(digit)) return false;
    d.year = d.year * 10 + digit;
  }
  return c.literal("年") && cjk_small_number(c, d.month) && c.literal("月");
}

// ---------------------------------------------------------------------------------------------
// The formats. Each matcher reads as much of its form as it can from the start of the text and
// fills `d`; the caller decides whether the rest of the text may follow.

// Sun, 09 Jan 2022 13:39:16 GMT (the weekday is optional, as in RFC 5322; names ignore case).
bool match_rfc1123(Cursor& c, DateParts& d) {
  // The optional weekday is a name: most dates start with a digit and skip the 14 comparisons;
  // a name is compared only when its first letter is the next byte's.
  const char weekday_first = c.next_lower();
  for (std::size_t i = 0; i < kWeekdayNames.size() && c.letter_next(); ++i) {
    if (ascii_lower(kWeekdayNames[i][0]) != weekday_first) continue;
    if (c.literal_nocase(kWeekdayLongNames[i]) || c.literal_nocase(kWeekdayNames[i])) {
      d.claimed_weekday = static_cast<int>(i);
      if (!c.literal(",")) return false;
      c.optional_spaces();
      break;
    }
  }
  if (!(c.number(1, 2, d.day) && c.spaces())) return false;
  bool month_found = false;
  const char month_first = c.next_lower();
  for (std::size_t i = 0; i < kMonthNames.size() && !month_found; ++i) {
    month_found = ascii_lower(kMonthNames[i][0]) == month_first && c.literal_nocase(kMonthNames[i]);
    if (month_found) d.month = static_cast<int>(i) + 1;
  }
  d.precision = Precision::kSecond;
  return month_found && c.spaces() && c.number(4, 4, d.year) && c.spaces() &&
         c.number(2, 2, d.hour) && c.literal(":") && c.number(2, 2, d.minute) && c.literal(":") &&
         c.number(2, 2, d.second) && c.spaces() && zone(c, d, ZoneNames::kAll);
}

// 2019-09-07T13:43:45+08:00; seconds, fractional seconds and the zone are optional.
bool match_iso8601(Cursor& c, DateParts& d) {
  d.precision = Precision::kMinute;
  if (!(c.number(4, 4, d.year) && c.literal("-") && c.number(2, 2, d.month) && c.literal("-") &&
        c.number(2, 2, d.day) && c.literal("T") && c.number(2, 2, d.hour) && c.literal(":") &&
        c.number(2, 2, d.minute)))
    return false;
  optional_part(c, [&] {
    if (!(c.literal(":") && c.number(2, 2, d.second))) return false;
    d.precision = Precision::kSecond;
    optional_part(c, [&] { return (c.literal(".") || c.literal(",")) && c.skip_digits(); });
    return true;
  });
  optional_part(c, [&] { return zone(c, d, ZoneNames::kZOnly); });
  return true;
}

// 2022-02-14 08:47:41 +0800
bool match_ymd_hms_offset(Cursor& c, DateParts& d) {
  if (!(dash_date(c, d) && c.spaces() && clock_hms(c, d))) return false;
  c.optional_spaces();
  return zone(c, d, ZoneNames::kAll);
}

// 2021-12-08 10:39:01
bool match_ymd_hms(Cursor& c, DateParts& d) {
  return dash_date(c, d) && c.spaces() && clock_hms(c, d);
}

// 2016-11-22 09:53
bool match_ymd_hm(Cursor& c, DateParts& d) {
  return dash_date(c, d) && c.spaces() && clock_hm(c, d);
}

// 2019-06-15
bool match_ymd(Cursor& c, DateParts& d) { return dash_date(c, d); }

// 2021-12
bool match_ym(Cursor& c, DateParts& d) {
  d.precision = Precision::kMonth;
  return c.number(4, 4, d.year) && c.literal("-") && c.number(2, 2, d.month);
}

// 2019年06月15日 08:18:30
bool match_cjk_ymd_hms(Cursor& c, DateParts& d) { return cjk_date(c, d) && clock_hms(c, d); }

// 2019年06月15日08:18
bool match_cjk_ymd_hm(Cursor& c, DateParts& d) { return cjk_date(c, d) && clock_hm(c, d); }

// 2019年06月15日8时18分30秒
bool match_cjk_ymd_shi_fen_miao(Cursor& c, DateParts& d) {
  if (!cjk_date(c, d)) return false;
  d.precision = Precision::kSecond;
  return c.number(1, 2, d.hour) && c.literal("时") && c.number(1, 2, d.minute) &&
         c.literal("分") && c.number(1, 2, d.second) && c.literal("秒");
}

// 2019年06月15日8时18分
bool match_cjk_ymd_shi_fen(Cursor& c, DateParts& d) {
  if (!cjk_date(c, d)) return false;
  d.precision = Precision::kMinute;
  return c.number(1, 2, d.hour) && c.literal("时") && c.number(1, 2, d.minute) && c.literal("分");
}

// 2019年06月15日8时
bool match_cjk_ymd_shi(Cursor& c, DateParts& d) {
  if (!cjk_date(c, d)) return false;
  d.precision = Precision::kHour;
  return c.number(1, 2, d.hour) && c.literal("时");
}

// 2023 年 7 月 17 日
bool match_cjk_ymd(Cursor& c, DateParts& d) { return cjk_date(c, d); }

// 2021年12月
bool match_cjk_ym(Cursor& c, DateParts& d) {
  c.set_loose();
  d.precision = Precision::kMonth;
  return c.number(4, 4, d.year) && c.literal("年") && c.number(1, 2, d.month) && c.literal("月");
}

// 2021年
bool match_cjk_y(Cursor& c, DateParts& d) {
  c.set_loose();
  d.precision = Precision::kYear;
  return c.number(4, 4, d.year) && c.literal("年");
}

// 二〇二三年七月十七日
bool match_cjk_numeral_ymd(Cursor& c, DateParts& d) {
  if (!cjk_numeral_year_month(c, d)) return false;
  d.precision = Precision::kDay;
  return cjk_small_number(c, d.day) && c.literal("日");
}

// 二〇二三年七月
bool match_cjk_numeral_ym(Cursor& c, DateParts& d) { return cjk_numeral_year_month(c, d); }

struct DateFormat {
  std::string_view id;
  bool (*match)(Cursor&, DateParts&);
  bool header_line;  // may start a header line (find_date_prefix): dash and Chinese digit forms
                     // of at least day precision
};

// At most one format matches a whole string, so the order only matters for reading.
constexpr DateFormat kDateFormats[] = {
    {"rfc1123", match_rfc1123, false},
    {"iso8601", match_iso8601, true},
    {"ymd_hms_offset", match_ymd_hms_offset, true},
    {"ymd_hms", match_ymd_hms, true},
    {"ymd_hm", match_ymd_hm, true},
    {"ymd", match_ymd, true},
    {"ym", match_ym, false},
    {"cjk_ymd_hms", match_cjk_ymd_hms, true},
    {"cjk_ymd_hm", match_cjk_ymd_hm, true},
    {"cjk_ymd_shi_fen_miao", match_cjk_ymd_shi_fen_miao, true},
    {"cjk_ymd_shi_fen", match_cjk_ymd_shi_fen, true},
    {"cjk_ymd_shi", match_cjk_ymd_shi, true},
    {"cjk_ymd", match_cjk_ymd, true},
    {"cjk_ym", match_cjk_ym, false},
    {"cjk_y", match_cjk_y, false},
    {"cjk_numeral_ymd", match_cjk_numeral_ymd, false},
    {"cjk_numeral_ym", match_cjk_numeral_ym, false},
};

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian; H. Hinnant's days_from_civil / civil_from_days)

constexpr bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

// Days since 1970-01-01.
constexpr long long days_from_civil(int year, int month, int day) {
  const long long y = year - (month <= 2 ? 1 : 0);
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long year_of_era = y - era * 400;
  const long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long long day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

struct CivilDate {
  int year;
  int month;
  int day;
};

constexpr CivilDate civil_from_days(long long days) {
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const long long day_of_era = days - era * 146097;
  const long long year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long long day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long long shifted_month = (5 * day_of_year + 2) / 153;  // March = 0
  const long long day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const long long month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const long long year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(civil_from_days(days_from_civil(2024, 2, 29)).day == 29);

constexpr long long floor_div(long long a, long long b) {
  return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

// 0 = Sunday. 1970-01-01 was a Thursday.
constexpr int weekday_of(long long days) {
  return static_cast<int>((days + 4) - floor_div(days + 4, 7) * 7);
}

static_assert(weekday_of(days_from_civil(2022, 1, 9)) == 0);

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kBeijingOffsetMinutes = 8 * 60;  // local_date is always the date at +08:00

// ---------------------------------------------------------------------------------------------
// Formatting

// A date or time string written into a fixed buffer and made a std::string once: a date field is
// a dozen numbers and separators, and appending them one by one to a std::string checks its
// capacity each time (and grows it past its inline buffer). The buffer holds any string below:
// at most eight numbers of at most 20 digits each and their separators.
class DateText {
 public:
  // `value` zero-padded to `width` digits.
  void digits(long long value, int width) {
    // The fields of a date (two digits, a four-digit year) are written without a buffer.
    if (width == 2 && value >= 0 && value < 100) {
      put(static_cast<char>('0' + value / 10));
      put(static_cast<char>('0' + value % 10));
      return;
    }
    if (width == 4 && value >= 0 && value < 10000) {
      put(static_cast<char>('0' + value / 1000));
      put(static_cast<char>('0' + value / 100 % 10));
      put(static_cast<char>('0' + value / 10 % 10));
      put(static_cast<char>('0' + value % 10));
      return;
    }
    std::array<char, 24> buffer;
    std::size_t begin = buffer.size();
    do {
      buffer[--begin] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value > 0);
    while (begin > 0 && buffer.size() - begin < static_cast<std::size_t>(width)) buffer[--begin] = '0';
    for (std::size_t k = begin; k < buffer.size(); ++k) data_[size_++] = buffer[k];
  }
  void put(char c) { data_[size_++] = c; }
  std::string str() const { return std::string(data_.data(), size_); }

 private:
  std::array<char, 256> data_;  // written before it is read: no need to clear it
  std::size_t size_ = 0;
};

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" by precision (day or finer gives the full date).
void append_date(DateText& out, int year, int month, int day, Precision precision) {
  out.digits(year, 4);
  if (precision == Precision::kYear) return;
  out.put('-');
  out.digits(month, 2);
  if (precision == Precision::kMonth) return;
  out.put('-');
  out.digits(day, 2);
}

std::string format_date(int year, int month, int day, Precision precision) {
  DateText out;
  append_date(out, year, month, day, precision);
  return out.str();
}

void append_clock(DateText& out, int hour, int minute, std::optional<int> second) {
  out.digits(hour, 2);
  out.put(':');
  out.digits(minute, 2);
  if (!second) return;
  out.put(':');
  out.digits(*second, 2);
}

void append_offset(DateText& out, int offset_minutes) {
  out.put(offset_minutes < 0 ? '-' : '+');
  const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  append_clock(out, magnitude / 60, magnitude % 60, std::nullopt);
}

// "YYYY-MM-DDTHH:MM:SSZ" for minutes since the epoch (UTC) and the second as written (60 stays).
std::string format_utc(long long utc_minutes, int second) {
  const long long days = floor_div(utc_minutes, kMinutesPerDay);
  const CivilDate date = civil_from_days(days);
  const auto minute_of_day = static_cast<int>(utc_minutes - days * kMinutesPerDay);
  DateText out;
  append_date(out, date.year, date.month, date.day, Precision::kDay);
  out.put('T');
  append_clock(out, minute_of_day / 60, minute_of_day % 60, second);
  out.put('Z');
  return out.str();
}

// ---------------------------------------------------------------------------------------------
// Validation and the result

std::string two_digits_text(int value) {
  DateText out;
  out.digits(value, 2);
  return out.str();
}

DateIssue validate(const DateParts& d, std::string& message) {
  if (d.year < 1949 || d.year > 2100) {
    message = "year " + std::to_string(d.year) + " is outside 1949-2100";
    return DateIssue::kYearOutOfRange;
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) {
    message = "no such date: " + std::to_string(d.year) + "-" + two_digits_text(d.month) + "-" +
              two_digits_text(d.day);
    return DateIssue::kNoSuchDate;
  }
  if (d.hour > 23 || d.minute > 59 || d.second > 60) {
    message = "no such time: " + two_digits_text(d.hour) + ":" + two_digits_text(d.minute) + ":" +
              two_digits_text(d.second);
    return DateIssue::kTimeOutOfRange;
  }
  if (d.zone && (d.zone->hours > 23 || d.zone->minutes > 59)) {
    message = "no such UTC offset: " + two_digits_text(d.zone->hours) + ":" +
              two_digits_text(d.zone->minutes);
    return DateIssue::kOffsetOutOfRange;
  }
  return DateIssue::kNone;
}

bool has_time(Precision precision) { return precision >= Precision::kHour; }

// Fills `field` (a new one, built in place in the result: no DateField to move in and destroy).
void fill_field(DateField& field, const DateParts& d, int offset_minutes, std::string_view raw) {
  field.precision.assign(precision_name(d.precision));
  field.tz_explicit = d.zone.has_value();
  field.raw.assign(raw);

  const long long local_days = days_from_civil(d.year, d.month, d.day);
  const long long utc_minutes =
      local_days * kMinutesPerDay + d.hour * 60 + d.minute - offset_minutes;
  field.utc = format_utc(utc_minutes, d.second);

  if (!has_time(d.precision)) {
    // A date without a time names a calendar period, not an instant: iso and local_date are the
    // period as written; utc is its start in the zone.
    field.iso = format_date(d.year, d.month, d.day, d.precision);
    field.local_date = field.iso;
    return;
  }
  DateText iso;
  append_date(iso, d.year, d.month, d.day, Precision::kDay);
  iso.put('T');
  const bool with_seconds = d.precision == Precision::kSecond;
  append_clock(iso, d.hour, d.minute, with_seconds ? std::optional<int>(d.second) : std::nullopt);
  append_offset(iso, offset_minutes);
  field.iso = iso.str();
  const CivilDate beijing =
      civil_from_days(floor_div(utc_minutes + kBeijingOffsetMinutes, kMinutesPerDay));
  field.local_date = format_date(beijing.year, beijing.month, beijing.day, Precision::kDay);
}

// Why no format matched: the M2 "never a publication date" cases get their own reason.
DateIssue diagnose_unmatched(std::string_view text, std::string& message) {
  constexpr std::array<std::string_view, 15> kRelativeWords = {
      "昨天", "前天", "今天", "昨日", "今日", "刚刚", "秒前", "分钟前",
      "小时前", "天前", "周前", "月前", "年前", "yesterday", "ago"};
  constexpr std::array<std::string_view, 7> kRangeMarks = {"至", "到", "～", "〜", "~", "—", "–"};
  auto contains = [&](std::string_view word) { return text.find(word) != std::string_view::npos; };

  for (std::string_view word : kRelativeWords) {
    if (contains(word)) {
      message = "relative date \"" + std::string(text) + "\" (reference_time is not supported)";
      return DateIssue::kRelative;
    }
  }
  for (std::string_view mark : kRangeMarks) {
    if (contains(mark)) {
      message = "date range \"" + std::string(text) + "\" is not one date";
      return DateIssue::kRange;
    }
  }
  if (contains("月") && (contains("日") || contains("号")) && !contains("年")) {
    message = "month and day without a year: \"" + std::string(text) + "\"";
    return DateIssue::kNoYear;
  }
  message = "no date format matches \"" + std::string(text) + "\"";
  return DateIssue::kUnrecognised;
}

DateParse failure(DateIssue issue, std::string message, std::string_view format = {}) {
  DateParse result;
  result.issue = issue;
  result.message = std::move(message);
  result.format = format;
  return result;
}

// The format that reads all of `text`, with its parts.
std::optional<std::pair<const DateFormat*, DateParts>> match_whole(std::string_view text) {
  for (const DateFormat& format : kDateFormats) {
    Cursor cursor(text);
    DateParts parts;
    if (format.match(cursor, parts) && cursor.at_end()) return std::pair{&format, parts};
  }
  return std::nullopt;
}

std::string weekday_message(const DateParts& d, int actual) {
  return std::string(kWeekdayNames[static_cast<std::size_t>(d.claimed_weekday)]) + " given, but " +
         format_date(d.year, d.month, d.day, Precision::kDay) + " is a " +
         std::string(kWeekdayLongNames[static_cast<std::size_t>(actual)]);
}

std::string_view skip_whitespace(std::string_view text) {
  std::size_t at = 0;
  while (std::size_t n = whitespace_length_at(text, at)) at += n;
  return text.substr(at);
}

// A range after a date: "至" or "到" ("2023年7月13日至14日"), or a dash or tilde before a number
// ("2019-09-08~09-10"). A dash before a source name ("2019-09-08 10:20 - 新华网") is no range.
bool range_follows(std::string_view rest) {
  rest = skip_whitespace(rest);
  if (rest.starts_with("至") || rest.starts_with("到")) return true;
  constexpr std::array<std::string_view, 6> kDashes = {"-", "—", "–", "~", "～", "〜"};
  for (std::string_view dash : kDashes) {
    if (!rest.starts_with(dash)) continue;
    int digit = 0;
    return digit_length_at(skip_whitespace(rest.substr(dash.size())), 0, digit) != 0;
  }
  return false;
}

}  // namespace

std::string_view DateParse::warning_code() const noexcept {
  if (!date) return kWarnDateUnparsable;
  if (issue == DateIssue::kWeekdayMismatch) return kWarnWeekdayMismatch;
  return {};
}

std::optional<int> parse_utc_offset(std::string_view text) {
  Cursor cursor(text);
  ZoneOffset zone;
  if (!numeric_offset(cursor, zone) || !cursor.at_end()) return std::nullopt;
  if (zone.hours > 23 || zone.minutes > 59) return std::nullopt;
  return zone.total_minutes();
}

DateParse parse_date_detailed(std::string_view raw, std::string_view assume_offset) {
  const std::optional<int> assumed = parse_utc_offset(assume_offset);
  if (!assumed) {
    return failure(DateIssue::kBadAssumeOffset,
                   "assume_offset \"" + std::string(assume_offset) + "\" is not ±HH:MM");
  }
  const std::string_view text = trim_whitespace(raw);
  if (text.empty()) return failure(DateIssue::kEmpty, "empty date");

  const auto matched = match_whole(text);
  if (!matched) {
    std::string message;
    const DateIssue issue = diagnose_unmatched(text, message);
    return failure(issue, std::move(message));
  }
  const auto& [format, parts] = *matched;
  std::string message;
  if (const DateIssue issue = validate(parts, message); issue != DateIssue::kNone) {
    return failure(issue, std::move(message), format->id);
  }

  DateParse result;
  result.format = format->id;
  const int offset = parts.zone ? parts.zone->total_minutes() : *assumed;
  fill_field(result.date.emplace(), parts, offset, raw);
  if (parts.claimed_weekday >= 0) {
    const int actual = weekday_of(days_from_civil(parts.year, parts.month, parts.day));
    if (actual != parts.claimed_weekday) {
      result.issue = DateIssue::kWeekdayMismatch;
      result.message = weekday_message(parts, actual);
    }
  }
  return result;
}

std::optional<DateField> parse_date(std::string_view raw, std::string_view assume_offset,
                                    std::string* error) {
  DateParse result = parse_date_detailed(raw, assume_offset);
  if (!result.date && error != nullptr) *error = std::move(result.message);
  return std::move(result.date);
}

DatePrefix find_date_prefix(std::string_view line) {
  DatePrefix best;
  // The Chinese forms skip spaces before each part; a date must still start at byte 0.
  if (whitespace_length_at(line, 0) != 0) return best;
  for (const DateFormat& format : kDateFormats) {
    if (!format.header_line) continue;
    Cursor cursor(line);
    DateParts parts;
    if (!format.match(cursor, parts) || cursor.number_continues()) continue;
    if (cursor.pos() > best.length) best = {cursor.pos(), format.id};
  }
  if (best && range_follows(line.substr(best.length))) return {};
  return best;
}

}  // namespace tifa::clean
