// Text helpers shared by the lexicon loaders (spec/slogans.md §2.1, §2.2): UTF-8 validation,
// line splitting with any line end, field trimming, NFC, form checks and diagnostics.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/lexicon.hpp"

namespace tifa::slogans {

// A loader stops keeping diagnostics after this many (spec §2.5); it still notes further errors.
inline constexpr std::size_t kMaxDiagnostics = 100;

// Collects the diagnostics of one source, in the order found, up to kMaxDiagnostics.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string source) : source_(std::move(source)) {}

  void error(std::size_t line, std::size_t column, std::string_view code, std::string message);
  void warning(std::size_t line, std::size_t column, std::string_view code, std::string message);

  bool has_error() const noexcept { return has_error_; }
  const std::string& source() const noexcept { return source_; }
  // The diagnostics kept, sorted by line and column (stable for equal positions).
  std::vector<LexiconDiagnostic> take();

 private:
  void add(bool is_error, std::size_t line, std::size_t column, std::string_view code,
           std::string message);

  std::string source_;
  std::vector<LexiconDiagnostic> kept_;
  bool has_error_ = false;
};

// Byte offset of the first invalid UTF-8 sequence (overlong, surrogate, beyond U+10FFFF,
// truncated or stray continuation byte), or std::nullopt when `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept;

// Adds the E_ENCODING diagnostic for invalid UTF-8 at `offset` (line and byte column, and the
// hint to convert from GB18030).
void report_invalid_utf8(DiagnosticSink& sink, std::string_view text, std::size_t offset);

struct SourceLine {
  std::size_t number = 0;  // 1-based
  std::string_view text;   // without the line end
};

// The lines of `text` (valid UTF-8); a leading BOM is dropped; LF, CRLF and CR end lines.
std::vector<SourceLine> split_lines(std::string_view text);

// Spaces trimmed around fields, variants and items: ASCII space and U+3000 (spec §2.2).
bool is_field_space(char32_t cp) noexcept;
// `text` without field spaces at either end; `leading` receives the code points cut at the front.
std::string_view trim_field(std::string_view text, std::size_t& leading) noexcept;
std::string_view trim_field(std::string_view text) noexcept;
// True for a blank line (spaces and TABs only) or a comment line (first character `#` after
// spaces; a `#` after a TAB begins a field).
bool is_blank_or_comment(std::string_view line) noexcept;

// `text` (valid UTF-8) in Normalization Form C.
std::string to_nfc(std::string_view text);

std::size_t code_point_count(std::string_view text) noexcept;

// Why `form` breaks spec §2.1 (fewer than two code points, a control or invisible character, a
// line break, whitespace or a quote mark at an edge), or std::nullopt.
std::optional<std::string> form_problem(std::string_view form);

// True for a category of the recommended set (spec §2.1).
bool is_recommended_category(std::string_view category) noexcept;

// ASCII letters lowered; other bytes unchanged.
std::string ascii_lower(std::string_view text);

// `text` in double quotes for a message.
std::string quoted(std::string_view text);

}  // namespace tifa::slogans
