#include "corpus_commands.hpp"

#include <charconv>
#include <memory>

#include <fmt/core.h>
#include <tifa/error.hpp>
#include <tifa/json.hpp>
#include <tifa/pipeline.hpp>
#include <tifa/version.hpp>

#include "arguments.hpp"
#include "exit_codes.hpp"
#include "ordered_runner.hpp"
#include "output_sink.hpp"
#include "pipeline_options.hpp"
#include "process_document.hpp"
#include "progress.hpp"

namespace tifa::cli {

namespace {

std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end) {
    throw UsageError("option --seed needs a whole number from 0 to 2^64-1, not '" + text + "'");
  }
  return value;
}

// --by month|week|day|quarter|year|all|outlet, repeatable or comma-separated.
void take_by(const std::string& value, CorpusSettings& settings, bool& period_given) {
  std::size_t begin = 0;
  while (begin <= value.size()) {
    const std::size_t comma = std::min(value.find(',', begin), value.size());
    const std::string item = value.substr(begin, comma - begin);
    if (item == "outlet") {
      settings.counts.by_outlet = true;
    } else if (const auto period = parse_period(item)) {
      settings.counts.period = *period;
      period_given = true;
    } else {
      throw UsageError("--by takes day, week, month, quarter, year, all or outlet, not '" + item + "'");
    }
    begin = comma + 1;
  }
}

bool take_counts_option(ArgumentCursor& args, CorpusSettings& settings, bool& period_given) {
  std::string value;
  if (args.take_value("--by", value)) {
    take_by(value, settings, period_given);
  } else if (args.take_flag("--no-totals")) {
    settings.totals = false;
  } else if (args.take_flag("--lexicon-only")) {
    settings.counts.include_discovered = false;
  } else if (args.take_value("--cooccurrence", value)) {
    settings.cooccurrence = parse_cooccurrence_level(value);
    if (!settings.cooccurrence) {
      throw UsageError("--cooccurrence takes doc or sentence, not '" + value + "'");
    }
  } else if (args.take_value("--min-both", value)) {
    settings.min_both = parse_count("--min-both", value, 1, 1u << 30);
  } else {
    return false;
  }
  return true;
}

bool take_kwic_option(ArgumentCursor& args, CorpusSettings& settings) {
  std::string value;
  if (args.take_value("--window", value)) {
    settings.window = parse_count("--window", value, 0, 1000);
  } else if (args.take_flag("--no-clip")) {
    settings.clip = false;
  } else if (args.take_value("--sample", value)) {
    settings.sample = parse_count("--sample", value, 1, 1u << 30);
  } else if (args.take_value("--seed", value)) {
    settings.seed = parse_seed(value);
  } else {
    return false;
  }
  return true;
}

bool take_discover_option(ArgumentCursor& args, CorpusSettings& settings) {
  std::string value;
  if (args.take_value("--min-docs", value)) {
    settings.min_docs = parse_count("--min-docs", value, 1, 1u << 30);
  } else if (args.take_value("--limit", value)) {
    settings.limit = parse_count("--limit", value, 0, 1u << 30);
  } else {
    return false;
  }
  return true;
}

bool take_option(ArgumentCursor& args, CorpusSettings& settings, unsigned default_jobs,
                 bool& period_given) {
  std::string value;
  if (take_shared_option(args, settings.common, default_jobs)) return true;
  if (args.take_value("--output-format", value)) {
    const auto format = parse_table_format(value);
    if (!format) throw UsageError("--output-format must be tsv, csv or jsonl, not '" + value + "'");
    settings.format = *format;
    return true;
  }
  if (args.take_flag("--csv-bom")) {
    settings.csv_bom = true;
    return true;
  }
  if (args.take_value("--manifest", value)) {
    if (value.empty()) throw UsageError("option --manifest needs a non-empty value");
    settings.manifest_path = value;
    return true;
  }
  switch (settings.command) {
    case CorpusCommand::kCounts: return take_counts_option(args, settings, period_given);
    case CorpusCommand::kKwic: return take_kwic_option(args, settings);
    case CorpusCommand::kDiscover: return take_discover_option(args, settings);
  }
  return false;
}

}  // namespace

const char* corpus_command_name(CorpusCommand command) {
  switch (command) {
    case CorpusCommand::kKwic: return "kwic";
    case CorpusCommand::kDiscover: return "discover";
    case CorpusCommand::kCounts: break;
  }
  return "counts";
}

