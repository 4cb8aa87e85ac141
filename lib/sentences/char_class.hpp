// Character classes of spec/sentences.md §4, compiled in (C5): no ICU or utf8proc at run time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace tifa::sentences {

#if defined(__GNUC__) || defined(__clang__)
#define TIFA_SENT_INLINE inline __attribute__((always_inline))
#define TIFA_SENT_NOINLINE __attribute__((noinline))  // a rare path kept out of its caller
#else
#define TIFA_SENT_INLINE inline
#define TIFA_SENT_NOINLINE
#endif

// Class of one character (a valid UTF-8 sequence or one invalid byte).
enum Cls : std::uint8_t {
  kNone = 0,   // no character (start or end of the unit)
  kOther,      // anything not listed below and below U+2E80 (ASCII symbols, Latin-1, ①, —, ·)
  kCjk,        // "CJK character": >= U+2E80, not listed, not White_Space
  kUpper,      // A-Z
  kLower,      // a-z
  kDigit,      // 0-9
  kFDigit,     // ０-９
  kWs,         // White_Space that is not a line break
  kLb,         // line break: LF VT CR NEL LS
  kPb,         // paragraph break: FF PS
  kTerm,       // 。！？｡︒﹗﹖︕︖‼⁇⁈⁉
  kAExcl,      // ASCII ! ?
  kPeriod,     // . ． ﹒
  kEllipsis,   // … ⋯
  kComma,      // ， , ﹐
  kEnumComma,  // 、 ﹑ ､
  kSemi,       // ； ﹔
  kASemi,      // ;
  kColon,      // ： ﹕
  kAColon,     // :
  kOpen,       // left member of a pair (pair id in Char::pair)
  kClose,      // right member of a pair
  kDQuote,     // ASCII " (opens or closes, Q1)
  kSQuote,     // ASCII ' (opens or closes, or an apostrophe)
  kPercent,    // % ‰ ％
  kRoman,      // Ⅰ-Ⅻ (U+2160-216B), for enumerators
  kAt,         // @
  kInvalid,    // an invalid byte: one ordinary non-gap character
};

// Pair ids: quotation pairs 0-6, title pairs 7-8, bracket pairs 9-17.
enum Pair : std::uint8_t {
  kPairDoubleQuote = 0,  // “”
  kPairSingleQuote,      // ‘’
  kPairCorner,           // 「」
  kPairWhiteCorner,      // 『』
  kPairVertCorner,       // ﹃﹄
  kPairAsciiDouble,      // "
  kPairAsciiSingle,      // '
  kPairTitle,            // 《》
  kPairTitleSingle,      // 〈〉
  kPairFullParen,        // （）
  kPairParen,            // ()
  kPairLenticular,       // 【】
  kPairTortoise,         // 〔〕
  kPairFullSquare,       // ［］
  kPairSquare,           // []
  kPairWhiteLenticular,  // 〖〗
  kPairFullCurly,        // ｛｝
  kPairCurly,            // {}
  kPairNone = 0xFF,
};

inline constexpr bool pair_is_quote(std::uint8_t p) { return p <= kPairAsciiSingle; }
inline constexpr bool pair_is_title(std::uint8_t p) {
  return p == kPairTitle || p == kPairTitleSingle;
}

struct Char {
  std::uint32_t cp;   // code point; 0x110000 + byte for an invalid byte; 0 for kNone
  std::uint8_t len;   // bytes (1-4); 0 for kNone
  std::uint8_t cls;   // Cls
  std::uint8_t pair;  // Pair for kOpen / kClose, else kPairNone
};

inline constexpr bool is_cont(unsigned char b) { return (b & 0xC0u) == 0x80u; }

// Length of the valid UTF-8 sequence starting at p (before e), or 0 when p starts none.
TIFA_SENT_INLINE unsigned valid_len(const unsigned char* p, const unsigned char* e) {
  const unsigned char b = *p;
  if (b < 0x80) return 1;
  const std::ptrdiff_t avail = e - p;
  if (b < 0xC2) return 0;
  if (b < 0xE0) return (avail >= 2 && is_cont(p[1])) ? 2u : 0u;
  if (b < 0xF0) {
    if (avail < 3 || !is_cont(p[1]) || !is_cont(p[2])) return 0;
    if (b == 0xE0 && p[1] < 0xA0) return 0;
    if (b == 0xED && p[1] > 0x9F) return 0;
    return 3;
  }
  if (b < 0xF5) {
    if (avail < 4 || !is_cont(p[1]) || !is_cont(p[2]) || !is_cont(p[3])) return 0;
    if (b == 0xF0 && p[1] < 0x90) return 0;
    if (b == 0xF4 && p[1] > 0x8F) return 0;
    return 4;
  }
  return 0;
}

