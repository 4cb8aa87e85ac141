// tifa::OffsetMap: runs, lookups and composition.
#include <doctest/doctest.h>

#include "tifa/offset_map.hpp"

using tifa::OffsetMap;

TEST_CASE("identity map sends every offset to itself and the end to the size") {
  OffsetMap map = OffsetMap::identity(10);
  for (std::size_t i = 0; i <= 10; ++i) CHECK(map.map(i) == i);
  CHECK(map.runs().size() == 1);
}

TEST_CASE("copy, collapsed and scaled runs map as documented") {
  OffsetMap map;
  map.add_copy(100, 3);           // text 0..3   -> 100..103
  map.add_collapsed(200, 2, 5);   // text 3..5   -> 200 (an entity of 5 bytes became 2)
  map.add_scaled(300, 2, 3, 2);   // text 5..11  -> two 3-byte chars from 2-byte units at 300
  map.set_end(304);
  CHECK(map.target_size() == 11);
  CHECK(map.map(0) == 100);
  CHECK(map.map(2) == 102);
  CHECK(map.map(3) == 200);
  CHECK(map.map(4) == 200);
  CHECK(map.map(5) == 300);
  CHECK(map.map(7) == 300);  // inside the first scaled unit
  CHECK(map.map(8) == 302);
  CHECK(map.map(11) == 304);
  CHECK(map.map(99) == 304);
}

TEST_CASE("adjacent copy runs merge into one") {
  OffsetMap map;
  map.add_copy(0, 4);
  map.add_copy(4, 4);
  map.add_copy(10, 2);
  CHECK(map.runs().size() == 2);
}

TEST_CASE("then() composes maps: the result equals applying both, for every offset") {
  OffsetMap outer;  // text -> decoded
  outer.add_copy(2, 5);
  outer.add_collapsed(9, 1, 0);
  outer.add_copy(12, 6);
  outer.set_end(20);
  OffsetMap shifted;  // decoded -> raw: a 3-byte BOM
  shifted.add_copy(3, 20);
  shifted.set_end(23);
  OffsetMap gb;  // decoded -> raw: 3-byte characters from 2-byte units, then ASCII
  gb.add_scaled(0, 4, 3, 2);
  gb.add_copy(8, 8);
  gb.set_end(16);
  for (const OffsetMap* inner : {&shifted, &gb}) {
    OffsetMap composed = outer.then(*inner);
    for (std::size_t pos = 0; pos <= outer.target_size(); ++pos) {
      CAPTURE(pos);
      CHECK(composed.map(pos) == inner->map(outer.map(pos)));
    }
  }
}

TEST_CASE("reserve changes no mapping, before or after runs were added") {
  OffsetMap plain;
  OffsetMap reserved;
  reserved.reserve(8);
  for (OffsetMap* map : {&plain, &reserved}) {
    map->add_copy(0, 4);
    map->add_collapsed(6, 1, 2);
  }
  reserved.reserve(3);
  for (OffsetMap* map : {&plain, &reserved}) {
    map->add_copy(8, 3);
    map->set_end(11);
  }
  CHECK(reserved.runs().size() == plain.runs().size());
  CHECK(reserved.target_size() == plain.target_size());
  for (std::size_t pos = 0; pos <= plain.target_size() + 1; ++pos) {
    CAPTURE(pos);
    CHECK(reserved.map(pos) == plain.map(pos));
  }
}
