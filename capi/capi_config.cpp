// tifa_config_set and tifa_config_set_flags: every field of tifa::Options by its C++ name
// (docs/c-api.md lists the keys). A new option is a new row of kOptions, never a new layout.
#include <array>
#include <charconv>
#include <string>

#include "capi_internal.hpp"
#include "tifa.h"

namespace tifa::capi {

namespace {

[[noreturn]] void bad_value(std::string_view key, std::string_view expected, std::string_view value) {
  invalid("option \"" + std::string(key) + "\" must be " + std::string(expected) + ", not \"" +
          std::string(value) + "\"");
}

bool parse_bool(std::string_view key, std::string_view value) {
  if (value == "true") return true;
  if (value == "false") return false;
  bad_value(key, "true or false", value);
}

// `value` must be one of `names`; returns its index.
template <std::size_t N>
std::size_t parse_choice(std::string_view key, std::string_view value,
                         const std::array<std::string_view, N>& names, std::string_view expected) {
  for (std::size_t i = 0; i < N; ++i) {
    if (value == names[i]) return i;
  }
  bad_value(key, expected, value);
}

// Exactly `width` ASCII digits with a value in [0, max], at value[pos].
bool digits_at(std::string_view value, std::size_t pos, std::size_t width, int max) {
  if (value.size() < pos + width) return false;
  int number = 0;
  for (const char c : value.substr(pos, width)) {
    if (c < '0' || c > '9') return false;
    number = number * 10 + (c - '0');
  }
  return number <= max;
}

// ±HH:MM (the cleaner reads it as given, so check it here where the caller can be told).
bool is_utc_offset(std::string_view value) {
  return value.size() == 6 && (value[0] == '+' || value[0] == '-') && digits_at(value, 1, 2, 23) &&
         value[3] == ':' && digits_at(value, 4, 2, 59);
}

// YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH:MM], as `tifa process --reference-time`.
bool is_iso_time(std::string_view value) {
  const bool date = digits_at(value, 0, 4, 9999) && value.size() >= 10 && value[4] == '-' &&
                    digits_at(value, 5, 2, 12) && value[7] == '-' && digits_at(value, 8, 2, 31);
  if (!date) return false;
  std::string_view rest = value.substr(10);
  if (rest.empty()) return true;
  if (!(rest[0] == 'T' || rest[0] == ' ') || !digits_at(rest, 1, 2, 23) || rest.size() < 6 ||
      rest[3] != ':' || !digits_at(rest, 4, 2, 59)) {
    return false;
  }
  rest.remove_prefix(6);
  if (!rest.empty() && rest[0] == ':') {
    if (!digits_at(rest, 1, 2, 60)) return false;
    rest.remove_prefix(3);
    if (!rest.empty() && rest[0] == '.') {
      std::size_t end = 1;
      while (end < rest.size() && rest[end] >= '0' && rest[end] <= '9') ++end;
      if (end == 1) return false;
      rest.remove_prefix(end);
    }
  }
  return rest.empty() || rest == "Z" || is_utc_offset(rest);
}

std::size_t parse_size(std::string_view key, std::string_view value,
                       std::string_view what = "a positive number of bytes") {
  std::size_t number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc{} || end != value.data() + value.size() || number == 0) {
    bad_value(key, what, value);
  }
  return number;
}

using Setter = void (*)(Config&, std::string_view key, std::string_view value);

struct OptionRow {
  std::string_view key;
  Setter set;
};

// One row per field of tifa::Options, in its order, then the test hook.
constexpr std::array kOptions = {
    OptionRow{"format", [](Config& c, std::string_view k, std::string_view v) {
      const auto format = parse_format(std::string(v));
      if (!format) bad_value(k, "auto, hexo, jekyll, html, markdown or text", v);
      c.options.format = *format;
    }},
    OptionRow{"encoding", [](Config& c, std::string_view k, std::string_view v) {
      if (v.empty()) bad_value(k, "auto, utf-8, gb18030 or another ICU name", v);
      c.options.encoding = v;
    }},
    OptionRow{"fullwidth_punct", [](Config& c, std::string_view k, std::string_view v) {
      c.options.fullwidth_punct = parse_bool(k, v);
    }},
    OptionRow{"cjk_space_repair", [](Config& c, std::string_view k, std::string_view v) {
      constexpr std::array<std::string_view, 3> kNames = {"pdf", "all", "none"};
      c.options.cjk_space_repair = static_cast<CjkSpaceRepair>(parse_choice(k, v, kNames, "pdf, all or none"));
    }},
    OptionRow{"title_wrap_repair", [](Config& c, std::string_view k, std::string_view v) {
      c.options.title_wrap_repair = parse_bool(k, v);
    }},
    OptionRow{"page_marker", [](Config& c, std::string_view k, std::string_view v) {
      if (v.size() > 64) bad_value(k, "at most 64 bytes (\"\" turns markers off)", v);
      c.options.page_marker = v;
    }},
    OptionRow{"bylines", [](Config& c, std::string_view k, std::string_view v) {
      constexpr std::array<std::string_view, 2> kNames = {"meta", "block"};
      c.options.bylines = static_cast<BylineMode>(parse_choice(k, v, kNames, "meta or block"));
    }},
    OptionRow{"meta_from_comments", [](Config& c, std::string_view k, std::string_view v) {
      c.options.meta_from_comments = parse_bool(k, v);
    }},
    OptionRow{"main_content", [](Config& c, std::string_view k, std::string_view v) {
      // auto|off as on the command line; true|false because the field is a boolean.
      constexpr std::array<std::string_view, 4> kNames = {"off", "auto", "false", "true"};
      c.options.main_content = parse_choice(k, v, kNames, "auto or off") % 2 == 1;
    }},
    OptionRow{"images", [](Config& c, std::string_view k, std::string_view v) {
      c.options.images = parse_bool(k, v);
    }},
    OptionRow{"captions", [](Config& c, std::string_view k, std::string_view v) {
      c.options.captions = parse_bool(k, v);
    }},
    OptionRow{"tables", [](Config& c, std::string_view k, std::string_view v) {
      constexpr std::array<std::string_view, 2> kNames = {"rows", "drop"};
      c.options.tables = static_cast<TableMode>(parse_choice(k, v, kNames, "rows or drop"));
    }},
    OptionRow{"assume_offset", [](Config& c, std::string_view k, std::string_view v) {
      if (!is_utc_offset(v)) bad_value(k, "an offset from UTC as +HH:MM or -HH:MM", v);
      c.options.assume_offset = v;
    }},
    OptionRow{"reference_time", [](Config& c, std::string_view k, std::string_view v) {
      if (v.empty()) {
        c.options.reference_time.reset();
        return;
      }
      if (!is_iso_time(v)) bad_value(k, "an ISO 8601 date or date-time (or \"\" for none)", v);
      c.options.reference_time = std::string(v);
    }},
    OptionRow{"max_input_bytes", [](Config& c, std::string_view k, std::string_view v) {
      c.options.max_input_bytes = parse_size(k, v);
    }},
    OptionRow{"max_html_depth", [](Config& c, std::string_view k, std::string_view v) {
      c.options.max_html_depth = parse_size(k, v, "a positive number of levels");
    }},
    OptionRow{"max_blocks", [](Config& c, std::string_view k, std::string_view v) {
      c.options.max_blocks = parse_size(k, v, "a positive number of blocks");
    }},
    OptionRow{"verify", [](Config& c, std::string_view k, std::string_view v) {
      c.options.verify = parse_bool(k, v);
    }},
    OptionRow{"sentences", [](Config& c, std::string_view k, std::string_view v) {
      c.options.sentences = parse_bool(k, v);
    }},
    OptionRow{"split_on_semicolon", [](Config& c, std::string_view k, std::string_view v) {
      c.options.split_on_semicolon = parse_bool(k, v);
    }},
    OptionRow{"slogans", [](Config& c, std::string_view k, std::string_view v) {
      c.options.slogans = parse_bool(k, v);
    }},
    OptionRow{"min_confidence", [](Config& c, std::string_view k, std::string_view v) {
      const auto level = parse_confidence(v);
      if (!level) bad_value(k, "low, medium, high or a number in [0, 1]", v);
      c.options.min_confidence = *level;
    }},
    OptionRow{"discovery", [](Config& c, std::string_view k, std::string_view v) {
      c.options.discovery = parse_bool(k, v);
    }},
    OptionRow{"gap_tolerance", [](Config& c, std::string_view k, std::string_view v) {
      c.options.gap_tolerance = parse_bool(k, v);
    }},
    OptionRow{"test_throw", [](Config& c, std::string_view k, std::string_view v) {
      constexpr std::array<std::string_view, 5> kNames = {"", "runtime_error", "bad_alloc",
                                                          "unknown", "tifa_error"};
      c.test_throw = static_cast<TestThrow>(
          parse_choice(k, v, kNames, "\"\", runtime_error, bad_alloc, unknown or tifa_error"));
    }},
};

}  // namespace

