// tifa::Recognizer: lexicon matching, context rules, quote-split forms, discovery, member linking,
// confidence and per-document counts (spec/slogans.md).
#include "tifa/slogans.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <unordered_map>

#include "slogans/context.hpp"
#include "slogans/discovery.hpp"
#include "slogans/fold.hpp"
#include "slogans/found.hpp"
#include "slogans/ignorable.hpp"
#include "slogans/lexicon_text.hpp"
#include "slogans/lexicon_versions.hpp"
#include "slogans/matcher.hpp"
#include "slogans/members.hpp"
#include "slogans/numerals.hpp"
#include "slogans/stats.hpp"
#include "slogans/text_view.hpp"
#include "tifa/error.hpp"
#include "tifa/sentences.hpp"
#include "util/utf8.hpp"

namespace tifa {

namespace {

using slogans::ContextResult;
using slogans::Found;
using slogans::TextView;

// One form of the lexicon as the matcher sees it.
struct Pattern {
  const LexiconEntry* entry;
  bool needs_context;
  MentionKind kind;  // of the form when not quoted (§1.3)
  std::string_view form;  // the entry's own string
  bool form_folds;        // folding changes the form (a traditional or full-width one)
};

constexpr std::size_t kQuoteSplitLookahead = 16;  // code points after a closing mark (S8)

Confidence lower(Confidence level) {
  return level == Confidence::kHigh ? Confidence::kMedium : Confidence::kLow;
}

Confidence raise(Confidence level) {
  return level == Confidence::kLow ? Confidence::kMedium : Confidence::kHigh;
}



SentenceOptions sentence_options(const std::string& page_marker) {
  SentenceOptions out;
  out.page_marker = page_marker;
  return out;
}

// TextView::block_of / sentence_of for positions asked about in text order (the mentions, kept
// sorted): the index walks on from the last answer instead of a binary search for each; a position
// before the last answer's span is searched for as before.
class SpanCursor {
 public:
  explicit SpanCursor(const std::vector<Span>& spans) : spans_(spans) {}

  // The index of the last span beginning at or before `pos` (0 when none does), as index_of gives.
  std::size_t index_of(std::size_t pos) {
    if (spans_.empty()) return 0;
    if (spans_[index_].begin > pos) {
      if (index_ == 0) return 0;
      const auto after = std::upper_bound(spans_.begin(), spans_.end(), pos,
                                          [](std::size_t p, const Span& span) { return p < span.begin; });
      index_ = after == spans_.begin() ? 0 : static_cast<std::size_t>(after - spans_.begin()) - 1;
      return index_;
    }
    while (index_ + 1 < spans_.size() && spans_[index_ + 1].begin <= pos) ++index_;
    return index_;
  }

 private:
  const std::vector<Span>& spans_;
  std::size_t index_ = 0;
};

}  // namespace

// What member linking needs of an entry, worked out once per lexicon (§5 rule 3).
struct EntryCounts {
  std::vector<int> values;
  bool characters = false;
};

struct Recognizer::Impl {
  Lexicon lexicon;
  slogans::SharedHeads shared_heads;  // of `lexicon`, for D8
  RecognizerOptions options;
  std::vector<Pattern> patterns;
  std::unordered_map<const LexiconEntry*, EntryCounts> entry_counts;
  // The members of each version of each entry, folded once here rather than for each mention.
  std::unordered_map<const MemberVersion*, std::vector<std::string>> folded_members;
  slogans::Matcher matcher;
  SentenceSplitter splitter;
  // The folded first characters of the forms, a bit per BMP code point (a form starting beyond it
  // or with an ignorable unit sets every_start): a match can begin only at one of them.
  std::vector<std::uint64_t> form_starts = std::vector<std::uint64_t>(0x10000 / 64, 0);
  bool every_start = false;

  bool may_start_form(char32_t folded) const {
    return every_start || folded >= 0x10000 || ((form_starts[folded / 64] >> (folded % 64)) & 1u) != 0;
  }

