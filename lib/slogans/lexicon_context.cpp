// Context rules (spec/slogans.md §2.4):
//   context := clause (";" clause)*
//   clause  := "full" | "quoted" | "bounded_left"
//            | ("doc" | "sentence" | "not_sentence" | "not_before" | "not_after")
//              "=" term ("," term)*
#include "slogans/lexicon_context.hpp"

#include <vector>

#include <fmt/core.h>

#include "slogans/lexicon_text.hpp"

namespace tifa::slogans {

namespace {

enum class ClauseKind { kFlag, kTerms };

// One clause name of the grammar: flags are members of type bool, term lists of type vector.
struct ClauseSpec {
  std::string_view name;
  ClauseKind kind;
  bool ContextRule::*flag;
  std::vector<std::string> ContextRule::*terms;
};

// The clause table; its order is the order of format_context_rule().
constexpr ClauseSpec kClauses[] = {
    {"full", ClauseKind::kFlag, &ContextRule::full, nullptr},
    {"quoted", ClauseKind::kFlag, &ContextRule::quoted, nullptr},
    {"bounded_left", ClauseKind::kFlag, &ContextRule::bounded_left, nullptr},
    {"doc", ClauseKind::kTerms, nullptr, &ContextRule::doc},
    {"sentence", ClauseKind::kTerms, nullptr, &ContextRule::sentence},
    {"not_sentence", ClauseKind::kTerms, nullptr, &ContextRule::not_sentence},
    {"not_before", ClauseKind::kTerms, nullptr, &ContextRule::not_before},
    {"not_after", ClauseKind::kTerms, nullptr, &ContextRule::not_after},
};

const ClauseSpec* find_clause(std::string_view name) {
  for (const ClauseSpec& spec : kClauses) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string known_clause_names() {
  std::string names;
  for (const ClauseSpec& spec : kClauses) {
    if (!names.empty()) names += ", ";
    names += spec.name;
  }
  return names;
}

// Parses the terms after `=`; false on an empty term.
bool parse_terms(std::string_view list, std::vector<std::string>& terms, std::string& problem) {
  std::vector<std::string> parsed;
  while (true) {
    const std::size_t comma = list.find(',');
    const std::string_view term = trim_field(list.substr(0, comma));
    if (term.empty()) {
      problem = "empty term";
      return false;
    }
    parsed.emplace_back(term);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  terms.insert(terms.end(), parsed.begin(), parsed.end());
  return true;
}

bool parse_clause(std::string_view clause, ContextRule& rule, std::string& problem) {
  const std::size_t equals = clause.find('=');
  const std::string_view name = trim_field(clause.substr(0, equals));
  if (name.empty()) {
    problem = "empty clause";
    return false;
  }
  const ClauseSpec* spec = find_clause(name);
  if (spec == nullptr) {
    problem = fmt::format("unknown clause {} (known: {})", quoted(name), known_clause_names());
    return false;
  }
  if (spec->kind == ClauseKind::kFlag) {
    if (equals != std::string_view::npos) {
      problem = fmt::format("clause {} takes no terms", quoted(name));
      return false;
    }
    rule.*(spec->flag) = true;
    return true;
  }
  if (equals == std::string_view::npos) {
    problem = fmt::format("clause {} needs terms: {}=term,term", quoted(name), name);
    return false;
  }
  if (!parse_terms(clause.substr(equals + 1), rule.*(spec->terms), problem)) {
    problem = fmt::format("clause {}: {}", quoted(name), problem);
    return false;
  }
  return true;
}

}  // namespace

bool parse_context_rule(std::string_view text, ContextRule& rule, ContextSyntaxError& error) {
  ContextRule parsed;
  std::size_t offset = 0;  // code points before the current clause
  while (true) {
    const std::size_t semicolon = text.find(';');
    const std::string_view clause = text.substr(0, semicolon);
    std::size_t leading = 0;
    trim_field(clause, leading);
    std::string problem;
    if (!parse_clause(clause, parsed, problem)) {
      error = {offset + leading, std::move(problem)};
      return false;
    }
    if (semicolon == std::string_view::npos) break;
    offset += code_point_count(clause) + 1;
    text.remove_prefix(semicolon + 1);
  }
  rule = std::move(parsed);
  return true;
}

std::string format_context_rule(const ContextRule& rule) {
  std::string out;
  for (const ClauseSpec& spec : kClauses) {
    if (spec.kind == ClauseKind::kFlag) {
      if (!(rule.*(spec.flag))) continue;
      if (!out.empty()) out += "; ";
      out += spec.name;
      continue;
    }
    const std::vector<std::string>& terms = rule.*(spec.terms);
    if (terms.empty()) continue;
    if (!out.empty()) out += "; ";
    out += spec.name;
    out += '=';
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (i > 0) out += ',';
      out += terms[i];
    }
  }
  return out;
}

}  // namespace tifa::slogans
