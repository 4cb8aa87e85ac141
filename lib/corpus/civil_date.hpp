// Calendar arithmetic for period labels: proleptic Gregorian dates and ISO 8601 weeks.
#pragma once

#include <charconv>
#include <optional>
#include <string_view>

namespace tifa::corpus {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
};

struct IsoWeek {
  int year = 0;  // the ISO week-year, which differs from the calendar year around New Year
  int week = 0;  // 1-53
};

constexpr bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int days_in_month(int year, int month) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
constexpr long days_from_civil(CivilDate date) noexcept {
  const int year = date.month <= 2 ? date.year - 1 : date.year;
  const long era = (year >= 0 ? year : year - 399) / 400;
  const long year_of_era = year - era * 400;
  const long month_index = date.month > 2 ? date.month - 3 : date.month + 9;
  const long day_of_year = (153 * month_index + 2) / 5 + date.day - 1;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// The inverse of days_from_civil.
constexpr CivilDate civil_from_days(long days) noexcept {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long day_of_era = days - era * 146097;
  const long year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long month_index = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  const int month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

// ISO weekday: Monday 1 ... Sunday 7. 1970-01-01 was a Thursday.
constexpr int iso_weekday(long days) noexcept {
  const long weekday = (days + 3) % 7;  // 0 = Monday
  return static_cast<int>(weekday < 0 ? weekday + 7 : weekday) + 1;
}

// The ISO week holds Monday to Sunday; its year is the year of its Thursday.
constexpr IsoWeek iso_week(CivilDate date) noexcept {
  const long days = days_from_civil(date);
  const long thursday = days + 4 - iso_weekday(days);
  const int week_year = civil_from_days(thursday).year;
  const long first_day = days_from_civil({week_year, 1, 1});
  return {week_year, static_cast<int>((thursday - first_day) / 7 + 1)};
}

// "YYYY-MM-DD" at the start of `text` (a time may follow); nullopt unless it is a valid date.
inline std::optional<CivilDate> parse_civil_date(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  const auto number = [&](std::size_t begin, std::size_t length, int& out) {
    for (std::size_t i = begin; i < begin + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
    return std::from_chars(text.data() + begin, text.data() + begin + length, out).ec == std::errc{};
  };
  CivilDate date;
  if (!number(0, 4, date.year) || !number(5, 2, date.month) || !number(8, 2, date.day)) {
    return std::nullopt;
  }
  if (date.month < 1 || date.month > 12) return std::nullopt;
  if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return std::nullopt;
  return date;
}

}  // namespace tifa::corpus
