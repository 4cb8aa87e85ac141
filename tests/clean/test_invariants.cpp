// spec/cleaning.md §7: the invariants on every document of the corpus and on the seeds, with
// default options and with each option of §9 flipped. I1-I6, I8, I9 and I11 go through
// tifa::clean::check_invariants (lib/clean/invariants.cpp); I7 and I10 compare runs here. The
// first test cases break hand-made documents on purpose, to show that the checker can fail.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <locale>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "clean/invariants.hpp"
#include "paths.hpp"
#include "tifa/clean.hpp"
#include "tifa/json.hpp"
#include "tifa/pipeline.hpp"
#include "tifa/reader.hpp"

namespace {

namespace fs = std::filesystem;

using tifa::Block;
using tifa::BlockType;
using tifa::Document;
using tifa::Format;
using tifa::OffsetMap;
using tifa::Options;
using tifa::Piece;
using tifa::RawBlock;
using tifa::RawDocument;
using tifa::Span;
using tifa::clean::check_invariants;
using tifa::clean::InvariantFailure;

// ---- hand-made documents ----

// A plain-text input read as the text reader would: one reader block per non-empty line, the
// whole input visible, decoded text = input.
RawDocument plain_raw(std::string_view input, Format format = Format::kText) {
  RawDocument raw;
  raw.decoded.text.assign(input);
  raw.decoded.to_raw = OffsetMap::identity(input.size());
  raw.decoded.encoding = "utf-8";
  raw.format = format;
  if (!input.empty()) raw.visible.push_back(Span{0, input.size()});
  std::size_t begin = 0;
  while (begin < input.size()) {
    std::size_t end = std::min(input.find('\n', begin), input.size());
    if (end > begin) {
      RawBlock block;
      block.tag = "#text";
      block.source = Span{begin, end};
      block.pieces.push_back(Piece{begin, end, true, {}});
      raw.blocks.push_back(std::move(block));
    }
    begin = end + 1;
  }
  return raw;
}

// Builds a Document and its offset map piece by piece, as §6 describes them: copied bytes map to
// themselves, a replacement maps to the first byte of its source, a separator to the byte after
// the previous block's last source character. raw_spans grow with every source range and every
// edit's raw span (they cover the pre-normalisation text: "usually one, more after joins").
class DocBuilder {
 public:
  explicit DocBuilder(std::string_view input, Format format = Format::kText) : input_(input) {
    doc_.source.format = format;
    doc_.source.bytes = input.size();
  }

  DocBuilder& block(BlockType type = BlockType::kParagraph, std::uint32_t flags = 0) {
    if (!doc_.blocks.empty()) {
      close();
      doc_.text += '\n';
      map_.add_collapsed(last_raw_end_, 1, 0);
    }
    Block added;
    added.type = type;
    added.flags = flags;
    added.span.begin = doc_.text.size();
    doc_.blocks.push_back(added);
    return *this;
  }

  // Copies the first occurrence of `s` at or after raw byte `from`.
  DocBuilder& copy(std::string_view s, std::size_t from = 0) {
    std::size_t at = input_.find(s, from);
    REQUIRE(at != std::string_view::npos);
    doc_.text.append(s);
    map_.add_copy(at, s.size());
    add_raw(Span{at, at + s.size()});
    return *this;
  }

  // Writes `text` for the raw bytes of `source` (the first occurrence at or after `from`).
  DocBuilder& replace(std::string_view text, std::string_view source, std::size_t from = 0) {
    std::size_t at = input_.find(source, from);
    REQUIRE(at != std::string_view::npos);
    doc_.text.append(text);
    map_.add_collapsed(at, text.size(), source.size());
    add_raw(Span{at, at + source.size()});
    return *this;
  }

  // Records an edit of the current block: `before` (found in the input at or after `from`)
  // became the last `replacement_bytes` bytes written.
  DocBuilder& edit(std::string rule, std::string_view before, std::size_t replacement_bytes,
                   std::size_t from = 0) {
    std::size_t at = input_.find(before, from);
    REQUIRE(at != std::string_view::npos);
    Span raw{at, at + before.size()};
    Span span{doc_.text.size() - replacement_bytes, doc_.text.size()};
    doc_.blocks.back().edits.push_back(tifa::Edit{std::move(rule), span, raw, std::string(before)});
    add_raw(raw);
    return *this;
  }

