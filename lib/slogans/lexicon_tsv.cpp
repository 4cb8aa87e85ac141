// The native lexicon format (spec/slogans.md §2.1-2.5): header-driven TSV with member versions and
// context rules, checked as a whole; every problem becomes a diagnostic with line and column.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <unordered_set>

#include <fmt/core.h>

#include "slogans/fold.hpp"
#include "slogans/lexicon_context.hpp"
#include "slogans/lexicon_impl.hpp"
#include "slogans/lexicon_text.hpp"
#include "slogans/lexicon_versions.hpp"
#include "slogans/numerals.hpp"

namespace tifa::slogans {

namespace {

// The columns the format defines (spec §2.1); any other column is an extra string field.
enum class Column : std::uint8_t {
  kCanonical,
  kVariants,
  kCategory,
  kMembers,
  kEnglish,
  kFirstYear,
  kId,
  kValidFrom,
  kValidTo,
  kNeedsContext,
  kContext,
  kDisabled,
};
constexpr std::size_t kColumnCount = 12;
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "canonical", "variants", "category",      "members", "english",  "first_year",
    "id",        "valid_from", "valid_to", "needs_context", "context", "disabled"};

// Fields a member-version row may not change (spec §2.3).
constexpr Column kEntryLevelColumns[] = {Column::kVariants, Column::kCategory, Column::kFirstYear,
                                         Column::kId, Column::kNeedsContext, Column::kContext};

constexpr std::string_view kMemberSeparator = "\u3001";  // 、

// Bounds that keep every check linear on hostile input; real lexicons stay far below them.
constexpr std::size_t kMaxColumns = 256;
constexpr std::size_t kMaxFormsPerEntry = 1000;

std::optional<Column> known_column(std::string_view name) {
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    if (kColumnNames[i] == name) return static_cast<Column>(i);
  }
  return std::nullopt;
}

// One TAB-separated field: trimmed, and the 1-based column of its first code point.
struct RawField {
  std::string_view text;
  std::size_t column = 0;
};

std::vector<RawField> split_fields(std::string_view line) {
  std::vector<RawField> fields;
  std::size_t column = 1;
  while (true) {
    const std::size_t tab = line.find('\t');
    const std::string_view raw = line.substr(0, tab);
    std::size_t leading = 0;
    const std::string_view text = trim_field(raw, leading);
    // An empty field is reported where it begins.
    fields.push_back({text, column + (text.empty() ? 0 : leading)});
    if (tab == std::string_view::npos) break;
    column += code_point_count(raw) + 1;
    line.remove_prefix(tab + 1);
  }
  return fields;
}

struct HeaderColumn {
  std::string name;             // lowercased; empty: the header leaves the column unnamed
  std::optional<Column> known;  // a column of the format
  bool repeated = false;        // named twice: its values are ignored (E_DUP_COLUMN)
};

struct Header {
  std::size_t line = 0;
  std::vector<HeaderColumn> columns;
};

std::optional<Header> parse_header(const SourceLine& line, DiagnosticSink& sink) {
  Header header{line.number, {}};
  StringMap<std::size_t> seen;  // name -> column
  for (const RawField& field : split_fields(line.text)) {
    HeaderColumn column{ascii_lower(to_nfc(field.text)), std::nullopt, false};
    column.known = known_column(column.name);
    if (header.columns.size() == kMaxColumns) {
      sink.error(line.number, field.column, "E_FIELDS",
                 fmt::format("the header has more than {} columns", kMaxColumns));
    }
    if (header.columns.size() >= kMaxColumns) {
      column.repeated = true;  // ignored
    } else if (!column.name.empty()) {
      const auto [earlier, inserted] = seen.emplace(column.name, field.column);
      if (!inserted) {
        sink.error(line.number, field.column, "E_DUP_COLUMN",
                   fmt::format("the header names column {} twice (first at column {})",
                               quoted(column.name), earlier->second));
        column.repeated = true;
      }
    }
    header.columns.push_back(std::move(column));
  }
  const bool has_canonical = std::any_of(header.columns.begin(), header.columns.end(), [](auto& c) {
    return c.known == Column::kCanonical && !c.repeated;
  });
  if (!has_canonical) {
    sink.error(line.number, 1, "E_NO_HEADER",
               "the first line that is not a comment is not a header with a \"canonical\" "
               "column; a plain list of terms needs the word-list importer (tifa lexicon check "
               "--format words)");
    return std::nullopt;
  }
  return header;
}

