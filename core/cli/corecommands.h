#pragma once

namespace cli {

class CommandRegistry;

// The subcommands that need only core/: inspect, canon, hash, validate, stimulus, demo.
void registerCoreCommands(CommandRegistry &registry);

} // namespace cli
