#include "ui/genomics/scatterraster.h"
