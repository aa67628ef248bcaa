#pragma once

#include <csignal>
#include <sys/types.h>
#include <sys/wait.h>

// A child process that dies with the test: SIGKILLed and reaped when this goes out of scope, so a test that
// fails (returns early) never leaves a recorder running behind it.
struct KilledOnExit {
    pid_t pid = -1;

    KilledOnExit() = default;
    explicit KilledOnExit(pid_t child) : pid(child) {}
    KilledOnExit(const KilledOnExit &) = delete;
    KilledOnExit &operator=(const KilledOnExit &) = delete;
    ~KilledOnExit() { kill(); }

    // Kills the process now; its wait status (a process that already exited is reaped all the same).
    int kill()
    {
        int status = 0;
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            pid = -1;
        }
        return status;
    }
};
