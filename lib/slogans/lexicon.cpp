// tifa::Lexicon (spec/slogans.md §2): loading, lookup, member versions, merging, serialisation.
#include "tifa/lexicon.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/core.h>

#include "slogans/builtin_data.hpp"
#include "slogans/fold.hpp"
#include "slogans/lexicon_impl.hpp"
#include "slogans/lexicon_text.hpp"
#include "slogans/lexicon_versions.hpp"
#include "slogans/sha256.hpp"

namespace tifa {

namespace {

// Larger lexicon files are refused rather than read into memory.
constexpr std::uintmax_t kMaxLexiconFileBytes = 256u << 20;

// The message of a LexiconError: one diagnostic per line (the C API's last-error text).
std::string join_diagnostics(const std::vector<LexiconDiagnostic>& diagnostics) {
  std::string out;
  for (const LexiconDiagnostic& diagnostic : diagnostics) {
    if (!out.empty()) out += '\n';
    out += diagnostic.to_string();
  }
  return out.empty() ? std::string("invalid lexicon") : out;
}

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         slogans::ascii_lower(text.substr(text.size() - suffix.size())) == suffix;
}

LexiconFormat format_for_path(const std::string& path, LexiconFormat format) {
  if (format != LexiconFormat::kAuto) return format;
  if (ends_with_ignoring_case(path, ".yml") || ends_with_ignoring_case(path, ".yaml")) {
    return LexiconFormat::kQuantedaYaml;
  }
  if (ends_with_ignoring_case(path, ".tsv")) return LexiconFormat::kTsv;
  return LexiconFormat::kAuto;
}

slogans::LoadResult load(std::string_view text, LexiconFormat format, const std::string& source) {
  switch (format) {
    case LexiconFormat::kTsv:
      return slogans::load_tsv(text, source);
    case LexiconFormat::kWordList:
      return slogans::load_word_list(text, source, false);
    case LexiconFormat::kJieba:
      return slogans::load_word_list(text, source, true);
    case LexiconFormat::kQuantedaYaml:
      return slogans::load_quanteda_yaml(text, source);
    case LexiconFormat::kAuto:
      break;
  }
  return slogans::looks_like_tsv(text) ? slogans::load_tsv(text, source)
                                       : slogans::load_word_list(text, source, false);
}

// The bytes of a file, or the E_IO diagnostic that says why they cannot be read.
std::optional<std::string> read_lexicon_file(const std::string& path, LexiconDiagnostic& problem) {
  problem = LexiconDiagnostic{path, 0, 0, "E_IO", true, {}};
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    problem.message = fmt::format("cannot read the lexicon: {}", ec.message());
    return std::nullopt;
  }
  if (size > kMaxLexiconFileBytes) {
    problem.message = fmt::format("the lexicon has {} bytes, more than the limit of {}", size,
                                  kMaxLexiconFileBytes);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    problem.message = "cannot read the lexicon";
    return std::nullopt;
  }
  return bytes;
}

}  // namespace

std::string LexiconDiagnostic::to_string() const {
  std::string out = source;
  if (line > 0) out += fmt::format(":{}", line);
  if (line > 0 && column > 0) out += fmt::format(":{}", column);
  out += fmt::format(": {}[{}]: {}", error ? "error" : "warning", code, message);
  return out;
}