namespace detail {

struct AsciiInfo {
  std::array<std::uint8_t, 128> cls{};
  std::array<std::uint8_t, 128> pair{};
};

constexpr AsciiInfo make_ascii() {
  AsciiInfo a{};
  for (int c = 0; c < 128; ++c) {
    std::uint8_t k = kOther;
    if (c >= 'A' && c <= 'Z') k = kUpper;
    else if (c >= 'a' && c <= 'z') k = kLower;
    else if (c >= '0' && c <= '9') k = kDigit;
    a.cls[c] = k;
    a.pair[c] = kPairNone;
  }
  a.cls['\t'] = kWs;
  a.cls[' '] = kWs;
  a.cls['\n'] = kLb;
  a.cls[0x0B] = kLb;
  a.cls['\r'] = kLb;
  a.cls[0x0C] = kPb;
  a.cls['!'] = kAExcl;
  a.cls['?'] = kAExcl;
  a.cls['.'] = kPeriod;
  a.cls[','] = kComma;
  a.cls[';'] = kASemi;
  a.cls[':'] = kAColon;
  a.cls['"'] = kDQuote;
  a.cls['\''] = kSQuote;
  a.cls['%'] = kPercent;
  a.cls['@'] = kAt;
  a.cls['('] = kOpen;  a.pair['('] = kPairParen;
  a.cls[')'] = kClose; a.pair[')'] = kPairParen;
  a.cls['['] = kOpen;  a.pair['['] = kPairSquare;
  a.cls[']'] = kClose; a.pair[']'] = kPairSquare;
  a.cls['{'] = kOpen;  a.pair['{'] = kPairCurly;
  a.cls['}'] = kClose; a.pair['}'] = kPairCurly;
  return a;
}

inline constexpr AsciiInfo kAscii = make_ascii();

}  // namespace detail

// Class of a code point >= 0x80 (the listed ones), before the CJK default.
constexpr Char classify_listed(std::uint32_t cp) {
  Char c{cp, 0, kOther, kPairNone};
  auto set = [&](std::uint8_t k) { c.cls = k; };
  auto open = [&](std::uint8_t p) { c.cls = kOpen; c.pair = p; };
  auto close = [&](std::uint8_t p) { c.cls = kClose; c.pair = p; };
  if (cp < 0x2000) {
    if (cp == 0x85) set(kLb);
    else if (cp == 0xA0 || cp == 0x1680) set(kWs);
    return c;
  }
  if (cp < 0x2E80) {
    if (cp <= 0x200A) { set(kWs); return c; }
    switch (cp) {
      case 0x2018: open(kPairSingleQuote); break;
      case 0x2019: close(kPairSingleQuote); break;
      case 0x201C: open(kPairDoubleQuote); break;
      case 0x201D: close(kPairDoubleQuote); break;
      case 0x2026: case 0x22EF: set(kEllipsis); break;
      case 0x2028: set(kLb); break;
      case 0x2029: set(kPb); break;
      case 0x202F: case 0x205F: set(kWs); break;
      case 0x2030: set(kPercent); break;
      case 0x203C: case 0x2047: case 0x2048: case 0x2049: set(kTerm); break;
      default:
        if (cp >= 0x2160 && cp <= 0x216B) set(kRoman);
        break;
    }
    return c;
  }
  set(kCjk);
  switch (cp) {
    case 0x3000: set(kWs); break;
    case 0x3001: set(kEnumComma); break;
    case 0x3002: set(kTerm); break;
    case 0x3008: open(kPairTitleSingle); break;
    case 0x3009: close(kPairTitleSingle); break;
    case 0x300A: open(kPairTitle); break;
    case 0x300B: close(kPairTitle); break;
    case 0x300C: open(kPairCorner); break;
    case 0x300D: close(kPairCorner); break;
    case 0x300E: open(kPairWhiteCorner); break;
    case 0x300F: close(kPairWhiteCorner); break;
    case 0x3010: open(kPairLenticular); break;
    case 0x3011: close(kPairLenticular); break;
    case 0x3014: open(kPairTortoise); break;
    case 0x3015: close(kPairTortoise); break;
    case 0x3016: open(kPairWhiteLenticular); break;
    case 0x3017: close(kPairWhiteLenticular); break;
    case 0xFE12: case 0xFE15: case 0xFE16: case 0xFE56: case 0xFE57:
    case 0xFF01: case 0xFF1F: case 0xFF61: set(kTerm); break;
    case 0xFE43: open(kPairVertCorner); break;
    case 0xFE44: close(kPairVertCorner); break;
    case 0xFE50: case 0xFF0C: set(kComma); break;
    case 0xFE51: case 0xFF64: set(kEnumComma); break;
    case 0xFE52: case 0xFF0E: set(kPeriod); break;
    case 0xFE54: case 0xFF1B: set(kSemi); break;
    case 0xFE55: case 0xFF1A: set(kColon); break;
    case 0xFF05: set(kPercent); break;
    case 0xFF08: open(kPairFullParen); break;
    case 0xFF09: close(kPairFullParen); break;
    case 0xFF3B: open(kPairFullSquare); break;
    case 0xFF3D: close(kPairFullSquare); break;
    case 0xFF5B: open(kPairFullCurly); break;
    case 0xFF5D: close(kPairFullCurly); break;
    default:
      if (cp >= 0xFF10 && cp <= 0xFF19) set(kFDigit);
      break;
  }
  return c;
}

