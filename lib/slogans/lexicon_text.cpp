// Text helpers of the lexicon loaders (spec/slogans.md §2.1, §2.2, §2.5).
#include "slogans/lexicon_text.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>

#include <fmt/core.h>
#include <utf8proc.h>

#include "util/utf8.hpp"

namespace tifa::slogans {

void DiagnosticSink::add(bool is_error, std::size_t line, std::size_t column, std::string_view code,
                         std::string message) {
  has_error_ = has_error_ || is_error;
  if (kept_.size() >= kMaxDiagnostics) return;
  kept_.push_back(LexiconDiagnostic{source_, line, column, std::string(code), is_error,
                                    std::move(message)});
}

void DiagnosticSink::error(std::size_t line, std::size_t column, std::string_view code,
                           std::string message) {
  add(true, line, column, code, std::move(message));
}

void DiagnosticSink::warning(std::size_t line, std::size_t column, std::string_view code,
                             std::string message) {
  add(false, line, column, code, std::move(message));
}

std::vector<LexiconDiagnostic> DiagnosticSink::take() {
  std::stable_sort(kept_.begin(), kept_.end(), [](const auto& a, const auto& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return std::move(kept_);
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t pos = 0; pos < text.size();) {
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
      ++pos;
      continue;
    }
    std::size_t length = 0;
    char32_t min_value = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      min_value = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      min_value = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      min_value = 0x10000;
    } else {
      return pos;  // a continuation byte, an overlong lead (C0, C1) or a lead above F4
    }
    if (pos + length > text.size()) return pos;
    char32_t cp = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
      if ((byte(pos + i) & 0xC0) != 0x80) return pos;
      cp = (cp << 6) | (byte(pos + i) & 0x3F);
    }
    if (cp < min_value || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return pos;
    pos += length;
  }
  return std::nullopt;
}

void report_invalid_utf8(DiagnosticSink& sink, std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t line_start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
  }
  const auto bad = static_cast<unsigned char>(text[offset]);
  sink.error(line, offset - line_start + 1, "E_ENCODING",
             fmt::format("invalid UTF-8 (byte 0x{:02X} at file offset {}); the file is probably "
                         "GB18030: convert it with `iconv -f GB18030 -t UTF-8`",
                         bad, offset));
}

std::vector<SourceLine> split_lines(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<SourceLine> lines;
  std::size_t number = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back({number++, text.substr(start, i - start)});
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back({number, text.substr(start)});
  return lines;
}

bool is_field_space(char32_t cp) noexcept { return cp == ' ' || cp == 0x3000; }

std::string_view trim_field(std::string_view text, std::size_t& leading) noexcept {
  leading = 0;
  while (!text.empty()) {
    std::size_t length = 0;
    if (!is_field_space(util::decode_at(text, 0, length))) break;
    text.remove_prefix(length);
    ++leading;
  }
  while (!text.empty()) {
    const std::size_t start = util::previous_start(text, text.size());
    if (!is_field_space(util::code_point_at(text, start))) break;
    text.remove_suffix(text.size() - start);
  }
  return text;
}

std::string_view trim_field(std::string_view text) noexcept {
  std::size_t leading = 0;
  return trim_field(text, leading);
}

bool is_blank_or_comment(std::string_view line) noexcept {
  bool tab = false;
  for (std::size_t pos = 0, length = 0; pos < line.size(); pos += length) {
    const char32_t cp = util::decode_at(line, pos, length);
    if (is_field_space(cp)) continue;
    if (cp == '\t') {
      tab = true;
      continue;
    }
    // After a TAB, `#` begins the second field, not a comment.
    return cp == '#' && !tab;
  }
  return true;
}

std::string to_nfc(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return std::string(text);
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  // utf8proc fails only on invalid UTF-8 (callers validate first) or out of memory.
  if (length < 0) return std::string(text);
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

std::size_t code_point_count(std::string_view text) noexcept {
  return util::count_code_points(text);
}

namespace {

bool is_quote_mark(char32_t cp) noexcept {
  switch (cp) {
    case '"': case '\'': case 0xFF02: case 0xFF07:      // ASCII and full-width
    case 0x201C: case 0x201D: case 0x2018: case 0x2019:  // “ ” ‘ ’
    case 0x201E: case 0x201A: case 0x00AB: case 0x00BB:  // „ ‚ « »
    case 0x300C: case 0x300D: case 0x300E: case 0x300F:  // 「 」 『 』
    case 0x301D: case 0x301E: case 0x301F:               // 〝 〞 〟
      return true;
    default:
      return false;
  }
}

// Characters the matcher treats as extraction noise (spec §3.5): inside a form they could never
// be matched as written.
bool is_invisible(char32_t cp) noexcept {
  return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
}

bool is_control(char32_t cp) noexcept { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

}  // namespace

std::optional<std::string> form_problem(std::string_view form) {
  if (code_point_count(form) < 2) {
    return fmt::format("form {} is too short: a form needs at least two characters", quoted(form));
  }
  for (std::size_t pos = 0, length = 0; pos < form.size(); pos += length) {
    const char32_t cp = util::decode_at(form, pos, length);
    if (cp == '\t') return fmt::format("form {} contains a TAB", quoted(form));
    if (cp == 0x2028 || cp == 0x2029) {
      return fmt::format("form {} contains a line break (U+{:04X})", quoted(form),
                         static_cast<unsigned>(cp));
    }
    if (is_control(cp)) {
      return fmt::format("form {} contains the control character U+{:04X}", quoted(form),
                         static_cast<unsigned>(cp));
    }
    if (is_invisible(cp)) {
      return fmt::format("form {} contains the invisible character U+{:04X}", quoted(form),
                         static_cast<unsigned>(cp));
    }
  }
  const char32_t first = util::code_point_at(form, 0);
  const char32_t last = util::code_point_before(form, form.size());
  if (util::is_space(first) || util::is_space(last)) {
    return fmt::format("form {} begins or ends with whitespace", quoted(form));
  }
  if (is_quote_mark(first) || is_quote_mark(last)) {
    return fmt::format("form {} begins or ends with a quote mark", quoted(form));
  }
  return std::nullopt;
}

bool is_recommended_category(std::string_view category) noexcept {
  constexpr std::string_view kRecommended[] = {
      "party-building", "ideology",          "economy",       "soe-reform",
      "governance",     "tech-innovation",   "people-livelihood", "risk-security",
      "green",          "regional",          "foreign"};
  return std::find(std::begin(kRecommended), std::end(kRecommended), category) !=
         std::end(kRecommended);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  out += text;
  out += '"';
  return out;
}

}  // namespace tifa::slogans
