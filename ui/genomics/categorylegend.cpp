#include "ui/genomics/categorylegend.h"
