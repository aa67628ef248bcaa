#pragma once

namespace cli {

class CommandRegistry;

// The commands that need hardware (cameras): record.
void registerHardwareCommands(CommandRegistry &registry);

} // namespace cli
