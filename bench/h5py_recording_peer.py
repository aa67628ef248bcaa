#!/usr/bin/python3
"""The peer figure for bench_recording: the same workload through h5py (Debian python3-h5py).

1024x1024 uint16 frames (12-bit shot noise, 64 distinct frames made once and cycled), one chunk per frame,
uncompressed, appended frame by frame into an unlimited dataset, flushed and fdatasynced every second, against
a raw write() of the same bytes followed by fdatasync measured in the same run on the same disk. Two h5py
techniques: resize + slice assignment (what most scripts do) and resize + dset.id.write_direct_chunk (what
areaDetector's HDF5 plugin does), the latter also in SWMR mode as Macroscope writes. Every clock stops after
the final fdatasync, and each variant writes 4 GiB by default (vm.dirty_ratio of a 24 GiB machine is about
4 GiB), so the page cache cannot flatter anyone. Variants are interleaved per round; files are deleted.

usage: h5py_recording_peer.py [--frames N] [--dir DIR] [--rounds R]
"""

import argparse
import os
import shutil
import tempfile
import time

import h5py
import numpy as np

SIDE = 1024
FRAME_BYTES = SIDE * SIDE * 2


def make_frames(count=64):
    y, x = np.mgrid[0:SIDE, 0:SIDE]
    u, v = (x - SIDE / 2) / SIDE, (y - SIDE / 2) / SIDE
    baseline = 2900 - 1600 * (u * u + v * v) + 150 * np.sin(x * 0.031) * np.cos(y * 0.027)
    rng = np.random.default_rng(7)
    frames = []
    for f in range(count):
        mean = baseline * (1 + 0.01 * np.sin(f * 0.2))
        frames.append(np.minimum(rng.poisson(mean), 4095).astype(np.uint16))
    return frames


class Run:
    def __init__(self):
        self.seconds = 0.0
        self.frame_us = []


def raw_write(path, frames, count, sync_every_second):
    if os.path.exists(path):
        os.remove(path)
    run = Run()
    start = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    last_sync = start
    for i in range(count):
        data = memoryview(frames[i % len(frames)]).cast("B")
        before = time.perf_counter()
        while data:
            data = data[os.write(fd, data):]
        after = time.perf_counter()
        run.frame_us.append((after - before) * 1e6)
        if sync_every_second and after - last_sync >= 1:
            os.fdatasync(fd)
            last_sync = time.perf_counter()
    os.fdatasync(fd)
    os.close(fd)
    run.seconds = time.perf_counter() - start
    return run


def h5py_write(path, frames, count, direct_chunk, swmr):
    if os.path.exists(path):
        os.remove(path)
    run = Run()
    start = time.perf_counter()
    f = h5py.File(path, "w", libver="latest" if swmr else "earliest")
    dset = f.create_dataset("frames", shape=(0, SIDE, SIDE), maxshape=(None, SIDE, SIDE),
                            chunks=(1, SIDE, SIDE), dtype=np.uint16)
    if swmr:
        f.swmr_mode = True
    fd = f.id.get_vfd_handle()
    last_sync = start
    for i in range(count):
        frame = frames[i % len(frames)]
        before = time.perf_counter()
        dset.resize(i + 1, axis=0)
        if direct_chunk:
            dset.id.write_direct_chunk((i, 0, 0), frame)
        else:
            dset[i] = frame
        after = time.perf_counter()
        run.frame_us.append((after - before) * 1e6)
        if after - last_sync >= 1:
            f.flush()
            os.fdatasync(fd)
            last_sync = time.perf_counter()
    f.flush()
    os.fdatasync(fd)
    f.close()
    run.seconds = time.perf_counter() - start
    os.remove(path)
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=2048)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="macroscope-h5py-peer-", dir=args.dir)
    try:
        needed = args.frames * FRAME_BYTES + (1 << 30)
        free = shutil.disk_usage(work).free
        if free < needed:
            raise SystemExit(f"{work}: {free >> 20} MiB free, the run needs {needed >> 20} MiB; "
                             "pass a smaller --frames")
        frames = make_frames()
        raw_path, h5_path = os.path.join(work, "raw.bin"), os.path.join(work, "peer.h5")
        variants = [
            ("raw write, fdatasync at end", lambda: raw_write(raw_path, frames, args.frames, False)),
            ("raw write, fdatasync every 1 s", lambda: raw_write(raw_path, frames, args.frames, True)),
            ("h5py resize+slice, sync 1 s", lambda: h5py_write(h5_path, frames, args.frames, False, False)),
            ("h5py write_direct_chunk, sync 1 s", lambda: h5py_write(h5_path, frames, args.frames, True, False)),
            ("h5py direct_chunk SWMR, sync 1 s", lambda: h5py_write(h5_path, frames, args.frames, True, True)),
        ]
        runs = {name: [] for name, _ in variants}
        for round_ in range(args.rounds):
            for name, run in variants:
                runs[name].append(run())
                print(f"round {round_ + 1} {name:<34} {runs[name][-1].seconds:6.2f} s", flush=True)
        megabytes = args.frames * FRAME_BYTES / 1e6

        def median(name):
            return sorted(runs[name], key=lambda r: r.seconds)[len(runs[name]) // 2]

        raw_every_second = median("raw write, fdatasync every 1 s")
        print(f"\nh5py {h5py.version.version}, HDF5 {h5py.version.hdf5_version}; frames {args.frames} x "
              f"{SIDE}x{SIDE} uint16 ({megabytes:.0f} MB per variant), {args.rounds} rounds, median; dir {args.dir}")
        print(f"{'variant':<34} {'MB/s':>8} {'ratio':>7} {'p50 us':>8} {'p99 us':>8} {'max us':>8}")
        for name, _ in variants:
            run = median(name)
            latency = np.percentile(run.frame_us, [50, 99, 100])
            rate = megabytes / run.seconds
            print(f"{name:<34} {rate:8.1f} {rate / (megabytes / raw_every_second.seconds):7.3f} "
                  f"{latency[0]:8.0f} {latency[1]:8.0f} {latency[2]:8.0f}")
        print("(ratio is against the raw write with fdatasync every second)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
