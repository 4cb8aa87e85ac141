#include "lexicon_command.hpp"

#include <cstdio>
#include <string_view>

#include <fmt/core.h>
#include <tifa/lexicon.hpp>

#include "arguments.hpp"
#include "exit_codes.hpp"

namespace tifa::cli {

namespace {

constexpr std::string_view kLexiconHelp = R"(Usage: tifa lexicon check [OPTIONS] FILE...

Checks lexicon files: prints every diagnostic, one per line, as
  FILE:LINE:COLUMN: error[CODE]: message   (or warning[CODE])
then one summary line per file: entries, forms, entries with members, context
rules, and the SHA-256 of the lexicon's canonical serialisation.

Options:
  --format auto|tsv|words|jieba|yaml
                   the format of every FILE (default: auto: .yml/.yaml is a quanteda
                   YAML dictionary, .tsv the native TSV, any other file TSV when its
                   first line that is not a comment names a canonical column, else a
                   word list)
  -h, --help       show this help

Exit status:
  0   no file has an error (warnings allowed)
  64  usage error
  65  some file has an error
  66  some file is missing or unreadable
)";

struct LexiconSettings {
  std::vector<std::string> files;
  LexiconFormat format = LexiconFormat::kAuto;
  bool help = false;
};

LexiconFormat parse_format(const std::string& value) {
  if (value == "auto") return LexiconFormat::kAuto;
  if (value == "tsv") return LexiconFormat::kTsv;
  if (value == "words") return LexiconFormat::kWordList;
  if (value == "jieba") return LexiconFormat::kJieba;
  if (value == "yaml") return LexiconFormat::kQuantedaYaml;
  throw UsageError("--format must be auto, tsv, words, jieba or yaml, not '" + value + "'");
}

LexiconSettings parse_check_arguments(std::vector<std::string> arguments) {
  LexiconSettings settings;
  ArgumentCursor args(std::move(arguments));
  bool options_done = false;
  while (!args.done()) {
    std::string value;
    if (!options_done && args.take_flag("--")) {
      options_done = true;
    } else if (!options_done && (args.take_flag("--help") || args.take_flag("-h"))) {
      settings.help = true;
    } else if (!options_done && args.take_value("--format", value)) {
      settings.format = parse_format(value);
    } else if (!options_done && args.current().size() > 1 && args.current()[0] == '-') {
      throw UsageError("unknown option '" + args.current() + "' for lexicon check");
    } else {
      settings.files.push_back(args.current());
      args.advance();
    }
  }
  if (!settings.help && settings.files.empty()) {
    throw UsageError("lexicon check needs at least one FILE");
  }
  return settings;
}

struct Counts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

Counts print_diagnostics(const std::vector<LexiconDiagnostic>& diagnostics) {
  Counts counts;
  for (const LexiconDiagnostic& diagnostic : diagnostics) {
    fmt::print("{}\n", diagnostic.to_string());
    (diagnostic.error ? counts.errors : counts.warnings) += 1;
  }
  return counts;
}

// "1 entry", "2 entries", "1 form", "2 forms".
std::string plural(std::size_t n, std::string_view word) {
  if (n == 1) return fmt::format("1 {}", word);
  if (word.ends_with('y')) return fmt::format("{} {}ies", n, word.substr(0, word.size() - 1));
  return fmt::format("{} {}s", n, word);
}

void print_summary(const std::string& file, const Lexicon& lexicon, const Counts& counts) {
  std::size_t forms = 0, with_members = 0, context_rules = 0;
  for (const LexiconEntry& entry : lexicon.entries()) {
    forms += 1 + entry.variants.size();
    with_members += entry.versions.empty() ? 0 : 1;
    context_rules += entry.needs_context.empty() ? 0 : 1;
  }
  fmt::print("{}: {}, {}, {} with members, {}; {}, {}; sha256 {}\n", file,
             plural(lexicon.size(), "entry"), plural(forms, "form"),
             plural(with_members, "entry"), plural(context_rules, "context rule"),
             plural(counts.errors, "error"), plural(counts.warnings, "warning"), lexicon.sha256());
}

// Checks one file; returns the exit status it calls for.
int check_file(const std::string& file, LexiconFormat format) {
  try {
    const Lexicon lexicon = Lexicon::from_file(file, format);
    const Counts counts = print_diagnostics(lexicon.warnings());
    print_summary(file, lexicon, counts);
    return kExitOk;
  } catch (const LexiconError& error) {
    const Counts counts = print_diagnostics(error.diagnostics());
    if (error.code() == ErrorCode::kIo) return kExitNoInput;
    fmt::print("{}: not loaded: {}, {}\n", file, plural(counts.errors, "error"),
               plural(counts.warnings, "warning"));
    return kExitDataError;
  }
}

}  // namespace

int run_lexicon(const std::vector<std::string>& arguments) {
  if (arguments.empty()) throw UsageError("lexicon needs a subcommand: check");
  const std::string& subcommand = arguments.front();
  if (subcommand == "--help" || subcommand == "-h") {
    fmt::print("{}", kLexiconHelp);
    return kExitOk;
  }
  if (subcommand != "check") throw UsageError("unknown lexicon subcommand '" + subcommand + "'");
  const LexiconSettings settings =
      parse_check_arguments(std::vector<std::string>(arguments.begin() + 1, arguments.end()));
  if (settings.help) {
    fmt::print("{}", kLexiconHelp);
    return kExitOk;
  }
  bool missing = false;
  bool invalid = false;
  for (const std::string& file : settings.files) {
    const int status = check_file(file, settings.format);
    missing = missing || status == kExitNoInput;
    invalid = invalid || status == kExitDataError;
  }
  std::fflush(stdout);
  if (missing) return kExitNoInput;
  return invalid ? kExitDataError : kExitOk;
}

}  // namespace tifa::cli
