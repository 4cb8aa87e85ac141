// kwic() and KwicSample (include/tifa/corpus.hpp): concordance lines.
#include <algorithm>

#include "tifa/corpus.hpp"

namespace tifa {

namespace {

bool is_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// The byte offset `count` code points before `pos`, not before `limit`.
std::size_t back_code_points(std::string_view text, std::size_t pos, std::size_t count,
                             std::size_t limit) {
  while (count > 0 && pos > limit) {
    --pos;
    while (pos > limit && is_continuation(text[pos])) --pos;
    --count;
  }
  return pos;
}

// The byte offset `count` code points after `pos`, not after `limit`.
std::size_t forward_code_points(std::string_view text, std::size_t pos, std::size_t count,
                                std::size_t limit) {
  while (count > 0 && pos < limit) {
    ++pos;
    while (pos < limit && is_continuation(text[pos])) ++pos;
    --count;
  }
  return pos;
}

std::size_t count_code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char byte) { return !is_continuation(byte); }));
}

std::string outlet_of(const Meta& meta) {
  if (meta.source_outlet && !meta.source_outlet->value.empty()) return meta.source_outlet->value;
  if (meta.publisher && !meta.publisher->value.empty()) return meta.publisher->value;
  return {};
}

bool matches(const Mention& mention, std::string_view surface, std::string_view slogan) {
  return mention.canonical == slogan || mention.slogan_id == slogan || surface == slogan;
}

}  // namespace

std::vector<KwicLine> kwic(const Document& doc, std::string_view slogan, std::size_t window,
                           bool clip_to_sentence) {
  const std::string_view text = doc.text;
  const std::string doc_id = doc.source.id.empty() ? doc.source.path : doc.source.id;
  std::string local_date = period_label(
      doc.meta.published_at ? std::string_view(doc.meta.published_at->local_date) : "", Period::kDay);
  if (local_date == kUndatedLabel) local_date.clear();
  const std::string outlet = outlet_of(doc.meta);
  std::vector<KwicLine> lines;
  std::size_t counted_bytes = 0;  // code points of text[0, counted_bytes) are `counted_chars`
  std::size_t counted_chars = 0;
  for (const Mention& mention : doc.mentions) {
    if (mention.span.end > text.size() || mention.span.begin > mention.span.end) continue;
    const std::string_view surface = text.substr(mention.span.begin, mention.span.size());
    if (!matches(mention, surface, slogan)) continue;

    std::size_t lower = 0;
    std::size_t upper = text.size();
    if (clip_to_sentence && mention.sentence < doc.sentences.size()) {
      const Span sentence = doc.sentences[mention.sentence].span;
      lower = std::min(sentence.begin, mention.span.begin);
      upper = std::clamp(sentence.end, mention.span.end, text.size());
    }
    const std::size_t left = back_code_points(text, mention.span.begin, window, lower);
    const std::size_t right = forward_code_points(text, mention.span.end, window, upper);

    if (mention.span.begin >= counted_bytes) {
      counted_chars += count_code_points(text.substr(counted_bytes, mention.span.begin - counted_bytes));
    } else {  // overlapping or out-of-order mentions: count from the start
      counted_chars = count_code_points(text.substr(0, mention.span.begin));
    }
    counted_bytes = mention.span.begin;

    KwicLine line;
    line.doc_id = doc_id;
    line.local_date = local_date;
    line.outlet = outlet;
    line.slogan_id = mention.slogan_id;
    line.canonical = mention.canonical;
    line.left = std::string(text.substr(left, mention.span.begin - left));
    line.match = std::string(surface);
    line.right = std::string(text.substr(mention.span.end, right - mention.span.end));
    line.span = mention.span;
    line.char_start = counted_chars;
    line.char_end = counted_chars + count_code_points(surface);
    line.sentence = mention.sentence;
    line.kind = mention.kind;
    line.in_lexicon = mention.in_lexicon;
    line.confidence = mention.confidence;
    lines.push_back(std::move(line));
  }
  return lines;
}

KwicSample::KwicSample(std::size_t size, std::uint64_t seed) : size_(size), engine_(seed) {}

void KwicSample::add(KwicLine line) {
  const std::size_t position = seen_++;
  if (kept_.size() < size_) {
    kept_.emplace_back(position, std::move(line));
    return;
  }
  // Algorithm R: keep the new line with probability size / seen. The modulo bias is below
  // 2^-40 for any realistic stream and, unlike std::uniform_int_distribution, is the same
  // everywhere.
  const std::uint64_t slot = engine_() % static_cast<std::uint64_t>(seen_);
  if (slot < size_) kept_[static_cast<std::size_t>(slot)] = {position, std::move(line)};
}

std::vector<KwicLine> KwicSample::lines() const {
  std::vector<std::pair<std::size_t, KwicLine>> ordered = kept_;
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<KwicLine> result;
  result.reserve(ordered.size());
  for (auto& entry : ordered) result.push_back(std::move(entry.second));
  return result;
}

}  // namespace tifa
