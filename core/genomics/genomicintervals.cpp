#include "core/genomics/genomicintervals.h"
