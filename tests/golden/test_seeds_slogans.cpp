// spec/slogans.md §9: the expected slogan mentions of the five seeds. The expectations live in
// tests/golden/expected_slogans/<seed>.tsv, written by hand from the spec and the clean texts
// (never from program output). Columns:
//
//   kind_of_row     `expect` or `trap`
//   surface         the exact surface (a substring of the clean text)
//   canonical       expected canonical
//   kind            lexicon | numeric | quoted | parallel
//   quoted          true | false
//   members         the member items as texts, separated by 、
//   min_confidence  low | medium | high: the mention's confidence must reach it
//   note            free text
//
// Empty cells are not checked. Lines starting with # and blank lines are comments. Each `expect`
// row must be matched by its own mention (two identical rows need two mentions) with that
// surface and every stated field. A `trap` row fails when a mention overlaps an occurrence of
// its surface, unless that mention's surface is the surface of an `expect` row of the same seed
// and differs from the trap's (the lexicon form 瘦身健体 inside the trap 瘦身健体专项行动).
// The pipeline runs with its default options, so mentions are those at the default floor.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "paths.hpp"
#include "tifa/pipeline.hpp"

namespace {

namespace fs = std::filesystem;

struct Row {
  std::size_t line = 0;
  std::string kind_of_row;
  std::string surface;
  std::string canonical;
  std::string kind;
  std::string quoted;
  std::string members;
  std::string min_confidence;
  std::string note;
};

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (true) {
    const std::size_t at = text.find(separator, begin);
    if (at == std::string::npos) {
      out.push_back(text.substr(begin));
      return out;
    }
    out.push_back(text.substr(begin, at - begin));
    begin = at + separator.size();
  }
}

fs::path expected_dir() { return tifa::test::source_dir() / "tests" / "golden" / "expected_slogans"; }

std::vector<Row> load_rows(const fs::path& path) {
  const std::string text = tifa::test::read_file(path);
  std::vector<Row> rows;
  std::vector<std::string> header;
  std::size_t number = 0;
  for (std::string line : split(text, "\n")) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = split(line, "\t");
    if (header.empty()) {
      header = fields;
      continue;
    }
    INFO(path.filename().string() << ":" << number);
    REQUIRE(fields.size() <= header.size());
    std::map<std::string, std::string> cell;
    for (std::size_t i = 0; i < fields.size(); ++i) cell[header[i]] = fields[i];
    Row row;
    row.line = number;
    row.kind_of_row = cell["kind_of_row"];
    row.surface = cell["surface"];
    row.canonical = cell["canonical"];
    row.kind = cell["kind"];
    row.quoted = cell["quoted"];
    row.members = cell["members"];
    row.min_confidence = cell["min_confidence"];
    row.note = cell["note"];
    REQUIRE((row.kind_of_row == "expect" || row.kind_of_row == "trap"));
    REQUIRE(!row.surface.empty());
    REQUIRE((row.quoted.empty() || row.quoted == "true" || row.quoted == "false"));
    REQUIRE((row.min_confidence.empty() || row.min_confidence == "low" || row.min_confidence == "medium" ||
             row.min_confidence == "high"));
    REQUIRE((row.kind.empty() || row.kind == "lexicon" || row.kind == "numeric" || row.kind == "quoted" ||
             row.kind == "parallel"));
    rows.push_back(row);
  }
  const std::vector<std::string> expected_header = {"kind_of_row", "surface", "canonical", "kind", "quoted",
                                                    "members", "min_confidence", "note"};
  CHECK_MESSAGE(header == expected_header, path.filename().string() << ": unexpected header");
  return rows;
}

int rank(const std::string& level) {
  if (level == "low") return 1;
  if (level == "medium") return 2;
  if (level == "high") return 3;
  return 0;
}

std::string surface(const tifa::Document& doc, const tifa::Mention& m) {
  if (m.span.end > doc.text.size() || m.span.begin > m.span.end) return "<bad span>";
  return doc.text.substr(m.span.begin, m.span.size());
}

std::string members_text(const tifa::Document& doc, const tifa::Mention& m) {
  std::string out;
  for (const auto& s : m.members) {
    if (!out.empty()) out += "、";
    out += s.end <= doc.text.size() && s.begin <= s.end ? doc.text.substr(s.begin, s.size()) : "<bad span>";
  }
  return out;
}

std::string describe(const tifa::Document& doc, const tifa::Mention& m) {
  std::ostringstream out;
  out << "[" << surface(doc, m) << "] canonical=" << m.canonical << " kind=" << tifa::to_string(m.kind)
      << " quoted=" << (m.quoted ? "true" : "false") << " members=" << members_text(doc, m)
      << (m.members_partial ? "(partial)" : "") << " confidence=" << tifa::to_string(m.confidence)
      << " rule=" << m.rule << " at byte " << m.span.begin;
  return out.str();
}

// Empty when `m` satisfies every stated field of `row`, else the first mismatch.
std::string mismatch(const tifa::Document& doc, const Row& row, const tifa::Mention& m) {
  if (surface(doc, m) != row.surface) return "surface";
  if (!row.canonical.empty() && m.canonical != row.canonical) return "canonical " + m.canonical;
  if (!row.kind.empty() && row.kind != tifa::to_string(m.kind)) return std::string("kind ") + tifa::to_string(m.kind);
  if (!row.quoted.empty() && (row.quoted == "true") != m.quoted) return m.quoted ? "quoted true" : "quoted false";
  if (!row.members.empty() && members_text(doc, m) != row.members) return "members " + members_text(doc, m);
  if (!row.min_confidence.empty() && rank(tifa::to_string(m.confidence)) < rank(row.min_confidence)) {
    return std::string("confidence ") + tifa::to_string(m.confidence);
  }
  return {};
}

