#include "core/hash/sha256.h"
