#ifndef CORTEX_COPENSSL_H
#define CORTEX_COPENSSL_H
/* SHA-256 and HMAC-SHA256 from OpenSSL's libcrypto, loaded on first use.

   cortex links no OpenSSL: loading and relocating libssl and libcrypto costs every start,
   also for the commands that never hash anything (`--version`, `parse`). The functions
   below reach libcrypto's EVP interfaces through pointers that cortex_crypto_load()
   resolves with dlopen/dlsym the first time a digest is taken. The algorithms are fetched
   once (OpenSSL 3's one-shot SHA256()/HMAC() fetch them on every call, which costs more
   than hashing an audit entry). Every function other than cortex_crypto_load() and
   cortex_crypto_load_error() requires a successful cortex_crypto_load() first. */
#include <stddef.h>

/* Loads libcrypto and fetches SHA-256 and HMAC once per process (thread-safe). Returns 1
   when they are usable; otherwise 0, and cortex_crypto_load_error() says why. */
int cortex_crypto_load(void);
/* Why loading failed (dlerror's text, a missing symbol or algorithm); empty after success. */
const char *cortex_crypto_load_error(void);

/* The SHA-256 digest of `count` bytes into `out` (32 bytes). Returns 1 on success. */
int cortex_sha256(const void *bytes, size_t count, unsigned char *out);

/* An HMAC-SHA256 context keyed with `key`, to be freed with cortex_hmac_sha256_free; NULL
   when it cannot be made. */
void *cortex_hmac_sha256_new(const unsigned char *key, size_t length);
void cortex_hmac_sha256_free(void *context);
/* The HMAC-SHA256 of `count` bytes under `context` into `out` (32 bytes), computed on a
   copy of the context, so one context serves several threads. Returns 1 on success. */
int cortex_hmac_sha256(void *context, const void *bytes, size_t count, unsigned char *out);

#endif
