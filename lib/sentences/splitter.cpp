// The sentence splitter of spec/sentences.md.
//
// Design (one forward pass, fused steps of the §5 evaluation order):
//
//  * The scanner walks the bytes of one *unit* (text between two line boundaries) at a time. A
//    256-entry table on the lead byte lets it skip ordinary ASCII one byte and ordinary 3-byte
//    characters (lead E4-EC, EE: all ideographs) three bytes per step; every mark of §4 is ASCII
//    or has lead byte C2, E1, E2, E3 or EF and goes through the slow path (decode + classify).
//  * Where the build has SSE2 (every x86-64), the unit scan and the W2 width count look at 16
//    bytes at a time instead (skip_plain, skip_width). Chinese prose has a mark every seven
//    characters or so, and with one step per character most of the time went into the
//    mispredicted branch at the end of each run; the vector code finds the next stop with one
//    compare-and-count and reuses the window's stop mask after a mark. The portable path stays
//    as it is, gives the same spans (tested), and is what other builds use.
//  * Gap runs (White_Space and page markers) are read whole. A run with a page marker is
//    transparent (P1). A run with two or more line breaks or FF/PS is a paragraph break (N1);
//    a run with one line break is decided by the newline mode, W1 (local context) and W2 (a line
//    table of the paragraph, built lazily once per paragraph when a single line break needs it,
//    and cut short as soon as a line wider than 200 columns settles that there are no soft
//    wraps). Line decisions never look at quotes, so units are fixed before the pair stack.
//  * In a unit, each candidate (terminator, full-stop period, ellipsis, S2 semicolon) absorbs the
//    following closers and terminators (T1, T2), then a boundary is placed unless T4, Q2, Q5, Q4
//    or Q3 vetoes it. Context rules (A1-A6, Q3, Q4, T4) run only at candidates and look a bounded
//    distance around them.
//  * The pair stack (Q1) is at most 16 deep. Openers that stay unmatched are ordinary text: when a
//    unit had any, its sentences are dropped and the unit is scanned once more with those
//    openers marked as ignored (at most two passes per unit, so still O(n)).
//  * Sentences are trimmed (C2), cut by max_sentence_bytes (M1) and flagged as they are emitted.
//    Nothing is allocated per character; the output vector is reused by the caller.
#include "tifa/sentences.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sentences/char_class.hpp"
#include "sentences/portable.hpp"
#include "tifa/error.hpp"
#include "util/cpu_features.hpp"

// SSE2 is part of x86-64, so the vector fast path needs no run-time dispatch. Everything else
// (and TIFA_SENTENCES_NO_SIMD builds) uses the portable path, which gives the same spans. On CPUs
// with AVX2 (checked at run time), the skip scan's windows without a stop go 32 bytes at a time.
#if (defined(__SSE2__) || defined(_M_X64)) && !defined(TIFA_SENTENCES_NO_SIMD)
#define TIFA_SENT_SSE2 1
#include <emmintrin.h>
#else
#define TIFA_SENT_SSE2 0
#endif
#if TIFA_SENT_SSE2 && TIFA_CPU_DISPATCH
#define TIFA_SENT_AVX2 1
#else
#define TIFA_SENT_AVX2 0
#endif

namespace tifa {

using namespace tifa::sentences;

namespace {

// Lead-byte classes of the fast path.
// kLeadMark3 (E2, E3, EF): a 3-byte character that may be a mark; ord3 says whether it is
// ordinary for the unit scan (no candidate, pair, gap or rule of its own).
enum Lead : std::uint8_t { kLeadSlow = 0, kLeadMark3 = 1, kLeadAscii = 2, kLeadCjk3 = 3 };

constexpr std::size_t kNpos = static_cast<std::size_t>(-1);
constexpr int kMaxDepth = 16;
constexpr int kQ3MaxWindow = 24;   // Q3 window, code points
constexpr int kQ4MaxContent = 12;  // Q4 content, code points
constexpr int kQ4MaxChain = 4;     // Q4 chain length
constexpr std::uint32_t kW2MinWidth = 40;   // W2 width range of a hard-wrapped paragraph
constexpr std::uint32_t kW2MaxWidth = 200;

// A3 built-in abbreviations (case-sensitive, matched against the whole Latin word before `.`).
constexpr std::array<std::string_view, 33> kAbbreviations = {
    "Inc", "Co", "Corp", "Ltd", "Dr", "Mr", "Mrs", "Ms", "Prof", "Sr", "Jr",
    "St", "No", "vs", "etc", "al", "Fig", "Vol", "pp", "Dept", "Univ", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};

// Q3 verbs of saying and the optional objects after them.
constexpr std::array<std::string_view, 30> kSayVerbs = {
    "说", "说道", "讲", "道", "问", "问道", "答", "答道", "回答", "喊道",
    "叫道", "笑道", "叹道", "写道", "感慨", "感慨道", "感叹", "表示", "指出", "强调",
    "介绍", "告诉", "透露", "坦言", "称", "补充", "补充道", "解释", "回忆", "提醒"};
constexpr std::array<std::string_view, 6> kSayObjects = {"", "记者", "本报记者", "笔者", "我们",
                                                         "大家"};
// Q4 predicate starts (已经 is covered by 已).
constexpr std::array<std::string_view, 13> kPredicates = {
    "是", "成为", "成了", "已", "这一", "这个", "这句", "的", "等", "一词", "一语", "被", "让"};

inline bool is_ascii_alpha(unsigned char c) { return ((c | 0x20u) - 'a') < 26u; }
inline bool is_ascii_digit(unsigned char c) { return static_cast<unsigned>(c - '0') < 10u; }
inline bool is_ascii_alnum(unsigned char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }

struct Gap {
  std::size_t begin = 0, end = 0;  // [begin, end) maximal run of white space and markers
  std::size_t last_break_end = 0;  // just after the last line break char in the run
  int breaks = 0;                  // line breaks (CRLF = 1)
  bool para = false;               // FF or PS present
  bool marker = false;             // a page marker present: the run is transparent (P1)
  bool empty() const { return end == begin; }
};

struct LineRec {
  std::size_t break_begin;  // begin of the gap run holding the line break after this line
  std::size_t next_start;   // first non-gap byte of the next line
  std::uint32_t width;      // columns, leading white space counted, trailing ignored
  bool soft;                // W2: the break after this line is a soft wrap
};

struct Entry {
  std::size_t pos;
  std::uint8_t pair;
  bool ignored;  // an opener that stays unmatched: ordinary text (Q1)
  bool initial;  // the first non-gap character of its sentence (Q3)
};

// The rows avx2_stops works with, 32 bytes each. Loaded from memory rather than built from
// immediates: GCC makes each such constant with three instructions on every call.
struct StopLanes {
  enum Row : int {
    // The bytes skipped alone (continuation bytes, ideograph leads, ASCII digits and letters) by
    // two nibble lookups: a byte is one of them when the class bits of its high nibble
    // (kHighClasses) and of its low nibble (kLowClasses) share a bit. The same 16 entries in both
    // halves (vpshufb looks up within each 16-byte half).
    kHighClasses,
    kLowClasses,
    kLowNibble,    // 0F
    kCommaLead,    // ， EF BC 8C
    kCommaMid,
    kCommaLast,
    kEnumLead,     // 、 E3 80 81
    kEnumMid,
    kEnumLast,
    kMarkerLead,   // the page marker's first byte (Scanner::mk0_)
    kRows
  };
  unsigned char bytes[kRows][32];
};

// The immutable state shared by all users of one SentenceSplitter.
struct SplitterData {
  SentenceOptions opt;
  std::array<std::uint8_t, 256> lead{};  // Lead class of each byte
  std::array<std::uint8_t, 256> adv{};   // 1 for kLeadAscii, 3 for kLeadCjk3, else 0
  // Bit b2&63 of ord3[(b0&15)*64 + (b1&63)]: the 3-byte character b0 b1 b2 (b0 of kLeadMark3) is
  // ordinary text in the unit scan (its class goes to the scan's default case) and not a gap.
  std::array<std::uint64_t, 16 * 64> ord3{};
  std::vector<std::string> extra_abbr;
  bool avx2 = false;  // the CPU has AVX2: skip_plain may use quiet_windows_avx2
  StopLanes stop_lanes{};
};

#if TIFA_SENT_AVX2
// (A helper rather than a lambda: lambdas would not take the AVX2 target over.)
TIFA_TARGET_AVX2 inline __m256i row(const StopLanes& lanes, StopLanes::Row r) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lanes.bytes[r]));
}

// Scanner::sse2_stops for 32 bytes: bit k set when s[i + k] may need the unit scan's attention
// (same byte rules, see there; the single-byte ones by nibble lookups); reads s[i, i + 34).
TIFA_TARGET_AVX2 inline std::uint32_t avx2_stops(const unsigned char* s, std::size_t i,
                                                 const StopLanes& c) {
  using R = StopLanes;
  const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
  const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 1));
  const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 2));
  const __m256i low_nibble = row(c, R::kLowNibble);
  const __m256i high = _mm256_and_si256(_mm256_srli_epi16(v0, 4), low_nibble);
  const __m256i classes = _mm256_and_si256(_mm256_shuffle_epi8(row(c, R::kHighClasses), high),
                                           _mm256_shuffle_epi8(row(c, R::kLowClasses),
                                                               _mm256_and_si256(v0, low_nibble)));
  const __m256i comma = _mm256_and_si256(
      _mm256_cmpeq_epi8(v0, row(c, R::kCommaLead)),
      _mm256_and_si256(_mm256_cmpeq_epi8(v1, row(c, R::kCommaMid)),
                       _mm256_cmpeq_epi8(v2, row(c, R::kCommaLast))));
  const __m256i enum_comma = _mm256_and_si256(
      _mm256_cmpeq_epi8(v0, row(c, R::kEnumLead)),
      _mm256_and_si256(_mm256_cmpeq_epi8(v1, row(c, R::kEnumMid)),
                       _mm256_cmpeq_epi8(v2, row(c, R::kEnumLast))));
  const __m256i unskipped_byte = _mm256_cmpeq_epi8(classes, _mm256_setzero_si256());
  const __m256i stop = _mm256_or_si256(
      _mm256_andnot_si256(_mm256_or_si256(comma, enum_comma), unskipped_byte),
      _mm256_cmpeq_epi8(v0, row(c, R::kMarkerLead)));
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(stop));
}

