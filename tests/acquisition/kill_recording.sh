#!/bin/bash
# kill -9 of a recording at random moments, from file creation to seconds in: the finished name NAME.h5 must
# never appear for a recording that did not finish, and `recover` must turn whatever NAME.h5.partial was left
# into a file that `verify` accepts, holding at least every frame a concurrent SWMR reader saw before the
# kill, without changing the partial file by a single byte.
#
# usage: kill_recording.sh MACROSCOPE-CLI [TRIALS]   (KILL_RECORDING_SEED=N repeats a run's kill moments)
set -u

cli=${1:?usage: kill_recording.sh MACROSCOPE-CLI [TRIALS]}
trials=${2:-20}
python=/usr/bin/python3
seed=${KILL_RECORDING_SEED:-$$}
RANDOM=$seed
work=$(mktemp -d "${TMPDIR:-/tmp}/kill_recording.XXXXXX")
# KILL_RECORDING_KEEP=1 leaves the files of failed trials for a look.
trap '[[ ${KILL_RECORDING_KEEP:-} ]] && echo "kept $work" || rm -rf "$work"' EXIT

# Polls the recording's frame_id length as an SWMR reader and keeps the last count in a file: the frames a
# reader could see were flushed to the file, so a recovery must keep at least that many.
reader='
import os, sys, time, h5py
path, out = sys.argv[1], sys.argv[2]
seen = 0
while True:
    try:
        with h5py.File(path, "r", libver="latest", swmr=True) as f:
            ids = f["acquisition/frame_id"]
            while True:
                ids.refresh()
                if ids.shape[0] > seen:
                    seen = ids.shape[0]
                    with open(out + ".tmp", "w") as o:
                        o.write(str(seen))
                    os.replace(out + ".tmp", out)
                time.sleep(0.02)
    except Exception:
        time.sleep(0.02)  # not yet created, or not yet in SWMR mode
'

failures=0
recovered=0
nopartial=0
fail() {
    echo "trial $1: FAIL: ${*:2}"
    failures=$((failures + 1))
}

echo "seed $seed, $trials trials, in $work"
for ((i = 1; i <= trials; i++)); do
    out=$work/run_$i.h5
    seen_file=$work/seen_$i
    "$cli" record --camera sim --out "$out" --seconds 30 --fps 50 --size 256x256 --json >"$work/record_$i.log" 2>&1 &
    recorder=$!
    "$python" -c "$reader" "$out.partial" "$seen_file" 2>/dev/null &
    watcher=$!
    # Kill moments: every fifth trial counts from the start (the simulated camera takes a while to set up, so
    # these often land before the file exists); every fifth within 60 ms of the file appearing, while it is
    # being created and SWMR writing starts; the rest up to 2.5 s into the recording.
    case $((i % 5)) in
    0) delay_ms=$((50 + RANDOM % 950)) from=start ;;
    1) delay_ms=$((RANDOM % 60)) from=file ;;
    *) delay_ms=$((60 + RANDOM % 2440)) from=file ;;
    esac
    if [[ $from == file ]]; then
        until [[ -e $out.partial ]] || ! kill -0 "$recorder" 2>/dev/null; do
            sleep 0.002
        done
    fi
    delay=$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))
    sleep "$delay"
    delay="${delay}s after the $from"
    alive=yes
    kill -9 "$recorder" 2>/dev/null || alive=no
    wait "$recorder" 2>/dev/null
    kill "$watcher" 2>/dev/null
    wait "$watcher" 2>/dev/null
    seen=$(cat "$seen_file" 2>/dev/null || echo 0)
    if [[ $alive == no ]]; then
        fail "$i" "the recording ended before the kill: $(tail -c 500 "$work/record_$i.log")"
        continue
    fi

    if [[ -e $out ]]; then
        fail "$i" "killed ${delay}, yet $out exists (a 30 s recording cannot be complete)"
        continue
    fi
    if [[ ! -e $out.partial ]]; then
        nopartial=$((nopartial + 1))
        echo "trial $i: killed ${delay}: no file yet, nothing to recover"
        continue
    fi

    before=$(sha256sum <"$out.partial")
    "$cli" recover "$out.partial" --json >"$work/recover_$i.json" 2>"$work/recover_$i.err"
    status=$?
    if ((status != 0)); then
        ((status > 128)) && signal=" (killed by signal $((status - 128)))" || signal=""
        fail "$i" "killed ${delay} (reader saw $seen frames): recover exited $status$signal:" \
            "$(cat "$work/recover_$i.err")"
        continue
    fi
    after=$(sha256sum <"$out.partial")
    if [[ $before != "$after" ]]; then
        fail "$i" "recover changed $out.partial"
        continue
    fi
    frames=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["frames"])' "$work/recover_$i.json")
    if ! "$cli" verify "$out" >"$work/verify_$i.log" 2>&1; then
        fail "$i" "killed ${delay}: verify rejects the recovered file: $(cat "$work/verify_$i.log")"
        continue
    fi
    if ((frames < seen)); then
        fail "$i" "killed ${delay}: recovered $frames frames, but a reader had already seen $seen"
        continue
    fi
    recovered=$((recovered + 1))
    echo "trial $i: killed ${delay}: reader saw $seen frames, recovered $frames, verify ok"
    rm -f "$out" "$out.partial"
done

echo "summary: $trials kills, $recovered recovered and verified, $nopartial before the file existed," \
    "$failures failed (seed $seed)"
((failures == 0))
