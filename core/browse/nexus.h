#pragma once

#include "core/h5/file.h"

#include <optional>
#include <string>
#include <vector>

namespace browse {

// What a NeXus file says should be plotted: an NXdata group's signal, its axes and how to show it.
struct NexusPlot {
    std::string groupPath;                     // the NXdata group
    std::string signalPath;                    // absolute path of the signal dataset
    std::vector<std::string> axes;             // one per signal dimension: absolute path of the axis dataset,
                                               // or "" for none ('.', or a dimension @axes does not name)
    std::string interpretation;                // as stored: "image", "spectrum", "scalar", "rgb-image", or ""
    std::vector<std::string> auxiliarySignals; // absolute paths
    std::string title;                         // NXdata/title, else NXentry/title, else the signal's @long_name
};

// The default plot reached from a file's root, an NXentry or an NXdata group, by the NeXus 2014 conventions
// as silx and h5web read them: @default (a child name or an absolute path) is followed down, and a group
// without one continues at its first NXdata child, else its first NXentry (h5web's rule, which files from
// before 2014 rely on). At the NXdata group: @signal names the signal, or else a child dataset carries
// @signal = 1 (the older convention, with its axes in its own @axes as "x:y"). @axes is a string or an
// array with '.' for a dimension without an axis; fewer names than dimensions describe the last dimensions
// (silx: @axes = ["y", "x"] on a stack of images); more (a scatter plot's x and y) are cut to the first.
// @interpretation is read from the signal, else from the group. Attribute strings may be fixed or
// variable length, bytes or text.
//
// nullopt when nothing plottable is found. core::Error naming the file, the group and the attribute when an
// attribute names an object that does not exist (@default, @signal, @axes, @auxiliary_signals) or @default
// leads round in a circle.
std::optional<NexusPlot> nexusPlotForGroup(const h5::File &file, const std::string &groupPath);

// The same description for a dataset that is the signal of its parent NXdata group; nullopt otherwise.
std::optional<NexusPlot> nexusPlotForDataset(const h5::File &file, const std::string &datasetPath);

} // namespace browse
