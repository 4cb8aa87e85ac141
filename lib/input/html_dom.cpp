#include "input/html_dom.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <tuple>

#include "input/html_parser.hpp"

namespace tifa::input {

namespace {

// Builds the Dom from SAX events. libxml2 reports no byte positions, so each event reads the
// parser's input position and checks the reported text against the bytes there.
class DomBuilder {
 public:
  DomBuilder(std::string_view text, Span body, std::string_view parser_input)
      : text_(text), body_(body), input_(parser_input) {
    dom_.nodes.emplace_back();  // the root
    dom_.nodes[0].tag = kTagNames[kRootTag];
    dom_.nodes[0].tag_id = kRootTag;
    dom_.nodes[0].source = body;
    open_.push_back(0);
  }

  void set_context(htmlParserCtxtPtr ctxt) { ctxt_ = ctxt; }
  Dom take() {
    while (open_.size() > 1) close_top(position());
    for (const auto& [node, first, count] : attribute_ranges_)
      dom_.nodes[node].set_attributes(std::span<const DomAttribute>(dom_.attributes.data() + first, count));
    return std::move(dom_);
  }

  void on_start(const xmlChar* name, const xmlChar** atts);
  void on_end(const xmlChar* name);
  void on_text(const xmlChar* ch, int len);
  void on_comment(const xmlChar* value);

 private:
  // Offset of the parser's read position in the buffer (relative to body start).
  std::size_t position() const {
    const xmlParserInputPtr in = ctxt_->input;
    if (in == nullptr || in->base == nullptr) return input_.size();
    auto offset = static_cast<std::size_t>(in->consumed) + static_cast<std::size_t>(in->cur - in->base);
    return std::min(offset, input_.size());
  }
  bool input_has(std::size_t end, std::string_view bytes) const {
    return end >= bytes.size() && end <= input_.size() &&
           input_.compare(end - bytes.size(), bytes.size(), bytes) == 0;
  }
  std::uint32_t append(DomNode node);
  void close_top(std::size_t end);
  Span absolute(std::size_t begin, std::size_t end) const {
    return Span{body_.begin + begin, body_.begin + end};
  }

