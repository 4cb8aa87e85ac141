// Runs a function over a stream of items on N worker threads and hands the results back in input
// order. At most `window` items are in flight (queued, running, or done but not yet handed back),
// so memory stays bounded however long the stream is.
//
// The calling thread does all reading and all writing: it feeds items while the window has room,
// then waits for the oldest result. Workers only compute.
#pragma once

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
      : window_(window < 1 ? 1 : window), slots_(window_) {
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
    std::vector<Result> ready;
    while (true) {
      while (!exhausted && fed - handed_back < window_) {
        Item item;
        if (!next(item)) {
          exhausted = true;
          break;
        }
        enqueue(fed++, std::move(item));
      }
      if (handed_back == fed) return;

      take_ready(handed_back, fed, ready);
      for (auto& result : ready) {
        ++handed_back;
        if (!consume(std::move(result))) return;
      }
      ready.clear();
    }
  }

 private:
  void enqueue(std::size_t sequence, Item item) {
    {
      std::lock_guard lock(mutex_);
      queue_.emplace_back(sequence, std::move(item));
    }
    work_ready_.notify_one();
  }

  // Waits for result `first`, then takes it and every consecutive finished one after it.
  void take_ready(std::size_t first, std::size_t fed, std::vector<Result>& ready) {
    std::unique_lock lock(mutex_);
    result_ready_.wait(lock, [&] { return slots_[first % window_].has_value(); });
    for (std::size_t sequence = first; sequence < fed; ++sequence) {
      auto& slot = slots_[sequence % window_];
      if (!slot) break;
      ready.push_back(std::move(*slot));
      slot.reset();
    }
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
      {
        std::lock_guard lock(mutex_);
        slots_[job.first % window_] = std::move(result);
      }
      result_ready_.notify_one();
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
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable result_ready_;
  std::deque<std::pair<std::size_t, Item>> queue_;
  std::vector<std::optional<Result>> slots_;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tifa::cli
