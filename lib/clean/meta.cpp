#include "clean/meta.hpp"

#include <algorithm>
#include <cstdint>
#include <array>
#include <chrono>
#include <iterator>

#include "clean/dates.hpp"
#include "clean/normalize.hpp"
#include "clean/title.hpp"

namespace tifa::clean {

namespace {

// M2: a date string with its provenance, into `date` (a new DateField, where the caller keeps it);
// a string that does not parse keeps its raw form (iso empty, serialised as null) and adds a
// warning.
void read_date(CleanState& state, std::string_view value, const std::vector<Span>& spans, const char* rule,
               DateField& date) {
  DateParse parse = parse_date_detailed(value, state.options.assume_offset);
  if (parse.date) {
    date = std::move(*parse.date);  // parse.date stays set; its raw is `value` already
  } else {
    date.raw.assign(value);
  }
  date.rule = rule;
  date.raw_spans.reserve(spans.size());
  for (Span span : spans) date.raw_spans.push_back(state.to_raw(span));
  if (std::string_view code = parse.warning_code(); !code.empty()) {
    state.warn(std::string(code), parse.message, date.raw_spans.empty() ? Span{} : date.raw_spans.front());
  }
}

DateField read_date(CleanState& state, std::string_view value, const std::vector<Span>& spans, const char* rule) {
  DateField date;
  read_date(state, value, spans, rule, date);
  return date;
}

Field field_from_entry(const CleanState& state, const FrontMatterEntry& entry, const char* rule) {
  Field field;
  field.value = entry.values.empty() ? std::string() : entry.values.front();
  field.rule = rule;
  for (Span span : entry.value_spans) {
    field.raw_spans.push_back(state.to_raw(span));
    if (field.raw.empty()) field.raw.assign(state.decoded().substr(span.begin, span.size()));
  }
  return field;
}

// A front-matter date that is not the publication date: its raw text under extra "date".
void keep_date_in_extra(Meta& meta, const DateField& date) {
  ExtraValue extra;
  extra.key = "date";
  extra.items.push_back(date.raw);
  extra.raw_spans = date.raw_spans;
  meta.extra.push_back(std::move(extra));
}

void read_front_matter(CleanState& state) {
  Meta& meta = state.doc.meta;
  const bool hexo_or_jekyll = state.raw.format == Format::kHexo || state.raw.format == Format::kJekyll;
  // Most entries land in extra: room for all of them at once.
  meta.extra.reserve(meta.extra.size() + state.raw.front_matter.entries.size());
  // The values move out of the entries that nothing reads again (state.raw is the clean stage's
  // own copy); a title stays, choose_title may read it.
  for (FrontMatterEntry& entry : state.raw.front_matter.entries) {
    const std::string_view key = entry.key;  // compared with literals by size first, without strlen
    if (key == "title" && hexo_or_jekyll && state.input.title.empty()) continue;  // M1 uses it
    if (key == "date" && !entry.values.empty()) {
      // Read straight into a new candidate (most dates parse): no date to move in afterwards.
      CleanState::DateCandidate& candidate = state.dates.emplace_back();
      read_date(state, entry.values.front(), entry.value_spans, "R1", candidate.date);
      if (candidate.date.iso.empty()) {
        // Raw kept, value null; a second unparsable date keeps its characters in extra.
        if (meta.published_at) {
          keep_date_in_extra(meta, candidate.date);
        } else {
          meta.published_at = std::move(candidate.date);
        }
        state.dates.pop_back();
      } else {
        candidate.from_front_matter = true;
      }
    } else if (key == "author" && state.raw.format == Format::kHexo && !meta.publisher) {
      meta.publisher = field_from_entry(state, entry, "R1");  // M4: the aggregator, not a person
    } else if (key == "categories") {
      meta.categories.insert(meta.categories.end(), std::make_move_iterator(entry.values.begin()),
                             std::make_move_iterator(entry.values.end()));
    } else if (key == "tags") {
      meta.tags.insert(meta.tags.end(), std::make_move_iterator(entry.values.begin()),
                       std::make_move_iterator(entry.values.end()));
    } else {
      ExtraValue& extra = meta.extra.emplace_back();  // built in place: room was made above
      extra.key = key;
      extra.is_list = entry.is_list;
      if (key == "title") {
        extra.items = entry.values;
      } else {
        extra.items = std::move(entry.values);
      }
      for (Span span : entry.value_spans) extra.raw_spans.push_back(state.to_raw(span));
    }
  }
  // Categories and tags have no field of their own: their spans go to extra provenance-free; the
  // values stay verbatim (M8).
}

const HeadMeta* head(const CleanState& state, std::string_view name) {
  for (const HeadMeta& meta : state.raw.head) {
    if (meta.name == name && !meta.value.empty()) return &meta;
  }
  return nullptr;
}

Field head_field(const CleanState& state, const HeadMeta& meta) {
  Field field;
  field.value = field.raw = meta.value;
  field.rule = "H5";
  field.raw_spans.push_back(state.to_raw(meta.source));
  return field;
}

// H5: head metadata for whole pages. A date from the head comes after the front matter and
// before a header-zone date line (M2 precedence); here it only fills what is still empty.
void read_head(CleanState& state) {
  Meta& meta = state.doc.meta;
  if (!meta.url) {
    if (const HeadMeta* url = head(state, "canonical")) meta.url = head_field(state, *url);
    else if (const HeadMeta* og = head(state, "og:url")) meta.url = head_field(state, *og);
  }
  if (!meta.publisher) {
    if (const HeadMeta* site = head(state, "og:site_name")) {
      meta.publisher = head_field(state, *site);
    } else if (const HeadMeta* title = head(state, "title")) {
      std::size_t cut = title_without_site_suffix(title->value);
      std::string_view suffix = std::string_view(title->value).substr(cut);
      std::size_t start = suffix.find_first_not_of(" -_|");
      if (cut < title->value.size() && start != std::string_view::npos) {
        // skip a leading multi-byte separator too
        std::string_view name = suffix.substr(start);
        if (name.rfind("｜", 0) == 0) name.remove_prefix(3);
        Field field;
        field.value = field.raw = std::string(name);
        field.rule = "H5";
        field.flags = kFieldCopy;
        field.raw_spans.push_back(state.to_raw(title->source));
        meta.publisher = std::move(field);
      }
    }
  }
  constexpr std::array<std::string_view, 2> kExtraNames = {"keywords", "description"};  // no strlen per name
  for (std::string_view name : kExtraNames) {
    if (const HeadMeta* value = head(state, name)) {
      ExtraValue extra;
      extra.key = std::string(name);
      extra.items.push_back(value->value);
      extra.raw_spans.push_back(state.to_raw(value->source));
      meta.extra.push_back(std::move(extra));
    }
  }
  if (const HeadMeta* title = head(state, "title"); title && meta.title && meta.title->rule != "H5") {
    ExtraValue extra;
    extra.key = "html_title";
    extra.items.push_back(title->value);
    extra.raw_spans.push_back(state.to_raw(title->source));
    extra.flags = kFieldCopy;
    meta.extra.push_back(std::move(extra));
  }
}

std::optional<DateField> head_date(CleanState& state) {
  // string_views, not C strings: no strlen per name.
  constexpr std::array<std::string_view, 4> kDateNames = {"article:published_time", "pubdate", "publishdate",
                                                          "datepublished"};
  for (std::string_view name : kDateNames) {
    if (const HeadMeta* value = head(state, name)) {
      DateField date = read_date(state, value->value, {value->source}, "H5");
      if (!date.iso.empty()) return date;
    }
  }
  return std::nullopt;
}

// Whether two dates' instants are more than one day apart (spec/cleaning.md M2: date_conflict).
bool differ_by_more_than_a_day(const DateField& a, const DateField& b) {
  auto day_number = [](const std::string& utc) -> long {
    if (utc.size() < 10) return 0;
    std::chrono::year_month_day ymd{std::chrono::year{std::stoi(utc.substr(0, 4))},
                                    std::chrono::month{static_cast<unsigned>(std::stoi(utc.substr(5, 2)))},
                                    std::chrono::day{static_cast<unsigned>(std::stoi(utc.substr(8, 2)))}};
    return std::chrono::sys_days{ymd}.time_since_epoch().count();
  };
  long delta = day_number(a.utc) - day_number(b.utc);
  return delta > 1 || delta < -1;
}

// M2 precedence: caller hint, front matter, head meta, header date line, print edition,
// dateline. The line rules already filled header date lines and datelines; here the head and the
// print edition come in, and conflicts are reported.
void settle_published_date(CleanState& state) {
  Meta& meta = state.doc.meta;
  if (std::optional<DateField> from_head = head_date(state)) state.dates.push_back({std::move(*from_head), {}, false});
  if (meta.print_edition && meta.print_edition->date) {
    DateField date = *meta.print_edition->date;
    date.flags |= kFieldCopy;  // its home is the print-edition field
    state.dates.push_back({std::move(date), {}, false});
  }
  auto rank = [](const std::string& rule) {
    if (rule == "hint") return 0;
    if (rule == "R1") return 1;
    if (rule == "H5") return 2;
    if (rule == "B15") return 3;
    if (rule == "B16") return 4;
    return 5;  // B13 dateline
  };
  if (state.dates.empty()) {
    if (!meta.published_at) state.warn("no_date", "no publication date was found");
    return;
  }
  const auto by_rank = [&](const auto& a, const auto& b) { return rank(a.date.rule) < rank(b.date.rule); };
  // Most documents have one candidate, or candidates already in rank order, which a stable sort
  // leaves as they are: its buffer would cost an allocation and a move of every date.
  if (!std::is_sorted(state.dates.begin(), state.dates.end(), by_rank))
    std::stable_sort(state.dates.begin(), state.dates.end(), by_rank);
  const DateField& chosen = state.dates.front().date;
  for (std::size_t i = 1; i < state.dates.size(); ++i) {
    const auto& loser = state.dates[i];
    if (differ_by_more_than_a_day(chosen, loser.date)) {
      state.warn("date_conflict", "publication dates disagree: " + chosen.raw + " (" + chosen.rule +
                                      ") vs " + loser.date.raw + " (" + loser.date.rule + ")",
                 loser.date.raw_spans.empty() ? Span{} : loser.date.raw_spans.front());
    }
    // A losing date keeps a home for its characters: removed (a moved line) or extra.
    for (Span source : loser.moved_sources) state.remove(loser.date.rule, source);
    if (loser.from_front_matter) keep_date_in_extra(meta, loser.date);
  }
  // A front-matter date that did not parse (raw kept, value null) gives way to any date that
  // did, and keeps its characters in extra as a losing front-matter date does.
  if (meta.published_at) keep_date_in_extra(meta, *meta.published_at);
  // The candidates are not looked at again: the winner moves rather than copies.
  meta.published_at = std::move(state.dates.front().date);
}

void settle_outlet(CleanState& state) {
  Meta& meta = state.doc.meta;
  if (meta.source_outlet || !meta.print_edition) return;
  Field outlet = meta.print_edition->outlet;
  outlet.flags |= kFieldCopy;
  meta.source_outlet = std::move(outlet);
}

void normalize_value(std::optional<Field>& field) {
  if (field) field->value = normalize_meta_value(field->value);
}

// The decimal number at src[i] (digits only), advancing `i` past all its digits. Sizes beyond
// kMaxPixels count as kMaxPixels, so that a long run of digits cannot overflow.
constexpr std::int64_t kMaxPixels = 1'000'000'000;
std::int64_t parse_pixels(std::string_view src, std::size_t& i) {
  std::int64_t value = 0;
  for (; i < src.size() && src[i] >= '0' && src[i] <= '9'; ++i) {
    value = std::min(kMaxPixels, value * 10 + (src[i] - '0'));
  }
  return value;
}

// Sina image URLs carry the size: "/w550h70/". A thin banner (height < 100 or width/height
// >= 5) is decorative (M7).
bool is_decorative(std::string_view src) {
  for (std::size_t pos = src.find("/w"); pos != std::string_view::npos; pos = src.find("/w", pos + 1)) {
    std::size_t i = pos + 2;
    const std::int64_t width = parse_pixels(src, i);
    if (i == pos + 2 || i >= src.size() || src[i] != 'h') continue;
    const std::size_t h = ++i;
    const std::int64_t height = parse_pixels(src, i);
    if (i == h || i >= src.size() || src[i] != '/') continue;
    return height < 100 || (height > 0 && width / height >= 5);
  }
  return false;
}

}  // namespace

void start_meta(CleanState& state) {
  Document& doc = state.doc;
  doc.source.id = state.input.id;
  doc.source.path = state.input.path;
  doc.source.format = state.raw.format;
  doc.source.encoding = state.raw.decoded.encoding;
  doc.source.bytes = state.raw.decoded.to_raw.source_end();
  doc.source.replacement_chars = state.raw.decoded.replacement_chars;
  doc.source.pdf_layout = state.raw.pdf_layout;
  doc.source.html_page = state.raw.html_page;
  doc.warnings = std::move(state.raw.warnings);  // nothing reads the reader's warnings again
  if (!state.input.date.empty()) {
    DateField date = read_date(state, state.input.date, {}, "hint");
    if (!date.iso.empty()) state.dates.push_back({std::move(date), {}, false});
  }
  if (state.raw.decoded.text.empty()) return;
  read_front_matter(state);
}

void finish_meta(CleanState& state) {
  read_head(state);
  settle_published_date(state);
  settle_outlet(state);
  Meta& meta = state.doc.meta;
  normalize_value(meta.original_title);
  normalize_value(meta.subtitle);
  normalize_value(meta.publisher);
  normalize_value(meta.source_outlet);
  normalize_value(meta.editor);
}

void take_image_captions(CleanState& state) {
  state.image_captions.assign(state.raw.images.size(), std::string());
  for (std::size_t i = 0; i < state.raw.images.size(); ++i) {
    const RawImage& image = state.raw.images[i];
    if (image.boilerplate) continue;
    if (!image.caption.empty()) {
      state.image_captions[i] = image.caption;
      continue;
    }
    for (const DraftBlock& block : state.blocks) {
      if (block.raw_index < image.before_block || block.pieces.empty()) continue;
      if (block.raw_index == image.before_block && block.type == BlockType::kCaption)
        state.image_captions[i] = normalize_meta_value(state.text_of(block));
      break;
    }
  }
}

void collect_images(CleanState& state, const std::vector<std::size_t>& block_of_raw,
                    std::size_t block_count) {
  // B12: front-matter images that are boilerplate images stay in extra, flagged.
  for (ExtraValue& extra : state.doc.meta.extra) {
    if (extra.key != "headimg" && extra.key != "thumbnail") continue;
    for (const RawImage& image : state.raw.images) {
      if (image.boilerplate && !extra.items.empty() && image.src == extra.items.front())
        extra.flags |= kFieldBoilerplate;
    }
  }
  if (!state.options.images) return;
  // The last look at the reader's images: their strings are moved into the document's, and
  // each Image is filled in place, in a list sized once (growing it moved every Image's strings).
  const auto kept = std::count_if(state.raw.images.begin(), state.raw.images.end(),
                                  [](const RawImage& image) { return !image.boilerplate; });
  state.doc.images.reserve(state.doc.images.size() + static_cast<std::size_t>(kept));
  for (std::size_t i = 0; i < state.raw.images.size(); ++i) {
    RawImage& image = state.raw.images[i];
    if (image.boilerplate) continue;
    Image& out = state.doc.images.emplace_back();
    out.decorative = is_decorative(image.src);
    out.src = std::move(image.src);
    if (image.has_alt) out.alt = std::move(image.alt);
    if (i < state.image_captions.size() && !state.image_captions[i].empty()) out.caption = std::move(state.image_captions[i]);
    out.raw_span = state.to_raw(image.source);
    out.before_block = block_count;
    for (std::size_t r = image.before_block; r < block_of_raw.size(); ++r) {
      if (block_of_raw[r] != SIZE_MAX) {
        out.before_block = block_of_raw[r];
        break;
      }
    }
  }
}

}  // namespace tifa::clean
