// Quote pairs and book titles (spec/slogans.md §3.6), and the lookups of TextView.
#include <algorithm>
#include <bit>
#include <cstdint>

#include "slogans/byte_scan.hpp"
#include "slogans/ignorable.hpp"
#include "slogans/text_view.hpp"
#include "util/cpu_features.hpp"
#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

enum class Mark { kNone, kOpen, kClose, kAsciiDouble, kAsciiSingle };

struct MarkInfo {
  Mark mark = Mark::kNone;
  char32_t partner = 0;  // the opening mark a closing mark needs
  bool title = false;
};

MarkInfo classify(char32_t c) {
  switch (c) {
    case U'“': return {Mark::kOpen, 0, false};
    case U'”': return {Mark::kClose, U'“', false};
    case U'‘': return {Mark::kOpen, 0, false};
    case U'’': return {Mark::kClose, U'‘', false};
    case U'「': return {Mark::kOpen, 0, false};
    case U'」': return {Mark::kClose, U'「', false};
    case U'『': return {Mark::kOpen, 0, false};
    case U'』': return {Mark::kClose, U'『', false};
    case U'《': return {Mark::kOpen, 0, true};
    case U'》': return {Mark::kClose, U'《', true};
    case U'〈': return {Mark::kOpen, 0, true};
    case U'〉': return {Mark::kClose, U'〈', true};
    case U'"': return {Mark::kAsciiDouble, 0, false};
    case U'\'': return {Mark::kAsciiSingle, 0, false};
    default: return {};
  }
}

struct OpenMark {
  char32_t mark;
  std::size_t begin;  // byte offset of the mark
  std::size_t end;    // byte offset after the mark
};

// The content between two marks without ignorable units at its ends.
Span trimmed_content(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t length = 0;
  while (begin < end && (length = ignorable_length(text, begin, {})) > 0) begin += length;
  while (end > begin) {
    const std::size_t start = util::previous_start(text, end);
    if (ignorable_length(text, start, {}) == 0 && text[end - 1] != '\n') break;
    end = text[end - 1] == '\n' ? end - 1 : start;
  }
  return {begin, end};
}

// The first byte in [pos, end) where a mark may begin; `end` when there is none. Every mark begins
// with '"', '\'', E2 (“”‘’: E2 80 98-9D) or E3 (「」『』《》〈〉: E3 80 88-8F), and in valid UTF-8
// (the recogniser checks it) these bytes always begin a character, so the bytes in between need
// no decoding. SSE2 looks at 16 bytes a step and also at the two bytes after a lead, so the common
// 、 and 。 (E3 80 81, E3 80 82) are no stop. The steps read on past `end` while the text goes on
// (a block is followed by the next): the bytes after a lead are those decode_at() reads, and a
// stop at or past `end` is `end`. Only the last block of a text ends in bytes looked at one by one
// (each block did, and most blocks are a few lines).
std::size_t next_candidate(std::string_view text, std::size_t pos, std::size_t end) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
#if TIFA_SLOGANS_SSE2
  const auto set = [](unsigned char byte) { return _mm_set1_epi8(static_cast<char>(byte)); };
  const auto load = [&](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at)); };
  for (; pos < end && pos + 18 <= text.size(); pos += 16) {
    const __m128i lead = load(pos);
    const __m128i third = _mm_and_si128(load(pos + 2), set(0xF8));
    const __m128i ascii = _mm_or_si128(_mm_cmpeq_epi8(lead, set('"')), _mm_cmpeq_epi8(lead, set('\'')));
    const __m128i e2 = _mm_and_si128(_mm_cmpeq_epi8(lead, set(0xE2)), _mm_cmpeq_epi8(third, set(0x98)));
    const __m128i e3 = _mm_and_si128(_mm_cmpeq_epi8(lead, set(0xE3)), _mm_cmpeq_epi8(third, set(0x88)));
    const __m128i marks =
        _mm_or_si128(ascii, _mm_and_si128(_mm_cmpeq_epi8(load(pos + 1), set(0x80)), _mm_or_si128(e2, e3)));
    if (const auto bits = static_cast<unsigned>(_mm_movemask_epi8(marks)); bits != 0) {
      return std::min(end, pos + static_cast<unsigned>(std::countr_zero(bits)));
    }
  }
  if (pos >= end) return end;
#endif
  for (; pos < end; ++pos) {
    const unsigned char byte = s[pos];
    if (byte == '"' || byte == '\'' || byte == 0xE2 || byte == 0xE3) return pos;
  }
  return end;
}

