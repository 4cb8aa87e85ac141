// Decoding (spec/cleaning.md D1-D7): input bytes -> UTF-8 text plus an exact map back to the bytes.
//
// Two paths. UTF-8 input never touches ICU: a tight loop validates it and it is copied, so its
// offset map is one copy run unless CRs or invalid bytes split it. Every other encoding goes
// through an ICU converter opened for the call (no shared state); ICU's per-unit source offsets
// give the map, grouped into runs per stretch of same-width characters (never one per character).
//
// What one U+FFFD stands for (D5, "each maximal invalid byte sequence"):
// - UTF-8: one maximal subpart of an ill-formed sequence (Unicode §3.9 "U+FFFD Substitution of
//   Maximal Subparts", the practice of the WHATWG decoder): the longest prefix of the bytes that
//   could still start a well-formed sequence, or one byte when none can. C0 80 -> 2 U+FFFD,
//   ED A0 80 -> 3, F4 90 80 80 -> 4, a truncated E4 B8 at the end -> 1.
// - ICU converters: one sequence that the converter reports as illegal, unassigned or truncated.
//   ICU's gb18030 reports a lead byte with a bad trail byte alone and decodes the trail byte again
//   (81 20 -> U+FFFD, space); a truncated sequence at the end (81 30 81) is one unit.
// Adjacent replacements form one run, and each run gets one `replacement_char` warning.

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf16.h>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define TIFA_DECODE_SSE2 1
#else
#define TIFA_DECODE_SSE2 0
#endif

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "util/cpu_features.hpp"
#include "input/decode_detail.hpp"
#include "input/markdown_inline.hpp"
#include "tifa/error.hpp"
#include "tifa/reader.hpp"

namespace tifa::input {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";
constexpr char32_t kReplacementChar = 0xFFFD;
constexpr std::size_t kReplacementCharWidth = 3;  // bytes of U+FFFD in UTF-8
constexpr std::size_t kMaxReplacementWarnings = 100;

// ---- small string helpers ----

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// Finds `lower_needle` (already lowercase ASCII) in `hay`, ignoring ASCII case.
std::size_t find_ignoring_case(std::string_view hay, std::string_view lower_needle,
                               std::size_t from) {
  if (lower_needle.size() > hay.size()) return std::string_view::npos;
  for (std::size_t i = from; i + lower_needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < lower_needle.size() && ascii_lower(hay[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return i;
  }
  return std::string_view::npos;
}

// ---- UTF-8 ----

struct Utf8Step {
  std::size_t length;  // of the well-formed sequence, or of the maximal subpart when ill-formed
  bool valid;
};

// The sequence that starts at s[pos] (Table 3-7 of the Unicode standard). An ill-formed one stops
// at the first byte that no well-formed sequence could have there; that byte is not consumed.
inline Utf8Step utf8_step(const unsigned char* s, std::size_t n, std::size_t pos) noexcept {
  const unsigned char lead = s[pos];
  if (lead < 0x80) return {1, true};
  std::size_t continuation_bytes = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation_bytes = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuation_bytes = 2;
    if (lead == 0xE0) second_min = 0xA0;  // overlong
    if (lead == 0xED) second_max = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuation_bytes = 3;
    if (lead == 0xF0) second_min = 0x90;  // overlong
    if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
  } else {
    return {1, false};  // continuation byte, C0, C1 or F5-FF: never a lead
  }
  std::size_t i = pos + 1;
  if (i >= n || s[i] < second_min || s[i] > second_max) return {1, false};
  for (std::size_t k = 1; k < continuation_bytes; ++k) {
    ++i;
    if (i >= n || (s[i] & 0xC0) != 0x80) return {i - pos, false};
  }
  return {continuation_bytes + 1, true};
}

const unsigned char* as_bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Would decoding as UTF-8 make more than `limit` U+FFFD? Counting stops as soon as it would:
// in a GB18030 text nearly every character is one.
bool more_utf8_replacements_than(std::string_view bytes, std::size_t first_invalid,
                                 std::size_t limit) {
  std::size_t count = 0;
  std::size_t pos = first_invalid;
  while (pos < bytes.size()) {
    pos += utf8_step(as_bytes(bytes), bytes.size(), pos).length;
    if (++count > limit) return true;
    pos = find_invalid_utf8(bytes, pos);
  }
  return false;
}

std::size_t find_cr(std::string_view bytes, std::size_t from) {
  if (from >= bytes.size()) return bytes.size();
  const void* hit = std::memchr(bytes.data() + from, '\r', bytes.size() - from);
  return hit == nullptr ? bytes.size() : static_cast<std::size_t>(static_cast<const char*>(hit) -
                                                                  bytes.data());
}

std::size_t append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return 1;
  }
  if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    return 2;
  }
  if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    return 3;
  }
  out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  return 4;
}

