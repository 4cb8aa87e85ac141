// The whole C++ API of tifa.
#pragma once

#include "tifa/corpus.hpp"
#include "tifa/document.hpp"
#include "tifa/error.hpp"
#include "tifa/json.hpp"
#include "tifa/offset_map.hpp"
#include "tifa/options.hpp"
#include "tifa/pipeline.hpp"
#include "tifa/sentences.hpp"
#include "tifa/span.hpp"
#include "tifa/version.hpp"
