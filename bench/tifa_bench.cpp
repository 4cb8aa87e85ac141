// tifa_bench: in-process throughput of the pipeline stages on a corpus directory.
//
// Every file of the corpus is loaded into memory first (sorted by path), so disk speed never
// enters the figures. Then each stage runs over the whole corpus once per round:
//   decode   tifa::decode
//   read     tifa::read (decode, format detection, readers)
//   process  tifa::Pipeline::process (the whole pipeline)
//   json     tifa::Pipeline::process + tifa::to_json
//   process on N threads sharing the documents (with --threads N > 1)
//   sentences      tifa::SentenceSplitter::split on the clean text of every document
//   icu_sentences  ICU's zh sentence BreakIterator on the same clean texts
//   match          the slogan matcher (lib/slogans/matcher.hpp) with the built-in lexicon's forms
//   match_20k      the same with 20,000 forms: the built-in ones plus recombinations of them
//                  (the beginning of one form and the end of another: slogan-like)
//   match_20k_compound  20,000 forms: the built-in ones plus two corpus substrings joined (their
//                  beginnings are the commonest words of the text; they rarely occur whole)
//   match_20k_dense  20,000 forms: the built-in ones plus corpus substrings (each occurs: a match
//                  every few characters)
//   hyperscan, hyperscan_20k, ...  Hyperscan's literal API on the same form sets (when built
//                  with Hyperscan: pkg-config libhs)
// The clean texts of the sentence and matching stages are made once before any timing
// (Pipeline::process per document, untimed). ICU is timed as spec/sentences.md §8 says: per
// document the UTF-16 conversion, setText and next() to DONE. These stages report MB/s of clean
// UTF-8 bytes. Compiling the matchers and Hyperscan databases is timed apart (median of 5).
// One warm-up round of every stage is not counted. Rounds are interleaved across stages (round 1:
// every stage, round 2: every stage, ...) so that machine noise hits all stages alike. For each
// stage the median, min and max of the counted rounds are reported as MB/s (input bytes, 1 MB =
// 1e6 bytes) and documents/s. Results feed a checksum that is printed, so the compiler cannot
// drop the work.

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/core.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/uversion.h>

#ifdef TIFA_BENCH_HYPERSCAN
#include <hs.h>
#endif

#include "slogans/matcher.hpp"  // private header: the matcher is measured on its own
#include "tifa/json.hpp"
#include "tifa/lexicon.hpp"
#include "tifa/pipeline.hpp"
#include "tifa/reader.hpp"
#include "tifa/sentences.hpp"
#include "util/utf8.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "usage: tifa_bench [--rounds R] [--threads N] [--stages LIST] [--json] [CORPUS_DIR]\n"
    "  CORPUS_DIR    directory of documents, read recursively (default bench/corpus)\n"
    "  --rounds R    counted rounds per stage (default 5), after one warm-up round\n"
    "  --threads N   also run the process stage on N threads (aggregate MB/s)\n"
    "  --stages LIST comma-separated subset of decode,read,clean,process,json,sentences,icu_sentences,\n"
    "                match,match_20k,match_20k_compound,match_20k_dense, and hyperscan\n"
    "                with the same suffixes (default all; the hyperscan stages only when built\n"
    "                with Hyperscan)\n"
    "  --json        write one JSON object to stdout; the table goes to stderr\n";

#ifdef TIFA_BENCH_HYPERSCAN
constexpr bool kHaveHyperscan = true;
#else
constexpr bool kHaveHyperscan = false;
#endif

// The form sets of the matching stages, in this order (see FormSetKind); stage names are "match"
// and "hyperscan" followed by the suffix.
constexpr const char* kFormSetSuffixes[] = {"", "_20k", "_20k_compound", "_20k_dense"};
constexpr std::size_t kFormSets = std::size(kFormSetSuffixes);

const std::vector<std::string> kAllStages = [] {
  std::vector<std::string> stages = {"decode", "read", "clean", "process", "json", "sentences", "icu_sentences"};
  for (const char* suffix : kFormSetSuffixes) stages.push_back(std::string("match") + suffix);
  if (kHaveHyperscan) {
    for (const char* suffix : kFormSetSuffixes) stages.push_back(std::string("hyperscan") + suffix);
  }
  return stages;
}();

// Forms of the large matching lexicons (the built-in forms included).
constexpr std::size_t kLargeLexiconForms = 20000;
// Seed of the substrings sampled for the large lexicons.
constexpr std::uint64_t kLargeLexiconSeed = 20261201;
// Compilations timed per form set; the median is reported.
constexpr int kCompileRuns = 5;

struct Config {
  fs::path corpus = "bench/corpus";
  int rounds = 5;
  unsigned threads = 1;
  std::vector<std::string> stages = kAllStages;
  bool json = false;
};

struct Corpus {
  std::vector<std::string> data;
  std::vector<tifa::Input> inputs;  // built here so that the timed loops only process
  std::size_t bytes = 0;
  // For the sentence and matching stages only (empty otherwise): each document's clean text
  // (empty when the pipeline threw), and the total clean UTF-8 bytes.
  std::vector<std::string> clean;
  std::size_t clean_bytes = 0;
};

