// `tifa discover --output-format tsv`: the candidates as a lexicon file (docs/lexicon.md) that loads
// as it is, with the counts and examples of each candidate in comment lines above its row.
#include <set>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <tifa/corpus.hpp>
#include <tifa/lexicon.hpp>

namespace tifa::cli {

namespace {

constexpr std::string_view kHeader = "canonical\tvariants\tcategory\tmembers\tenglish\tfirst_year";

// One line of a comment: line breaks and TABs become spaces.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (text.substr(i, 3) == "\xE2\x80\xA8" || text.substr(i, 3) == "\xE2\x80\xA9") {
      out += ' ';  // U+2028, U+2029
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// A form the TSV can carry: no field or list separator, no line break.
bool writable_form(std::string_view form) {
  return !form.empty() && form.find_first_of("\t\r\n,") == std::string_view::npos &&
         form.find("\xE2\x80\xA8") == std::string_view::npos &&
         form.find("\xE2\x80\xA9") == std::string_view::npos;
}

std::string candidate_block(std::size_t rank, const DiscoveryCandidate& candidate,
                            std::set<std::string>& forms_used) {
  std::string block = fmt::format(
      "# {}. n_docs={} n_mentions={} n_months={} first={} last={} kind={} rule={} confidence={}\n",
      rank, candidate.n_docs, candidate.n_mentions, candidate.n_months,
      candidate.first_date.empty() ? "-" : candidate.first_date,
      candidate.last_date.empty() ? "-" : candidate.last_date, to_string(candidate.kind),
      candidate.rule, to_string(candidate.confidence));
  for (const std::string& example : candidate.examples) {
    block += "#    example: " + one_line(example) + "\n";
  }
  if (!writable_form(candidate.canonical) || !forms_used.insert(candidate.canonical).second) {
    block += "# not a writable form: " + one_line(candidate.canonical) + "\n";
    return block;
  }
  std::vector<std::string> variants;
  for (const std::string& surface : candidate.surfaces) {
    if (writable_form(surface) && forms_used.insert(surface).second) variants.push_back(surface);
  }
  std::string joined;
  for (const std::string& variant : variants) {
    if (!joined.empty()) joined += ',';
    joined += variant;
  }
  const std::string first_year =
      candidate.first_date.size() >= 4 ? candidate.first_date.substr(0, 4) : std::string();
  block += fmt::format("{}\t{}\t\t\t\t{}\n", candidate.canonical, joined, first_year);
  return block;
}

// The lines of `text` (without their '\n').
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find('\n', begin);
    lines.push_back(text.substr(begin, end - begin));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return lines;
}

// Comments out every row the loader rejects (a form too short, a control character, two
// candidates whose forms fold alike, ...), with the reason, until the text loads. Each round
// removes at least one row, so this ends.
std::string loadable(std::string text) {
  for (int round = 0; round < 1000; ++round) {
    const std::vector<LexiconDiagnostic> diagnostics =
        Lexicon::check_buffer(text, LexiconFormat::kTsv, "<discover>");
    std::vector<std::string> lines = split_lines(text);
    bool changed = false;
    for (const LexiconDiagnostic& diagnostic : diagnostics) {
      if (!diagnostic.error || diagnostic.line == 0 || diagnostic.line > lines.size()) continue;
      std::string& line = lines[diagnostic.line - 1];
      if (line.starts_with("#") || line == kHeader) continue;
      line = "# rejected (" + diagnostic.code + "): " + one_line(line);
      changed = true;
    }
    if (!changed) return text;
    text.clear();
    for (const std::string& line : lines) text += line + "\n";
  }
  return text;
}

}  // namespace

std::string discover_lexicon_tsv(const std::vector<DiscoveryCandidate>& candidates,
                                 const std::string& provenance) {
  std::string text = provenance + "\n";
  text +=
      "# Candidate slogans not in the lexicon, ranked by documents, months, mentions. Review:\n"
      "# fill in category and english, delete what is not a slogan, then use with --lexicon.\n";
  text += std::string(kHeader) + "\n";
  std::set<std::string> forms_used;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    text += candidate_block(i + 1, candidates[i], forms_used);
  }
  return loadable(std::move(text));
}

}  // namespace tifa::cli
