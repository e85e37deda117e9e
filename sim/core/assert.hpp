// Internal invariants. A failed UT_ASSERT is a bug in UrbanTwin, never a user error: it
// prints where and what, and aborts (in every build type, since a silently wrong traffic
// result is worse than a crash report).
#pragma once

#include <cstdio>
#include <cstdlib>

#define UT_ASSERT(cond, what)                                                                          \
    do {                                                                                               \
        if (!(cond)) {                                                                                 \
            std::fprintf(stderr, "%s:%d: internal error: %s (%s)\n", __FILE__, __LINE__, what, #cond); \
            std::abort();                                                                              \
        }                                                                                              \
    } while (false)
