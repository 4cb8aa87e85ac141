// CorpusCounts (include/tifa/corpus.hpp): the long table period × outlet × slogan.
#include "tifa/corpus.hpp"
#include "tifa/error.hpp"

namespace tifa {

namespace {

std::string outlet_label(const DocumentSummary& summary, const CountsOptions& options) {
  if (!options.by_outlet) return std::string(kAllOutletsLabel);
  return summary.outlet.empty() ? std::string(kUnknownOutletLabel) : summary.outlet;
}

double ratio(double numerator, std::size_t denominator, double scale = 1.0) {
  return denominator == 0 ? 0.0 : numerator * scale / static_cast<double>(denominator);
}

}  // namespace

CorpusCounts::CorpusCounts(CountsOptions options) : options_(options) {}

void CorpusCounts::add(const DocumentSummary& summary) {
  ++n_documents_;
  std::string period = period_label(summary.local_date, options_.period);
  std::string outlet = outlet_label(summary, options_);
  Cell& cell = cells_[{period, outlet}];
  if (cell.total.n_docs == 0) {
    cell.total.period = std::move(period);
    cell.total.outlet = std::move(outlet);
  }
  ++cell.total.n_docs;
  cell.total.n_chars += summary.n_chars;
  cell.total.n_sentences += summary.n_sentences;
  for (const SloganTally& tally : summary.slogans) {
    if (!tally.in_lexicon && !options_.include_discovered) continue;
    SloganCell& slogan = cell.slogans[tally.slogan_id];
    if (slogan.n_docs_with == 0) {
      slogan.canonical = tally.canonical;
      slogan.category = tally.category;
      slogan.in_lexicon = tally.in_lexicon;
    }
    slogan.n_mentions += tally.count;
    slogan.n_mentions_quoted += tally.count_quoted;
    if (tally.count > 0) ++slogan.n_docs_with;
    cell.total.n_mentions += tally.count;
  }
}

void CorpusCounts::merge(const CorpusCounts& other) {
  if (other.options_.period != options_.period || other.options_.by_outlet != options_.by_outlet ||
      other.options_.include_discovered != options_.include_discovered) {
    throw Error(ErrorCode::kInvalidArgument, "CorpusCounts::merge: the options differ");
  }
  n_documents_ += other.n_documents_;
  for (const auto& [key, theirs] : other.cells_) {
    Cell& mine = cells_[key];
    if (mine.total.n_docs == 0) {
      mine.total.period = theirs.total.period;
      mine.total.outlet = theirs.total.outlet;
    }
    mine.total.n_docs += theirs.total.n_docs;
    mine.total.n_chars += theirs.total.n_chars;
    mine.total.n_sentences += theirs.total.n_sentences;
    mine.total.n_mentions += theirs.total.n_mentions;
    for (const auto& [id, slogan] : theirs.slogans) {
      SloganCell& target = mine.slogans[id];
      if (target.n_docs_with == 0 && target.n_mentions == 0) {
        target.canonical = slogan.canonical;
        target.category = slogan.category;
        target.in_lexicon = slogan.in_lexicon;
      }
      target.n_mentions += slogan.n_mentions;
      target.n_mentions_quoted += slogan.n_mentions_quoted;
      target.n_docs_with += slogan.n_docs_with;
    }
  }
}

std::vector<CountRow> CorpusCounts::rows() const {
  std::vector<CountRow> rows;
  for (const auto& [key, cell] : cells_) {  // map order: period label, then outlet
    const CountTotal& total = cell.total;
    for (const auto& [id, slogan] : cell.slogans) {
      if (slogan.n_mentions == 0) continue;
      CountRow row;
      row.period = total.period;
      row.outlet = total.outlet;
      row.slogan_id = id;
      row.canonical = slogan.canonical;
      row.category = slogan.category;
      row.in_lexicon = slogan.in_lexicon;
      row.n_mentions = slogan.n_mentions;
      row.n_mentions_quoted = slogan.n_mentions_quoted;
      row.n_docs_with = slogan.n_docs_with;
      row.n_docs = total.n_docs;
      row.n_chars = total.n_chars;
      row.per_10k_chars = ratio(static_cast<double>(slogan.n_mentions), total.n_chars, 10000.0);
      row.doc_share = ratio(static_cast<double>(slogan.n_docs_with), total.n_docs);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<CountTotal> CorpusCounts::totals() const {
  std::vector<CountTotal> totals;
  totals.reserve(cells_.size());
  for (const auto& entry : cells_) totals.push_back(entry.second.total);
  return totals;
}

}  // namespace tifa
