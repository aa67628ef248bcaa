#pragma once

#include "core/h5/group.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace h5 {

// A link whose name or path matched a search.
struct SearchHit {
    std::string path; // absolute: "/entry/data/x"
    LinkKind link = LinkKind::Hard;
    // What a hard link points to; Other for soft and external links, which the search does not follow.
    ObjectKind kind = ObjectKind::Other;
};

// A pattern with * or ? is a wildcard (fnmatch-like, anchored at both ends; * also matches '/', ? one UTF-8
// character, and nothing else is special), otherwise a substring; matching ignores ASCII case. A pattern
// containing '/' is matched against the whole path ("/entry/data/x"), otherwise against the link's name.
// An empty pattern matches everything.
bool matchesPattern(std::string_view pattern, std::string_view path, std::string_view name);

// Walks the links below `root` breadth-first, one group per HDF5 call so that other threads' reads
// interleave (HDF5 has one global lock), never following soft or external links, visiting a group
// hard-linked twice only once. Calls onHit for each match, a group's links in the order links() gives;
// stops early when `stop` becomes true or onHit returns false. Returns the number of links visited. A group
// or object that cannot be read throws h5::Error naming it.
std::uint64_t searchLinks(const Group &root, std::string_view pattern,
                          const std::function<bool(const SearchHit &)> &onHit, const std::atomic<bool> &stop);

} // namespace h5