CorpusSettings parse_corpus_arguments(const std::vector<std::string>& arguments,
                                      unsigned default_jobs, CorpusCommand command) {
  CorpusSettings settings;
  settings.command = command;
  settings.common.jobs = default_jobs;
  // discover looks for candidates: low-confidence discoveries are what a reviewer wants to see.
  if (command == CorpusCommand::kDiscover) settings.common.options.min_confidence = Confidence::kLow;
  bool period_given = false;
  bool slogan_given = command != CorpusCommand::kKwic;
  ArgumentCursor args(arguments);
  bool options_ended = false;
  while (!args.done()) {
    const std::string& arg = args.current();
    if (options_ended || arg == "-" || arg.empty() || arg[0] != '-') {
      if (!slogan_given) {
        settings.slogan = arg;
        slogan_given = true;
      } else {
        settings.common.inputs.push_back(arg);
      }
      args.advance();
    } else if (arg == "--") {
      options_ended = true;
      args.advance();
    } else if (!take_option(args, settings, default_jobs, period_given)) {
      throw UsageError("unknown option '" + arg + "' for " + corpus_command_name(command));
    }
  }
  // --by outlet alone: one period for the whole corpus.
  if (settings.counts.by_outlet && !period_given) settings.counts.period = Period::kAll;
  if (!slogan_given && !settings.common.help) throw UsageError("kwic needs a SLOGAN");
  if (slogan_given && command == CorpusCommand::kKwic && settings.slogan.empty()) {
    throw UsageError("the SLOGAN of kwic must not be empty");
  }
  return settings;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Help

constexpr std::string_view kCountsIntro =
    R"(Usage: tifa counts [OPTIONS] [INPUT...]

Counts slogan mentions over the corpus in a long table, one row per period x
outlet x slogan, with denominators: n_mentions, n_docs_with (documents that
mention it), n_docs and n_chars (documents and non-space characters of the period
x outlet), per_10k_chars (n_mentions x 10000 / n_chars). Periods are on the
Beijing calendar date of publication; documents without a date count in the
period "undated". A row with origin "total" and no slogan gives each period x
outlet's n_docs, n_chars and n_mentions, also where no slogan occurs.

Columns: period outlet slogan_id canonical category origin n_mentions
n_docs_with n_docs n_chars per_10k_chars
)";

constexpr std::string_view kCountsOptions =
    R"(  --by PERIOD|outlet     day, week (ISO 8601, "2022-W01"), month (default),
                         quarter, year or all; outlet: one row set per outlet
                         (source outlet, else publisher, else "unknown"). Repeat
                         or join with commas: --by month,outlet. --by outlet
                         alone means --by all,outlet
  --no-totals            leave out the total rows
  --lexicon-only         count lexicon slogans only, not discovered ones
  --cooccurrence doc|sentence
                         instead of the counts: pairs of slogans in the same
                         document or sentence: a_id a b_id b n_both n_a n_b
                         n_units jaccard pmi (pmi = log2(n_both n_units / n_a n_b))
  --min-both N           pairs seen together at least N times (default: 1)
)";

constexpr std::string_view kKwicIntro =
    R"(Usage: tifa kwic [OPTIONS] SLOGAN [INPUT...]

Concordance lines of one slogan: every mention whose canonical, slogan id or
surface equals SLOGAN, with the text before and after it, in input order.

Columns: id date outlet slogan_id canonical char_start char_end left match right
(char_* are code point offsets into the document's clean text)
)";

constexpr std::string_view kKwicOptions =
    R"(  --window N             code points of context on each side (default: 20)
  --no-clip              let the context run past the mention's sentence
  --sample N             N lines drawn at random (uniformly, reservoir sampling),
                         written in input order, for hand validation
  --seed S               the random seed of --sample (default: 1); the same seed
                         and input give the same sample
)";

constexpr std::string_view kDiscoverIntro =
    R"(Usage: tifa discover [OPTIONS] [INPUT...]

Candidate slogans that no lexicon has (discovered mentions: numbered formulae,
quoted terms, parallel sets, named campaigns), ranked by the number of documents,
then the number of distinct months, then mentions. The default --min-confidence
of this command is low.

TSV output is a lexicon file (docs/lexicon.md): a header
canonical variants category members english first_year, then for each candidate
comment lines with its counts, dates and up to three example sentences and its
row. Review it, fill in category and english, delete what is not a slogan, and
load it with --lexicon. CSV and JSONL give one row per candidate with the
columns canonical variants n_docs n_mentions n_months first_date last_date kind
rule confidence example_1 example_2 example_3.
)";

