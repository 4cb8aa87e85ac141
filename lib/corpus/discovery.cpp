// DiscoveryRanking (include/tifa/corpus.hpp): discovered slogans across a corpus.
#include <algorithm>
#include <set>

#include "tifa/corpus.hpp"

namespace tifa {

namespace {

void add_distinct(std::vector<std::string>& list, const std::string& value, std::size_t limit) {
  if (value.empty() || list.size() >= limit) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

void DiscoveryRanking::add(const DocumentSummary& summary) {
  const std::string day = period_label(summary.local_date, Period::kDay);
  const bool dated = day != kUndatedLabel;
  std::set<std::string_view> counted_in_this_document;
  for (const DiscoveredMention& mention : summary.discovered) {
    Entry& entry = candidates_[mention.canonical];
    DiscoveryCandidate& candidate = entry.candidate;
    if (candidate.n_mentions == 0) {
      candidate.slogan_id = mention.slogan_id;
      candidate.canonical = mention.canonical;
      candidate.kind = mention.kind;
      candidate.rule = mention.rule;
      candidate.confidence = mention.confidence;
    }
    ++candidate.n_mentions;
    candidate.confidence = std::max(candidate.confidence, mention.confidence);
    if (mention.surface != mention.canonical) {
      add_distinct(candidate.surfaces, mention.surface, 100);
    }
    add_distinct(candidate.examples, mention.sentence, kMaxExamples);
    if (!counted_in_this_document.insert(mention.canonical).second) continue;

    ++candidate.n_docs;
    if (!dated) continue;
    if (candidate.first_date.empty() || day < candidate.first_date) candidate.first_date = day;
    if (candidate.last_date.empty() || day > candidate.last_date) candidate.last_date = day;
    const std::string month = day.substr(0, 7);
    const auto at = std::lower_bound(entry.months.begin(), entry.months.end(), month);
    if (at == entry.months.end() || *at != month) entry.months.insert(at, month);
    candidate.n_months = entry.months.size();
  }
}

std::vector<DiscoveryCandidate> DiscoveryRanking::ranked(std::size_t min_docs) const {
  std::vector<DiscoveryCandidate> result;
  for (const auto& entry : candidates_) {  // canonical order: the last tie-breaker
    if (entry.second.candidate.n_docs >= min_docs) result.push_back(entry.second.candidate);
  }
  std::stable_sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
    if (a.n_docs != b.n_docs) return a.n_docs > b.n_docs;
    if (a.n_months != b.n_months) return a.n_months > b.n_months;
    return a.n_mentions > b.n_mentions;
  });
  return result;
}

}  // namespace tifa