// ---- output: text, offset map and replacement warnings ----

Warning make_warning(std::string code, std::string message, Span raw_span) {
  return Warning{std::move(code), std::move(message), raw_span};
}

// Collects replacement characters into runs of adjacent ones; keeps only the first 100 runs so
// that a binary file cannot make millions of warnings.
class ReplacementLog {
 public:
  void add(std::size_t begin, std::size_t end) {
    ++chars_;
    if (open_ && begin == current_.span.end) {
      current_.span.end = end;
      ++current_.chars;
      return;
    }
    close_run();
    current_ = Run{Span{begin, end}, 1};
    open_ = true;
  }

  std::size_t chars() const noexcept { return chars_; }

  void append_warnings(std::vector<Warning>& out) {
    close_run();
    for (const Run& run : reported_) {
      out.push_back(make_warning(
          "replacement_char",
          run.chars == 1 ? std::string("An invalid byte sequence was replaced by U+FFFD.")
                         : fmt::format("{} invalid byte sequences were replaced by U+FFFD.",
                                       run.chars),
          run.span));
    }
    if (unreported_runs_ > 0) {
      out.push_back(make_warning(
          "replacement_char",
          fmt::format("{} invalid byte sequences in all were replaced by U+FFFD; the {} runs after "
                      "the first {} have no warning of their own.",
                      chars_, unreported_runs_, kMaxReplacementWarnings),
          unreported_span_));
    }
  }

 private:
  struct Run {
    Span span;
    std::size_t chars = 0;
  };

  void close_run() {
    if (!open_) return;
    open_ = false;
    if (reported_.size() < kMaxReplacementWarnings) {
      reported_.push_back(current_);
      return;
    }
    if (unreported_runs_ == 0) unreported_span_.begin = current_.span.begin;
    unreported_span_.end = current_.span.end;
    ++unreported_runs_;
  }

  std::size_t chars_ = 0;
  bool open_ = false;
  Run current_;
  std::vector<Run> reported_;
  std::size_t unreported_runs_ = 0;
  Span unreported_span_;
};

// Builds DecodedInput::text and its map. Consecutive characters of the same (UTF-8 width, source
// width) with contiguous sources become one run: copy for 1:1, scaled otherwise.
class TextBuilder {
 public:
  explicit TextBuilder(std::size_t expected_size) { text_.reserve(expected_size); }

  // bytes[begin, end), known to be valid UTF-8 without CR.
  void copy(std::string_view bytes, std::size_t begin, std::size_t end) {
    flush_group();
    text_.append(bytes.data() + begin, end - begin);
    map_.add_copy(begin, end - begin);
  }

  void replacement(std::size_t source, std::size_t source_length) {
    flush_group();
    append_utf8(text_, kReplacementChar);
    map_.add_collapsed(source, kReplacementCharWidth, source_length);
    replacements_.add(source, source + source_length);
  }

  // A decoded character made from bytes[source, source + source_length).
  void character(char32_t cp, std::size_t source, std::size_t source_length) {
    const std::size_t width = append_utf8(text_, cp);
    if (group_.units > 0 && width == group_.target_unit && source_length == group_.source_unit &&
        source == group_.source + group_.units * source_length) {
      ++group_.units;
      return;
    }
    flush_group();
    // Scaled runs store unit widths in a byte; a source "character" that wide (ICU consumed
    // bytes that produced no output) or empty (one source char, several code points) is mapped
    // on its own.
    if (source_length == 0 || source_length > UINT8_MAX) {
      map_.add_collapsed(source, width, source_length);
      return;
    }
    group_ = Group{source, 1, width, source_length};
  }

  DecodedInput finish(std::size_t source_end, std::string encoding) && {
    flush_group();
    map_.set_end(source_end);
    DecodedInput out;
    out.text = std::move(text_);
    out.to_raw = std::move(map_);
    out.encoding = std::move(encoding);
    out.replacement_chars = replacements_.chars();
    replacements_.append_warnings(out.warnings);
    return out;
  }

 private:
  struct Group {
    std::size_t source = 0;
    std::size_t units = 0;
    std::size_t target_unit = 0;
    std::size_t source_unit = 0;
  };

  void flush_group() {
    if (group_.units == 0) return;
    if (group_.target_unit == 1 && group_.source_unit == 1) {
      map_.add_copy(group_.source, group_.units);
    } else {
      map_.add_scaled(group_.source, group_.units, static_cast<std::uint8_t>(group_.target_unit),
                      static_cast<std::uint8_t>(group_.source_unit));
    }
    group_.units = 0;
  }

  std::string text_;
  OffsetMap map_;
  Group group_;
  ReplacementLog replacements_;
};

