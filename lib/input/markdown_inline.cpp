#include "input/markdown_inline.hpp"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <cstdint>

#include "util/cpu_features.hpp"
#include "input/text_scan.hpp"

namespace tifa::input {

namespace {

bool is_scheme_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '-' || c == '.';
}

// Separators allowed between the links of a navigation line.
std::size_t link_separator_length(std::string_view text, std::size_t pos) {
  if (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '|') return 1;
  if (text.substr(pos, 3) == "｜" || text.substr(pos, 3) == "丨" || text.substr(pos, 3) == "　")
    return 3;
  return 0;
}

}  // namespace

std::optional<Span> match_autolink(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != '<') return std::nullopt;
  if (pos + 1 < text.size() && text[pos + 1] == '>') return Span{pos, pos + 2};
  std::size_t i = pos + 1;
  while (i < text.size() && is_scheme_char(text[i])) ++i;
  if (i == pos + 1 || text.substr(i, 3) != "://") return std::nullopt;
  for (i += 3; i < text.size(); ++i) {
    char c = text[i];
    if (c == '>') return Span{pos, i + 1};
    if (c == '<' || c == ' ' || c == '\n' || c == '\t' || c == '"') return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Link> match_link(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != '[') return std::nullopt;
  std::size_t close = pos + 1;
  while (close < text.size() && text[close] != ']') {
    char c = text[close];
    if (c == '[' || c == '\n') return std::nullopt;
    ++close;
  }
  if (close + 1 >= text.size() || text[close + 1] != '(') return std::nullopt;
  std::size_t url_begin = close + 2;
  std::size_t end = url_begin;
  while (end < text.size() && text[end] != ')') {
    char c = text[end];
    if (c == ' ' || c == '\n' || c == '\t' || c == '(') return std::nullopt;
    ++end;
  }
  if (end >= text.size() || end == url_begin) return std::nullopt;
  return Link{Span{pos + 1, close}, Span{url_begin, end}, Span{pos, end + 1}};
}

std::vector<Link> find_links(std::string_view text, Span range) {
  std::vector<Link> links;
  std::size_t pos = range.begin;
  const std::string_view limited = text.substr(0, range.end);  // never search past the range
  while (pos < range.end) {
    std::size_t open = limited.find('[', pos);
    if (open == std::string_view::npos) break;
    auto link = match_link(text.substr(0, range.end), open);
    if (link) {
      links.push_back(*link);
      pos = link->whole.end;
    } else {
      pos = open + 1;
    }
  }
  return links;
}

bool is_link_line(std::string_view text, Span range, std::vector<Link>& links) {
  Span line = trim_line(text, range);
  links.clear();
  std::size_t pos = line.begin;
  while (pos < line.end) {
    if (std::size_t sep = link_separator_length(text, pos); sep > 0) {
      pos += sep;
      continue;
    }
    auto link = match_link(text.substr(0, line.end), pos);
    if (!link) return false;
    links.push_back(*link);
    pos = link->whole.end;
  }
  return !links.empty();
}

Span trim_line(std::string_view text, Span range) {
  Span out = range;
  while (out.begin < out.end) {
    std::size_t n = whitespace_length_at(text, out.begin, out.end);
    if (n == 0) break;
    out.begin += n;
  }
  while (out.begin < out.end) {
    std::size_t n = whitespace_length_before(text, out.begin, out.end);
    if (n == 0) break;
    out.end -= n;
  }
  return out;
}

std::size_t find_within(std::string_view text, std::size_t from, std::size_t end, std::string_view needle) {
  if (needle.size() < 2 || end > text.size() || end < needle.size()) return std::string_view::npos;
  const std::size_t last = end - needle.size();  // the last place it may start
  // HTML is full of '<', the usual first byte of a needle: the pair ("<P") is the test.
  for (std::size_t pos = from; pos <= last;) {
    const std::size_t at = find_either_pair(text, pos, last + 2, needle[0], needle[1], needle[1]);
    if (at == std::string_view::npos) break;
    if (text.compare(at, needle.size(), needle) == 0) return at;
    pos = at + 1;
  }
  return std::string_view::npos;
}

