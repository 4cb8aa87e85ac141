// Per-document slogan counts (spec/slogans.md §7).
#include "slogans/stats.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "slogans/byte_scan.hpp"
#include "util/cpu_features.hpp"
#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

double rate(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0.0; }

// True when a White_Space character starts at s[i]. The White_Space characters are known by their
// bytes: TAB-CR, space, U+0085, U+00A0 (C2 ..), U+1680 (E1 9A 80), U+2000-U+200A, U+2028, U+2029,
// U+202F (E2 80 ..), U+205F (E2 81 9F), U+3000 (E3 80 80).
bool space_at(const unsigned char* s, std::size_t i, std::size_t size) {
  const unsigned b = s[i];
  if (b < 0x80u) return b == 0x20u || (b - 0x09u) <= 0x04u;
  if (b < 0xC2u || b > 0xE3u || i + util::sequence_length(static_cast<unsigned char>(b)) > size) return false;
  const unsigned b1 = s[i + 1], b2 = b >= 0xE0u ? s[i + 2] : 0u;
  return (b == 0xC2u && (b1 == 0x85u || b1 == 0xA0u)) || (b == 0xE1u && b1 == 0x9Au && b2 == 0x80u) ||
         (b == 0xE2u && b1 == 0x80u && (b2 <= 0x8Au || b2 == 0xA8u || b2 == 0xA9u || b2 == 0xAFu)) ||
         (b == 0xE2u && b1 == 0x81u && b2 == 0x9Fu) || (b == 0xE3u && b1 == 0x80u && b2 == 0x80u);
}

// The code points of `text` and the White_Space characters among them.
struct CharCounts {
  std::size_t code_points = 0;
  std::size_t spaces = 0;
};

// count_characters() from `i` on, given the continuation bytes and spaces counted before it.
CharCounts count_characters_from(std::string_view text, std::size_t i, std::size_t continuation,
                                 std::size_t spaces) {
  // Valid UTF-8 (the recogniser checks it): the bytes that are no continuation byte (the code
  // points, as count_code_points() counts them) and the White_Space characters, in one pass.
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
#if TIFA_SLOGANS_SSE2
  // 16 bytes a step; only the bytes that may start a White_Space character (up to 0x20, C2, E1,
  // E2, E3) are looked at one by one, mostly the E2 and E3 of Chinese punctuation.
  const auto set = [](unsigned char byte) { return _mm_set1_epi8(static_cast<char>(byte)); };
  __m128i continuation_sums = _mm_setzero_si128();
  for (; i + 16 <= size; i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    continuation_sums = _mm_add_epi64(continuation_sums, sse2::lane_sums(sse2::continuation_lanes(bytes)));
    const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(bytes, set(0x20)), bytes);
    const __m128i c2 = _mm_cmpeq_epi8(bytes, set(0xC2));
    const __m128i e1_e3 = _mm_cmpeq_epi8(_mm_min_epu8(_mm_sub_epi8(bytes, set(0xE1)), set(2)),
                                         _mm_sub_epi8(bytes, set(0xE1)));
    auto candidates = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(c2, e1_e3))));
    for (; candidates != 0; candidates &= candidates - 1) {
      spaces += space_at(s, i + static_cast<unsigned>(std::countr_zero(candidates)), size);
    }
  }
  continuation += sse2::total(continuation_sums);
#endif
  for (; i < size; ++i) {
    spaces += space_at(s, i, size);
    continuation += is_continuation_byte(s[i]);
  }
  return {size - continuation, spaces};
}

#if TIFA_CPU_DISPATCH
// An unsigned `bytes <= limit`, lane by lane (a function: a lambda would not be built for AVX2).
TIFA_TARGET_AVX2 inline __m256i at_most(__m256i bytes, unsigned char limit) {
  return _mm256_cmpeq_epi8(_mm256_min_epu8(bytes, avx2::bytes_of(limit)), bytes);
}