#if TIFA_CPU_DISPATCH
// next_candidate() 32 bytes a step (AVX2), the same stops; the rest of the text, fewer than 34
// bytes, is left to next_candidate().
[[gnu::always_inline]] TIFA_TARGET_AVX2 inline std::size_t next_candidate_avx2(std::string_view text, std::size_t pos,
                                                                             std::size_t end) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (; pos < end && pos + 34 <= text.size(); pos += 32) {
    const __m256i lead = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + pos));
    const __m256i second = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + pos + 1));
    const __m256i third = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + pos + 2)),
                                           _mm256_set1_epi8(static_cast<char>(0xF8)));
    const __m256i ascii = _mm256_or_si256(avx2::is(lead, '"'), avx2::is(lead, '\''));
    const __m256i e2 = _mm256_and_si256(avx2::is(lead, 0xE2), avx2::is(third, 0x98));
    const __m256i e3 = _mm256_and_si256(avx2::is(lead, 0xE3), avx2::is(third, 0x88));
    const __m256i marks = _mm256_or_si256(ascii, _mm256_and_si256(avx2::is(second, 0x80), _mm256_or_si256(e2, e3)));
    if (const auto bits = static_cast<std::uint32_t>(_mm256_movemask_epi8(marks)); bits != 0) {
      return std::min(end, pos + static_cast<unsigned>(std::countr_zero(bits)));
    }
  }
  return pos >= end ? end : next_candidate(text, pos, end);
}
#endif

class BlockScanner {
 public:
  // `stack` is storage reused from block to block (one allocation per text, not per block).
  BlockScanner(TextView& view, Span block, std::vector<OpenMark>& stack) : view_(view), block_(block), stack_(stack) {
    stack_.clear();
  }

  void run() {
    const std::string_view text = view_.text;
    for (std::size_t pos = next_candidate(text, block_.begin, block_.end), length = 0; pos < block_.end;
         pos = next_candidate(text, pos + length, block_.end)) {
      const char32_t c = util::decode_at(text, pos, length);
      const MarkInfo info = classify(c);
      if (info.mark != Mark::kNone) on_mark(c, info, pos, pos + length);
    }
  }

#if TIFA_CPU_DISPATCH
  // run() with the AVX2 scan built into its loop (and into scan_blocks_avx2's loop over the
  // blocks): the scan's constants are not made again at each stop. Only after
  // util::cpu_has_avx2() said yes.
  [[gnu::always_inline]] TIFA_TARGET_AVX2 void run_avx2() {
    const std::string_view text = view_.text;
    for (std::size_t pos = next_candidate_avx2(text, block_.begin, block_.end), length = 0; pos < block_.end;
         pos = next_candidate_avx2(text, pos + length, block_.end)) {
      const char32_t c = util::decode_at(text, pos, length);
      const MarkInfo info = classify(c);
      if (info.mark != Mark::kNone) on_mark(c, info, pos, pos + length);
    }
  }
#endif

 private:
  void on_mark(char32_t c, const MarkInfo& info, std::size_t begin, std::size_t end) {
    switch (info.mark) {
      case Mark::kOpen: stack_.push_back({c, begin, end}); break;
      case Mark::kClose: close(info.partner, info.title, begin, end); break;
      case Mark::kAsciiDouble:
        if (!stack_.empty() && stack_.back().mark == U'"') {
          close(U'"', false, begin, end);
        } else {
          stack_.push_back({c, begin, end});
        }
        break;
      case Mark::kAsciiSingle:
        if (!stack_.empty() && stack_.back().mark == U'\'') {
          close(U'\'', false, begin, end);
        } else if (!stack_.empty()) {
          stack_.push_back({c, begin, end});
        }
        break;
      case Mark::kNone: break;
    }
  }

  // Closes the nearest open `partner`; marks opened after it stay unclosed and make no pair. A
  // closing mark with no partner open (reversed or stray) is ignored.
  void close(char32_t partner, bool title, std::size_t begin, std::size_t end) {
    auto it = std::find_if(stack_.rbegin(), stack_.rend(),
                           [&](const OpenMark& open) { return open.mark == partner; });
    if (it == stack_.rend()) return;
    const OpenMark open = *it;
    stack_.erase(std::next(it).base(), stack_.end());
    const Span content = trimmed_content(view_.text, open.end, begin);
    if (title) {
      if (view_.titles.empty()) view_.titles.reserve(kUsualPairs);
      view_.titles.push_back(content);
    } else {
      const int depth = static_cast<int>(std::count_if(stack_.begin(), stack_.end(), [](const OpenMark& m) {
        return m.mark != U'《' && m.mark != U'〈';
      }));
      if (view_.quotes.empty()) view_.quotes.reserve(kUsualPairs);
      view_.quotes.push_back(QuotePair{{open.begin, end}, content, depth});
    }
  }

  // Room for the pairs (titles) of a usual text, taken at the first: growth from one by doubling
  // was an allocation for each power of two.
  static constexpr std::size_t kUsualPairs = 16;

  TextView& view_;
  Span block_;
  std::vector<OpenMark>& stack_;
};