// Skips 32-byte windows without a stop from i (n - i >= 34). Returns the start of the first
// window with a stop, its stops in `stops`; or, with stops 0, the first position that leaves
// fewer than 34 bytes (the caller goes on with 16-byte windows).
TIFA_TARGET_AVX2 std::size_t quiet_windows_avx2(const unsigned char* s, std::size_t i, std::size_t n,
                                                const StopLanes& lanes, unsigned& stops) {
  while (n - i >= 34) {
    const std::uint32_t m = avx2_stops(s, i, lanes);
    if (m != 0) {
      stops = m;
      return i;
    }
    i += 32;
  }
  stops = 0;
  return i;
}
#endif

enum class UnitEnd { kText, kLine, kPara };
struct UnitResult {
  std::size_t end;   // end of the unit's text (begin of the boundary gap or text size)
  std::size_t next;  // where the next unit starts
  std::size_t para_ws_start;
  UnitEnd kind;
};

class Scanner {
 public:
  // simd: use the SSE2 fast paths where the build has them (false: the portable paths only);
  // avx2 (with simd): skip_plain also uses quiet_windows_avx2.
  Scanner(const SplitterData& im, std::string_view text, std::vector<SentenceSpan>& out, bool simd,
          bool avx2)
      : im_(im),
        s_(reinterpret_cast<const unsigned char*>(text.data())),
        n_(text.size()),
        e_(s_ + text.size()),
        out_(out),
        mk_(reinterpret_cast<const unsigned char*>(im.opt.page_marker.data())),
        mlen_(im.opt.page_marker.size()),
        s2_(im.opt.split_on_semicolon),
        inside_(im.opt.split_inside_quotes),
        mode_(im.opt.newline_mode),
        maxb_(im.opt.max_sentence_bytes),
        mk0_(im.opt.page_marker.empty() ? 0xFF : static_cast<unsigned char>(im.opt.page_marker[0])),
        simd_(simd && TIFA_SENT_SSE2 != 0),
        avx2_(simd_ && avx2 && TIFA_SENT_AVX2 != 0) {}

  void run() {
    out_.clear();
    u0_ = 0;
    para_ws_start_ = 0;
    para_built_ = false;
    while (true) {
      const std::size_t mark = out_.size();
      pass2_ = false;
      unmatched_.clear();
      UnitResult r = scan_unit();
      if (!unmatched_.empty()) {
        // Q1: some opener stayed unmatched; decide the unit again as if it had opened nothing.
        out_.resize(mark);
        std::sort(unmatched_.begin(), unmatched_.end());
        pass2_ = true;
        um_cursor_ = 0;
        r = scan_unit();
      }
      if (r.kind == UnitEnd::kText) break;
      if (r.kind == UnitEnd::kPara) {
        para_ws_start_ = r.para_ws_start;
        para_built_ = false;
      }
      u0_ = r.next;
    }
  }

