#include "process_command.hpp"

#include <functional>
#include <future>
#include <memory>
#include <thread>

#include <fmt/core.h>
#include <tifa/error.hpp>
#include <tifa/lexicon.hpp>
#include <tifa/pipeline.hpp>
#include <tifa/sentences.hpp>

#include "arguments.hpp"
#include "exit_codes.hpp"
#include "ordered_runner.hpp"
#include "output_sink.hpp"
#include "pipeline_options.hpp"
#include "process_document.hpp"
#include "progress.hpp"

namespace tifa::cli {

namespace {

constexpr unsigned kMaxJobs = 1024;

InputMode parse_input_mode(const std::string& value) {
  if (value == "files") return InputMode::kFiles;
  if (value == "jsonl") return InputMode::kJsonl;
  throw UsageError("--input must be 'files' or 'jsonl', not '" + value + "'");
}

void check_output_format(const std::string& value, Command command) {
  if (value == "jsonl") return;
  const std::string name = command_name(command);
  if (value == "csv" || value == "tsv") {
    throw UsageError(name + " writes jsonl only; --output-format " + value +
                     " is for table commands");
  }
  throw UsageError("--output-format must be jsonl for " + name + ", not '" + value + "'");
}

std::string non_empty(const std::string& option, const std::string& value) {
  if (value.empty()) throw UsageError("option " + option + " needs a non-empty value");
  return value;
}

}  // namespace

bool take_shared_option(ArgumentCursor& args, ProcessSettings& settings, unsigned default_jobs) {
  std::string value;
  if (args.take_flag("--help") || args.take_flag("-h")) {
    settings.help = true;
  } else if (args.take_value("--input", value)) {
    settings.mode = parse_input_mode(value);
  } else if (args.take_value("--text-field", value)) {
    settings.fields.text = non_empty("--text-field", value);
  } else if (args.take_value("--id-field", value)) {
    settings.fields.id = non_empty("--id-field", value);
  } else if (args.take_value("--date-field", value)) {
    settings.fields.date = non_empty("--date-field", value);
  } else if (take_pipeline_option(args, settings.options)) {
    // --format, --encoding, the cleaning options, --verify, ...
  } else if (args.take_value("--lexicon", value)) {
    settings.lexicons.push_back(non_empty("--lexicon", value));
  } else if (args.take_flag("--no-builtin-lexicon")) {
    settings.no_builtin_lexicon = true;
  } else if (args.take_value("--jobs", value) || args.take_value("-j", value)) {
    const unsigned jobs = parse_count("--jobs", value, 0, kMaxJobs);
    settings.jobs = jobs == 0 ? default_jobs : jobs;
  } else if (args.take_value("--output", value) || args.take_value("-o", value)) {
    settings.output_path = non_empty("-o", value);
  } else if (args.take_flag("--quiet") || args.take_flag("-q")) {
    settings.quiet = true;
  } else {
    return false;
  }
  return true;
}

namespace {

// Handles the option at the cursor; false when it is not an option of the command.
bool take_option(ArgumentCursor& args, ProcessSettings& settings, unsigned default_jobs) {
  std::string value;
  if (take_shared_option(args, settings, default_jobs)) {
    // --input, the pipeline and lexicon options, --jobs, -o, ...
  } else if (settings.command == Command::kProcess && args.take_flag("--edits")) {
    settings.json.edits = true;
  } else if (settings.command != Command::kProcess && args.take_flag("--no-clean")) {
    settings.no_clean = true;
  } else if (settings.command == Command::kSlogans && args.take_flag("--per-mention")) {
    settings.per_mention = true;
  } else if (settings.command == Command::kSlogans && args.take_value("--window", value)) {
    settings.window = parse_count("--window", value, 0, 1000);
  } else if (args.take_value("--output-format", value)) {
    check_output_format(value, settings.command);
  } else {
    return false;
  }
  return true;
}

}  // namespace

unsigned all_cores() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

LoadedLexicon load_lexicon(const ProcessSettings& settings, Progress& progress) {
  LoadedLexicon out;
  if (!settings.no_builtin_lexicon) out.lexicon = Lexicon::builtin();
  for (const std::string& path : settings.lexicons) {
    try {
      const Lexicon layer = Lexicon::from_file(path);
      for (const LexiconDiagnostic& warning : layer.warnings()) progress.message(warning.to_string());
      out.lexicon = Lexicon::merged(out.lexicon, layer);
    } catch (const LexiconError& error) {
      for (const LexiconDiagnostic& diagnostic : error.diagnostics()) progress.message(diagnostic.to_string());
      if (error.diagnostics().empty()) progress.message(path + ": " + error.what());
      out.status = error.code() == ErrorCode::kIo ? kExitNoInput : kExitDataError;
      return out;
    }
  }
  return out;
}

int exit_status(std::size_t documents, std::size_t failed) {
  if (failed == 0) return kExitOk;
  return failed == documents ? kExitDataError : kExitSomeFailed;
}

const char* command_name(Command command) {
  switch (command) {
    case Command::kSentences: return "sentences";
    case Command::kSlogans: return "slogans";
    case Command::kProcess: break;
  }
  return "process";
}

ProcessSettings parse_process_arguments(const std::vector<std::string>& arguments,
                                        unsigned default_jobs, Command command) {
  ProcessSettings settings;
  settings.command = command;
  settings.jobs = default_jobs;
  ArgumentCursor args(arguments);
  bool options_ended = false;
  while (!args.done()) {
    const std::string& arg = args.current();
    if (options_ended || arg == "-" || arg.empty() || arg[0] != '-') {
      settings.inputs.push_back(arg);
      args.advance();
    } else if (arg == "--") {
      options_ended = true;
      args.advance();
    } else if (!take_option(args, settings, default_jobs)) {
      throw UsageError("unknown option '" + arg + "' for " + command_name(command));
    }
  }
  return settings;
}

namespace {

constexpr std::string_view kProcessIntro =
    R"(Usage: tifa process [OPTIONS] [INPUT...]

Runs the whole pipeline (decode, read, clean, split) on every document and writes
one JSON object per document and line (JSONL) in input order.
)";

constexpr std::string_view kSentencesIntro =
    R"(Usage: tifa sentences [OPTIONS] [INPUT...]

Splits every document into sentences and writes one JSON object per document and
line (JSONL) in input order:
  {"id": ..., "sentences": [{"start", "end", "char_start", "char_end", "text"}, ...]}
start/end are UTF-8 byte offsets and char_start/char_end code point offsets into
the document's clean text (the "text" of tifa process), or with --no-clean into
the input text as given. --split-on-semicolon and --page-marker change the split.
)";

