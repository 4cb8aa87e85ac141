// Threads (spec/interfaces.md §1 "Threads"): one tifa::Pipeline, one tifa::Lexicon and one
// tifa::Recognizer shared by 8 threads that process every document of ../shared/corpus (the seeds
// when it is absent) for several rounds; the C ABI the same way (one tifa_pipeline, one
// tifa_lexicon, one tifa_config, per-thread tifa_last_error, one tifa_doc read by every thread,
// and a batch on the library's own threads).
//
// Every result must equal the single-threaded one. Built as usual this is a determinism test;
// tests/tsan/run_tsan.sh builds it with -fsanitize=thread in a separate tree (the whole library
// instrumented) and fails on any ThreadSanitizer report.
//
// TIFA_THREADS_ROUNDS (default 3) sets the number of rounds.
#include <doctest/doctest.h>

#include <tifa/tifa.hpp>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#ifdef TIFA_TEST_C_ABI
#include <tifa/tifa.h>
#endif

#include "paths.hpp"

namespace {

constexpr unsigned kThreads = 8;

struct Input {
  std::string name;
  std::string bytes;
};

std::vector<Input> load_inputs() {
  std::vector<std::filesystem::path> paths = tifa::test::corpus_files();
  if (paths.empty()) {
    MESSAGE("../shared/corpus is absent (or TIFA_SHARED_DIR points nowhere): using the seeds");
    paths = tifa::test::seed_files();
  }
  std::vector<Input> inputs;
  for (const auto& path : paths) inputs.push_back({path.string(), tifa::test::read_file(path)});
  return inputs;
}

unsigned rounds() {
  const char* env = std::getenv("TIFA_THREADS_ROUNDS");
  const int value = env != nullptr ? std::atoi(env) : 0;
  return value > 0 ? static_cast<unsigned>(value) : 3u;
}

// Failures found by the workers, reported by the main thread (doctest asserts stay there).
class Failures {
 public:
  void add(std::string message) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (messages_.size() < 20) messages_.push_back(std::move(message));
    ++count_;
  }
  void report() const {
    for (const auto& message : messages_) MESSAGE(message);
    CHECK(count_ == 0);
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> messages_;
  std::size_t count_ = 0;
};

// Runs work(thread, task) for tasks [0, count) on kThreads threads that start together; each
// thread takes the next task from a shared counter.
void run_threads(std::size_t count, const std::function<void(unsigned, std::size_t)>& work) {
  std::latch start(kThreads);
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (std::size_t task = next++; task < count; task = next++) work(t, task);
    });
  }
  for (auto& thread : threads) thread.join();
}

}  // namespace

TEST_CASE("8 threads share one Pipeline, one Lexicon and one Recognizer") {
  const std::vector<Input> inputs = load_inputs();
  REQUIRE(!inputs.empty());
  const unsigned n_rounds = rounds();
  Failures failures;

  // The built-in lexicon is parsed on first use: every thread asks for it at once.
  std::vector<const tifa::Lexicon*> builtins(kThreads, nullptr);
  run_threads(kThreads, [&](unsigned, std::size_t task) {
    const tifa::Lexicon& lexicon = tifa::Lexicon::builtin();
    builtins[task] = &lexicon;
    if (lexicon.size() == 0 || lexicon.sha256().empty()) failures.add("empty built-in lexicon");
  });
  for (const tifa::Lexicon* lexicon : builtins) CHECK(lexicon == &tifa::Lexicon::builtin());

  // One lexicon (a copy shares the built-in data), one pipeline and one recogniser made from it.
  const tifa::Lexicon lexicon = tifa::Lexicon::builtin();
  const tifa::Pipeline pipeline(tifa::Options{}, lexicon);
  const tifa::Recognizer recognizer(lexicon);

  // The single-threaded results.
  std::vector<std::string> expected_json;
  std::vector<std::size_t> expected_found;
  std::vector<tifa::Document> documents;
  for (const Input& input : inputs) {
    tifa::Input hint;
    hint.path = input.name;
    documents.push_back(pipeline.process(input.bytes, hint));
    expected_json.push_back(tifa::to_json(documents.back()));
    expected_found.push_back(recognizer.find(documents.back().text).size());
  }

  for (unsigned round = 0; round < n_rounds; ++round) {
    // Every document once per round, on whichever thread is free; a thread also uses the lexicon
    // and the recogniser directly, and builds a pipeline of its own from the shared lexicon.
    run_threads(inputs.size(), [&](unsigned thread, std::size_t i) {
      tifa::Input hint;
      hint.path = inputs[i].name;
      const tifa::Document doc = pipeline.process(inputs[i].bytes, hint);
      if (tifa::to_json(doc) != expected_json[i]) {
        failures.add("round " + std::to_string(round) + ": " + inputs[i].name +
                     " gives another JSON on thread " + std::to_string(thread));
      }
      if (recognizer.find(doc.text).size() != expected_found[i]) {
        failures.add("Recognizer::find differs on " + inputs[i].name);
      }
      for (const tifa::Mention& mention : doc.mentions) {
        if (mention.in_lexicon && lexicon.find(mention.slogan_id) == nullptr) {
          failures.add("no lexicon entry " + mention.slogan_id);
        }
      }
      if (i % kThreads == thread) {
        const tifa::Pipeline own(tifa::Options{}, lexicon);
        if (own.lexicon().sha256() != lexicon.sha256()) failures.add("a copied lexicon differs");
      }
    });
    // One document read by every thread at once.
    const tifa::Document& shared = documents[round % documents.size()];
    run_threads(kThreads, [&](unsigned, std::size_t) {
      if (tifa::to_json(shared) != expected_json[round % documents.size()]) {
        failures.add("a shared Document reads differently");
      }
      std::size_t sum = 0;
      for (std::size_t pos = 0; pos <= shared.text.size(); pos += 7) sum += shared.raw_offset(pos);
      if (sum == 0 && shared.text.size() > 7) failures.add("raw_offset gives only zeros");
    });
  }
  failures.report();
  MESSAGE(inputs.size() << " documents, " << n_rounds << " rounds, " << kThreads << " threads");
}