// count_characters() 32 bytes a step (AVX2), the vectors also looking at the bytes after a lead,
// so that the E3 of most Chinese punctuation (。、《》) no longer sends each such character to
// space_at(). A step reads the two bytes after its last one, so the last 33 bytes are left to the
// general path.
//
// With `marks` (byte offsets, sorted, none past the end of the text), each is replaced by the
// number of code points before it, in the same pass: within a step, by the continuation bytes
// below it.
TIFA_TARGET_AVX2 CharCounts count_characters_avx2(std::string_view text, std::span<std::size_t> marks) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  __m256i continuation_sums = _mm256_setzero_si256();
  std::size_t spaces = 0;
  std::size_t next_mark = 0;
  std::size_t i = 0;
  for (; i + 34 <= size; i += 32) {
    const __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    const __m256i b1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 1));
    const __m256i b2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 2));
    // 80-BF are -128..-65 as signed bytes.
    const __m256i continuation_lanes = _mm256_cmpgt_epi8(avx2::bytes_of(0xC0), b0);
    if (next_mark < marks.size() && marks[next_mark] < i + 32) {
      const std::size_t continuation_before = avx2::total(continuation_sums);
      const auto continuation_bits = static_cast<std::uint32_t>(_mm256_movemask_epi8(continuation_lanes));
      do {
        const std::size_t offset = marks[next_mark] - i;  // 0-31: the marks before i are done
        const std::uint32_t below = continuation_bits & ((std::uint32_t{1} << offset) - 1u);
        marks[next_mark] -= continuation_before + static_cast<std::size_t>(std::popcount(below));
        ++next_mark;
      } while (next_mark < marks.size() && marks[next_mark] < i + 32);
    }
    continuation_sums = _mm256_add_epi64(continuation_sums, avx2::lane_sums(continuation_lanes));
    // The bytes that may begin a White_Space character: up to 0x20, C2, E1, E2 80, E2 81, and
    // E3 80 80 (U+3000): the E3 of most Chinese punctuation (。、《》) is none.
    const __m256i low = at_most(b0, 0x20);
    const __m256i c2_e1 = _mm256_or_si256(avx2::is(b0, 0xC2), avx2::is(b0, 0xE1));
    const __m256i e2 = _mm256_and_si256(avx2::is(b0, 0xE2), avx2::is(_mm256_or_si256(b1, avx2::bytes_of(0x01)), 0x81));
    const __m256i e3 = _mm256_and_si256(avx2::is(b0, 0xE3), _mm256_and_si256(avx2::is(b1, 0x80), avx2::is(b2, 0x80)));
    const __m256i may_begin = _mm256_or_si256(_mm256_or_si256(low, c2_e1), _mm256_or_si256(e2, e3));
    for (auto bits = static_cast<std::uint32_t>(_mm256_movemask_epi8(may_begin)); bits != 0; bits &= bits - 1) {
      spaces += space_at(s, i + static_cast<unsigned>(std::countr_zero(bits)), size);
    }
  }
  std::size_t continuation = avx2::total(continuation_sums);
  if (next_mark == marks.size()) return count_characters_from(text, i, continuation, spaces);
  for (; i < size; ++i) {  // fewer than 34 bytes
    for (; next_mark < marks.size() && marks[next_mark] <= i; ++next_mark) marks[next_mark] = i - continuation;
    spaces += space_at(s, i, size);
    continuation += is_continuation_byte(s[i]);
  }
  for (; next_mark < marks.size(); ++next_mark) marks[next_mark] = size - continuation;
  return {size - continuation, spaces};
}
#endif

// With `cpu_specific_scan` the AVX2 build where the CPU has it (the same counts).
CharCounts count_characters(std::string_view text, bool cpu_specific_scan = true) {
#if TIFA_CPU_DISPATCH
  if (cpu_specific_scan && text.size() >= 34 && util::cpu_has_avx2()) return count_characters_avx2(text, {});
#else
  (void)cpu_specific_scan;
#endif
  return count_characters_from(text, 0, 0, 0);
}

}  // namespace

