#include "ui/genomics/embeddingspanel.h"