  Document finish() {
    close();
    map_.set_end(input_.size());
    doc_.offsets = map_;
    return doc_;
  }

 private:
  void add_raw(Span raw) {
    std::vector<Span>& spans = doc_.blocks.back().raw_spans;
    if (!spans.empty() && raw.begin <= spans.back().end && raw.begin >= spans.back().begin) {
      spans.back().end = std::max(spans.back().end, raw.end);
    } else {
      spans.push_back(raw);
    }
    last_raw_end_ = std::max(last_raw_end_, raw.end);
  }
  void close() {
    if (!doc_.blocks.empty()) doc_.blocks.back().span.end = doc_.text.size();
  }

  std::string_view input_;
  Document doc_;
  OffsetMap map_;
  std::size_t last_raw_end_ = 0;
};

std::string dump(const std::vector<InvariantFailure>& failures) {
  std::string out;
  for (const InvariantFailure& f : failures) out += f.id + ": " + f.message + "\n";
  return out;
}

bool has(const std::vector<InvariantFailure>& failures, std::string_view id) {
  return std::any_of(failures.begin(), failures.end(),
                     [&](const InvariantFailure& f) { return f.id == id; });
}

tifa::Removed removed(std::string_view input, std::string rule, std::string_view text,
                      bool label = false) {
  std::size_t at = input.find(text);
  REQUIRE(at != std::string_view::npos);
  return tifa::Removed{std::move(rule), Span{at, at + text.size()}, std::string(text), label,
                       false};
}

constexpr std::string_view kTwoLines = "甲乙丙。\n丁戊。";

Document faithful_two_lines() {
  return DocBuilder(kTwoLines).block().copy("甲乙丙。").block().copy("丁戊。").finish();
}

TEST_CASE("checker: a faithful document passes") {
  const Document doc = faithful_two_lines();
  const auto failures = check_invariants(kTwoLines, plain_raw(kTwoLines), doc);
  CHECK_MESSAGE(failures.empty(), dump(failures));
}

TEST_CASE("checker: I1 fails for a character dropped without a record") {
  const RawDocument raw = plain_raw(kTwoLines);
  Document doc =
      DocBuilder(kTwoLines).block().copy("甲").copy("丙。").block().copy("丁戊。").finish();
  auto failures = check_invariants(kTwoLines, raw, doc);
  CHECK_MESSAGE(has(failures, "I1"), dump(failures));
  CHECK(failures.size() == 1);

  // The same cut with a removed record is not a loss.
  doc.removed.push_back(removed(kTwoLines, "B19", "乙"));
  failures = check_invariants(kTwoLines, raw, doc);
  CHECK_MESSAGE(failures.empty(), dump(failures));
}

TEST_CASE("checker: I2 fails for a duplicated character and for text that is also removed") {
  const RawDocument raw = plain_raw(kTwoLines);
  Document twice =
      DocBuilder(kTwoLines).block().copy("甲乙").copy("乙丙。").block().copy("丁戊。").finish();
  auto failures = check_invariants(kTwoLines, raw, twice);
  CHECK_MESSAGE(has(failures, "I2"), dump(failures));

  Document kept = faithful_two_lines();
  kept.removed.push_back(removed(kTwoLines, "B3", "丁戊"));
  failures = check_invariants(kTwoLines, raw, kept);
  CHECK_MESSAGE(has(failures, "I2"), dump(failures));
}

TEST_CASE("checker: I3 fails for blocks out of order") {
  const Document doc =
      DocBuilder(kTwoLines).block().copy("丁戊。").block().copy("甲乙丙。").finish();
  const auto failures = check_invariants(kTwoLines, plain_raw(kTwoLines), doc);
  CHECK_MESSAGE(has(failures, "I3"), dump(failures));
}

TEST_CASE("checker: I4 holds for a logged deletion and fails for an edit that lies") {
  constexpr std::string_view input = "应邀参加。 驻国资委";
  DocBuilder good(input);
  good.block().copy("应邀参加。").edit("N3", " ", 0).copy("驻国资委");
  auto failures = check_invariants(input, plain_raw(input), good.finish());
  CHECK_MESSAGE(failures.empty(), dump(failures));

  // A deletion with no edit: the text differs from its source.
  Document silent = DocBuilder(input).block().copy("应邀参加。 驻国资委").finish();
  silent.text = "应邀参加。驻国资委";
  OffsetMap map;
  map.add_copy(0, 15);
  map.add_copy(16, 12);
  map.set_end(input.size());
  silent.offsets = map;
  silent.blocks[0].span.end = silent.text.size();
  failures = check_invariants(input, plain_raw(input), silent);
  CHECK_MESSAGE(has(failures, "I4"), dump(failures));

  // An edit whose `before` is not what the input holds.
  DocBuilder lying(input);
  lying.block().copy("应邀参加。").edit("N3", " ", 0).copy("驻国资委");
  Document doc = lying.finish();
  doc.blocks[0].edits[0].before = "　";
  failures = check_invariants(input, plain_raw(input), doc);
  CHECK_MESSAGE(has(failures, "I4"), dump(failures));
}

TEST_CASE("checker: I4 reads character references of HTML as one character") {
  constexpr std::string_view input = "<p>A&amp;B&#20013;</p>";
  RawDocument raw = plain_raw(input, Format::kHtml);
  raw.visible = {Span{3, 18}};
  raw.blocks.clear();
  RawBlock block;
  block.tag = "p";
  block.source = Span{3, 18};
  block.pieces = {Piece{3, 4, true, {}}, Piece{4, 9, false, "&"}, Piece{9, 10, true, {}},
                  Piece{10, 18, false, "中"}};
  raw.blocks.push_back(block);
  DocBuilder builder(input, Format::kHtml);
  builder.block().copy("A").replace("&", "&amp;").copy("B").replace("中", "&#20013;");
  auto failures = check_invariants(input, raw, builder.finish());
  CHECK_MESSAGE(failures.empty(), dump(failures));

  // Without its last character the reference's 中 is lost; the letters of "amp" are not.
  DocBuilder shorter(input, Format::kHtml);
  shorter.block().copy("A").replace("&", "&amp;").copy("B");
  failures = check_invariants(input, raw, shorter.finish());
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].id == "I1");
  CHECK(failures[0].message.find("&#20013;") != std::string::npos);
}

