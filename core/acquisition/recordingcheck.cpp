#include "core/acquisition/recordingcheck.h"

#include "core/acquisition/recordinglayout.h"
#include "core/h5/file.h"
#include "core/params/schemaregistry.h"

#include <algorithm>

namespace acq {

namespace {

nlohmann::json attributesOf(const h5::Attributes &attributes)
{
    nlohmann::json result = nlohmann::json::object();
    for (const std::string &name : attributes.names())
        result[name] = attributes.get(name);
    return result;
}

void checkSchema(const std::string &schemaName, nlohmann::json document, const std::string &where,
                 std::vector<std::string> &problems)
{
    for (const params::ValidationIssue &issue : params::builtinSchema(schemaName).validate(document))
        problems.push_back(where + issue.text());
}

// The first index where `values` fails to increase (strictly, or never decrease), if any.
template <class T>
std::optional<std::size_t> firstOutOfOrder(const std::vector<T> &values, bool strictly)
{
    for (std::size_t i = 1; i < values.size(); ++i)
        if (strictly ? values[i] <= values[i - 1] : values[i] < values[i - 1])
            return i;
    return std::nullopt;
}

void checkAcquisition(const h5::Group &root, const nlohmann::json &rootAttributes, RecordingCheck &check)
{
    auto &problems = check.problems;
    auto &summary = check.summary;
    for (const char *path : {layout::Frames, layout::FrameId, layout::CameraTimestamp, layout::HostTimestamp,
                             layout::DroppedFrameId, layout::DroppedHostTimestamp})
        if (root.kindOf(path) != h5::ObjectKind::Dataset) {
            problems.push_back(std::string(path) + ": missing");
            return;
        }
    const h5::Dataset frames = root.dataset(layout::Frames);
    const h5::Shape shape = frames.shape();
    if (shape.size() != 3 || frames.dataType().name() != "uint16") {
        problems.push_back(std::string(layout::Frames) + ": expected uint16 (frames, height, width), found " +
                           frames.dataType().name() + " of rank " + std::to_string(shape.size()));
        return;
    }
    const std::uint64_t count = shape[0];
    summary["frames"] = count;
    summary["height"] = shape[1];
    summary["width"] = shape[2];
    const std::optional<h5::Shape> chunk = frames.chunkShape();
    if (!chunk || *chunk != h5::Shape{1, shape[1], shape[2]})
        problems.push_back(std::string(layout::Frames) + ": not stored one frame per chunk");
    const h5::Attributes acquisition = root.group("acquisition").attributes();
    if (acquisition.contains("compression"))
        summary["compression"] = acquisition.get("compression");
    if (acquisition.contains("camera"))
        summary["camera"] = acquisition.get("camera");
    if (rootAttributes.contains("frames") && rootAttributes["frames"] != count)
        problems.push_back("frames attribute says " + rootAttributes["frames"].dump() + " but " +
                           layout::Frames + " holds " + std::to_string(count));

    const auto ids = root.dataset(layout::FrameId).read<std::uint64_t>();
    const auto cameraTimes = root.dataset(layout::CameraTimestamp).read<std::int64_t>();
    const auto hostTimes = root.dataset(layout::HostTimestamp).read<std::int64_t>();
    for (const auto &[path, size] : {std::pair{layout::FrameId, ids.size()},
                                     std::pair{layout::CameraTimestamp, cameraTimes.size()},
                                     std::pair{layout::HostTimestamp, hostTimes.size()}})
        if (size != count)
            problems.push_back(std::string(path) + ": " + std::to_string(size) + " entries for " +
                               std::to_string(count) + " frames");
    if (auto at = firstOutOfOrder(ids, true))
        problems.push_back(std::string(layout::FrameId) + ": frame ids do not increase at frame " + std::to_string(*at));
    if (auto at = firstOutOfOrder(hostTimes, true))
        problems.push_back(std::string(layout::HostTimestamp) + ": timestamps do not increase at frame " +
                           std::to_string(*at));
    if (auto at = firstOutOfOrder(cameraTimes, false))
        problems.push_back(std::string(layout::CameraTimestamp) + ": timestamps go back at frame " +
                           std::to_string(*at));
    if (hostTimes.size() >= 2)
        summary["seconds"] = double(hostTimes.back() - hostTimes.front()) / 1e9;

    // The last frame's chunk must be in the file: per-frame entries are written only after their frame.
    if (count > 0 && problems.empty()) {
        try {
            frames.readRawChunk({count - 1, 0, 0});
        } catch (const std::exception &e) {
            problems.push_back(e.what());
        }
    }

    const auto droppedIds = root.dataset(layout::DroppedFrameId).read<std::uint64_t>();
    const std::uint64_t dropped = droppedIds.size();
    summary["dropped"] = dropped;
    if (!ids.empty()) {
        // Ids missing between the first and last frame that the buffer did not drop: the camera lost them.
        const auto droppedInside = std::count_if(droppedIds.begin(), droppedIds.end(), [&](std::uint64_t id) {
            return id > ids.front() && id < ids.back();
        });
        summary["camera_gaps"] = ids.back() - ids.front() + 1 - ids.size() - std::uint64_t(droppedInside);
    }
    if (root.dataset(layout::DroppedHostTimestamp).shape().at(0) != dropped)
        problems.push_back(std::string(layout::DroppedHostTimestamp) + ": length differs from " +
                           layout::DroppedFrameId);
    if (rootAttributes.contains("dropped_frames") && rootAttributes["dropped_frames"] != dropped)
        problems.push_back("dropped_frames attribute says " + rootAttributes["dropped_frames"].dump() + " but " +
                           layout::DroppedFrameId + " holds " + std::to_string(dropped));
}

void checkStimulus(const h5::Group &root, RecordingCheck &check)
{
    if (!root.contains(layout::Stimulus))
        return;
    const auto rows = root.dataset(layout::PresentationRow).read<std::uint64_t>();
    const auto times = root.dataset(layout::PresentationTime).read<std::int64_t>();
    const auto dropped = root.dataset(layout::PresentationDropped).read<std::uint8_t>();
    if (times.size() != rows.size() || dropped.size() != rows.size()) {
        check.problems.push_back("/stimulus/presentation: datasets of different lengths");
        return;
    }
    if (auto at = firstOutOfOrder(rows, true))
        check.problems.push_back(std::string(layout::PresentationRow) + ": rows out of order at entry " +
                                 std::to_string(*at));
    std::vector<std::int64_t> presented;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (!dropped[i])
            presented.push_back(times[i]);
    if (auto at = firstOutOfOrder(presented, false))
        check.problems.push_back(std::string(layout::PresentationTime) + ": presentation times go back");
    check.summary["stimulus_rows"] = rows.size();
    check.summary["stimulus_sha256"] = root.group(layout::Stimulus).attributes().get("sha256");
}

} // namespace

RecordingCheck checkRecording(const std::filesystem::path &path)
{
    RecordingCheck check;
    check.summary = {{"path", path.string()}};
    const std::string name = path.string();
    try {
        const h5::File file = h5::File::open(path);
        const h5::Group root = file.root();
        const nlohmann::json attributes = attributesOf(root.attributes());
        checkSchema("recording", attributes, "root attributes: ", check.problems);
        const bool complete = attributes.value("complete", false) == true;
        check.summary["complete"] = complete;
        check.summary["recovered"] = attributes.value("recovered", false);
        if (attributes.contains("stop_reason"))
            check.summary["stop_reason"] = attributes["stop_reason"];
        if (!complete)
            check.problems.push_back("the recording is not complete (complete = false): it was never finished");
        else
            for (const char *required : {"stop_reason", "frames", "dropped_frames", "recovered"})
                if (!attributes.contains(required))
                    check.problems.push_back(std::string("root attributes: '") + required +
                                             "' is missing from a complete recording");
        if (attributes.value("format", "") != layout::Format)
            return check; // the schema problem says what it is instead
        checkAcquisition(root, attributes, check);
        checkStimulus(root, check);
        if (root.contains(layout::Session))
            checkSchema("session", attributesOf(root.group(layout::Session).attributes()), "/session: ",
                        check.problems);
        else
            check.problems.push_back("/session: missing");
    } catch (const std::exception &e) {
        std::string problem = e.what();
        if (path.extension() == ".partial")
            problem += " (a NAME.h5.partial is a recording still being written, or one that crashed: "
                       "`macroscope-cli recover` salvages it)";
        check.problems.push_back(problem);
    }
    for (std::string &problem : check.problems)
        if (problem.rfind(name, 0) != 0)
            problem = name + ": " + problem;
    check.summary["ok"] = check.ok();
    check.summary["problems"] = check.problems;
    return check;
}

} // namespace acq
