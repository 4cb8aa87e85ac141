// The tifa command: subcommands over the library (spec/interfaces.md §4).
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <tifa/version.hpp>

#include "arguments.hpp"
#include "corpus_commands.hpp"
#include "exit_codes.hpp"
#include "lexicon_command.hpp"
#include "process_command.hpp"
#include "report_command.hpp"

namespace {

using namespace tifa::cli;

constexpr std::string_view kUsage = R"(Usage: tifa COMMAND [OPTIONS] [INPUT...]

Turns Chinese policy news into research data.

Commands:
  process   run the full pipeline; one JSON document per line
  sentences the sentences of each document with their offsets, one line each
  slogans   the policy slogans of each document (or one line per mention)
  counts    slogan counts per period x outlet with denominators (TSV, CSV, JSONL)
  kwic      concordance lines of one slogan: tifa kwic SLOGAN [INPUT...]
  discover  candidate slogans not in the lexicon, ranked, as a lexicon file
  lexicon   check lexicon files: tifa lexicon check FILE...
  report    a self-contained HTML page about a corpus: tifa report INPUT... -o FILE

Run 'tifa COMMAND --help' for the options of a command.

Options:
  -h, --help     show this help
  --version      show the version
)";

int usage_error(std::string_view message, std::string_view help_hint) {
  fmt::print(stderr, "tifa: {}\nTry '{}' for more information.\n", message, help_hint);
  return kExitUsage;
}

int run(const std::vector<std::string>& args) {
  if (args.empty()) {
    fmt::print(stderr, "{}", kUsage);
    return kExitUsage;
  }
  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "-h" || command == "help") {
    fmt::print("{}", kUsage);
    return kExitOk;
  }
  if (command == "--version") {
    fmt::print("tifa {}\n", tifa::kVersionString);
    return kExitOk;
  }
  if (command == "process") {
    try {
      return run_process(rest);
    } catch (const UsageError& error) {
      return usage_error(error.what(), "tifa process --help");
    }
  }
  if (command == "sentences") {
    try {
      return run_process(rest, Command::kSentences);
    } catch (const UsageError& error) {
      return usage_error(error.what(), "tifa sentences --help");
    }
  }
  if (command == "slogans") {
    try {
      return run_process(rest, Command::kSlogans);
    } catch (const UsageError& error) {
      return usage_error(error.what(), "tifa slogans --help");
    }
  }
  for (const CorpusCommand corpus :
       {CorpusCommand::kCounts, CorpusCommand::kKwic, CorpusCommand::kDiscover}) {
    if (command != corpus_command_name(corpus)) continue;
    try {
      return run_corpus(rest, corpus);
    } catch (const UsageError& error) {
      return usage_error(error.what(), "tifa " + command + " --help");
    }
  }
  if (command == "lexicon") {
    try {
      return run_lexicon(rest);
    } catch (const UsageError& error) {
      return usage_error(error.what(), "tifa lexicon --help");
    }
  }
  if (command == "report") {
    try {
      return run_report(rest);
    } catch (const UsageError& error) {
      return usage_error(error.what(), "tifa report --help");
    }
  }
  if (!command.empty() && command[0] == '-') {
    return usage_error("unknown option '" + command + "'", "tifa --help");
  }
  return usage_error("unknown command '" + command + "'", "tifa --help");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& error) {
    fmt::print(stderr, "tifa: {}\n", error.what());
    return 70;  // EX_SOFTWARE: a bug, not the user's fault
  }
}