  std::string_view text_;
  Span body_;
  std::string_view input_;
  htmlParserCtxtPtr ctxt_ = nullptr;
  Dom dom_;
  std::vector<std::uint32_t> open_;  // the open elements, root first
  std::size_t last_end_ = 0;         // end (relative) of the last located text
  // Per element with kept attributes: node, first attribute, count (set once they stop moving).
  std::vector<std::tuple<std::uint32_t, std::size_t, std::size_t>> attribute_ranges_;
};

std::uint32_t DomBuilder::append(DomNode node) {
  auto index = static_cast<std::uint32_t>(dom_.nodes.size());
  std::uint32_t parent = open_.back();
  node.parent = parent;
  dom_.nodes.push_back(std::move(node));
  DomNode& p = dom_.nodes[parent];
  if (p.last_child == kNoNode) {
    p.first_child = index;
  } else {
    dom_.nodes[p.last_child].next_sibling = index;
  }
  p.last_child = index;
  return index;
}

void DomBuilder::close_top(std::size_t end) {
  DomNode& node = dom_.nodes[open_.back()];
  node.source.end = std::max(node.source.begin, body_.begin + end);
  open_.pop_back();
}

void DomBuilder::on_start(const xmlChar* name, const xmlChar** atts) {
  std::size_t pos = position();
  std::string_view tag(reinterpret_cast<const char*>(name));
  DomNode node;
  node.tag_id = dom_tag_id(tag);
  node.tag = node.tag_id != kOtherTag ? kTagNames[node.tag_id] : std::string_view(dom_.strings.emplace_front(tag));
  // The start tag runs from its '<' to the '>' at (or just after) the read position.
  std::size_t lt = input_.rfind('<', pos);
  bool found = lt != std::string_view::npos && lt >= last_end_ &&
               input_.compare(lt + 1, tag.size(), tag) == 0;
  if (!found && lt != std::string_view::npos && lt >= last_end_ && lt + 1 + tag.size() <= input_.size()) {
    found = true;  // case differs: libxml2 lowers tag names
    for (std::size_t i = 0; i < tag.size(); ++i) {
      char c = input_[lt + 1 + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != tag[i]) found = false;
    }
  }
  node.implied = !found;
  std::size_t tag_end = pos;
  if (tag_end < input_.size() && input_[tag_end] == '>') ++tag_end;
  else if (input_.compare(tag_end, 2, "/>") == 0) tag_end += 2;
  node.source = found ? absolute(lt, tag_end) : absolute(pos, pos);
  if (found) last_end_ = tag_end;
  const std::size_t first = dom_.attributes.size();
  if (atts != nullptr) {
    for (const xmlChar** a = atts; a[0] != nullptr; a += 2) {
      std::string_view attribute = kept_attribute(reinterpret_cast<const char*>(a[0]));
      if (attribute.empty()) continue;
      const char* value = a[1] != nullptr ? reinterpret_cast<const char*>(a[1]) : "";
      dom_.attributes.push_back(DomAttribute{attribute, dom_.strings.emplace_front(value)});
    }
  }
  std::uint32_t index = append(std::move(node));
  if (dom_.attributes.size() > first) attribute_ranges_.emplace_back(index, first, dom_.attributes.size() - first);
  open_.push_back(index);
}

void DomBuilder::on_end(const xmlChar* name) {
  std::string_view tag(reinterpret_cast<const char*>(name));
  // Find the element being closed (libxml2 closes in order, but stay safe on mismatch).
  auto it = open_.end();
  while (it != open_.begin() + 1) {
    --it;
    if (dom_.nodes[*it].tag == tag) break;
  }
  if (it == open_.begin() + 1 && dom_.nodes[*it].tag != tag) return;
  std::size_t pos = position();
  // An explicit end tag "</tag ...>" ends right before the read position; an implied close
  // ends where the element's content ended.
  std::size_t lt = input_.rfind("</", pos);
  bool is_explicit = lt != std::string_view::npos && lt >= last_end_ && pos > lt;
  std::size_t end = is_explicit ? pos : last_end_;
  while (open_.end() != it) close_top(end);
  if (is_explicit) last_end_ = pos;
}

void DomBuilder::on_text(const xmlChar* ch, int len) {
  std::string_view content(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len));
  std::size_t pos = position();
  DomNode node;
  node.is_text = true;
  // libxml2 reports text either at the read position or one character before it (when its
  // buffer fills up mid-run), and entities as their decoded value.
  std::size_t next = pos;
  if (next < input_.size()) {
    auto lead = static_cast<unsigned char>(input_[next]);
    next += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  std::size_t begin = 0, end = 0;
  bool verbatim = false;
  for (std::size_t candidate : {pos, next}) {
    if (input_has(candidate, content) && candidate - content.size() >= last_end_) {
      begin = candidate - content.size();
      end = candidate;
      verbatim = true;
      break;
    }
  }
  if (!verbatim) {
    std::size_t amp = input_.rfind('&', pos == 0 ? 0 : pos - 1);
    if (amp == std::string_view::npos || amp < last_end_) amp = std::max(last_end_, pos);
    begin = amp;
    end = std::max(pos, amp);
    if (content == "&" && amp < input_.size() && input_[amp] == '&') {
      end = amp + 1;
      verbatim = true;
    }
  }
  node.source = absolute(begin, end);
  if (!verbatim) {
    node.is_reference = true;
    node.characters_begin = dom_.references.size();
    node.characters_size = content.size();
    dom_.references.append(content);
  }
  last_end_ = std::max(last_end_, end);
  if (node.source.size() > 0) dom_.texts.push_back(node.source);
  append(std::move(node));
}

void DomBuilder::on_comment(const xmlChar* value) {
  std::size_t pos = position();
  std::size_t length = std::strlen(reinterpret_cast<const char*>(value));
  std::size_t begin = pos >= length + 7 ? pos - length - 7 : 0;
  if (input_.compare(begin, 4, "<!--") != 0) {
    std::size_t lt = input_.rfind("<!--", pos);
    begin = lt == std::string_view::npos ? pos : lt;
  }
  dom_.comments.push_back(absolute(begin, pos));
  last_end_ = std::max(last_end_, pos);
}

DomBuilder* builder_of(void* ctx) {
  auto* ctxt = static_cast<htmlParserCtxtPtr>(ctx);
  return static_cast<DomBuilder*>(ctxt->_private);
}

void sax_start(void* ctx, const xmlChar* name, const xmlChar** atts) {
  builder_of(ctx)->on_start(name, atts);
}
void sax_end(void* ctx, const xmlChar* name) { builder_of(ctx)->on_end(name); }
void sax_text(void* ctx, const xmlChar* ch, int len) { builder_of(ctx)->on_text(ch, len); }
void sax_comment(void* ctx, const xmlChar* value) { builder_of(ctx)->on_comment(value); }
void sax_silent(void*, const char*, ...) {}

struct ContextDeleter {
  void operator()(htmlParserCtxtPtr ctxt) const { htmlFreeParserCtxt(ctxt); }
};

// libxml2 2.9 initialises its globals lazily and races when several threads do it at once
// (they deadlock in xmlDictCreate). Initialising it once, before any parse, is what libxml2 asks
// of multi-threaded callers; this once-flag is the only process-wide state of the library.
void init_libxml2_once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

Dom parse_html_dom(std::string_view, Span body, std::string parser_input, std::size_t max_depth) {
  return parse_html(std::move(parser_input), body.begin, max_depth);
}

Dom parse_html_dom_libxml2(std::string_view text, Span body, std::string_view parser_input) {
  DomBuilder builder(text, body, parser_input);
  if (parser_input.empty()) return builder.take();
  init_libxml2_once();
  std::unique_ptr<htmlParserCtxt, ContextDeleter> ctxt(htmlCreateMemoryParserCtxt(
      parser_input.data(), static_cast<int>(parser_input.size())));
  if (!ctxt) return builder.take();
  htmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.startElement = sax_start;
  sax.endElement = sax_end;
  sax.characters = sax_text;
  sax.ignorableWhitespace = sax_text;
  sax.cdataBlock = sax_text;
  sax.comment = sax_comment;
  sax.warning = sax_silent;
  sax.error = sax_silent;
  *ctxt->sax = sax;
  ctxt->userData = ctxt.get();
  ctxt->_private = &builder;
  builder.set_context(ctxt.get());
  htmlCtxtUseOptions(ctxt.get(), HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                     HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED |
                                     HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
  // The input is already UTF-8: tell libxml2 so it never guesses an encoding.
  xmlSwitchEncoding(ctxt.get(), XML_CHAR_ENCODING_UTF8);
  htmlParseDocument(ctxt.get());
  if (ctxt->myDoc != nullptr) {
    xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = nullptr;
  }
  return builder.take();
}

}  // namespace tifa::input
