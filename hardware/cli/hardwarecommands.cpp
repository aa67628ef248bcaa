#include "hardware/cli/hardwarecommands.h"

#include "core/cli/commandregistry.h"
#include "hardware/cli/democommand.h"
#include "hardware/cli/recordcommand.h"

namespace cli {

void registerHardwareCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<RecordCommand>());
    registry.add(std::make_unique<DemoCommand>());
}

} // namespace cli
