#include "core/h5/search.h"

#include "core/h5/detail/call.h"
#include "core/h5/detail/linkinfo.h"
#include "core/h5/detail/listingorder.h"

#include <hdf5.h>

#include <algorithm>
#include <deque>
#include <unordered_set>
#include <vector>

namespace h5 {

namespace {

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool isUtf8Continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// A pattern prepared once (lowered, classified) for the many links one search matches it against.
class Pattern {
public:
    explicit Pattern(std::string_view text)
        : m_text(text), m_wildcard(text.find_first_of("*?") != std::string_view::npos),
          m_wholePath(text.find('/') != std::string_view::npos)
    {
        std::transform(m_text.begin(), m_text.end(), m_text.begin(), asciiLower);
    }

    bool matches(std::string_view path, std::string_view name) const
    {
        const std::string_view subject = m_wholePath ? path : name;
        return m_wildcard ? matchesWildcard(subject) : containsIgnoringCase(subject);
    }

private:
    bool containsIgnoringCase(std::string_view subject) const
    {
        return m_text.empty() || std::search(subject.begin(), subject.end(), m_text.begin(), m_text.end(),
                                             [](char s, char p) { return asciiLower(s) == p; }) != subject.end();
    }

    // Greedy matching that, on a mismatch, lets the last * swallow one more character: linear for patterns
    // with one *, and never exponential.
    bool matchesWildcard(std::string_view subject) const
    {
        const std::string_view pattern = m_text;
        std::size_t p = 0, s = 0;
        std::size_t star = std::string_view::npos, resume = 0;
        while (s < subject.size()) {
            if (p < pattern.size() && pattern[p] == '?') {
                ++p;
                ++s;
                while (s < subject.size() && isUtf8Continuation(subject[s]))
                    ++s;
            } else if (p < pattern.size() && pattern[p] == '*') {
                star = p++;
                resume = s;
            } else if (p < pattern.size() && pattern[p] == asciiLower(subject[s])) {
                ++p;
                ++s;
            } else if (star != std::string_view::npos) {
                p = star + 1;
                s = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.size() && pattern[p] == '*')
            ++p;
        return p == pattern.size();
    }

    std::string m_text;
    bool m_wildcard;
    bool m_wholePath;
};

struct ListedLink {
    std::string name;
    LinkKind kind;
    haddr_t address; // hard links only
};

// One H5Literate over the group: the single call that holds HDF5's lock for as long as the group is large.
std::vector<ListedLink> listGroup(hid_t group)
{
    std::vector<detail::Listed<ListedLink>> listed;
    const auto collect = [](hid_t parent, const char *name, const H5L_info_t *info, void *data) -> herr_t {
        const auto link = detail::describeLink(parent, name, info);
        if (!link)
            return -1;
        const auto order = info->corder_valid ? std::optional<std::int64_t>(info->corder) : std::nullopt;
        const haddr_t address = info->type == H5L_TYPE_HARD ? info->u.address : HADDR_UNDEF;
        static_cast<std::vector<detail::Listed<ListedLink>> *>(data)->push_back(
            {order, name, {name, link->kind, address}});
        return 0;
    };
    hsize_t index = 0;
    // The name index exists in every group, tracked creation order or not; inListingOrder sorts.
    detail::call({group}, "cannot list group",
                 [&] { return H5Literate(group, H5_INDEX_NAME, H5_ITER_NATIVE, &index, collect, &listed); });
    return detail::inListingOrder(std::move(listed));
}

ObjectKind objectKind(H5O_type_t type)
{
    switch (type) {
    case H5O_TYPE_GROUP: return ObjectKind::Group;
    case H5O_TYPE_DATASET: return ObjectKind::Dataset;
    case H5O_TYPE_NAMED_DATATYPE: return ObjectKind::NamedDatatype;
    default: return ObjectKind::Other;
    }
}

} // namespace

bool matchesPattern(std::string_view pattern, std::string_view path, std::string_view name)
{
    return Pattern(pattern).matches(path, name);
}

std::uint64_t searchLinks(const Group &root, std::string_view patternText,
                          const std::function<bool(const SearchHit &)> &onHit, const std::atomic<bool> &stop)
{
    const Pattern pattern(patternText);
    H5O_info_t rootInfo;
    detail::call({root.id()}, "cannot read group",
                 [&] { return H5Oget_info2(root.id(), &rootInfo, H5O_INFO_BASIC); });
    // Addresses identify objects within one file, and the search never leaves the file.
    std::unordered_set<haddr_t> groupsSeen{rootInfo.addr};
    std::deque<std::string> groupsToList{root.path()};
    std::uint64_t visited = 0;
    while (!groupsToList.empty() && !stop) {
        const std::string groupPath = std::move(groupsToList.front());
        groupsToList.pop_front();
        const Group group(detail::call({root.id()}, "cannot open group '" + groupPath + "'",
                                       [&] { return H5Gopen2(root.id(), groupPath.c_str(), H5P_DEFAULT); }));
        const std::string prefix = groupPath == "/" ? "/" : groupPath + "/";
        for (const ListedLink &link : listGroup(group.id())) {
            if (stop)
                return visited;
            ++visited;
            SearchHit hit{prefix + link.name, link.kind, ObjectKind::Other};
            if (link.kind == LinkKind::Hard) {
                if (groupsSeen.contains(link.address)) {
                    hit.kind = ObjectKind::Group;
                } else {
                    // Any hard link may lead to a group, so each needs its object's type; BASIC reads no more
                    // of the object header than that.
                    H5O_info_t info;
                    detail::call({group.id()}, "cannot read object '" + link.name + "'", [&] {
                        return H5Oget_info_by_name2(group.id(), link.name.c_str(), &info, H5O_INFO_BASIC,
                                                    H5P_DEFAULT);
                    });
                    hit.kind = objectKind(info.type);
                    if (hit.kind == ObjectKind::Group) {
                        groupsSeen.insert(info.addr);
                        groupsToList.push_back(hit.path);
                    }
                }
            }
            if (pattern.matches(hit.path, link.name) && !onHit(hit))
                return visited;
        }
    }
    return visited;
}

} // namespace h5
