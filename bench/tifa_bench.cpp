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
// The clean texts of the two sentence stages are made once before any timing (Pipeline::process
// per document, untimed). ICU is timed as spec/sentences.md §8 says: per document the UTF-16
// conversion, setText and next() to DONE. Both report MB/s of clean UTF-8 bytes.
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

#include "tifa/json.hpp"
#include "tifa/pipeline.hpp"
#include "tifa/reader.hpp"
#include "tifa/sentences.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "usage: tifa_bench [--rounds R] [--threads N] [--stages LIST] [--json] [CORPUS_DIR]\n"
    "  CORPUS_DIR    directory of documents, read recursively (default bench/corpus)\n"
    "  --rounds R    counted rounds per stage (default 5), after one warm-up round\n"
    "  --threads N   also run the process stage on N threads (aggregate MB/s)\n"
    "  --stages LIST comma-separated subset of decode,read,process,json,sentences,icu_sentences\n"
    "                (default all)\n"
    "  --json        write one JSON object to stdout; the table goes to stderr\n";

const std::vector<std::string> kAllStages = {"decode",  "read",      "process",
                                             "json",    "sentences", "icu_sentences"};

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
  // For the sentence stages only (empty otherwise): each document's clean text (empty when the
  // pipeline threw), and the total clean UTF-8 bytes.
  std::vector<std::string> clean;
  std::size_t clean_bytes = 0;
};

// What the stage functions need; built once, outside any timing.
struct Context {
  const Corpus& corpus;
  const tifa::Options& options;
  const tifa::Pipeline& pipeline;
  const tifa::SentenceSplitter& splitter;
  icu::BreakIterator* icu_sentences;  // not thread-safe: the sentence stages run on one thread
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
          usage_error("unknown stage '" + s + "'");
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

DocFn stage_function(const std::string& name) {
  if (name == "decode") return run_decode;
  if (name == "read") return run_read;
  if (name == "process") return run_process;
  if (name == "sentences") return run_sentences;
  if (name == "icu_sentences") return run_icu_sentences;
  return run_json;
}

bool is_sentence_stage(const std::string& name) {
  return name == "sentences" || name == "icu_sentences";
}

// The clean texts for the sentence stages, made before any timing.
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

// Median MB/s of tifa's sentence stage over ICU's, when both ran (same bytes, so a time ratio).
std::optional<double> sentences_vs_icu(const std::vector<Stage>& stages) {
  const Stage* tifa = nullptr;
  const Stage* icu = nullptr;
  for (const auto& s : stages) {
    if (s.fn == run_sentences) tifa = &s;
    if (s.fn == run_icu_sentences) icu = &s;
  }
  if (!tifa || !icu) return std::nullopt;
  return rates(tifa->seconds, 1.0).median / rates(icu->seconds, 1.0).median;
}

struct Report {
  const Config& config;
  const Corpus& corpus;
  const std::vector<Stage>& stages;
  std::uint64_t checksum;
  long rss_loaded_kb;
  long rss_peak_kb;
};

void print_table(std::FILE* out, const Report& r) {
  const double mb = static_cast<double>(r.corpus.bytes) / 1e6;
  const double docs = static_cast<double>(r.corpus.data.size());
  fmt::print(out, "corpus {}: {} documents, {:.1f} MB; {} rounds after 1 warm-up round\n",
             r.config.corpus.string(), r.corpus.data.size(), mb, r.config.rounds);
  fmt::print(out, "{:<14} {:>7} {:>11} {:>9} {:>9} {:>12} {:>7}\n", "stage", "threads",
             "median MB/s", "min MB/s", "max MB/s", "median doc/s", "errors");
  const double clean_mb = static_cast<double>(r.corpus.clean_bytes) / 1e6;
  for (const auto& s : r.stages) {
    auto m = rates(s.seconds, s.clean_input ? clean_mb : mb);
    auto d = rates(s.seconds, docs);
    fmt::print(out, "{:<14} {:>7} {:>11.1f} {:>9.1f} {:>9.1f} {:>12.0f} {:>7}\n", s.name, s.threads,
               m.median, m.min, m.max, d.median, s.errors);
  }
  for (const auto& s : r.stages) {
    if (s.errors) fmt::print(out, "{}: {} documents failed, first: {}\n", s.name, s.errors, s.first_error);
  }
  if (auto x = scaling(r.stages))
    fmt::print(out, "scaling: process on {} threads = {:.2f}x one thread\n", r.config.threads, *x);
  if (!r.corpus.clean.empty()) {
    fmt::print(out, "sentence stages: MB/s of {:.1f} MB clean UTF-8 text (ICU {}: UTF-16 "
               "conversion timed, per document)\n", clean_mb, U_ICU_VERSION);
    for (const auto& s : r.stages) {
      if (s.clean_input)
        fmt::print(out, "  {}: {} sentences per pass\n", s.name,
                   s.checksum / static_cast<std::uint64_t>(r.config.rounds));
    }
  }
  if (auto x = sentences_vs_icu(r.stages))
    fmt::print(out, "sentences / icu_sentences: {:.2f}x\n", *x);
  fmt::print(out, "checksum: {:#x}\n", r.checksum);
  fmt::print(out, "peak RSS: {:.1f} MB (after loading the corpus: {:.1f} MB)\n",
             static_cast<double>(r.rss_peak_kb) / 1e3, static_cast<double>(r.rss_loaded_kb) / 1e3);
}

std::string json_string(std::string_view s) {
  std::string out;
  tifa::append_json_string(out, s);
  return out;
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
      R"({{"corpus":{{"path":{},"documents":{},"bytes":{},"clean_bytes":{}}},"icu_version":"{}","rounds":{},"warmup_rounds":1,"threads":{},"mb":1000000,"stages":[{}],"scaling":{},"sentences_vs_icu":{},"checksum":"{:#x}","peak_rss_bytes":{},"rss_after_load_bytes":{}}})"
      "\n",
      json_string(r.config.corpus.string()), r.corpus.data.size(), r.corpus.bytes,
      r.corpus.clean_bytes, U_ICU_VERSION, r.config.rounds, r.config.threads, stages,
      x ? fmt::format("{:.3f}", *x) : "null", ratio ? fmt::format("{:.3f}", *ratio) : "null",
      r.checksum,
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
    stages.back().clean_input = is_sentence_stage(name);
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
  const bool sentence_stages = std::any_of(config.stages.begin(), config.stages.end(),
                                           [](const std::string& s) { return is_sentence_stage(s); });
  if (sentence_stages) prepare_clean_texts(corpus, pipeline);
  tifa::SentenceSplitter splitter;  // default options, as in the pipeline
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> icu_sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale("zh"), status));
  if (U_FAILURE(status)) {
    fmt::print(stderr, "tifa_bench: ICU sentence BreakIterator: {}\n", u_errorName(status));
    return 70;
  }
  Context context{corpus, options, pipeline, splitter, icu_sentences.get()};
  auto stages = make_stages(config);
  measure(context, stages, config.rounds);

  std::uint64_t checksum = 0;
  for (const auto& s : stages) checksum += s.checksum;
  Report report{config, corpus, stages, checksum, rss_loaded, peak_rss_kb()};
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
