#include "report_command.hpp"

#include <climits>
#include <memory>

#include <fmt/core.h>
#include <tifa/error.hpp>
#include <tifa/lexicon.hpp>
#include <tifa/pipeline.hpp>
#include <tifa/version.hpp>

#include "arguments.hpp"
#include "exit_codes.hpp"
#include "ordered_runner.hpp"
#include "output_sink.hpp"
#include "pipeline_options.hpp"
#include "process_command.hpp"
#include "process_document.hpp"
#include "progress.hpp"
#include "report_html.hpp"
#include "report_view.hpp"

namespace tifa::cli {

namespace {

constexpr unsigned kMaxTop = 20;
constexpr unsigned kMaxKwic = 100;
constexpr unsigned kMaxWindow = 1000;  // as slogans --window

struct ReportArguments {
  ProcessSettings process;   // inputs, pipeline and lexicon options, --jobs, -o, --quiet
  ReportSettings report;
  std::vector<std::string> shown_options;  // for the reproducibility header: all but -o
};

// Handles the option at the cursor; false when it is not an option of report.
bool take_report_option(ArgumentCursor& args, ReportArguments& out, unsigned default_jobs) {
  std::string value;
  if (take_shared_option(args, out.process, default_jobs)) {
    // --input, the pipeline and lexicon options, --jobs, -o, --quiet, --help
  } else if (args.take_value("--top", value)) {
    out.report.top = parse_count("--top", value, 1, kMaxTop);
  } else if (args.take_value("--kwic", value)) {
    out.report.kwic_lines = parse_count("--kwic", value, 0, kMaxKwic);
  } else if (args.take_value("--seed", value)) {
    out.report.seed = parse_count("--seed", value, 0, UINT_MAX);
  } else if (args.take_value("--window", value)) {
    out.report.window = parse_count("--window", value, 0, kMaxWindow);
  } else {
    return false;
  }
  return true;
}

// The options as typed, without -o and its value (where the page goes does not change it) and
// without the INPUTs, which the header lists on their own.
std::vector<std::string> options_for_header(const std::vector<std::string>& arguments,
                                            const std::vector<std::string>& inputs) {
  std::vector<std::string> shown;
  std::size_t next_input = 0;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& arg = arguments[i];
    if (arg == "--") break;
    if (arg == "-o" || arg == "--output") {
      ++i;
    } else if (arg.starts_with("--output=") || (arg.starts_with("-o") && arg.size() > 2)) {
      // the value is attached
    } else if (next_input < inputs.size() && arg == inputs[next_input]) {
      ++next_input;
    } else {
      shown.push_back(arg);
    }
  }
  return shown;
}

// INPUTs and options as parse_process_arguments takes them: "-" and words are INPUTs, "--" ends
// the options.
ReportArguments parse_report_arguments(const std::vector<std::string>& arguments,
                                       unsigned default_jobs) {
  ReportArguments out;
  out.process.command = Command::kSlogans;
  out.process.jobs = default_jobs;
  ArgumentCursor args(arguments);
  bool options_ended = false;
  while (!args.done()) {
    const std::string& arg = args.current();
    if (options_ended || arg == "-" || arg.empty() || arg[0] != '-') {
      out.process.inputs.push_back(arg);
      args.advance();
    } else if (arg == "--") {
      options_ended = true;
      args.advance();
    } else if (!take_report_option(args, out, default_jobs)) {
      throw UsageError("unknown option '" + arg + "' for report");
    }
  }
  if (out.process.help) return out;
  if (out.process.output_path.empty()) {
    throw UsageError("report needs -o FILE (or -o - for standard output)");
  }
  out.shown_options = options_for_header(arguments, out.process.inputs);
  return out;
}

ReportDocument failed_document(const WorkItem& item, const std::string& failure) {
  ReportDocument out;
  out.failed = true;
  out.where = item.where;
  // Outcome::failure is "WHERE: message"; the page shows the two apart.
  const std::string prefix = item.where + ": ";
  out.message = failure.starts_with(prefix) ? failure.substr(prefix.size()) : failure;
  return out;
}

// A worker's job: the shared document runner (JSONL lines, ids, error handling) and this
// document's part of the report. Never throws.
ReportDocument report_item(const Pipeline& pipeline, const WorkItem& item, const JsonlFields& fields,
                           std::size_t window) {
  ReportDocument out;
  const Outcome outcome = document_outcome(pipeline, item, fields, [&](Document&& document) {
    out = report_document(document, window);
    return std::string();
  });
  return outcome.failed() ? failed_document(item, outcome.failure) : out;
}

ReportProvenance provenance_of(const ReportArguments& args, const Lexicon& lexicon) {
  ReportProvenance p;
  p.tool_version = kVersionString;
  p.lexicon_sha256 = lexicon.sha256();
  p.lexicon_entries = lexicon.size();
  p.lexicon_bytes = lexicon.serialize().size();
  p.options = args.shown_options;
  p.inputs = args.process.inputs;
  return p;
}

std::unique_ptr<OutputSink> open_output(const std::string& path) {
  return path == "-" ? std::make_unique<OutputSink>() : std::make_unique<OutputSink>(path);
}

struct RunTotals {
  std::size_t documents = 0;
  std::size_t failed = 0;
};

// Reads, processes (on `jobs` threads) and accumulates every document in input order.
RunTotals collect(const ReportArguments& args, const Pipeline& pipeline,
                  std::vector<InputFile> files, Progress& progress, ReportBuilder& builder) {
  const ProcessSettings& settings = args.process;
  DocumentReader reader(std::move(files), settings.mode, settings.options.max_input_bytes);
  RunTotals totals;
  OrderedRunner<WorkItem, ReportDocument> runner(
      settings.jobs, document_window(settings.jobs),
      [&](WorkItem& item) {
        reader.load(item);
        return report_item(pipeline, item, settings.fields, args.report.window);
      },
      work_item_bytes);
  runner.run([&](WorkItem& item) { return reader.next(item); },
             [&](ReportDocument&& document) {
               ++totals.documents;
               if (document.failed) {
                 ++totals.failed;
                 progress.message(document.where + ": " + document.message);
               }
               builder.add(std::move(document));
               progress.update(totals.documents, totals.failed);
               return true;
             });
  return totals;
}

}  // namespace