// A field after trimming and NFC, with the column of its first code point (for an absent field,
// the column right after the end of the line).
struct Field {
  std::string value;
  std::size_t column = 0;

  bool empty() const noexcept { return value.empty(); }
};

struct Row {
  std::size_t line = 0;
  std::array<Field, kColumnCount> known;
  std::vector<std::pair<std::string, Field>> extra;  // non-empty extra fields, in header order

  const Field& operator[](Column column) const { return known[static_cast<std::size_t>(column)]; }
  const Field* extra_field(std::string_view name) const {
    for (const auto& [field_name, field] : extra) {
      if (field_name == name) return &field;
    }
    return nullptr;
  }
  bool has_dates() const {
    return !(*this)[Column::kValidFrom].empty() || !(*this)[Column::kValidTo].empty();
  }
};

Row parse_row(const SourceLine& line, const Header& header, DiagnosticSink& sink) {
  Row row;
  row.line = line.number;
  const std::size_t end_column = code_point_count(line.text) + 1;
  for (Field& field : row.known) field.column = end_column;
  const std::vector<RawField> fields = split_fields(line.text);
  bool reported_extra = false;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const RawField& raw = fields[i];
    if (i >= header.columns.size()) {
      // Empty trailing fields (a spreadsheet's trailing TABs) carry nothing and are tolerated.
      if (!raw.text.empty() && !reported_extra) {
        sink.error(line.number, raw.column, "E_FIELDS",
                   fmt::format("the line has more fields than the header (line {}) names: {} "
                               "columns",
                               header.line, header.columns.size()));
        reported_extra = true;
      }
      continue;
    }
    const HeaderColumn& column = header.columns[i];
    if (column.known && !column.repeated) {
      row.known[static_cast<std::size_t>(*column.known)].column = raw.column;
    }
    if (column.repeated || raw.text.empty()) continue;
    if (column.name.empty()) {
      sink.error(line.number, raw.column, "E_FIELDS",
                 fmt::format("a value in column {}, which the header (line {}) leaves unnamed",
                             i + 1, header.line));
      continue;
    }
    Field field{to_nfc(raw.text), raw.column};
    if (column.known) {
      row.known[static_cast<std::size_t>(*column.known)] = std::move(field);
    } else {
      row.extra.emplace_back(column.name, std::move(field));
    }
  }
  return row;
}

// A piece of a list field (variants, needs_context, members) with its column.
struct Piece {
  std::string_view text;
  std::size_t column = 0;
};

// `field` cut at every `separator`, each piece trimmed; empty pieces are kept.
std::vector<Piece> split_pieces(const Field& field, std::string_view separator) {
  std::vector<Piece> pieces;
  std::string_view rest = field.value;
  std::size_t column = field.column;
  while (true) {
    const std::size_t cut = rest.find(separator);
    const std::string_view raw = rest.substr(0, cut);
    std::size_t leading = 0;
    const std::string_view text = trim_field(raw, leading);
    pieces.push_back({text, column + (text.empty() ? 0 : leading)});
    if (cut == std::string_view::npos) break;
    column += code_point_count(raw) + code_point_count(separator);
    rest.remove_prefix(cut + separator.size());
  }
  return pieces;
}

std::vector<std::string> split_members(const Field& field) {
  std::vector<std::string> members;
  if (field.empty()) return members;
  for (const Piece& piece : split_pieces(field, kMemberSeparator)) {
    if (!piece.text.empty()) members.emplace_back(piece.text);
  }
  return members;
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.starts_with("d:")) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == ':' || c == '-';
  });
}

