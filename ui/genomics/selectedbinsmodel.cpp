#include "ui/genomics/selectedbinsmodel.h"