// D5/D6 for UTF-8: copies valid stretches, turns CR and CRLF into LF, and each maximal subpart of
// an ill-formed sequence into U+FFFD. `first_invalid` is find_invalid_utf8(bytes, skip).
DecodedInput decode_utf8(std::string_view bytes, std::size_t skip, std::size_t first_invalid) {
  const std::size_t n = bytes.size();
  std::size_t next_cr = find_cr(bytes, skip);
  if (first_invalid == n && next_cr == n) {
    // The common case: the text is the input and the map one copy run.
    DecodedInput out;
    out.text.assign(bytes.substr(skip));
    out.to_raw.add_copy(skip, n - skip);
    out.to_raw.set_end(n);
    out.encoding = "utf-8";
    return out;
  }
  TextBuilder builder(n - skip);
  std::size_t pos = skip;
  std::size_t next_invalid = first_invalid;
  // Both "next" positions only move forward, so the whole loop stays linear.
  while (pos < n) {
    const std::size_t stop = std::min(next_invalid, next_cr);
    if (stop > pos) builder.copy(bytes, pos, stop);
    pos = stop;
    if (pos >= n) break;
    if (pos == next_cr) {
      const std::size_t length = (pos + 1 < n && bytes[pos + 1] == '\n') ? 2 : 1;
      builder.character(U'\n', pos, length);
      pos += length;
      next_cr = find_cr(bytes, pos);
    } else {
      const std::size_t length = utf8_step(as_bytes(bytes), n, pos).length;
      builder.replacement(pos, length);
      pos += length;
      next_invalid = find_invalid_utf8(bytes, pos);
    }
  }
  return std::move(builder).finish(n, "utf-8");
}

// ---- ICU converters ----

struct ConverterCloser {
  void operator()(UConverter* converter) const noexcept { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// What the ICU callback writes for an invalid sequence. ICU never emits an unpaired surrogate for
// real text, so unlike U+FFFD this cannot be confused with a U+FFFD encoded in the input (which is
// not a replacement, D5). The assembler below turns it into U+FFFD and counts it.
constexpr UChar kReplacementMarker = 0xDFFF;

void write_replacement_marker(const void* /*context*/, UConverterToUnicodeArgs* args,
                              const char* /*code_units*/, int32_t /*length*/,
                              UConverterCallbackReason reason, UErrorCode* status) {
  if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
  *status = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacementMarker, 1, 0, status);
}

ConverterPtr open_converter(const char* icu_name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(icu_name, &status));
  if (U_FAILURE(status) || !converter) return nullptr;
  ucnv_setToUCallBack(converter.get(), write_replacement_marker, nullptr, nullptr, nullptr,
                      &status);
  if (U_FAILURE(status)) return nullptr;
  return converter;
}

// The MIME or IANA name of the converter when it has one ("big5", "windows-1252"), else ICU's.
std::string reported_name(UConverter* converter) {
  UErrorCode status = U_ZERO_ERROR;
  const char* name = ucnv_getName(converter, &status);
  if (U_FAILURE(status) || name == nullptr) return "unknown";
  for (const char* standard : {"MIME", "IANA"}) {
    UErrorCode lookup = U_ZERO_ERROR;
    const char* standard_name = ucnv_getStandardName(name, standard, &lookup);
    if (U_SUCCESS(lookup) && standard_name != nullptr) return ascii_lowercase(standard_name);
  }
  return ascii_lowercase(name);
}

// Turns UTF-16 units with source offsets into characters for a TextBuilder. A character's source
// length is only known when the next one starts, so each is held back by one; that also lets a CR
// absorb the LF after it (D6).
class CharAssembler {
 public:
  explicit CharAssembler(TextBuilder& out) : out_(out) {}

  void unit(char16_t unit, std::size_t source) {
    if (has_lead_) {
      has_lead_ = false;
      if (U16_IS_TRAIL(unit)) {
        code_point(U16_GET_SUPPLEMENTARY(lead_, unit), lead_source_, false);
        return;
      }
      code_point(kReplacementChar, lead_source_, true);
    }
    if (U16_IS_LEAD(unit)) {
      has_lead_ = true;
      lead_ = unit;
      lead_source_ = source;
      return;
    }
    // A lone trail surrogate is the callback's marker (or broken converter output).
    const bool replacement = U16_IS_TRAIL(unit);
    code_point(replacement ? kReplacementChar : unit, source, replacement);
  }

  void finish(std::size_t source_end) {
    if (has_lead_) {
      has_lead_ = false;
      code_point(kReplacementChar, lead_source_, true);
    }
    if (pending_) emit_pending(source_end);
  }

 private:
  struct Pending {
    char32_t cp = 0;
    std::size_t source = 0;
    bool replacement = false;
    bool crlf = false;
  };