constexpr std::string_view kSlogansIntro =
    R"(Usage: tifa slogans [OPTIONS] [INPUT...]

Recognises policy slogans in every document and writes one JSON object per
document and line (JSONL) in input order:
  {"id": ..., "mentions": [...], "counts": {...}}
with the mentions and counts of tifa process. With --per-mention, one line per
mention instead, with its document id and the text around it ("left", "right").
Offsets refer to the document's clean text, or with --no-clean to the input text
as given.
)";

constexpr std::string_view kSlogansOutput =
    R"(  --output-format jsonl  the only output format of slogans
  --no-clean             do not clean: recognise in the input text exactly as given
                         (files: decoded with --encoding; JSONL: the text field)
  --per-mention          one line per mention, with "left" and "right" context
  --window N             code points of context on each side (default: 20)
)";

constexpr std::string_view kProcessOutput =
    R"(  --output-format jsonl  the only output format of process
  --edits                include each block's normalisation edits
)";

constexpr std::string_view kSentencesOutput =
    R"(  --output-format jsonl  the only output format of sentences
  --no-clean             do not run the pipeline: split the input text exactly as
                         given (files: decoded with --encoding, line endings
                         made LF; JSONL: the text field); offsets refer to it
)";

}  // namespace

std::string process_help(unsigned default_jobs, Command command) {
  const bool sentences = command == Command::kSentences;
  const bool slogans = command == Command::kSlogans;
  return fmt::format(
      R"({2}
INPUT is a file, a directory (every regular file below it, recursively, sorted by
path) or - for standard input. Without INPUT, standard input is read.

Input:
  --input files|jsonl    files: each file is one document (default);
                         jsonl: each line of each file is a JSON object holding one
                         document; blank lines are skipped
  --text-field NAME      JSONL field with the document text (default: text)
  --id-field NAME        JSONL field with the document id (default: id)
  --date-field NAME      JSONL field with the publication date (default: date)

{1}
Processing:
  -j, --jobs N           documents processed in parallel; 0 means all cores
                         (default: all cores, here {0})

Output:
  -o, --output FILE      write to FILE instead of standard output
{3}  -q, --quiet            no progress line (it is shown only when standard error
                         is a terminal)
  -h, --help             show this help

Document ids: the path of each file as opened (a directory argument joined with
the file's path below it), - for standard input; in JSONL the id field (a string
or a number), else "line N".

A document that cannot be processed is reported on standard error as
"tifa: WHERE: message" and written as
{{"id": ..., "error": {{"code": ..., "message": ...}}}}; the run goes on. Codes:
io (unreadable), parse (a JSONL line that is not JSON or has no text field),
limit (larger than --max-input-bytes), encoding (an unknown --encoding), ...

Exit status:
  0   every document was processed
  1   some documents failed, the others were written
  64  usage error (unknown option, bad value)
  65  every document failed (there was at least one): the input is not what the
      options say, e.g. a file that is not JSONL read with --input jsonl
  66  an INPUT is missing or unreadable (checked before anything is written)
  74  the output could not be written
)",
      default_jobs, pipeline_options_help(),
      slogans ? kSlogansIntro : sentences ? kSentencesIntro : kProcessIntro,
      slogans ? kSlogansOutput : sentences ? kSentencesOutput : kProcessOutput);
}

