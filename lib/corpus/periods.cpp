// Period labels on the Beijing calendar date (include/tifa/corpus.hpp).
#include <charconv>
#include <string>

#include <fmt/core.h>

#include "corpus/civil_date.hpp"
#include "tifa/corpus.hpp"

namespace tifa {

const char* to_string(Period period) noexcept {
  switch (period) {
    case Period::kDay: return "day";
    case Period::kWeek: return "week";
    case Period::kMonth: return "month";
    case Period::kQuarter: return "quarter";
    case Period::kYear: return "year";
    case Period::kAll: break;
  }
  return "all";
}

std::optional<Period> parse_period(std::string_view name) {
  for (Period period : {Period::kDay, Period::kWeek, Period::kMonth, Period::kQuarter,
                        Period::kYear, Period::kAll}) {
    if (name == to_string(period)) return period;
  }
  return std::nullopt;
}

std::string period_label(std::string_view local_date, Period period) {
  const std::optional<corpus::CivilDate> date = corpus::parse_civil_date(local_date);
  if (!date) return std::string(kUndatedLabel);
  switch (period) {
    case Period::kDay: return fmt::format("{:04}-{:02}-{:02}", date->year, date->month, date->day);
    case Period::kWeek: {
      const corpus::IsoWeek week = corpus::iso_week(*date);
      return fmt::format("{:04}-W{:02}", week.year, week.week);
    }
    case Period::kMonth: return fmt::format("{:04}-{:02}", date->year, date->month);
    case Period::kQuarter: return fmt::format("{:04}-Q{}", date->year, (date->month - 1) / 3 + 1);
    case Period::kYear: return fmt::format("{:04}", date->year);
    case Period::kAll: break;
  }
  return "all";
}

}  // namespace tifa