 private:
  // ---------------------------------------------------------------- characters and gaps
  // Decodes and classifies the character at i: ASCII and the blocks holding the marks
  // (U+2000-207F, U+3000-303F, U+FE00-FF7F) by table, other 3-byte characters directly, the rest
  // by decode_at. Same result as decode_at, faster.
  TIFA_SENT_INLINE Char at(std::size_t i) const {
    const unsigned char b = s_[i];
    if (b < 0x80) return Char{b, 1, detail::kAscii.cls[b], detail::kAscii.pair[b]};
    if (b >= 0xE2 && b != 0xED && b <= 0xEF && i + 2 < n_ && is_cont(s_[i + 1]) && is_cont(s_[i + 2])) {
      const unsigned char b1 = s_[i + 1], b2 = s_[i + 2];
      const std::uint32_t cp = (static_cast<std::uint32_t>(b & 0x0Fu) << 12) |
                               (static_cast<std::uint32_t>(b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      const auto& t = detail::kBlocks;
      if (b == 0xE3) {
        if (b1 == 0x80) return Char{cp, 3, t.cls3000[b2 & 0x3Fu], t.pair3000[b2 & 0x3Fu]};
        return Char{cp, 3, kCjk, kPairNone};
      }
      if (b == 0xEF) {
        if (b1 >= 0xB8 && b1 <= 0xBD) {
          const std::size_t k = (static_cast<std::size_t>(b1 - 0xB8) << 6) | (b2 & 0x3Fu);
          return Char{cp, 3, t.clsFE00[k], t.pairFE00[k]};
        }
        return Char{cp, 3, kCjk, kPairNone};
      }
      if (b == 0xE2) {
        if (b1 <= 0x81) {
          const std::size_t k = (static_cast<std::size_t>(b1 & 1u) << 6) | (b2 & 0x3Fu);
          return Char{cp, 3, t.cls2000[k], t.pair2000[k]};
        }
        return classify_cp(cp, 3);
      }
      return Char{cp, 3, kCjk, kPairNone};  // E4-EC, EE: U+4000-CFFF, U+E000-EFFF
    }
    return decode_at(s_ + i, e_);
  }
  static Char none() { return Char{0, 0, kNone, kPairNone}; }

  // Skips ordinary ASCII (adv 1) and ordinary 3-byte characters (adv 3 plus two continuation
  // bytes) from i while i + 2 < n_. Branches, not a branch-free step: a predicted branch keeps
  // the loads of the next character off the dependency chain.
  // With kCount, the number of 3-byte characters skipped is added to *n3.
  template <bool kCount = false>
  TIFA_SENT_INLINE std::size_t skip_ordinary(std::size_t i, const std::uint8_t* adv,
                                             std::uint32_t* n3 = nullptr) const {
    while (i + 2 < n_) {
      const std::uint8_t a = adv[s_[i]];
      if (a == 3) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        // Two ordinary 3-byte characters at once: bytes 1, 2, 4, 5 continuation bytes, byte 3
        // another ordinary lead (byte 0 is one already).
        if (n_ - i >= 14) {  // four at once
          std::uint64_t w, v;
          std::memcpy(&w, s_ + i, 8);
          std::memcpy(&v, s_ + i + 6, 8);
          constexpr std::uint64_t kMask = 0x0000C0C000C0C000ull, kCont = 0x0000808000808000ull;
          if ((w & kMask) == kCont && (v & kMask) == kCont &&
              (adv[(w >> 24) & 0xFFu] & adv[v & 0xFFu] & adv[(v >> 24) & 0xFFu]) == 3) {
            i += 12;
            if constexpr (kCount) *n3 += 4;
            continue;
          }
        }
        if (n_ - i >= 8) {
          std::uint64_t w;
          std::memcpy(&w, s_ + i, 8);
          if ((w & 0x0000C0C000C0C000ull) == 0x0000808000808000ull &&
              adv[(w >> 24) & 0xFFu] == 3) {
            i += 6;
            if constexpr (kCount) *n3 += 2;
            continue;
          }
        }
#endif
        if (is_cont(s_[i + 1]) && is_cont(s_[i + 2])) {
          i += 3;
          if constexpr (kCount) *n3 += 1;
          continue;
        }
        break;
      }
      if (a == 1) {
        ++i;
        continue;
      }
      break;
    }
    return i;
  }

  bool marker_at(std::size_t i) const {
    return mlen_ != 0 && n_ - i >= mlen_ && s_[i] == mk_[0] &&
           (mlen_ == 1 || (s_[i + 1] == mk_[1] && std::memcmp(s_ + i, mk_, mlen_) == 0));
  }
  bool marker_ends_at(std::size_t i, std::size_t lo) const {
    return mlen_ != 0 && i - lo >= mlen_ && std::memcmp(s_ + i - mlen_, mk_, mlen_) == 0;
  }

  // Length of the White_Space character at i (0 if none); brk: 0 none, 1 line break, 2 paragraph.
  std::size_t ws_at(std::size_t i, int& brk) const {
    const unsigned char b = s_[i];
    brk = 0;
    if (b < 0x80) {
      switch (b) {
        case ' ': case '\t': return 1;
        case '\n': case 0x0B: brk = 1; return 1;
        case '\r': brk = 1; return (i + 1 < n_ && s_[i + 1] == '\n') ? 2 : 1;
        case 0x0C: brk = 2; return 1;
        default: return 0;
      }
    }
    if (b == 0xC2) {
      if (i + 1 < n_) {
        if (s_[i + 1] == 0x85) { brk = 1; return 2; }
        if (s_[i + 1] == 0xA0) return 2;
      }
      return 0;
    }
    if (i + 2 >= n_) return 0;
    const unsigned char b1 = s_[i + 1], b2 = s_[i + 2];
    if (b == 0xE2) {
      if (b1 == 0x80) {
        if (b2 >= 0x80 && b2 <= 0x8A) return 3;
        if (b2 == 0xA8) { brk = 1; return 3; }
        if (b2 == 0xA9) { brk = 2; return 3; }
        if (b2 == 0xAF) return 3;
      } else if (b1 == 0x81 && b2 == 0x9F) {
        return 3;
      }
      return 0;
    }
    if (b == 0xE3) return (b1 == 0x80 && b2 == 0x80) ? 3 : 0;
    if (b == 0xE1) return (b1 == 0x9A && b2 == 0x80) ? 3 : 0;
    return 0;
  }

  // The maximal gap run starting at i (empty when s_[i] starts no gap).
  Gap scan_gap(std::size_t i) {
    Gap g;
    g.begin = i;
    g.last_break_end = i;
    while (i < n_) {
      if (im_.adv[s_[i]] != 0) break;  // ordinary: neither White_Space nor the marker's start
      int brk;
      const std::size_t l = ws_at(i, brk);
      if (l != 0) {
        if (brk == 1) {
          ++g.breaks;
          g.last_break_end = i + l;
        } else if (brk == 2) {
          g.para = true;
          g.last_break_end = i + l;
        }
        i += l;
        continue;
      }
      if (marker_at(i)) {
        g.marker = true;
        i += mlen_;
        continue;
      }
      break;
    }
    g.end = i;
    if (g.marker) any_marker_ = true;
    return g;
  }

  static bool is_para_break(const Gap& g) { return !g.marker && (g.para || g.breaks >= 2); }

  // Start of the character that ends at i (i > lo, lo a character boundary).
  std::size_t prev_start(std::size_t i, std::size_t lo) const {
    if (!is_cont(s_[i - 1])) return i - 1;
    // The common case, an ideograph or a mark: a lead E1-EC or EE-EF takes any two continuation
    // bytes, so valid_len would say 3.
    if (i - lo >= 3 && is_cont(s_[i - 2])) {
      const unsigned char b = s_[i - 3];
      if (b >= 0xE1 && b <= 0xEF && b != 0xED) return i - 3;
    }
    for (std::size_t k = 2; k <= 4 && k <= i && i - k >= lo; ++k) {
      const unsigned char b = s_[i - k];
      if (!is_cont(b)) return valid_len(s_ + i - k, e_) == k ? i - k : i - 1;
    }
    return i - 1;
  }
  Char before(std::size_t i, std::size_t lo) const {
    return i > lo ? at(prev_start(i, lo)) : none();
  }

  // Skips gap (white space and markers) forward from i, up to lim.
  std::size_t skip_gap_fwd(std::size_t i, std::size_t lim) const {
    while (i < lim) {
      if (im_.adv[s_[i]] != 0) break;  // ordinary: neither White_Space nor the marker's start
      int brk;
      const std::size_t l = ws_at(i, brk);
      if (l != 0) { i += l; continue; }
      if (marker_at(i)) { i += mlen_; continue; }
      break;
    }
    return i;
  }
  // Skips gap backward from i, down to lo.
  std::size_t skip_gap_back(std::size_t i, std::size_t lo) const {
    while (i > lo) {
      if (marker_ends_at(i, lo)) { i -= mlen_; continue; }
      const std::size_t p = prev_start(i, lo);
      if (is_gap_cls(at(p).cls)) { i = p; continue; }
      break;
    }
    return i;
  }

  // Context character after i for A1/A3/A4: a page-marker gap run is skipped as if absent; a plain
  // gap comes back as its first white space; end of text as kNone.
  Char ctx_next(std::size_t i) {
    if (i >= n_) return none();
    const Gap g = scan_gap(i);
    if (g.empty()) return at(i);
    if (g.marker) return g.end < n_ ? at(g.end) : none();
    return at(i);
  }
  // Context character before i (within the unit), markers transparent likewise.
  Char ctx_prev(std::size_t i) const {
    if (i <= u0_) return none();
    std::size_t j = i;
    bool marker = false;
    Char first_ws = none();
    while (j > u0_) {
      if (marker_ends_at(j, u0_)) {
        j -= mlen_;
        marker = true;
        continue;
      }
      const std::size_t p = prev_start(j, u0_);
      const Char c = at(p);
      if (is_gap_cls(c.cls)) {
        if (first_ws.cls == kNone) first_ws = c;
        j = p;
        continue;
      }
      if (j == i) return c;
      break;
    }
    if (marker) return before(j, u0_);
    return first_ws;
  }

  // ---------------------------------------------------------------- line boundaries (N, W)
  // Whether a gap run ends the unit.
  bool gap_is_boundary(const Gap& g) {
    if (g.marker) return false;
    if (g.para || g.breaks >= 2) return true;
    if (g.breaks == 0) return false;
    switch (mode_) {
      case NewlineMode::Hard: return true;
      case NewlineMode::Blank: return false;
      case NewlineMode::Auto: break;
    }
    // The same line break is usually judged twice in a row (by the candidate before it looking
    // ahead, then by the unit scan reaching it): remember the last answer. It depends only on
    // the gap (W1 context, W2 line table of the current paragraph), and a gap run is determined
    // by where it begins.
    if (g.begin != auto_gap_begin_) {
      auto_gap_begin_ = g.begin;
      auto_gap_boundary_ = auto_boundary(g);
    }
    return auto_gap_boundary_;
  }

  bool auto_boundary(const Gap& g) {
    if (g.begin > 0) {  // W1(a): the line ends with ， 、 , or an opener
      const Char c = at(prev_start(g.begin, 0));
      if (c.cls == kComma || c.cls == kEnumComma || c.cls == kOpen) return false;
    }
    if (g.end < n_) {  // W1(b): the next line starts with an internal mark, closer or terminator
      const Char c = at(g.end);
      if (is_internal_cls(c.cls) || c.cls == kClose || c.cls == kTerm || c.cls == kAExcl) return false;
    }
    ensure_para();  // W2
    if (lines_.empty()) return true;
    auto it = std::lower_bound(lines_.begin(), lines_.end(), g.begin,
                               [](const LineRec& r, std::size_t v) { return r.break_begin < v; });
    if (it != lines_.end() && it->break_begin == g.begin && it->soft) return false;
    return true;
  }

  std::uint32_t ws_width(std::size_t b, std::size_t e) const {
    std::uint32_t w = 0;
    while (b < e) {
      if (marker_at(b)) { b += mlen_; continue; }
      const Char c = at(b);
      w += c.len >= 3 ? 2u : 1u;
      b += c.len;
    }
    return w;
  }

  // ensure_para's fast path: skips from i over characters that are neither White_Space nor the
  // start of a page marker, adding their columns to w (§4 W2), and returns where ensure_para must
  // look itself (or n_). Positions it returns are character starts.
  TIFA_SENT_INLINE std::size_t skip_width(std::size_t i, std::uint32_t& w) const {
    const std::uint8_t* lead = im_.lead.data();
    const std::uint8_t* adv = im_.adv.data();
#if TIFA_SENT_SSE2
    if (simd_) {
      const __m128i mk0 = _mm_set1_epi8(static_cast<char>(mk0_));
      unsigned carry = 0;  // lanes 0-1 that end a 3-byte character of the previous window
      while (n_ - i >= 18) {
        unsigned span;
        const std::uint32_t cols = sse2_columns(i, mk0, carry, span);
        w += cols;
        i += span;
        if (span < 16) return i;
      }
      i += (carry & 1u) + (carry >> 1);  // to the next character start
    }
#endif
    // Portable path (and the last bytes of the text).
    while (i + 2 < n_) {
      {  // ordinary ASCII (1 column a byte) and 3-byte characters (2 columns for 3 bytes)
        std::uint32_t n3 = 0;
        const std::size_t j = skip_ordinary<true>(i, adv, &n3);
        w += static_cast<std::uint32_t>(j - i) - n3;
        i = j;
      }
      if (i + 2 >= n_) break;
      const std::uint8_t k = lead[s_[i]];
      if (k == kLeadMark3) {  // a 3-byte character outside the White_Space ones: 2 columns
        const unsigned char b0 = s_[i], b1 = s_[i + 1], b2 = s_[i + 2];
        if (is_cont(b1) && is_cont(b2) && !(b0 == 0xE2 && b1 <= 0x81) &&
            !(b0 == 0xE3 && b1 == 0x80 && b2 == 0x80)) {
          w += 2;
          i += 3;
          continue;
        }
      }
      break;
    }
    return i;
  }

  // Builds the line table of the current paragraph (W2) once. Widths are counted with the same
  // lead-byte fast path as the main scan; the build stops as soon as a non-final line is wider
  // than 200 columns (then W > 200 and the paragraph is not hard-wrapped), so clean text with long
  // paragraphs joined by single line breaks costs only one extra pass over its first long line.
  void ensure_para() {
    if (para_built_) return;
    para_built_ = true;
    lines_.clear();
    if (lines_.capacity() == 0) lines_.reserve(32);  // one allocation per text, not one per doubling
    std::size_t i = para_ws_start_;
    std::uint32_t w = 0;
    bool wide_checked = false;  // the current line passed 200 columns and was looked at
    while (true) {
      if (!wide_checked && w > kW2MaxWidth) {
        // If this line is not final, W > 200; if it is, only the lines before it count. When
        // those cannot make the paragraph hard-wrapped either, neither outcome has soft wraps.
        wide_checked = true;
        if (!hard_wrapped(nullptr)) {
          lines_.clear();
          return;
        }
      }
      i = skip_width(i, w);
      if (i >= n_) break;
      const Char c = at(i);
      if (!is_gap_cls(c.cls) && !(mlen_ != 0 && s_[i] == mk_[0] && marker_at(i))) {
        w += c.len >= 3 ? 2u : 1u;
        i += c.len;
        continue;
      }
      const Gap g = scan_gap(i);
      if (g.marker) {
        i = g.end;
        continue;
      }
      if (g.para || g.breaks >= 2) break;
      if (g.breaks == 1) {
        if (g.end >= n_) break;  // a break before the end of text: this was the final line
        if (w > kW2MaxWidth) {   // a non-final line wider than 200 columns: W > 200
          lines_.clear();
          return;
        }
        lines_.push_back(LineRec{g.begin, g.end, w, false});
        w = ws_width(g.last_break_end, g.end);
        wide_checked = false;
      } else {
        w += ws_width(g.begin, g.end);
      }
      i = g.end;
    }
    std::uint32_t thr = 0;
    if (!hard_wrapped(&thr)) {
      lines_.clear();
      return;
    }
    for (LineRec& r : lines_) {
      r.soft = r.width >= thr && !line_end_exempt(r.break_begin) && !list_marker_at(r.next_start);
    }
  }

  // W2 on the non-final lines in lines_: at least two full lines and 40 <= W <= 200.
  bool hard_wrapped(std::uint32_t* threshold) const {
    std::uint32_t W = 0;
    for (const LineRec& r : lines_) W = std::max(W, r.width);
    const std::uint32_t slack = std::max<std::uint32_t>(4, W / 8);
    const std::uint32_t thr = W > slack ? W - slack : 0;
    int full = 0;
    for (const LineRec& r : lines_) full += r.width >= thr ? 1 : 0;
    if (threshold != nullptr) *threshold = thr;
    return full >= 2 && W >= kW2MinWidth && W <= kW2MaxWidth;
  }

  // W2: the line ends with a terminator (plus closers), an ellipsis, ：:；;
  bool line_end_exempt(std::size_t e) const {
    std::size_t lo = para_ws_start_;
    Char c = before(e, lo);
    while (c.cls == kClose) {
      e -= c.len;
      c = before(e, lo);
    }
    switch (c.cls) {
      case kTerm: case kAExcl: case kEllipsis: case kColon: case kAColon: case kSemi: case kASemi:
        return true;
      case kPeriod: {
        const Char p = before(e - c.len, lo);
        return !is_digit_cls(p.cls);
      }
      default: return false;
    }
  }

  static bool is_cn_numeral(std::uint32_t cp) {
    switch (cp) {
      case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D:  // 一二三四五六
      case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: case 0x767E: case 0x96F6:  // 七八九十百零
      case 0x3007:                                                                   // 〇
        return true;
      default: return false;
    }
  }

  // L1 list marker at p: 一、 （一） (1) 1. 1、 1） ① 第一， 一是 A. Ⅰ.
  bool list_marker_at(std::size_t p) const {
    if (p >= n_) return false;
    Char c = at(p);
    const std::uint32_t cp = c.cp;
    if ((cp >= 0x2460 && cp <= 0x249B) || (cp >= 0x2776 && cp <= 0x2793)) return true;
    if (c.cls == kRoman) {
      const Char d = p + c.len < n_ ? at(p + c.len) : none();
      return d.cls == kPeriod || d.cls == kEnumComma;
    }
    if (c.cls == kOpen && (c.pair == kPairFullParen || c.pair == kPairParen)) {
      std::size_t q = p + c.len;
      int k = 0;
      while (q < n_ && k < 4) {
        const Char d = at(q);
        if (!(is_digit_cls(d.cls) || is_cn_numeral(d.cp))) break;
        q += d.len;
        ++k;
      }
      if (k == 0 || q >= n_) return false;
      const Char d = at(q);
      return d.cls == kClose && (d.pair == kPairFullParen || d.pair == kPairParen);
    }
    if (is_digit_cls(c.cls)) {
      std::size_t q = p;
      int k = 0;
      while (q < n_ && k < 4) {
        const Char d = at(q);
        if (!is_digit_cls(d.cls)) break;
        q += d.len;
        ++k;
      }
      if (k > 3 || q >= n_) return false;
      const Char d = at(q);
      if (d.cls == kEnumComma) return true;
      if (d.cls == kClose && (d.pair == kPairFullParen || d.pair == kPairParen)) return true;
      if (d.cls == kPeriod) {
        const Char e = q + d.len < n_ ? at(q + d.len) : none();
        return !is_digit_cls(e.cls);
      }
      return false;
    }
    if (is_latin_cls(c.cls)) {
      const Char d = p + 1 < n_ ? at(p + 1) : none();
      if (d.cls != kPeriod) return false;
      const Char e = p + 1 + d.len < n_ ? at(p + 1 + d.len) : none();
      return !is_latin_cls(e.cls) && !is_digit_cls(e.cls);
    }
    std::size_t q = p;
    if (cp == 0x7B2C) q += c.len;  // 第
    int k = 0;
    while (q < n_ && k < 4) {
      const Char d = at(q);
      if (!is_cn_numeral(d.cp)) break;
      q += d.len;
      ++k;
    }
    if (k == 0 || k > 3 || q >= n_) return false;
    const Char d = at(q);
    if (d.cls == kEnumComma) return true;
    if (d.cp == 0x662F) return true;                        // 一是
    if (cp == 0x7B2C && d.cls == kComma) return true;       // 第一，
    return d.cls == kPeriod;
  }

  // ---------------------------------------------------------------- pair stack (Q1)
  bool title_open() const {
    for (int k = top_; k >= 0; --k)
      if (!stk_[k].ignored && pair_is_title(stk_[k].pair)) return true;
    return false;
  }
  bool open_on_stack(std::uint8_t pair) const {
    for (int k = top_; k >= 0; --k)
      if (stk_[k].pair == pair) return true;
    return false;
  }

  void push(std::uint8_t pair, std::size_t pos) {
    if (top_ + 1 >= kMaxDepth) return;  // deeper openers are ordinary text
    Entry& e = stk_[++top_];
    e.pair = pair;
    e.pos = pos;
    e.ignored = false;
    e.initial = false;
    if (pass2_) {
      while (um_cursor_ < unmatched_.size() && unmatched_[um_cursor_] < pos) ++um_cursor_;
      if (um_cursor_ < unmatched_.size() && unmatched_[um_cursor_] == pos) {
        e.ignored = true;
        ++um_cursor_;
      }
    }
    if (!e.ignored) {
      ++eff_;
      e.initial = pair_is_quote(pair) && !after_ordinary(pos, sent_begin_) &&
                  skip_gap_back(pos, sent_begin_) <= sent_begin_;
    }
  }

  // Whether the character before i (i > lo) is an ordinary one (adv: ASCII letter, digit...,
  // or a well-formed ideograph) that does not end a page marker: then skip_gap_back(i, lo) is i.
  // The usual case for an opener, decided without decoding backward.
  bool after_ordinary(std::size_t i, std::size_t lo) const {
    if (i <= lo || (mlen_ != 0 && s_[i - 1] == mk_[mlen_ - 1])) return false;
    const std::uint8_t* adv = im_.adv.data();
    if (adv[s_[i - 1]] == 1) return true;
    return i - lo >= 3 && adv[s_[i - 3]] == 3 && is_cont(s_[i - 2]) && is_cont(s_[i - 1]);
  }

  // Pops down to the nearest opener of `pair`; returns it, or nullptr for an unmatched closer.
  const Entry* close(std::uint8_t pair) {
    int k = top_;
    while (k >= 0 && stk_[k].pair != pair) --k;
    if (k < 0) return nullptr;
    for (int j = top_; j > k; --j) {
      if (!pass2_) unmatched_.push_back(stk_[j].pos);
      if (!stk_[j].ignored) --eff_;
    }
    if (!stk_[k].ignored) --eff_;
    top_ = k - 1;
    popped_ = stk_[k];
    return &popped_;
  }

  // ASCII ' between two Latin letters or digits is an apostrophe (ordinary text).
  bool apostrophe(std::size_t i) const {
    if (i <= u0_ || i + 1 >= n_) return false;
    return is_ascii_alnum(s_[i - 1]) && is_ascii_alnum(s_[i + 1]);
  }

  // ---------------------------------------------------------------- A rules
  bool excl_exempt(std::size_t i) const {  // A6: ! ? followed by [A-Za-z0-9_=&/%]
    if (i + 1 >= n_) return false;
    const unsigned char c = s_[i + 1];
    return is_ascii_alnum(c) || c == '_' || c == '=' || c == '&' || c == '/' || c == '%';
  }

  // A5: end of a URL starting at `start` (printable ASCII, trailing marks given back).
  std::size_t url_end(std::size_t start) const {
    std::size_t e = start;
    int paren = 0, square = 0;
    while (e < n_) {
      const unsigned char c = s_[e];
      if (c < 0x21 || c > 0x7E || c == '<' || c == '>' || c == '"') break;
      if (marker_at(e)) break;
      if (c == '(') ++paren;
      else if (c == ')') --paren;
      else if (c == '[') ++square;
      else if (c == ']') --square;
      ++e;
    }
    while (e > start) {
      const unsigned char c = s_[e - 1];
      if (std::strchr(".,;:!?'", c) != nullptr) { --e; continue; }
      if (c == ')' && paren < 0) { ++paren; --e; continue; }
      if (c == ']' && square < 0) { ++square; --e; continue; }
      break;
    }
    return e;
  }

  // A5: end of an e-mail address whose '@' is at i, or 0.
  std::size_t email_end(std::size_t i) const {
    if (i <= u0_) return 0;
    const unsigned char l = s_[i - 1];
    if (!(is_ascii_alnum(l) || l == '.' || l == '_' || l == '%' || l == '+' || l == '-')) return 0;
    std::size_t j = i + 1, end = 0;
    int labels = 0;
    while (true) {
      const std::size_t start = j;
      while (j < n_ && (is_ascii_alnum(s_[j]) || s_[j] == '-')) ++j;
      if (j == start) break;
      ++labels;
      if (labels >= 2) end = j;
      if (j < n_ && s_[j] == '.') { ++j; continue; }
      break;
    }
    return end;
  }

  static bool in_builtin_abbr(const unsigned char* w, std::size_t len) {
    const std::string_view v(reinterpret_cast<const char*>(w), len);
    for (std::string_view a : kAbbreviations)
      if (a == v) return true;
    return false;
  }

  // A3: the period at i (length plen) ends an abbreviation, initial or dotted acronym.
  bool is_abbreviation(std::size_t i, std::size_t plen) const {
    std::size_t ws = i;
    while (ws > u0_ && is_ascii_alpha(s_[ws - 1]) && i - ws < 32) --ws;
    const std::size_t wlen = i - ws;
    if (wlen == 0) return false;
    if (wlen <= 5 && in_builtin_abbr(s_ + ws, wlen)) return true;
    for (const std::string& a : im_.extra_abbr) {
      if (a.size() > i - u0_) continue;
      const std::size_t st = i - a.size();
      if (std::memcmp(s_ + st, a.data(), a.size()) == 0 &&
          (st == u0_ || !is_ascii_alpha(s_[st - 1])))
        return true;
    }
    if (wlen != 1) return false;
    int count = 1;  // dotted acronym: U.K. e.g. a.m.
    std::size_t p = ws;
    while (p >= u0_ + 2 && s_[p - 1] == '.' && is_ascii_alpha(s_[p - 2]) &&
           (p - 2 == u0_ || !is_ascii_alpha(s_[p - 3]))) {
      ++count;
      p -= 2;
    }
    if (count >= 2) return true;
    if (s_[ws] >= 'A' && s_[ws] <= 'Z') {  // initial: W. Edwards, W. 戴明
      std::size_t k = i + plen;
      while (k < n_ && s_[k] == ' ') ++k;
      if (k > i + plen && k < n_) {
        const Char c = at(k);
        if (c.cls == kUpper || c.cls == kCjk) return true;
      }
    }
    return false;
  }

  // A4: the period at i ends an enumerator (1. A. IV. Ⅱ．) at the start of a unit or sentence or
  // after an internal mark, followed by optional spaces and a CJK character or an opener.
  bool is_enumerator(std::size_t i, std::size_t plen) const {
    std::size_t j = i + plen;
    while (j < n_) {
      if (s_[j] == ' ') { ++j; continue; }
      if (j + 2 < n_ && s_[j] == 0xE3 && s_[j + 1] == 0x80 && s_[j + 2] == 0x80) { j += 3; continue; }
      break;
    }
    if (j >= n_) return false;
    const Char nx = at(j);
    if (!(nx.cls == kCjk || nx.cls == kOpen || nx.cls == kDQuote)) return false;
    if (i <= u0_) return false;
    std::size_t t = i;
    const Char p = before(i, u0_);
    if (is_digit_cls(p.cls)) {
      int k = 0;
      while (t > u0_) {
        const Char d = before(t, u0_);
        if (!is_digit_cls(d.cls)) break;
        t -= d.len;
        if (++k > 3) return false;
      }
    } else if (is_latin_cls(p.cls)) {
      while (t > u0_ && is_ascii_alpha(s_[t - 1]) && i - t <= 5) --t;
      const std::string_view w(reinterpret_cast<const char*>(s_ + t), i - t);
      if (w.size() > 1) {
        static constexpr std::array<std::string_view, 9> kRomans = {
            "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"};
        if (std::find(kRomans.begin(), kRomans.end(), w) == kRomans.end()) return false;
      }
    } else if (p.cls == kRoman) {
      t -= p.len;
    } else {
      return false;
    }
    const std::size_t lo = std::max(sent_begin_, u0_);
    const std::size_t g = skip_gap_back(t, lo);
    if (g <= lo) return true;
    return is_internal_cls(before(g, lo).cls);
  }

  // A1: whether the lone period-like mark at i is a full stop.
  bool period_is_full_stop(std::size_t i, std::size_t plen) {
    const Char next = ctx_next(i + plen);
    if (is_latin_cls(next.cls) || is_digit_cls(next.cls) || next.cp == '_' || next.cp == '/')
      return false;  // (b), which also covers (a): a digit follows
    const Char prev = ctx_prev(i);
    switch (prev.cls) {  // (e)
      case kCjk: case kClose: case kPercent: case kUpper: case kLower: case kDigit: case kFDigit:
      case kDQuote: case kSQuote:
        break;
      default: return false;
    }
    switch (next.cls) {  // (f)
      case kNone: case kWs: case kLb: case kPb: case kCjk: case kOpen: case kDQuote: case kSQuote:
        break;
      case kClose:
        if (pair_is_quote(next.pair)) break;
        return false;
      default: return false;
    }
    if (is_latin_cls(prev.cls) && is_abbreviation(i, plen)) return false;  // (c)
    if (is_enumerator(i, plen)) return false;                                // (d)
    return true;
  }

  // Number of consecutive period-like marks from i, and their byte length.
  std::size_t period_run(std::size_t i, int& count) const {
    std::size_t j = i;
    count = 0;
    while (j < n_) {
      const unsigned char b = s_[j];
      if (b == '.') { ++j; ++count; continue; }
      if (b == 0xEF && j + 2 < n_ &&
          ((s_[j + 1] == 0xBC && s_[j + 2] == 0x8E) || (s_[j + 1] == 0xB9 && s_[j + 2] == 0x92))) {
        j += 3;
        ++count;
        continue;
      }
      break;
    }
    return j - i;
  }
  std::size_t ellipsis_run(std::size_t i) const {
    std::size_t j = i;
    while (j + 2 < n_ && s_[j] == 0xE2 &&
           ((s_[j + 1] == 0x80 && s_[j + 2] == 0xA6) || (s_[j + 1] == 0x8B && s_[j + 2] == 0xAF)))
      j += 3;
    return j - i;
  }

  // ---------------------------------------------------------------- candidates (T, Q, S, E)
  // First non-gap character after p within the unit; kNone at a line boundary or the end.
  Char next_nongap(std::size_t p, std::size_t* where = nullptr) {
    while (p < n_) {
      const Gap g = scan_gap(p);
      if (g.empty()) {
        if (where != nullptr) *where = p;
        return at(p);
      }
      if (gap_is_boundary(g)) return none();
      p = g.end;
    }
    return none();
  }

  bool predicate_at(std::size_t p) const {
    for (std::string_view w : kPredicates)
      if (n_ - p >= w.size() && std::memcmp(s_ + p, w.data(), w.size()) == 0) return true;
    return false;
  }

  // Q4: a nominal quotation at p (opener, ≤ 12 code points ending in ！/？, matching closer).
  bool nominal_quote_at(std::size_t p, std::size_t& after) const {
    if (p >= n_) return false;
    const Char o = at(p);
    std::uint8_t pair;
    if (o.cls == kOpen && pair_is_quote(o.pair)) pair = o.pair;
    else if (o.cls == kDQuote) pair = kPairAsciiDouble;
    else return false;
    std::size_t j = p + o.len;
    int cps = 0;
    std::uint32_t last = 0;
    while (j < n_) {
      const Char c = at(j);
      const bool closes = (pair == kPairAsciiDouble) ? c.cls == kDQuote
                                                     : (c.cls == kClose && c.pair == pair);
      if (closes) {
        if (cps == 0 || !is_excl_cp(last)) return false;
        after = j + c.len;
        return true;
      }
      if (c.cls == kOpen || c.cls == kClose || c.cls == kDQuote || is_gap_cls(c.cls)) return false;
      if (++cps > kQ4MaxContent) return false;
      last = c.cp;
      j += c.len;
    }
    return false;
  }

  bool q4_veto(std::size_t opener, std::size_t closer, std::size_t after) const {
    const Char o = at(opener);
    int cps = 0;
    for (std::size_t j = opener + o.len; j < closer;) {
      j += at(j).len;
      if (++cps > kQ4MaxContent) return false;
    }
    std::size_t p = after;
    for (int k = 0; k < kQ4MaxChain; ++k) {
      if (p < n_ && predicate_at(p)) return true;
      if (k + 1 == kQ4MaxChain || !nominal_quote_at(p, p)) return false;
    }
    return false;
  }

  static bool ends_with(const unsigned char* b, std::size_t len, std::string_view w) {
    return len >= w.size() && std::memcmp(b + len - w.size(), w.data(), w.size()) == 0;
  }

  // Q3: the attribution window after p keeps the quotation in the sentence.
  bool q3_veto(std::size_t p) {
    std::size_t ws = kNpos, we = p, j = p;
    int cps = 0;
    Char ended = none();
    std::size_t ended_pos = 0;
    while (j < n_) {
      const Gap g = scan_gap(j);
      if (!g.empty()) {
        if (gap_is_boundary(g)) break;
        j = g.end;
        continue;
      }
      const Char c = at(j);
      if (c.cls == kTerm || c.cls == kAExcl || c.cls == kPeriod || is_internal_cls(c.cls)) {
        ended = c;
        ended_pos = j;
        break;
      }
      if (c.cls == kOpen || c.cls == kDQuote || c.cls == kSQuote) return false;  // (b)
      if (++cps > kQ3MaxWindow) return false;
      if (ws == kNpos) ws = j;
      we = j + c.len;
      j += c.len;
    }
    if (ws == kNpos) return false;
    if (ended.cls == kColon || ended.cls == kAColon) {  // (c) ：plus an opener
      const Char d = next_nongap(ended_pos + ended.len);
      if (d.cls == kOpen || d.cls == kDQuote || d.cls == kSQuote) return false;
    }
    const unsigned char* w = s_ + ws;  // (a)
    const std::size_t wl = we - ws;
    for (std::string_view obj : kSayObjects) {
      if (!ends_with(w, wl, obj)) continue;
      const std::size_t rl = wl - obj.size();
      for (std::string_view v : kSayVerbs)
        if (ends_with(w, rl, v)) return true;
    }
    return false;
  }

  enum class Trig { kTerm, kPeriod, kEllipsis, kSemi };

  // Processes the candidate starting at i (its first item is `len` bytes): absorbs the run of
  // terminators and closers (T1, T2), decides the boundary (Q2, Q5, T4, Q4, Q3, S2, E1) and
  // returns where the main loop continues.
  // first_cp: the code point of the character at i (the caller has decoded it already).
  std::size_t candidate(std::size_t i, std::size_t len, Trig trig, std::uint32_t first_cp) {
    bool term_ok = false, ell_pending = false, ell_ok = false, semi_ok = false;
    bool inside_ok = false, q3 = false;
    const bool first_excl = trig == Trig::kTerm && is_excl_cp(first_cp);  // ！？ and variants
    bool q4 = first_excl;
    bool q4_closed = false, crossed_gap = false;
    std::size_t q4_open = 0, q4_close = 0;

    // Q5: a terminator inside a title never ends a sentence. The spec names the innermost pair;
    // we apply it to any open title (《“为什么？”》 stays opaque too: "titles are opaque").
    auto note_term = [&](bool excl) {
      if (title_open()) {
        q4 = false;
        return;
      }
      term_ok = true;
      if (eff_ > 0) inside_ok = true;
      if (!excl || q4_closed) q4 = false;
    };
    auto note_ellipsis = [&]() {
      q4 = false;
      if (title_open()) return;
      ell_pending = true;
    };
    auto note_close = [&](std::uint8_t pair, std::size_t pos) {
      const Entry* m = close(pair);
      if (ell_pending) ell_ok = true;
      if (m != nullptr && !m->ignored && m->initial) q3 = true;
      if (q4) {
        if (!q4_closed && m != nullptr && !m->ignored && pair_is_quote(m->pair) && !crossed_gap) {
          q4_closed = true;
          q4_open = m->pos;
          q4_close = pos;
        } else {
          q4 = false;
        }
      }
    };

    switch (trig) {
      case Trig::kTerm: note_term(first_excl); break;
      case Trig::kPeriod: note_term(false); break;
      case Trig::kEllipsis: note_ellipsis(); break;
      case Trig::kSemi: semi_ok = true; q4 = false; break;
    }
    std::size_t end = i + len;
    // The common case, 。 before an ideograph or a letter: the next character is ordinary (adv, so
    // not the page marker's first byte), so it absorbs nothing, starts no gap and is the next
    // non-gap character. The run loop and next_nongap would find the same with more work.
    const std::uint8_t next_adv = end < n_ ? im_.adv[s_[end]] : 0;
    const bool plain_next =
        next_adv == 1 || (next_adv == 3 && end + 2 < n_ && is_cont(s_[end + 1]) && is_cont(s_[end + 2]));
    while (!plain_next && end < n_) {
      std::size_t j = end;
      const Gap g = scan_gap(j);
      if (!g.empty()) {
        if (g.end >= n_ || gap_is_boundary(g)) break;
        j = g.end;
      }
      if (j != end) crossed_gap = true;
      const Char c = at(j);
      std::size_t item = c.len;
      switch (c.cls) {
        case kClose: note_close(c.pair, j); break;
        case kDQuote:
          if (!open_on_stack(kPairAsciiDouble)) { item = 0; break; }
          note_close(kPairAsciiDouble, j);
          break;
        case kSQuote:
          if (!open_on_stack(kPairAsciiSingle)) { item = 0; break; }
          note_close(kPairAsciiSingle, j);
          break;
        case kTerm: note_term(is_excl_cp(c.cp)); break;
        case kAExcl:
          if (excl_exempt(j)) { item = 0; break; }
          note_term(true);
          break;
        case kEllipsis:
          item = ellipsis_run(j);
          note_ellipsis();
          break;
        case kPeriod: {
          int count;
          item = period_run(j, count);
          if (count >= 3) {
            note_ellipsis();
          } else if (count == 1) {
            const Char nx = j + item < n_ ? at(j + item) : none();
            if (is_latin_cls(nx.cls) || is_digit_cls(nx.cls) || nx.cp == '_' || nx.cp == '/') {
              item = 0;
            } else {
              note_term(false);
            }
          } else {
            item = 0;
          }
          break;
        }
        case kSemi: case kASemi:
          if (!s2_ || eff_ != 0) { item = 0; break; }
          semi_ok = true;
          q4 = false;
          break;
        default: item = 0; break;
      }
      if (item == 0) break;
      end = j + item;
    }

    bool boundary = false;
    if (eff_ == 0 && (term_ok || ell_ok || semi_ok)) {
      boundary = true;
      const Char nx = plain_next ? at(end) : next_nongap(end);
      if (is_internal_cls(nx.cls)) boundary = false;                          // T4
      if (boundary && trig != Trig::kSemi) {
        if (q4 && q4_closed && q4_close + at(q4_close).len == end &&
            q4_veto(q4_open, q4_close, end))
          boundary = false;                                                   // Q4
        if (boundary && q3 && q3_veto(end)) boundary = false;                 // Q3
      }
    } else if (eff_ > 0 && inside_ && inside_ok) {
      const Char nx = plain_next ? at(end) : next_nongap(end);
      boundary = !is_internal_cls(nx.cls);                                     // Q2 option
    }
    if (boundary) {
      emit(sent_begin_, end, 0);
      sent_begin_ = end;
    }
    return end;
  }

  // ---------------------------------------------------------------- the unit scan
  // The unit scan's fast path: skips from i over characters that need no attention (ordinary
  // ASCII, ideographs, ordinary marks such as ， 、 ； —) and returns the first position that
  // does, or n_. Positions it returns are character starts.
  TIFA_SENT_INLINE std::size_t skip_plain(std::size_t i) {
    const std::uint8_t* lead = im_.lead.data();
    const std::uint8_t* adv = im_.adv.data();
    const std::uint64_t* ord3 = im_.ord3.data();
#if TIFA_SENT_SSE2
    if (simd_) {
      const std::size_t start = i;
      const __m128i mk0 = _mm_set1_epi8(static_cast<char>(mk0_));
      while (true) {
        // The stop mask of the last 16-byte window stays valid (it depends on the bytes only), so
        // after a mark the scan goes on with it rather than loading a new window at once.
        const std::size_t off = i - win_begin_;  // huge when i is before the window
        unsigned m = off < win_len_ ? win_stops_ >> off : 0;
        if (m == 0) {
          if (off < win_len_) i = win_begin_ + win_len_;  // may be inside a character: see sse2_stops
#if TIFA_SENT_AVX2
          if (avx2_ && n_ - i >= 34) {
            // 32-byte windows while they fit; what is left (under 34 bytes) goes on below.
            i = quiet_windows_avx2(s_, i, n_, im_.stop_lanes, m);
            if (m != 0) {
              win_begin_ = i;
              win_len_ = 32;
              win_stops_ = m;
              continue;  // the stop is at i + countr_zero(m)
            }
          }
#endif
          if (n_ - i < 18) {
            // The last bytes: one more window, the one ending two bytes before the end of the
            // text (as far as sse2_stops may read). It overlaps bytes before i, which the shift
            // by off drops. Most blocks are short, and the portable loop below is slower.
            const std::size_t last = n_ - 18;
            if (n_ < 18 || i + 2 >= n_ || (win_begin_ == last && win_len_ != 0)) break;
            win_begin_ = last;
            win_len_ = 16;
            win_stops_ = sse2_stops(last, mk0);
            continue;  // now i - win_begin_ is 1-15
          }
          // Windows without a stop (most of them) in a tight loop, the window state kept in
          // registers and stored once.
          m = sse2_stops(i, mk0);
          while (m == 0 && n_ - i >= 34) {
            i += 16;
            m = sse2_stops(i, mk0);
          }
          win_begin_ = i;
          win_len_ = 16;
          win_stops_ = m;
          if (m == 0) {
            i += 16;
            continue;
          }
        }
        i += static_cast<unsigned>(std::countr_zero(m));
        const unsigned char b0 = s_[i];
        if (adv[b0] == 1) {  // an ordinary ASCII symbol (% - / NUL ...): not worth a vector test
          ++i;
          continue;
        }
        if (!ordinary_mark3(i, lead, ord3)) return i;
        i += 3;
      }
      // Fewer than 18 bytes left (2 after the last window). If the last window ended inside a character, go back to its
      // start (a non-continuation byte at most 3 bytes back; if there is none, the continuation
      // bytes are invalid bytes, each a character of its own), but never before `start`.
      if (i > start && i < n_) {
        std::size_t j = i;
        for (int k = 0; k < 3 && j > start && is_cont(s_[j]); ++k) --j;
        if (!is_cont(s_[j])) i = j;
      }
    }
#endif
    // Portable path (and the last bytes of the text).
    while (i + 2 < n_) {
      i = skip_ordinary(i, adv);
      if (i + 2 >= n_) break;
      if (!ordinary_mark3(i, lead, ord3)) break;
      i += 3;
    }
    return i;
  }

  // Whether the 3-byte character at i (i + 2 < n_) has a lead of kLeadMark3 and is ordinary text
  // for the unit scan (ord3).
  TIFA_SENT_INLINE bool ordinary_mark3(std::size_t i, const std::uint8_t* lead,
                                       const std::uint64_t* ord3) const {
    const unsigned char b0 = s_[i], b1 = s_[i + 1], b2 = s_[i + 2];
    return lead[b0] == kLeadMark3 && is_cont(b1) && is_cont(b2) &&
           ((ord3[((b0 & 0x0Fu) << 6) | (b1 & 0x3Fu)] >> (b2 & 0x3Fu)) & 1u) != 0;
  }

#if TIFA_SENT_SSE2
  // Bit k set: byte s_[i + k] (k < 16) may need the unit scan's attention; reads s_[i, i + 18).
  //
  // Whether a byte can be skipped is decided from the byte alone (plus two bytes of look-ahead
  // for ， and 、), not per character: continuation bytes 80-BF, ideograph leads E4-EE, ASCII
  // digits and letters. That is exact for the scan because every character that matters starts
  // with ASCII or with C2, E1, E2, E3 or EF (§4), and a byte that starts a character is never a
  // continuation byte; continuation bytes that belong to no character are invalid bytes, which
  // are ordinary text as well. Everything else is a stop candidate, checked by the caller.
  // mk0: the page marker's first byte in every lane.
  TIFA_SENT_INLINE unsigned sse2_stops(std::size_t i, __m128i mk0) const {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + i));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + i + 1));
    const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + i + 2));
    auto set = [](int b) { return _mm_set1_epi8(static_cast<char>(b)); };
    // lo <= v <= hi (unsigned bytes) in two operations: adding 0x80 - lo (mod 256) moves the range
    // to 0x80.., the smallest signed bytes, so one signed compare tests it.
    auto in = [&set](__m128i v, int lo, int hi) {
      return _mm_cmplt_epi8(_mm_add_epi8(v, set(0x80 - lo)), set(0x80 + hi - lo + 1));
    };
    // Signed byte compare: 80-BF are -128..-65.
    const __m128i cont = _mm_cmplt_epi8(v0, set(0xC0));
    const __m128i cjk = in(v0, 0xE4, 0xEE);
    const __m128i digit = in(v0, '0', '9');
    const __m128i letter = in(_mm_or_si128(v0, set(0x20)), 'a', 'z');
    const __m128i comma = _mm_and_si128(_mm_cmpeq_epi8(v0, set(0xEF)),  // ， EF BC 8C
                                        _mm_and_si128(_mm_cmpeq_epi8(v1, set(0xBC)), _mm_cmpeq_epi8(v2, set(0x8C))));
    const __m128i enum_comma = _mm_and_si128(_mm_cmpeq_epi8(v0, set(0xE3)),  // 、 E3 80 81
                                             _mm_and_si128(_mm_cmpeq_epi8(v1, set(0x80)), _mm_cmpeq_epi8(v2, set(0x81))));
    __m128i skip = _mm_or_si128(_mm_or_si128(cont, cjk), _mm_or_si128(digit, letter));
    skip = _mm_or_si128(skip, _mm_or_si128(comma, enum_comma));
    skip = _mm_andnot_si128(_mm_cmpeq_epi8(v0, mk0), skip);  // the page marker's first byte
    return ~static_cast<unsigned>(_mm_movemask_epi8(skip)) & 0xFFFFu;
  }

  // W2 widths, 16 bytes at a time (reads s_[i, i + 18); mk0 as in sse2_stops). Sets `span` to the number of leading
  // bytes made of whole characters that are neither White_Space nor a page marker start, and
  // returns their columns: ASCII 1, well-formed 3-byte characters with lead E2-EC, EE, EF 2.
  // Anything else (other leads, malformed sequences, possible White_Space E2 80/81 xx, E3 80 80)
  // ends the span and is left to the portable code. `carry` says which of lanes 0-1 continue a
  // 3-byte character started in the previous window (bit 0: lane 0; bit 1: lane 1); it is
  // updated when the whole window is taken (span 16).
  TIFA_SENT_INLINE std::uint32_t sse2_columns(std::size_t i, __m128i mk0, unsigned& carry,
                                              unsigned& span) const {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + i));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + i + 1));
    const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + i + 2));
    auto set = [](int b) { return _mm_set1_epi8(static_cast<char>(b)); };
    auto in = [](__m128i v, int lo, int hi) {  // lo <= v <= hi, as signed bytes
      return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                           _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
    };
    const __m128i not_marker = _mm_xor_si128(_mm_cmpeq_epi8(v0, mk0), set(0xFF));
    // ASCII other than White_Space.
    const __m128i ws = _mm_or_si128(in(v0, 0x09, 0x0D), _mm_cmpeq_epi8(v0, set(0x20)));
    const __m128i ascii = _mm_andnot_si128(_mm_or_si128(ws, _mm_cmplt_epi8(v0, _mm_setzero_si128())), not_marker);
    // 3-byte characters: lead E2-EC, EE or EF (signed -30..-20, -18..-17) and two continuation
    // bytes, minus the White_Space candidates E2 80 80-8A, E2 80 A8-AF, E2 81 xx and E3 80 80.
    const __m128i cont1 = _mm_cmplt_epi8(v1, set(0xC0)), cont2 = _mm_cmplt_epi8(v2, set(0xC0));
    const __m128i lead3 = _mm_andnot_si128(_mm_cmpeq_epi8(v0, set(0xED)), in(v0, -30, -17));
    const __m128i e280 = _mm_and_si128(_mm_cmpeq_epi8(v0, set(0xE2)), _mm_cmpeq_epi8(v1, set(0x80)));
    const __m128i ws_e2 = _mm_or_si128(
        _mm_and_si128(e280, _mm_or_si128(_mm_cmplt_epi8(v2, set(0x8B)), in(v2, -88, -81))),  // 80-8A, A8-AF
        _mm_and_si128(_mm_cmpeq_epi8(v0, set(0xE2)), _mm_cmpeq_epi8(v1, set(0x81))));
    const __m128i ws_e3 = _mm_and_si128(_mm_cmpeq_epi8(v0, set(0xE3)),
                                        _mm_and_si128(_mm_cmpeq_epi8(v1, set(0x80)), _mm_cmpeq_epi8(v2, set(0x80))));
    const __m128i good3 = _mm_andnot_si128(_mm_or_si128(ws_e2, ws_e3),
                                           _mm_and_si128(_mm_and_si128(lead3, not_marker), _mm_and_si128(cont1, cont2)));
    const unsigned a = static_cast<unsigned>(_mm_movemask_epi8(ascii));
    const unsigned g = static_cast<unsigned>(_mm_movemask_epi8(good3));
    const unsigned c = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v0, set(0xC0))));
    const unsigned ok = a | g | (c & ((g << 1) | (g << 2) | carry));
    const unsigned stop = ~ok & 0xFFFFu;
    __m128i cols = _mm_or_si128(_mm_and_si128(ascii, set(1)), _mm_and_si128(good3, set(2)));
    if (stop == 0) {
      span = 16;
      carry = ((g >> 14) & 1u) | (((g >> 15) & 1u) * 3u);
    } else {
      span = static_cast<unsigned>(std::countr_zero(stop));
      const __m128i lane = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
      cols = _mm_and_si128(cols, _mm_cmplt_epi8(lane, set(static_cast<int>(span))));
    }
    const __m128i sum = _mm_sad_epu8(cols, _mm_setzero_si128());
    return static_cast<std::uint32_t>(_mm_cvtsi128_si32(sum) + _mm_extract_epi16(sum, 4));
  }