  Impl(Lexicon lexicon_in, RecognizerOptions options_in)
      : lexicon(std::move(lexicon_in)),
        shared_heads(lexicon),
        options(std::move(options_in)),
        splitter(sentence_options(options.page_marker)) {
    std::vector<std::string> forms;
    for (const LexiconEntry& entry : lexicon.entries()) {
      // The kind describes the surface (§1.3): each form has its own.
      const auto add = [&](const std::string& form) {
        forms.push_back(form);
        patterns.push_back({&entry, entry.form_needs_context(form),
                            slogans::kind_of(slogans::fold_string(form), false), form,
                            slogans::folding_changes(form)});
      };
      add(entry.canonical);
      for (const std::string& variant : entry.variants) add(variant);
    }
    matcher = slogans::Matcher(forms, {options.gap_tolerance, options.page_marker});
    for (const std::string& form : forms) {
      if (form.empty() || slogans::ignorable_length(form, 0, options.page_marker) > 0) {
        every_start = true;
        continue;
      }
      const char32_t first = slogans::fold(util::code_point_at(form, 0));
      if (first >= 0x10000) {
        every_start = true;
      } else {
        form_starts[first / 64] |= std::uint64_t{1} << (first % 64);
      }
    }
    for (const LexiconEntry& entry : lexicon.entries()) {
      entry_counts[&entry] = {slogans::member_count_values(entry.canonical), slogans::counts_characters(entry.canonical)};
      for (const MemberVersion& version : entry.versions) {
        std::vector<std::string>& folded = folded_members[&version];
        folded.reserve(version.members.size());
        for (const std::string& member : version.members) folded.push_back(slogans::fold_string(member));
      }
    }
  }
};

namespace {

// Recognition of one text: each step adds to or grades `found_`, kept sorted by span.
class TextRecognition {
 public:
  TextRecognition(const Recognizer::Impl& impl, const TextView& view)
      : impl_(impl), view_(view), folded_(view.text) {}

  std::vector<Mention> run() {
    match_lexicon();
    add_quote_splits();
    if (impl_.options.discovery) {
      const slogans::DiscoveryInput input{view_, impl_.lexicon, impl_.shared_heads, failed_, impl_.options.page_marker};
      slogans::discover(input, found_);
      slogans::link_abbreviations(input, found_);
    }
    if (impl_.options.members) link_all_members();
    grade();
    return stored();
  }

 private:
  Found lexicon_found(const Pattern& pattern, Span span, unsigned gap_runs) const {
    Found found;
    fill_lexicon_found(found, pattern, span, gap_runs);
    return found;
  }

  // lexicon_found() on a Found just constructed in place (a Found is large to move).
  void fill_lexicon_found(Found& found, const Pattern& pattern, Span span, unsigned gap_runs) const {
    const LexiconEntry& entry = *pattern.entry;
    found.entry = &entry;
    Mention& m = found.mention;
    m.span = span;
    m.canonical = entry.canonical;
    m.slogan_id = entry.id;
    m.category = entry.category;
    m.in_lexicon = true;
    m.rule.push_back('L');  // not `= "L"`: GCC 12 warns falsely (-Wrestrict) on that
    m.quoted = view_.quote_with_content(span) != nullptr;
    m.kind = m.quoted && pattern.kind == MentionKind::kLexicon ? MentionKind::kQuoted : pattern.kind;
    m.confidence = Confidence::kHigh;
    if (gap_runs > 0) m.flags |= kMentionGap;
    // Most matches are the form itself, letter for letter: folding changes them as it changes the form.
    const std::string_view seen = surface(span);
    if (seen == pattern.form ? pattern.form_folds : slogans::folding_changes(seen)) m.flags |= kMentionTraditional;
    if (view_.in_title(span)) m.flags |= kMentionInBookTitle;
  }

  std::string_view surface(Span span) const { return view_.text.substr(span.begin, span.size()); }

  // The folded surface without ignorable units: what a failed form is remembered as.
  std::string folded_without_gaps(Span span) const {
    std::string out;
    const std::string_view text = view_.text;
    for (std::size_t pos = span.begin, length = 0; pos < span.end; pos += length) {
      length = slogans::ignorable_length(text, pos, impl_.options.page_marker);
      if (length > 0) continue;
      const char32_t cp = util::decode_at(text, pos, length);
      util::append_utf8(out, slogans::fold(cp));
    }
    return out;
  }

