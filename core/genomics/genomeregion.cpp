#include "core/genomics/genomeregion.h"