TEST_CASE("checker: I5 lets only P3, P4 and P6 change letters and digits") {
  constexpr std::string_view letters = "ABC。";
  DocBuilder changed(letters);
  changed.block().copy("A").replace("X", "B").edit("N2", "B", 1).copy("C。");
  auto failures = check_invariants(letters, plain_raw(letters), changed.finish());
  CHECK_MESSAGE(has(failures, "I5"), dump(failures));
  CHECK_FALSE(has(failures, "I4"));

  constexpr std::string_view width = "３月";
  DocBuilder folded(width);
  folded.block().replace("3", "３").edit("P3", "３", 1).copy("月");
  failures = check_invariants(width, plain_raw(width), folded.finish());
  CHECK_MESSAGE(failures.empty(), dump(failures));

  constexpr std::string_view kangxi = "⼀个";
  DocBuilder radical(kangxi);
  radical.block().replace("一", "⼀").edit("P4", "⼀", 3).copy("个");
  failures = check_invariants(kangxi, plain_raw(kangxi), radical.finish());
  CHECK_MESSAGE(failures.empty(), dump(failures));

  constexpr std::string_view han = "国家";
  DocBuilder wrong(han);
  wrong.block().replace("囯", "国").edit("P3", "国", 3).copy("家");
  failures = check_invariants(han, plain_raw(han), wrong.finish());
  CHECK_MESSAGE(has(failures, "I5"), dump(failures));
}

