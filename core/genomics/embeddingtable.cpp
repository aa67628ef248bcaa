#include "core/genomics/embeddingtable.h"
