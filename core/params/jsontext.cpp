#include "core/params/jsontext.h"
