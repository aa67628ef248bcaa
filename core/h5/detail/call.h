#pragma once

// Included by core/h5/*.cpp only: the one place a raw HDF5 call is made and checked.

#include "core/h5/detail/errorstack.h"
#include "core/h5/error.h"

#include <string>
#include <string_view>
#include <utility>

namespace h5::detail {

// Where a failing call happened, for the message: an identifier to ask HDF5 about, or names given outright
// (a file that could not be opened has no identifier yet).
struct Where {
    Id id = -1;
    std::string file = {};
    std::string object = {};
};

[[noreturn]] inline void fail(const Where &where, std::string_view what)
{
    std::string reason = takeErrorStack();
    std::string file = where.file.empty() ? fileNameOf(where.id) : where.file;
    std::string object = where.object.empty() ? objectPathOf(where.id) : where.object;
    throw Error(std::move(file), std::move(object), std::string(what), std::move(reason));
}

// Runs `hdf5Call` (a lambda around one HDF5 function) and throws h5::Error when it reports failure
// (a negative return value, which is how every H5* function that returns herr_t, hid_t, htri_t or ssize_t
// signals it).
template <class Call>
auto call(const Where &where, std::string_view what, Call &&hdf5Call)
{
    silenceAutomaticErrorPrinting();
    auto result = std::forward<Call>(hdf5Call)();
    if (result < 0)
        fail(where, what);
    return result;
}

} // namespace h5::detail
