// Date parsing for metadata (spec/cleaning.md M2). Private to the library.
//
// A raw date string is matched against a table of formats (see kDateFormats in dates.cpp). Each
// format has a stable id ("rfc1123", "ymd_hms", "cjk_ymd", ...) and a small hand-written matcher;
// there is no std::regex and no backtracking. Full-width digits are read as ASCII (P3), and the
// Chinese forms ignore spaces between their parts ("2023 年 7 月 17 日").
//
// The functions are pure: they never read the clock, keep no state and allocate only the strings
// of their result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tifa/document.hpp"

namespace tifa::clean {

// Warning codes (spec/cleaning.md §6) a caller adds for a date.
inline constexpr std::string_view kWarnDateUnparsable = "date_unparsable";
inline constexpr std::string_view kWarnWeekdayMismatch = "weekday_mismatch";

// What went wrong with a date. kWeekdayMismatch keeps the date; every later value means no date.
enum class DateIssue : std::uint8_t {
  kNone,
  kWeekdayMismatch,    // RFC 1123 weekday differs from the date's weekday; the date is kept
  kEmpty,              // nothing but whitespace
  kUnrecognised,       // no format of the table matches the whole string
  kRelative,           // "昨天", "3小时前": needs reference_time, which is not supported
  kRange,              // "7 月 13 日至 14 日"
  kNoYear,             // "1月9日": never a publication date
  kYearOutOfRange,     // outside 1949-2100
  kNoSuchDate,         // "2021-02-29", "2022-13-01"
  kTimeOutOfRange,     // hour > 23, minute > 59 or second > 60
  kOffsetOutOfRange,   // "+2500" in the string
  kBadAssumeOffset,    // the assume_offset argument is not "±HH:MM" or "±HHMM"
};

// The outcome of parse_date_detailed.
struct DateParse {
  std::optional<DateField> date;  // set unless the issue is a failure
  std::string_view format;        // id of the matching format, static ("" when none)
  DateIssue issue = DateIssue::kNone;
  std::string message;            // what is wrong, for Warning::message; "" when issue is kNone

  // The warning the caller adds: kWarnDateUnparsable when there is no date, kWarnWeekdayMismatch
  // when the date was kept despite its weekday, else "".
  std::string_view warning_code() const noexcept;
};

// Parses one whole raw date string (decoded UTF-8; leading and trailing whitespace is ignored).
// `assume_offset` ("+08:00" style, option assume_offset) is the zone of a string without one;
// such a date has tz_explicit = false.
//
// The DateField has iso (offset as given, reduced to the precision: "2019-06-15" for a day,
// "2021-12" for a month; times always carry minutes), utc ("YYYY-MM-DDTHH:MM:SSZ"; for day,
// month and year precision the start of that local period), local_date (the date of the instant
// at +08:00; for day, month and year precision the date as written, at that precision),
// precision, tz_explicit and raw (= `raw`, verbatim). raw_spans, rule and flags are the caller's.
// Fractional seconds are dropped (precision is at most "second").
DateParse parse_date_detailed(std::string_view raw, std::string_view assume_offset);

// parse_date_detailed without the details: the date, or std::nullopt with the reason in *error.
// A weekday mismatch keeps the date (use parse_date_detailed to see it).
std::optional<DateField> parse_date(std::string_view raw, std::string_view assume_offset,
                                    std::string* error = nullptr);

// A date at the very start of a header line.
struct DatePrefix {
  std::size_t length = 0;   // bytes of the date; 0 when the line does not start with one
  std::string_view format;  // id of the matching format (static storage)

  explicit operator bool() const noexcept { return length != 0; }
};

// Finds a date that starts at byte 0 of `line`: a dash form ("2019-09-08 00:20:15") or a Chinese
// form ("2019年06月15日08:18", "2023 年 7 月 17 日"), with an optional time, of at least day
// precision. The longest form wins; trailing whitespace is not included. The match is refused when
// a digit or ':' follows directly (a cut number) or a range follows ("至", "到", or a dash or tilde
// before a number: "2019-09-08~09-10"; "2019-09-08 10:20 - 新华网" keeps its date).
// This only finds the form: validate it with parse_date(line.substr(0, length), ...).
DatePrefix find_date_prefix(std::string_view line);

// Parses a "±HH:MM" or "±HHMM" UTC offset (HH ≤ 23, MM ≤ 59) into signed minutes.
std::optional<int> parse_utc_offset(std::string_view text);

}  // namespace tifa::clean