// The value of a `disabled` field: true, false, or std::nullopt when it is neither.
std::optional<bool> disabled_value(std::string_view text) {
  const std::string value = ascii_lower(text);
  if (value.empty() || value == "0" || value == "false") return false;
  if (value == "1" || value == "true") return true;
  return std::nullopt;
}

bool is_four_digit_year(std::string_view text) {
  return text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) {
           return c >= '0' && c <= '9';
         });
}

// Where a form is owned: the entry and the line that gave it.
struct FormOwner {
  std::size_t entry = 0;
  std::size_t line = 0;
};

// Builds entries row by row and checks them against each other.
class TsvCollector {
 public:
  explicit TsvCollector(DiagnosticSink& sink) : sink_(sink) {}

  void add(const Row& row);
  // Checks that need every row (overlapping member versions) and sorts versions.
  void finish();

  std::vector<LexiconEntry> take_entries() { return std::move(entries_); }
  OverlayDirectives take_directives() { return std::move(directives_); }

 private:
  // The first row of an entry, which its member-version rows are compared with.
  struct Draft {
    Row first;
    std::vector<std::pair<std::size_t, std::size_t>> version_positions;  // line, column
  };

  bool check_fields(const Row& row);
  void add_directive(const Row& row);
  std::optional<std::size_t> existing_entry(const Row& row);
  void add_entry(const Row& row);
  void add_version_row(std::size_t index, const Row& row);
  bool claim_form(const std::string& form, std::size_t entry, std::size_t line, std::size_t column);
  void add_variants(const Row& row, LexiconEntry& entry, std::size_t index);
  void add_context(const Row& row, LexiconEntry& entry);
  void add_version(const Row& row, LexiconEntry& entry, Draft& draft);
  void check_member_count(const LexiconEntry& entry, const std::vector<std::string>& members,
                          const Field& field, std::size_t line);
  void check_versions(std::size_t index);

  DiagnosticSink& sink_;
  std::vector<LexiconEntry> entries_;
  std::vector<Draft> drafts_;
  StringMap<std::size_t> by_id_;
  StringMap<std::size_t> by_canonical_;
  StringMap<FormOwner> forms_;             // folded form -> owner
  StringMap<std::size_t> disabled_lines_;  // id of a disabled row -> its line
  OverlayDirectives directives_;
};

// Field-level checks that do not depend on other rows; false when one failed.
bool TsvCollector::check_fields(const Row& row) {
  bool ok = true;
  const Field& id = row[Column::kId];
  if (!id.empty() && !is_valid_id(id.value)) {
    sink_.error(row.line, id.column, "E_VALUE",
                fmt::format("id {} must be 1-64 characters of A-Z a-z 0-9 . _ : - and must not "
                            "start with \"d:\"",
                            quoted(id.value)));
    ok = false;
  }
  const Field& year = row[Column::kFirstYear];
  if (!year.empty() && !is_four_digit_year(year.value)) {
    sink_.error(row.line, year.column, "E_YEAR",
                fmt::format("first_year {} is not a four-digit year", quoted(year.value)));
    ok = false;
  }
  const Field& from = row[Column::kValidFrom];
  const Field& to = row[Column::kValidTo];
  const auto first_day = date_bound(from.value, false);
  const auto last_day = date_bound(to.value, true);
  for (const auto& [field, name, bound] :
       {std::tuple{&from, "valid_from", first_day}, std::tuple{&to, "valid_to", last_day}}) {
    if (!bound) {
      sink_.error(row.line, field->column, "E_DATE",
                  fmt::format("{} {} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD", name,
                              quoted(field->value)));
      ok = false;
    }
  }
  if (first_day && last_day && *first_day > *last_day) {
    sink_.error(row.line, from.column, "E_DATE",
                fmt::format("valid_from {} is after valid_to {}", from.value, to.value));
    ok = false;
  }
  const Field& disabled = row[Column::kDisabled];
  if (!disabled_value(disabled.value)) {
    sink_.error(row.line, disabled.column, "E_VALUE",
                fmt::format("disabled {} must be 1, true, 0, false or empty",
                            quoted(disabled.value)));
    ok = false;
  }
  return ok;
}

