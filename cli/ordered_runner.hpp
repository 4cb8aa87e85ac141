// Runs a function over a stream of items on N worker threads and hands the results back in input
// order. At most `window` items are in flight (queued, running, or done but not yet handed back),
// so memory stays bounded however long the stream is.
//
// The calling thread does all reading and all writing: it feeds items while the window has room,
// then waits for the oldest results. Workers only compute.
//
// The calling thread competes with the workers for the cores, so it sleeps as long as it can: it
// waits until the oldest result and half the window are done (or all that is in flight), and
// workers wake it only when that becomes true. Waking it for every result cost a context switch
// per document.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace tifa::cli {

template <typename Item, typename Result>
class OrderedRunner {
 public:
  // `work` must not throw: it turns every failure into a Result. It is called from many threads.
  template <typename Work>
  OrderedRunner(unsigned workers, std::size_t window, Work work)
      : window_(window < 1 ? 1 : window), handoff_batch_((window_ + 1) / 2), slots_(window_) {
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
  template <typename Next, typename Consume>
  void run(Next next, Consume consume) {
    std::size_t fed = 0;
    std::size_t handed_back = 0;
    bool exhausted = false;
    std::vector<std::pair<std::size_t, Item>> fresh;
    std::vector<Result> ready;
    while (true) {
      while (!exhausted && fed - handed_back < window_) {
        Item item;
        if (!next(item)) {
          exhausted = true;
          break;
        }
        fresh.emplace_back(fed++, std::move(item));
      }
      enqueue(fresh);
      if (handed_back == fed) return;

      take_ready(handed_back, fed, fed - handed_back, ready);
      for (auto& result : ready) {
        ++handed_back;
        if (!consume(std::move(result))) return;
      }
      ready.clear();
    }
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

  // Waits for result `first` and enough finished ones (see handoff_batch_), then takes `first`
  // and every consecutive finished one after it.
  void take_ready(std::size_t first, std::size_t fed, std::size_t in_flight,
                  std::vector<Result>& ready) {
    std::unique_lock lock(mutex_);
    oldest_ = first;
    wanted_ = std::min(handoff_batch_, in_flight);
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
  // Results the consumer waits for before it wakes: half the window, so that the workers still
  // have the other half to go on with while it writes.
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
