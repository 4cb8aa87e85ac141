// Date parsing (spec/cleaning.md M2, P3, §9 assume_offset): lib/clean/dates.cpp.
// Every expected value is written by hand from the spec, not computed by the code under test.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "clean/dates.hpp"

namespace {

using tifa::DateField;
using tifa::clean::DateIssue;
using tifa::clean::DateParse;
using tifa::clean::find_date_prefix;
using tifa::clean::parse_date;
using tifa::clean::parse_date_detailed;
using tifa::clean::parse_utc_offset;

constexpr std::string_view kBeijing = "+08:00";

struct Expected {
  std::string_view format;
  std::string_view iso;
  std::string_view utc;
  std::string_view local_date;
  std::string_view precision;
  bool tz_explicit = false;
};

// Parses `raw` and checks every field the parser sets.
void check_date(std::string_view raw, const Expected& expected,
                std::string_view assume_offset = kBeijing) {
  INFO("raw: ", raw, "  assume_offset: ", assume_offset);
  const DateParse result = parse_date_detailed(raw, assume_offset);
  REQUIRE_MESSAGE(result.date.has_value(), result.message);
  const DateField& date = *result.date;
  CHECK(result.format == expected.format);
  CHECK(result.issue == DateIssue::kNone);
  CHECK(result.message.empty());
  CHECK(result.warning_code().empty());
  CHECK(date.iso == expected.iso);
  CHECK(date.utc == expected.utc);
  CHECK(date.local_date == expected.local_date);
  CHECK(date.precision == expected.precision);
  CHECK(date.tz_explicit == expected.tz_explicit);
  CHECK(date.raw == raw);
  CHECK(date.raw_spans.empty());  // the caller's
  CHECK(date.rule.empty());
  CHECK(date.flags == 0);
}

// Parses `raw`, expects no date, and checks the issue, the matched format and the warning code.
void check_rejected(std::string_view raw, DateIssue issue, std::string_view format = {},
                    std::string_view assume_offset = kBeijing) {
  INFO("raw: ", raw);
  const DateParse result = parse_date_detailed(raw, assume_offset);
  CHECK_FALSE(result.date.has_value());
  CHECK(result.issue == issue);
  CHECK(result.format == format);
  CHECK_FALSE(result.message.empty());
  CHECK(result.warning_code() == "date_unparsable");
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The forms of the M2 table

TEST_CASE("rfc1123: a GMT date is explicit +00:00 with the Beijing date (seed 000)") {
  check_date("Sun, 09 Jan 2022 13:39:16 GMT",
             {"rfc1123", "2022-01-09T13:39:16+00:00", "2022-01-09T13:39:16Z", "2022-01-09",
              "second", true});
}

TEST_CASE("rfc1123: after 16:00 GMT the Beijing date is the next day") {
  check_date("Wed, 31 Aug 2022 23:55:09 GMT",
             {"rfc1123", "2022-08-31T23:55:09+00:00", "2022-08-31T23:55:09Z", "2022-09-01",
              "second", true});
}

TEST_CASE("rfc1123: seed 004, 08:00 GMT is 16:00 in Beijing on the same day") {
  check_date("Fri, 27 Aug 2021 08:00:13 GMT",
             {"rfc1123", "2021-08-27T08:00:13+00:00", "2021-08-27T08:00:13Z", "2021-08-27",
              "second", true});
}

TEST_CASE("rfc1123: a numeric zone is kept in iso, UTC is also +00:00") {
  check_date("Tue, 15 Nov 1994 08:12:31 +0800",
             {"rfc1123", "1994-11-15T08:12:31+08:00", "1994-11-15T00:12:31Z", "1994-11-15",
              "second", true});
  check_date("Sun, 09 Jan 2022 13:39:16 UTC",
             {"rfc1123", "2022-01-09T13:39:16+00:00", "2022-01-09T13:39:16Z", "2022-01-09",
              "second", true});
}

TEST_CASE("rfc1123: names in any case, long weekday names, and names that share a first letter") {
  // The matcher compares only the names whose first letter is the next byte's: each of these
  // has a name before it with the same first letter (Tue before Thu; Jan and Jun before Jul;
  // Mar before May; Apr before Aug), and the weekdays agree with the dates.
  check_date("sunday, 09 JAN 2022 13:39:16 GMT",
             {"rfc1123", "2022-01-09T13:39:16+00:00", "2022-01-09T13:39:16Z", "2022-01-09",
              "second", true});
  check_date("SAT, 31 jul 2021 02:00:00 GMT",
             {"rfc1123", "2021-07-31T02:00:00+00:00", "2021-07-31T02:00:00Z", "2021-07-31",
              "second", true});
  check_date("Tuesday, 12 May 2020 20:30:00 GMT",
             {"rfc1123", "2020-05-12T20:30:00+00:00", "2020-05-12T20:30:00Z", "2020-05-13",
              "second", true});
  check_date("thu, 19 aug 2021 23:56:09 GMT",
             {"rfc1123", "2021-08-19T23:56:09+00:00", "2021-08-19T23:56:09Z", "2021-08-20",
              "second", true});
  // A name that is in neither list is no date.
  check_rejected("Xyz, 09 Jan 2022 13:39:16 GMT", DateIssue::kUnrecognised);
  check_rejected("Sun, 09 Jxn 2022 13:39:16 GMT", DateIssue::kUnrecognised);
}

TEST_CASE("rfc1123: a weekday that does not match keeps the date and reports weekday_mismatch") {
  const DateParse result = parse_date_detailed("Mon, 09 Jan 2022 13:39:16 GMT", kBeijing);
  REQUIRE(result.date.has_value());
  CHECK(result.format == "rfc1123");
  CHECK(result.issue == DateIssue::kWeekdayMismatch);
  CHECK(result.warning_code() == "weekday_mismatch");
  CHECK(result.message.find("Sunday") != std::string::npos);
  CHECK(result.date->iso == "2022-01-09T13:39:16+00:00");
  CHECK(result.date->local_date == "2022-01-09");

  // The short API keeps the date as well.
  std::string error;
  CHECK(parse_date("Mon, 09 Jan 2022 13:39:16 GMT", kBeijing, &error).has_value());
}

TEST_CASE("rfc1123: an ambiguous zone name such as CST is not guessed") {
  check_rejected("Sun, 09 Jan 2022 13:39:16 CST", DateIssue::kUnrecognised);
}

TEST_CASE("ymd_hms_offset: a +0800 zone is explicit and written +08:00 (seed 002)") {
  check_date("2022-02-14 08:47:41 +0800",
             {"ymd_hms_offset", "2022-02-14T08:47:41+08:00", "2022-02-14T00:47:41Z", "2022-02-14",
              "second", true});
  check_date("2019-09-07 13:43:45+08:00",
             {"ymd_hms_offset", "2019-09-07T13:43:45+08:00", "2019-09-07T05:43:45Z", "2019-09-07",
              "second", true});
}

TEST_CASE("ymd_hms: no zone means the assumed +08:00") {
  check_date("2021-12-08 10:39:01",
             {"ymd_hms", "2021-12-08T10:39:01+08:00", "2021-12-08T02:39:01Z", "2021-12-08",
              "second", false});
  check_date("2019-09-08 00:20:15",
             {"ymd_hms", "2019-09-08T00:20:15+08:00", "2019-09-07T16:20:15Z", "2019-09-08",
              "second", false});
}

TEST_CASE("iso8601: offset, Z and fractional seconds (dropped) are explicit") {
  check_date("2019-09-07T13:43:45+08:00",
             {"iso8601", "2019-09-07T13:43:45+08:00", "2019-09-07T05:43:45Z", "2019-09-07",
              "second", true});
  check_date("2019-09-07T13:43:45Z",
             {"iso8601", "2019-09-07T13:43:45+00:00", "2019-09-07T13:43:45Z", "2019-09-07",
              "second", true});
  check_date("2019-09-07T13:43:45.123+08:00",
             {"iso8601", "2019-09-07T13:43:45+08:00", "2019-09-07T05:43:45Z", "2019-09-07",
              "second", true});
  check_date("2019-09-07T20:00:00.5Z",
             {"iso8601", "2019-09-07T20:00:00+00:00", "2019-09-07T20:00:00Z", "2019-09-08",
              "second", true});
}

TEST_CASE("iso8601: without a zone it is assumed; without seconds it is minute precision") {
  check_date("2019-09-07T13:43:45",
             {"iso8601", "2019-09-07T13:43:45+08:00", "2019-09-07T05:43:45Z", "2019-09-07",
              "second", false});
  check_date("2019-09-07T13:43-05:00",
             {"iso8601", "2019-09-07T13:43-05:00", "2019-09-07T18:43:00Z", "2019-09-08",
              "minute", true});
}

TEST_CASE("ymd_hm: PubDate with minutes is minute precision, assumed") {
  check_date("2016-11-22 09:53",
             {"ymd_hm", "2016-11-22T09:53+08:00", "2016-11-22T01:53:00Z", "2016-11-22", "minute",
              false});
}

TEST_CASE("ymd: a date alone is day precision; utc is the start of the local day") {
  check_date("2019-06-15",
             {"ymd", "2019-06-15", "2019-06-14T16:00:00Z", "2019-06-15", "day", false});
}

TEST_CASE("ymd and ymd_hm: one-digit month, day and hour are accepted in the dash form") {
  check_date("2019-9-8", {"ymd", "2019-09-08", "2019-09-07T16:00:00Z", "2019-09-08", "day", false});
  check_date("2019-9-8 8:05",
             {"ymd_hm", "2019-09-08T08:05+08:00", "2019-09-08T00:05:00Z", "2019-09-08", "minute",
              false});
}

TEST_CASE("ym: year and month with a dash is month precision") {
  check_date("2021-12", {"ym", "2021-12", "2021-11-30T16:00:00Z", "2021-12", "month", false});
}

TEST_CASE("cjk_ymd_hm: header-zone dates with and without a space before the time") {
  check_date("2019年06月15日08:18",
             {"cjk_ymd_hm", "2019-06-15T08:18+08:00", "2019-06-15T00:18:00Z", "2019-06-15",
              "minute", false});
  check_date("2020年09月11日 18:05",
             {"cjk_ymd_hm", "2020-09-11T18:05+08:00", "2020-09-11T10:05:00Z", "2020-09-11",
              "minute", false});
}

TEST_CASE("cjk_ymd_hms: a Chinese date with seconds, full-width colons accepted") {
  check_date("2019年6月5日 8：05：09",
             {"cjk_ymd_hms", "2019-06-05T08:05:09+08:00", "2019-06-05T00:05:09Z", "2019-06-05",
              "second", false});
}

TEST_CASE("cjk_ymd: the spaced PDF form drops its spaces (seed 001)") {
  check_date("2023 年 7 月 17 日",
             {"cjk_ymd", "2023-07-17", "2023-07-16T16:00:00Z", "2023-07-17", "day", false});
}

TEST_CASE("cjk_ymd: full-width digits are folded first (P3)") {
  check_date("２０１１年３月１日",
             {"cjk_ymd", "2011-03-01", "2011-02-28T16:00:00Z", "2011-03-01", "day", false});
}

TEST_CASE("ymd: full-width digits in the dash form are folded too (P3)") {
  check_date("２０１９-０６-１５",
             {"ymd", "2019-06-15", "2019-06-14T16:00:00Z", "2019-06-15", "day", false});
}

TEST_CASE("cjk_ymd_shi_fen: H时M分 after a Chinese date, spaces allowed") {
  check_date("2019年06月15日8时18分",
             {"cjk_ymd_shi_fen", "2019-06-15T08:18+08:00", "2019-06-15T00:18:00Z", "2019-06-15",
              "minute", false});
  check_date("2019 年 6 月 15 日 8 时 18 分",
             {"cjk_ymd_shi_fen", "2019-06-15T08:18+08:00", "2019-06-15T00:18:00Z", "2019-06-15",
              "minute", false});
}

TEST_CASE("cjk_ymd_shi_fen_miao and cjk_ymd_shi: seconds and hour precision") {
  check_date("2019年6月15日23时18分30秒",
             {"cjk_ymd_shi_fen_miao", "2019-06-15T23:18:30+08:00", "2019-06-15T15:18:30Z",
              "2019-06-15", "second", false});
  check_date("2019年6月15日8时",
             {"cjk_ymd_shi", "2019-06-15T08:00+08:00", "2019-06-15T00:00:00Z", "2019-06-15",
              "hour", false});
}

TEST_CASE("cjk_numeral_ymd: a date in Chinese numerals (issued_date line)") {
  check_date("二〇二三年七月十七日",
             {"cjk_numeral_ymd", "2023-07-17", "2023-07-16T16:00:00Z", "2023-07-17", "day",
              false});
  check_date("二〇二一年十一月二十三日",
             {"cjk_numeral_ymd", "2021-11-23", "2021-11-22T16:00:00Z", "2021-11-23", "day",
              false});
  check_date("二零二零年十二月三十一日",
             {"cjk_numeral_ymd", "2020-12-31", "2020-12-30T16:00:00Z", "2020-12-31", "day",
              false});
  check_date("二○二三年七月十日",  // ○ (U+25CB) typed for 〇
             {"cjk_numeral_ymd", "2023-07-10", "2023-07-09T16:00:00Z", "2023-07-10", "day",
              false});
}

TEST_CASE("cjk_numeral_ymd: malformed numerals are not dates") {
  check_rejected("二〇二三年七月〇日", DateIssue::kUnrecognised);
  check_rejected("二〇二三年十〇月一日", DateIssue::kUnrecognised);
  check_rejected("二〇二年七月一日", DateIssue::kUnrecognised);
}

TEST_CASE("cjk_numeral_ym: Chinese numerals year and month") {
  check_date("二〇二三年七月",
             {"cjk_numeral_ym", "2023-07", "2023-06-30T16:00:00Z", "2023-07", "month", false});
}

TEST_CASE("cjk_ym: year and month is month precision; utc is the start of the local month") {
  check_date("2021年12月",
             {"cjk_ym", "2021-12", "2021-11-30T16:00:00Z", "2021-12", "month", false});
}

TEST_CASE("cjk_y: a year alone is year precision") {
  check_date("2021年", {"cjk_y", "2021", "2020-12-31T16:00:00Z", "2021", "year", false});
}

TEST_CASE("ymd: leading and trailing whitespace is ignored, raw stays verbatim") {
  check_date("\u3000 2019-06-15 \n",
             {"ymd", "2019-06-15", "2019-06-14T16:00:00Z", "2019-06-15", "day", false});
}

// ---------------------------------------------------------------------------------------------
// Validation (date_unparsable)

TEST_CASE("ymd: 2021-02-29 is no calendar date; 2020-02-29 (leap year) is") {
  check_rejected("2021-02-29", DateIssue::kNoSuchDate, "ymd");
  check_date("2020-02-29",
             {"ymd", "2020-02-29", "2020-02-28T16:00:00Z", "2020-02-29", "day", false});
  check_rejected("1900-02-29", DateIssue::kYearOutOfRange, "ymd");
  check_date("2000-02-29",
             {"ymd", "2000-02-29", "2000-02-28T16:00:00Z", "2000-02-29", "day", false});
  check_rejected("2021-04-31", DateIssue::kNoSuchDate, "ymd");
  check_rejected("2021年2月29日", DateIssue::kNoSuchDate, "cjk_ymd");
}

TEST_CASE("ymd: month 13 and day 0 are rejected") {
  check_rejected("2022-13-01", DateIssue::kNoSuchDate, "ymd");
  check_rejected("2022-00-10", DateIssue::kNoSuchDate, "ymd");
  check_rejected("2022-01-00", DateIssue::kNoSuchDate, "ymd");
}

TEST_CASE("ymd: years outside 1949-2100 are rejected, the bounds are kept") {
  check_rejected("1900-01-01", DateIssue::kYearOutOfRange, "ymd");
  check_rejected("2101-01-01", DateIssue::kYearOutOfRange, "ymd");
  check_date("1949-10-01",
             {"ymd", "1949-10-01", "1949-09-30T16:00:00Z", "1949-10-01", "day", false});
  check_date("2100-12-31",
             {"ymd", "2100-12-31", "2100-12-30T16:00:00Z", "2100-12-31", "day", false});
}

TEST_CASE("ymd_hm and ymd_hms: hour 25, minute 60 and second 61 are rejected; second 60 is kept") {
  check_rejected("2021-12-08 25:00", DateIssue::kTimeOutOfRange, "ymd_hm");
  check_rejected("2021-12-08 23:60", DateIssue::kTimeOutOfRange, "ymd_hm");
  check_rejected("2021-12-08 23:59:61", DateIssue::kTimeOutOfRange, "ymd_hms");
  check_rejected("2019年06月15日25:00", DateIssue::kTimeOutOfRange, "cjk_ymd_hm");
  check_date("2016-12-31 23:59:60",
             {"ymd_hms", "2016-12-31T23:59:60+08:00", "2016-12-31T15:59:60Z", "2016-12-31",
              "second", false});
}

TEST_CASE("ymd_hms_offset: an offset beyond 23:59 is rejected") {
  check_rejected("2022-02-14 08:47:41 +2500", DateIssue::kOffsetOutOfRange, "ymd_hms_offset");
}

TEST_CASE("parse_date: the short API returns nullopt and the reason") {
  std::string error;
  CHECK_FALSE(parse_date("2021-02-29", kBeijing, &error).has_value());
  CHECK(error.find("2021-02-29") != std::string::npos);
  CHECK_FALSE(parse_date("2021-02-29", kBeijing).has_value());  // error is optional
  const auto date = parse_date("2019-06-15", kBeijing, &error);
  REQUIRE(date.has_value());
  CHECK(date->iso == "2019-06-15");
}

// ---------------------------------------------------------------------------------------------
// Never a publication date (M2)

TEST_CASE("no format: a month and day without a year is rejected as no_year") {
  check_rejected("1月9日", DateIssue::kNoYear);
  check_rejected("8月25日", DateIssue::kNoYear);
}

TEST_CASE("no format: a range is rejected as a range") {
  check_rejected("7 月 13 日至 14 日", DateIssue::kRange);
  check_rejected("2023年7月13日至14日", DateIssue::kRange);
}

TEST_CASE("no format: relative dates are rejected (reference_time unsupported)") {
  check_rejected("昨天", DateIssue::kRelative);
  check_rejected("3小时前", DateIssue::kRelative);
  check_rejected("今天(9月7日)", DateIssue::kRelative);
}

TEST_CASE("no format: text, empty strings and trailing text are rejected") {
  check_rejected("hello", DateIssue::kUnrecognised);
  check_rejected("2019-06-15 来源：人民网", DateIssue::kUnrecognised);
  check_rejected("20190615", DateIssue::kUnrecognised);
  check_rejected("12019-06-15", DateIssue::kUnrecognised);
  check_rejected(" \u3000", DateIssue::kEmpty);
  check_rejected("", DateIssue::kEmpty);
}

// ---------------------------------------------------------------------------------------------
// assume_offset (§9)

TEST_CASE("ymd_hms and ymd: assume_offset +00:00") {
  check_date("2021-12-08 10:39:01",
             {"ymd_hms", "2021-12-08T10:39:01+00:00", "2021-12-08T10:39:01Z", "2021-12-08",
              "second", false},
             "+00:00");
  check_date("2019-06-15",
             {"ymd", "2019-06-15", "2019-06-15T00:00:00Z", "2019-06-15", "day", false}, "+00:00");
}

TEST_CASE("ymd_hms and cjk_ymd: assume_offset -05:00 moves the instant and the Beijing date") {
  check_date("2021-12-08 20:00:00",
             {"ymd_hms", "2021-12-08T20:00:00-05:00", "2021-12-09T01:00:00Z", "2021-12-09",
              "second", false},
             "-05:00");
  check_date("2023 年 7 月 17 日",
             {"cjk_ymd", "2023-07-17", "2023-07-17T05:00:00Z", "2023-07-17", "day", false},
             "-05:00");
}

TEST_CASE("ymd_hms_offset: an explicit zone ignores assume_offset") {
  check_date("2022-02-14 08:47:41 +0800",
             {"ymd_hms_offset", "2022-02-14T08:47:41+08:00", "2022-02-14T00:47:41Z", "2022-02-14",
              "second", true},
             "-05:00");
}

TEST_CASE("parse_date_detailed: a malformed assume_offset is an error") {
  check_rejected("2019-06-15", DateIssue::kBadAssumeOffset, {}, "8");
  check_rejected("2019-06-15", DateIssue::kBadAssumeOffset, {}, "+8:00");
  check_rejected("2019-06-15", DateIssue::kBadAssumeOffset, {}, "");
}

TEST_CASE("parse_utc_offset: ±HH:MM and ±HHMM in minutes") {
  CHECK(parse_utc_offset("+08:00") == 480);
  CHECK(parse_utc_offset("+0800") == 480);
  CHECK(parse_utc_offset("-05:00") == -300);
  CHECK(parse_utc_offset("-0530") == -330);
  CHECK(parse_utc_offset("+00:00") == 0);
  CHECK_FALSE(parse_utc_offset("+8:00").has_value());
  CHECK_FALSE(parse_utc_offset("+24:00").has_value());
  CHECK_FALSE(parse_utc_offset("+08:60").has_value());
  CHECK_FALSE(parse_utc_offset("08:00").has_value());
  CHECK_FALSE(parse_utc_offset("+08:00 ").has_value());
}

// ---------------------------------------------------------------------------------------------
// find_date_prefix (header lines)

TEST_CASE("find_date_prefix: ymd_hms before an ideographic space and a source") {
  const auto prefix = find_date_prefix("2019-09-08 00:20:15\u3000来源: 每日经济新闻");
  CHECK(prefix.length == 19);
  CHECK(prefix.format == "ymd_hms");
}

TEST_CASE("find_date_prefix: cjk_ymd_hm before two spaces and a source") {
  constexpr std::string_view kDate = "2019年06月15日08:18";
  constexpr std::string_view kLine = "2019年06月15日08:18  来源：人民网-文化频道";
  const auto prefix = find_date_prefix(kLine);
  CHECK(prefix.length == kDate.size());
  CHECK(prefix.length == 22);
  CHECK(prefix.format == "cjk_ymd_hm");
  const auto date = parse_date(kLine.substr(0, prefix.length), kBeijing);
  REQUIRE(date.has_value());
  CHECK(date->iso == "2019-06-15T08:18+08:00");
}

TEST_CASE("find_date_prefix: cjk_ymd in the spaced form, without trailing whitespace") {
  constexpr std::string_view kDate = "2023 年 7 月 17 日";
  const auto prefix = find_date_prefix("2023 年 7 月 17 日 来源：国资委");
  CHECK(prefix.length == kDate.size());
  CHECK(prefix.format == "cjk_ymd");
}

TEST_CASE("find_date_prefix: the longest form wins (ymd_hm over ymd, ymd alone)") {
  CHECK(find_date_prefix("2019-09-08 10:20 - 新华网").length == 16);
  CHECK(find_date_prefix("2019-09-08 10:20 - 新华网").format == "ymd_hm");
  CHECK(find_date_prefix("2019-09-08").length == 10);
  CHECK(find_date_prefix("2019-09-08").format == "ymd");
  CHECK(find_date_prefix("2022-02-14 08:47:41 +0800 来源").format == "ymd_hms_offset");
  CHECK(find_date_prefix("2019年06月15日 8时18分 来源").format == "cjk_ymd_shi_fen");
}

TEST_CASE("find_date_prefix: no date at the start, a cut number, a range or month precision") {
  CHECK_FALSE(find_date_prefix("来源：人民网 2019-09-08"));
  CHECK_FALSE(find_date_prefix(" 2019-09-08"));
  CHECK_FALSE(find_date_prefix("2019-09-081"));
  CHECK_FALSE(find_date_prefix("20190908 来源"));
  CHECK_FALSE(find_date_prefix("2023年7月13日至14日"));
  CHECK_FALSE(find_date_prefix("2019-09-08~2019-09-10"));
  CHECK_FALSE(find_date_prefix("2021年12月工作要点"));
  CHECK_FALSE(find_date_prefix("1月9日，国务院国资委"));
  CHECK_FALSE(find_date_prefix(""));
}

TEST_CASE("find_date_prefix: finds the form only; validation is parse_date's") {
  const auto prefix = find_date_prefix("2021-02-29 来源");
  CHECK(prefix.format == "ymd");
  check_rejected("2021-02-29", DateIssue::kNoSuchDate, "ymd");
}

TEST_CASE("numbers are written zero-padded to their width, in fields and in messages") {
  check_date("Mon, 03 Jan 2000 00:05:09 GMT",
             {"rfc1123", "2000-01-03T00:05:09+00:00", "2000-01-03T00:05:09Z", "2000-01-03",
              "second", true});
  const DateParse no_date = parse_date_detailed("2021-02-30", kBeijing);
  CHECK_FALSE(no_date.date.has_value());
  CHECK(no_date.message.find("2021-02-30") != std::string::npos);
  const DateParse no_time = parse_date_detailed("2021-01-05 24:07:09", kBeijing);
  CHECK_FALSE(no_time.date.has_value());
  CHECK(no_time.message.find("24:07:09") != std::string::npos);
}