  void match_lexicon() {
    std::vector<slogans::MatcherMatch> raw;
    impl_.matcher.find(view_.text, raw);
    found_.reserve(raw.size());
    // `full` (§2.4): entries with a form that needs no context somewhere in the text.
    // A sorted vector: a few entries per document, where a hash set would allocate a node each.
    std::vector<const LexiconEntry*> unambiguous;
    for (const auto& match : raw) {
      const Pattern& pattern = impl_.patterns[match.pattern];
      if (!pattern.needs_context) unambiguous.push_back(pattern.entry);
    }
    std::sort(unambiguous.begin(), unambiguous.end());
    for (const auto& match : raw) {
      const Pattern& pattern = impl_.patterns[match.pattern];
      const Span span{match.begin, match.end};
      // Made in place (found_ has room for every match), and dropped again when its context fails.
      Found& found = found_.emplace_back();
      fill_lexicon_found(found, pattern, span, match.gap_runs);
      if (pattern.needs_context) {
        const bool full = std::binary_search(unambiguous.begin(), unambiguous.end(), pattern.entry);
        const ContextResult result =
            view_.in_title(span) ? ContextResult::kFailed
                                 : slogans::check_context(pattern.entry->context, {view_, span, full, folded_});
        if (result == ContextResult::kFailed) {
          failed_.insert(folded_without_gaps(span));
          found_.pop_back();
          continue;
        }
        found.mention.flags |= kMentionContext;
        if (result == ContextResult::kHeldThroughTerms) found.mention.confidence = Confidence::kMedium;
      }
    }
  }

  bool covered(Span span) const { return slogans::overlaps_any(found_, span); }

  // S8: a quote that cuts a lexicon form takes its canonical from the form completed by the
  // characters right after the closing mark; the span stays inside the quotes.
  void add_quote_splits() {
    const std::string_view text = view_.text;
    std::vector<Found> added;
    std::string probe;  // reused from quote to quote: most are longer than a string holds in place
    SpanCursor blocks(view_.blocks);  // the quotes are sorted by where they open
    for (const slogans::QuotePair& quote : view_.quotes) {
      // Only a form that begins where the content begins counts: most contents begin with a
      // character no form begins with, and need no probe (a test cheaper than covered()).
      if (quote.content.empty() ||
          !impl_.may_start_form(slogans::fold(util::code_point_at(text, quote.content.begin))) ||
          covered(quote.content)) {
        continue;
      }
      const Span block = view_.blocks.empty() ? Span{0, text.size()} : view_.blocks[blocks.index_of(quote.outer.begin)];
      std::size_t after = quote.outer.end;
      for (std::size_t i = 0, length = 0; i < kQuoteSplitLookahead && after < block.end; ++i, after += length) {
        util::decode_at(text, after, length);
      }
      probe.assign(surface(quote.content));
      probe += text.substr(quote.outer.end, after - quote.outer.end);
      // Only the first match counts, and only when it begins the probe: the walk from there.
      slogans::MatcherMatch match;
      if (!impl_.matcher.find_at_start(probe, match) || match.end <= quote.content.size()) continue;
      const Pattern& pattern = impl_.patterns[match.pattern];
      if (pattern.needs_context) continue;
      Found found = lexicon_found(pattern, quote.content, 0);
      found.mention.flags |= kMentionQuoteSplit;
      added.push_back(std::move(found));
    }
    if (added.empty()) return;
    for (Found& found : added) found_.push_back(std::move(found));
    sort_found();
  }

  void sort_found() {
    std::stable_sort(found_.begin(), found_.end(), [](const Found& a, const Found& b) {
      return a.mention.span.begin < b.mention.span.begin;
    });
  }

