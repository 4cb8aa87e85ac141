// A trie over alphabet codes stored as a double array (spec/slogans.md §8): the child of `node`
// by `code` sits at slot base[node] + code and belongs to `node` when check[slot] == node. Base and
// check sit side by side (the only bytes a transition reads); the output of accepting states and
// the Aho-Corasick failure links have arrays of their own. 12 bytes per slot, 16 with failure links.
//
// The root is slot 0; since codes start at 1 and the root is nobody's child, child() returns 0 for
// "no transition" (code 0 included). The array is padded so that base + code never leaves it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tifa::slogans {

class DoubleArray {
 public:
  using Code = std::uint32_t;
  static constexpr std::uint32_t kRoot = 0;
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;  // no output; also the check of free slots

  struct Key {
    std::span<const Code> codes;  // codes 1..alphabet_size-1, at least one
    std::uint32_t output = 0;     // the value output() gives at the key's last state (not kNone)
  };

  // A trie with only the root.
  DoubleArray();
  // The trie of `keys`. When several keys are equal, the first one's output is kept. With
  // `failure_links`, next() and reaches_output() work too (an Aho-Corasick automaton).
  DoubleArray(const std::vector<Key>& keys, Code alphabet_size, bool failure_links = false);

  // The child of `node` by `code` (< alphabet_size), or 0 when there is none.
  std::uint32_t child(std::uint32_t node, Code code) const noexcept {
    const std::uint32_t slot = nodes_[node].base + code;
    return (nodes_[slot].check & kParentMask) == node ? slot : 0;
  }
  // True when a key ends at `node` (a state, not 0).
  bool accepts(std::uint32_t node) const noexcept { return (nodes_[node].check & kAccepting) != 0; }
  // The output of the key that ends at `node`, or kNone.
  std::uint32_t output(std::uint32_t node) const noexcept { return accepts(node) ? outputs_[node] : kNone; }
  // The parent of `node` (not the root).
  std::uint32_t parent(std::uint32_t node) const noexcept { return nodes_[node].check & kParentMask; }

  // Aho-Corasick (with failure links only): the state after `node` reads `code`, that is the
  // longest key prefix that is a suffix of node's string plus `code` (the root when none is).
  std::uint32_t next(std::uint32_t node, Code code) const noexcept {
    for (;;) {
      const std::uint32_t to = child(node, code);
      if (to != 0 || node == kRoot) return to;
      node = failure_[node];
    }
  }
  // True when a key is a suffix of node's string (the node's own key included).
  bool reaches_output(std::uint32_t node) const noexcept { return (nodes_[node].check & kReaches) != 0; }

  std::size_t states() const noexcept { return states_; }
  std::size_t slots() const noexcept { return nodes_.size(); }
  std::size_t memory_bytes() const noexcept {
    return nodes_.capacity() * sizeof(Node) + (outputs_.capacity() + failure_.capacity()) * sizeof(std::uint32_t);
  }

 private:
  // check: the parent's slot, plus kAccepting when a key ends here and kReaches when one ends
  // here or at a state down the failure links; kNone for free slots (whose parent bits match no
  // state: slots stay below kParentMask).
  static constexpr std::uint32_t kParentMask = 0x3FFFFFFF;
  static constexpr std::uint32_t kReaches = 0x40000000;
  static constexpr std::uint32_t kAccepting = 0x80000000;
  // The root's check: nobody's child, no key ends there.
  static constexpr std::uint32_t kRootCheck = kParentMask;
  struct Node {
    std::uint32_t base = 0;
    std::uint32_t check = kNone;
  };
  class Builder;

  void link_failures(const std::vector<std::uint32_t>& breadth_first);

  std::vector<Node> nodes_;
  std::vector<std::uint32_t> outputs_;  // by slot; kNone where no key ends
  std::vector<std::uint32_t> failure_;  // by slot; empty without failure links
  std::size_t states_ = 1;
};

}  // namespace tifa::slogans
