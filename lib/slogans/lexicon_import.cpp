// Importers of foreign dictionary formats (spec/slogans.md §2.6): plain word lists, jieba-style
// user dictionaries and quanteda YAML dictionaries. Each produces ordinary entries whose canonical
// is the folded term, so the rest of the library sees one lexicon type.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <new>
#include <optional>

#include <fmt/core.h>
#include <yaml.h>

#include "slogans/fold.hpp"
#include "slogans/lexicon_impl.hpp"
#include "slogans/lexicon_text.hpp"
#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

// Turns terms into entries: one entry per folded term; a term that folds like an earlier one of
// the same category collapses into it (W_DUP_FORM), of another category is a conflict.
class TermCollector {
 public:
  explicit TermCollector(DiagnosticSink& sink) : sink_(sink) {}

  void add(std::string_view text, const std::string& category, std::size_t line,
           std::size_t column);
  std::vector<LexiconEntry> take() { return std::move(entries_); }

 private:
  DiagnosticSink& sink_;
  std::vector<LexiconEntry> entries_;
  StringMap<std::size_t> by_form_;  // folded form -> entry
};

void TermCollector::add(std::string_view text, const std::string& category, std::size_t line,
                        std::size_t column) {
  const std::string form = to_nfc(text);
  std::string canonical = fold_string(form);
  if (auto problem = form_problem(form); problem || (problem = form_problem(canonical))) {
    sink_.error(line, column, "E_FORM", *problem);
    return;
  }
  if (const auto it = by_form_.find(canonical); it != by_form_.end()) {
    const LexiconEntry& owner = entries_[it->second];
    if (owner.category == category) {
      sink_.warning(line, column, "W_DUP_FORM",
                    fmt::format("form {} repeats {} (line {}) after folding; the first is kept",
                                quoted(form), quoted(owner.canonical), owner.line));
    } else {
      sink_.error(line, column, "E_FORM_CONFLICT",
                  fmt::format("form {} already belongs to {} (line {}, category {})",
                              quoted(form), quoted(owner.canonical), owner.line,
                              quoted(owner.category)));
    }
    return;
  }
  LexiconEntry entry;
  entry.id = canonical;
  entry.canonical = canonical;
  // The spelling as given is kept as a variant for reference; matching folds anyway. A spelling
  // the variants column could not hold (a comma, a leading "-") is left out.
  if (form != canonical && form.find(',') == std::string::npos && !form.starts_with('-')) {
    entry.variants.push_back(form);
  }
  entry.category = category;
  entry.source = sink_.source();
  entry.line = line;
  by_form_.emplace(std::move(canonical), entries_.size());
  entries_.push_back(std::move(entry));
}

bool is_line_space(char32_t cp) { return cp == '\t' || is_field_space(cp); }

// `text` without spaces and TABs at either end; `leading` receives the code points cut in front.
std::string_view trim_line(std::string_view text, std::size_t& leading) {
  leading = 0;
  std::size_t length = 0;
  while (!text.empty() && is_line_space(util::decode_at(text, 0, length))) {
    text.remove_prefix(length);
    ++leading;
  }
  while (!text.empty()) {
    const std::size_t start = util::previous_start(text, text.size());
    if (!is_line_space(util::code_point_at(text, start))) break;
    text.remove_suffix(text.size() - start);
  }
  return text;
}

bool is_ascii_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.';
  });
}

bool is_ascii_letters(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

// Splits at runs of ASCII spaces and TABs.
std::vector<std::string_view> split_blanks(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t') ++pos;
    if (pos > start) parts.push_back(text.substr(start, pos - start));
  }
  return parts;
}

// `word freq` or `word freq tag`, the line shape of jieba-style dictionaries.
bool looks_like_jieba(std::string_view line) {
  const std::vector<std::string_view> parts = split_blanks(line);
  if (parts.size() < 2 || parts.size() > 3) return false;
  return is_ascii_digits(parts[1]) && (parts.size() == 2 || is_ascii_letters(parts[2]));
}

}  // namespace