void TsvCollector::add(const Row& row) {
  const bool fields_ok = check_fields(row);
  if (disabled_value(row[Column::kDisabled].value).value_or(false)) {
    add_directive(row);
    return;
  }
  const Field& canonical = row[Column::kCanonical];
  if (canonical.empty()) {
    sink_.error(row.line, canonical.column, "E_CANONICAL", "the canonical form is empty");
    return;
  }
  if (const auto existing = existing_entry(row)) {
    if (*existing != SIZE_MAX && fields_ok) add_version_row(*existing, row);
    return;
  }
  add_entry(row);
}

void TsvCollector::add_directive(const Row& row) {
  const Field& id = row[Column::kId];
  const Field& canonical = row[Column::kCanonical];
  const std::string& key = id.empty() ? canonical.value : id.value;
  if (key.empty()) {
    sink_.error(row.line, canonical.column, "E_CANONICAL",
                "a disabled row needs the id or the canonical of the entry it removes");
    return;
  }
  if (disabled_lines_.emplace(key, row.line).second) directives_.disabled_ids.push_back(key);
}

// The entry this row repeats (a member-version row), SIZE_MAX when it clashes with an entry in a
// way that was reported, std::nullopt for a new entry.
std::optional<std::size_t> TsvCollector::existing_entry(const Row& row) {
  const Field& id = row[Column::kId];
  const Field& canonical = row[Column::kCanonical];
  const auto line_of = [&](std::size_t index) { return entries_[index].line; };
  if (!id.empty()) {
    if (const auto it = by_id_.find(id.value); it != by_id_.end()) {
      if (entries_[it->second].canonical == canonical.value) return it->second;
      sink_.error(row.line, id.column, "E_DUP_ENTRY",
                  fmt::format("id {} already belongs to {} (line {})", quoted(id.value),
                              quoted(entries_[it->second].canonical), line_of(it->second)));
      return SIZE_MAX;
    }
    if (const auto it = by_canonical_.find(canonical.value); it != by_canonical_.end()) {
      sink_.error(row.line, canonical.column, "E_DUP_ENTRY",
                  fmt::format("canonical {} is already an entry with id {} (line {})",
                              quoted(canonical.value), quoted(entries_[it->second].id),
                              line_of(it->second)));
      return SIZE_MAX;
    }
    return std::nullopt;
  }
  if (const auto it = by_canonical_.find(canonical.value); it != by_canonical_.end()) {
    return it->second;
  }
  if (const auto it = by_id_.find(canonical.value); it != by_id_.end()) {
    sink_.error(row.line, canonical.column, "E_DUP_ENTRY",
                fmt::format("{} is already the id of {} (line {})", quoted(canonical.value),
                            quoted(entries_[it->second].canonical), line_of(it->second)));
    return SIZE_MAX;
  }
  return std::nullopt;
}

bool TsvCollector::claim_form(const std::string& form, std::size_t entry, std::size_t line,
                              std::size_t column) {
  const auto [it, inserted] = forms_.try_emplace(fold_string(form), FormOwner{entry, line});
  if (inserted || it->second.entry == entry) return true;
  sink_.error(line, column, "E_FORM_CONFLICT",
              fmt::format("form {} already belongs to {} (line {})", quoted(form),
                          quoted(entries_[it->second.entry].canonical), it->second.line));
  return false;
}

