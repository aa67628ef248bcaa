#pragma once

// Where things live in a recording file, layout "macroscope.recording" 1.0 (docs/formats.md,
// schemas/recording.schema.json). Shared by the writer, `verify` and `recover`.
namespace acq::layout {

inline constexpr const char *Format = "macroscope.recording";
inline constexpr const char *FormatVersion = "1.0";

inline constexpr const char *Frames = "/acquisition/frames";                      // uint16 (N, H, W)
inline constexpr const char *FrameId = "/acquisition/frame_id";                   // uint64 (N)
inline constexpr const char *CameraTimestamp = "/acquisition/camera_timestamp_ns"; // int64 (N)
inline constexpr const char *HostTimestamp = "/acquisition/host_timestamp_ns";     // int64 (N)
inline constexpr const char *DroppedFrameId = "/acquisition/dropped/frame_id";     // uint64 (D)
inline constexpr const char *DroppedHostTimestamp = "/acquisition/dropped/host_timestamp_ns"; // int64 (D)
inline constexpr const char *Status = "/acquisition/status";                      // one group per channel
inline constexpr const char *Camera = "/acquisition/camera";                      // the camera's own data
inline constexpr const char *Session = "/session";
inline constexpr const char *Stimulus = "/stimulus";
inline constexpr const char *PresentationRow = "/stimulus/presentation/row";       // uint64 (P)
inline constexpr const char *PresentationFrame = "/stimulus/presentation/frame";   // uint32 (P)
inline constexpr const char *PresentationTime = "/stimulus/presentation/presented_ns"; // int64 (P), -1 dropped
inline constexpr const char *PresentationDropped = "/stimulus/presentation/dropped";   // uint8 (P)

} // namespace acq::layout
