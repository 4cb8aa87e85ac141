// Member versions (spec/slogans.md §2.3): dates written YYYY, YYYY-MM or YYYY-MM-DD, inclusive,
// a year meaning the whole year; choosing the version valid on a date.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "tifa/lexicon.hpp"

namespace tifa::slogans {

// A calendar day as the number YYYYMMDD, so that days compare as integers.
using DayNumber = int;
inline constexpr DayNumber kOpenStart = 0;
inline constexpr DayNumber kOpenEnd = 99999999;

// The first (or, with `last_day`, the last) day a date denotes: "2024" -> 20240101 / 20241231,
// "2024-02" -> 20240201 / 20240229. std::nullopt when `date` is not a valid date in one of the
// three forms. An empty date is open: kOpenStart / kOpenEnd.
std::optional<DayNumber> date_bound(std::string_view date, bool last_day) noexcept;

// The version of `versions` valid on `date` (spec §2.3): the one whose range meets the days the
// date denotes (the latest valid_from when several do); without a date (empty or not a date) the
// open-ended version, else the one with the latest valid_from. nullptr when none applies.
// A date may carry a time after the day ("2024-05-01T08:00:00+08:00"); it is ignored.
const MemberVersion* select_version(const std::vector<MemberVersion>& versions,
                                    std::string_view date) noexcept;

// The days a date denotes, worked out once for many select_version() calls with one date (the
// recogniser asks for every lexicon mention of a document).
struct DateDays {
  std::optional<DayNumber> first;  // both set when the date is a date, else both empty
  std::optional<DayNumber> last;
};
DateDays date_days(std::string_view date) noexcept;
const MemberVersion* select_version(const std::vector<MemberVersion>& versions, const DateDays& days) noexcept;

}  // namespace tifa::slogans