std::size_t count_non_space(std::string_view text, bool cpu_specific_scan) {
  const CharCounts counts = count_characters(text, cpu_specific_scan);
  return counts.code_points - counts.spaces;
}

namespace {

// The code points of the text before each mention (into `chars_before`) and the non-space
// characters of the whole text, from one pass over it: counted apart, the code points before the
// last mention were a second pass over most of the text. The AVX2 build counts at the mentions'
// starts as it goes; the other one counts the pieces between them. Mentions are sorted by span (the
// stored ones) and lie in the text; for any others, false (and nothing counted).
bool count_in_one_pass(std::string_view text, const std::vector<Mention>& mentions,
                       std::vector<std::size_t>& chars_before, std::size_t& non_space, bool cpu_specific_scan) {
  std::size_t scanned = 0;
  for (const Mention& m : mentions) {
    if (m.span.begin < scanned || m.span.begin > text.size()) return false;
    scanned = m.span.begin;
  }
#if TIFA_CPU_DISPATCH
  if (cpu_specific_scan && util::cpu_has_avx2()) {
    for (std::size_t i = 0; i < mentions.size(); ++i) chars_before[i] = mentions[i].span.begin;
    const CharCounts counts = count_characters_avx2(text, chars_before);
    non_space = counts.code_points - counts.spaces;
    return true;
  }
#endif
  CharCounts total;
  scanned = 0;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const std::size_t begin = mentions[i].span.begin;
    const CharCounts piece = count_characters(text.substr(scanned, begin - scanned), cpu_specific_scan);
    total.code_points += piece.code_points;
    total.spaces += piece.spaces;
    chars_before[i] = total.code_points;
    scanned = begin;
  }
  const CharCounts rest = count_characters(text.substr(scanned), cpu_specific_scan);
  non_space = total.code_points + rest.code_points - total.spaces - rest.spaces;
  return true;
}

// A mention (by index) under a key: its slogan id or its category.
struct Keyed {
  std::string_view key;
  std::size_t mention;
};

// Groups of `keyed` with equal keys, as [begin, end) runs of it, in the order their keys first occur
// among the mentions; within a run the mentions keep their order. Sorting once replaces a map with
// a node per key (a few keys per document, so the nodes were most of the work).
void group_by_key(std::vector<Keyed>& keyed, std::vector<std::pair<std::size_t, std::size_t>>& runs) {
  // Any order that puts equal keys together will do (the runs are put in the order of their first
  // mentions below): keys of different lengths are told apart without comparing their bytes.
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    if (a.key.size() != b.key.size()) return a.key.size() < b.key.size();
    const int order = a.key.compare(b.key);
    return order != 0 ? order < 0 : a.mention < b.mention;
  });
  runs.clear();
  runs.reserve(keyed.size());  // at most a run per mention: one allocation, not one per doubling
  for (std::size_t begin = 0, end = 0; begin < keyed.size(); begin = end) {
    end = begin + 1;
    while (end < keyed.size() && keyed[end].key == keyed[begin].key) ++end;
    runs.emplace_back(begin, end);
  }
  std::sort(runs.begin(), runs.end(), [&](const auto& a, const auto& b) {
    return keyed[a.first].mention < keyed[b.first].mention;
  });
}

