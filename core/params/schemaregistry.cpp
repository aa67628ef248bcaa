#include "core/params/schemaregistry.h"