LexiconError::LexiconError(ErrorCode code, std::vector<LexiconDiagnostic> diagnostics)
    : Error(code, join_diagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

bool ContextRule::empty() const noexcept {
  return !full && !quoted && !bounded_left && doc.empty() && sentence.empty() &&
         not_sentence.empty() && not_before.empty() && not_after.empty();
}

const std::string* LexiconEntry::extra_field(std::string_view name) const noexcept {
  const auto same = [&](std::string_view stored) {
    if (stored.size() != name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
      char c = name[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (stored[i] != c) return false;
    }
    return true;
  };
  for (const auto& [field_name, value] : extra) {
    if (same(field_name)) return &value;
  }
  return nullptr;
}

bool LexiconEntry::form_needs_context(std::string_view form) const noexcept {
  return std::find(needs_context.begin(), needs_context.end(), form) != needs_context.end();
}

std::shared_ptr<const Lexicon::Impl> Lexicon::Impl::make(std::vector<LexiconEntry> entries,
                                                         slogans::OverlayDirectives directives,
                                                         std::vector<LexiconDiagnostic> warnings) {
  auto impl = std::make_shared<Impl>();
  impl->entries = std::move(entries);
  impl->directives = std::move(directives);
  impl->warnings = std::move(warnings);
  impl->by_id.reserve(impl->entries.size());
  for (std::size_t i = 0; i < impl->entries.size(); ++i) {
    const LexiconEntry& entry = impl->entries[i];
    impl->by_id.emplace(entry.id, i);
    for (const std::string& form : slogans::entry_forms(entry)) {
      impl->by_form.emplace(slogans::fold_string(form), i);
    }
  }
  impl->sha256 = slogans::sha256_hex(slogans::serialize_entries(impl->entries));
  return impl;
}

Lexicon::Lexicon() : impl_([] {
    static const std::shared_ptr<const Impl> kEmpty = Impl::make({}, {}, {});
    return kEmpty;
  }()) {}

Lexicon::Lexicon(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

const Lexicon& Lexicon::builtin() {
  static const Lexicon kBuiltin =
      from_buffer(slogans::builtin_lexicon_tsv(), LexiconFormat::kTsv, "slogans.tsv");
  return kBuiltin;
}

Lexicon Lexicon::from_file(const std::string& path, LexiconFormat format) {
  LexiconDiagnostic problem;
  const auto bytes = read_lexicon_file(path, problem);
  if (!bytes) throw LexiconError(ErrorCode::kIo, {problem});
  return from_buffer(*bytes, format_for_path(path, format), path);
}

Lexicon Lexicon::from_buffer(std::string_view text, LexiconFormat format, std::string source) {
  slogans::LoadResult result = load(text, format, source);
  if (result.has_error) throw LexiconError(ErrorCode::kLexicon, std::move(result.diagnostics));
  return Lexicon(Impl::make(std::move(result.entries), std::move(result.directives),
                            std::move(result.diagnostics)));
}

Lexicon Lexicon::merged(const Lexicon& base, const Lexicon& overlay) {
  std::vector<LexiconDiagnostic> warnings = base.impl_->warnings;
  warnings.insert(warnings.end(), overlay.impl_->warnings.begin(), overlay.impl_->warnings.end());
  std::vector<LexiconEntry> entries = slogans::merge_entries(
      base.impl_->entries, overlay.impl_->entries, overlay.impl_->directives, warnings);
  return Lexicon(Impl::make(std::move(entries), {}, std::move(warnings)));
}

std::vector<LexiconDiagnostic> Lexicon::check(const std::string& path, LexiconFormat format) {
  LexiconDiagnostic problem;
  const auto bytes = read_lexicon_file(path, problem);
  if (!bytes) return {problem};
  return check_buffer(*bytes, format_for_path(path, format), path);
}

std::vector<LexiconDiagnostic> Lexicon::check_buffer(std::string_view text, LexiconFormat format,
                                                     std::string source) {
  return load(text, format, source).diagnostics;
}

std::span<const LexiconEntry> Lexicon::entries() const noexcept { return impl_->entries; }

const LexiconEntry* Lexicon::find(std::string_view id) const noexcept {
  const auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? nullptr : &impl_->entries[it->second];
}

const LexiconEntry* Lexicon::find_form(std::string_view form) const {
  if (slogans::first_invalid_utf8(form)) return nullptr;
  const auto it = impl_->by_form.find(slogans::fold_string(slogans::to_nfc(form)));
  return it == impl_->by_form.end() ? nullptr : &impl_->entries[it->second];
}

std::vector<std::string> Lexicon::members(std::string_view id, std::string_view date) const {
  const LexiconEntry* entry = find(id);
  if (entry == nullptr) return {};
  const MemberVersion* version = slogans::select_version(entry->versions, date);
  return version == nullptr ? std::vector<std::string>() : version->members;
}

const std::vector<LexiconDiagnostic>& Lexicon::warnings() const noexcept {
  return impl_->warnings;
}

std::string Lexicon::serialize() const { return slogans::serialize_entries(impl_->entries); }

const std::string& Lexicon::sha256() const noexcept { return impl_->sha256; }

}  // namespace tifa