// The mentions of each category, in the order the categories first occur. A document holds a few
// categories (the lexicon's, and the empty one of discovered mentions), so each mention is looked
// up in the short list of those seen so far; past kFewCategories, by one sort as for the slogans.
void count_categories(const std::vector<Mention>& mentions, std::vector<Keyed>& keyed,
                      std::vector<std::pair<std::size_t, std::size_t>>& runs, std::vector<CategoryCount>& categories) {
  constexpr std::size_t kFewCategories = 16;
  std::array<std::pair<std::string_view, std::size_t>, kFewCategories> seen;  // category, mentions
  std::size_t seen_count = 0;  // in place, not allocated: a document has a few
  for (const Mention& m : mentions) {
    const auto seen_end = seen.begin() + seen_count;
    const auto it = std::find_if(seen.begin(), seen_end, [&m](const auto& each) { return each.first == m.category; });
    if (it != seen_end) {
      ++it->second;
    } else if (seen_count < kFewCategories) {
      seen[seen_count++] = {m.category, 1};
    } else {
      keyed.clear();
      for (std::size_t i = 0; i < mentions.size(); ++i) keyed.push_back({mentions[i].category, i});
      group_by_key(keyed, runs);
      categories.reserve(runs.size());
      for (const auto& [begin, end] : runs) categories.push_back({std::string(keyed[begin].key), end - begin});
      return;
    }
  }
  categories.reserve(seen_count);
  for (std::size_t i = 0; i < seen_count; ++i) categories.push_back({std::string(seen[i].first), seen[i].second});
}

}  // namespace

SloganStats make_stats(const TextView& view, const std::vector<Mention>& mentions, std::string lexicon_sha256,
                       bool cpu_specific_scan) {
  SloganStats stats;
  stats.n_sentences = view.sentences.size();
  stats.n_mentions = mentions.size();
  stats.lexicon_sha256 = std::move(lexicon_sha256);
  // Code points of the text before each mention, counted on from the one before.
  std::vector<std::size_t> chars_before(mentions.size());
  if (!count_in_one_pass(view.text, mentions, chars_before, stats.n_chars, cpu_specific_scan)) {
    stats.n_chars = count_non_space(view.text);
    std::size_t count = 0;
    std::size_t scanned = 0;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
      const Mention& m = mentions[i];
      count += util::count_code_points(view.text.substr(scanned, m.span.begin - scanned));
      scanned = m.span.begin;
      chars_before[i] = count;
    }
  }
  if (mentions.empty()) return stats;

  // Rows are keyed by string_view into the mentions' own strings, which outlive this function, and
  // into made_keys: "d:" + canonical for a mention without an id, reserved up front so that its
  // strings never move.
  std::vector<std::string> made_keys;
  std::vector<Keyed> keyed;
  keyed.reserve(mentions.size());
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (m.slogan_id.empty()) {
      if (made_keys.empty()) made_keys.reserve(mentions.size());
      keyed.push_back({made_keys.emplace_back("d:" + m.canonical), i});
    } else {
      keyed.push_back({m.slogan_id, i});
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  group_by_key(keyed, runs);
  stats.slogans.reserve(runs.size());
  std::vector<std::size_t> sentences;
  sentences.reserve(keyed.size());  // a row's sentences, at most one per mention
  for (const auto& [begin, end] : runs) {
    const std::size_t first = keyed[begin].mention;
    const Mention& m = mentions[first];
    SloganCount row;
    row.slogan_id = keyed[begin].key;
    row.canonical = m.canonical;
    row.category = m.category;
    row.in_lexicon = m.in_lexicon;
    row.first_char = chars_before[first];
    row.confidence = m.confidence;
    sentences.clear();
    for (std::size_t k = begin; k < end; ++k) {
      const Mention& each = mentions[keyed[k].mention];
      ++row.count;
      row.count_quoted += each.quoted;
      row.confidence = std::max(row.confidence, each.confidence);
      sentences.push_back(each.sentence);
    }
    std::sort(sentences.begin(), sentences.end());
    row.n_sentences_with = static_cast<std::size_t>(std::unique(sentences.begin(), sentences.end()) - sentences.begin());
    row.per_10k_chars = rate(static_cast<double>(row.count) * 10000.0, static_cast<double>(stats.n_chars));
    row.sentence_share = rate(static_cast<double>(row.n_sentences_with), static_cast<double>(stats.n_sentences));
    stats.slogans.push_back(std::move(row));
  }

  count_categories(mentions, keyed, runs, stats.categories);
  return stats;
}

}  // namespace tifa::slogans
