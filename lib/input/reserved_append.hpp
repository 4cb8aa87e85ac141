// Appending to a vector where growing it is rare: one reserved ahead, or a scratch vector that
// keeps its capacity from one use to the next. Private to lib/input.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace tifa::input {

// The growth, kept out of line: inlined, it made every function that appends save registers and
// carry the reallocation code for a case that nearly never happens. An empty vector gets room
// for 16 at once: the walker's stacks, grown from one by doublings, cost a few allocations a page.
template <typename T>
[[gnu::noinline]] void push_back_growing(std::vector<T>& items, const T& item) {
  items.reserve(std::max<std::size_t>(16, 2 * items.capacity()));
  items.push_back(item);
}

// items.push_back(item), with the growth out of line. After the capacity test the compiler knows
// there is room, so the push_back below compiles to a store and no growth code.
template <typename T>
void push_back_reserved(std::vector<T>& items, const T& item) {
  if (items.size() == items.capacity()) [[unlikely]] push_back_growing(items, item);
  else items.push_back(item);
}

}  // namespace tifa::input