#ifdef TIFA_BENCH_HYPERSCAN
struct HyperscanDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
  void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
};
using HyperscanDatabase = std::unique_ptr<hs_database_t, HyperscanDeleter>;
using HyperscanScratch = std::unique_ptr<hs_scratch_t, HyperscanDeleter>;
#endif

// One set of forms, compiled for the tifa matcher (and for Hyperscan when built with it).
struct FormSet {
  std::string name;  // "builtin", "20k", "20k_compound", "20k_dense"
  std::vector<std::string> forms;
  tifa::slogans::Matcher matcher;
  double compile_seconds = 0;  // median of kCompileRuns
  std::size_t memory_bytes = 0;
#ifdef TIFA_BENCH_HYPERSCAN
  HyperscanDatabase hyperscan;
  double hyperscan_compile_seconds = 0;
  std::size_t hyperscan_bytes = 0;
#endif
};

// The matching stages' inputs, indexed like kFormSetSuffixes; built only when one of them runs.
struct Matching {
  std::vector<FormSet> sets;
#ifdef TIFA_BENCH_HYPERSCAN
  HyperscanScratch scratch;  // for all databases; the matching stages run on one thread
#endif
};

// What the stage functions need; built once, outside any timing.
struct Context {
  const Corpus& corpus;
  const tifa::Options& options;
  const tifa::Pipeline& pipeline;
  const tifa::Pipeline& cleaning;  // the pipeline without sentences and slogans
  const tifa::SentenceSplitter& splitter;
  icu::BreakIterator* icu_sentences;  // not thread-safe: the sentence stages run on one thread
  const Matching* matching;           // null when no matching stage runs
};

// A stage processes document `i` and returns a number derived from the result.
using DocFn = std::uint64_t (*)(const Context&, std::size_t i);

struct Stage {
  std::string name;
  DocFn fn = nullptr;
  unsigned threads = 1;
  bool clean_input = false;     // measured on the clean texts: MB/s of clean UTF-8 bytes
  std::vector<double> seconds;  // one per counted round
  std::uint64_t checksum = 0;
  std::size_t errors = 0;       // documents that threw, in the warm-up round
  std::string first_error;
};

struct RoundResult {
  double seconds = 0;
  std::uint64_t checksum = 0;
  std::size_t errors = 0;
  std::string first_error;
};

