// The clean stage on its own (experimental API: may change in any release). It turns what the
// readers produced (tifa::read, reader.hpp) into the clean part of a Document: text, blocks,
// images, meta, removed, warnings and the offset map (spec/cleaning.md). Sentences and mentions
// are left empty. Thread-safe: a pure function.
#pragma once

#include "tifa/document.hpp"
#include "tifa/options.hpp"
#include "tifa/reader.hpp"

namespace tifa {

Document clean_document(RawDocument raw, const Input& input, const Options& options);

}  // namespace tifa