TEST_CASE("checker: I6 fails for two reader blocks fused without a join flag") {
  constexpr std::string_view input = "甲乙\n丙丁";
  Document fused = DocBuilder(input).block().copy("甲乙").copy("丙丁").finish();
  auto failures = check_invariants(input, plain_raw(input), fused);
  CHECK_MESSAGE(has(failures, "I6"), dump(failures));

  Document joined = DocBuilder(input)
                        .block(BlockType::kParagraph, tifa::kLineJoin)
                        .copy("甲乙")
                        .copy("丙丁")
                        .finish();
  failures = check_invariants(input, plain_raw(input), joined);
  CHECK_MESSAGE(failures.empty(), dump(failures));
}

TEST_CASE("checker: I8 wants raw spans, labels in removed and dates that parse back") {
  constexpr std::string_view input = "正文。\n来源：日照日报\n2022-02-14 08:47:41 +0800";
  const RawDocument raw = plain_raw(input);
  DocBuilder builder(input);
  builder.block().copy("正文。");
  Document doc = builder.finish();
  tifa::Field outlet;
  outlet.value = outlet.raw = "日照日报";
  outlet.rule = "B5";
  outlet.raw_spans = {removed(input, "B5", "日照日报").raw_span};
  doc.meta.source_outlet = outlet;
  doc.removed.push_back(removed(input, "B5", "来源：", true));
  tifa::DateField date;
  date.raw = "2022-02-14 08:47:41 +0800";
  date.iso = "2022-02-14T08:47:41+08:00";
  date.precision = "second";
  date.tz_explicit = true;
  date.rule = "B15";
  date.raw_spans = {removed(input, "B15", date.raw).raw_span};
  doc.meta.issued_date = date;
  auto failures = check_invariants(input, raw, doc);
  CHECK_MESSAGE(failures.empty(), dump(failures));

  Document no_spans = doc;
  no_spans.meta.source_outlet->raw_spans.clear();
  CHECK(has(check_invariants(input, raw, no_spans), "I8"));

  Document no_label = doc;
  no_label.removed.clear();
  CHECK(has(check_invariants(input, raw, no_label), "I8"));

  Document wrong_date = doc;
  wrong_date.meta.issued_date->iso = "2022-02-15T08:47:41+08:00";
  failures = check_invariants(input, raw, wrong_date);
  CHECK_MESSAGE(has(failures, "I8"), dump(failures));
}

TEST_CASE("checker: I9 wants rule ids of the spec, raw spans and known flags") {
  const RawDocument raw = plain_raw(kTwoLines);
  Document doc = faithful_two_lines();
  doc.removed.push_back(tifa::Removed{"B23", Span{0, 3}, "甲", false, false});
  CHECK(has(check_invariants(kTwoLines, raw, doc), "I9"));

  doc = faithful_two_lines();
  doc.removed.push_back(tifa::Removed{"B3", Span{3, 3}, "", false, false});
  CHECK(has(check_invariants(kTwoLines, raw, doc), "I9"));

  doc = faithful_two_lines();
  doc.blocks[0].edits.push_back(tifa::Edit{"Q1", Span{0, 3}, Span{0, 3}, "甲"});
  CHECK(has(check_invariants(kTwoLines, raw, doc), "I9"));

  doc = faithful_two_lines();
  doc.blocks[1].flags = 1u << 20;
  CHECK(has(check_invariants(kTwoLines, raw, doc), "I9"));
}

TEST_CASE("checker: I11 wants clean UTF-8 in NFC, tidy blocks and no markup") {
  auto failures_of = [](std::string_view input, Format format = Format::kText) {
    DocBuilder builder(input, format);
    builder.block().copy(input);
    return check_invariants(input, plain_raw(input, format), builder.finish());
  };
  CHECK(has(failures_of("甲\x01乙"), "I11"));
  CHECK(has(failures_of("e\xCC\x81"), "I11"));  // e + U+0301: not NFC
  CHECK(has(failures_of("甲\xFF"), "I11"));     // invalid UTF-8
  CHECK(has(failures_of(" 甲乙"), "I11"));      // leading whitespace
  CHECK(has(failures_of("甲<p乙", Format::kMarkdown), "I11"));
  CHECK(has(failures_of("甲<PAGE_DIV>乙", Format::kMarkdown), "I11"));
  CHECK_FALSE(has(failures_of("甲<p乙"), "I11"));  // the text format may hold markup

  const RawDocument raw = plain_raw(kTwoLines);
  DocBuilder builder(kTwoLines);
  builder.block().copy("甲乙丙。").block().block().copy("丁戊。");
  CHECK(has(check_invariants(kTwoLines, raw, builder.finish()), "I11"));
}

