#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace hash {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Incremental SHA-256 through OpenSSL's EVP API, for content checks of large datasets read chunk by chunk.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(const void *data, std::size_t size);
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    // Ends the computation; the object must not be updated afterwards.
    Sha256Digest finish();

private:
    struct Context;
    std::unique_ptr<Context> d;
};

std::string toHex(const Sha256Digest &digest);
std::string sha256Hex(std::string_view bytes);

} // namespace hash
