// One switch between the parallel import and its single-threaded reference: both run the
// same body over the same indices, and every body writes only to its own index's slot, so
// the results are identical by construction (tests/import compare them anyway).
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

namespace ut::import {

template <class Body>
void for_each_index(std::size_t n, bool parallel, const Body& body) {
    if (!parallel) {
        for (std::size_t i = 0; i < n; ++i) body(i);
        return;
    }
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 256), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
    });
}

}  // namespace ut::import