#if TIFA_CPU_DISPATCH

namespace {

// find_either_pair 32 places a step while both bytes of each pair lie before `end`: the first
// pair found (`found`), or where the steps stopped.
struct PairStop {
  std::size_t at;
  bool found;
};

// The places of q[0, 32) where `a` is followed by `b` or `c`.
TIFA_TARGET_AVX2 inline __m256i pairs_avx2(const char* q, __m256i a, __m256i b, __m256i c) {
  const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q));
  const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q + 1));
  const __m256i seconds = _mm256_or_si256(_mm256_cmpeq_epi8(y, b), _mm256_cmpeq_epi8(y, c));
  return _mm256_and_si256(_mm256_cmpeq_epi8(x, a), seconds);
}

TIFA_TARGET_AVX2 PairStop find_either_pair_avx2(const char* p, std::size_t pos, std::size_t end, char first,
                                                char second, char other_second) {
  const __m256i a = _mm256_set1_epi8(first);
  const __m256i b = _mm256_set1_epi8(second);
  const __m256i c = _mm256_set1_epi8(other_second);
  // 64 places a loop step while the pairs are far apart (the island pre-pass runs over whole
  // pages), the two halves tested with one movemask; then 32.
  for (; pos + 65 <= end; pos += 64) {
    const __m256i low = pairs_avx2(p + pos, a, b, c);
    const __m256i high = pairs_avx2(p + pos + 32, a, b, c);
    if (_mm256_movemask_epi8(_mm256_or_si256(low, high)) != 0) break;
  }
  for (; pos + 33 <= end; pos += 32) {
    const auto hits = static_cast<std::uint32_t>(_mm256_movemask_epi8(pairs_avx2(p + pos, a, b, c)));
    if (hits != 0) return {pos + static_cast<unsigned>(std::countr_zero(hits)), true};
  }
  return {pos, false};
}

}  // namespace

#endif

std::size_t find_either_pair(std::string_view text, std::size_t from, std::size_t end, char first,
                             char second, char other_second, bool allow_avx2) {
  end = std::min(end, text.size());
  std::size_t pos = from;
#if TIFA_CPU_DISPATCH
  if (allow_avx2 && util::cpu_has_avx2()) {
    const PairStop stop = find_either_pair_avx2(text.data(), pos, end, first, second, other_second);
    if (stop.found) return stop.at;
    pos = stop.at;
  }
#endif
#if defined(__SSE2__) || defined(_M_X64)
  const __m128i a = _mm_set1_epi8(first);
  const __m128i b = _mm_set1_epi8(second);
  const __m128i c = _mm_set1_epi8(other_second);
  // Both bytes of each of the 16 pairs lie before `end`.
  while (pos + 17 <= end) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos + 1));
    const __m128i seconds = _mm_or_si128(_mm_cmpeq_epi8(y, b), _mm_cmpeq_epi8(y, c));
    const auto hits = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x, a), seconds)));
    if (hits != 0) return pos + static_cast<unsigned>(std::countr_zero(hits));
    pos += 16;
  }
#endif
  for (; pos + 1 < end; ++pos) {
    if (text[pos] == first && (text[pos + 1] == second || text[pos + 1] == other_second)) return pos;
  }
  return std::string_view::npos;
}

std::vector<std::size_t> find_markers(std::string_view text, Span range, std::string_view marker) {
  std::vector<std::size_t> out;
  if (marker.empty() || range.size() < marker.size()) return out;
  const std::size_t last = range.end - marker.size();  // the last place a marker may start
  for (std::size_t pos = range.begin; pos <= last;) {
    const std::size_t at = marker.size() == 1 ? text.find(marker[0], pos)
                                              : find_either_pair(text, pos, last + 2, marker[0], marker[1], marker[1]);
    if (at == std::string_view::npos || at > last) break;
    if (text.compare(at, marker.size(), marker) == 0) {
      out.push_back(at);
      pos = at + marker.size();
    } else {
      pos = at + 1;
    }
  }
  return out;
}

}  // namespace tifa::input
