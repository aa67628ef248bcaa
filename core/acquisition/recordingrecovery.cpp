#include "core/acquisition/recordingrecovery.h"

#include "core/acquisition/recordinglayout.h"
#include "core/error.h"
#include "core/files/filelock.h"
#include "core/h5/error.h"
#include "core/h5/outputfile.h"

#include <algorithm>

namespace acq {

namespace {

// A crashed SWMR writer leaves the superblock marked as open for writing: only SWMR readers may open it, and
// opening it that way changes nothing on disk (unlike h5clear). A recording killed while finish() had it
// reopened normally carries marks no reader gets past: then a copy of it, with the marks cleared, is read
// (`scratch`, which the caller removes).
h5::File openCrashed(const std::filesystem::path &partial, const std::filesystem::path &scratch)
{
    try {
        return h5::File::open(partial, h5::Access::SwmrRead);
    } catch (const h5::Error &) {
    }
    try {
        return h5::File::open(partial, h5::Access::ReadOnly);
    } catch (const h5::Error &e) {
        if (std::string(e.what()).find("already open for write") == std::string::npos)
            throw;
    }
    std::filesystem::copy_file(partial, scratch, std::filesystem::copy_options::overwrite_existing);
    h5::File::clearWriteMarks(scratch);
    return h5::File::open(scratch, h5::Access::ReadOnly);
}

// Removes a file when it goes out of scope.
struct RemovedOnExit {
    std::filesystem::path path;
    ~RemovedOnExit()
    {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
};

std::uint64_t lengthOf(const h5::Group &root, const char *path)
{
    return root.dataset(path).shape().at(0);
}

void truncate(const h5::Group &root, const char *path, std::uint64_t length)
{
    const h5::Dataset dataset = root.dataset(path);
    h5::Shape shape = dataset.shape();
    if (shape.at(0) != length) {
        shape[0] = length;
        dataset.resize(shape);
    }
}

// The frames whose chunk and every per-frame entry reached the file.
std::uint64_t recoverableFrames(const h5::Group &root)
{
    std::uint64_t count = lengthOf(root, layout::Frames);
    for (const char *path : {layout::FrameId, layout::CameraTimestamp, layout::HostTimestamp})
        count = std::min(count, lengthOf(root, path));
    const h5::Dataset frames = root.dataset(layout::Frames);
    while (count > 0) {
        try {
            frames.readRawChunk({count - 1, 0, 0});
            break;
        } catch (const h5::Error &) {
            --count; // extended before the crash, but its chunk never arrived
        }
    }
    return count;
}

// Everything in the crashed file, cut to the frames and entries that all reached it; returns the number of
// dropped-frame records kept.
std::uint64_t copyTruncated(const h5::Group &from, const h5::Group &to, std::uint64_t frames)
{
    for (const h5::LinkInfo &link : from.links())
        if (link.kind == h5::LinkKind::Hard)
            from.copy(link.name, to, link.name);
    for (const std::string &attribute : from.attributes().names())
        to.attributes().set(attribute, from.attributes().get(attribute));

    for (const char *path : {layout::Frames, layout::FrameId, layout::CameraTimestamp, layout::HostTimestamp})
        truncate(to, path, frames);
    const std::uint64_t dropped =
        std::min(lengthOf(to, layout::DroppedFrameId), lengthOf(to, layout::DroppedHostTimestamp));
    truncate(to, layout::DroppedFrameId, dropped);
    truncate(to, layout::DroppedHostTimestamp, dropped);
    if (to.contains(layout::Status))
        for (const h5::LinkInfo &channel : to.group(layout::Status).links()) {
            const h5::Group group = to.group(layout::Status).group(channel.name);
            const std::uint64_t readings = std::min(lengthOf(group, "timestamp_ns"), lengthOf(group, "value"));
            truncate(group, "timestamp_ns", readings);
            truncate(group, "value", readings);
        }
    if (to.contains(layout::PresentationRow)) {
        const char *log[] = {layout::PresentationRow, layout::PresentationFrame, layout::PresentationTime,
                             layout::PresentationDropped};
        std::uint64_t rows = UINT64_MAX;
        for (const char *path : log)
            rows = std::min(rows, lengthOf(to, path));
        for (const char *path : log)
            truncate(to, path, rows);
    }

    return dropped;
}

} // namespace

nlohmann::json recoverRecording(const std::filesystem::path &partial,
                                const std::optional<std::filesystem::path> &requestedTarget)
{
    const std::string name = partial.string();
    if (!requestedTarget && partial.extension() != ".partial")
        throw core::Error(name + ": not a NAME.h5.partial file; give the output path explicitly");
    const std::filesystem::path target = requestedTarget.value_or(partial.parent_path() / partial.stem());
    std::error_code ignored;
    if (std::filesystem::exists(target, ignored))
        throw core::Error(target.string() + ": already exists; recovery never replaces a file");

    if (files::isLockedElsewhere(partial))
        throw core::Error(name + ": is being recorded right now (another process holds it); it can be recovered "
                                 "only after that recording crashed or ended");
    std::filesystem::path recovering = target;
    recovering += ".recovering";
    if (std::filesystem::equivalent(partial, recovering, ignored))
        throw core::Error(name + ": the recovery's own scratch name; give another output path");

    const RemovedOnExit scratch{std::filesystem::path(recovering) += ".source"};
    const h5::File source = openCrashed(partial, scratch.path);
    const h5::Group from = source.root();
    const h5::Attributes fromAttributes = from.attributes();
    if (!fromAttributes.contains("format") || fromAttributes.get("format") != layout::Format)
        throw core::Error(name + ": not a recording (its format attribute is not '" + layout::Format + "')");
    if (from.kindOf(layout::Frames) != h5::ObjectKind::Dataset)
        throw core::Error(name + ": " + layout::Frames + " is missing; nothing can be recovered");
    const std::uint64_t frames = recoverableFrames(from);

    std::filesystem::remove(recovering, ignored); // an earlier recovery's leftover: it is only ever a copy
    h5::OutputFile output(files::AtomicFile(target, recovering), layout::Format, layout::FormatVersion);
    const std::uint64_t dropped = copyTruncated(from, output.root(), frames);
    {
        const h5::Attributes attributes = output.root().attributes();
        attributes.set("stop_reason", "recovered after a crash");
        attributes.set("frames", frames);
        attributes.set("dropped_frames", dropped);
        attributes.set("recovered", true);
        attributes.set("recovered_from", partial.filename().string());
    }
    output.commit(files::AtomicFile::Replace::Never);
    return {{"path", target.string()},
            {"frames", frames},
            {"dropped", dropped},
            {"recovered_from", name},
            {"frames_in_partial", lengthOf(from, layout::Frames)}};
}

std::vector<std::filesystem::path> partialRecordingsIn(const std::filesystem::path &folder)
{
    std::vector<std::filesystem::path> partials;
    std::error_code error;
    for (const auto &entry : std::filesystem::directory_iterator(folder, error)) {
        const std::filesystem::path &path = entry.path();
        if (path.extension() == ".partial" && path.stem().extension() == ".h5" &&
            !std::filesystem::exists(path.parent_path() / path.stem(), error) && !files::isLockedElsewhere(path))
            partials.push_back(path);
    }
    std::sort(partials.begin(), partials.end());
    return partials;
}

} // namespace acq
