// summarize() and CorpusSummary (include/tifa/corpus.hpp).
#include <algorithm>
#include <string>
#include <unordered_map>

#include "tifa/corpus.hpp"

namespace tifa {

namespace {

std::string outlet_of(const Meta& meta) {
  if (meta.source_outlet && !meta.source_outlet->value.empty()) return meta.source_outlet->value;
  if (meta.publisher && !meta.publisher->value.empty()) return meta.publisher->value;
  return {};
}

std::string_view slice(const std::string& text, Span span) {
  if (span.begin > span.end || span.end > text.size()) return {};
  return std::string_view(text).substr(span.begin, span.size());
}

std::vector<SloganTally> tallies_of(const SloganStats& stats) {
  std::vector<SloganTally> tallies;
  tallies.reserve(stats.slogans.size());
  for (const SloganCount& count : stats.slogans) {
    tallies.push_back({count.slogan_id, count.canonical, count.category, count.in_lexicon,
                       count.count, count.count_quoted, count.n_sentences_with});
  }
  return tallies;
}

// For each sentence with mentions, the distinct tallies mentioned in it (ascending indices).
std::vector<std::vector<std::size_t>> sentence_slogans_of(const Document& doc,
                                                          const std::vector<SloganTally>& tallies) {
  std::unordered_map<std::string_view, std::size_t> index_of_id;
  for (std::size_t i = 0; i < tallies.size(); ++i) index_of_id.emplace(tallies[i].slogan_id, i);

  std::vector<std::vector<std::size_t>> result;
  std::size_t current_sentence = 0;
  for (const Mention& mention : doc.mentions) {  // in text order, so sentences ascend
    const auto found = index_of_id.find(mention.slogan_id);
    if (found == index_of_id.end()) continue;  // not counted (should not happen)
    if (result.empty() || mention.sentence != current_sentence) {
      result.emplace_back();
      current_sentence = mention.sentence;
    }
    result.back().push_back(found->second);
  }
  for (auto& indices : result) {
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  }
  return result;
}

std::vector<DiscoveredMention> discovered_of(const Document& doc) {
  std::vector<DiscoveredMention> discovered;
  for (const Mention& mention : doc.mentions) {
    if (mention.in_lexicon) continue;
    DiscoveredMention out;
    out.slogan_id = mention.slogan_id;
    out.canonical = mention.canonical;
    out.surface = std::string(slice(doc.text, mention.span));
    if (mention.sentence < doc.sentences.size()) {
      out.sentence = std::string(slice(doc.text, doc.sentences[mention.sentence].span));
    }
    out.kind = mention.kind;
    out.rule = mention.rule;
    out.confidence = mention.confidence;
    discovered.push_back(std::move(out));
  }
  return discovered;
}

// Entries of a count map, most first, then by name.
std::vector<std::pair<std::string, std::size_t>> by_count(
    const std::map<std::string, std::size_t>& counts) {
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return sorted;
}

}  // namespace

DocumentSummary summarize(const Document& doc) {
  DocumentSummary summary;
  summary.id = doc.source.id.empty() ? doc.source.path : doc.source.id;
  if (doc.meta.published_at) summary.local_date = doc.meta.published_at->local_date;
  summary.outlet = outlet_of(doc.meta);
  summary.format = doc.source.format;
  summary.n_chars = doc.slogan_stats.n_chars;
  summary.n_sentences = doc.slogan_stats.n_sentences;
  summary.n_mentions = doc.slogan_stats.n_mentions;
  summary.slogans = tallies_of(doc.slogan_stats);
  summary.sentence_slogans = sentence_slogans_of(doc, summary.slogans);
  summary.discovered = discovered_of(doc);
  summary.n_warnings = doc.warnings.size();
  return summary;
}

void CorpusSummary::add(const DocumentSummary& summary) {
  ++n_documents_;
  const std::string day = period_label(summary.local_date, Period::kDay);
  if (day != kUndatedLabel) {
    ++n_dated_;
    if (first_date_.empty() || day < first_date_) first_date_ = day;
    if (last_date_.empty() || day > last_date_) last_date_ = day;
  }
  n_chars_ += summary.n_chars;
  n_sentences_ += summary.n_sentences;
  n_mentions_ += summary.n_mentions;
  n_discovered_ += summary.discovered.size();
  n_warnings_ += summary.n_warnings;
  if (summary.n_warnings > 0) ++n_documents_with_warnings_;
  ++outlets_[summary.outlet.empty() ? std::string(kUnknownOutletLabel) : summary.outlet];
  ++formats_[to_string(summary.format)];
}

void CorpusSummary::add_failure(std::string id, std::string message) {
  failures_.push_back({std::move(id), std::move(message)});
}

std::vector<std::pair<std::string, std::size_t>> CorpusSummary::outlets() const {
  return by_count(outlets_);
}

std::vector<std::pair<std::string, std::size_t>> CorpusSummary::formats() const {
  return by_count(formats_);
}

}  // namespace tifa