LoadResult load_word_list(std::string_view text, const std::string& source, bool jieba) {
  LoadResult result;
  if (reject_non_utf8(text, source, result)) return result;
  DiagnosticSink sink(source);
  TermCollector collector(sink);
  std::size_t jieba_like = 0;
  std::size_t first_jieba_like_line = 0;
  const std::string no_category;
  for (const SourceLine& line : split_lines(text)) {
    if (is_blank_or_comment(line.text)) continue;
    std::size_t leading = 0;
    std::string_view term = trim_line(line.text, leading);
    if (jieba) {
      term = term.substr(0, term.find_first_of(" \t"));
    } else if (looks_like_jieba(term)) {
      if (jieba_like++ == 0) first_jieba_like_line = line.number;
    }
    collector.add(term, no_category, line.number, leading + 1);
  }
  if (jieba_like > 0) {
    sink.warning(first_jieba_like_line, 1, "W_JIEBA_LIKE",
                 fmt::format("{} line{} look{} like \"word frequency tag\" (a jieba-style "
                             "dictionary); the jieba importer keeps only the word (tifa lexicon "
                             "check --format jieba)",
                             jieba_like, jieba_like == 1 ? "" : "s", jieba_like == 1 ? "s" : ""));
  }
  result.entries = collector.take();
  result.has_error = sink.has_error();
  result.diagnostics = sink.take();
  return result;
}

// ---------------------------------------------------------------------------------------------
// quanteda YAML dictionaries

namespace {

constexpr std::size_t kMaxYamlDepth = 64;
// Aliases share nodes, so a small file can expand to a huge tree ("billion laughs"): the walk
// stops after this many visits.
constexpr std::size_t kMaxYamlVisits = 1'000'000;

// Where a node was written: 1-based line and column.
struct YamlPlace {
  std::size_t line = 0;
  std::size_t column = 0;
};

// A node inside a collection; an alias refers to a node written elsewhere.
struct YamlChild {
  std::size_t node = 0;
  YamlPlace place;  // of the alias when `alias`, else of the node
  bool alias = false;
};

struct YamlNode {
  enum class Kind : std::uint8_t { kScalar, kSequence, kMapping };
  Kind kind = Kind::kScalar;
  std::string value;        // scalars
  bool non_string = false;  // a plain scalar YAML resolves to null, a bool or a number; or a tag
  YamlPlace place;
  std::vector<YamlChild> children;  // sequence items; mapping keys and values alternating
};

constexpr std::size_t kNoNode = std::numeric_limits<std::size_t>::max();

struct YamlTree {
  std::vector<YamlNode> nodes;
  std::size_t root = kNoNode;
};

// Owns a libyaml parser and its current event; both are released on every path.
class YamlEventReader {
 public:
  explicit YamlEventReader(std::string_view text) {
    initialized_ = yaml_parser_initialize(&parser_) != 0;
    if (!initialized_) return;
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
  }
  ~YamlEventReader() {
    release();
    if (initialized_) yaml_parser_delete(&parser_);
  }
  YamlEventReader(const YamlEventReader&) = delete;
  YamlEventReader& operator=(const YamlEventReader&) = delete;

  bool next() {
    release();
    if (!initialized_) return false;
    has_event_ = yaml_parser_parse(&parser_, &event_) != 0;
    return has_event_;
  }
  const yaml_event_t& event() const { return event_; }
  const yaml_parser_t& parser() const { return parser_; }
  bool initialized() const { return initialized_; }

 private:
  void release() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = false;
  }

  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool initialized_ = false;
  bool has_event_ = false;
};

std::string_view as_view(const yaml_char_t* text) {
  if (text == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(text));
}

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), text) != words.end();
}

// A number as YAML 1.1 or 1.2 reads an untagged plain scalar: 12, -3, 1_000, 0x1F, 0o17, 1.5,
// .5, 1e3, .inf, .NaN.
bool is_yaml_number(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  if (is_one_of(text, {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"})) return true;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o' || text[1] == 'b')) {
    return std::all_of(text.begin() + 2, text.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == '_';
    });
  }
  bool digit = false, dot = false, exponent = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '_' && !exponent) {
    } else if (c == '.' && !dot && !exponent) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digit && !exponent) {
      exponent = true;
      digit = false;
      if (i + 1 < text.size() && (text[i + 1] == '+' || text[i + 1] == '-')) ++i;
    } else {
      return false;
    }
  }
  return digit;
}