constexpr std::string_view kDiscoverOptions =
    R"(  --min-docs N           candidates in at least N documents (default: 1)
  --limit N              the N best candidates only (default: 0, all)
)";

}  // namespace

std::string corpus_help(unsigned default_jobs, CorpusCommand command) {
  const std::string_view intro = command == CorpusCommand::kCounts  ? kCountsIntro
                                 : command == CorpusCommand::kKwic ? kKwicIntro
                                                                   : kDiscoverIntro;
  const std::string_view own = command == CorpusCommand::kCounts  ? kCountsOptions
                               : command == CorpusCommand::kKwic ? kKwicOptions
                                                                 : kDiscoverOptions;
  return fmt::format(
      R"({0}
INPUT is a file, a directory (every regular file below it, recursively, sorted by
path) or - for standard input. Without INPUT, standard input is read.

Input:
  --input files|jsonl    files: each file is one document (default);
                         jsonl: each line of each file is a JSON object
  --text-field NAME      JSONL field with the document text (default: text)
  --id-field NAME        JSONL field with the document id (default: id)
  --date-field NAME      JSONL field with the publication date (default: date)

{1}
{2}:
{3}
Processing:
  -j, --jobs N           documents processed in parallel; 0 means all cores
                         (default: all cores, here {4}); the output does not
                         depend on N

Output:
  --output-format tsv|csv|jsonl
                         the table format (default: tsv)
  --csv-bom              start TSV and CSV output with a UTF-8 BOM (spreadsheets)
  --manifest FILE        write the reproducibility header as JSON to FILE: tool
                         version, lexicon SHA-256 and size, arguments, inputs,
                         documents processed, skipped and failed, rows written
  -o, --output FILE      write to FILE instead of standard output
  -q, --quiet            no progress line (shown only when standard error is a
                         terminal)
  -h, --help             show this help

A document that cannot be processed is reported on standard error as
"tifa: WHERE: message", listed in the manifest and, with --output-format jsonl,
written as {{"id": ..., "error": {{"code": ..., "message": ...}}}}; the run goes on
and the tables hold the other documents.

Exit status: 0 success; 1 some documents failed; 64 usage error; 65 every
document failed; 66 an INPUT is missing or unreadable; 74 the output or the
manifest could not be written.
)",
      intro, pipeline_options_help(),
      command == CorpusCommand::kCounts ? "Counts" : command == CorpusCommand::kKwic ? "Concordance" : "Discovery",
      own, default_jobs);
}

namespace {

// ---------------------------------------------------------------------------------------------
// Running

// What a worker hands back for one document.
struct DocumentResult {
  std::string id;
  Outcome outcome;  // the error record and message when the document failed
  std::optional<DocumentSummary> summary;
  std::vector<KwicLine> lines;
};

// Everything the consuming thread accumulates, in input order.
struct Accumulators {
  explicit Accumulators(const CorpusSettings& settings)
      : counts(settings.counts),
        cooccurrence(settings.cooccurrence.value_or(CooccurrenceLevel::kDocument),
                     settings.counts.include_discovered),
        sample(settings.sample.value_or(0), settings.seed) {}

