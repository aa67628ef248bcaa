#pragma once

namespace cli {

class CommandRegistry;

// The subcommands that need only core/: canon, hash, validate, inspect, demo.
void registerCoreCommands(CommandRegistry &registry);

} // namespace cli