  void code_point(char32_t cp, std::size_t source, bool replacement) {
    if (pending_) {
      if (pending_->cp == U'\r' && !pending_->replacement && !pending_->crlf && !replacement &&
          cp == U'\n') {
        pending_->crlf = true;
        return;
      }
      emit_pending(source);
    }
    pending_ = Pending{cp, source, replacement, false};
  }

  void emit_pending(std::size_t next_source) {
    const Pending& p = *pending_;
    const std::size_t length = next_source - p.source;
    if (p.replacement) {
      out_.replacement(p.source, length);
    } else {
      out_.character(p.cp == U'\r' ? U'\n' : p.cp, p.source, length);
    }
    pending_.reset();
  }

  TextBuilder& out_;
  bool has_lead_ = false;
  char16_t lead_ = 0;
  std::size_t lead_source_ = 0;
  std::optional<Pending> pending_;
};

DecodedInput convert(UConverter* converter, std::string_view bytes, std::size_t skip,
                     std::size_t chunk_units, std::size_t slice_bytes, std::string encoding) {
  const std::size_t n = bytes.size();
  TextBuilder builder(n + n / 2);
  CharAssembler chars(builder);
  // A short input needs no more than about one unit per byte, and ICU fills what it returns: the
  // buffers are neither larger nor zeroed for nothing. A smaller buffer only means more calls
  // (ICU reports the overflow).
  const std::size_t buffer_units = std::min(chunk_units, std::max<std::size_t>(n - skip, 1));
  const auto units = std::make_unique_for_overwrite<UChar[]>(buffer_units);
  const auto offsets = std::make_unique_for_overwrite<int32_t[]>(buffer_units);
  const char* const begin = bytes.data();
  const char* const limit = begin + n;
  const char* source = begin + skip;
  std::size_t last_source = skip;
  for (bool done = skip >= n; !done;) {
    const std::size_t call_base = static_cast<std::size_t>(source - begin);
    const bool last_slice = static_cast<std::size_t>(limit - source) <= slice_bytes;
    const char* const slice_limit = last_slice ? limit : source + slice_bytes;
    // Units without an offset (-1) continue a character begun in an earlier call: from bytes the
    // converter still holds from the previous slice, or output that overflowed the previous chunk.
    UErrorCode status = U_ZERO_ERROR;
    const int32_t held_bytes = ucnv_toUCountPending(converter, &status);
    std::size_t carried_source = last_source;
    if (U_SUCCESS(status) && held_bytes > 0 && static_cast<std::size_t>(held_bytes) <= call_base) {
      carried_source = call_base - static_cast<std::size_t>(held_bytes);
    }
    status = U_ZERO_ERROR;
    UChar* target = units.get();
    ucnv_toUnicode(converter, &target, units.get() + buffer_units, &source, slice_limit,
                   offsets.get(), last_slice, &status);
    const std::size_t produced = static_cast<std::size_t>(target - units.get());
    for (std::size_t i = 0; i < produced; ++i) {
      std::size_t unit_source =
          offsets[i] >= 0 ? call_base + static_cast<std::size_t>(offsets[i]) : carried_source;
      unit_source = std::clamp(unit_source, last_source, n);  // keep the map monotone
      last_source = carried_source = unit_source;
      chars.unit(units[i], unit_source);
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) {
      // ICU gave up: the rest of the input becomes one replacement, so that the map still covers
      // every byte.
      const std::size_t rest = std::max(static_cast<std::size_t>(source - begin), last_source);
      if (rest < n) chars.unit(kReplacementMarker, rest);
      break;
    }
    done = last_slice;  // flushed: nothing is left in the converter
  }
  chars.finish(n);
  return std::move(builder).finish(n, std::move(encoding));
}

// ---- labels (D3) ----

enum class Family { kUtf8, kGb18030, kIcu };

struct Encoding {
  Family family = Family::kUtf8;
  std::string icu_name;  // for kIcu
};

// GBK and GB2312 text is decoded as GB18030, its superset: GBK pages often hold characters
// GB2312 lacks (D3).
constexpr std::array<std::string_view, 11> kGbLabels = {
    "gb2312", "gbk",   "x-gbk",   "cp936",     "ms936",  "windows-936",
    "csgb2312", "csgbk", "chinese", "iso-ir-58", "gb18030"};
