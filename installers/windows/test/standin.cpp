// Stands in for macroscope.exe and macroscope-cli.exe when test-nsis.sh checks the Windows installer on
// Linux, where there is no Qt for Windows to build the real ones with. It links the MinGW C++ runtime like
// the real executables, so the installer must bundle those DLLs for it to start.
#include <windows.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

int main(int argc, char **argv)
{
    if (argc == 2 && std::string_view(argv[1]) == "--version") {
        std::cout << STANDIN_NAME " " STANDIN_VERSION "\n";
        return 0;
    }
    // The code page the executable's manifest asks for; narrow file names are UTF-8 only when it is 65001.
    if (argc == 2 && std::string_view(argv[1]) == "--code-page") {
        std::cout << GetACP() << "\n";
        return 0;
    }
    // Reads a file by its narrow (char) name, as libBigWig and OpenCV do: prints the first line, or fails.
    if (argc == 3 && std::string_view(argv[1]) == "--read") {
        std::ifstream in(argv[2]);
        std::string line;
        if (!std::getline(in, line))
            return 1;
        std::cout << line << "\n";
        return 0;
    }
    // Started through a file association: the arguments Explorer's open command passed.
    if (const char *log = std::getenv("MACROSCOPE_STANDIN_LOG")) {
        std::ofstream out(log, std::ios::app);
        for (int i = 1; i < argc; ++i)
            out << argv[i] << '\n';
    }
    return 0;
}
