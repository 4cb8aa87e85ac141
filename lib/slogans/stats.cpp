// Per-document slogan counts (spec/slogans.md §7).
#include "slogans/stats.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

// White_Space of the Unicode Character Database.
constexpr bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

double rate(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0.0; }

}  // namespace

std::size_t count_non_space(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
    n += !is_white_space(util::decode_at(text, pos, length));
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
