// macroscope-cli: the headless executable. It links QtCore only (no GUI module), so it runs on machines
// without a display.
#include "core/cli/commandregistry.h"
#include "core/cli/corecommands.h"
#include "hardware/cli/hardwarecommands.h"

#include <QtCore/QCoreApplication>

#include <iostream>

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    cli::CommandRegistry registry("macroscope-cli");
    cli::registerCoreCommands(registry);
    cli::registerHardwareCommands(registry);
    cli::Output output{std::cout, std::cerr};
    return registry.run(QCoreApplication::arguments(), output);
}