constexpr std::array<std::string_view, 6> kUtf8Labels = {
    "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& labels, std::string_view label) {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

Encoding from_icu_name(std::string icu_name) {
  const std::string lower = ascii_lowercase(icu_name);
  if (lower == "utf-8") return {Family::kUtf8, {}};
  if (lower == "gb18030") return {Family::kGb18030, {}};
  return {Family::kIcu, std::move(icu_name)};
}

// A lowercase label -> an encoding, through the tables above and ICU's alias table (which does
// not load any converter).
std::optional<Encoding> resolve_label(const std::string& label) {
  if (contains(kUtf8Labels, label)) return Encoding{Family::kUtf8, {}};
  if (contains(kGbLabels, label)) return Encoding{Family::kGb18030, {}};
  UErrorCode status = U_ZERO_ERROR;
  const char* canonical = ucnv_getAlias(label.c_str(), 0, &status);
  if (U_FAILURE(status) || canonical == nullptr) return std::nullopt;
  return from_icu_name(canonical);
}

// A forced name: a label, or any name ucnv_open accepts (converter names with options).
std::optional<Encoding> resolve_forced(const std::string& name) {
  if (auto encoding = resolve_label(name)) return encoding;
  if (open_converter(name.c_str())) return Encoding{Family::kIcu, name};
  return std::nullopt;
}

// A <meta> declaration is read as ASCII, so it cannot truly mean UTF-16 or UTF-32; like the WHATWG
// encoding sniffer we take it as UTF-8.
Encoding as_declared(Encoding encoding) {
  const std::string lower = ascii_lowercase(encoding.icu_name);
  if (encoding.family == Family::kIcu &&
      (lower.starts_with("utf-16") || lower.starts_with("utf-32"))) {
    return {Family::kUtf8, {}};
  }
  return encoding;
}

// The BOM of `encoding` at the start of `bytes`, skipped like D1 skips a UTF-8 BOM.
std::size_t own_bom_length(const Encoding& encoding, std::string_view bytes) {
  if (encoding.family == Family::kUtf8) return bytes.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  const std::string lower = ascii_lowercase(encoding.icu_name);
  if (lower == "utf-16le") return bytes.starts_with(kUtf16LeBom) ? kUtf16LeBom.size() : 0;
  if (lower == "utf-16be") return bytes.starts_with(kUtf16BeBom) ? kUtf16BeBom.size() : 0;
  return 0;
}

// Decodes with a resolved encoding; std::nullopt when ICU cannot open its converter.
std::optional<DecodedInput> decode_as(std::string_view bytes, const Encoding& encoding) {
  const std::size_t skip = own_bom_length(encoding, bytes);
  switch (encoding.family) {
    case Family::kUtf8: return decode_utf8(bytes, skip, find_invalid_utf8(bytes, skip));
    case Family::kGb18030: return decode_with_icu(bytes, skip, "gb18030");
    case Family::kIcu: return decode_with_icu(bytes, skip, encoding.icu_name.c_str());
  }
  return std::nullopt;
}

// ---- the decision (D1-D4) ----

Warning unknown_charset(const DeclaredCharset& declared) {
  return make_warning("unknown_charset",
                      fmt::format("The declared charset '{}' is unknown and was ignored.",
                                  declared.label),
                      declared.raw_span);
}

// D2: the bytes were decoded as UTF-8 whatever the page declared.
void note_losing_declaration(const DeclaredCharset& declared, std::string_view reason,
                             std::vector<Warning>& warnings) {
  const std::optional<Encoding> encoding = resolve_label(declared.label);
  if (!encoding) {
    warnings.push_back(unknown_charset(declared));
  } else if (as_declared(*encoding).family != Family::kUtf8) {
    warnings.push_back(make_warning(
        "charset_mismatch",
        fmt::format("The declared charset '{}' was ignored: {}.", declared.label, reason),
        declared.raw_span));
  }
}

// D4: no usable label and not UTF-8: GB18030, unless it makes at least as many U+FFFD as UTF-8
// does (the bytes are not valid UTF-8, so UTF-8 makes at least one).
DecodedInput decode_unlabelled(std::string_view bytes, std::size_t first_invalid) {
  std::optional<DecodedInput> gb18030 = decode_with_icu(bytes, 0, "gb18030");
  if (gb18030 && more_utf8_replacements_than(bytes, first_invalid, gb18030->replacement_chars)) {
    return std::move(*gb18030);
  }
  return decode_utf8(bytes, 0, first_invalid);
}

void prepend(std::vector<Warning> first, std::vector<Warning>& warnings) {
  warnings.insert(warnings.begin(), std::make_move_iterator(first.begin()),
                  std::make_move_iterator(first.end()));
}

DecodedInput decode_auto(std::string_view bytes) {
  // D1: a UTF-16 BOM selects UTF-16; without one UTF-16 is never guessed.
  constexpr std::array<std::pair<std::string_view, const char*>, 2> kUtf16Boms = {
      std::pair{kUtf16LeBom, "UTF-16LE"}, std::pair{kUtf16BeBom, "UTF-16BE"}};
  for (const auto& [bom, icu_name] : kUtf16Boms) {
    if (!bytes.starts_with(bom)) continue;
    if (auto out = decode_with_icu(bytes, bom.size(), icu_name)) return std::move(*out);
  }
  const std::size_t skip = bytes.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  const std::size_t first_invalid = find_invalid_utf8(bytes, skip);
  const std::optional<DeclaredCharset> declared = find_declared_charset(bytes);
  if (first_invalid == bytes.size() || skip > 0) {
    // D1/D2: valid UTF-8, or a UTF-8 BOM, beats any declaration.
    DecodedInput out = decode_utf8(bytes, skip, first_invalid);
    if (declared) {
      std::vector<Warning> notes;
      note_losing_declaration(*declared,
                              skip > 0 ? "the input starts with a UTF-8 byte order mark"
                                       : "the bytes are valid UTF-8",
                              notes);
      prepend(std::move(notes), out.warnings);
    }
    return out;
  }
  std::vector<Warning> notes;
  if (declared) {
    const std::optional<Encoding> encoding = resolve_label(declared->label);
    if (encoding && as_declared(*encoding).family == Family::kUtf8) {
      // A UTF-8 label on bytes that are not UTF-8 (a GBK page saved under a UTF-8 template) is
      // not usable: D4 decides, so such a page is read as GB18030 instead of as U+FFFD.
      DecodedInput out = decode_unlabelled(bytes, first_invalid);
      if (out.encoding != "utf-8") {
        notes.push_back(make_warning(
            "charset_mismatch",
            fmt::format("The declared charset '{}' was ignored: the bytes are not valid UTF-8.",
                        declared->label),
            declared->raw_span));
      }
      prepend(std::move(notes), out.warnings);
      return out;
    }
    if (encoding) {
      if (std::optional<DecodedInput> out = decode_as(bytes, as_declared(*encoding))) {
        return std::move(*out);
      }
    }
    notes.push_back(unknown_charset(*declared));
  }
  DecodedInput out = decode_unlabelled(bytes, first_invalid);
  prepend(std::move(notes), out.warnings);
  return out;
}

DecodedInput decode_forced(std::string_view bytes, const std::string& name) {
  const std::optional<Encoding> encoding = resolve_forced(name);
  std::optional<DecodedInput> out;
  if (encoding) out = decode_as(bytes, *encoding);
  if (!out) throw Error(ErrorCode::kEncoding, fmt::format("unknown encoding '{}'", name));
  return std::move(*out);
}

bool is_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':' || c == '+' || c == '(' || c == ')';
}