int run_process(const std::vector<std::string>& arguments, Command command) {
  const unsigned default_jobs = all_cores();
  const ProcessSettings settings = parse_process_arguments(arguments, default_jobs, command);
  if (settings.help) {
    fmt::print("{}", process_help(default_jobs, command));
    return kExitOk;
  }

  // Listing a directory of many files takes about as long as compiling the lexicon and the
  // pipeline, and neither needs the other: list on another thread meanwhile.
  std::future<ResolvedInputs> listing =
      std::async(std::launch::async, resolve_inputs, std::cref(settings.inputs));

  Progress progress(!settings.quiet);
  LoadedLexicon lexicon = load_lexicon(settings, progress);
  if (lexicon.status != kExitOk) return lexicon.status;

  std::unique_ptr<Pipeline> pipeline;
  std::unique_ptr<SentenceSplitter> raw_splitter;  // sentences --no-clean
  try {
    pipeline = std::make_unique<Pipeline>(settings.options, std::move(lexicon.lexicon));
    if (settings.no_clean) {
      SentenceOptions sentence_options;  // as the pipeline sets them (lib/pipeline.cpp)
      sentence_options.split_on_semicolon = settings.options.split_on_semicolon;
      sentence_options.page_marker = settings.options.page_marker;
      raw_splitter = std::make_unique<SentenceSplitter>(std::move(sentence_options));
    }
  } catch (const Error& error) {
    throw UsageError(error.what());
  }

  ResolvedInputs inputs = listing.get();
  if (!inputs.problems.empty()) {
    for (const auto& problem : inputs.problems) progress.message(problem);
    return kExitNoInput;
  }

  auto sink = settings.output_path.empty() ? std::make_unique<OutputSink>()
                                           : std::make_unique<OutputSink>(settings.output_path);
  if (!sink->ok()) {
    progress.message(sink->error());
    return kExitIoError;
  }

  DocumentReader reader(std::move(inputs.files), settings.mode, settings.options.max_input_bytes);
  std::size_t documents = 0;
  std::size_t failed = 0;
  {
    OrderedRunner<WorkItem, Outcome> runner(
        settings.jobs, document_window(settings.jobs),
        [&](WorkItem& item) {
          reader.load(item);
          if (settings.command == Command::kSentences) {
            return sentences_document(*pipeline, raw_splitter.get(), item, settings.fields,
                                      settings.options.encoding);
          }
          if (settings.command == Command::kSlogans) {
            const SloganOutput output{settings.no_clean, settings.per_mention, settings.window};
            return slogans_document(*pipeline, output, item, settings.fields, settings.options.encoding);
          }
          return process_document(*pipeline, item, settings.fields, settings.json);
        },
        work_item_bytes);
    runner.run([&](WorkItem& item) { return reader.next(item); },
               [&](Outcome&& outcome) {
                 ++documents;
                 if (outcome.failed()) {
                   ++failed;
                   progress.message(outcome.failure);
                 }
                 // --per-mention writes nothing for a document without mentions.
                 const bool silent = settings.per_mention && outcome.record.empty();
                 const bool written = silent || sink->write_line(std::move(outcome.record));
                 progress.update(documents, failed);
                 return written;
               });
  }
  progress.finish();

  if (!sink->finish()) {
    progress.message(sink->error());
    return kExitIoError;
  }
  return exit_status(documents, failed);
}

}  // namespace tifa::cli
