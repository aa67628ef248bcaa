#include "core/genomics/bigwigsignal.h"
