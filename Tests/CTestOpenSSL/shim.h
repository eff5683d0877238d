#ifndef CORTEX_CTESTOPENSSL_SHIM_H
#define CORTEX_CTESTOPENSSL_SHIM_H
/* OpenSSL's TLS for the tests' HTTPS server (cortex itself loads only libcrypto, at run time). */
#include <openssl/ssl.h>
#include <openssl/x509.h>
#endif