// The value of a `charset=` inside one <meta ...> tag: the charset attribute, or the charset
// parameter of a content attribute. `tag_offset` is where `tag` starts in the input.
std::optional<DeclaredCharset> charset_in_meta(std::string_view tag, std::size_t tag_offset) {
  constexpr std::string_view kCharset = "charset";
  std::size_t at = 0;
  while ((at = find_ignoring_case(tag, kCharset, at)) != std::string_view::npos) {
    std::size_t i = at + kCharset.size();
    while (i < tag.size() && is_ascii_space(tag[i])) ++i;
    if (i >= tag.size() || tag[i] != '=') {
      at = i;
      continue;
    }
    ++i;
    while (i < tag.size() && is_ascii_space(tag[i])) ++i;
    if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) ++i;
    const std::size_t label_begin = i;
    while (i < tag.size() && is_label_char(tag[i])) ++i;
    if (i > label_begin) {
      return DeclaredCharset{ascii_lowercase(tag.substr(label_begin, i - label_begin)),
                             Span{tag_offset + label_begin, tag_offset + i}};
    }
    at = i;
  }
  return std::nullopt;
}

}  // namespace

namespace {

struct StepResult {
  std::size_t pos;     // the first ill-formed byte, or where the caller goes on
  bool found_invalid;
};

// Checks the characters that start in [pos, stop) one at a time (Table 3-7, through utf8_step);
// the last one may run past `stop`, never past n.
inline StepResult check_characters(const unsigned char* s, std::size_t n, std::size_t pos,
                                   std::size_t stop) noexcept {
  while (pos < stop && pos < n) {
    if (s[pos] < 0x80) {
      ++pos;
      continue;
    }
    const Utf8Step step = utf8_step(s, n, pos);
    if (!step.valid) return {pos, true};
    pos += step.length;
  }
  return {pos, false};
}

#if TIFA_DECODE_SSE2

// Checks 16 bytes for well-formed UTF-8 made only of ASCII and of three-byte sequences with a
// lead in E1-EC or EE-EF, whose two continuation bytes may be any of 80-BF (E0 and ED restrict
// the second, so they are left to the scalar check). Chinese text is almost all such characters.
// `carry` holds, in bits 0-1, the positions of this block that must be continuation bytes of a
// lead near the end of the block before; on success it becomes that of this block for the next.
//
// Exactness: every lead has continuation bytes exactly at the next two positions, and every
// continuation byte belongs to such a lead; so the accepted bytes split into ASCII bytes and
// complete well-formed three-byte sequences, exactly as the byte-by-byte walk splits them.
inline bool is_plain_block(const unsigned char* s, unsigned& carry) noexcept {
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
  const unsigned non_ascii = static_cast<unsigned>(_mm_movemask_epi8(block));
  if ((non_ascii | carry) == 0) return true;
  // As signed bytes, continuation bytes 80-BF are -128..-65; adding 0x9F moves the leads E1-EF
  // to -128..-114.
  const unsigned continuation =
      static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(block, _mm_set1_epi8(-64))));
  const __m128i shifted = _mm_add_epi8(block, _mm_set1_epi8(static_cast<char>(0x9F)));
  const __m128i in_e1_ef = _mm_cmplt_epi8(shifted, _mm_set1_epi8(-113));
  const __m128i is_ed = _mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(0xED)));
  const unsigned lead =
      static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(is_ed, in_e1_ef)));
  if ((non_ascii & ~(continuation | lead)) != 0) return false;  // any other non-ASCII byte
  const unsigned expected_continuation = (lead << 1) | (lead << 2) | carry;
  if ((expected_continuation & 0xFFFFu) != continuation) return false;
  carry = expected_continuation >> 16;
  return true;
}

