#include "core/genomics/trackpyramid.h"
