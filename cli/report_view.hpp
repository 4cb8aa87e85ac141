// `tifa report`: from processed documents to the ReportView the page shows. Workers turn each
// document into a ReportDocument (small: a DocumentSummary and concordance lines); the collecting
// thread adds them in input order to a ReportBuilder, built on the corpus accumulators of
// <tifa/corpus.hpp>, which ranks and samples at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <tifa/corpus.hpp>

#include "report_html.hpp"

namespace tifa::cli {

struct ReportSettings {
  std::size_t top = 8;             // slogans in the timeline and KWIC section (--top)
  std::size_t kwic_lines = 3;      // concordance lines per slogan (--kwic)
  std::uint64_t seed = 1;          // of the concordance sample (--seed), as tifa kwic
  std::size_t window = 20;         // code points of context (--window)
  std::size_t per_category = 10;   // rows per category table
  std::size_t candidates = 30;     // rows of the discovered-candidates table
};

// What a worker keeps of one document.
struct ReportDocument {
  bool failed = false;
  std::string where;    // failed: "PATH" or "PATH:LINE"
  std::string message;  // failed: why
  DocumentSummary summary;
  std::vector<std::string> warning_codes;  // distinct codes of the document's warnings
  std::vector<tifa::KwicLine> lines;       // lexicon mentions, grouped by slogan, text order
};

// The ReportDocument of a processed document: its summary, warning codes and the concordance
// lines of its lexicon mentions.
ReportDocument report_document(const Document& document, std::size_t window);

// Accumulates documents (add() in input order, from one thread) and makes the view.
class ReportBuilder {
 public:
  explicit ReportBuilder(ReportSettings settings);

  void add(ReportDocument&& document);
  ReportView view(ReportProvenance provenance) const;

 private:
  struct SloganTotal;
  std::vector<SloganTotal> slogan_totals() const;
  Timeline timeline(const std::vector<SloganTotal>& top) const;
  std::vector<CategoryTable> categories(const std::vector<SloganTotal>& lexicon) const;
  std::vector<CandidateRow> candidates() const;
  std::vector<KwicGroup> kwic(const std::vector<SloganTotal>& top) const;
  CorpusOverview overview() const;

  ReportSettings settings_;
  CorpusSummary summary_;
  CorpusCounts counts_;
  DiscoveryRanking discovery_;
  std::map<std::string, KwicSample> samples_;   // by slogan id: lexicon slogans only
  std::map<std::string, std::size_t> warnings_; // warning code -> documents with it
  std::size_t documents_with_mentions_ = 0;
};

}  // namespace tifa::cli