#ifdef TIFA_TEST_C_ABI
TEST_CASE("8 threads share one tifa_pipeline and one tifa_lexicon (C ABI)") {
  const std::vector<Input> inputs = load_inputs();
  REQUIRE(!inputs.empty());
  Failures failures;

  tifa_lexicon* lexicon = nullptr;
  REQUIRE(tifa_lexicon_builtin(&lexicon) == TIFA_OK);
  tifa_config* config = nullptr;  // every default, set explicitly; shared once it is set
  REQUIRE(tifa_config_new(&config) == TIFA_OK);
  REQUIRE(tifa_config_set_flags(config, 0) == TIFA_OK);
  tifa_pipeline* pipeline = nullptr;
  REQUIRE(tifa_pipeline_new(&pipeline, lexicon, config) == TIFA_OK);

  // The C ABI must give what the C++ API gives.
  const tifa::Pipeline reference;
  std::vector<std::string> expected_json;
  for (const Input& input : inputs) expected_json.push_back(tifa::to_json(reference.process(input.bytes)));

  tifa_doc* shared = nullptr;
  REQUIRE(tifa_pipeline_process(&shared, pipeline, inputs[0].bytes.data(), inputs[0].bytes.size()) ==
          TIFA_OK);
  const std::size_t shared_mentions = tifa_doc_mention_count(shared);
  std::size_t shared_text_len = 0;
  const char* shared_text = tifa_doc_text(shared, &shared_text_len);

  run_threads(inputs.size(), [&](unsigned thread, std::size_t i) {
    // An error on this thread: its message stays on this thread, and the next call clears it.
    tifa_doc* bad = nullptr;
    if (tifa_pipeline_process(&bad, nullptr, "x", 1) != TIFA_E_INVALID_ARG || bad != nullptr ||
        tifa_last_error()[0] == '\0') {
      failures.add("no per-thread error on thread " + std::to_string(thread));
    }
    tifa_doc* doc = nullptr;
    if (tifa_pipeline_process(&doc, pipeline, inputs[i].bytes.data(), inputs[i].bytes.size()) !=
        TIFA_OK) {
      failures.add(inputs[i].name + ": " + tifa_last_error());
      return;
    }
    if (tifa_last_error()[0] != '\0') failures.add("tifa_last_error not cleared");
    if (i % kThreads == thread) {  // pipelines made at once from the shared lexicon and config
      tifa_pipeline* own = nullptr;
      if (tifa_pipeline_new(&own, lexicon, config) != TIFA_OK) failures.add(tifa_last_error());
      tifa_pipeline_free(own);
    }
    char* json = nullptr;
    std::size_t len = 0;
    if (tifa_doc_to_json(&json, &len, doc) != TIFA_OK || std::string(json, len) != expected_json[i]) {
      failures.add(inputs[i].name + ": the C ABI gives another JSON on thread " +
                   std::to_string(thread));
    }
    tifa_string_free(json);
    tifa_doc_free(doc);
    // The shared document, read from every thread.
    std::size_t text_len = 0;
    if (tifa_doc_text(shared, &text_len) != shared_text || text_len != shared_text_len ||
        tifa_doc_mention_count(shared) != shared_mentions) {
      failures.add("the shared tifa_doc reads differently");
    }
    for (std::size_t m = 0; m < shared_mentions; ++m) {
      std::size_t begin = 0;
      std::size_t end = 0;
      std::size_t canonical_len = 0;
      if (tifa_doc_mention_at(shared, m, &begin, &end) != TIFA_OK || end > shared_text_len ||
          tifa_doc_mention_field(shared, m, "canonical", &canonical_len) == nullptr) {
        failures.add("a mention of the shared tifa_doc reads differently");
      }
    }
  });

  // A batch: the library's own threads.
  std::vector<const char*> data;
  std::vector<std::size_t> lengths;
  for (const Input& input : inputs) {
    data.push_back(input.bytes.data());
    lengths.push_back(input.bytes.size());
  }
  std::vector<char*> json(inputs.size(), nullptr);
  std::vector<int> status(inputs.size(), TIFA_E_INTERNAL);
  REQUIRE(tifa_pipeline_process_batch(pipeline, inputs.size(), data.data(), lengths.data(),
                                      json.data(), status.data(), kThreads) == TIFA_OK);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (status[i] != TIFA_OK || json[i] == nullptr || expected_json[i] != json[i]) {
      failures.add(inputs[i].name + ": tifa_pipeline_process_batch gives another result");
    }
    tifa_string_free(json[i]);
  }

  tifa_doc_free(shared);
  tifa_pipeline_free(pipeline);
  tifa_config_free(config);
  tifa_lexicon_free(lexicon);
  failures.report();
}
#endif