// True when YAML would read the scalar as something other than a string.
bool is_non_string_scalar(const yaml_event_t& event) {
  const auto& scalar = event.data.scalar;
  const std::string_view tag = as_view(scalar.tag);
  if (!tag.empty()) return tag != "tag:yaml.org,2002:str" && tag != "!";
  if (scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
  const std::string_view value(reinterpret_cast<const char*>(scalar.value), scalar.length);
  return is_one_of(value, {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false",
                           "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On",
                           "ON", "off", "Off", "OFF", "y", "Y", "n", "N"}) ||
         is_yaml_number(value);
}

// Reads the event stream into a tree; aliases become shared children. False after an error.
class YamlTreeBuilder {
 public:
  YamlTreeBuilder(DiagnosticSink& sink, YamlTree& tree) : sink_(sink), tree_(tree) {}

  bool build(std::string_view text);

 private:
  struct Open {
    std::size_t node;
    std::string anchor;
  };

  bool on_event(const yaml_event_t& event);
  bool attach(std::size_t node, const yaml_mark_t& mark, bool alias = false);
  std::size_t new_node(YamlNode::Kind kind, const yaml_mark_t& mark);
  void fail(const yaml_mark_t& mark, std::string message) {
    sink_.error(mark.line + 1, mark.column + 1, "E_YAML", std::move(message));
  }

  DiagnosticSink& sink_;
  YamlTree& tree_;
  std::vector<Open> open_;
  StringMap<std::size_t> anchors_;
  std::size_t documents_ = 0;
};

bool YamlTreeBuilder::build(std::string_view text) {
  YamlEventReader reader(text);
  if (!reader.initialized()) throw std::bad_alloc();
  while (true) {
    if (!reader.next()) {
      const yaml_parser_t& parser = reader.parser();
      if (parser.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
      std::string message = parser.problem != nullptr ? parser.problem : "YAML syntax error";
      if (parser.context != nullptr) message = std::string(parser.context) + ": " + message;
      sink_.error(parser.problem_mark.line + 1, parser.problem_mark.column + 1, "E_YAML",
                  std::move(message));
      return false;
    }
    if (reader.event().type == YAML_STREAM_END_EVENT) return true;
    if (!on_event(reader.event())) return false;
  }
}

std::size_t YamlTreeBuilder::new_node(YamlNode::Kind kind, const yaml_mark_t& mark) {
  YamlNode node;
  node.kind = kind;
  node.place = {mark.line + 1, mark.column + 1};
  tree_.nodes.push_back(std::move(node));
  return tree_.nodes.size() - 1;
}

bool YamlTreeBuilder::attach(std::size_t node, const yaml_mark_t& mark, bool alias) {
  if (open_.empty()) {
    tree_.root = node;
    return true;
  }
  if (open_.size() > kMaxYamlDepth) {
    fail(mark, fmt::format("nesting deeper than {} levels", kMaxYamlDepth));
    return false;
  }
  tree_.nodes[open_.back().node].children.push_back(
      {node, {mark.line + 1, mark.column + 1}, alias});
  return true;
}

bool YamlTreeBuilder::on_event(const yaml_event_t& event) {
  const yaml_mark_t& mark = event.start_mark;
  switch (event.type) {
    case YAML_DOCUMENT_START_EVENT:
      if (++documents_ > 1) {
        fail(mark, "a dictionary is one YAML document; this is a second one");
        return false;
      }
      return true;
    case YAML_SCALAR_EVENT: {
      const std::size_t node = new_node(YamlNode::Kind::kScalar, mark);
      tree_.nodes[node].value.assign(reinterpret_cast<const char*>(event.data.scalar.value),
                                     event.data.scalar.length);
      tree_.nodes[node].non_string = is_non_string_scalar(event);
      if (event.data.scalar.anchor != nullptr) {
        anchors_[std::string(as_view(event.data.scalar.anchor))] = node;
      }
      return attach(node, mark);
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      const bool sequence = event.type == YAML_SEQUENCE_START_EVENT;
      const std::size_t node =
          new_node(sequence ? YamlNode::Kind::kSequence : YamlNode::Kind::kMapping, mark);
      if (!attach(node, mark)) return false;
      const yaml_char_t* anchor =
          sequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor;
      open_.push_back({node, std::string(as_view(anchor))});
      return true;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      // An anchor names its node only once the node is complete, so no alias can make a cycle.
      if (!open_.empty()) {
        if (!open_.back().anchor.empty()) anchors_[open_.back().anchor] = open_.back().node;
        open_.pop_back();
      }
      return true;
    case YAML_ALIAS_EVENT: {
      const std::string_view name = as_view(event.data.alias.anchor);
      const auto it = anchors_.find(name);
      if (it == anchors_.end()) {
        fail(mark, fmt::format("alias *{} names no complete anchored node before it", name));
        return false;
      }
      return attach(it->second, mark, true);
    }
    default:
      return true;
  }
}

bool is_space_between_cjk(char32_t cp) { return cp == ' ' || cp == '\t' || cp == 0x3000; }

// quanteda joins multi-word values with spaces; in Chinese those spaces are not in the text.
std::string remove_spaces_between_cjk(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char32_t previous = 0;  // the last non-space code point written
  std::string pending;    // spaces not yet known to sit between two CJK characters
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
    const char32_t cp = util::decode_at(text, pos, length);
    if (is_space_between_cjk(cp)) {
      pending.append(text.substr(pos, length));
      continue;
    }
    if (!(util::is_han(previous) && util::is_han(cp))) out += pending;
    pending.clear();
    out.append(text.substr(pos, length));
    previous = cp;
  }
  out += pending;
  return out;
}

// Walks the tree: mappings give the category path, sequences and scalars the terms. Problems
// inside a node reached through an alias are reported at the alias.
class YamlDictionaryWalker {
 public:
  YamlDictionaryWalker(const YamlTree& tree, DiagnosticSink& sink, TermCollector& terms)
      : tree_(tree), sink_(sink), terms_(terms) {}

  void walk_root() {
    if (tree_.root == kNoNode) return;  // an empty document: an empty dictionary
    const YamlNode& root = tree_.nodes[tree_.root];
    if (root.kind != YamlNode::Kind::kMapping) {
      error(root.place,
            "the top level must be a mapping of keys to term lists (a quanteda dictionary)");
      return;
    }
    walk_mapping(root, "", 0, nullptr);
  }

 private:
  // The place to report a node at: its own, or the alias it was reached through.
  static YamlPlace place_of(const YamlChild& child, const YamlPlace* alias) {
    return alias != nullptr ? *alias : child.place;
  }
  void error(const YamlPlace& place, std::string message) {
    sink_.error(place.line, place.column, "E_YAML", std::move(message));
  }
  bool visit() {
    if (++visits_ <= kMaxYamlVisits) return true;
    if (visits_ == kMaxYamlVisits + 1) {
      sink_.error(0, 0, "E_YAML",
                  fmt::format("aliases expand the dictionary to more than {} nodes",
                              kMaxYamlVisits));
    }
    return false;
  }

  std::optional<std::string> key_of(const YamlNode& key, const YamlPlace& place);
  void walk_mapping(const YamlNode& mapping, const std::string& path, std::size_t depth,
                    const YamlPlace* alias);
  void walk_child(const YamlChild& child, const std::string& path, std::size_t depth,
                  const YamlPlace* alias);
  void add_term(const YamlNode& scalar, const std::string& path, const YamlPlace& place);

  const YamlTree& tree_;
  DiagnosticSink& sink_;
  TermCollector& terms_;
  std::size_t visits_ = 0;
};

std::optional<std::string> YamlDictionaryWalker::key_of(const YamlNode& key,
                                                        const YamlPlace& place) {
  if (key.kind != YamlNode::Kind::kScalar) {
    error(place, "a dictionary key must be a string");
    return std::nullopt;
  }
  const std::string name(trim_field(key.value));
  if (name.empty()) {
    error(place, "empty dictionary key");
    return std::nullopt;
  }
  const bool control = std::any_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  });
  if (control || first_invalid_utf8(name)) {
    error(place, fmt::format("key {} contains a control character or invalid UTF-8",
                             quoted(name)));
    return std::nullopt;
  }
  return to_nfc(name);
}