[[noreturn]] void usage_error(const std::string& message) {
  fmt::print(stderr, "tifa_bench: {}\n{}", message, kUsage);
  std::exit(64);
}

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> items;
  while (!list.empty()) {
    auto comma = list.find(',');
    items.emplace_back(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return items;
}

int parse_positive(const std::string& flag, const char* value) {
  try {
    std::size_t used = 0;
    int n = std::stoi(value, &used);
    if (used == std::string_view(value).size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  usage_error(fmt::format("{} needs a positive integer, got '{}'", flag, value));
}

Config parse_args(int argc, char** argv) {
  Config config;
  bool have_corpus = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--rounds") {
      config.rounds = parse_positive(arg, value());
    } else if (arg == "--threads") {
      config.threads = static_cast<unsigned>(parse_positive(arg, value()));
    } else if (arg == "--stages") {
      config.stages = split_list(value());
      for (const auto& s : config.stages) {
        if (std::find(kAllStages.begin(), kAllStages.end(), s) == kAllStages.end())
          usage_error("unknown stage '" + s + "'" +
                      (!kHaveHyperscan && s.starts_with("hyperscan") ? " (built without Hyperscan)" : ""));
      }
    } else if (arg == "--json") {
      config.json = true;
    } else if (arg == "-h" || arg == "--help") {
      fmt::print("{}", kUsage);
      std::exit(0);
    } else if (!arg.empty() && arg[0] == '-') {
      usage_error("unknown option " + arg);
    } else if (have_corpus) {
      usage_error("more than one corpus directory");
    } else {
      config.corpus = arg;
      have_corpus = true;
    }
  }
  return config;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every regular file under `dir` (hidden files and folders skipped), sorted by path, so that runs
// process the same documents in the same order.
Corpus load_corpus(const fs::path& dir) {
  std::vector<fs::path> paths;
  auto it = fs::recursive_directory_iterator(dir);
  for (auto end = fs::recursive_directory_iterator(); it != end; ++it) {
    bool hidden = it->path().filename().string().starts_with(".");
    if (hidden && it->is_directory()) it.disable_recursion_pending();
    if (!hidden && it->is_regular_file()) paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());

  Corpus corpus;
  for (const auto& path : paths) {
    corpus.data.push_back(read_file(path));
    corpus.bytes += corpus.data.back().size();
    tifa::Input input;
    input.id = path.filename().string();
    input.path = path.string();
    corpus.inputs.push_back(std::move(input));
  }
  return corpus;
}

// ---- the stages: each keeps a little of its result so the work cannot be optimised away ----

std::uint64_t document_digest(const tifa::Document& doc) {
  return doc.text.size() + 3 * doc.blocks.size() + 5 * doc.sentences.size() +
         7 * doc.mentions.size() + 11 * doc.removed.size();
}

std::uint64_t run_decode(const Context& c, std::size_t i) {
  auto decoded = tifa::decode(c.corpus.data[i], c.options.encoding);
  return decoded.text.size() + decoded.replacement_chars;
}

std::uint64_t run_read(const Context& c, std::size_t i) {
  auto raw = tifa::read(c.corpus.data[i], c.corpus.inputs[i], c.options);
  return raw.decoded.text.size() + 3 * raw.blocks.size() + 5 * raw.images.size();
}

std::uint64_t run_clean(const Context& c, std::size_t i) {
  return document_digest(c.cleaning.process(c.corpus.data[i], c.corpus.inputs[i]));
}

std::uint64_t run_process(const Context& c, std::size_t i) {
  return document_digest(c.pipeline.process(c.corpus.data[i], c.corpus.inputs[i]));
}

std::uint64_t run_json(const Context& c, std::size_t i) {
  return tifa::to_json(c.pipeline.process(c.corpus.data[i], c.corpus.inputs[i])).size();
}

// Sentences of the clean text; the splitter reuses one vector per thread.
std::uint64_t run_sentences(const Context& c, std::size_t i) {
  thread_local std::vector<tifa::SentenceSpan> spans;
  c.splitter.split(c.corpus.clean[i], spans);
  return spans.size();
}

// ICU's sentence boundaries of the same text, as spec/sentences.md §8 measures them: per
// document UnicodeString::fromUTF8 + setText + next() to DONE (the conversion is timed, mapping
// back to byte offsets is not, which favours ICU).
std::uint64_t run_icu_sentences(const Context& c, std::size_t i) {
  icu::BreakIterator& bi = *c.icu_sentences;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(c.corpus.clean[i]);
  bi.setText(text);
  std::uint64_t boundaries = 0;
  for (int32_t b = bi.next(); b != icu::BreakIterator::DONE; b = bi.next()) ++boundaries;
  return boundaries;
}

// Leftmost-longest matches of a form set in the clean text (folding, guards, gaps); the count
// feeds the checksum.
std::uint64_t count_matches(const tifa::slogans::Matcher& matcher, const std::string& text) {
  thread_local std::vector<tifa::slogans::MatcherMatch> matches;
  matches.clear();
  matcher.find(text, matches);
  return matches.size();
}

template <std::size_t Set>
std::uint64_t run_match(const Context& c, std::size_t i) {
  return count_matches(c.matching->sets[Set].matcher, c.corpus.clean[i]);
}

#ifdef TIFA_BENCH_HYPERSCAN
// Hyperscan reports every occurrence of every literal (overlapping, end offsets); the callback
// only counts them.
int count_hyperscan_match(unsigned, unsigned long long, unsigned long long, unsigned, void* count) {
  ++*static_cast<std::uint64_t*>(count);
  return 0;
}

std::uint64_t scan_hyperscan(const Context& c, const FormSet& set, std::size_t i) {
  const std::string& text = c.corpus.clean[i];
  std::uint64_t count = 0;
  hs_scan(set.hyperscan.get(), text.data(), static_cast<unsigned>(text.size()), 0, c.matching->scratch.get(),
          count_hyperscan_match, &count);
  return count;
}

template <std::size_t Set>
std::uint64_t run_hyperscan(const Context& c, std::size_t i) {
  return scan_hyperscan(c, c.matching->sets[Set], i);
}
#endif

// The matching stage functions by form set.
constexpr DocFn kMatchFunctions[] = {run_match<0>, run_match<1>, run_match<2>, run_match<3>};
#ifdef TIFA_BENCH_HYPERSCAN
constexpr DocFn kHyperscanFunctions[] = {run_hyperscan<0>, run_hyperscan<1>, run_hyperscan<2>, run_hyperscan<3>};
#endif
static_assert(std::size(kMatchFunctions) == kFormSets);

// The form set of a matching stage, and whether it is a Hyperscan stage.
std::optional<std::pair<std::size_t, bool>> matching_stage(const std::string& name) {
  for (const bool hyperscan : {false, true}) {
    const std::string prefix = hyperscan ? "hyperscan" : "match";
    for (std::size_t set = 0; set < kFormSets; ++set) {
      if (name == prefix + kFormSetSuffixes[set]) return std::make_pair(set, hyperscan);
    }
  }
  return std::nullopt;
}

DocFn stage_function(const std::string& name) {
  if (name == "decode") return run_decode;
  if (name == "read") return run_read;
  if (name == "clean") return run_clean;
  if (name == "process") return run_process;
  if (name == "sentences") return run_sentences;
  if (name == "icu_sentences") return run_icu_sentences;
  if (auto stage = matching_stage(name)) {
#ifdef TIFA_BENCH_HYPERSCAN
    if (stage->second) return kHyperscanFunctions[stage->first];
#endif
    return kMatchFunctions[stage->first];
  }
  return run_json;
}

bool is_sentence_stage(const std::string& name) {
  return name == "sentences" || name == "icu_sentences";
}

bool is_matching_stage(const std::string& name) { return matching_stage(name).has_value(); }

// Stages measured on the clean texts.
bool is_clean_stage(const std::string& name) { return is_sentence_stage(name) || is_matching_stage(name); }

// The clean texts for the sentence and matching stages, made before any timing.
void prepare_clean_texts(Corpus& corpus, const tifa::Pipeline& pipeline) {
  corpus.clean.resize(corpus.data.size());
  for (std::size_t i = 0; i < corpus.data.size(); ++i) {
    try {
      corpus.clean[i] = pipeline.process(corpus.data[i], corpus.inputs[i]).text;
    } catch (const std::exception&) {
      corpus.clean[i].clear();  // the process stage reports the error
    }
    corpus.clean_bytes += corpus.clean[i].size();
  }
}

// ---- the matching lexicons (spec/slogans.md §8) ----

// The forms of the built-in lexicon: each entry's canonical and variants, in lexicon order,
// duplicates dropped.
std::vector<std::string> builtin_forms() {
  std::vector<std::string> forms;
  for (const auto& entry : tifa::Lexicon::builtin().entries()) {
    forms.push_back(entry.canonical);
    forms.insert(forms.end(), entry.variants.begin(), entry.variants.end());
  }
  std::vector<std::string> unique;
  for (auto& form : forms) {
    if (std::find(unique.begin(), unique.end(), form) == unique.end()) unique.push_back(std::move(form));
  }
  return unique;
}

// The substring of `text` of `length` code points from byte `pos` (a code-point boundary) when
// they are all Han characters; empty otherwise.
std::string han_run(std::string_view text, std::size_t pos, std::size_t length) {
  const std::size_t begin = pos;
  for (std::size_t n = 0, cp_length = 0; n < length; ++n, pos += cp_length) {
    if (pos >= text.size() || !tifa::util::is_han(tifa::util::decode_at(text, pos, cp_length))) return {};
  }
  return std::string(text.substr(begin, pos - begin));
}

// A substring of `min_length` to `max_length` Han characters at a random place of the clean
// corpus: a document picked uniformly, a byte offset in it picked uniformly and moved forward to
// a code-point boundary, a length picked uniformly. Empty when the characters there are not all
// Han (the caller draws again).
std::string sample_han_run(const Corpus& corpus, std::mt19937_64& random, std::size_t min_length,
                           std::size_t max_length) {
  const std::string& text = corpus.clean[random() % corpus.clean.size()];
  std::size_t pos = text.empty() ? 0 : random() % text.size();
  const std::size_t length = min_length + random() % (max_length - min_length + 1);
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return han_run(text, pos, length);
}

// Adds distinct forms made by `make` (an empty one is skipped) to `forms` until there are
// `count`, or until too many attempts failed.
template <class Make>
std::vector<std::string> grow_forms(std::vector<std::string> forms, std::size_t count, Make make) {
  std::vector<std::string> sorted = forms;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t attempts = 0; forms.size() < count && attempts < 100 * count; ++attempts) {
    std::string form = make();
    if (form.empty()) continue;
    auto it = std::lower_bound(sorted.begin(), sorted.end(), form);
    if (it != sorted.end() && *it == form) continue;
    sorted.insert(it, form);
    forms.push_back(std::move(form));
  }
  return forms;
}

// The three large lexicons: the built-in forms plus generated ones up to kLargeLexiconForms, drawn
// with std::mt19937_64 seeded with kLargeLexiconSeed (the same corpus gives the same lexicons).
//   recombined: the first k code points of one built-in form and the last m of another, picked
//             uniformly (k, m from 2 to the length minus 1; a whole form of 2 code points). Like
//             a real lexicon of formulations: their beginnings are those of slogans, and they
//             rarely occur in the text;
//   compound: two substrings of 2 to 4 Han characters from independent places of the corpus,
//             joined. Their beginnings are the commonest words of the text (frequency-weighted),
//             so the automaton is entered almost everywhere; they rarely occur whole;
//   dense:    a substring of 2 to 8 Han characters (sample_han_run). Each occurs in the corpus
//             (in every copy of its source): a match every few characters.
enum class LargeLexicon { kRecombined, kCompound, kDense };

std::vector<std::string> large_forms(const Corpus& corpus, const std::vector<std::string>& builtin,
                                     LargeLexicon kind) {
  std::mt19937_64 random(kLargeLexiconSeed);
  if (kind == LargeLexicon::kRecombined) {
    std::vector<std::vector<std::string>> characters;
    for (const auto& form : builtin) {
      characters.emplace_back();
      for (std::size_t pos = 0, length = 0; pos < form.size(); pos += length) {
        tifa::util::decode_at(form, pos, length);
        characters.back().push_back(form.substr(pos, length));
      }
    }
    const auto part_length = [&](std::size_t n) { return n >= 3 ? 2 + random() % (n - 2) : n; };
    return grow_forms(builtin, kLargeLexiconForms, [&] {
      const auto& head = characters[random() % characters.size()];
      const auto& tail = characters[random() % characters.size()];
      const std::size_t k = part_length(head.size());
      const std::size_t m = part_length(tail.size());
      std::string form;
      for (std::size_t i = 0; i < k; ++i) form += head[i];
      for (std::size_t i = tail.size() - m; i < tail.size(); ++i) form += tail[i];
      return form;
    });
  }
  if (corpus.clean.empty()) return builtin;
  if (kind == LargeLexicon::kDense) {
    return grow_forms(builtin, kLargeLexiconForms, [&] { return sample_han_run(corpus, random, 2, 8); });
  }
  return grow_forms(builtin, kLargeLexiconForms, [&] {
    std::string form = sample_han_run(corpus, random, 2, 4);
    const std::string second = form.empty() ? std::string() : sample_han_run(corpus, random, 2, 4);
    return second.empty() ? std::string() : form + second;
  });
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Seconds of one call of `compile`.
template <class Compile>
double time_once(Compile&& compile) {
  const auto start = std::chrono::steady_clock::now();
  compile();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

#ifdef TIFA_BENCH_HYPERSCAN
// Hyperscan's literal API: every form a literal, no flags (end offsets only; a literal's start is
// its end minus its length), block mode.
HyperscanDatabase compile_hyperscan(const std::vector<std::string>& forms) {
  std::vector<const char*> expressions;
  std::vector<std::size_t> lengths;
  std::vector<unsigned> flags(forms.size(), 0);
  std::vector<unsigned> ids;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    expressions.push_back(forms[i].data());
    lengths.push_back(forms[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(forms.size()), HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
    std::string message = error && error->message ? error->message : "unknown error";
    hs_free_compile_error(error);
    throw std::runtime_error("Hyperscan cannot compile the forms: " + message);
  }
  return HyperscanDatabase(db);
}
#endif

FormSet compile_form_set(std::string name, std::vector<std::string> forms) {
  FormSet set;
  set.name = std::move(name);
  set.forms = std::move(forms);
  std::vector<double> seconds;
  for (int run = 0; run < kCompileRuns; ++run) {
    seconds.push_back(time_once([&] { set.matcher = tifa::slogans::Matcher(set.forms); }));
  }
  set.compile_seconds = median(seconds);
  set.memory_bytes = set.matcher.memory_bytes();
#ifdef TIFA_BENCH_HYPERSCAN
  seconds.clear();
  for (int run = 0; run < kCompileRuns; ++run) {
    seconds.push_back(time_once([&] { set.hyperscan = compile_hyperscan(set.forms); }));
  }
  set.hyperscan_compile_seconds = median(seconds);
  hs_database_size(set.hyperscan.get(), &set.hyperscan_bytes);
#endif
  return set;
}

// The form sets some selected stage uses, compiled; the others stay empty (no forms).
std::unique_ptr<Matching> prepare_matching(const Corpus& corpus, const std::vector<std::string>& stages) {
  const auto wanted = [&](std::size_t set) {
    return std::any_of(stages.begin(), stages.end(), [&](const std::string& name) {
      const auto stage = matching_stage(name);
      return stage && stage->first == set;
    });
  };
  auto matching = std::make_unique<Matching>();
  matching->sets.resize(kFormSets);
  const std::vector<std::string> builtin = builtin_forms();
  if (wanted(0)) matching->sets[0] = compile_form_set("builtin", builtin);
  if (wanted(1)) matching->sets[1] = compile_form_set("20k", large_forms(corpus, builtin, LargeLexicon::kRecombined));
  if (wanted(2)) {
    matching->sets[2] = compile_form_set("20k_compound", large_forms(corpus, builtin, LargeLexicon::kCompound));
  }
  if (wanted(3)) matching->sets[3] = compile_form_set("20k_dense", large_forms(corpus, builtin, LargeLexicon::kDense));
#ifdef TIFA_BENCH_HYPERSCAN
  hs_scratch_t* scratch = nullptr;
  for (const FormSet& set : matching->sets) {
    if (set.forms.empty()) continue;
    if (hs_alloc_scratch(set.hyperscan.get(), &scratch) != HS_SUCCESS) {
      hs_free_scratch(scratch);
      throw std::runtime_error("Hyperscan cannot allocate scratch space");
    }
  }
  matching->scratch.reset(scratch);
#endif
  return matching;
}

// ---- timing ----

// Runs `fn` on the documents that `next` hands out until none are left. A document that throws
// is counted, not fatal: while the pipeline is incomplete the other stages still get measured.
// Totals are kept locally and stored once, so threads do not share a cache line while working.
void work(const Context& c, DocFn fn, std::atomic<std::size_t>& next, RoundResult& out) {
  const std::size_t n = c.corpus.data.size();
  RoundResult local;
  for (std::size_t i = next.fetch_add(1, std::memory_order_relaxed); i < n;
       i = next.fetch_add(1, std::memory_order_relaxed)) {
    try {
      local.checksum += fn(c, i);
    } catch (const std::exception& e) {
      if (local.errors++ == 0) local.first_error = fmt::format("{}: {}", c.corpus.inputs[i].id, e.what());
    }
  }
  out = std::move(local);
}

// One pass of `fn` over the whole corpus on `threads` threads (documents handed out one at a time,
// so uneven document sizes do not leave a thread idle). The time includes starting the threads.
RoundResult run_round(const Context& c, DocFn fn, unsigned threads) {
  std::atomic<std::size_t> next{0};
  std::vector<RoundResult> parts(threads);
  auto start = std::chrono::steady_clock::now();
  if (threads == 1) {
    work(c, fn, next, parts[0]);
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] { work(c, fn, next, parts[t]); });
  }  // the jthreads join here, before the clock stops
  auto stop = std::chrono::steady_clock::now();

  RoundResult total;
  total.seconds = std::chrono::duration<double>(stop - start).count();
  for (const auto& part : parts) {
    total.checksum += part.checksum;
    total.errors += part.errors;
    if (total.first_error.empty()) total.first_error = part.first_error;
  }
  return total;
}

// The warm-up round (which also records errors), then `rounds` counted rounds, each running every
// stage once in turn.
void measure(const Context& c, std::vector<Stage>& stages, int rounds) {
  for (auto& stage : stages) {
    auto r = run_round(c, stage.fn, stage.threads);
    stage.errors = r.errors;
    stage.first_error = r.first_error;
  }
  for (int round = 0; round < rounds; ++round) {
    for (auto& stage : stages) {
      auto r = run_round(c, stage.fn, stage.threads);
      stage.seconds.push_back(r.seconds);
      stage.checksum += r.checksum;
    }
  }
}

// ---- statistics and reports ----

struct Summary {
  double median = 0, min = 0, max = 0;
};

// Median, min and max of `amount / seconds` over the rounds.
Summary rates(const std::vector<double>& seconds, double amount) {
  std::vector<double> r;
  for (double s : seconds) r.push_back(s > 0 ? amount / s : 0);
  std::sort(r.begin(), r.end());
  std::size_t n = r.size();
  double median = n % 2 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
  return {median, r.front(), r.back()};
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kilobytes on Linux
}

// Median throughput of process on N threads over process on one, when both ran.
std::optional<double> scaling(const std::vector<Stage>& stages) {
  const Stage* one = nullptr;
  const Stage* many = nullptr;
  for (const auto& s : stages) {
    if (s.fn == run_process) (s.threads == 1 ? one : many) = &s;
  }
  if (!one || !many) return std::nullopt;
  return rates(many->seconds, 1.0).median / rates(one->seconds, 1.0).median;
}

// Median MB/s of stage `ours` over stage `theirs`, when both ran on the same bytes.
std::optional<double> stage_ratio(const std::vector<Stage>& stages, DocFn ours, DocFn theirs) {
  const Stage* a = nullptr;
  const Stage* b = nullptr;
  for (const auto& s : stages) {
    if (s.fn == ours && s.threads == 1) a = &s;
    if (s.fn == theirs && s.threads == 1) b = &s;
  }
  if (!a || !b) return std::nullopt;
  return rates(a->seconds, 1.0).median / rates(b->seconds, 1.0).median;
}

// Median MB/s of tifa's sentence stage over ICU's, when both ran (same bytes, so a time ratio).
std::optional<double> sentences_vs_icu(const std::vector<Stage>& stages) {
  return stage_ratio(stages, run_sentences, run_icu_sentences);
}

// Median MB/s of the tifa matcher over Hyperscan on form set `set`, when both ran.
std::optional<double> match_vs_hyperscan(const std::vector<Stage>& stages, std::size_t set) {
#ifdef TIFA_BENCH_HYPERSCAN
  return stage_ratio(stages, kMatchFunctions[set], kHyperscanFunctions[set]);
#else
  (void)stages;
  (void)set;
  return std::nullopt;
#endif
}

struct Report {
  const Config& config;
  const Corpus& corpus;
  const Matching* matching;  // null when no matching stage ran
  const std::vector<Stage>& stages;
  std::uint64_t checksum;
  long rss_loaded_kb;
  long rss_peak_kb;
};

void print_compile(std::FILE* out, const FormSet& set) {
  fmt::print(out, "  {:<12} {:>6} forms: tifa compile {:.1f} ms, {:.2f} MB", set.name, set.forms.size(),
             set.compile_seconds * 1e3, static_cast<double>(set.memory_bytes) / 1e6);
#ifdef TIFA_BENCH_HYPERSCAN
  fmt::print(out, "; Hyperscan {} compile {:.1f} ms, {:.2f} MB", hs_version(),
             set.hyperscan_compile_seconds * 1e3, static_cast<double>(set.hyperscan_bytes) / 1e6);
#endif
  fmt::print(out, "\n");
}

void print_matching(std::FILE* out, const Matching& matching, const std::vector<Stage>& stages) {
  fmt::print(out, "matching lexicons (compile: median of {} runs; memory: Matcher::memory_bytes, "
             "hs_database_size):\n", kCompileRuns);
  for (const FormSet& set : matching.sets) {
    if (!set.forms.empty()) print_compile(out, set);
  }
  for (std::size_t set = 0; set < matching.sets.size(); ++set) {
    if (auto x = match_vs_hyperscan(stages, set)) {
      fmt::print(out, "match{0} / hyperscan{0}: {1:.2f}x\n", kFormSetSuffixes[set], *x);
    }
  }
}

void print_table(std::FILE* out, const Report& r) {
  const double mb = static_cast<double>(r.corpus.bytes) / 1e6;
  const double docs = static_cast<double>(r.corpus.data.size());
  fmt::print(out, "corpus {}: {} documents, {:.1f} MB; {} rounds after 1 warm-up round\n",
             r.config.corpus.string(), r.corpus.data.size(), mb, r.config.rounds);
  fmt::print(out, "{:<21} {:>7} {:>11} {:>9} {:>9} {:>12} {:>7}\n", "stage", "threads",
             "median MB/s", "min MB/s", "max MB/s", "median doc/s", "errors");
  const double clean_mb = static_cast<double>(r.corpus.clean_bytes) / 1e6;
  for (const auto& s : r.stages) {
    auto m = rates(s.seconds, s.clean_input ? clean_mb : mb);
    auto d = rates(s.seconds, docs);
    fmt::print(out, "{:<21} {:>7} {:>11.1f} {:>9.1f} {:>9.1f} {:>12.0f} {:>7}\n", s.name, s.threads,
               m.median, m.min, m.max, d.median, s.errors);
  }
  for (const auto& s : r.stages) {
    if (s.errors) fmt::print(out, "{}: {} documents failed, first: {}\n", s.name, s.errors, s.first_error);
  }
  if (auto x = scaling(r.stages))
    fmt::print(out, "scaling: process on {} threads = {:.2f}x one thread\n", r.config.threads, *x);
  if (!r.corpus.clean.empty()) {
    fmt::print(out, "sentence and matching stages: MB/s of {:.1f} MB clean UTF-8 text (ICU {}: "
               "UTF-16 conversion timed, per document)\n", clean_mb, U_ICU_VERSION);
    for (const auto& s : r.stages) {
      if (s.clean_input)
        fmt::print(out, "  {}: {} {} per pass\n", s.name,
                   s.checksum / static_cast<std::uint64_t>(r.config.rounds),
                   is_sentence_stage(s.name) ? "sentences" : "matches");
    }
  }
  if (auto x = sentences_vs_icu(r.stages))
    fmt::print(out, "sentences / icu_sentences: {:.2f}x\n", *x);
  if (r.matching) print_matching(out, *r.matching, r.stages);
  fmt::print(out, "checksum: {:#x}\n", r.checksum);
  fmt::print(out, "peak RSS: {:.1f} MB (after loading the corpus: {:.1f} MB)\n",
             static_cast<double>(r.rss_peak_kb) / 1e3, static_cast<double>(r.rss_loaded_kb) / 1e3);
}

std::string json_string(std::string_view s) {
  std::string out;
  tifa::append_json_string(out, s);
  return out;
}

std::string json_optional(std::optional<double> value) {
  return value ? fmt::format("{:.3f}", *value) : "null";
}

std::string json_form_set(const FormSet& set) {
  std::string hyperscan = "null";
#ifdef TIFA_BENCH_HYPERSCAN
  hyperscan = fmt::format(R"({{"version":"{}","compile_seconds":{:.6f},"database_bytes":{}}})", hs_version(),
                          set.hyperscan_compile_seconds, set.hyperscan_bytes);
#endif
  return fmt::format(R"({{"forms":{},"compile_seconds":{:.6f},"memory_bytes":{},"hyperscan":{}}})",
                     set.forms.size(), set.compile_seconds, set.memory_bytes, hyperscan);
}

// {"builtin": {..., "vs_hyperscan": ratio}, "20k": ..., "20k_dense": ...}
std::string json_matching(const Report& r) {
  if (!r.matching) return "null";
  std::string sets;
  for (std::size_t set = 0; set < r.matching->sets.size(); ++set) {
    if (r.matching->sets[set].forms.empty()) continue;
    std::string entry = json_form_set(r.matching->sets[set]);
    entry.insert(entry.size() - 1, ",\"vs_hyperscan\":" + json_optional(match_vs_hyperscan(r.stages, set)));
    sets += fmt::format("{}{}:{}", sets.empty() ? "" : ",", json_string(r.matching->sets[set].name), entry);
  }
  return "{" + sets + "}";
}


std::string json_summary(const Summary& s) {
  return fmt::format(R"({{"median":{:.3f},"min":{:.3f},"max":{:.3f}}})", s.median, s.min, s.max);
}

void print_json(const Report& r) {
  const double mb = static_cast<double>(r.corpus.bytes) / 1e6;
  const double docs = static_cast<double>(r.corpus.data.size());
  const double clean_mb = static_cast<double>(r.corpus.clean_bytes) / 1e6;
  std::string stages;
  for (const auto& s : r.stages) {
    std::string seconds;
    for (double t : s.seconds) seconds += fmt::format("{}{:.9f}", seconds.empty() ? "" : ",", t);
    stages += fmt::format(
        R"({}{{"name":{},"threads":{},"input":"{}","mb_per_s":{},"docs_per_s":{},"seconds":[{}],"errors":{},"first_error":{},"checksum":"{:#x}"}})",
        stages.empty() ? "" : ",", json_string(s.name), s.threads, s.clean_input ? "clean" : "raw",
        json_summary(rates(s.seconds, s.clean_input ? clean_mb : mb)),
        json_summary(rates(s.seconds, docs)), seconds, s.errors,
        s.errors ? json_string(s.first_error) : "null", s.checksum);
  }
  auto x = scaling(r.stages);
  auto ratio = sentences_vs_icu(r.stages);
  fmt::print(
      R"({{"corpus":{{"path":{},"documents":{},"bytes":{},"clean_bytes":{}}},"icu_version":"{}","rounds":{},"warmup_rounds":1,"threads":{},"mb":1000000,"stages":[{}],"scaling":{},"sentences_vs_icu":{},"matching":{},"checksum":"{:#x}","peak_rss_bytes":{},"rss_after_load_bytes":{}}})"
      "\n",
      json_string(r.config.corpus.string()), r.corpus.data.size(), r.corpus.bytes,
      r.corpus.clean_bytes, U_ICU_VERSION, r.config.rounds, r.config.threads, stages,
      x ? fmt::format("{:.3f}", *x) : "null", ratio ? fmt::format("{:.3f}", *ratio) : "null",
      json_matching(r), r.checksum,
      r.rss_peak_kb * 1024, r.rss_loaded_kb * 1024);
}

Stage make_stage(std::string name, DocFn fn, unsigned threads) {
  Stage stage;
  stage.name = std::move(name);
  stage.fn = fn;
  stage.threads = threads;
  return stage;
}

std::vector<Stage> make_stages(const Config& config) {
  std::vector<Stage> stages;
  for (const auto& name : kAllStages) {
    if (std::find(config.stages.begin(), config.stages.end(), name) == config.stages.end()) continue;
    stages.push_back(make_stage(name, stage_function(name), 1));
    stages.back().clean_input = is_clean_stage(name);
  }
  // The N-thread process stage runs in the same rounds as the others, so its ratio to the
  // one-thread stage compares like with like.
  bool has_process = std::find(config.stages.begin(), config.stages.end(), "process") != config.stages.end();
  if (config.threads > 1 && has_process)
    stages.push_back(make_stage("process", run_process, config.threads));
  return stages;
}

int run(const Config& config) {
  if (!fs::is_directory(config.corpus)) {
    fmt::print(stderr, "tifa_bench: no corpus directory {} (make one: python3 bench/make_corpus.py)\n",
               config.corpus.string());
    return 66;
  }
  Corpus corpus = load_corpus(config.corpus);
  if (corpus.data.empty()) {
    fmt::print(stderr, "tifa_bench: {} holds no files\n", config.corpus.string());
    return 66;
  }
  long rss_loaded = peak_rss_kb();

  tifa::Options options;
  tifa::Pipeline pipeline(options);
  tifa::Options cleaning_options = options;
  cleaning_options.sentences = false;
  cleaning_options.slogans = false;
  tifa::Pipeline cleaning(cleaning_options);
  const bool clean_stages = std::any_of(config.stages.begin(), config.stages.end(),
                                        [](const std::string& s) { return is_clean_stage(s); });
  if (clean_stages) prepare_clean_texts(corpus, pipeline);
  const bool matching_stages = std::any_of(config.stages.begin(), config.stages.end(),
                                           [](const std::string& s) { return is_matching_stage(s); });
  std::unique_ptr<Matching> matching = matching_stages ? prepare_matching(corpus, config.stages) : nullptr;
  tifa::SentenceSplitter splitter;  // default options, as in the pipeline
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> icu_sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale("zh"), status));
  if (U_FAILURE(status)) {
    fmt::print(stderr, "tifa_bench: ICU sentence BreakIterator: {}\n", u_errorName(status));
    return 70;
  }
  Context context{corpus, options, pipeline, cleaning, splitter, icu_sentences.get(), matching.get()};
  auto stages = make_stages(config);
  measure(context, stages, config.rounds);

  std::uint64_t checksum = 0;
  for (const auto& s : stages) checksum += s.checksum;
  Report report{config, corpus, matching.get(), stages, checksum, rss_loaded, peak_rss_kb()};
  if (config.json) {
    print_table(stderr, report);
    print_json(report);
  } else {
    print_table(stdout, report);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const std::exception& e) {
    fmt::print(stderr, "tifa_bench: {}\n", e.what());
    return 70;
  }
}
