#include "core/genomics/genomebins.h"