#endif

  UnitResult scan_unit() {
    top_ = -1;
    eff_ = 0;
    sent_begin_ = u0_;
    std::size_t i = u0_;
    const std::uint8_t* lead = im_.lead.data();
    const unsigned char mk0 = mlen_ != 0 ? mk_[0] : 0;
    while (true) {
      i = skip_plain(i);
      if (i >= n_) return finish(n_, n_, n_, UnitEnd::kText);
      if ((s_[i] == ' ' || s_[i] == '\t') && i + 1 < n_ && lead[s_[i + 1]] > kLeadMark3) {
        ++i;  // a lone space between ordinary characters: a complete plain gap
        continue;
      }

      if (mlen_ != 0 && s_[i] == mk0 && marker_at(i)) {
        const Gap g = scan_gap(i);
        if (g.end >= n_) return finish(g.begin, n_, n_, UnitEnd::kText);
        i = g.end;
        continue;
      }
      const Char c = at(i);
      switch (c.cls) {
        case kWs: case kLb: case kPb: {
          const Gap g = scan_gap(i);
          if (g.end >= n_) return finish(g.begin, n_, n_, UnitEnd::kText);
          if (!g.marker) {
            if (g.para || g.breaks >= 2)
              return finish(g.begin, g.end, g.last_break_end, UnitEnd::kPara);
            if (g.breaks == 1 && gap_is_boundary(g))
              return finish(g.begin, g.end, 0, UnitEnd::kLine);
          }
          i = g.end;
          break;
        }
        case kTerm:
          i = candidate(i, c.len, Trig::kTerm, c.cp);
          break;
        case kAExcl:
          i = excl_exempt(i) ? i + 1 : candidate(i, 1, Trig::kTerm, c.cp);
          break;
        case kEllipsis:
          i = candidate(i, ellipsis_run(i), Trig::kEllipsis, c.cp);
          break;
        case kPeriod: {
          if (c.cp == '.' && i >= u0_ + 3 && (s_[i - 3] | 0x20) == 'w' &&
              (s_[i - 2] | 0x20) == 'w' && (s_[i - 1] | 0x20) == 'w' &&
              (i - 3 == u0_ || !is_ascii_alnum(s_[i - 4]))) {
            const std::size_t ue = url_end(i - 3);  // A5: www.
            if (ue > i + 1) {
              i = ue;
              break;
            }
          }
          if (c.cp == '.' && i + 1 < n_ && s_[i + 1] != mk0_ &&
              (is_ascii_alnum(s_[i + 1]) || s_[i + 1] == '_' || s_[i + 1] == '/')) {
            ++i;  // A1(b), the common case (7.4, V3.1, 名单.xlsx) decided without period_run
            break;
          }
          int count;
          const std::size_t rl = period_run(i, count);
          if (count >= 3) {
            i = candidate(i, rl, Trig::kEllipsis, c.cp);  // E1
          } else if (count == 2) {
            i += rl;  // neither of two periods can be a full stop (A1 e, f)
          } else {
            i = period_is_full_stop(i, rl) ? candidate(i, rl, Trig::kPeriod, c.cp) : i + rl;
          }
          break;
        }
        case kSemi:
          i = (s2_ && eff_ == 0) ? candidate(i, c.len, Trig::kSemi, c.cp) : i + c.len;
          break;
        case kASemi: {
          bool t = false;
          if (s2_ && eff_ == 0) {
            const Char p = before(i, u0_);
            t = p.cls == kCjk || p.cls == kClose;
          }
          i = t ? candidate(i, 1, Trig::kSemi, c.cp) : i + 1;
          break;
        }
        case kOpen:
          push(c.pair, i);
          i += c.len;
          break;
        case kClose:
          close(c.pair);
          i += c.len;
          break;
        case kDQuote:
          if (open_on_stack(kPairAsciiDouble)) close(kPairAsciiDouble);
          else push(kPairAsciiDouble, i);
          ++i;
          break;
        case kSQuote:
          if (!apostrophe(i)) {
            if (open_on_stack(kPairAsciiSingle)) close(kPairAsciiSingle);
            else push(kPairAsciiSingle, i);
          }
          ++i;
          break;
        case kAColon: {
          if (i + 2 < n_ && s_[i + 1] == '/' && s_[i + 2] == '/') {  // A5: scheme://
            std::size_t k = i;
            while (k > u0_ && (is_ascii_alnum(s_[k - 1]) || s_[k - 1] == '+' || s_[k - 1] == '-' ||
                               s_[k - 1] == '.'))
              --k;
            while (k < i && !is_ascii_alpha(s_[k])) ++k;
            if (k < i) {
              i = std::max(url_end(k), i + 1);
              break;
            }
          }
          ++i;
          break;
        }
        case kAt: {
          const std::size_t ee = email_end(i);
          i = ee > i ? ee : i + 1;
          break;
        }
        default:
          i += c.len;
          break;
      }
    }
  }

  // Ends the unit at `ue`: emits the last sentence, records openers left on the stack.
  UnitResult finish(std::size_t ue, std::size_t next, std::size_t pws, UnitEnd kind) {
    if (sent_begin_ < ue) {
      const std::size_t b = skip_gap_fwd(sent_begin_, ue);
      if (b < ue) emit(b, ue, terminated(b, ue) ? 0u : kSentenceUnterminated);
    }
    if (!pass2_) {
      for (int k = 0; k <= top_; ++k) unmatched_.push_back(stk_[k].pos);
    }
    return UnitResult{ue, next, pws, kind};
  }

  // Whether [b, e) ends with a terminator or an ellipsis (plus closers).
  bool terminated(std::size_t b, std::size_t e) const {
    Char c = before(e, b);
    while (c.cls == kClose || c.cls == kDQuote || c.cls == kSQuote || is_gap_cls(c.cls)) {
      e -= c.len;
      c = before(e, b);
    }
    switch (c.cls) {
      case kTerm: case kAExcl: case kPeriod: case kEllipsis: return true;
      case kSemi: case kASemi: return s2_;
      default: return false;
    }
  }

  // ---------------------------------------------------------------- output (C2, M1, P1)
  void push_span(std::size_t b, std::size_t e, std::uint32_t flags) {
    if (any_marker_ && e - b >= mlen_) {
      const std::string_view hay(reinterpret_cast<const char*>(s_ + b), e - b);
      const std::string_view needle(reinterpret_cast<const char*>(mk_), mlen_);
      if (hay.find(needle) != std::string_view::npos) flags |= kSentenceHasPageMarker;
    }
    out_.push_back(SentenceSpan{b, e, flags});
  }

  // [b, e): e follows a non-gap character; b may start with gap.
  // The usual short sentence is pushed here; the M1 cutting lives out of line in emit_cut, so this
  // stays small enough to inline.
  TIFA_SENT_INLINE void emit(std::size_t b, std::size_t e, std::uint32_t flags) {
    b = skip_gap_fwd(b, e);
    if (b >= e) return;
    if (maxb_ == 0 || e - b <= maxb_) {
      push_span(b, e, flags);
      return;
    }
    emit_cut(b, e, flags);
  }

  // [b, e): b starts a non-gap character, e - b > maxb_.
  TIFA_SENT_NOINLINE void emit_cut(std::size_t b, std::size_t e, std::uint32_t flags) {
    // M1: cut at the last p <= b + max after an internal mark, else after White_Space, else at
    // any code point boundary outside a marker. The cursor q only moves forward: O(length).
    std::size_t q = b;
    std::size_t cut_int = 0, cut_ws = 0, cut_ws_trim = 0, cut_bd = 0, cut_bd_trim = 0;
    std::size_t nongap_end = b;
    // Pieces but the last are flagged forced_cut (and not unterminated: the cut explains the end).
    const std::uint32_t forced = (flags & ~static_cast<std::uint32_t>(kSentenceUnterminated)) |
                                 kSentenceForcedCut;
    while (e - b > maxb_) {
      const std::size_t lim = b + maxb_;
      // Common case: an internal mark among the last 64 bytes before the limit.
      const std::size_t quick = last_internal_before(b, lim);
      if (quick > b) {
        push_span(b, quick, forced);
        b = skip_gap_fwd(quick, e);
        if (b >= e) return;
        continue;
      }
      if (q < b) q = b;
      while (q < e) {
        if (im_.lead[s_[q]] == kLeadCjk3 && q + 3 <= lim && q + 3 <= e && is_cont(s_[q + 1]) &&
            is_cont(s_[q + 2])) {  // an ordinary 3-byte character: no mark, no gap
          q += 3;
          nongap_end = cut_bd = cut_bd_trim = q;
          continue;
        }
        if (marker_at(q)) {
          if (q + mlen_ > lim) break;
          q += mlen_;
          cut_bd = q;
          cut_bd_trim = nongap_end;
          continue;
        }
        const Char c = at(q);
        if (q + c.len > lim) break;
        q += c.len;
        if (is_gap_cls(c.cls)) {
          cut_ws = q;
          cut_ws_trim = nongap_end;
        } else {
          nongap_end = q;
          if (is_internal_cls(c.cls)) cut_int = q;
        }
        cut_bd = q;
        cut_bd_trim = nongap_end;
      }
      std::size_t p, pe;
      if (cut_int > b) {
        p = pe = cut_int;
      } else if (cut_ws > b && cut_ws_trim > b) {
        p = cut_ws;
        pe = cut_ws_trim;
      } else {
        p = cut_bd;
        pe = cut_bd_trim;
      }
      if (p <= b || pe <= b) {  // cannot happen (max >= 16, b starts a non-gap character)
        p = pe = b + at(b).len;
      }
      push_span(b, pe, forced);
      b = skip_gap_fwd(p, e);
      if (b >= e) return;
    }
    push_span(b, e, flags);
  }

  // M1 quick path: the end of the last internal mark in (b, lim], searched backward over at most
  // 64 bytes from the last character boundary <= lim outside a marker; 0 when there is none.
  std::size_t last_internal_before(std::size_t b, std::size_t lim) const {
    std::size_t p = lim;
    for (std::size_t k = 1; k <= 3 && k <= p - b; ++k) {  // not inside a UTF-8 sequence
      if (!is_cont(s_[p - k])) {
        if (valid_len(s_ + p - k, e_) > k) p -= k;
        break;
      }
    }
    if (mlen_ > 1) {  // not inside a marker
      for (std::size_t j = p > b + mlen_ ? p - mlen_ + 1 : b + 1; j < p; ++j)
        if (marker_at(j)) {
          p = j;
          break;
        }
    }
    const std::size_t stop = p > b + 64 ? p - 64 : b;
    std::size_t q = p;
    while (q > stop) {
      if (marker_ends_at(q, b)) {
        q -= mlen_;
        continue;
      }
      const std::size_t ps = prev_start(q, b);
      if (is_internal_cls(at(ps).cls)) return q;
      q = ps;
    }
    return 0;
  }

  // ---------------------------------------------------------------- state
  const SplitterData& im_;
  const unsigned char* s_;
  std::size_t n_;
  const unsigned char* e_;
  std::vector<SentenceSpan>& out_;
  const unsigned char* mk_;
  std::size_t mlen_;
  bool s2_, inside_;
  NewlineMode mode_;
  std::size_t maxb_;
  unsigned char mk0_;  // first byte of the page marker; 0xFF (never a stop-free byte) if none
  bool simd_;
  bool avx2_;
  // skip_plain's last window (none yet), 16 or 32 bytes, and its stops
  std::size_t win_begin_ = 0, win_len_ = 0;
  unsigned win_stops_ = 0;

  std::size_t para_ws_start_ = 0;
  bool para_built_ = false;
  std::vector<LineRec> lines_;
  std::size_t auto_gap_begin_ = kNpos;  // gap of the last auto_boundary() call and its answer
  bool auto_gap_boundary_ = false;

  std::size_t u0_ = 0;
  std::size_t sent_begin_ = 0;
  std::array<Entry, kMaxDepth> stk_;  // not zeroed: push() writes an entry before it is read
  Entry popped_{};
  int top_ = -1;
  int eff_ = 0;
  bool pass2_ = false;
  std::vector<std::size_t> unmatched_;
  std::size_t um_cursor_ = 0;
  bool any_marker_ = false;
};

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* e = p + s.size();
  while (p < e) {
    const unsigned l = valid_len(p, e);
    if (l == 0) return false;
    p += l;
  }
  return true;
}

