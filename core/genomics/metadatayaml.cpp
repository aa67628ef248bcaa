#include "core/genomics/metadatayaml.h"