void YamlDictionaryWalker::walk_mapping(const YamlNode& mapping, const std::string& path,
                                        std::size_t depth, const YamlPlace* alias) {
  StringMap<std::size_t> seen;  // key -> line
  for (std::size_t i = 0; i + 1 < mapping.children.size(); i += 2) {
    if (!visit()) return;
    const YamlChild& key_child = mapping.children[i];
    const YamlPlace key_place = place_of(key_child, alias);
    const auto key = key_of(tree_.nodes[key_child.node], key_place);
    if (!key) continue;
    if (const auto [it, inserted] = seen.emplace(*key, key_place.line); !inserted) {
      error(key_place,
            fmt::format("duplicate key {} (first on line {})", quoted(*key), it->second));
      continue;
    }
    const std::string child_path = path.empty() ? *key : path + "/" + *key;
    walk_child(mapping.children[i + 1], child_path, depth + 1, alias);
  }
}

void YamlDictionaryWalker::walk_child(const YamlChild& child, const std::string& path,
                                      std::size_t depth, const YamlPlace* alias) {
  const YamlPlace place = place_of(child, alias);
  const YamlPlace* inner_alias = alias != nullptr ? alias : child.alias ? &child.place : nullptr;
  if (depth > kMaxYamlDepth) {
    error(place, fmt::format("nesting deeper than {} levels", kMaxYamlDepth));
    return;
  }
  const YamlNode& value = tree_.nodes[child.node];
  switch (value.kind) {
    case YamlNode::Kind::kMapping:
      walk_mapping(value, path, depth, inner_alias);
      return;
    case YamlNode::Kind::kScalar:
      add_term(value, path, place);
      return;
    case YamlNode::Kind::kSequence:
      for (const YamlChild& item_child : value.children) {
        if (!visit()) return;
        const YamlNode& item = tree_.nodes[item_child.node];
        const YamlPlace item_place = place_of(item_child, inner_alias);
        if (item.kind != YamlNode::Kind::kScalar) {
          error(item_place, fmt::format("the terms of {} must be strings, not a nested list or "
                                        "mapping",
                                        quoted(path)));
          continue;
        }
        add_term(item, path, item_place);
      }
      return;
  }
}