bool has_white_space(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* e = p + s.size();
  while (p < e) {
    const Char c = decode_at(p, e);
    if (is_gap_cls(c.cls)) return true;
    p += c.len;
  }
  return false;
}

// Fills the rows of avx2_stops; marker_lead as Scanner::mk0_.
void fill_stop_lanes(StopLanes& lanes, unsigned char marker_lead) {
  using R = StopLanes;
  const auto fill = [&lanes](R::Row r, int byte) {
    std::memset(lanes.bytes[r], static_cast<unsigned char>(byte), sizeof lanes.bytes[r]);
  };
  // Class bits: which low nibbles go with a high nibble.
  enum : unsigned char { kAnyLow = 1, kCjkLow = 2, kDigitLow = 4, kLetterFrom1 = 8, kLetterToA = 16 };
  std::array<unsigned char, 16> high{}, low{};
  for (int h = 0x8; h <= 0xB; ++h) high[h] = kAnyLow;  // continuation bytes 80-BF
  high[0xE] = kCjkLow;                                 // ideograph leads E4-EE
  high[0x3] = kDigitLow;                               // 30-39
  high[0x4] = high[0x6] = kLetterFrom1;                // 41-4F, 61-6F
  high[0x5] = high[0x7] = kLetterToA;                  // 50-5A, 70-7A
  for (int l = 0; l < 16; ++l) {
    low[l] = kAnyLow;
    if (l >= 0x4 && l <= 0xE) low[l] |= kCjkLow;
    if (l <= 0x9) low[l] |= kDigitLow;
    if (l >= 0x1) low[l] |= kLetterFrom1;
    if (l <= 0xA) low[l] |= kLetterToA;
  }
  for (int k = 0; k < 32; ++k) {
    lanes.bytes[R::kHighClasses][k] = high[k % 16];
    lanes.bytes[R::kLowClasses][k] = low[k % 16];
  }
  fill(R::kLowNibble, 0x0F);
  fill(R::kCommaLead, 0xEF);
  fill(R::kCommaMid, 0xBC);
  fill(R::kCommaLast, 0x8C);
  fill(R::kEnumLead, 0xE3);
  fill(R::kEnumMid, 0x80);
  fill(R::kEnumLast, 0x81);
  fill(R::kMarkerLead, marker_lead);
}

