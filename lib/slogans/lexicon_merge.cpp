// Layering an overlay lexicon over a base one (spec/slogans.md §2.8). Entries are matched by id;
// the overlay's non-empty fields win, its variants are added (or removed, written "-form"), its
// member versions replace the base's, `disabled` rows remove entries, and a form the overlay gives
// to one entry leaves any other entry that had it (W_FORM_MOVED).
#include <algorithm>
#include <unordered_set>

#include <fmt/core.h>

#include "slogans/fold.hpp"
#include "slogans/lexicon_impl.hpp"
#include "slogans/lexicon_text.hpp"

namespace tifa::slogans {

namespace {

using FoldedSet = std::unordered_set<std::string>;

FoldedSet folded_set(const std::vector<std::string>& forms) {
  FoldedSet out;
  for (const std::string& form : forms) out.insert(fold_string(form));
  return out;
}

// True when every form of the entry needs context (written `*`).
bool all_forms_need_context(const LexiconEntry& entry) {
  if (entry.needs_context.empty()) return false;
  const std::unordered_set<std::string_view> needed(entry.needs_context.begin(),
                                                    entry.needs_context.end());
  const std::vector<std::string> forms = entry_forms(entry);
  return std::all_of(forms.begin(), forms.end(),
                     [&](const std::string& form) { return needed.contains(form); });
}

// The forms of `entry` whose folded spelling is in `folded`, in form order.
std::vector<std::string> forms_folding_to(const LexiconEntry& entry, const FoldedSet& folded) {
  std::vector<std::string> out;
  for (const std::string& form : entry_forms(entry)) {
    if (folded.contains(fold_string(form))) out.push_back(form);
  }
  return out;
}

// Drops every variant (never the canonical) of `entry` that folds to one of `folded`.
void remove_variants(LexiconEntry& entry, const FoldedSet& folded) {
  if (folded.empty()) return;
  const auto removed = [&](const std::string& form) {
    return form != entry.canonical && folded.contains(fold_string(form));
  };
  std::erase_if(entry.variants, removed);
  std::erase_if(entry.needs_context, removed);
  if (entry.needs_context.empty()) entry.context = ContextRule{};
}

// The base entry `entry` with the overlay entry `overlay` (same id) applied.
void apply_overlay(LexiconEntry& entry, const LexiconEntry& overlay,
                   const OverlayDirectives& directives) {
  const bool all_needed = all_forms_need_context(entry);
  const FoldedSet needed_before = folded_set(entry.needs_context);
  entry.canonical = overlay.canonical;
  std::erase(entry.variants, entry.canonical);
  std::unordered_set<std::string> forms(entry.variants.begin(), entry.variants.end());
  forms.insert(entry.canonical);
  for (const std::string& variant : overlay.variants) {
    if (forms.insert(variant).second) entry.variants.push_back(variant);
  }
  FoldedSet removals;
  for (const auto& [id, form] : directives.removed_forms) {
    if (id == overlay.id) removals.insert(fold_string(form));
  }
  remove_variants(entry, removals);
  if (!overlay.category.empty()) entry.category = overlay.category;
  if (!overlay.english.empty()) entry.english = overlay.english;
  if (overlay.first_year != 0) entry.first_year = overlay.first_year;
  if (!overlay.versions.empty()) entry.versions = overlay.versions;
  if (!overlay.needs_context.empty()) {
    entry.context = overlay.context;
    entry.needs_context = all_forms_need_context(overlay)
                              ? entry_forms(entry)
                              : forms_folding_to(entry, folded_set(overlay.needs_context));
  } else if (all_needed) {
    entry.needs_context = entry_forms(entry);
  } else {
    entry.needs_context = forms_folding_to(entry, needed_before);
  }
  if (entry.needs_context.empty()) entry.context = ContextRule{};
  for (const auto& [name, value] : overlay.extra) {
    // A plain reference for the lambda: clang before 16 cannot capture a structured binding.
    const auto& key = name;
    const auto it = std::find_if(entry.extra.begin(), entry.extra.end(),
                                 [&key](const auto& field) { return field.first == key; });
    if (it == entry.extra.end()) {
      entry.extra.emplace_back(name, value);
    } else {
      it->second = value;
    }
  }
}

LexiconDiagnostic moved_warning(const LexiconEntry& claimant, std::string message) {
  return LexiconDiagnostic{claimant.source, claimant.line, 0, "W_FORM_MOVED", false,
                           std::move(message)};
}

}  // namespace

std::vector<LexiconEntry> merge_entries(const std::vector<LexiconEntry>& base,
                                        const std::vector<LexiconEntry>& overlay,
                                        const OverlayDirectives& directives,
                                        std::vector<LexiconDiagnostic>& warnings) {
  std::vector<LexiconEntry> merged = base;
  StringMap<std::size_t> by_id;
  for (std::size_t i = 0; i < merged.size(); ++i) by_id.emplace(merged[i].id, i);

  // The entry each overlay entry became, and the forms the overlay claims for it.
  // folded form -> (index of the merged entry, the overlay entry that claims it)
  StringMap<std::pair<std::size_t, const LexiconEntry*>> claimed;
  for (const LexiconEntry& entry : overlay) {
    std::size_t target = 0;
    if (const auto it = by_id.find(entry.id); it != by_id.end()) {
      target = it->second;
      apply_overlay(merged[target], entry, directives);
    } else {
      target = merged.size();
      merged.push_back(entry);
      by_id.emplace(entry.id, target);
    }
    for (const std::string& form : entry_forms(entry)) {
      claimed.insert_or_assign(fold_string(form), std::pair{target, &entry});
    }
  }

  std::vector<bool> removed(merged.size(), false);
  for (const std::string& id : directives.disabled_ids) {
    if (const auto it = by_id.find(id); it != by_id.end()) removed[it->second] = true;
  }

  for (std::size_t i = 0; i < merged.size(); ++i) {
    if (removed[i]) continue;
    LexiconEntry& entry = merged[i];
    FoldedSet moved;
    for (const std::string& form : entry_forms(entry)) {
      std::string folded = fold_string(form);
      const auto it = claimed.find(folded);
      if (it == claimed.end() || it->second.first == i) continue;
      const LexiconEntry& claimant = *it->second.second;
      if (form == entry.canonical) {
        removed[i] = true;
        warnings.push_back(moved_warning(
            claimant, fmt::format("form {} moved from {} (id {}) to {}; {} had it as its "
                                  "canonical and is removed",
                                  quoted(form), quoted(entry.canonical), quoted(entry.id),
                                  quoted(claimant.canonical), quoted(entry.canonical))));
        break;
      }
      warnings.push_back(moved_warning(
          claimant, fmt::format("form {} moved from {} (id {}) to {}", quoted(form),
                                quoted(entry.canonical), quoted(entry.id),
                                quoted(claimant.canonical))));
      moved.insert(std::move(folded));
    }
    if (!removed[i]) remove_variants(entry, moved);
  }

  std::vector<LexiconEntry> out;
  out.reserve(merged.size());
  for (std::size_t i = 0; i < merged.size(); ++i) {
    if (!removed[i]) out.push_back(std::move(merged[i]));
  }
  return out;
}

}  // namespace tifa::slogans
