#include "core/genomics/storequeries.h"
