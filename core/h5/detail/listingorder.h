#pragma once

// Included by core/h5/*.cpp only.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace h5::detail {

// Links and attributes are always iterated in HDF5's native order and sorted here: increasing-order
// iteration makes HDF5 1.10.8 build a sorted table of a dense group's links and free it, which on a damaged
// file frees an invalid pointer and kills the process; native order walks the index and fails cleanly.
template <class Item>
struct Listed {
    std::optional<std::int64_t> creationOrder; // absent where the writer did not track it (h5py's default)
    std::string name;                          // the last path component, for name order
    Item item;
};

// Creation order where every item has one, otherwise name order, as HDF5's own INC iteration would give.
template <class Item>
std::vector<Item> inListingOrder(std::vector<Listed<Item>> listed)
{
    const bool tracked = std::all_of(listed.begin(), listed.end(), [](const auto &entry) { return entry.creationOrder.has_value(); });
    std::stable_sort(listed.begin(), listed.end(), [tracked](const auto &a, const auto &b) {
        return tracked ? *a.creationOrder < *b.creationOrder : a.name < b.name;
    });
    std::vector<Item> items;
    items.reserve(listed.size());
    for (auto &entry : listed)
        items.push_back(std::move(entry.item));
    return items;
}

} // namespace h5::detail
