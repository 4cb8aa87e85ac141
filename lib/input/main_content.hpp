// Main-content extraction for whole HTML pages (spec/cleaning.md §2.2, family H): which element
// holds the article, where its header and trailer are, and which widgets inside them go.
// Private to lib/input; the HTML reader turns the zones into blocks and removal records.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "input/html_dom.hpp"
#include "tifa/reader.hpp"

namespace tifa::input {

struct MainContent {
  // Some candidate element holds at least 200 Han characters, so the page has an article (H1).
  // When false (H6), every node inside <body> is kContainer and the caller keeps all visible
  // blocks, with warning no_main_content.
  bool found = false;
  std::uint32_t container = kNoNode;  // the article container element (H1); kNoNode under H6
  std::uint32_t headline = kNoNode;   // the <h1> or title element that opens the header (H3)

  // One per Dom node, by where the node stands in document order:
  //   kHeader     from the headline up to the container (H3), and the header lines at the top
  //               of the container ("（原标题：…）", "澎湃新闻记者 段彦超", a lone date line);
  //   kContainer  the container subtree;
  //   kTrailer    the trailer lines at the bottom of the container ("责任编辑：…", "本文来源：…")
  //               and what follows the container up to the first H2 widget (H4);
  //   kOutside    everything else (dropped by H2), the <head> included.
  // An element that straddles two zones (an ancestor of the container, of the headline, or of
  // the widget that ends the trailer) is kOutside; its children, text nodes included, carry
  // their own zones. Every other text node has its parent's zone.
  std::vector<Zone> zones;

  // Roots of the subtrees dropped inside the header, container and trailer zones (H2 second
  // paragraph): widgets by class/id, tag or phrase, elements with 3 or more links whose link
  // text is more than half of their text, and display:none content. In document order, never
  // nested in each other; their nodes keep the zone they stand in.
  std::vector<std::uint32_t> dropped;

  // Roots of the maximal subtrees that are kOutside throughout, in document order: what H2
  // drops outside the zones (one removed record each). The <head> is one of them.
  std::vector<std::uint32_t> outside_roots;
};

// Finds the article in the page `dom`, whose spans index `text`. Linear in the number of nodes
// and never recursive, so pages 100,000 levels deep are safe.
MainContent find_main_content(const Dom& dom, std::string_view text);

}  // namespace tifa::input
