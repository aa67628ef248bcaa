#include "core/hash/sha256.h"

#include "core/error.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <string>

namespace hash {

namespace {

// OpenSSL queues its reasons per thread; the oldest entry is the root cause. The queue is emptied so that
// a later failure does not report this one.
std::string openSslReason()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return "no reason given by OpenSSL";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

[[noreturn]] void fail(const char *what)
{
    throw core::Error(std::string("SHA-256: ") + what + " (" + openSslReason() + ")");
}

} // namespace

struct Sha256::Context {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    // Checked here rather than left to OpenSSL, whose behaviour after EVP_DigestFinal_ex differs by version.
    bool finished = false;

    ~Context() { EVP_MD_CTX_free(context); }
};

Sha256::Sha256()
    : d(std::make_unique<Context>())
{
    if (!d->context)
        fail("cannot allocate a digest context");
    if (EVP_DigestInit_ex(d->context, EVP_sha256(), nullptr) != 1)
        fail("cannot initialise the digest");
}

Sha256::~Sha256() = default;

void Sha256::update(const void *data, std::size_t size)
{
    if (d->finished)
        throw core::Error("SHA-256: update() called after finish()");
    if (EVP_DigestUpdate(d->context, data, size) != 1)
        fail("cannot update the digest");
}

Sha256Digest Sha256::finish()
{
    if (d->finished)
        throw core::Error("SHA-256: finish() called twice");
    d->finished = true;
    Sha256Digest digest{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(d->context, digest.data(), &length) != 1)
        fail("cannot finish the digest");
    if (length != digest.size())
        throw core::Error("SHA-256: OpenSSL returned a digest of " + std::to_string(length) + " bytes");
    return digest;
}

std::string toHex(const Sha256Digest &digest)
{
    static constexpr char hexDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * digest.size());
    for (const std::uint8_t byte : digest) {
        hex += hexDigits[byte >> 4];
        hex += hexDigits[byte & 0xF];
    }
    return hex;
}

std::string sha256Hex(std::string_view bytes)
{
    Sha256 sha;
    sha.update(bytes);
    return toHex(sha.finish());
}

} // namespace hash
