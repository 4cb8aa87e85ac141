// Runs a function over a stream of items on N worker threads and hands the results back in input
// order. What is in flight (fed and not yet handed back) is bounded by a window of items and of
// bytes, so memory stays bounded however long the stream is.
//
// The calling thread feeds items and hands the results back: it feeds while the window has room,
// then waits for the oldest results. The workers run `work` on each item, which may first load it
// (read the file it names): reading then runs on every worker instead of one thread, which would
// cap the whole run at the speed of one core's reading once there are enough workers.
//
// The calling thread competes with the workers for the cores, so it sleeps as long as it can: it
// waits until the oldest result and half of what is in flight are done (only the oldest while the
// byte window holds queued items back), and workers wake it only when that becomes true. Waking it for every result cost a context switch per document; a wide
// item window keeps those wake-ups rare, the byte window keeps a wide window cheap in memory.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace tifa::cli {

// What may be in flight at once: at most `items` items; and once those in flight weigh `bytes` or
// more, no further item is fed and no further item is started, except that one item per worker
// always goes (so that heavy items still keep every worker busy).
struct RunnerWindow {
  std::size_t items = 1;
  std::size_t bytes = std::numeric_limits<std::size_t>::max();
};

// Thread safety: run() is called by one thread (again only after a run that went to the end of
// its stream). `work` is called from the workers, concurrently, and `weigh` from them and from the
// thread that calls run(); `next` and `consume` only from that thread.
template <typename Item, typename Result>
class OrderedRunner {
 public:
  using Weigh = std::function<std::size_t(const Item&)>;

  // `work(Item&) -> Result` must not throw: it turns every failure into a Result. It may change
  // the item, e.g. load it. `weigh(const Item&)` gives the bytes an item counts against the byte
  // window: when it is fed, and again (the larger of the two counts) once `work` has left it.
  template <typename Work>
  OrderedRunner(unsigned workers, RunnerWindow window, Work work, Weigh weigh = weigh_nothing)
      : window_(std::max<std::size_t>(window.items, 1)),
        window_bytes_(window.bytes),
        handoff_batch_((window_ + 1) / 2),
        weigh_(std::move(weigh)),
        slots_(window_),
        weights_(window_) {
    if (workers < 1) workers = 1;
    workers_ = workers;
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
    bool exhausted = false;
    std::vector<std::pair<std::size_t, Item>> fresh;
    std::vector<std::size_t> fresh_weights;
    std::vector<Result> ready;
    while (true) {
      std::size_t fresh_bytes = 0;
      while (!exhausted && may_feed(fresh.size(), fresh_bytes)) {
        Item item;
        if (!next(item)) {
          exhausted = true;
          break;
        }
        fresh_weights.push_back(weigh_(item));
        fresh_bytes += fresh_weights.back();
        fresh.emplace_back(fed_ + fresh.size(), std::move(item));
      }
      enqueue(fresh, fresh_weights);
      if (taken_ == fed_) return;  // fed_ and taken_ change only on this thread

      take_ready(ready);
      for (auto& result : ready) {
        if (!consume(std::move(result))) return;
      }
      ready.clear();
    }
  }

 private:
  static std::size_t weigh_nothing(const Item&) { return 0; }

  // Whether one more item may be fed after `fresh` ones weighing `fresh_bytes`, read but not yet
  // queued.
  bool may_feed(std::size_t fresh, std::size_t fresh_bytes) {
    const std::size_t in_flight = fed_ + fresh - taken_;
    if (in_flight >= window_) return false;
    if (in_flight < workers_) return true;
    std::lock_guard lock(mutex_);
    return bytes_in_flight_ + fresh_bytes < window_bytes_;
  }

  // Whether a worker may start the next queued item; called with the mutex held.
  bool may_start() const {
    return started_ - taken_ < workers_ || bytes_in_flight_ < window_bytes_;
  }

  // Queues `items` (emptied) with their `weights` (emptied) under one lock and one wake-up: idle
  // workers then take several items per wake-up instead of being woken for each.
  void enqueue(std::vector<std::pair<std::size_t, Item>>& items, std::vector<std::size_t>& weights) {
    if (items.empty()) return;
    {
      std::lock_guard lock(mutex_);
      for (std::size_t i = 0; i < items.size(); ++i) {
        weights_[items[i].first % window_] = weights[i];
        bytes_in_flight_ += weights[i];
        queue_.push_back(std::move(items[i]));
      }
      fed_ += items.size();
    }
    weights.clear();
    if (items.size() == 1) {
      work_ready_.notify_one();
    } else {
      work_ready_.notify_all();
    }
    items.clear();
  }

  // Waits for the oldest result and enough finished ones (half of those in flight, at most
  // handoff_batch_), then takes the oldest and every consecutive finished one after it.
  void take_ready(std::vector<Result>& ready) {
    bool room_made = false;
    {
      std::unique_lock lock(mutex_);
      wanted_ = std::min(handoff_batch_, (fed_ - taken_ + 1) / 2);
      consumer_waiting_ = true;
      result_ready_.wait(lock, [&] { return handoff_ready(); });
      consumer_waiting_ = false;
      const bool could_start = may_start();
      for (; taken_ < fed_; ++taken_) {
        auto& slot = slots_[taken_ % window_];
        if (!slot) break;
        ready.push_back(std::move(*slot));
        slot.reset();
        --finished_;
        bytes_in_flight_ -= weights_[taken_ % window_];
      }
      room_made = !could_start && !queue_.empty();
    }
    if (room_made) work_ready_.notify_all();  // workers that the byte window held back
  }

  // Whether the consumer may take results now; called with the mutex held. While the byte window
  // holds queued items back, fewer than `wanted_` may ever finish: then the oldest is enough.
  bool handoff_ready() const {
    if (!slots_[taken_ % window_].has_value()) return false;
    return finished_ >= wanted_ || (!queue_.empty() && !may_start());
  }

  template <typename Work>
  void work_loop(const Work& work) {
    while (true) {
      std::pair<std::size_t, Item> job;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return closing_ || (!queue_.empty() && may_start()); });
        if (closing_) return;
        job = std::move(queue_.front());
        queue_.pop_front();
        ++started_;
      }
      Result result = work(job.second);
      const std::size_t weight = weigh_(job.second);
      bool wake_consumer = false;
      {
        std::lock_guard lock(mutex_);
        const std::size_t slot = job.first % window_;
        slots_[slot] = std::move(result);
        if (weight > weights_[slot]) {
          bytes_in_flight_ += weight - weights_[slot];
          weights_[slot] = weight;
        }
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
  const Weigh weigh_;
  std::size_t workers_ = 1;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable result_ready_;
  // Items by sequence number: fed_ have been queued, started_ taken by a worker, taken_ handed
  // back (fed_ and taken_ are written under the mutex, by the consumer only).
  std::size_t fed_ = 0;
  std::size_t started_ = 0;
  std::size_t taken_ = 0;
  std::deque<std::pair<std::size_t, Item>> queue_;
  std::vector<std::optional<Result>> slots_;     // results by sequence % window_
  std::vector<std::size_t> weights_;             // weights of the items in flight, likewise
  std::size_t bytes_in_flight_ = 0;              // their sum
  std::size_t finished_ = 0;  // results in slots_
  // What the waiting consumer wants: the oldest result and `wanted_` finished results.
  bool consumer_waiting_ = false;
  std::size_t wanted_ = 1;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tifa::cli