// ---- the corpus and the seeds ----

struct Variant {
  const char* name;
  void (*apply)(Options&);
};

// Default options and each option of spec/cleaning.md §9 flipped.
constexpr std::array<Variant, 11> kVariants = {{
    {"default", [](Options&) {}},
    {"fullwidth_punct=false", [](Options& o) { o.fullwidth_punct = false; }},
    {"cjk_space_repair=all", [](Options& o) { o.cjk_space_repair = tifa::CjkSpaceRepair::kAll; }},
    {"cjk_space_repair=none", [](Options& o) { o.cjk_space_repair = tifa::CjkSpaceRepair::kNone; }},
    {"title_wrap_repair=false", [](Options& o) { o.title_wrap_repair = false; }},
    {"bylines=block", [](Options& o) { o.bylines = tifa::BylineMode::kBlock; }},
    {"meta_from_comments=false", [](Options& o) { o.meta_from_comments = false; }},
    {"main_content=off", [](Options& o) { o.main_content = false; }},
    {"images=false", [](Options& o) { o.images = false; }},
    {"captions=false", [](Options& o) { o.captions = false; }},
    {"tables=drop", [](Options& o) { o.tables = tifa::TableMode::kDrop; }},
}};

Options options_of(const Variant& variant) {
  Options options;
  variant.apply(options);
  return options;
}

struct Cleaned {
  RawDocument raw;
  Document doc;
};

Cleaned clean(const std::string& bytes, const fs::path& path, const Options& options) {
  tifa::Input input;
  input.path = path.string();
  Cleaned out;
  out.raw = tifa::read(bytes, input, options);
  out.doc = tifa::clean_document(out.raw, input, options);
  return out;
}

// Runs every variant on every file and checks the invariants; returns the failure count per
// invariant (summed over files and variants) for the summary message.
std::map<std::string, std::size_t> check_files(const std::vector<fs::path>& files) {
  std::map<std::string, std::size_t> counts;
  for (const fs::path& path : files) {
    const std::string bytes = tifa::test::read_file(path);
    for (const Variant& variant : kVariants) {
      const std::string file = path.string();
      const std::string_view variant_name = variant.name;
      CAPTURE(file);
      CAPTURE(variant_name);
      const Options options = options_of(variant);
      try {
        Cleaned run = clean(bytes, path, options);
        for (const InvariantFailure& f :
             check_invariants(bytes, run.raw, run.doc, options.page_marker)) {
          ++counts[f.id];
          CAPTURE(f.id);
          FAIL_CHECK(f.message);
        }
      } catch (const std::exception& e) {
        FAIL_CHECK("exception: " << e.what());
      }
    }
  }
  return counts;
}

std::string summary(const std::map<std::string, std::size_t>& counts) {
  std::string out;
  for (const auto& [id, count] : counts) out += " " + id + "=" + std::to_string(count);
  return out.empty() ? " none" : out;
}

TEST_CASE("I1-I6, I8, I9, I11 hold on the seeds under every option") {
  const auto seeds = tifa::test::seed_files();
  REQUIRE_FALSE(seeds.empty());
  MESSAGE("seed invariant failures (reports, capped per document):" << summary(check_files(seeds)));
}

TEST_CASE("I1-I6, I8, I9, I11 hold on the corpus under every option") {
  const auto corpus = tifa::test::corpus_files();
  if (corpus.empty()) {
    MESSAGE("no ../shared/corpus: skipped");
    return;
  }
  MESSAGE(
      "corpus invariant failures (reports, capped per document):" << summary(check_files(corpus)));
}

// ---- I7 determinism ----

std::vector<fs::path> all_files() {
  std::vector<fs::path> files = tifa::test::seed_files();
  const std::vector<fs::path> corpus = tifa::test::corpus_files();
  files.insert(files.end(), corpus.begin(), corpus.end());
  return files;
}

