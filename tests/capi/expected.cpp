// Writes what the C API must report for each seed, computed with the C++ API, in the line format
// that test_capi.c writes from the C API (the C test compares the two byte for byte).
//   tifa_capi_expected OUT SEED...
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include <tifa/tifa.hpp>

namespace {

// Strings are written with '\\', control bytes and spaces escaped as \xHH, so that every value is
// one word (the same rule as put_string in test_capi.c).
void put_string(std::ostream& out, std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == '\\' || byte == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", byte);
      out << hex;
    } else {
      out << c;
    }
  }
}

void put_optional(std::ostream& out, const std::string* value) {
  out << ' ';
  if (value == nullptr) {
    out << '-';
  } else {
    put_string(out, *value);
  }
}

const std::string* field(const std::optional<tifa::Field>& value) {
  return value ? &value->value : nullptr;
}

void put_meta(std::ostream& out, const tifa::Document& doc) {
  const tifa::Meta& meta = doc.meta;
  // The C API gives NULL for unknown values: an empty id or encoding, the format "auto".
  const auto known = [](const std::string& value) { return value.empty() ? nullptr : &value; };
  const std::string format =
      doc.source.format == tifa::Format::kAuto ? "" : tifa::to_string(doc.source.format);
  const std::pair<const char*, const std::string*> rows[] = {
      {"id", known(doc.source.id)},
      {"title", field(meta.title)},
      {"original_title", field(meta.original_title)},
      {"subtitle", field(meta.subtitle)},
      {"published_at", meta.published_at ? known(meta.published_at->iso) : nullptr},
      {"published_date_local", meta.published_at ? known(meta.published_at->local_date) : nullptr},
      {"url", field(meta.url)},
      {"publisher", field(meta.publisher)},
      {"source_outlet", field(meta.source_outlet)},
      {"editor", field(meta.editor)},
      {"format", known(format)},
      {"encoding", known(doc.source.encoding)},
  };
  for (const auto& [key, value] : rows) {
    out << "meta " << key;
    put_optional(out, value);
    out << '\n';
  }
}

void put_mention(std::ostream& out, const tifa::Mention& mention) {
  out << "mention " << mention.span.begin << ' ' << mention.span.end << ' ';
  put_string(out, mention.canonical);
  out << ' ';
  put_string(out, mention.slogan_id);
  put_optional(out, mention.category.empty() ? nullptr : &mention.category);
  out << ' ' << tifa::to_string(mention.kind) << ' '
      << (mention.in_lexicon ? "lexicon" : "discovered") << ' '
      << tifa::to_string(mention.confidence) << ' ' << mention.rule << '\n';
  for (const tifa::Span& member : mention.members) {
    out << "member " << member.begin << ' ' << member.end << '\n';
  }
}

void put_document(std::ostream& out, const tifa::Document& doc) {
  out << "text_bytes " << doc.text.size() << '\n';
  put_meta(out, doc);
  out << "blocks " << doc.blocks.size() << '\n';
  for (const tifa::Block& block : doc.blocks) {
    out << "block " << block.span.begin << ' ' << block.span.end << ' '
        << static_cast<int>(block.type) << '\n';
  }
  out << "sentences " << doc.sentences.size() << '\n';
  for (const tifa::Sentence& sentence : doc.sentences) {
    out << "sentence " << sentence.span.begin << ' ' << sentence.span.end << ' '
        << doc.raw_offset(sentence.span.begin) << '\n';
  }
  out << "mentions " << doc.mentions.size() << '\n';
  for (const tifa::Mention& mention : doc.mentions) put_mention(out, mention);
  out << "warnings " << doc.warnings.size() << '\n';
  out << "json " << tifa::to_json(doc) << '\n';
}

// The clean text once more, as plain text: split_sentences and Recognizer::find with defaults.
void put_plain_text(std::ostream& out, const std::string& text) {
  const auto sentences = tifa::split_sentences(text);
  out << "split " << sentences.size() << '\n';
  for (const tifa::SentenceSpan& span : sentences) {
    out << "s " << span.begin << ' ' << span.end << '\n';
  }
  const auto mentions = tifa::Recognizer().find(text);
  out << "find " << mentions.size() << '\n';
  for (const tifa::Mention& mention : mentions) {
    out << "m " << mention.span.begin << ' ' << mention.span.end << ' ';
    put_string(out, mention.canonical);
    out << '\n';
  }
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string base_name(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: tifa_capi_expected OUT SEED...\n";
    return 2;
  }
  try {
    const tifa::Pipeline pipeline;
    std::ofstream out(argv[1], std::ios::binary);
    for (int i = 2; i < argc; ++i) {
      tifa::Input input;
      input.id = base_name(argv[i]);
      const tifa::Document doc = pipeline.process(read_file(argv[i]), input);
      out << "doc " << input.id << '\n';
      put_document(out, doc);
      put_plain_text(out, doc.text);
    }
    if (!out.flush()) throw std::runtime_error(std::string("cannot write ") + argv[1]);
  } catch (const std::exception& error) {
    std::cerr << "tifa_capi_expected: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