  // The member query of `found` into `query`, every field set. `query` is reused from mention to
  // mention, so that the count values of a lexicon entry are copied into room the vector already has.
  // `days`: the document's date, worked out once for all its mentions.
  // `blocks`: a cursor over view_.blocks, for the mentions in their order.
  void fill_member_query(const Found& found, const slogans::DateDays& days, SpanCursor& blocks,
                         slogans::MemberQuery& query) const {
    const Mention& m = found.mention;
    query.lexicon_members = {};
    query.definition_only = false;
    query.text = view_.text;
    query.block = view_.blocks.empty() ? Span{0, view_.text.size()} : view_.blocks[blocks.index_of(m.span.begin)];
    query.mention = m.span;
    const slogans::QuotePair* quote = m.quoted ? view_.quote_with_content(m.span) : nullptr;
    query.outer = quote ? quote->outer : m.span;
    if (const auto it = impl_.entry_counts.find(found.entry); found.entry != nullptr && it != impl_.entry_counts.end()) {
      query.count_values.assign(it->second.values.begin(), it->second.values.end());
      query.count_characters = it->second.characters;
    } else {
      query.count_values = slogans::member_count_values(m.canonical);
      // Only the count check reads it, and it needs count values. An N字 count needs a 字: most
      // numeric canonicals have none, and need not be decoded a second time.
      query.count_characters = !query.count_values.empty() && m.canonical.find("字") != std::string::npos &&
                               slogans::counts_characters(m.canonical);
    }
    if (query.count_values.empty()) {
      if (found.entry != nullptr) {
        // Lexicon::members(id, date) of the entry at hand, without looking it up and copying.
        const MemberVersion* version = slogans::select_version(found.entry->versions, days);
        if (version != nullptr) query.lexicon_members = impl_.folded_members.at(version);
      } else {
        query.definition_only = true;
      }
    }
  }

  // §5: members stated in the text; the enumerations used are no mentions themselves (S6). One
  // enumeration links to one slogan, the nearest: links are granted in order of distance.
  void link_all_members() {
    struct Candidate {
      std::size_t found;
      slogans::MemberLink link;
      std::size_t distance;
    };
    std::vector<Candidate> candidates;
    const slogans::DateDays days = slogans::date_days(view_.date);
    SpanCursor blocks(view_.blocks);
    slogans::MemberQuery query;
    for (std::size_t i = 0; i < found_.size(); ++i) {
      Found& found = found_[i];
      if (!found.own_items.empty()) {
        found.mention.members = found.own_items;
        continue;
      }
      fill_member_query(found, days, blocks, query);
      if (query.count_values.empty() && query.lexicon_members.empty() && !query.definition_only) continue;
      auto link = slogans::link_members(query);
      if (!link || link->items.empty()) continue;
      const Span span = found.mention.span;
      const std::size_t distance = link->enumeration.end <= span.begin ? span.begin - link->enumeration.end
                                   : link->enumeration.begin >= span.end ? link->enumeration.begin - span.end
                                                                         : 0;
      candidates.push_back({i, std::move(*link), distance});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.distance < b.distance; });
    Enumerations used;
    for (Candidate& candidate : candidates) {
      if (!used.add(candidate.link.enumeration)) continue;
      Found& found = found_[candidate.found];
      found.mention.members = std::move(candidate.link.items);
      found.mention.members_partial = candidate.link.partial;
      found.count_checked = candidate.link.count_checked && !candidate.link.partial;
    }
    if (used.empty()) return;
    std::erase_if(found_, [&](const Found& found) {
      return !found.mention.in_lexicon && used.contains(found.mention.span);
    });
  }

  // Enumerations linked so far: disjoint spans, ordered by where they begin.
  class Enumerations {
   public:
    bool empty() const { return spans_.empty(); }
    // Adds `span` unless it overlaps one already taken.
    bool add(Span span) {
      const auto next = spans_.lower_bound(span.begin);
      if (next != spans_.end() && next->first < span.end) return false;
      if (next != spans_.begin() && std::prev(next)->second > span.begin) return false;
      spans_.emplace(span.begin, span.end);
      return true;
    }
    // True when `span` lies inside one of the enumerations.
    bool contains(Span span) const {
      auto it = spans_.upper_bound(span.begin);
      if (it == spans_.begin()) return false;
      --it;
      return it->first <= span.begin && span.end <= it->second;
    }