void TsvCollector::add_entry(const Row& row) {
  const Field& canonical = row[Column::kCanonical];
  LexiconEntry entry;
  entry.canonical = canonical.value;
  entry.id = row[Column::kId].empty() ? canonical.value : row[Column::kId].value;
  entry.source = sink_.source();
  entry.line = row.line;
  const std::size_t index = entries_.size();
  if (const auto problem = form_problem(entry.canonical)) {
    sink_.error(row.line, canonical.column, "E_FORM", *problem);
    return;
  }
  if (!claim_form(entry.canonical, index, row.line, canonical.column)) return;
  if (folding_changes(entry.canonical)) {
    sink_.warning(row.line, canonical.column, "W_CANONICAL_TRAD",
                  fmt::format("canonical {} contains characters that folding changes; write the "
                              "canonical as {} and keep this spelling as a variant",
                              quoted(entry.canonical), quoted(fold_string(entry.canonical))));
  }
  add_variants(row, entry, index);
  const Field& category = row[Column::kCategory];
  if (!category.empty() && !is_recommended_category(category.value)) {
    sink_.warning(row.line, category.column, "W_CATEGORY",
                  fmt::format("category {} is not one of the recommended categories "
                              "(party-building, ideology, economy, soe-reform, governance, "
                              "tech-innovation, people-livelihood, risk-security, green, "
                              "regional, foreign)",
                              quoted(category.value)));
  }
  entry.category = category.value;
  entry.english = row[Column::kEnglish].value;
  if (is_four_digit_year(row[Column::kFirstYear].value)) {
    entry.first_year = std::stoi(row[Column::kFirstYear].value);
  }
  add_context(row, entry);
  for (const auto& [name, field] : row.extra) entry.extra.emplace_back(name, field.value);
  Draft draft{row, {}};
  add_version(row, entry, draft);
  by_id_.emplace(entry.id, index);
  by_canonical_.emplace(entry.canonical, index);
  entries_.push_back(std::move(entry));
  drafts_.push_back(std::move(draft));
}

void TsvCollector::add_variants(const Row& row, LexiconEntry& entry, std::size_t index) {
  const Field& field = row[Column::kVariants];
  if (field.empty()) return;
  std::unordered_set<std::string_view> listed = {entry.canonical};
  for (const Piece& piece : split_pieces(field, ",")) {
    if (piece.text.empty()) {
      sink_.warning(row.line, piece.column, "W_EMPTY_VARIANT",
                    "empty variant (\",,\" or a comma at an end of the field)");
      continue;
    }
    if (piece.text.starts_with('-')) {
      // "-form": an overlay removes this form from the entry below it (spec §2.8).
      const std::string_view removed = trim_field(piece.text.substr(1));
      if (const auto problem = form_problem(removed)) {
        sink_.error(row.line, piece.column, "E_FORM", *problem);
      } else {
        directives_.removed_forms.emplace_back(entry.id, std::string(removed));
      }
      continue;
    }
    if (const auto problem = form_problem(piece.text)) {
      sink_.error(row.line, piece.column, "E_FORM", *problem);
      continue;
    }
    if (!listed.insert(piece.text).second) {
      sink_.warning(row.line, piece.column, "W_DUP_FORM",
                    fmt::format("form {} is listed twice in this entry", quoted(piece.text)));
      continue;
    }
    if (entry.variants.size() + 1 >= kMaxFormsPerEntry) {
      sink_.error(row.line, piece.column, "E_FORM",
                  fmt::format("an entry has at most {} forms", kMaxFormsPerEntry));
      return;
    }
    const std::string variant(piece.text);
    if (claim_form(variant, index, row.line, piece.column)) entry.variants.push_back(variant);
  }
}

