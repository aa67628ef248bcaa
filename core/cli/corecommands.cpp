#include "core/cli/corecommands.h"

#include "core/cli/analyzecommand.h"
#include "core/cli/canoncommand.h"
#include "core/cli/commandregistry.h"
#include "core/cli/convertcommand.h"
#include "core/cli/genomicscommand.h"
#include "core/cli/hashcommand.h"
#include "core/cli/inspectcommand.h"
#include "core/cli/parquetcommand.h"
#include "core/cli/recovercommand.h"
#include "core/cli/segmentcommand.h"
#include "core/cli/stimuluscommand.h"
#include "core/cli/validatecommand.h"
#include "core/cli/verifycommand.h"

namespace cli {

void registerCoreCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<InspectCommand>());
    registry.add(std::make_unique<CanonCommand>());
    registry.add(std::make_unique<HashCommand>());
    registry.add(std::make_unique<ValidateCommand>());
    registry.add(std::make_unique<StimulusCommand>());
    registry.add(std::make_unique<VerifyCommand>());
    registry.add(std::make_unique<RecoverCommand>());
    registry.add(std::make_unique<AnalyzeCommand>());
    registry.add(std::make_unique<SegmentCommand>());
    registry.add(std::make_unique<ParquetCommand>());
    registry.add(std::make_unique<ConvertCommand>());
    registry.add(std::make_unique<GenomicsCommand>());
}

} // namespace cli
