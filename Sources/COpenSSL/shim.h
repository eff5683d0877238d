#ifndef CORTEX_COPENSSL_SHIM_H
#define CORTEX_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

/// Keys an HMAC context for SHA-256 (EVP_MAC_init takes a parameter array, awkward from Swift).
static inline int cortex_hmac_sha256_init(EVP_MAC_CTX *ctx, const unsigned char *key, size_t key_length) {
    char digest[] = "SHA256";
    OSSL_PARAM params[2];
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0);
    params[1] = OSSL_PARAM_construct_end();
    return EVP_MAC_init(ctx, key, key_length, params);
}
#endif