void YamlDictionaryWalker::add_term(const YamlNode& scalar, const std::string& path,
                                    const YamlPlace& place) {
  if (scalar.non_string) {
    error(place, fmt::format("{} is not a string (YAML reads it as null, a boolean or a number); "
                             "quote it",
                             quoted(scalar.value)));
    return;
  }
  if (scalar.value.find_first_of("*?") != std::string::npos) {
    error(place, fmt::format("glob value {}: matching is literal, list the forms instead",
                             quoted(scalar.value)));
    return;
  }
  if (const auto bad = first_invalid_utf8(scalar.value)) {
    error(place, fmt::format("the value holds invalid UTF-8 at byte {}", *bad + 1));
    return;
  }
  terms_.add(remove_spaces_between_cjk(trim_field(scalar.value)), path, place.line, place.column);
}

}  // namespace

LoadResult load_quanteda_yaml(std::string_view text, const std::string& source) {
  LoadResult result;
  if (reject_non_utf8(text, source, result)) return result;
  DiagnosticSink sink(source);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  YamlTree tree;
  TermCollector terms(sink);
  if (YamlTreeBuilder(sink, tree).build(text)) {
    YamlDictionaryWalker(tree, sink, terms).walk_root();
  }
  result.entries = terms.take();
  result.has_error = sink.has_error();
  result.diagnostics = sink.take();
  return result;
}

}  // namespace tifa::slogans
