#include "core/genomics/genomeregion.h"

#include "core/error.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace genomics {

namespace {

// What "chr1:1500000" shows: a window of this many bases around the position.
constexpr std::int64_t pointWindow = 1000;

std::string withCommas(std::int64_t value)
{
    std::string digits = std::to_string(value);
    const std::ptrdiff_t sign = value < 0 ? 1 : 0;
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > sign; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

std::optional<std::int64_t> number(std::string_view text)
{
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

GenomeAxis::GenomeAxis(const GenomeBins &bins)
    : m_bins(&bins)
{
    m_offsets.reserve(bins.chromosomes.size() + 1);
    for (const auto &chromosome : bins.chromosomes) {
        m_offsets.push_back(m_length);
        m_length += chromosome.length;
    }
    m_offsets.push_back(m_length);
}

std::size_t GenomeAxis::chromosomeAt(std::int64_t position) const
{
    const std::size_t count = m_bins->chromosomes.size();
    if (count == 0)
        return 0;
    const auto chromosomesEnd = m_offsets.begin() + static_cast<std::ptrdiff_t>(count);
    const auto after = std::upper_bound(m_offsets.begin(), chromosomesEnd, position);
    return after == m_offsets.begin() ? 0 : static_cast<std::size_t>(after - m_offsets.begin()) - 1;
}

GenomeRange GenomeAxis::wholeChromosome(std::size_t chromosome) const
{
    return {m_offsets[chromosome], m_offsets[chromosome + 1]};
}

GenomeRange GenomeAxis::binRange(std::size_t bin) const
{
    const std::int64_t offset = m_offsets[m_bins->chromosomeOf(bin)];
    return {offset + m_bins->start[bin], offset + m_bins->end[bin]};
}

GenomeRange GenomeAxis::parse(std::string_view text) const
{
    std::string compact;
    for (const char c : text)
        if (c != ',' && !std::isspace(static_cast<unsigned char>(c)))
            compact += c;
    if (compact.empty() || compact == "all" || compact == "genome")
        return {0, m_length};

    const auto malformed = [&]() -> core::Error {
        return core::Error("'" + std::string(text) + "' is not a genome range (chr1:1,000,001-2,000,000)");
    };
    // Names may hold ':' themselves (hg38's HLA contigs): the chromosome is the longest known name before a ':'.
    // Returns the chromosome and what follows its ':'.
    const auto splitChromosome = [&](std::string_view part) -> std::pair<std::size_t, std::string_view> {
        for (auto colon = part.rfind(':'); colon != std::string_view::npos && colon > 0;
             colon = part.rfind(':', colon - 1)) {
            if (const auto c = m_bins->chromosomeIndex(part.substr(0, colon)))
                return {*c, part.substr(colon + 1)};
        }
        const auto colon = part.find(':');
        throw core::Error("unknown chromosome '" + std::string(part.substr(0, colon)) + "' in '" +
                          std::string(text) + "'");
    };
    // A 1-based position on `chromosome`, which may be one past its end only as an end.
    const auto position = [&](std::size_t chromosome, std::string_view digits) {
        const auto value = number(digits);
        if (!value)
            throw malformed();
        const std::int64_t length = m_bins->chromosomes[chromosome].length;
        if (*value < 1 || *value > length)
            throw core::Error("'" + std::string(text) + "': position " + withCommas(*value) + " is outside " +
                              m_bins->chromosomes[chromosome].name + " (1-" + withCommas(length) + ")");
        return *value;
    };

    if (const auto whole = m_bins->chromosomeIndex(compact))
        return wholeChromosome(*whole);
    const auto [first, rest] = splitChromosome(compact);
    const std::int64_t firstOffset = m_offsets[first];
    const auto dash = rest.find('-');
    if (dash == std::string_view::npos) {
        const std::int64_t centre = firstOffset + position(first, rest) - 1;
        const std::int64_t end = std::min(std::max(centre - pointWindow / 2, firstOffset) + pointWindow,
                                          m_offsets[first + 1]);
        return {std::max(end - pointWindow, firstOffset), end};
    }
    const std::int64_t start = firstOffset + position(first, rest.substr(0, dash)) - 1;
    const std::string_view tail = rest.substr(dash + 1);
    std::int64_t end = 0;
    if (tail.find(':') == std::string_view::npos) {
        end = firstOffset + position(first, tail);
    } else {
        const auto [last, endDigits] = splitChromosome(tail);
        end = m_offsets[last] + position(last, endDigits);
    }
    if (end <= start)
        throw core::Error("'" + std::string(text) + "': the range ends before it starts");
    return {start, end};
}

std::string GenomeAxis::format(const GenomeRange &range) const
{
    const std::int64_t start = std::clamp<std::int64_t>(range.start, 0, m_length);
    const std::int64_t end = std::clamp<std::int64_t>(range.end, start, m_length);
    if ((start == 0 && end == m_length) || m_bins->chromosomes.empty())
        return "genome";
    const std::size_t first = chromosomeAt(start);
    const std::size_t last = chromosomeAt(std::max(start, end - 1));
    const auto &names = m_bins->chromosomes;
    std::string text = names[first].name + ":" + withCommas(start - m_offsets[first] + 1) + "-";
    if (last != first)
        text += names[last].name + ":";
    return text + withCommas(end - m_offsets[last]);
}

} // namespace genomics
