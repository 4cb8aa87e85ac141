// Double-array construction (spec/slogans.md §8).
//
// The keys are sorted, so every trie state is a range of keys sharing a prefix; states are placed
// breadth first. A state's children need a base b with every slot b + code free: candidate slots
// come from a bitmap of used slots, and after a bounded number of failed candidates the state goes
// past the highest used slot, so construction stays near-linear however full the array gets.
#include "slogans/double_array.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <numeric>

namespace tifa::slogans {

namespace {

// How far back from the highest used slot bases for several children are looked for.
constexpr std::size_t kSearchWindow = 4096;

}  // namespace

class DoubleArray::Builder {
 public:
  Builder(std::vector<Node>& nodes, Code alphabet_size) : nodes_(nodes), alphabet_size_(alphabet_size) {
    nodes_.assign(1, Node{0, kRootCheck});
    mark_used(kRoot);
  }

  // Places the children of `parent`, whose codes are `codes` (ascending, not empty); returns
  // their slots in the same order.
  const std::vector<std::uint32_t>& place_children(std::uint32_t parent, const std::vector<Code>& codes) {
    const std::uint32_t base = find_base(codes);
    nodes_[parent].base = base;
    child_slots_.clear();
    for (const Code code : codes) {
      const std::uint32_t slot = base + code;
      mark_used(slot);
      nodes_[slot].check = parent;
      child_slots_.push_back(slot);
    }
    return child_slots_;
  }

  // Pads the array so that base + code stays inside it for every state and code.
  void finish() {
    std::uint32_t max_base = 0;
    for (const Node& node : nodes_) max_base = std::max(max_base, node.base);
    ensure_size(static_cast<std::size_t>(max_base) + alphabet_size_ + 1);
    nodes_.shrink_to_fit();
  }

 private:
  bool is_used(std::size_t slot) const noexcept {
    return slot < nodes_.size() && (used_[slot / 64] >> (slot % 64) & 1) != 0;
  }

  void ensure_size(std::size_t size) {
    if (nodes_.size() < size) nodes_.resize(size);
    if (used_.size() * 64 < size) used_.resize((size + 63) / 64, 0);
  }

  void mark_used(std::uint32_t slot) {
    ensure_size(std::size_t{slot} + 1);
    used_[slot / 64] |= std::uint64_t{1} << (slot % 64);
    high_water_ = std::max<std::size_t>(high_water_, std::size_t{slot} + 1);
    while (is_used(first_free_)) first_free_ = next_free(first_free_ + 1);
  }

  // The first free slot at or after `slot` (slots past the array are free).
  std::size_t next_free(std::size_t slot) const noexcept {
    std::size_t word = slot / 64;
    if (word >= used_.size()) return slot;
    std::uint64_t free_bits = ~used_[word] & (~std::uint64_t{0} << (slot % 64));
    while (free_bits == 0) {
      if (++word >= used_.size()) return word * 64;
      free_bits = ~used_[word];
    }
    return word * 64 + static_cast<std::size_t>(std::countr_zero(free_bits));
  }

  bool fits(std::size_t base, const std::vector<Code>& codes) const noexcept {
    return std::none_of(codes.begin(), codes.end(), [&](Code code) { return is_used(base + code); });
  }

  // A base for `codes`. One child fits the first free slot. Several children are tried only
  // against the last kSearchWindow slots (and past them, where every slot is free): earlier slots
  // are dense, so trying them costs much and finds little; the single children fill them later.
  std::uint32_t find_base(const std::vector<Code>& codes) {
    const Code first_code = codes.front();
    std::size_t start = std::max<std::size_t>(first_free_, first_code);
    if (codes.size() > 1 && high_water_ > kSearchWindow) start = std::max(start, high_water_ - kSearchWindow);
    std::size_t free = next_free(start);
    while (!fits(free - first_code, codes)) free = next_free(free + 1);
    return static_cast<std::uint32_t>(free - first_code);
  }

  std::vector<Node>& nodes_;
  Code alphabet_size_;
  std::vector<std::uint64_t> used_;
  std::size_t first_free_ = 0;
  std::size_t high_water_ = 0;
  std::vector<std::uint32_t> child_slots_;
};

DoubleArray::DoubleArray() : nodes_{Node{0, kRootCheck}, Node{}}, outputs_(2, kNone), failure_(2, kRoot) {}

DoubleArray::DoubleArray(const std::vector<Key>& keys, Code alphabet_size, bool failure_links) {
  // Key order: lexicographic by codes; stable, so the first of equal keys stays first.
  std::vector<std::uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::lexicographical_compare(keys[a].codes.begin(), keys[a].codes.end(),
                                        keys[b].codes.begin(), keys[b].codes.end());
  });

  // A state to place: the keys order[first, last) share their first `depth` codes.
  struct Pending {
    std::uint32_t slot;
    std::size_t first, last, depth;
  };
  Builder builder(nodes_, std::max<Code>(alphabet_size, 1));
  std::deque<Pending> queue{{kRoot, 0, order.size(), 0}};
  std::vector<std::uint32_t> breadth_first;  // the states in the order they are placed
  std::vector<Code> codes;
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  while (!queue.empty()) {
    const Pending state = queue.front();
    queue.pop_front();
    breadth_first.push_back(state.slot);
    std::size_t i = state.first;
    // Keys that end here sort first; the first of them is the earliest given.
    if (i < state.last && keys[order[i]].codes.size() == state.depth && state.slot != kRoot) {
      if (outputs_.size() <= state.slot) outputs_.resize(std::size_t{state.slot} + 1, kNone);
      outputs_[state.slot] = keys[order[i]].output;
      nodes_[state.slot].check |= kAccepting | kReaches;
    }
    while (i < state.last && keys[order[i]].codes.size() == state.depth) ++i;
    codes.clear();
    ranges.clear();
    while (i < state.last) {
      const Code code = keys[order[i]].codes[state.depth];
      const std::size_t begin = i;
      while (i < state.last && keys[order[i]].codes[state.depth] == code) ++i;
      codes.push_back(code);
      ranges.emplace_back(begin, i);
    }
    if (codes.empty()) continue;
    const auto& slots = builder.place_children(state.slot, codes);
    for (std::size_t c = 0; c < slots.size(); ++c) {
      queue.push_back({slots[c], ranges[c].first, ranges[c].second, state.depth + 1});
    }
    states_ += slots.size();
  }
  builder.finish();
  outputs_.resize(nodes_.size(), kNone);
  outputs_.shrink_to_fit();
  if (failure_links) link_failures(breadth_first);
}

// Standard Aho-Corasick construction, breadth first so that every shallower state is linked
// before its failure link is needed: the failure of a child of `parent` by `code` is where the
// parent's failure goes on `code`.
void DoubleArray::link_failures(const std::vector<std::uint32_t>& breadth_first) {
  failure_.assign(nodes_.size(), kRoot);
  for (const std::uint32_t slot : breadth_first) {
    if (slot == kRoot) continue;
    const std::uint32_t from = parent(slot);
    const Code code = slot - nodes_[from].base;
    failure_[slot] = from == kRoot ? kRoot : next(failure_[from], code);
    if (accepts(slot) || reaches_output(failure_[slot])) nodes_[slot].check |= kReaches;
  }
}

}  // namespace tifa::slogans
