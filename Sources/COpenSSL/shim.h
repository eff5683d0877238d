#ifndef CORTEX_COPENSSL_SHIM_H
#define CORTEX_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>
#endif
