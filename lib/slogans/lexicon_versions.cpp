// Member versions (spec/slogans.md §2.3).
#include "slogans/lexicon_versions.hpp"

namespace tifa::slogans {

namespace {

bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// The number written by exactly `digits` ASCII digits at text[pos], or -1.
int read_digits(std::string_view text, std::size_t pos, std::size_t digits) noexcept {
  if (pos + digits > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// A date with an optional time after the day (documents' published dates).
std::string_view day_part(std::string_view date) noexcept {
  if (date.size() > 10 && (date[10] == 'T' || date[10] == ' ')) return date.substr(0, 10);
  return date;
}

}  // namespace

std::optional<DayNumber> date_bound(std::string_view date, bool last_day) noexcept {
  if (date.empty()) return last_day ? kOpenEnd : kOpenStart;
  if (date.size() != 4 && date.size() != 7 && date.size() != 10) return std::nullopt;
  const int year = read_digits(date, 0, 4);
  if (year < 0) return std::nullopt;
  int month = last_day ? 12 : 1;
  if (date.size() >= 7) {
    month = read_digits(date, 5, 2);
    if (date[4] != '-' || month < 1 || month > 12) return std::nullopt;
  }
  int day = last_day ? days_in_month(year, month) : 1;
  if (date.size() == 10) {
    day = read_digits(date, 8, 2);
    if (date[7] != '-' || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  }
  return year * 10000 + month * 100 + day;
}

DateDays date_days(std::string_view date) noexcept {
  const std::string_view day = day_part(date);
  if (day.empty()) return {};
  DateDays days{date_bound(day, false), date_bound(day, true)};
  if (!days.first || !days.last) return {};
  return days;
}

const MemberVersion* select_version(const std::vector<MemberVersion>& versions,
                                    std::string_view date) noexcept {
  return select_version(versions, date_days(date));
}

const MemberVersion* select_version(const std::vector<MemberVersion>& versions, const DateDays& days) noexcept {
  const auto from_of = [](const MemberVersion& v) {
    return date_bound(v.valid_from, false).value_or(kOpenStart);
  };
  const auto to_of = [](const MemberVersion& v) {
    return date_bound(v.valid_to, true).value_or(kOpenEnd);
  };
  const MemberVersion* best = nullptr;
  const auto keep_latest = [&](const MemberVersion& v) {
    if (best == nullptr || from_of(v) > from_of(*best)) best = &v;
  };
  if (days.first && days.last) {
    for (const MemberVersion& v : versions) {
      if (from_of(v) <= *days.last && *days.first <= to_of(v)) keep_latest(v);
    }
    return best;
  }
  for (const MemberVersion& v : versions) {
    if (v.valid_to.empty()) return &v;
  }
  for (const MemberVersion& v : versions) keep_latest(v);
  return best;
}

}  // namespace tifa::slogans
