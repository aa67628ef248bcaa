#include "core/retinotopy/watershed.h"

#include <array>
#include <cstdint>
#include <vector>

namespace retino {

namespace {

struct HeapItem {
    double value;
    std::int64_t age;
    std::int64_t index;
};

bool before(const HeapItem &a, const HeapItem &b)
{
    if (a.value != b.value)
        return a.value < b.value;
    return a.age < b.age;
}

// The binary heap of scikit-image's watershed (heap_general.pxi): markers all enter with age 0, so among
// markers of equal value the order they leave in depends on the heap's own sifting, which is reproduced
// here step for step.
class Heap {
public:
    bool empty() const { return m_items.empty(); }

    void push(const HeapItem &item)
    {
        m_items.push_back(item);
        std::size_t child = m_items.size() - 1;
        while (child > 0) {
            const std::size_t parent = (child + 1) / 2 - 1;
            if (!before(m_items[child], m_items[parent]))
                break;
            std::swap(m_items[child], m_items[parent]);
            child = parent;
        }
    }

    HeapItem pop()
    {
        const HeapItem top = m_items.front();
        std::swap(m_items.front(), m_items.back());
        m_items.pop_back();
        const std::size_t count = m_items.size();
        std::size_t i = 0;
        while (true) {
            const std::size_t left = 2 * i + 1, right = 2 * i + 2;
            if (left >= count)
                break;
            std::size_t smallest = i;
            if (before(m_items[left], m_items[i]))
                smallest = left;
            if (right < count && before(m_items[right], m_items[smallest]))
                smallest = right;
            if (smallest == i)
                break;
            std::swap(m_items[i], m_items[smallest]);
            i = smallest;
        }
        return top;
    }

private:
    std::vector<HeapItem> m_items;
};

} // namespace

void watershed(const cv::Mat1d &image, const cv::Mat1b &mask, cv::Mat1i &labels)
{
    CV_Assert(image.size() == labels.size() && mask.size() == labels.size());
    // A one-pixel frame outside the mask stops the flood at the edges without bounds checks.
    const std::int64_t width = labels.cols + 2;
    const std::size_t total = static_cast<std::size_t>((labels.rows + 2) * width);
    std::vector<double> value(total, 0.0);
    std::vector<std::uint8_t> floodable(total, 0);
    std::vector<std::int32_t> label(total, 0);
    for (int r = 0; r < labels.rows; ++r)
        for (int c = 0; c < labels.cols; ++c) {
            const auto at = static_cast<std::size_t>((r + 1) * width + c + 1);
            value[at] = image(r, c);
            floodable[at] = mask(r, c) ? 1 : 0;
            label[at] = floodable[at] ? labels(r, c) : 0;
        }
    // scikit-image visits neighbours sorted by distance: the four edge neighbours, then the diagonals.
    const std::array<std::int64_t, 8> neighbours = {-width, -1, 1, width, -width - 1, -width + 1, width - 1, width + 1};

    Heap heap;
    for (std::size_t at = 0; at < total; ++at)
        if (label[at])
            heap.push({value[at], 0, static_cast<std::int64_t>(at)});
    std::int64_t age = 1;
    while (!heap.empty()) {
        const HeapItem item = heap.pop();
        for (const std::int64_t offset : neighbours) {
            const auto next = static_cast<std::size_t>(item.index + offset);
            if (!floodable[next] || label[next])
                continue;
            ++age;
            // Labelled when pushed: without compactness no later path can reach it at a lower level.
            label[next] = label[static_cast<std::size_t>(item.index)];
            heap.push({value[next], age, static_cast<std::int64_t>(next)});
        }
    }
    for (int r = 0; r < labels.rows; ++r)
        for (int c = 0; c < labels.cols; ++c)
            labels(r, c) = label[static_cast<std::size_t>((r + 1) * width + c + 1)];
}

} // namespace retino
