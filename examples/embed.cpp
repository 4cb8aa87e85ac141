// embed.cpp: tifa from C++ (docs/install.md). Processes one article and prints what a research
// pipeline usually keeps: title, date, sentence count, and each slogan with its canonical form
// and confidence. The output is the same as examples/embed.c's (a test compares them).
//
//   embed FILE
//
// Build it against an installed tifa with find_package(tifa CONFIG REQUIRED) and tifa::tifa, or
// inside a project that vendors tifa with add_subdirectory().
#include <tifa/tifa.hpp>

#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: embed FILE\n";
    return 64;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "embed: cannot read " << argv[1] << '\n';
    return 66;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  try {
    // A pipeline is immutable once built: build one and share it between threads.
    const tifa::Pipeline pipeline;
    tifa::Input input;
    input.path = argv[1];
    const tifa::Document doc = pipeline.process(bytes, input);

    std::cout << "title: " << (doc.meta.title ? doc.meta.title->value : "(none)") << '\n';
    std::cout << "date: " << (doc.meta.published_at ? doc.meta.published_at->iso : "(none)")
              << '\n';
    std::cout << "sentences: " << doc.sentences.size() << '\n';
    std::cout << "slogans: " << doc.mentions.size() << '\n';
    for (const tifa::Mention& mention : doc.mentions) {
      // Spans are byte offsets into doc.text.
      const std::string_view surface =
          std::string_view(doc.text).substr(mention.span.begin, mention.span.size());
      std::cout << "  " << surface << " -> " << mention.canonical << " ("
                << tifa::to_string(mention.confidence) << ")\n";
    }
    return 0;
  } catch (const tifa::Error& error) {
    std::cerr << "embed: " << tifa::to_string(error.code()) << ": " << error.what() << '\n';
    return 65;
  } catch (const std::exception& error) {
    std::cerr << "embed: " << error.what() << '\n';
    return 70;
  }
}