// Validates the options (throws tifa::Error) and fills the tables of `d`.
void init_data(SplitterData& d, SentenceOptions options) {
  const std::string& m = options.page_marker;
  if (!m.empty()) {
    if (m.size() > 64)
      throw Error(ErrorCode::kInvalidArgument, "page_marker: longer than 64 bytes");
    if (!valid_utf8(m)) throw Error(ErrorCode::kInvalidArgument, "page_marker: invalid UTF-8");
    if (has_white_space(m))
      throw Error(ErrorCode::kInvalidArgument, "page_marker: contains White_Space");
  }
  if (options.max_sentence_bytes != 0 && options.max_sentence_bytes < 16)
    throw Error(ErrorCode::kInvalidArgument, "max_sentence_bytes: must be 0 or >= 16");

  for (const std::string& a : options.extra_abbreviations) {
    std::string w = a;
    if (!w.empty() && w.back() == '.') w.pop_back();
    if (!w.empty()) d.extra_abbr.push_back(std::move(w));
  }
  auto& lead = d.lead;
  for (int b = 0; b < 256; ++b) {
    std::uint8_t k = kLeadSlow;
    if (b < 0x80) {
      const std::uint8_t cls = detail::kAscii.cls[b];
      k = (cls == kOther || cls == kUpper || cls == kLower || cls == kDigit || cls == kComma ||
           cls == kPercent || (cls == kASemi && !options.split_on_semicolon))
              ? kLeadAscii
              : kLeadSlow;
    } else if ((b >= 0xE4 && b <= 0xEC) || b == 0xEE) {
      k = kLeadCjk3;
    } else if (b == 0xE2 || b == 0xE3 || b == 0xEF) {
      k = kLeadMark3;
    }
    lead[static_cast<std::size_t>(b)] = k;
  }
  for (const unsigned b0 : {0xE2u, 0xE3u, 0xEFu}) {
    for (unsigned b1 = 0x80; b1 < 0xC0; ++b1) {
      std::uint64_t bits = 0;
      for (unsigned b2 = 0x80; b2 < 0xC0; ++b2) {
        const unsigned char seq[3] = {static_cast<unsigned char>(b0),
                                      static_cast<unsigned char>(b1),
                                      static_cast<unsigned char>(b2)};
        const Char c = decode_at(seq, seq + 3);
        bool ord = false;
        switch (c.cls) {
          case kOther: case kCjk: case kUpper: case kLower: case kDigit: case kFDigit:
          case kComma: case kEnumComma: case kColon: case kPercent: case kRoman:
            ord = true;
            break;
          case kSemi: ord = !options.split_on_semicolon; break;
          default: break;
        }
        if (c.len == 3 && ord) bits |= std::uint64_t{1} << (b2 & 0x3Fu);
      }
      d.ord3[((b0 & 0x0Fu) << 6) | (b1 & 0x3Fu)] = bits;
    }
  }
  if (!m.empty()) lead[static_cast<unsigned char>(m[0])] = kLeadSlow;
  for (std::size_t b = 0; b < 256; ++b)  // after the marker's lead byte became slow
    d.adv[b] = lead[b] == kLeadAscii ? 1 : lead[b] == kLeadCjk3 ? 3 : 0;
  d.opt = std::move(options);
  d.avx2 = util::cpu_has_avx2();
  fill_stop_lanes(d.stop_lanes, d.opt.page_marker.empty()
                                    ? 0xFF
                                    : static_cast<unsigned char>(d.opt.page_marker[0]));
}

}  // namespace

struct SentenceSplitter::Impl : SplitterData {};

SentenceSplitter::SentenceSplitter(SentenceOptions options) {
  auto impl = std::make_shared<Impl>();
  init_data(*impl, std::move(options));
  impl_ = std::move(impl);
}

void SentenceSplitter::split(std::string_view text, std::vector<SentenceSpan>& out) const {
  Scanner sc(*impl_, text, out, /*simd=*/true, impl_->avx2);
  sc.run();
}

namespace sentences {

void split_portable(const SentenceOptions& options, std::string_view text,
                    std::vector<SentenceSpan>& out) {
  SplitterData d;
  init_data(d, options);
  Scanner sc(d, text, out, /*simd=*/false, /*avx2=*/false);
  sc.run();
}

void split_sse2(const SentenceOptions& options, std::string_view text,
                std::vector<SentenceSpan>& out) {
  SplitterData d;
  init_data(d, options);
  Scanner sc(d, text, out, /*simd=*/true, /*avx2=*/false);
  sc.run();
}

}  // namespace sentences

std::vector<SentenceSpan> split_sentences(std::string_view text, const SentenceOptions& options) {
  std::vector<SentenceSpan> out;
  SentenceSplitter(options).split(text, out);
  return out;
}

}  // namespace tifa
