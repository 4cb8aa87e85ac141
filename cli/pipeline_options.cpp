#include "pipeline_options.hpp"

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

namespace tifa::cli {

namespace {

constexpr std::size_t kMaxPageMarkerBytes = 64;  // the library's limit (Pipeline rejects more)

// Reads a value left to right; each take_* consumes on success only.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool at_end() const noexcept { return pos_ == text_.size(); }

  bool take(char c) {
    if (at_end() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  // Exactly `width` ASCII digits whose value is in [min, max].
  bool take_number(std::size_t width, int min, int max, int& value) {
    if (text_.size() - pos_ < width) return false;
    int number = 0;
    for (const char c : text_.substr(pos_, width)) {
      if (c < '0' || c > '9') return false;
      number = number * 10 + (c - '0');
    }
    if (number < min || number > max) return false;
    value = number;
    pos_ += width;
    return true;
  }

  // One or more ASCII digits.
  bool take_digits() {
    const std::size_t start = pos_;
    while (!at_end() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// ±HH:MM
bool take_offset(Scanner& s) {
  int hours = 0;
  int minutes = 0;
  return (s.take('+') || s.take('-')) && s.take_number(2, 0, 23, hours) && s.take(':') &&
         s.take_number(2, 0, 59, minutes);
}

// YYYY-MM-DD, a real calendar date.
bool take_date(Scanner& s) {
  int year = 0;
  int month = 0;
  int day = 0;
  return s.take_number(4, 1, 9999, year) && s.take('-') && s.take_number(2, 1, 12, month) &&
         s.take('-') && s.take_number(2, 1, days_in_month(year, month), day);
}

// HH:MM[:SS[.fraction]]
bool take_time(Scanner& s) {
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  if (!(s.take_number(2, 0, 23, hours) && s.take(':') && s.take_number(2, 0, 59, minutes))) {
    return false;
  }
  if (!s.take(':')) return true;
  if (!s.take_number(2, 0, 60, seconds)) return false;
  return !s.take('.') || s.take_digits();
}

bool is_iso_time(std::string_view text) {
  Scanner s(text);
  if (!take_date(s)) return false;
  if (s.at_end()) return true;
  if (!(s.take('T') || s.take(' ')) || !take_time(s)) return false;
  if (s.at_end() || s.take('Z')) return s.at_end();
  return take_offset(s) && s.at_end();
}

[[noreturn]] void bad_choice(std::string_view option, std::string_view choices,
                             const std::string& value) {
  throw UsageError(std::string(option) + " must be " + std::string(choices) + ", not '" + value +
                   "'");
}

Format parse_format_value(const std::string& value) {
  if (auto format = parse_format(value)) return *format;
  bad_choice("--format", "auto, hexo, jekyll, html, markdown or text", value);
}

CjkSpaceRepair parse_cjk_space_repair(const std::string& value) {
  if (value == "pdf") return CjkSpaceRepair::kPdf;
  if (value == "all") return CjkSpaceRepair::kAll;
  if (value == "none") return CjkSpaceRepair::kNone;
  bad_choice("--cjk-space-repair", "pdf, all or none", value);
}

BylineMode parse_bylines(const std::string& value) {
  if (value == "meta") return BylineMode::kMeta;
  if (value == "block") return BylineMode::kBlock;
  bad_choice("--bylines", "meta or block", value);
}

bool parse_main_content(const std::string& value) {
  if (value == "auto") return true;
  if (value == "off") return false;
  bad_choice("--main-content", "auto or off", value);
}

TableMode parse_tables(const std::string& value) {
  if (value == "rows") return TableMode::kRows;
  if (value == "drop") return TableMode::kDrop;
  bad_choice("--tables", "rows or drop", value);
}

std::string checked_encoding(const std::string& value) {
  if (value.empty()) throw UsageError("option --encoding needs a non-empty value");
  return value;
}

std::string checked_page_marker(const std::string& value) {
  if (value.size() > kMaxPageMarkerBytes) {
    throw UsageError("--page-marker must be at most " + std::to_string(kMaxPageMarkerBytes) +
                     " bytes long");
  }
  return value;
}

// The switches without a value.
bool take_pipeline_switch(ArgumentCursor& args, Options& options) {
  if (args.take_flag("--no-fullwidth-punct")) {
    options.fullwidth_punct = false;
  } else if (args.take_flag("--no-title-wrap-repair")) {
    options.title_wrap_repair = false;
  } else if (args.take_flag("--no-meta-from-comments")) {
    options.meta_from_comments = false;
  } else if (args.take_flag("--no-images")) {
    options.images = false;
  } else if (args.take_flag("--no-captions")) {
    options.captions = false;
  } else if (args.take_flag("--split-on-semicolon")) {
    options.split_on_semicolon = true;
  } else if (args.take_flag("--verify")) {
    options.verify = true;
  } else if (args.take_flag("--no-verify")) {
    options.verify = false;
  } else if (args.take_flag("--no-slogans")) {
    options.slogans = false;
  } else if (args.take_flag("--no-discovery")) {
    options.discovery = false;
  } else if (args.take_flag("--no-gap-tolerance")) {
    options.gap_tolerance = false;
  } else {
    return false;
  }
  return true;
}

// --min-confidence low|medium|high or a number in [0, 1].
bool take_slogan_value(ArgumentCursor& args, Options& options) {
  std::string value;
  if (!args.take_value("--min-confidence", value)) return false;
  const auto level = parse_confidence(value);
  if (!level) {
    throw UsageError("--min-confidence must be low, medium, high or a number in [0, 1], not '" + value + "'");
  }
  options.min_confidence = *level;
  return true;
}

// The options that choose how the input is read and cleaned.
bool take_cleaning_value(ArgumentCursor& args, Options& options) {
  std::string value;
  if (args.take_value("--format", value)) {
    options.format = parse_format_value(value);
  } else if (args.take_value("--encoding", value)) {
    options.encoding = checked_encoding(value);
  } else if (args.take_value("--cjk-space-repair", value)) {
    options.cjk_space_repair = parse_cjk_space_repair(value);
  } else if (args.take_value("--page-marker", value)) {
    options.page_marker = checked_page_marker(value);
  } else if (args.take_value("--bylines", value)) {
    options.bylines = parse_bylines(value);
  } else if (args.take_value("--main-content", value)) {
    options.main_content = parse_main_content(value);
  } else if (args.take_value("--tables", value)) {
    options.tables = parse_tables(value);
  } else {
    return false;
  }
  return true;
}

// Dates and limits.
bool take_other_value(ArgumentCursor& args, Options& options) {
  std::string value;
  if (args.take_value("--assume-offset", value)) {
    check_utc_offset("--assume-offset", value);
    options.assume_offset = value;
  } else if (args.take_value("--reference-time", value)) {
    check_iso_time("--reference-time", value);
    options.reference_time = value;
  } else if (args.take_value("--max-input-bytes", value)) {
    options.max_input_bytes = parse_byte_size("--max-input-bytes", value);
  } else if (args.take_value("--max-html-depth", value)) {
    options.max_html_depth = parse_count("--max-html-depth", value, 1, 1000000000);
  } else if (args.take_value("--max-blocks", value)) {
    options.max_blocks = parse_count("--max-blocks", value, 1, 1000000000);
  } else {
    return false;
  }
  return true;
}

constexpr std::string_view kHelp = R"(Pipeline (see docs/cleaning.md):
  --format FORMAT        auto, hexo, jekyll, html, markdown or text (default: auto)
  --encoding NAME        auto, utf-8, gb18030 or another ICU name (default: auto)
  --no-fullwidth-punct   keep ASCII , ; : ? ! ( ) next to Chinese text (P1, P2)
  --cjk-space-repair pdf|all|none
                         delete single spaces between Han characters and
                         between Han and Latin letters or digits (N4, N5) in
                         PDF-derived text only, in all text, or nowhere
                         (default: pdf)
  --no-title-wrap-repair keep the spaces that PDF line wraps left in a title (N9)
  --page-marker STRING   page break marker of PDF-derived text (B11, N8;
                         default: <PAGE_DIV>); an empty STRING turns markers
                         off, so the marker is ordinary text
  --bylines meta|block   credit lines (记者 NAME, 通讯员 NAME) go to meta only, or
                         also stay in the text as byline blocks (default: meta)
  --no-meta-from-comments
                         take no source or editor from HTML comments (B1)
  --main-content auto|off
                         find the article in a whole HTML page (H1-H4), or keep
                         every visible block of <body> (H6) (default: auto)
  --no-images            collect no images ("images": [])
  --no-captions          no caption blocks in the text; a caption stays only in
                         images[].caption
  --tables rows|drop     each table row a paragraph with TAB between cells, or
                         dropped (R8) (default: rows)
  --assume-offset ±HH:MM zone of dates written without one (default: +08:00)
  --reference-time ISO   the instant relative dates (昨天, 3小时前) count from, as
                         YYYY-MM-DD[THH:MM[:SS][Z|±HH:MM]]; without it they are
                         not dates (default: none)
  --max-input-bytes N    a larger document fails with error code "limit"; a
                         suffix K, M or G multiplies by 1024, 1024² or 1024³
                         (default: 256M)
  --max-html-depth N     HTML elements nested deeper than N are flattened into
                         their ancestor, text kept (warning html_depth_limit;
                         default: 512)
  --max-blocks N         blocks past the Nth are joined into the Nth, text kept
                         (warning block_limit; default: 100000)
  --split-on-semicolon   a full-width semicolon (and ; after Chinese text) outside
                         quotes and brackets ends a sentence (S2; default: off)
  --verify, --no-verify  check the invariants on each document and add a warning
                         invariant_failed:ID for each failure
                         (default: --no-verify)

Slogans (see spec/slogans.md):
  --min-confidence X     low, medium or high (or 0.3, 0.6, 0.9): mentions below
                         are neither written nor counted (default: medium)
  --no-discovery         lexicon mentions only; no discovered formulae
  --no-gap-tolerance     no spaces or line breaks inside a slogan
  --no-slogans           do not recognise slogans ("mentions": [], "counts": null)
  --lexicon FILE         a lexicon layered over the built-in one (repeatable, in
                         order); TSV, word list or quanteda YAML (.yml)
  --no-builtin-lexicon   start from an empty lexicon
)";

}  // namespace

bool take_pipeline_option(ArgumentCursor& args, Options& options) {
  return take_pipeline_switch(args, options) || take_cleaning_value(args, options) ||
         take_other_value(args, options) || take_slogan_value(args, options);
}

std::string_view pipeline_options_help() { return kHelp; }

void check_utc_offset(std::string_view option, std::string_view text) {
  Scanner s(text);
  if (take_offset(s) && s.at_end()) return;
  throw UsageError(std::string(option) + " must be an offset from UTC as ±HH:MM (+08:00, -05:00), "
                   "not '" + std::string(text) + "'");
}

void check_iso_time(std::string_view option, std::string_view text) {
  if (is_iso_time(text)) return;
  throw UsageError(std::string(option) +
                   " must be an ISO 8601 date or date-time (2022-01-09, 2022-01-09T13:39:16+08:00), "
                   "not '" + std::string(text) + "'");
}

std::size_t parse_byte_size(std::string_view option, std::string_view text) {
  const auto fail = [&]() -> std::size_t {
    throw UsageError(std::string(option) + " must be a positive number of bytes, optionally with "
                     "K, M or G (100000, 512K, 64M), not '" + std::string(text) + "'");
  };
  std::uint64_t value = 0;
  const char* const end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || value == 0) return fail();
  unsigned shift = 0;
  if (ptr != end) {
    if (ptr + 1 != end) return fail();
    switch (*ptr) {
      case 'K': case 'k': shift = 10; break;
      case 'M': case 'm': shift = 20; break;
      case 'G': case 'g': shift = 30; break;
      default: return fail();
    }
  }
  if (value > (std::numeric_limits<std::size_t>::max() >> shift)) return fail();
  return static_cast<std::size_t>(value) << shift;
}

}  // namespace tifa::cli
