#include "ui/genomics/trackspanel.h"
