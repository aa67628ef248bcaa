// Writes TARGET through files::AtomicFile, says "written" on stdout and then waits, never committing, until
// tst_atomicfile kills it: the state a crash or power cut leaves behind. With "--commit" it commits instead.
#include "core/files/atomicfile.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <thread>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    files::AtomicFile file(argv[1]);
    {
        std::ofstream out(file.partialPath(), std::ios::binary);
        for (int i = 0; i < 1000; ++i)
            out << "line " << i << " of new content\n";
    }
    if (argc > 2 && std::strcmp(argv[2], "--commit") == 0) {
        file.commit();
        return 0;
    }
    std::puts("written");
    std::fflush(stdout);
    for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
}
