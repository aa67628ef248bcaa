#include "core/params/canonicaljson.h"