// Kuhn's augmenting paths: rows to distinct compatible mentions.
bool augment(std::size_t r, const std::vector<std::vector<std::size_t>>& compatible, std::vector<int>& owner,
             std::vector<bool>& seen) {
  for (std::size_t m : compatible[r]) {
    if (seen[m]) continue;
    seen[m] = true;
    if (owner[m] < 0 || augment(static_cast<std::size_t>(owner[m]), compatible, owner, seen)) {
      owner[m] = static_cast<int>(r);
      return true;
    }
  }
  return false;
}

void check_seed(const std::string& prefix) {
  fs::path seed_path;
  for (const auto& path : tifa::test::seed_files()) {
    if (path.filename().string().rfind(prefix, 0) == 0) seed_path = path;
  }
  REQUIRE_MESSAGE(!seed_path.empty(), "seed not found: " << prefix);
  const std::string seed = seed_path.stem().string();
  const fs::path expected_path = expected_dir() / (seed + ".tsv");
  REQUIRE_MESSAGE(fs::exists(expected_path), "no expected file " << expected_path.string());

  const std::vector<Row> rows = load_rows(expected_path);
  const tifa::Document doc = tifa::Pipeline().process(tifa::test::read_file(seed_path));
  const std::vector<tifa::Mention>& mentions = doc.mentions;

  std::vector<const Row*> expects;
  std::vector<const Row*> traps;
  std::set<std::string> expect_surfaces;
  for (const auto& row : rows) {
    CHECK_MESSAGE(doc.text.find(row.surface) != std::string::npos,
                  seed << ".tsv:" << row.line << ": the surface \"" << row.surface
                       << "\" does not occur in the clean text");
    if (row.kind_of_row == "expect") {
      expects.push_back(&row);
      expect_surfaces.insert(row.surface);
    } else {
      traps.push_back(&row);
    }
  }

  // Every mention is stored at the default floor (medium) or above.
  for (const auto& m : mentions) {
    CHECK_MESSAGE(rank(tifa::to_string(m.confidence)) >= rank("medium"),
                  seed << ": mention under the default floor: " << describe(doc, m));
  }

  // expect rows: a matching of rows to distinct mentions.
  std::vector<std::vector<std::size_t>> compatible(expects.size());
  for (std::size_t r = 0; r < expects.size(); ++r) {
    for (std::size_t i = 0; i < mentions.size(); ++i) {
      if (mismatch(doc, *expects[r], mentions[i]).empty()) compatible[r].push_back(i);
    }
  }
  std::vector<int> owner(mentions.size(), -1);
  for (std::size_t r = 0; r < expects.size(); ++r) {
    std::vector<bool> seen(mentions.size(), false);
    augment(r, compatible, owner, seen);
  }
  std::vector<bool> matched(expects.size(), false);
  for (int r : owner) {
    if (r >= 0) matched[static_cast<std::size_t>(r)] = true;
  }
  for (std::size_t r = 0; r < expects.size(); ++r) {
    if (matched[r]) continue;
    const Row& row = *expects[r];
    std::ostringstream why;
    why << seed << ".tsv:" << row.line << ": expected mention [" << row.surface << "] canonical=" << row.canonical
        << " kind=" << row.kind << " quoted=" << row.quoted << " members=" << row.members
        << " min_confidence=" << row.min_confidence << " (" << row.note << ") is not reported";
    if (!compatible[r].empty()) why << "\n  (every matching mention is taken by another identical row)";
    for (const auto& m : mentions) {
      if (surface(doc, m) == row.surface) {
        why << "\n  same surface, differs in " << mismatch(doc, row, m) << ": " << describe(doc, m);
      } else if (m.span.begin < doc.text.size()) {
        const std::size_t at = doc.text.find(row.surface);
        if (at != std::string::npos && m.span.begin < at + row.surface.size() && at < m.span.end) {
          why << "\n  overlapping its first occurrence: " << describe(doc, m);
        }
      }
    }
    FAIL_CHECK(why.str());
  }

  // trap rows.
  for (const Row* trap : traps) {
    for (std::size_t at = doc.text.find(trap->surface); at != std::string::npos;
         at = doc.text.find(trap->surface, at + 1)) {
      for (const auto& m : mentions) {
        if (!(m.span.begin < at + trap->surface.size() && at < m.span.end)) continue;
        const std::string s = surface(doc, m);
        if (s != trap->surface && expect_surfaces.count(s) != 0) continue;
        FAIL_CHECK(seed << ".tsv:" << trap->line << ": trap [" << trap->surface << "] (" << trap->note
                        << ") is reported: " << describe(doc, m));
      }
    }
  }
}

}  // namespace

TEST_CASE("seed slogans: every seed has an expected file and every expected file a seed") {
  std::set<std::string> seeds;
  for (const auto& path : tifa::test::seed_files()) seeds.insert(path.stem().string());
  CHECK(seeds.size() == 5);
  std::set<std::string> expected;
  for (const auto& entry : fs::directory_iterator(expected_dir())) {
    if (entry.path().extension() == ".tsv") expected.insert(entry.path().stem().string());
  }
  CHECK(seeds == expected);
}

TEST_CASE("seed slogans: 000 国务院国资委召开地方国资委负责人会议") { check_seed("000_"); }
TEST_CASE("seed slogans: 001 中央企业负责人研讨班") { check_seed("001_"); }
TEST_CASE("seed slogans: 002 我市国资国企奋战虎年开门红") { check_seed("002_"); }
TEST_CASE("seed slogans: 003 绵阳国有企业发展新天地") { check_seed("003_"); }
TEST_CASE("seed slogans: 004 吉林国企改革工作会议") { check_seed("004_"); }
