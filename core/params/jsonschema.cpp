#include "core/params/jsonschema.h"
