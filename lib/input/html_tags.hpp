// The HTML tag names the parser and the reader know by number, and the attributes the reader
// keeps. Private to lib/input.
//
// A tag's id lets the tree builder look up its libxml2 rules, and lets the reader and the
// main-content finder test element kinds with one bit test instead of string comparisons on
// every element of every page. Tags the parser has no rule for (section, nav, svg, ...) are
// listed too, only so that the readers can name them: a tag without rules behaves exactly like
// a tag not listed at all.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace tifa::input {

#define TIFA_HTML_TAGS(X)                                                                       \
  X(a) X(abbr) X(acronym) X(address) X(area) X(b) X(base) X(basefont) X(bdo) X(big)             \
  X(blockquote) X(body) X(br) X(caption) X(center) X(cite) X(code) X(col) X(colgroup) X(dd)     \
  X(dfn) X(dir) X(div) X(dl) X(dt) X(em) X(embed) X(fieldset) X(font) X(form) X(frame)          \
  X(frameset) X(h1) X(h2) X(h3) X(h4) X(h5) X(h6) X(head) X(hr) X(html) X(i) X(iframe) X(img)   \
  X(input) X(isindex) X(kbd) X(legend) X(li) X(link) X(listing) X(map) X(menu) X(meta)          \
  X(noscript) X(ol) X(optgroup) X(option) X(p) X(param) X(pre) X(q) X(s) X(samp) X(script)      \
  X(small) X(source) X(span) X(strike) X(strong) X(style) X(sub) X(sup) X(table) X(tbody) X(td) \
  X(textarea) X(tfoot) X(th) X(thead) X(title) X(tr) X(track) X(tt) X(u) X(ul) X(var) X(wbr)    \
  X(xmp)                                                                                        \
  /* no parser rules: named for the readers */                                                  \
  X(article) X(aside) X(audio) X(button) X(canvas) X(details) X(figcaption) X(figure)          \
  X(footer) X(header) X(main) X(nav) X(object) X(section) X(select) X(summary) X(svg)          \
  X(template) X(video)

// Tag ids: 0 is the document root, then the tags above; kOtherTag stands for any other name
// (and for text nodes).
enum TagId : std::uint8_t {
  kRootTag = 0,
#define TIFA_TAG_ENUM(name) t_##name,
  TIFA_HTML_TAGS(TIFA_TAG_ENUM)
#undef TIFA_TAG_ENUM
      kKnownTags,
  kOtherTag = kKnownTags
};

inline constexpr std::string_view kTagNames[kKnownTags] = {
    "#document",
#define TIFA_TAG_NAME(name) #name,
    TIFA_HTML_TAGS(TIFA_TAG_NAME)
#undef TIFA_TAG_NAME
};

static_assert(kKnownTags <= 128, "TagBits holds 128 tags");
static_assert(t_h6 == t_h1 + 5, "h1-h6 are numbered in order (the heading level is tag - t_h1 + 1)");

// A set of tag ids.
struct TagBits {
  std::uint64_t bits[2] = {0, 0};
  constexpr TagBits() = default;
  constexpr TagBits(std::initializer_list<TagId> tags) {
    for (TagId t : tags) add(t);
  }
  constexpr void add(TagId t) { bits[t >> 6] |= std::uint64_t{1} << (t & 63); }
  constexpr bool has(std::uint32_t t) const {
    return t < kKnownTags && (bits[t >> 6] >> (t & 63) & 1) != 0;
  }
};

// The first eight bytes of a lower-case name packed into an integer (zero-padded). Names are
// made of [a-z0-9_:.-], never NUL, so for names of up to eight bytes equal keys mean equal
// names: the lookup compares integers, not strings.
constexpr std::uint64_t tag_key(std::string_view lower) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < lower.size() && i < 8; ++i)
    key |= std::uint64_t{static_cast<unsigned char>(lower[i])} << (8 * i);
  return key;
}

namespace tag_detail {
constexpr std::size_t kSlots = 256;
constexpr std::size_t slot_of(std::uint64_t key) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 56);
}
constexpr std::array<std::uint8_t, kSlots> kTable = [] {
  std::array<std::uint8_t, kSlots> table{};
  for (std::uint32_t id = 1; id < kKnownTags; ++id) {
    std::size_t slot = slot_of(tag_key(kTagNames[id]));
    while (table[slot] != 0) slot = (slot + 1) & (kSlots - 1);
    table[slot] = static_cast<std::uint8_t>(id);
  }
  return table;
}();
constexpr std::array<std::uint64_t, kKnownTags> kKeys = [] {
  std::array<std::uint64_t, kKnownTags> keys{};
  for (std::uint32_t id = 0; id < kKnownTags; ++id) keys[id] = tag_key(kTagNames[id]);
  return keys;
}();
}  // namespace tag_detail

// The id of a lower-case tag name of at most eight bytes, from its key (tag_key) alone, or
// kRootTag when it is not listed.
constexpr std::uint32_t known_short_tag(std::uint64_t key) {
  if (key == 0) return kRootTag;
  for (std::size_t slot = tag_detail::slot_of(key);; slot = (slot + 1) & (tag_detail::kSlots - 1)) {
    const std::uint8_t id = tag_detail::kTable[slot];
    if (id == 0) return kRootTag;
    // ("blockquo" has the key of "blockquote".)
    if (tag_detail::kKeys[id] == key && kTagNames[id].size() <= 8) return id;
  }
}

// The id of a lower-case tag name, or kRootTag when it is not listed.
constexpr std::uint32_t known_tag(std::string_view lower) {
  if (lower.empty() || lower.size() > 10) return kRootTag;
  const std::uint64_t key = tag_key(lower);
  if (lower.size() <= 8) return known_short_tag(key);
  for (std::size_t slot = tag_detail::slot_of(key);; slot = (slot + 1) & (tag_detail::kSlots - 1)) {
    const std::uint8_t id = tag_detail::kTable[slot];
    if (id == 0) return kRootTag;
    if (tag_detail::kKeys[id] == key && kTagNames[id] == lower) return id;
  }
}

// The id a Dom node carries for a lower-case element name: its TagId, or kOtherTag.
constexpr std::uint8_t dom_tag_id(std::string_view lower) {
  const std::uint32_t id = known_tag(lower);
  return static_cast<std::uint8_t>(id == kRootTag ? std::uint32_t{kOtherTag} : id);
}

// The attributes any reader rule looks at; the rest (scripts' data, styling, tracking) are not
// kept. Returns the static copy of a lower-case name, or "" for one not kept.
constexpr std::string_view kept_attribute(std::string_view n) {
  auto one_of = [n](std::initializer_list<std::string_view> names) -> std::string_view {
    for (std::string_view name : names) {
      if (name == n) return name;
    }
    return {};
  };
  switch (n.size()) {
    case 2: return one_of({"id"});
    case 3: return one_of({"src", "alt", "rel"});
    case 4: return one_of({"name", "href"});
    case 5: return one_of({"class", "width", "style"});
    case 6: return one_of({"height", "hidden"});
    case 7: return one_of({"content"});
    case 8: return one_of({"property", "itemprop"});
    case 9: return one_of({"cms-style"});
    case 10: return one_of({"http-equiv"});
    default: return {};
  }
}

}  // namespace tifa::input
