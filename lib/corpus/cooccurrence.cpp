// Cooccurrence (include/tifa/corpus.hpp): slogans sharing a document or a sentence.
#include <algorithm>
#include <cmath>

#include "tifa/corpus.hpp"

namespace tifa {

const char* to_string(CooccurrenceLevel level) noexcept {
  return level == CooccurrenceLevel::kSentence ? "sentence" : "doc";
}

std::optional<CooccurrenceLevel> parse_cooccurrence_level(std::string_view name) {
  if (name == "doc" || name == "document") return CooccurrenceLevel::kDocument;
  if (name == "sentence") return CooccurrenceLevel::kSentence;
  return std::nullopt;
}

Cooccurrence::Cooccurrence(CooccurrenceLevel level, bool include_discovered)
    : level_(level), include_discovered_(include_discovered) {}

void Cooccurrence::add(const DocumentSummary& summary) {
  std::vector<const SloganTally*> unit;
  const auto wanted = [&](const SloganTally& tally) {
    return tally.count > 0 && (tally.in_lexicon || include_discovered_);
  };
  if (level_ == CooccurrenceLevel::kDocument) {
    for (const SloganTally& tally : summary.slogans) {
      if (wanted(tally)) unit.push_back(&tally);
    }
    add_unit(unit);
    ++n_units_;
    return;
  }
  for (const auto& indices : summary.sentence_slogans) {
    unit.clear();
    for (std::size_t index : indices) {
      if (index < summary.slogans.size() && wanted(summary.slogans[index])) {
        unit.push_back(&summary.slogans[index]);
      }
    }
    add_unit(unit);
  }
  // Sentences without mentions are units too; a summary always lists fewer mention sentences
  // than it has sentences, but stay safe with hand-made summaries.
  n_units_ += std::max(summary.n_sentences, summary.sentence_slogans.size());
}

void Cooccurrence::add_unit(const std::vector<const SloganTally*>& slogans) {
  // Distinct ids in id order, so every pair is stored once as (smaller, larger).
  std::vector<const SloganTally*> sorted = slogans;
  std::sort(sorted.begin(), sorted.end(),
            [](const SloganTally* a, const SloganTally* b) { return a->slogan_id < b->slogan_id; });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [](const SloganTally* a, const SloganTally* b) {
                             return a->slogan_id == b->slogan_id;
                           }),
               sorted.end());
  for (const SloganTally* tally : sorted) {
    auto& single = singles_[tally->slogan_id];
    if (single.second == 0) single.first = tally->canonical;
    ++single.second;
  }
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    for (std::size_t j = i + 1; j < sorted.size(); ++j) {
      ++both_[{sorted[i]->slogan_id, sorted[j]->slogan_id}];
    }
  }
}

std::size_t Cooccurrence::n_units_with(std::string_view slogan_id) const {
  const auto found = singles_.find(slogan_id);
  return found == singles_.end() ? 0 : found->second.second;
}

std::vector<CooccurrencePair> Cooccurrence::pairs(std::size_t min_both) const {
  std::vector<CooccurrencePair> result;
  for (const auto& [ids, n_both] : both_) {
    if (n_both < min_both || n_both == 0) continue;
    const auto& a = singles_.find(ids.first)->second;
    const auto& b = singles_.find(ids.second)->second;
    CooccurrencePair pair;
    pair.a_id = ids.first;
    pair.a_canonical = a.first;
    pair.b_id = ids.second;
    pair.b_canonical = b.first;
    pair.n_both = n_both;
    pair.n_a = a.second;
    pair.n_b = b.second;
    pair.n_units = n_units_;
    pair.jaccard = static_cast<double>(n_both) / static_cast<double>(pair.n_a + pair.n_b - n_both);
    pair.pmi = std::log2(static_cast<double>(n_both) * static_cast<double>(n_units_) /
                         (static_cast<double>(pair.n_a) * static_cast<double>(pair.n_b)));
    result.push_back(std::move(pair));
  }
  std::stable_sort(result.begin(), result.end(), [](const auto& x, const auto& y) {
    return x.n_both > y.n_both;  // ties keep the map's (a_id, b_id) order
  });
  return result;
}

}  // namespace tifa
