#include "core/buildinfo.h"

#include "core/version.h"

#include <QtCore/QtGlobal>
#include <hdf5.h>
#include <openssl/crypto.h>

namespace core {

std::string version()
{
    return MACROSCOPE_VERSION;
}

std::string softwareName()
{
    return MACROSCOPE_NAME " " MACROSCOPE_VERSION;
}

std::string hdf5Version()
{
    unsigned major = 0, minor = 0, release = 0;
    H5get_libversion(&major, &minor, &release);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

std::string opensslVersion()
{
    return OpenSSL_version(OPENSSL_VERSION);
}

std::string qtVersion()
{
    return qVersion();
}

} // namespace core
