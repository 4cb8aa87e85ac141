// Per-document slogan counts (spec/slogans.md §7).
#include "slogans/stats.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

double rate(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0.0; }

}  // namespace

std::size_t count_non_space(std::string_view text) {
  // Valid UTF-8 (the recogniser checks it), stepped a character at a time by its lead byte; the
  // White_Space characters are known by their bytes: U+0085, U+00A0 (C2 ..), U+1680 (E1 9A 80),
  // U+2000-U+200A, U+2028, U+2029, U+202F (E2 80 ..), U+205F (E2 81 9F), U+3000 (E3 80 80).
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t n = 0;
  for (std::size_t i = 0; i < size;) {
    const unsigned b = s[i];
    if (b < 0x80u) {
      n += b != 0x20u && (b - 0x09u) > 0x04u;
      ++i;
      continue;
    }
    const std::size_t length = util::sequence_length(static_cast<unsigned char>(b));
    bool space = false;
    if (b >= 0xC2u && b <= 0xE3u && i + length <= size) {
      const unsigned b1 = s[i + 1], b2 = length > 2 ? s[i + 2] : 0u;
      space = (b == 0xC2u && (b1 == 0x85u || b1 == 0xA0u)) || (b == 0xE1u && b1 == 0x9Au && b2 == 0x80u) ||
              (b == 0xE2u && b1 == 0x80u && (b2 <= 0x8Au || b2 == 0xA8u || b2 == 0xA9u || b2 == 0xAFu)) ||
              (b == 0xE2u && b1 == 0x81u && b2 == 0x9Fu) || (b == 0xE3u && b1 == 0x80u && b2 == 0x80u);
    }
    n += !space;
    i += length;
  }
  return n;
}

SloganStats make_stats(const TextView& view, const std::vector<Mention>& mentions, std::string lexicon_sha256) {
  SloganStats stats;
  stats.n_chars = count_non_space(view.text);
  stats.n_sentences = view.sentences.size();
  stats.n_mentions = mentions.size();
  stats.lexicon_sha256 = std::move(lexicon_sha256);

  std::map<std::string, std::size_t, std::less<>> row_of;     // slogan_id -> row
  std::vector<std::set<std::size_t>> sentences_of;              // per row
  std::map<std::string, std::size_t, std::less<>> category_of;  // category -> row
  std::size_t chars_before = 0;  // code points of text before `scanned`
  std::size_t scanned = 0;
  for (const Mention& m : mentions) {
    chars_before += util::count_code_points(view.text.substr(scanned, m.span.begin - scanned));
    scanned = m.span.begin;
    const std::string key = m.slogan_id.empty() ? "d:" + m.canonical : m.slogan_id;
    auto [it, added] = row_of.try_emplace(key, stats.slogans.size());
    if (added) {
      SloganCount row;
      row.slogan_id = key;
      row.canonical = m.canonical;
      row.category = m.category;
      row.in_lexicon = m.in_lexicon;
      row.first_char = chars_before;
      row.confidence = m.confidence;
      stats.slogans.push_back(std::move(row));
      sentences_of.emplace_back();
    }
    SloganCount& row = stats.slogans[it->second];
    ++row.count;
    row.count_quoted += m.quoted;
    row.confidence = std::max(row.confidence, m.confidence);
    sentences_of[it->second].insert(m.sentence);

    auto [cat, new_category] = category_of.try_emplace(m.category, stats.categories.size());
    if (new_category) stats.categories.push_back({m.category, 0});
    ++stats.categories[cat->second].count;
  }
  for (std::size_t i = 0; i < stats.slogans.size(); ++i) {
    SloganCount& row = stats.slogans[i];
    row.n_sentences_with = sentences_of[i].size();
    row.per_10k_chars = rate(static_cast<double>(row.count) * 10000.0, static_cast<double>(stats.n_chars));
    row.sentence_share = rate(static_cast<double>(row.n_sentences_with), static_cast<double>(stats.n_sentences));
  }
  return stats;
}

}  // namespace tifa::slogans