   private:
    std::map<std::size_t, std::size_t> spans_;
  };

  // §6: soft negatives lower a discovered mention by one level, count-checked members raise it.
  void grade() {
    const bool policy_text = std::any_of(found_.begin(), found_.end(), [](const Found& f) {
      return f.mention.in_lexicon && f.mention.confidence >= Confidence::kMedium;
    });
    std::erase_if(found_, [](const Found& f) { return f.unquoted_d1 && !f.count_checked; });
    for (Found& found : found_) {
      Mention& m = found.mention;
      if (m.in_lexicon) continue;
      if (!policy_text) m.confidence = lower(m.confidence);
      if (found.inside_speech) m.confidence = lower(m.confidence);
      if (found.count_checked && !found.unquoted_d1) m.confidence = raise(m.confidence);
    }
  }

  std::vector<Mention> stored() {
    std::vector<Mention> out;
    out.reserve(found_.size());
    SpanCursor sentences(view_.sentences);
    for (Found& found : found_) {
      if (found.mention.confidence < impl_.options.min_confidence) continue;
      found.mention.sentence = sentences.index_of(found.mention.span.begin);
      out.push_back(std::move(found.mention));
    }
    return out;
  }

  const Recognizer::Impl& impl_;
  const TextView& view_;
  slogans::FoldedDocument folded_;
  slogans::FailedForms failed_;
  std::vector<Found> found_;
};

std::vector<Span> sentence_spans(const SentenceSplitter& splitter, std::string_view text,
                                 const std::vector<Span>& blocks) {
  std::vector<Span> out;
  std::vector<SentenceSpan> spans;
  for (const Span& block : blocks) {
    splitter.split(text.substr(block.begin, block.size()), spans);
    for (const SentenceSpan& s : spans) out.push_back({block.begin + s.begin, block.begin + s.end});
  }
  return out;
}

}  // namespace

Recognizer::Recognizer(Lexicon lexicon, RecognizerOptions options) {
  if (options.page_marker.size() > 64) {
    throw Error(ErrorCode::kInvalidArgument, "page_marker is longer than 64 bytes");
  }
  impl_ = std::make_shared<const Impl>(std::move(lexicon), std::move(options));
}

std::vector<Mention> Recognizer::find(std::string_view text) const {
  if (slogans::first_invalid_utf8(text)) throw Error(ErrorCode::kUtf8, "the text is not valid UTF-8");
  TextView view;
  view.text = text;
  view.blocks = slogans::paragraphs_of(text);
  view.sentences = sentence_spans(impl_->splitter, text, view.blocks);
  slogans::find_quotes_and_titles(view);
  return TextRecognition(*impl_, view).run();
}

void Recognizer::recognize(Document& doc) const {
  TextView view;
  view.text = doc.text;
  view.blocks.reserve(doc.blocks.size());
  for (const Block& block : doc.blocks) view.blocks.push_back(block.span);
  if (view.blocks.empty() && !doc.text.empty()) view.blocks = slogans::paragraphs_of(doc.text);
  if (doc.sentences.empty()) {
    // Mentions index sentences, so the document gets the ones they index.
    view.sentences = sentence_spans(impl_->splitter, doc.text, view.blocks);
    for (const Span& span : view.sentences) doc.sentences.push_back(Sentence{span, view.block_of(span.begin), 0});
  } else {
    view.sentences.reserve(doc.sentences.size());
    for (const Sentence& sentence : doc.sentences) view.sentences.push_back(sentence.span);
  }
  if (doc.meta.published_at) view.date = doc.meta.published_at->local_date;
  slogans::find_quotes_and_titles(view);
  doc.mentions = TextRecognition(*impl_, view).run();
  doc.slogan_stats = slogans::make_stats(view, doc.mentions, impl_->lexicon.sha256());
}

const Lexicon& Recognizer::lexicon() const noexcept { return impl_->lexicon; }
const RecognizerOptions& Recognizer::options() const noexcept { return impl_->options; }

std::vector<Mention> find_slogans(std::string_view text, const RecognizerOptions& options) {
  return Recognizer(Lexicon::builtin(), options).find(text);
}

}  // namespace tifa