  CorpusSummary summary;
  CorpusCounts counts;
  Cooccurrence cooccurrence;
  DiscoveryRanking discovery;
  KwicSample sample;
  std::size_t documents = 0;
};

std::vector<std::string> kwic_columns() {
  return {"id", "date", "outlet", "slogan_id", "canonical", "char_start", "char_end",
          "left", "match", "right"};
}

bool write_kwic_line(TableWriter& table, const KwicLine& line) {
  return table.row({line.doc_id, line.local_date, line.outlet, line.slogan_id, line.canonical,
                    line.char_start, line.char_end, line.left, line.match, line.right});
}

std::vector<std::string> counts_columns() {
  return {"period", "outlet", "slogan_id", "canonical", "category", "origin", "n_mentions",
          "n_docs_with", "n_docs", "n_chars", "per_10k_chars"};
}

bool write_counts(TableWriter& table, const CorpusCounts& counts, bool totals) {
  const std::vector<CountTotal> cells = counts.totals();
  const std::vector<CountRow> rows = counts.rows();
  std::size_t next_row = 0;
  for (const CountTotal& cell : cells) {
    if (totals) {
      const double rate = cell.n_chars == 0 ? 0.0
                                            : static_cast<double>(cell.n_mentions) * 10000.0 /
                                                  static_cast<double>(cell.n_chars);
      if (!table.row({cell.period, cell.outlet, "", "", "", "total", cell.n_mentions, cell.n_docs,
                      cell.n_docs, cell.n_chars, TableValue::decimal(rate)})) {
        return false;
      }
    }
    // rows() and totals() share their order, so the rows of this cell come next.
    for (; next_row < rows.size() && rows[next_row].period == cell.period &&
           rows[next_row].outlet == cell.outlet;
         ++next_row) {
      const CountRow& row = rows[next_row];
      if (!table.row({row.period, row.outlet, row.slogan_id, row.canonical, row.category,
                      row.in_lexicon ? "lexicon" : "discovered", row.n_mentions, row.n_docs_with,
                      row.n_docs, row.n_chars, TableValue::decimal(row.per_10k_chars)})) {
        return false;
      }
    }
  }
  return true;
}

std::vector<std::string> cooccurrence_columns() {
  return {"a_id", "a", "b_id", "b", "n_both", "n_a", "n_b", "n_units", "jaccard", "pmi"};
}

bool write_cooccurrence(TableWriter& table, const Cooccurrence& cooccurrence, std::size_t min_both) {
  for (const CooccurrencePair& pair : cooccurrence.pairs(min_both)) {
    if (!table.row({pair.a_id, pair.a_canonical, pair.b_id, pair.b_canonical, pair.n_both,
                    pair.n_a, pair.n_b, pair.n_units, TableValue::decimal(pair.jaccard),
                    TableValue::decimal(pair.pmi)})) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> discover_columns() {
  return {"canonical", "variants", "n_docs", "n_mentions", "n_months", "first_date", "last_date",
          "kind", "rule", "confidence", "example_1", "example_2", "example_3"};
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::vector<DiscoveryCandidate> selected_candidates(const DiscoveryRanking& ranking,
                                                    const CorpusSettings& settings) {
  std::vector<DiscoveryCandidate> candidates = ranking.ranked(settings.min_docs);
  if (settings.limit > 0 && candidates.size() > settings.limit) candidates.resize(settings.limit);
  return candidates;
}

bool write_discover_table(TableWriter& table, const std::vector<DiscoveryCandidate>& candidates) {
  for (const DiscoveryCandidate& candidate : candidates) {
    std::vector<TableValue> values{candidate.canonical,  joined(candidate.surfaces, ","),
                                   candidate.n_docs,     candidate.n_mentions,
                                   candidate.n_months,   candidate.first_date,
                                   candidate.last_date,  to_string(candidate.kind),
                                   candidate.rule,       to_string(candidate.confidence)};
    for (std::size_t i = 0; i < DiscoveryRanking::kMaxExamples; ++i) {
      values.emplace_back(i < candidate.examples.size() ? candidate.examples[i] : std::string());
    }
    if (!table.row(values)) return false;
  }
  return true;
}

}  // namespace

// The lexicon TSV of discover (discover_lexicon.cpp).
std::string discover_lexicon_tsv(const std::vector<DiscoveryCandidate>& candidates,
                                 const std::string& provenance);

namespace {

std::string manifest_json(const std::vector<std::string>& arguments, const CorpusSettings& settings,
                          const Pipeline& pipeline, const std::vector<std::string>& inputs,
                          const Accumulators& acc, std::size_t rows);

bool write_manifest(const std::string& path, const std::string& json, Progress& progress) {
  OutputSink file(path);
  if (!file.ok() || !file.write_line(json) || !file.finish()) {
    progress.message(file.error());
    return false;
  }
  return true;
}

std::string provenance_comment(const Pipeline& pipeline) {
  return fmt::format("# tifa {} discover; lexicon sha256 {} ({} entries)", kVersionString,
                     pipeline.lexicon().sha256(), pipeline.lexicon().size());
}

}  // namespace

int run_corpus(const std::vector<std::string>& arguments, CorpusCommand command) {
  const unsigned default_jobs = all_cores();
  const CorpusSettings settings = parse_corpus_arguments(arguments, default_jobs, command);
  const ProcessSettings& common = settings.common;
  if (common.help) {
    fmt::print("{}", corpus_help(default_jobs, command));
    return kExitOk;
  }

  Progress progress(!common.quiet);
  LoadedLexicon lexicon = load_lexicon(common, progress);
  if (lexicon.status != kExitOk) return lexicon.status;
  std::unique_ptr<Pipeline> pipeline;
  try {
    pipeline = std::make_unique<Pipeline>(common.options, std::move(lexicon.lexicon));
  } catch (const Error& error) {
    throw UsageError(error.what());
  }

  ResolvedInputs inputs = resolve_inputs(common.inputs);
  if (!inputs.problems.empty()) {
    for (const auto& problem : inputs.problems) progress.message(problem);
    return kExitNoInput;
  }
  auto sink = common.output_path.empty() ? std::make_unique<OutputSink>()
                                         : std::make_unique<OutputSink>(common.output_path);
  if (!sink->ok()) {
    progress.message(sink->error());
    return kExitIoError;
  }

  std::vector<std::string> columns = command == CorpusCommand::kKwic ? kwic_columns()
                                     : command == CorpusCommand::kDiscover ? discover_columns()
                                     : settings.cooccurrence ? cooccurrence_columns()
                                                             : counts_columns();
  TableWriter table(*sink, settings.format, std::move(columns), settings.csv_bom);
  const bool jsonl = settings.format == TableFormat::kJsonl;
  const bool streaming_kwic = command == CorpusCommand::kKwic && !settings.sample;
  // Streaming output starts with the header; tables written at the end start there.
  bool written = !streaming_kwic || table.begin();

  Accumulators acc(settings);
  std::size_t failed = 0;
  const std::vector<std::string> input_paths = [&] {
    std::vector<std::string> paths;
    for (const InputFile& file : inputs.files) paths.push_back(display_path(file));
    return paths;
  }();
  DocumentReader reader(std::move(inputs.files), common.mode, common.options.max_input_bytes);
  {
    OrderedRunner<WorkItem, DocumentResult> runner(
        common.jobs, document_window(common.jobs),
        [&](WorkItem& item) {
          reader.load(item);
          DocumentResult result;
          result.id = item.id;
          result.outcome = document_outcome(*pipeline, item, common.fields, [&](Document&& doc) {
            result.id = doc.source.id;
            result.summary = summarize(doc);
            if (command == CorpusCommand::kKwic) {
              result.lines = kwic(doc, settings.slogan, settings.window, settings.clip);
            }
            return std::string();
          });
          if (result.outcome.failed()) result.summary.reset();
          return result;
        },
        work_item_bytes);
    runner.run([&](WorkItem& item) { return reader.next(item); },
               [&](DocumentResult&& result) {
                 ++acc.documents;
                 if (result.outcome.failed()) {
                   ++failed;
                   progress.message(result.outcome.failure);
                   acc.summary.add_failure(result.id, result.outcome.failure);
                   if (jsonl) written = written && table.raw_line(result.outcome.record);
                 } else if (result.summary) {
                   const DocumentSummary& summary = *result.summary;
                   acc.summary.add(summary);
                   if (command == CorpusCommand::kCounts) {
                     acc.counts.add(summary);
                     if (settings.cooccurrence) acc.cooccurrence.add(summary);
                   } else if (command == CorpusCommand::kDiscover) {
                     acc.discovery.add(summary);
                   }
                   for (KwicLine& line : result.lines) {
                     if (settings.sample) {
                       acc.sample.add(std::move(line));
                     } else {
                       written = written && write_kwic_line(table, line);
                     }
                   }
                 }
                 progress.update(acc.documents, failed);
                 return written;
               });
  }
  progress.finish();

  if (written) {
    switch (command) {
      case CorpusCommand::kCounts:
        written = settings.cooccurrence
                      ? table.begin() && write_cooccurrence(table, acc.cooccurrence, settings.min_both)
                      : table.begin() && write_counts(table, acc.counts, settings.totals);
        break;
      case CorpusCommand::kKwic:
        if (settings.sample) {
          written = table.begin();
          for (const KwicLine& line : acc.sample.lines()) {
            written = written && write_kwic_line(table, line);
          }
        }
        break;
      case CorpusCommand::kDiscover: {
        const std::vector<DiscoveryCandidate> candidates = selected_candidates(acc.discovery, settings);
        if (settings.format == TableFormat::kTsv) {
          const std::string bom = settings.csv_bom ? "\xEF\xBB\xBF" : "";
          const std::string text = discover_lexicon_tsv(candidates, provenance_comment(*pipeline));
          written = sink->write_line(bom + text.substr(0, text.empty() ? 0 : text.size() - 1));
        } else {
          written = table.begin() && write_discover_table(table, candidates);
        }
        break;
      }
    }
  }
  if (!written || !sink->finish()) {
    progress.message(sink->error());
    return kExitIoError;
  }
  if (!settings.manifest_path.empty()) {
    const std::string json =
        manifest_json(arguments, settings, *pipeline, input_paths, acc, table.rows());
    if (!write_manifest(settings.manifest_path, json, progress)) return kExitIoError;
  }
  return exit_status(acc.documents, failed);
}

namespace {

void append_key(std::string& out, std::string_view key) {
  append_json_string(out, key);
  out += ':';
}

void append_string_array(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

std::string options_json(const CorpusSettings& settings, const Pipeline& pipeline) {
  std::string out = "{";
  append_key(out, "output_format");
  append_json_string(out, to_string(settings.format));
  out += ",";
  append_key(out, "min_confidence");
  append_json_string(out, to_string(pipeline.options().min_confidence));
  out += fmt::format(",\"discovery\":{},\"jobs\":{}", pipeline.options().discovery,
                     settings.common.jobs);
  switch (settings.command) {
    case CorpusCommand::kCounts:
      out += ",\"by\":";
      append_json_string(out, to_string(settings.counts.period));
      out += fmt::format(",\"by_outlet\":{},\"totals\":{},\"include_discovered\":{}",
                         settings.counts.by_outlet, settings.totals,
                         settings.counts.include_discovered);
      out += ",\"cooccurrence\":";
      if (settings.cooccurrence) {
        append_json_string(out, to_string(*settings.cooccurrence));
      } else {
        out += "null";
      }
      break;
    case CorpusCommand::kKwic:
      out += ",\"slogan\":";
      append_json_string(out, settings.slogan);
      out += fmt::format(",\"window\":{},\"clip\":{}", settings.window, settings.clip);
      if (settings.sample) {
        out += fmt::format(",\"sample\":{},\"seed\":{}", *settings.sample, settings.seed);
      }
      break;
    case CorpusCommand::kDiscover:
      out += fmt::format(",\"min_docs\":{},\"limit\":{}", settings.min_docs, settings.limit);
      break;
  }
  out += '}';
  return out;
}

std::string manifest_json(const std::vector<std::string>& arguments, const CorpusSettings& settings,
                          const Pipeline& pipeline, const std::vector<std::string>& inputs,
                          const Accumulators& acc, std::size_t rows) {
  std::string out = "{\"tool\":\"tifa\",";
  append_key(out, "version");
  append_json_string(out, kVersionString);
  out += ",";
  append_key(out, "command");
  append_json_string(out, corpus_command_name(settings.command));
  out += ",";
  append_key(out, "arguments");
  append_string_array(out, arguments);
  out += ",\"options\":" + options_json(settings, pipeline);
  out += ",\"lexicon\":{";
  append_key(out, "sha256");
  append_json_string(out, pipeline.lexicon().sha256());
  out += fmt::format(",\"entries\":{},\"builtin\":{},\"files\":", pipeline.lexicon().size(),
                     !settings.common.no_builtin_lexicon);
  append_string_array(out, settings.common.lexicons);
  out += "},\"inputs\":";
  append_string_array(out, inputs);
  const CorpusSummary& summary = acc.summary;
  // "skipped": documents read but left out of the tables. Every readable document is counted
  // (undated ones in their own period), so it is 0; the key is kept for a stable layout.
  out += fmt::format(
      ",\"documents\":{{\"read\":{},\"processed\":{},\"skipped\":0,\"failed\":{},\"dated\":{},"
      "\"undated\":{},\"n_chars\":{},\"n_mentions\":{}}}",
      acc.documents, summary.n_documents(), summary.n_failed(), summary.n_dated(),
      summary.n_undated(), summary.n_chars(), summary.n_mentions());
  out += ",\"first_date\":";
  append_json_string(out, summary.first_date());
  out += ",\"last_date\":";
  append_json_string(out, summary.last_date());
  out += ",\"failures\":[";
  for (std::size_t i = 0; i < summary.failures().size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"id\":";
    append_json_string(out, summary.failures()[i].id);
    out += ",\"message\":";
    append_json_string(out, summary.failures()[i].message);
    out += '}';
  }
  out += "],\"output\":{\"path\":";
  append_json_string(out, settings.common.output_path.empty() ? "-" : settings.common.output_path);
  out += fmt::format(",\"format\":\"{}\",\"rows\":{}}}}}", to_string(settings.format), rows);
  return out;
}

}  // namespace

}  // namespace tifa::cli
