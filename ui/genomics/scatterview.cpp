#include "ui/genomics/scatterview.h"
