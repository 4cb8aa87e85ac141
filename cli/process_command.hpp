// `tifa process`, `tifa sentences` and `tifa slogans`: the pipeline over every input document, one
// JSON object per document (or per mention) and line, in input order. They share the inputs,
// options, job runner and errors.
#pragma once

#include <string>
#include <vector>

#include <tifa/json.hpp>
#include <tifa/lexicon.hpp>
#include <tifa/options.hpp>

#include "arguments.hpp"
#include "inputs.hpp"

namespace tifa::cli {

// Names of the JSONL fields that hold a document's parts.
struct JsonlFields {
  std::string text = "text";
  std::string id = "id";
  std::string date = "date";
};

// The command whose arguments are parsed and run.
enum class Command { kProcess, kSentences, kSlogans };

struct ProcessSettings {
  Command command = Command::kProcess;
  std::vector<std::string> inputs;
  InputMode mode = InputMode::kFiles;
  JsonlFields fields;
  Options options;
  JsonOptions json;     // process only
  bool no_clean = false;  // sentences, slogans: use the decoded input as given
  std::vector<std::string> lexicons;  // --lexicon FILE, in order
  bool no_builtin_lexicon = false;
  bool per_mention = false;           // slogans: one line per mention
  std::size_t window = 20;            // slogans --per-mention: KWIC context in code points
  unsigned jobs = 1;
  std::string output_path;  // empty: standard output
  bool quiet = false;
  bool help = false;
};

// Parses the arguments after "process" (or "sentences"). Throws UsageError.
ProcessSettings parse_process_arguments(const std::vector<std::string>& arguments,
                                        unsigned default_jobs,
                                        Command command = Command::kProcess);

// The text of `tifa process --help` (or `tifa sentences --help`).
std::string process_help(unsigned default_jobs, Command command = Command::kProcess);

// Runs the command; returns the exit status. Throws UsageError for options the pipeline rejects.
int run_process(const std::vector<std::string>& arguments, Command command = Command::kProcess);

// The pieces shared with the corpus commands (counts, kwic, discover: corpus_commands.cpp).

// Handles an option every document-reading command has: --help, --input, the JSONL fields, the
// pipeline options, --lexicon, --no-builtin-lexicon, --jobs, -o, --quiet. False when the argument
// at the cursor is not one of them. Throws UsageError for a bad value.
bool take_shared_option(ArgumentCursor& args, ProcessSettings& settings, unsigned default_jobs);

// std::thread::hardware_concurrency(), at least 1.
unsigned all_cores();

class Progress;

// The lexicon of the run: the built-in one (unless --no-builtin-lexicon) with each --lexicon file
// layered over it in order. Diagnostics go to standard error; status is kExitOk, or the exit
// status to return when a lexicon could not be loaded.
struct LoadedLexicon {
  Lexicon lexicon;
  int status = 0;
};
LoadedLexicon load_lexicon(const ProcessSettings& settings, Progress& progress);

// 0 when nothing failed, 1 when some documents failed, 65 when all did (and there was one).
int exit_status(std::size_t documents, std::size_t failed);

// The name of the command as typed ("process", "sentences", "slogans").
const char* command_name(Command command);

}  // namespace tifa::cli