void set_option(Config& config, std::string_view key, std::string_view value) {
  for (const OptionRow& row : kOptions) {
    if (row.key == key) return row.set(config, key, value);
  }
  invalid("unknown option \"" + std::string(key) + "\" (docs/c-api.md lists the keys)");
}

void set_flags(Options& options, std::uint32_t flags) {
  constexpr std::uint32_t kKnown = (TIFA_OPT_NO_CAPTIONS << 1) - 1;
  if ((flags & ~kKnown) != 0) {
    invalid("flags has unknown bits (" + std::to_string(flags & ~kKnown) +
            "); only the TIFA_OPT_* bits are defined");
  }
  const auto on = [flags](std::uint32_t bit) { return (flags & bit) != 0; };
  options.slogans = !on(TIFA_OPT_NO_SLOGANS);
  options.discovery = !on(TIFA_OPT_NO_DISCOVERY);
  options.gap_tolerance = !on(TIFA_OPT_NO_GAP_TOLERANCE);
  options.sentences = !on(TIFA_OPT_NO_SENTENCES);
  options.split_on_semicolon = on(TIFA_OPT_SPLIT_ON_SEMICOLON);
  options.verify = on(TIFA_OPT_VERIFY);
  options.fullwidth_punct = !on(TIFA_OPT_NO_FULLWIDTH_PUNCT);
  options.images = !on(TIFA_OPT_NO_IMAGES);
  options.captions = !on(TIFA_OPT_NO_CAPTIONS);
}

}  // namespace tifa::capi
