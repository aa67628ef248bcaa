#include "ui/genomics/tracklane.h"