void TsvCollector::add_context(const Row& row, LexiconEntry& entry) {
  const Field& needs = row[Column::kNeedsContext];
  const Field& context = row[Column::kContext];
  if (needs.empty() && context.empty()) return;
  if (context.empty()) {
    sink_.error(row.line, needs.column, "E_CONTEXT",
                "needs_context names forms but the row has no context rule");
    return;
  }
  if (needs.empty()) {
    sink_.error(row.line, context.column, "E_CONTEXT",
                "a context rule without needs_context: name the forms it applies to, or *");
    return;
  }
  ContextSyntaxError syntax_error;
  if (!parse_context_rule(context.value, entry.context, syntax_error)) {
    sink_.error(row.line, context.column + syntax_error.offset, "E_CONTEXT",
                std::move(syntax_error.message));
    return;
  }
  const std::vector<std::string> forms = entry_forms(entry);
  if (needs.value == "*") {
    entry.needs_context = forms;
    return;
  }
  std::unordered_set<std::string> folded_forms;
  for (const std::string& form : forms) folded_forms.insert(fold_string(form));
  std::unordered_set<std::string> folded_names;
  for (const Piece& piece : split_pieces(needs, ",")) {
    std::string folded = fold_string(piece.text);
    if (piece.text.empty() || piece.text == "*" || !folded_forms.contains(folded)) {
      sink_.error(row.line, piece.column, "E_CONTEXT",
                  piece.text == "*"
                      ? std::string("* (all forms) must stand alone in needs_context")
                      : fmt::format("needs_context names {}, which is not a form of this row",
                                    quoted(piece.text)));
      continue;
    }
    folded_names.insert(std::move(folded));
  }
  // Every spelling of a named form needs the context too: 三年行動 as well as 三年行动.
  for (const std::string& form : forms) {
    if (folded_names.contains(fold_string(form))) entry.needs_context.push_back(form);
  }
}

void TsvCollector::add_version(const Row& row, LexiconEntry& entry, Draft& draft) {
  const Field& members_field = row[Column::kMembers];
  std::vector<std::string> members = split_members(members_field);
  if (members.empty() && !row.has_dates()) return;
  check_member_count(entry, members, members_field, row.line);
  entry.versions.push_back(MemberVersion{row[Column::kValidFrom].value,
                                         row[Column::kValidTo].value, std::move(members),
                                         row[Column::kEnglish].value});
  const Field& date = row[Column::kValidFrom].empty() ? row[Column::kValidTo]
                                                      : row[Column::kValidFrom];
  draft.version_positions.emplace_back(row.line, date.column);
}

void TsvCollector::check_member_count(const LexiconEntry& entry,
                                      const std::vector<std::string>& members, const Field& field,
                                      std::size_t line) {
  if (members.empty()) return;
  const std::vector<int> values = member_count_values(entry.canonical);
  if (values.empty()) return;
  std::size_t count = members.size();
  if (counts_characters(entry.canonical)) {
    count = 0;
    for (const std::string& member : members) count += code_point_count(member);
  }
  if (std::find(values.begin(), values.end(), static_cast<int>(count)) != values.end()) return;
  std::string allowed;
  for (const int value : values) allowed += (allowed.empty() ? "" : ", ") + std::to_string(value);
  sink_.warning(line, field.column, "W_MEMBERS_COUNT",
                fmt::format("{} has {} {}, which fits none of its numeral values ({})",
                            quoted(entry.canonical), count,
                            counts_characters(entry.canonical) ? "member characters" : "members",
                            allowed));
}

void TsvCollector::add_version_row(std::size_t index, const Row& row) {
  LexiconEntry& entry = entries_[index];
  Draft& draft = drafts_[index];
  const Field& canonical = row[Column::kCanonical];
  if (!draft.first.has_dates() || !row.has_dates()) {
    sink_.error(row.line, canonical.column, "E_DUP_ENTRY",
                fmt::format("{} is already defined (line {}); repeat a canonical only in "
                            "member-version rows that all carry valid_from or valid_to",
                            quoted(entry.canonical), entry.line));
    return;
  }
  bool changes = false;
  const auto report_change = [&](std::string_view name, const Field& field, std::string_view was) {
    sink_.error(row.line, field.column, "E_DUP_ENTRY",
                fmt::format("a member-version row may only change members and english, but {} "
                            "is {} here and {} on line {}",
                            name, quoted(field.value), quoted(was), entry.line));
    changes = true;
  };
  for (const Column column : kEntryLevelColumns) {
    const Field& field = row[column];
    const Field& first = draft.first[column];
    if (!field.empty() && field.value != first.value) {
      report_change(kColumnNames[static_cast<std::size_t>(column)], field, first.value);
    }
  }
  for (const auto& [name, field] : row.extra) {
    const Field* first = draft.first.extra_field(name);
    if (first == nullptr || first->value != field.value) {
      report_change(name, field, first == nullptr ? std::string_view() : first->value);
    }
  }
  if (!changes) add_version(row, entry, draft);
}

