// cli/ordered_runner.hpp: results come back in input order whatever the workers' timing, the
// window (items and bytes) bounds what is in flight, and an early stop leaves nothing hanging.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>
#include <vector>

#include "ordered_runner.hpp"

using tifa::cli::OrderedRunner;

namespace {

// Work whose duration varies with the item, so that results finish out of order.
int slow_square(int item) {
  if (item % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
  return item * item;
}

}  // namespace

TEST_CASE("results come back in input order for any number of workers and window") {
  for (unsigned workers : {1u, 2u, 3u, 8u}) {
    for (std::size_t window : {std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{32}}) {
      OrderedRunner<int, int> runner(workers, {window}, [](const int& item) { return slow_square(item); });
      const int count = 500;
      int next_item = 0;
      std::vector<int> results;
      runner.run([&](int& item) {
                   if (next_item == count) return false;
                   item = next_item++;
                   return true;
                 },
                 [&](int&& result) {
                   results.push_back(result);
                   return true;
                 });
      REQUIRE(results.size() == static_cast<std::size_t>(count));
      for (int i = 0; i < count; ++i) CHECK(results[static_cast<std::size_t>(i)] == i * i);
    }
  }
}

TEST_CASE("no more than the window is in flight") {
  const std::size_t window = 6;
  std::atomic<int> fed{0};
  std::atomic<int> handed_back{0};
  std::atomic<int> most_in_flight{0};
  OrderedRunner<int, int> runner(3, {window}, [](const int& item) { return slow_square(item); });
  runner.run(
      [&](int& item) {
        item = fed++;
        int in_flight = fed - handed_back;
        int seen = most_in_flight;
        while (in_flight > seen && !most_in_flight.compare_exchange_weak(seen, in_flight)) {
        }
        return item < 300;
      },
      [&](int&&) {
        ++handed_back;
        return true;
      });
  CHECK(handed_back == 300);
  CHECK(most_in_flight <= static_cast<int>(window) + 1);  // +1: the item that ends the stream
}

TEST_CASE("an empty stream and an early stop") {
  OrderedRunner<int, int> runner(2, {4}, [](const int& item) { return slow_square(item); });
  int consumed = 0;
  runner.run([](int&) { return false; }, [&](int&&) { return ++consumed, true; });
  CHECK(consumed == 0);

  int next_item = 0;
  runner.run(
      [&](int& item) {
        item = next_item++;
        return true;  // endless
      },
      [&](int&& result) {
        ++consumed;
        CHECK(result == (consumed - 1) * (consumed - 1));
        return consumed < 50;
      });
  CHECK(consumed == 50);
}

TEST_CASE("no item is read while those in flight weigh the byte window or more") {
  // Item i weighs i % 10 bytes; every 50th weighs more than the whole byte window and must still
  // go, and one item per worker always goes.
  auto weight = [](int item) -> std::size_t { return item % 50 == 49 ? 1000 : item % 10; };
  const std::size_t window_bytes = 20;
  OrderedRunner<int, int> runner(
      2, {16, window_bytes}, [](const int& item) { return slow_square(item); },
      [&](const int& item) { return weight(item); });
  std::size_t bytes_in_flight = 0;
  std::size_t most_before_read = 0;
  std::vector<std::size_t> in_flight_weights;  // front: the oldest item in flight
  int next_item = 0;
  int consumed = 0;
  runner.run(
      [&](int& item) {
        most_before_read = std::max(most_before_read, bytes_in_flight);
        if (in_flight_weights.size() >= 2) CHECK(bytes_in_flight < window_bytes);
        if (next_item == 400) return false;
        item = next_item++;
        in_flight_weights.push_back(weight(item));
        bytes_in_flight += weight(item);
        return true;
      },
      [&](int&& result) {
        CHECK(result == consumed * consumed);
        ++consumed;
        bytes_in_flight -= in_flight_weights.front();
        in_flight_weights.erase(in_flight_weights.begin());
        return true;
      });
  CHECK(consumed == 400);
  CHECK(most_before_read > 0);
}

namespace {

// An item that weighs nothing until work loads it, as a file named by its path.
struct LazyItem {
  int number = 0;
  std::size_t loaded = 0;
};

std::size_t loaded_weight(const LazyItem& item) { return item.loaded; }

}  // namespace

TEST_CASE("no item is started while those loaded and in flight weigh the byte window or more") {
  // One worker, items that load more than the whole byte window: the worker may start item i
  // only once item i - 1 has been taken back, so by then every result before i - 1 has been
  // consumed. A slow consumer lets a worker that ignored the window run far ahead.
  std::atomic<int> consumed{0};
  std::atomic<int> started_too_early{0};
  OrderedRunner<LazyItem, int> runner(
      1, {16, 10},
      [&](LazyItem& item) {
        if (consumed < item.number - 1) ++started_too_early;
        item.loaded = 100;
        return item.number;
      },
      loaded_weight);
  int next_item = 0;
  runner.run(
      [&](LazyItem& item) {
        if (next_item == 40) return false;
        item = LazyItem{next_item++, 0};
        return true;
      },
      [&](int&& result) {
        CHECK(result == consumed);
        std::this_thread::sleep_for(std::chrono::microseconds(300));
        ++consumed;
        return true;
      });
  CHECK(consumed == 40);
  CHECK(started_too_early == 0);
}

TEST_CASE("items that load weight in any mix still come back in order, without stalling") {
  for (unsigned workers : {1u, 2u, 3u}) {
    OrderedRunner<LazyItem, int> runner(
        workers, {8, 50},
        [](LazyItem& item) {
          item.loaded = item.number % 13 == 0 ? 500 : static_cast<std::size_t>(item.number % 7);
          return slow_square(item.number);
        },
        loaded_weight);
    int next_item = 0;
    int consumed = 0;
    runner.run(
        [&](LazyItem& item) {
          if (next_item == 300) return false;
          item = LazyItem{next_item++, 0};
          return true;
        },
        [&](int&& result) {
          CHECK(result == consumed * consumed);
          ++consumed;
          return true;
        });
    CHECK(consumed == 300);
  }
}
