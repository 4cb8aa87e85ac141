#include "report_view.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/core.h>

namespace tifa::cli {

struct ReportBuilder::SloganTotal {
  std::string slogan_id;
  std::string canonical;
  std::string category;
  std::size_t mentions = 0;
  std::size_t documents = 0;
  std::map<std::string, std::size_t> by_month;  // "YYYY-MM" -> mentions; dated documents only
};

namespace {

// The category heading of lexicon slogans without one (user lexicons may leave it empty).
constexpr std::string_view kNoCategory = "（未分类 uncategorised）";

// More documents first (one article repeating a slogan twenty times is one voice), then more
// mentions, then the canonical for a stable order.
bool ranks_before(const auto& a, const auto& b) {
  if (a.documents != b.documents) return a.documents > b.documents;
  if (a.mentions != b.mentions) return a.mentions > b.mentions;
  if (a.canonical != b.canonical) return a.canonical < b.canonical;
  return a.slogan_id < b.slogan_id;
}

// "YYYY-MM" -> months since year 0, or -1 when the label is not a month.
long month_index(const std::string& label) {
  if (label.size() != 7 || label[4] != '-') return -1;
  try {
    return std::stol(label.substr(0, 4)) * 12 + std::stol(label.substr(5, 2)) - 1;
  } catch (const std::exception&) {
    return -1;
  }
}

std::string month_label(long index) {
  return fmt::format("{:04d}-{:02d}", index / 12, index % 12 + 1);
}

double per_10k(std::size_t mentions, std::size_t chars) {
  return chars == 0 ? 0 : static_cast<double>(mentions) * 10000.0 / static_cast<double>(chars);
}

SloganRow slogan_row(const auto& total, std::size_t corpus_chars) {
  SloganRow row;
  row.canonical = total.canonical;
  row.mentions = total.mentions;
  row.documents = total.documents;
  row.per_10k_chars = per_10k(total.mentions, corpus_chars);
  if (!total.by_month.empty()) {
    row.first_month = total.by_month.begin()->first;
    row.last_month = total.by_month.rbegin()->first;
  }
  return row;
}

std::vector<NamedCount> named_counts(const std::vector<std::pair<std::string, std::size_t>>& pairs) {
  std::vector<NamedCount> out;
  out.reserve(pairs.size());
  for (const auto& [name, count] : pairs) out.push_back({name, count});
  return out;
}

// Code points of context around a candidate in its example sentence: sentences of extraction
// noise (a table flattened into one "sentence") can run to thousands of characters.
constexpr std::size_t kExampleWindow = 24;

bool is_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// The last `chars` code points of `text` ("…" first when cut), or the first ones ("…" last).
std::string tail_chars(std::string_view text, std::size_t chars) {
  std::size_t pos = text.size();
  for (std::size_t n = 0; pos > 0 && n < chars; ++n) {
    do --pos; while (pos > 0 && is_continuation(text[pos]));
  }
  return (pos > 0 ? "…" : "") + std::string(text.substr(pos));
}

std::string head_chars(std::string_view text, std::size_t chars) {
  std::size_t pos = 0;
  for (std::size_t n = 0; pos < text.size() && n < chars; ++n) {
    do ++pos; while (pos < text.size() && is_continuation(text[pos]));
  }
  return std::string(text.substr(0, pos)) + (pos < text.size() ? "…" : "");
}

// The first example sentence cut around the first of the candidate's forms found in it.
void set_example(CandidateRow& row, const DiscoveryCandidate& candidate) {
  const std::string_view sentence = candidate.examples.front();
  std::vector<std::string_view> forms{candidate.canonical};
  for (const std::string& surface : candidate.surfaces) forms.push_back(surface);
  for (std::string_view form : forms) {
    const std::size_t at = form.empty() ? std::string_view::npos : sentence.find(form);
    if (at == std::string_view::npos) continue;
    row.example_left = tail_chars(sentence.substr(0, at), kExampleWindow);
    row.example_match = std::string(form);
    row.example_right = head_chars(sentence.substr(at + form.size()), kExampleWindow);
    return;
  }
  row.example_left = head_chars(sentence, 2 * kExampleWindow);
}

}  // namespace

ReportDocument report_document(const Document& document, std::size_t window) {
  ReportDocument out;
  out.summary = summarize(document);
  std::set<std::string> codes;
  for (const Warning& warning : document.warnings) codes.insert(warning.code);
  out.warning_codes.assign(codes.begin(), codes.end());
  for (const SloganTally& tally : out.summary.slogans) {
    if (!tally.in_lexicon) continue;  // discovered ones get examples from DiscoveryRanking
    // kwic() also matches surfaces; keep only this slogan's own mentions.
    for (tifa::KwicLine& line : kwic(document, tally.slogan_id, window)) {
      if (line.slogan_id == tally.slogan_id) out.lines.push_back(std::move(line));
    }
  }
  return out;
}

ReportBuilder::ReportBuilder(ReportSettings settings)
    : settings_(settings), counts_(CountsOptions{Period::kMonth, false, true}) {}

void ReportBuilder::add(ReportDocument&& document) {
  if (document.failed) {
    summary_.add_failure(std::move(document.where), std::move(document.message));
    return;
  }
  const DocumentSummary& summary = document.summary;
  summary_.add(summary);
  counts_.add(summary);
  discovery_.add(summary);
  if (summary.n_mentions > 0) ++documents_with_mentions_;
  for (const std::string& code : document.warning_codes) ++warnings_[code];
  for (tifa::KwicLine& line : document.lines) {
    auto found = samples_.find(line.slogan_id);
    if (found == samples_.end()) {
      // The seed as given, so that `tifa kwic ID --sample N --seed S` draws the same lines.
      const KwicSample sample(settings_.kwic_lines, settings_.seed);
      found = samples_.emplace(line.slogan_id, sample).first;
    }
    found->second.add(std::move(line));
  }
}

// Lexicon slogans over the whole corpus, ranked (discovered ones are DiscoveryRanking's).
std::vector<ReportBuilder::SloganTotal> ReportBuilder::slogan_totals() const {
  std::map<std::string, SloganTotal> by_id;
  for (const CountRow& row : counts_.rows()) {
    if (!row.in_lexicon) continue;
    SloganTotal& total = by_id[row.slogan_id];
    total.slogan_id = row.slogan_id;
    total.canonical = row.canonical;
    total.category = row.category;
    total.mentions += row.n_mentions;
    total.documents += row.n_docs_with;  // each document is in exactly one period
    if (row.period != kUndatedLabel) total.by_month[row.period] += row.n_mentions;
  }
  std::vector<SloganTotal> totals;
  totals.reserve(by_id.size());
  for (auto& [id, total] : by_id) totals.push_back(std::move(total));
  std::sort(totals.begin(), totals.end(), [](const auto& a, const auto& b) { return ranks_before(a, b); });
  return totals;
}

Timeline ReportBuilder::timeline(const std::vector<SloganTotal>& top) const {
  Timeline timeline;
  std::map<long, std::size_t> documents;  // month index -> documents
  for (const CountTotal& total : counts_.totals()) {
    const long index = month_index(total.period);
    if (index < 0) {
      timeline.undated_documents += total.n_docs;
    } else {
      documents[index] += total.n_docs;
    }
  }
  if (documents.empty()) return timeline;
  // Every month from the first to the last, so that quiet months show as zeros, not as gaps.
  for (long m = documents.begin()->first; m <= documents.rbegin()->first; ++m) {
    timeline.months.push_back(month_label(m));
    const auto found = documents.find(m);
    timeline.documents_per_month.push_back(found == documents.end() ? 0 : found->second);
  }
  for (const SloganTotal& slogan : top) {
    TimelineSeries series{slogan.canonical, {}};
    for (const std::string& month : timeline.months) {
      const auto found = slogan.by_month.find(month);
      series.values.push_back(found == slogan.by_month.end() ? 0.0 : static_cast<double>(found->second));
    }
    timeline.series.push_back(std::move(series));
  }
  return timeline;
}

std::vector<CategoryTable> ReportBuilder::categories(const std::vector<SloganTotal>& lexicon) const {
  std::map<std::string, CategoryTable> by_name;
  for (const SloganTotal& slogan : lexicon) {  // ranked, so each table's rows come out ranked
    const std::string name = slogan.category.empty() ? std::string(kNoCategory) : slogan.category;
    CategoryTable& table = by_name[name];
    table.category = name;
    table.mentions += slogan.mentions;
    ++table.slogans;
    if (table.top.size() < settings_.per_category) {
      table.top.push_back(slogan_row(slogan, summary_.n_chars()));
    }
  }
  std::vector<CategoryTable> tables;
  for (auto& [name, table] : by_name) tables.push_back(std::move(table));
  std::stable_sort(tables.begin(), tables.end(),
                   [](const CategoryTable& a, const CategoryTable& b) { return a.mentions > b.mentions; });
  return tables;
}

std::vector<CandidateRow> ReportBuilder::candidates() const {
  std::vector<CandidateRow> rows;
  for (const DiscoveryCandidate& candidate : discovery_.ranked()) {
    if (rows.size() == settings_.candidates) break;
    CandidateRow row;
    row.slogan.canonical = candidate.canonical;
    row.slogan.mentions = candidate.n_mentions;
    row.slogan.documents = candidate.n_docs;
    row.slogan.per_10k_chars = per_10k(candidate.n_mentions, summary_.n_chars());
    row.slogan.first_month = candidate.first_date;
    row.slogan.last_month = candidate.last_date;
    row.rules = candidate.rule;
    row.confidence = to_string(candidate.confidence);
    if (!candidate.examples.empty()) set_example(row, candidate);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<KwicGroup> ReportBuilder::kwic(const std::vector<SloganTotal>& top) const {
  std::vector<KwicGroup> groups;
  for (const SloganTotal& slogan : top) {
    KwicGroup group{slogan.canonical, slogan.mentions, {}};
    if (const auto found = samples_.find(slogan.slogan_id); found != samples_.end()) {
      for (const tifa::KwicLine& line : found->second.lines()) {
        group.lines.push_back({line.doc_id, line.local_date, line.left, line.match, line.right});
      }
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

CorpusOverview ReportBuilder::overview() const {
  CorpusOverview o;
  o.documents = summary_.n_documents() + summary_.n_failed();
  o.failed = summary_.n_failed();
  o.dated = summary_.n_dated();
  o.first_date = summary_.first_date();
  o.last_date = summary_.last_date();
  o.chars = summary_.n_chars();
  o.sentences = summary_.n_sentences();
  o.mentions = summary_.n_mentions();
  o.documents_with_mentions = documents_with_mentions_;
  o.outlets = named_counts(summary_.outlets());
  for (NamedCount& outlet : o.outlets) {
    if (outlet.name == kUnknownOutletLabel) outlet.name.clear();  // the page says 未知 unknown
  }
  o.formats = named_counts(summary_.formats());
  for (const auto& [code, count] : warnings_) o.warnings.push_back({code, count});
  std::stable_sort(o.warnings.begin(), o.warnings.end(),
                   [](const NamedCount& a, const NamedCount& b) { return a.count > b.count; });
  for (const DocumentFailure& failure : summary_.failures()) {
    o.failures.push_back({failure.id, failure.message});
  }
  return o;
}

ReportView ReportBuilder::view(ReportProvenance provenance) const {
  ReportView view;
  view.provenance = std::move(provenance);
  view.overview = overview();
  const std::vector<SloganTotal> lexicon = slogan_totals();
  const std::vector<SloganTotal> top(lexicon.begin(),
                                     lexicon.begin() + static_cast<std::ptrdiff_t>(
                                                           std::min(settings_.top, lexicon.size())));
  view.timeline = timeline(top);
  view.categories = categories(lexicon);
  view.candidates = candidates();
  view.candidates_total = discovery_.size();
  view.kwic = kwic(top);
  view.ranking_note = fmt::format(
      "走势图与语境示例取前 {0} 个词表提法（按含该提法的文档数排序，其次为提及次数）。"
      "The top {0} lexicon slogans by documents mentioning them, then by mentions. ",
      top.size());
  return view;
}

}  // namespace tifa::cli
