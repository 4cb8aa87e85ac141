// `tifa process`, `tifa sentences` and `tifa slogans`: the pipeline over every input document, one
// JSON object per document (or per mention) and line, in input order. They share the inputs,
// options, job runner and errors.
#pragma once

#include <string>
#include <vector>

#include <tifa/json.hpp>
#include <tifa/options.hpp>

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

// The name of the command as typed ("process", "sentences", "slogans").
const char* command_name(Command command);

}  // namespace tifa::cli