// The start of the character whose continuation bytes `carry` (see is_plain_block) announces:
// a lead at 15 of the block before expects bits 0 and 1, a lead at 14 only bit 0.
inline std::size_t start_of_carried_character(std::size_t block_start, unsigned carry) noexcept {
  if (carry == 0) return block_start;
  return block_start - (carry == 0b11u ? 1 : 2);
}

#endif

#if TIFA_CPU_DISPATCH && TIFA_DECODE_SSE2

// The masks of 32 bytes that is_plain_block tests: non-ASCII bytes, continuation bytes (80-BF)
// and leads in E1-EC or EE-EF.
struct ByteMasks {
  std::uint32_t non_ascii;
  std::uint32_t continuation;
  std::uint32_t lead;
};
TIFA_TARGET_AVX2 inline ByteMasks byte_masks_avx2(const unsigned char* s) noexcept {
  const __m256i block = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s));
  const __m256i shifted = _mm256_add_epi8(block, _mm256_set1_epi8(static_cast<char>(0x9F)));
  const __m256i in_e1_ef = _mm256_cmpgt_epi8(_mm256_set1_epi8(-113), shifted);
  const __m256i is_ed = _mm256_cmpeq_epi8(block, _mm256_set1_epi8(static_cast<char>(0xED)));
  return ByteMasks{
      static_cast<std::uint32_t>(_mm256_movemask_epi8(block)),
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(_mm256_set1_epi8(-64), block))),
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_andnot_si256(is_ed, in_e1_ef)))};
}

// is_plain_block for 64 bytes, as two 32-byte halves whose masks are joined into 64-bit ones:
// the mask tests, and the loop, are done once for 64 bytes. `carry` as there; a lead at byte 63
// expects bits 0 and 1 of the next block, one at byte 62 bit 0.
TIFA_TARGET_AVX2 inline bool is_plain_block64_avx2(const unsigned char* s, std::uint64_t& carry) noexcept {
  const ByteMasks low = byte_masks_avx2(s);
  const ByteMasks high = byte_masks_avx2(s + 32);
  const std::uint64_t non_ascii = low.non_ascii | (std::uint64_t{high.non_ascii} << 32);
  if ((non_ascii | carry) == 0) return true;
  const std::uint64_t continuation = low.continuation | (std::uint64_t{high.continuation} << 32);
  const std::uint64_t lead = low.lead | (std::uint64_t{high.lead} << 32);
  if ((non_ascii & ~(continuation | lead)) != 0) return false;
  if (((lead << 1) | (lead << 2) | carry) != continuation) return false;
  const std::uint64_t last_two = lead >> 62;  // leads at bytes 62 (bit 0) and 63 (bit 1)
  carry = ((last_two | (last_two >> 1)) & 1) | (last_two & 2);
  return true;
}

// The block loop of find_invalid_utf8 with 64-byte blocks; returns the first invalid byte, or
// where the blocks end (at a character start; the caller checks the rest).
TIFA_TARGET_AVX2 StepResult check_blocks_avx2(const unsigned char* s, std::size_t n, std::size_t pos) noexcept {
  constexpr std::size_t kBlock = 64;
  std::uint64_t carry = 0;
  const std::size_t last_block = n >= kBlock ? n - kBlock : 0;
  while (n >= kBlock && pos <= last_block) {
    if (is_plain_block64_avx2(s + pos, carry)) {
      pos += kBlock;
      continue;
    }
    pos = start_of_carried_character(pos, static_cast<unsigned>(carry));
    carry = 0;
    const StepResult result = check_characters(s, n, pos, pos + kBlock);
    if (result.found_invalid) return result;
    pos = result.pos;
  }
  return {start_of_carried_character(pos, static_cast<unsigned>(carry)), false};
}

