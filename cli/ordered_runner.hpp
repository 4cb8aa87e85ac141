// Runs a function over a stream of items on N worker threads and hands the results back in input
// order. What is in flight (queued, running, or done but not yet handed back) is bounded by a
// window of items and of bytes, so memory stays bounded however long the stream is.
//
// The calling thread does all reading and all writing: it feeds items while the window has room,
// then waits for the oldest results. Workers only compute.
//
// The calling thread competes with the workers for the cores, so it sleeps as long as it can: it
// waits until the oldest result and half of what is in flight are done, and workers wake it only
// when that becomes true. Waking it for every result cost a context switch per document; a wide
// item window keeps those wake-ups rare, the byte window keeps a wide window cheap in memory.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace tifa::cli {

// What may be in flight at once: at most `items` items, and no further item is read once those in
// flight weigh `bytes` or more, except that one item per worker always goes (so that heavy items
// still keep every worker busy).
struct RunnerWindow {
  std::size_t items = 1;
  std::size_t bytes = std::numeric_limits<std::size_t>::max();
};

template <typename Item, typename Result>
class OrderedRunner {
 public:
  // `work` must not throw: it turns every failure into a Result. It is called from many threads.
  template <typename Work>
  OrderedRunner(unsigned workers, RunnerWindow window, Work work)
      : window_(std::max<std::size_t>(window.items, 1)),
        window_bytes_(window.bytes),
        handoff_batch_((window_ + 1) / 2),
        slots_(window_) {
    if (workers < 1) workers = 1;
    threads_.reserve(workers);
    for (unsigned i = 0; i < workers; ++i) {
      threads_.emplace_back([this, work] { work_loop(work); });
    }
  }

  ~OrderedRunner() { shut_down(); }
  OrderedRunner(const OrderedRunner&) = delete;
  OrderedRunner& operator=(const OrderedRunner&) = delete;

  // Pulls items with `next(Item&) -> bool` until it returns false and passes each result, in
  // order, to `consume(Result&&) -> bool`. Stops early when `consume` returns false.
  // `weigh(const Item&) -> std::size_t` gives the bytes an item counts against the byte window.
  template <typename Next, typename Consume, typename Weigh>
  void run(Next next, Consume consume, Weigh weigh) {
    std::size_t fed = 0;
    std::size_t handed_back = 0;
    std::size_t bytes_in_flight = 0;
    std::vector<std::size_t> weights(window_);  // of the items in flight, by sequence % window_
    bool exhausted = false;
    std::vector<std::pair<std::size_t, Item>> fresh;
    std::vector<Result> ready;
    while (true) {
      while (!exhausted && fed - handed_back < window_ &&
             (fed - handed_back < threads_.size() || bytes_in_flight < window_bytes_)) {
        Item item;
        if (!next(item)) {
          exhausted = true;
          break;
        }
        weights[fed % window_] = weigh(item);
        bytes_in_flight += weights[fed % window_];
        fresh.emplace_back(fed++, std::move(item));
      }
      enqueue(fresh);
      if (handed_back == fed) return;

      take_ready(handed_back, fed, fed - handed_back, ready);
      for (auto& result : ready) {
        bytes_in_flight -= weights[handed_back % window_];
        ++handed_back;
        if (!consume(std::move(result))) return;
      }
      ready.clear();
    }
  }

  // As above, with every item weighing nothing: only the item window applies.
  template <typename Next, typename Consume>
  void run(Next next, Consume consume) {
    run(std::move(next), std::move(consume), [](const Item&) { return std::size_t{0}; });
  }

 private:
  // Queues `items` (emptied) under one lock and one wake-up: idle workers then take several
  // items per wake-up instead of being woken for each.
  void enqueue(std::vector<std::pair<std::size_t, Item>>& items) {
    if (items.empty()) return;
    {
      std::lock_guard lock(mutex_);
      for (auto& item : items) queue_.push_back(std::move(item));
    }
    if (items.size() == 1) {
      work_ready_.notify_one();
    } else {
      work_ready_.notify_all();
    }
    items.clear();
  }

  // Waits for result `first` and enough finished ones (half of those in flight, at most
  // handoff_batch_), then takes `first` and every consecutive finished one after it.
  void take_ready(std::size_t first, std::size_t fed, std::size_t in_flight,
                  std::vector<Result>& ready) {
    std::unique_lock lock(mutex_);
    oldest_ = first;
    wanted_ = std::min(handoff_batch_, (in_flight + 1) / 2);
    consumer_waiting_ = true;
    result_ready_.wait(lock, [&] { return handoff_ready(); });
    consumer_waiting_ = false;
    for (std::size_t sequence = first; sequence < fed; ++sequence) {
      auto& slot = slots_[sequence % window_];
      if (!slot) break;
      ready.push_back(std::move(*slot));
      slot.reset();
      --finished_;
    }
  }

  // Whether the consumer may take results now; called with the mutex held.
  bool handoff_ready() const {
    return slots_[oldest_ % window_].has_value() && finished_ >= wanted_;
  }

  template <typename Work>
  void work_loop(const Work& work) {
    while (true) {
      std::pair<std::size_t, Item> job;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return closing_ || !queue_.empty(); });
        if (closing_) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      Result result = work(job.second);
      bool wake_consumer = false;
      {
        std::lock_guard lock(mutex_);
        slots_[job.first % window_] = std::move(result);
        ++finished_;
        wake_consumer = consumer_waiting_ && handoff_ready();
      }
      if (wake_consumer) result_ready_.notify_one();
    }
  }

  void shut_down() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
      queue_.clear();
    }
    work_ready_.notify_all();
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

  const std::size_t window_;
  const std::size_t window_bytes_;
  // Results the consumer waits for before it wakes: half the window, so that the workers still
  // have the other half to go on with while it reads and writes.
  const std::size_t handoff_batch_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable result_ready_;
  std::deque<std::pair<std::size_t, Item>> queue_;
  std::vector<std::optional<Result>> slots_;
  std::size_t finished_ = 0;  // results in slots_
  // What the waiting consumer wants: result `oldest_` and `wanted_` finished results.
  bool consumer_waiting_ = false;
  std::size_t oldest_ = 0;
  std::size_t wanted_ = 1;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tifa::cli
