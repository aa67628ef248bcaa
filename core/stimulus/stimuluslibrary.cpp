#include "core/stimulus/stimuluslibrary.h"

#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/files/filelock.h"
#include "core/hash/sha256.h"
#include "core/params/canonicaljson.h"
#include "core/params/jsontext.h"

#include <QtCore/QStandardPaths>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>

namespace stimulus {

namespace {

bool isIdentity(const std::string &text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace

StimulusLibrary::StimulusLibrary(std::filesystem::path folder) : m_folder(std::move(folder))
{
    std::error_code error;
    std::filesystem::create_directories(m_folder, error);
    if (error || !std::filesystem::is_directory(m_folder))
        throw core::Error(m_folder.string() + ": cannot use as stimulus library (" +
                          (error ? error.message() : std::string("not a folder")) + ")");
}

std::filesystem::path StimulusLibrary::defaultLocation()
{
    if (const char *configured = std::getenv("MACROSCOPE_STIMULUS_LIBRARY"); configured && *configured)
        return configured;
    // GenericDataLocation, not AppDataLocation: the GUI and the CLI have different application names but
    // must share one library.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return std::filesystem::path(data.toStdString()) / "Macroscope" / "stimuli";
}

std::filesystem::path StimulusLibrary::pathFor(const std::string &sha256) const
{
    return m_folder / (sha256 + ".h5");
}

ObtainResult StimulusLibrary::obtain(const StimulusParameters &parameters, const GenerationProgress &progress)
{
    const auto start = std::chrono::steady_clock::now();
    ObtainResult result;
    result.sha256 = parameters.sha256();
    result.path = pathFor(result.sha256);
    // The lock files stay in the folder: removing one while another process waits on it would let a third
    // lock a new file of the same name.
    const files::FileLock lock(m_folder / (result.sha256 + ".lock"), files::FileLock::Mode::Wait, true);

    std::error_code error;
    if (std::filesystem::exists(result.path, error)) {
        const Verification verification = verify(result.path, Depth::Stored);
        if (verification.intact) {
            result.reused = true;
            result.uniqueFrames = verification.uniqueFrames;
            result.displayFrames = verification.displayFrames;
            std::filesystem::last_write_time(result.path, std::filesystem::file_time_type::clock::now(), error);
        } else {
            result.repaired.push_back(result.path.string() + ": " + verification.problem + "; regenerated");
            std::filesystem::remove(result.path, error);
        }
    }
    if (!result.reused) {
        // Holding the lock, any partial file of this identity is a crashed generator's leftover.
        std::filesystem::remove(files::partialPathFor(result.path), error);
        const GenerationSummary summary = writeStimulusFile(parameters, result.path, progress);
        result.uniqueFrames = summary.uniqueFrames;
        result.displayFrames = summary.displayFrames;
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

Verification StimulusLibrary::verify(const std::filesystem::path &file, Depth depth)
{
    try {
        const StimulusFile stimulus(file);
        const std::string text = stimulus.parametersText();
        if (params::canonicalJson(params::parseJson(text, file.string() + " (parameters)")) != text)
            return {false, "the stored parameters are not in canonical form"};
        const std::string identity = hash::sha256Hex(text);
        if (identity != stimulus.parametersSha256())
            return {false, "the stored parameters hash to " + identity + ", not to the stored parameters_sha256 " +
                               stimulus.parametersSha256()};
        const std::string stem = file.stem().string();
        if (isIdentity(stem) && stem != identity)
            return {false, "the file is named " + stem + " but its parameters hash to " + identity};

        const std::string stored = stimulus.hashStoredFrames();
        if (stored != stimulus.framesStorageSha256())
            return {false, "the stored frames hash to " + stored + ", not to the stored frames_storage_sha256 " +
                               stimulus.framesStorageSha256()};
        const Verification intact{true, {}, stimulus.uniqueFrames(), stimulus.displayFrames()};
        if (depth == Depth::Stored)
            return intact;

        hash::Sha256 frames;
        std::vector<std::uint8_t> pixels(static_cast<std::size_t>(stimulus.width()) * stimulus.height());
        for (std::uint64_t index = 0; index < stimulus.uniqueFrames(); ++index) {
            stimulus.readFrame(index, pixels);
            frames.update(pixels.data(), pixels.size());
        }
        const std::string framesIdentity = hash::toHex(frames.finish());
        if (framesIdentity != stimulus.framesSha256())
            return {false, "the frames hash to " + framesIdentity + ", not to the stored frames_sha256 " +
                               stimulus.framesSha256()};
        return intact;
    } catch (const std::exception &failure) {
        return {false, failure.what()};
    }
}

std::vector<LibraryEntry> StimulusLibrary::list() const
{
    std::vector<LibraryEntry> entries;
    for (const auto &item : std::filesystem::directory_iterator(m_folder)) {
        const std::string stem = item.path().stem().string();
        if (item.path().extension() != ".h5" || !isIdentity(stem) || !item.is_regular_file())
            continue;
        entries.push_back({stem, item.path(), item.file_size(), item.last_write_time()});
    }
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.lastUsed > b.lastUsed; });
    return entries;
}

std::vector<LibraryEntry> StimulusLibrary::prune(std::uint64_t maxBytes)
{
    std::vector<LibraryEntry> entries = list(); // most recently used first
    std::uint64_t total = 0;
    for (const auto &entry : entries)
        total += entry.bytes;
    std::vector<LibraryEntry> removed;
    for (auto it = entries.rbegin(); it != entries.rend() && total > maxBytes; ++it) {
        const files::FileLock lock(m_folder / (it->sha256 + ".lock"), files::FileLock::Mode::Try, true);
        if (!lock.locked())
            continue; // being generated or read for reuse right now
        std::error_code error;
        if (std::filesystem::remove(it->path, error)) {
            total -= it->bytes;
            removed.push_back(*it);
        }
    }
    return removed;
}

} // namespace stimulus
