#include "core/cli/genomicscommand.h"