std::string json_of(const tifa::Pipeline& pipeline, const std::string& bytes,
                    const fs::path& path) {
  tifa::Input input;
  input.path = path.string();
  try {
    return tifa::to_json(pipeline.process(bytes, input), tifa::JsonOptions{true});
  } catch (const std::exception& e) {
    return std::string("exception: ") + e.what();
  }
}

// The JSON (with edits) of every file, processed by `threads` threads sharing one Pipeline.
std::vector<std::string> json_all(const std::vector<fs::path>& files,
                                  const std::vector<std::string>& bytes, unsigned threads) {
  const tifa::Pipeline pipeline;
  std::vector<std::string> out(files.size());
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t i = t; i < files.size(); i += threads)
        out[i] = json_of(pipeline, bytes[i], files[i]);
    });
  }
  for (std::thread& worker : workers) worker.join();
  return out;
}

void check_same(const std::vector<fs::path>& files, const std::vector<std::string>& a,
                const std::vector<std::string>& b, const char* what) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string file = files[i].string();
    CAPTURE(file);
    CHECK_MESSAGE(a[i] == b[i], what);
  }
}

TEST_CASE("I7 the same bytes give byte-identical JSON: again, under 4 threads, in another locale") {
  const std::vector<fs::path> files = all_files();
  std::vector<std::string> bytes;
  for (const fs::path& path : files) bytes.push_back(tifa::test::read_file(path));

  const std::vector<std::string> once = json_all(files, bytes, 1);
  check_same(files, once, json_all(files, bytes, 1), "second run differs");
  check_same(files, once, json_all(files, bytes, 4), "4 threads differ from 1");

  try {
    std::locale::global(std::locale("C.UTF-8"));  // also sets the C locale (LC_ALL)
  } catch (const std::runtime_error&) {
    MESSAGE("locale C.UTF-8 is not installed: the locale comparison is skipped");
    return;
  }
  const std::vector<std::string> other = json_all(files, bytes, 1);
  std::locale::global(std::locale::classic());
  check_same(files, once, other, "C.UTF-8 locale differs from C");
}

// ---- I10 options do not change other text ----

// The paragraphs (table rows aside: `tables` is about them) and headings, in order.
std::vector<std::string> body_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& block : doc.blocks) {
    const bool paragraph =
        block.type == BlockType::kParagraph && (block.flags & tifa::kTableRow) == 0;
    if (paragraph || block.type == BlockType::kHeading) {
      out.push_back(doc.text.substr(block.span.begin, block.span.size()));
    }
  }
  return out;
}

// The first paragraph or heading that differs, for the failure message.
std::string describe_difference(const std::vector<std::string>& base,
                                const std::vector<std::string>& other) {
  std::size_t i = 0;
  while (i < base.size() && i < other.size() && base[i] == other[i]) ++i;
  auto at = [&](const std::vector<std::string>& v) {
    return i < v.size() ? "\"" + v[i].substr(0, 120) + "\"" : std::string("(none)");
  };
  return "block " + std::to_string(i) + " of " + std::to_string(base.size()) + " vs " +
         std::to_string(other.size()) + ": default " + at(base) + ", flipped " + at(other);
}

TEST_CASE("I10 images, captions, tables and bylines do not change paragraphs and headings") {
  const std::array<Variant, 4> flips = {kVariants[8], kVariants[9], kVariants[10], kVariants[5]};
  for (const fs::path& path : all_files()) {
    const std::string bytes = tifa::test::read_file(path);
    const std::string file = path.string();
    CAPTURE(file);
    try {
      const std::vector<std::string> base = body_texts(clean(bytes, path, Options{}).doc);
      for (const Variant& variant : flips) {
        const std::string_view variant_name = variant.name;
        CAPTURE(variant_name);
        const std::vector<std::string> texts =
            body_texts(clean(bytes, path, options_of(variant)).doc);
        CHECK_MESSAGE(texts == base, describe_difference(base, texts));
      }
    } catch (const std::exception& e) {
      FAIL_CHECK("exception: " << e.what());
    }
  }
}

}  // namespace
