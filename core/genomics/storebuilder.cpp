#include "core/genomics/storebuilder.h"
