// Private to capi/: the structs behind the opaque handles of tifa.h, the exception firewall and
// the option parser. Nothing outside capi/ includes this file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <tifa/tifa.hpp>

namespace tifa::capi {

// The firewall test hook (config key "test_throw", docs/c-api.md): which exception
// tifa_pipeline_process throws on purpose, so tests can prove that none crosses the ABI.
enum class TestThrow : std::uint8_t { kNone, kRuntimeError, kBadAlloc, kUnknown, kTifaError };

// Clears the calling thread's last error (every entry point but tifa_last_error does on entry).
void clear_error() noexcept;
// The calling thread's last error; never NULL.
const char* last_error() noexcept;
// Maps the exception being handled to a status code and records its message. Call it only from
// a catch block: it rethrows the current exception to classify it.
int handle_exception(const char* where) noexcept;

// The exception firewall: every entry point of tifa.h runs its body through call() (status
// functions) or get() (getters that return a value), so no C++ exception crosses the ABI.
template <typename Body>
int call(const char* where, Body&& body) noexcept {
  clear_error();
  try {
    return body();
  } catch (...) {
    return handle_exception(where);
  }
}

template <typename T, typename Body>
T get(const char* where, T on_error, Body&& body) noexcept {
  clear_error();
  try {
    return body();
  } catch (...) {
    handle_exception(where);
    return on_error;
  }
}

// Throws tifa::Error(kInvalidArgument) with `message`.
[[noreturn]] void invalid(const std::string& message);

// What tifa_config holds: the pipeline options and the test hook.
struct Config {
  Options options;
  TestThrow test_throw = TestThrow::kNone;
};

// Sets one option of a configuration by name; throws tifa::Error(kInvalidArgument) naming the key
// for an unknown key or a bad value.
void set_option(Config& config, std::string_view key, std::string_view value);
// Sets the switches of the TIFA_OPT_* bits; throws for unknown bits.
void set_flags(Options& options, std::uint32_t flags);

}  // namespace tifa::capi

// The handles of tifa.h. Each wraps a value of the C++ API.
struct tifa_lexicon {
  tifa::Lexicon lexicon;
};

struct tifa_config {
  tifa::capi::Config config;
};

struct tifa_pipeline {
  tifa::Pipeline pipeline;
  // The splitter of tifa_pipeline_split and tifa_pipeline_find_slogans: the pipeline's own is
  // private, so this one is built from the same options (as lib/pipeline.cpp does).
  tifa::SentenceSplitter splitter;
  tifa::capi::TestThrow test_throw = tifa::capi::TestThrow::kNone;
};

struct tifa_doc {
  tifa::Document document;
};
