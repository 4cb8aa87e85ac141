// `tifa report`: the HTML page. The command fills a ReportView (plain strings and numbers, already
// ranked and sampled); this part only lays it out. The page is one self-contained file: inline CSS
// and SVG, no scripts, fonts, images or links outside the page, and every piece of text escaped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tifa::cli {

// The reproducibility header: what made the report.
struct ReportProvenance {
  std::string tool_version;     // "0.6.0"
  std::string lexicon_sha256;   // lowercase hex
  std::size_t lexicon_entries = 0;
  std::size_t lexicon_bytes = 0;  // of the canonical serialisation
  std::vector<std::string> options;  // the options as given, in order
  std::vector<std::string> inputs;   // the INPUT arguments as given
};

struct NamedCount {
  std::string name;
  std::size_t count = 0;
};

struct FailedDocument {
  std::string where;    // "PATH" or "PATH:LINE"
  std::string message;
};

struct CorpusOverview {
  std::size_t documents = 0;  // every document read, failed ones included
  std::size_t failed = 0;
  std::size_t dated = 0;      // documents with a publication date
  std::string first_date;     // "YYYY-MM-DD"; empty without dated documents
  std::string last_date;
  std::size_t chars = 0;      // non-White_Space code points of the clean texts
  std::size_t sentences = 0;
  std::size_t mentions = 0;
  std::size_t documents_with_mentions = 0;
  std::vector<NamedCount> outlets;   // most documents first; "" is shown as unknown
  std::vector<NamedCount> formats;
  std::vector<NamedCount> warnings;  // by warning code: documents with it
  std::vector<FailedDocument> failures;
};

// One plotted slogan: mentions per month, one value per Timeline::months entry.
struct TimelineSeries {
  std::string label;
  std::vector<double> values;
};

struct Timeline {
  std::vector<std::string> months;  // "YYYY-MM", consecutive
  std::vector<std::size_t> documents_per_month;
  std::vector<TimelineSeries> series;
  std::size_t undated_documents = 0;
};

struct SloganRow {
  std::string canonical;
  std::size_t mentions = 0;
  std::size_t documents = 0;
  double per_10k_chars = 0;  // over the whole corpus
  std::string first_month;   // "" when no dated document has it
  std::string last_month;
};

struct CategoryTable {
  std::string category;
  std::size_t mentions = 0;          // every slogan of the category
  std::size_t slogans = 0;           // distinct slogans of the category found
  std::vector<SloganRow> top;        // the most used ones
};

struct CandidateRow {
  SloganRow slogan;
  std::string rules;       // "D1, D5"
  std::string confidence;  // the highest level seen
  // One example around the candidate: its first sentence cut to a window around the match.
  std::string example_left;
  std::string example_match;  // empty when the candidate was not found in the sentence
  std::string example_right;
};

struct KwicLine {
  std::string document;  // id
  std::string date;      // "YYYY-MM-DD" or ""
  std::string left;
  std::string match;
  std::string right;
};

struct KwicGroup {
  std::string slogan;
  std::size_t mentions = 0;
  std::vector<KwicLine> lines;
};

struct ReportView {
  ReportProvenance provenance;
  CorpusOverview overview;
  Timeline timeline;
  std::vector<CategoryTable> categories;
  std::vector<CandidateRow> candidates;
  std::size_t candidates_total = 0;  // distinct discovered canonicals, shown or not
  std::vector<KwicGroup> kwic;
  std::string ranking_note;          // how slogans were ranked, for the reader
};

// The whole page, UTF-8.
std::string render_report_html(const ReportView& view);

// Text for HTML element content and attribute values: & < > " ' escaped; invalid UTF-8 becomes
// U+FFFD so that the page is always valid UTF-8.
std::string escape_html(std::string_view text);

// The inline SVG of the timeline: axes, month ticks, one <path class="series"> per series and a
// legend. Empty when there is no month to plot.
std::string render_timeline_svg(const Timeline& timeline);

}  // namespace tifa::cli
