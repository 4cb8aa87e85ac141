// The limits through the C ABI config keys and the command-line options: max_html_depth,
// max_blocks and max_input_bytes are accepted, a zero or junk value is refused, and each limit
// gives its warning or error code (test_bad_input.cpp checks the behaviour itself).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <string>

#ifdef TIFA_TEST_C_ABI
#include <tifa/tifa.h>
#endif

namespace {

#ifdef TIFA_TEST_C_ABI
// Processes `html` with one config key set; returns the status and the block count.
int process_with(const char* key, const char* value, const std::string& html, size_t& blocks) {
  tifa_config* config = nullptr;
  REQUIRE(tifa_config_new(&config) == TIFA_OK);
  int status = tifa_config_set(config, key, value);
  tifa_pipeline* pipeline = nullptr;
  if (status == TIFA_OK) status = tifa_pipeline_new(&pipeline, nullptr, config);
  tifa_config_free(config);
  tifa_doc* doc = nullptr;
  if (status == TIFA_OK) status = tifa_pipeline_process(&doc, pipeline, html.data(), html.size());
  blocks = doc != nullptr ? tifa_doc_block_count(doc) : 0;
  tifa_doc_free(doc);
  tifa_pipeline_free(pipeline);
  return status;
}

TEST_CASE("C API: max_html_depth, max_blocks and max_input_bytes keys") {
  const std::string html = "<p>第一段。</p><p>第二段。</p><p>第三段。</p><p>第四段。</p>\n";
  size_t blocks = 0;
  CHECK(process_with("max_blocks", "100000", html, blocks) == TIFA_OK);
  CHECK(blocks == 4);
  CHECK(process_with("max_blocks", "2", html, blocks) == TIFA_OK);
  CHECK(blocks == 2);
  CHECK(process_with("max_html_depth", "1", "<div><p>深处。</p></div>", blocks) == TIFA_OK);
  CHECK(blocks == 1);
  CHECK(process_with("max_input_bytes", "10", html, blocks) == TIFA_E_LIMIT);
  for (const char* key : {"max_blocks", "max_html_depth", "max_input_bytes"}) {
    CAPTURE(key);
    for (const char* bad : {"0", "-1", "ten", ""}) {
      CAPTURE(bad);
      CHECK(process_with(key, bad, html, blocks) == TIFA_E_INVALID_ARG);
    }
  }
}
#endif

#ifdef TIFA_CLI_PATH
struct Run {
  int status = -1;
  std::string out;
};

// Runs `command` with /bin/sh; standard error is discarded.
Run run_shell(const std::string& command) {
  Run run;
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
  const int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

const std::string kCli = std::string("'") + TIFA_CLI_PATH + "'";

TEST_CASE("CLI: --max-html-depth and --max-blocks") {
  const Run limited = run_shell(
      "printf '%s' '<div><div><p>第一段。</p></div></div><p>第二段。</p><p>第三段。</p>' | " + kCli +
      " process --quiet --max-html-depth 1 --max-blocks 2 -");
  CHECK(limited.status == 0);
  CHECK(limited.out.find("\"html_depth_limit\"") != std::string::npos);
  CHECK(limited.out.find("\"block_limit\"") != std::string::npos);
  for (const char* bad : {"--max-html-depth 0", "--max-blocks 0", "--max-blocks x"}) {
    CAPTURE(bad);
    CHECK(run_shell(kCli + " process --quiet " + bad + " /dev/null").status == 64);
  }
}
#endif

}  // namespace