std::string report_help(unsigned default_jobs) {
  return fmt::format(
      R"(Usage: tifa report [OPTIONS] [INPUT...] -o report.html

Writes one self-contained HTML page about the documents: a reproducibility header
(tool version, lexicon SHA-256, options, inputs), a corpus summary (documents,
dates, outlets, formats, warnings, failed documents), a monthly timeline of the
top slogans (inline SVG), the top slogans of each lexicon category, the
discovered candidates (slogans not in the lexicon) and concordance (KWIC)
samples for the top slogans. The page loads nothing from outside: no scripts,
fonts or links; it opens offline in any browser.

INPUT is a file, a directory (every regular file below it, recursively, sorted by
path) or - for standard input. Without INPUT, standard input is read.

Report:
  -o, --output FILE      where the page goes (required); - for standard output
  --top N                slogans in the timeline and KWIC samples (default: 8,
                         at most {1}); ranked by documents mentioning them, then
                         mentions
  --kwic N               concordance lines per slogan (default: 3, at most {2}),
                         a seeded uniform sample of its mentions
  --seed S               seed of the sample (default: 1, as tifa kwic): the same
                         seed, inputs and options give the same page
  --window N             code points of context on each side of a KWIC line,
                         clipped to the sentence (default: 20)

Input:
  --input files|jsonl    files: each file is one document (default);
                         jsonl: each line of each file is a JSON object holding one
                         document; blank lines are skipped
  --text-field NAME      JSONL field with the document text (default: text)
  --id-field NAME        JSONL field with the document id (default: id)
  --date-field NAME      JSONL field with the publication date (default: date)

{3}
Processing:
  -j, --jobs N           documents processed in parallel; 0 means all cores
                         (default: all cores, here {0})
  -q, --quiet            no progress line (it is shown only when standard error
                         is a terminal)
  -h, --help             show this help

Documents that cannot be processed are reported on standard error and listed in
the page's summary; the page is still written.

Exit status:
  0   every document was processed
  1   some documents failed (the page lists them)
  64  usage error (unknown option, bad value, no -o)
  65  every document failed (there was at least one)
  66  an INPUT or a --lexicon file is missing or unreadable
  74  the page could not be written
)",
      default_jobs, kMaxTop, kMaxKwic, pipeline_options_help());
}

int run_report(const std::vector<std::string>& arguments) {
  const unsigned default_jobs = all_cores();
  const ReportArguments args = parse_report_arguments(arguments, default_jobs);
  if (args.process.help) {
    fmt::print("{}", report_help(default_jobs));
    return kExitOk;
  }

  Progress progress(!args.process.quiet);
  LoadedLexicon lexicon = load_lexicon(args.process, progress);
  if (lexicon.status != kExitOk) return lexicon.status;
  const ReportProvenance provenance = provenance_of(args, lexicon.lexicon);
  std::unique_ptr<Pipeline> pipeline;
  try {
    pipeline = std::make_unique<Pipeline>(args.process.options, std::move(lexicon.lexicon));
  } catch (const Error& error) {
    throw UsageError(error.what());
  }

  ResolvedInputs inputs = resolve_inputs(args.process.inputs);
  if (!inputs.problems.empty()) {
    for (const auto& problem : inputs.problems) progress.message(problem);
    return kExitNoInput;
  }
  // Opened before the run, so that an unwritable path fails at once, not after hours.
  const std::unique_ptr<OutputSink> sink = open_output(args.process.output_path);
  if (!sink->ok()) {
    progress.message(sink->error());
    return kExitIoError;
  }

  ReportBuilder builder(args.report);
  const RunTotals totals = collect(args, *pipeline, std::move(inputs.files), progress, builder);
  progress.finish();

  std::string html = render_report_html(builder.view(provenance));
  if (!html.empty() && html.back() == '\n') html.pop_back();  // write_line adds it back
  if (!sink->write_line(std::move(html)) || !sink->finish()) {
    progress.message(sink->error());
    return kExitIoError;
  }
  return exit_status(totals.documents, totals.failed);
}

}  // namespace tifa::cli
