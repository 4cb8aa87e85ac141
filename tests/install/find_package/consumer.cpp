// Links tifa::tifa from an installed tree: processes a seed, prints its title and mention count,
// and checks that the installed share/tifa/slogans.tsv is the lexicon compiled into the library.
#include <tifa/tifa.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer_cpp FILE\n";
    return 64;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "consumer_cpp: cannot read " << argv[1] << '\n';
    return 66;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    const tifa::Pipeline pipeline;
    const tifa::Document doc = pipeline.process(bytes);
    std::cout << "version: " << tifa::kVersionString << '\n';
    std::cout << "title: " << (doc.meta.title ? doc.meta.title->value : "") << '\n';
    std::cout << "mentions: " << doc.mentions.size() << '\n';

    const tifa::Lexicon installed =
        tifa::Lexicon::from_file(std::string(TIFA_DATA_DIR) + "/slogans.tsv");
    if (installed.sha256() != tifa::Lexicon::builtin().sha256()) {
      std::cerr << "consumer_cpp: " TIFA_DATA_DIR "/slogans.tsv (" << installed.sha256()
                << ") is not the built-in lexicon (" << tifa::Lexicon::builtin().sha256() << ")\n";
      return 1;
    }
    std::cout << "lexicon: " << installed.size() << " entries, same as built-in\n";
    return doc.mentions.empty() ? 1 : 0;
  } catch (const std::exception& error) {
    std::cerr << "consumer_cpp: " << error.what() << '\n';
    return 1;
  }
}