namespace detail {

// Tables for the blocks that hold the listed marks: U+2000-207F, U+3000-307F, U+FE00-FF7F.
struct BlockTable {
  std::array<std::uint8_t, 128> cls2000{}, pair2000{};
  std::array<std::uint8_t, 128> cls3000{}, pair3000{};
  std::array<std::uint8_t, 384> clsFE00{}, pairFE00{};
};

constexpr BlockTable make_blocks() {
  BlockTable t{};
  for (std::uint32_t k = 0; k < 128; ++k) {
    Char a = classify_listed(0x2000 + k);
    t.cls2000[k] = a.cls; t.pair2000[k] = a.pair;
    Char b = classify_listed(0x3000 + k);
    t.cls3000[k] = b.cls; t.pair3000[k] = b.pair;
  }
  for (std::uint32_t k = 0; k < 384; ++k) {
    Char a = classify_listed(0xFE00 + k);
    t.clsFE00[k] = a.cls; t.pairFE00[k] = a.pair;
  }
  return t;
}

inline constexpr BlockTable kBlocks = make_blocks();

}  // namespace detail

// Class of a code point >= 0x80.
inline Char classify_cp(std::uint32_t cp, std::uint8_t len) {
  if (cp >= 0x3000 && cp < 0x3080)
    return Char{cp, len, detail::kBlocks.cls3000[cp - 0x3000], detail::kBlocks.pair3000[cp - 0x3000]};
  if (cp >= 0xFE00 && cp < 0xFF80)
    return Char{cp, len, detail::kBlocks.clsFE00[cp - 0xFE00], detail::kBlocks.pairFE00[cp - 0xFE00]};
  if (cp >= 0x2000 && cp < 0x2080)
    return Char{cp, len, detail::kBlocks.cls2000[cp - 0x2000], detail::kBlocks.pair2000[cp - 0x2000]};
  if (cp >= 0x2E80) return Char{cp, len, kCjk, kPairNone};
  Char c = classify_listed(cp);
  c.len = len;
  return c;
}

// Decodes the character at p (p < e). Invalid bytes come back one at a time as kInvalid.
TIFA_SENT_INLINE Char decode_at(const unsigned char* p, const unsigned char* e) {
  const unsigned char b = *p;
  if (b < 0x80) return Char{b, 1, detail::kAscii.cls[b], detail::kAscii.pair[b]};
  const unsigned l = valid_len(p, e);
  std::uint32_t cp;
  switch (l) {
    case 2: cp = (static_cast<std::uint32_t>(b & 0x1Fu) << 6) | (p[1] & 0x3Fu); break;
    case 3:
      cp = (static_cast<std::uint32_t>(b & 0x0Fu) << 12) |
           (static_cast<std::uint32_t>(p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      break;
    case 4:
      cp = (static_cast<std::uint32_t>(b & 0x07u) << 18) |
           (static_cast<std::uint32_t>(p[1] & 0x3Fu) << 12) |
           (static_cast<std::uint32_t>(p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
      break;
    default: return Char{0x110000u + b, 1, kInvalid, kPairNone};
  }
  return classify_cp(cp, static_cast<std::uint8_t>(l));
}

inline constexpr bool is_gap_cls(std::uint8_t k) { return k == kWs || k == kLb || k == kPb; }
inline constexpr bool is_internal_cls(std::uint8_t k) {
  return k == kComma || k == kEnumComma || k == kSemi || k == kASemi || k == kColon ||
         k == kAColon;
}
inline constexpr bool is_latin_cls(std::uint8_t k) { return k == kUpper || k == kLower; }
inline constexpr bool is_digit_cls(std::uint8_t k) { return k == kDigit || k == kFDigit; }
// ！？ and their variants: the marks a nominal quotation (Q4) ends with.
inline constexpr bool is_excl_cp(std::uint32_t cp) {
  return cp == '!' || cp == '?' || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFE56 ||
         cp == 0xFE57 || cp == 0xFE15 || cp == 0xFE16 || cp == 0x203C || cp == 0x2047 ||
         cp == 0x2048 || cp == 0x2049;
}

}  // namespace tifa::sentences