#endif

// find_invalid_utf8: 64-byte blocks with AVX2 when `use_avx2`, then 16-byte blocks, then the
// rest character by character.
std::size_t find_invalid_utf8_in_blocks(std::string_view bytes, std::size_t from, bool use_avx2) noexcept {
  const unsigned char* s = as_bytes(bytes);
  const std::size_t n = bytes.size();
  std::size_t pos = from;
#if TIFA_DECODE_SSE2
  // The first character alone: the callers that step from one replacement to the next in a
  // non-UTF-8 text (more_utf8_replacements_than, decode_utf8) mostly stop right there.
  const StepResult first = check_characters(s, n, pos, pos + 1);
  if (first.found_invalid) return first.pos;
  pos = first.pos;
#if TIFA_CPU_DISPATCH
  if (use_avx2) {
    const StepResult blocks = check_blocks_avx2(s, n, pos);
    if (blocks.found_invalid) return blocks.pos;
    pos = blocks.pos;
  }
#endif
  constexpr std::size_t kBlock = 16;
  unsigned carry = 0;
  const std::size_t last_block = n >= kBlock ? n - kBlock : 0;
  while (n >= kBlock && pos <= last_block) {
    if (is_plain_block(s + pos, carry)) {
      pos += kBlock;
      continue;
    }
    // Something else in the block (a two- or four-byte character, E0/ED, an error): walk it one
    // character at a time from the start of the character it begins inside, then try whole
    // blocks again.
    pos = start_of_carried_character(pos, carry);
    carry = 0;
    const StepResult result = check_characters(s, n, pos, pos + kBlock);
    if (result.found_invalid) return result.pos;
    pos = result.pos;
  }
  pos = start_of_carried_character(pos, carry);
#endif
  const StepResult result = check_characters(s, n, pos, n);
  return result.found_invalid ? result.pos : n;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view bytes, std::size_t from) noexcept {
  return find_invalid_utf8_in_blocks(bytes, from, util::cpu_has_avx2());
}

std::size_t find_invalid_utf8_without_avx2(std::string_view bytes, std::size_t from) noexcept {
  return find_invalid_utf8_in_blocks(bytes, from, false);
}

std::optional<DeclaredCharset> find_declared_charset(std::string_view bytes) {
  const std::string_view window = bytes.substr(0, kDeclarationWindow);
  constexpr std::string_view kMeta = "<meta";
  // Only "<m" and "<M" can start one, found 32 or 16 places a step: this runs on every UTF-8
  // document, and stopping at every '<' of a page's head cost a call each.
  const auto next_tag_m = [window](std::size_t from) {
    return find_either_pair(window, from, window.size(), '<', 'm', 'M');
  };
  for (std::size_t at = next_tag_m(0); at != std::string_view::npos; at = next_tag_m(at + 1)) {
    const std::size_t attributes = at + kMeta.size();
    if (attributes >= window.size()) break;
    if (find_ignoring_case(window.substr(at, kMeta.size()), kMeta, 0) != 0) continue;
    if (!is_ascii_space(window[attributes]) && window[attributes] != '/') continue;  // <metadata>
    std::size_t tag_end = window.find('>', attributes);
    if (tag_end == std::string_view::npos) tag_end = window.size();
    const std::string_view tag = window.substr(attributes, tag_end - attributes);
    if (auto declared = charset_in_meta(tag, attributes)) return declared;
  }
  return std::nullopt;
}

std::optional<DecodedInput> decode_with_icu(std::string_view bytes, std::size_t skip,
                                            const char* icu_name, std::size_t chunk_units,
                                            std::size_t slice_bytes) {
  ConverterPtr converter = open_converter(icu_name);
  if (!converter) return std::nullopt;
  std::string encoding = reported_name(converter.get());
  return convert(converter.get(), bytes, std::min(skip, bytes.size()),
                 std::max<std::size_t>(chunk_units, 1), std::max<std::size_t>(slice_bytes, 1),
                 std::move(encoding));
}

}  // namespace tifa::input

namespace tifa {

DecodedInput decode(std::string_view bytes, std::string_view encoding) {
  // "" and "auto", nearly every call, are told without making a lower-case copy.
  const std::string_view trimmed = input::trim(encoding);
  const bool automatic =
      trimmed.empty() || (trimmed.size() == 4 && input::find_ignoring_case(trimmed, "auto", 0) == 0);
  DecodedInput out = automatic ? input::decode_auto(bytes)
                               : input::decode_forced(bytes, input::ascii_lowercase(trimmed));
  if (bytes.empty()) {
    out.warnings.push_back(Warning{"empty_input", "The input is empty.", Span{0, 0}});
  }
  return out;
}

}  // namespace tifa