#if TIFA_CPU_DISPATCH
// The blocks of the text scanned in one AVX2 function: the scan's constants are made once for them.
TIFA_TARGET_AVX2 void scan_blocks_avx2(TextView& view, std::vector<OpenMark>& stack) {
  for (const Span& block : view.blocks) BlockScanner(view, block, stack).run_avx2();
}
#endif

template <typename Spans>
std::size_t index_of(const Spans& spans, std::size_t pos) noexcept {
  if (spans.empty()) return 0;
  auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                             [](std::size_t p, const Span& span) { return p < span.begin; });
  return it == spans.begin() ? 0 : static_cast<std::size_t>(it - spans.begin()) - 1;
}

// Pairs nest, so in opening order a stack of the pairs still open gives each pair its parent.
void link_parents(std::vector<QuotePair>& quotes) {
  std::vector<std::size_t> open;
  open.reserve(quotes.size());
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    while (!open.empty() && quotes[open.back()].outer.end <= quotes[i].outer.begin) open.pop_back();
    quotes[i].parent = open.empty() ? QuotePair::kNoParent : open.back();
    open.push_back(i);
  }
}

}  // namespace

void find_quotes_and_titles(TextView& view, bool cpu_specific_scan) {
  view.quotes.clear();
  view.titles.clear();
  std::vector<OpenMark> stack;
  const bool avx2 = cpu_specific_scan && util::cpu_has_avx2();
#if TIFA_CPU_DISPATCH
  if (avx2) {
    scan_blocks_avx2(view, stack);
  } else {
    for (const Span& block : view.blocks) BlockScanner(view, block, stack).run();
  }
#else
  (void)avx2;
  for (const Span& block : view.blocks) BlockScanner(view, block, stack).run();
#endif
  const auto by_begin = [](const auto& a, const auto& b) { return a.begin < b.begin; };
  std::sort(view.quotes.begin(), view.quotes.end(),
            [](const QuotePair& a, const QuotePair& b) { return a.outer.begin < b.outer.begin; });
  std::sort(view.titles.begin(), view.titles.end(), by_begin);
  link_parents(view.quotes);
}

std::vector<Span> paragraphs_of(std::string_view text) {
  std::vector<Span> out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t blank = text.find("\n\n", begin);
    const std::size_t end = blank == std::string_view::npos ? text.size() : blank;
    if (end > begin) out.push_back({begin, end});
    begin = end;
    while (begin < text.size() && text[begin] == '\n') ++begin;
  }
  return out;
}

std::size_t TextView::block_of(std::size_t pos) const noexcept { return index_of(blocks, pos); }
std::size_t TextView::sentence_of(std::size_t pos) const noexcept { return index_of(sentences, pos); }

Span TextView::block_span(std::size_t pos) const noexcept {
  return blocks.empty() ? Span{0, text.size()} : blocks[block_of(pos)];
}

Span TextView::sentence_span(std::size_t pos) const noexcept {
  return sentences.empty() ? block_span(pos) : sentences[sentence_of(pos)];
}

// Quotes are sorted by where they open, and pairs nest: the innermost pair around a span is the
// last pair opening before it or one of that pair's ancestors.
const QuotePair* TextView::quote_around(Span span) const noexcept {
  auto it = std::upper_bound(quotes.begin(), quotes.end(), span.begin,
                             [](std::size_t pos, const QuotePair& q) { return pos < q.outer.begin; });
  if (it == quotes.begin()) return nullptr;
  std::size_t i = static_cast<std::size_t>(it - quotes.begin()) - 1;
  while (i != QuotePair::kNoParent) {
    const QuotePair& quote = quotes[i];
    if (quote.content.begin <= span.begin && span.end <= quote.content.end) return &quote;
    i = quote.parent;
  }
  return nullptr;
}

const QuotePair* TextView::quote_opening_at(std::size_t pos) const noexcept {
  auto it = std::lower_bound(quotes.begin(), quotes.end(), pos,
                             [](const QuotePair& q, std::size_t p) { return q.outer.begin < p; });
  return it != quotes.end() && it->outer.begin == pos ? &*it : nullptr;
}

const QuotePair* TextView::quote_with_content(Span span) const noexcept {
  auto it = std::upper_bound(quotes.begin(), quotes.end(), span.begin,
                             [](std::size_t pos, const QuotePair& q) { return pos < q.outer.begin; });
  while (it != quotes.begin()) {
    --it;
    if (it->content == span) return &*it;
    if (it->content.begin < span.begin) break;
  }
  return nullptr;
}

// Titles rarely nest: the few titles opening last before the span are enough to look at.
bool TextView::in_title(Span span) const noexcept {
  auto it = std::upper_bound(titles.begin(), titles.end(), span.begin,
                             [](std::size_t pos, const Span& title) { return pos < title.begin; });
  for (int looked = 0; it != titles.begin() && looked < 8; ++looked) {
    --it;
    if (it->begin <= span.begin && span.end <= it->end) return true;
  }
  return false;
}

}  // namespace tifa::slogans
