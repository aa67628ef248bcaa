#include "core/h5/filter.h"

#include <hdf5.h>

namespace h5 {

Filter Filter::deflate(unsigned level)
{
    return {H5Z_FILTER_DEFLATE, {level}, false};
}

Filter Filter::shuffle()
{
    return {H5Z_FILTER_SHUFFLE, {}, false};
}

Filter Filter::fletcher32()
{
    return {H5Z_FILTER_FLETCHER32, {}, false};
}

} // namespace h5