void TsvCollector::check_versions(std::size_t index) {
  LexiconEntry& entry = entries_[index];
  const auto& positions = drafts_[index].version_positions;
  if (entry.versions.size() < 2) return;
  struct Dated {
    DayNumber first;
    DayNumber last;
    std::size_t version;
  };
  std::vector<Dated> dated;
  for (std::size_t i = 0; i < entry.versions.size(); ++i) {
    const auto first = date_bound(entry.versions[i].valid_from, false);
    const auto last = date_bound(entry.versions[i].valid_to, true);
    if (!first || !last) return;  // a malformed date, already reported
    dated.push_back({*first, *last, i});
  }
  std::stable_sort(dated.begin(), dated.end(),
                   [](const Dated& a, const Dated& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < dated.size(); ++i) {
    if (dated[i].first > dated[i - 1].last) continue;
    const auto& [line, column] = positions[dated[i].version];
    const MemberVersion& earlier = entry.versions[dated[i - 1].version];
    sink_.error(line, column, "E_DATE",
                fmt::format("member versions of {} overlap: this one and the one of line {} "
                            "(valid_from {}, valid_to {})",
                            quoted(entry.canonical), positions[dated[i - 1].version].first,
                            earlier.valid_from.empty() ? "open" : earlier.valid_from,
                            earlier.valid_to.empty() ? "open" : earlier.valid_to));
  }
  std::vector<MemberVersion> sorted;
  for (const Dated& d : dated) sorted.push_back(std::move(entry.versions[d.version]));
  entry.versions = std::move(sorted);
}

void TsvCollector::finish() {
  for (std::size_t i = 0; i < entries_.size(); ++i) check_versions(i);
}

}  // namespace

std::vector<std::string> entry_forms(const LexiconEntry& entry) {
  std::vector<std::string> forms;
  forms.reserve(entry.variants.size() + 1);
  forms.push_back(entry.canonical);
  forms.insert(forms.end(), entry.variants.begin(), entry.variants.end());
  return forms;
}

bool looks_like_tsv(std::string_view text) {
  if (first_invalid_utf8(text)) return false;
  for (const SourceLine& line : split_lines(text)) {
    if (is_blank_or_comment(line.text)) continue;
    for (const RawField& field : split_fields(line.text)) {
      if (ascii_lower(field.text) == "canonical") return true;
    }
    return false;
  }
  return false;
}

bool reject_non_utf8(std::string_view text, const std::string& source, LoadResult& result) {
  const auto bad = first_invalid_utf8(text);
  if (!bad) return false;
  DiagnosticSink sink(source);
  report_invalid_utf8(sink, text, *bad);
  result.has_error = true;
  result.diagnostics = sink.take();
  return true;
}

LoadResult load_tsv(std::string_view text, const std::string& source) {
  LoadResult result;
  if (reject_non_utf8(text, source, result)) return result;
  DiagnosticSink sink(source);
  std::optional<Header> header;
  TsvCollector collector(sink);
  for (const SourceLine& line : split_lines(text)) {
    if (is_blank_or_comment(line.text)) continue;
    if (!header) {
      header = parse_header(line, sink);
      if (!header) break;
      continue;
    }
    collector.add(parse_row(line, *header, sink));
  }
  collector.finish();
  result.entries = collector.take_entries();
  result.directives = collector.take_directives();
  result.has_error = sink.has_error();
  result.diagnostics = sink.take();
  return result;
}

}  // namespace tifa::slogans
