#include "ui/genomics/genomicspanel.h"
