#include "core/genomics/genomicstore.h"
