// The canonical serialisation of a lexicon (spec/slogans.md §2.8): the native TSV with entries
// sorted by id and a fixed column order, so that equal lexicons give equal bytes and hashes, and
// loading the serialisation gives the same lexicon again.
#include <algorithm>
#include <set>
#include <unordered_set>

#include <fmt/core.h>

#include "slogans/lexicon_context.hpp"
#include "slogans/lexicon_impl.hpp"

namespace tifa::slogans {

namespace {

constexpr std::string_view kFixedColumns[] = {"id",       "canonical",     "variants", "category",
                                              "members",  "english",       "first_year",
                                              "valid_from", "valid_to", "needs_context", "context"};

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

// needs_context as written: `*` when every form needs context, else the forms in form order.
std::string needs_context_field(const LexiconEntry& entry) {
  const std::unordered_set<std::string_view> needed(entry.needs_context.begin(),
                                                    entry.needs_context.end());
  std::vector<std::string> listed;
  const std::vector<std::string> forms = entry_forms(entry);
  for (const std::string& form : forms) {
    if (needed.contains(form)) listed.push_back(form);
  }
  if (!listed.empty() && listed.size() == forms.size()) return "*";
  return join(listed, ",");
}

std::string_view extra_value(const LexiconEntry& entry, const std::string& name) {
  const std::string* value = entry.extra_field(name);
  return value == nullptr ? std::string_view() : std::string_view(*value);
}

void append_row(std::string& out, const std::vector<std::string_view>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += '\t';
    out += fields[i];
  }
  out += '\n';
}

void append_entry(std::string& out, const LexiconEntry& entry,
                  const std::vector<std::string>& extra_names) {
  // A default id (the canonical) is written empty: it need not match the id syntax.
  const std::string_view id = entry.id == entry.canonical ? std::string_view() : entry.id;
  const std::string variants = join(entry.variants, ",");
  const std::string first_year =
      entry.first_year == 0 ? std::string() : fmt::format("{:04d}", entry.first_year);
  const std::string needs_context = needs_context_field(entry);
  const std::string context = needs_context.empty() ? "" : format_context_rule(entry.context);
  static const MemberVersion kNoVersion;
  const MemberVersion& first = entry.versions.empty() ? kNoVersion : entry.versions.front();
  const std::string members = join(first.members, "\u3001");
  std::vector<std::string_view> fields = {id, entry.canonical, variants, entry.category, members,
                                          entry.english, first_year, first.valid_from,
                                          first.valid_to, needs_context, context};
  for (const std::string& name : extra_names) fields.push_back(extra_value(entry, name));
  append_row(out, fields);
  // Further member versions repeat the entry's id and canonical and give only what they change.
  for (std::size_t v = 1; v < entry.versions.size(); ++v) {
    const MemberVersion& version = entry.versions[v];
    const std::string version_members = join(version.members, "\u3001");
    std::vector<std::string_view> version_fields = {
        id, entry.canonical, "", "", version_members, version.english, "",
        version.valid_from, version.valid_to, "", ""};
    version_fields.resize(version_fields.size() + extra_names.size());
    append_row(out, version_fields);
  }
}

}  // namespace

std::string serialize_entries(const std::vector<LexiconEntry>& entries) {
  std::vector<const LexiconEntry*> sorted;
  sorted.reserve(entries.size());
  std::set<std::string> extra_set;
  for (const LexiconEntry& entry : entries) {
    sorted.push_back(&entry);
    for (const auto& field : entry.extra) extra_set.insert(field.first);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const LexiconEntry* a, const LexiconEntry* b) { return a->id < b->id; });
  const std::vector<std::string> extra_names(extra_set.begin(), extra_set.end());

  std::string out;
  std::vector<std::string_view> header(std::begin(kFixedColumns), std::end(kFixedColumns));
  for (const std::string& name : extra_names) header.push_back(name);
  append_row(out, header);
  for (const LexiconEntry* entry : sorted) append_entry(out, *entry, extra_names);
  return out;
}

}  // namespace tifa::slogans
