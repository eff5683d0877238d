#include "COpenSSL.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

#if defined(__APPLE__)
static const char *const library_names[] = { "libcrypto.3.dylib", "/opt/homebrew/opt/openssl@3/lib/libcrypto.3.dylib",
                                             "/usr/local/opt/openssl@3/lib/libcrypto.3.dylib", NULL };
#else
static const char *const library_names[] = { "libcrypto.so.3", NULL };
#endif

/* The libcrypto entry points cortex uses, resolved once, and the fetched algorithms. */
static struct {
    EVP_MD *(*md_fetch)(OSSL_LIB_CTX *, const char *, const char *);
    int (*digest)(const void *, size_t, unsigned char *, unsigned int *, const EVP_MD *, ENGINE *);
    EVP_MAC *(*mac_fetch)(OSSL_LIB_CTX *, const char *, const char *);
    EVP_MAC_CTX *(*mac_ctx_new)(EVP_MAC *);
    EVP_MAC_CTX *(*mac_ctx_dup)(const EVP_MAC_CTX *);
    void (*mac_ctx_free)(EVP_MAC_CTX *);
    int (*mac_init)(EVP_MAC_CTX *, const unsigned char *, size_t, const OSSL_PARAM[]);
    int (*mac_update)(EVP_MAC_CTX *, const unsigned char *, size_t);
    int (*mac_final)(EVP_MAC_CTX *, unsigned char *, size_t *, size_t);
    OSSL_PARAM (*param_utf8_string)(const char *, char *, size_t);
    OSSL_PARAM (*param_end)(void);
    EVP_MD *sha256;
    EVP_MAC *hmac;
} fn;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = 0;
static char load_error[512] = "";
static const char *loaded_name = NULL;

static void *resolve(void *lib, const char *symbol) {
    void *p = dlsym(lib, symbol);
    if (p == NULL && load_error[0] == 0) {
        snprintf(load_error, sizeof load_error, "%s has no %s", loaded_name, symbol);
    }
    return p;
}

static void load_once(void) {
    void *lib = NULL;
    for (int i = 0; library_names[i] != NULL && lib == NULL; i++) {
        lib = dlopen(library_names[i], RTLD_NOW | RTLD_LOCAL);
        if (lib != NULL) loaded_name = library_names[i];
    }
    if (lib == NULL) {
        const char *why = dlerror();
        snprintf(load_error, sizeof load_error, "%s", why != NULL ? why : "libcrypto.so.3 not found");
        return;
    }
    fn.md_fetch = (EVP_MD *(*)(OSSL_LIB_CTX *, const char *, const char *))resolve(lib, "EVP_MD_fetch");
    fn.digest = (int (*)(const void *, size_t, unsigned char *, unsigned int *, const EVP_MD *, ENGINE *))resolve(lib, "EVP_Digest");
    fn.mac_fetch = (EVP_MAC *(*)(OSSL_LIB_CTX *, const char *, const char *))resolve(lib, "EVP_MAC_fetch");
    fn.mac_ctx_new = (EVP_MAC_CTX *(*)(EVP_MAC *))resolve(lib, "EVP_MAC_CTX_new");
    fn.mac_ctx_dup = (EVP_MAC_CTX *(*)(const EVP_MAC_CTX *))resolve(lib, "EVP_MAC_CTX_dup");
    fn.mac_ctx_free = (void (*)(EVP_MAC_CTX *))resolve(lib, "EVP_MAC_CTX_free");
    fn.mac_init = (int (*)(EVP_MAC_CTX *, const unsigned char *, size_t, const OSSL_PARAM[]))resolve(lib, "EVP_MAC_init");
    fn.mac_update = (int (*)(EVP_MAC_CTX *, const unsigned char *, size_t))resolve(lib, "EVP_MAC_update");
    fn.mac_final = (int (*)(EVP_MAC_CTX *, unsigned char *, size_t *, size_t))resolve(lib, "EVP_MAC_final");
    fn.param_utf8_string = (OSSL_PARAM (*)(const char *, char *, size_t))resolve(lib, "OSSL_PARAM_construct_utf8_string");
    fn.param_end = (OSSL_PARAM (*)(void))resolve(lib, "OSSL_PARAM_construct_end");
    if (load_error[0] != 0) return;
    fn.sha256 = fn.md_fetch(NULL, "SHA256", NULL);
    fn.hmac = fn.mac_fetch(NULL, "HMAC", NULL);
    if (fn.sha256 == NULL || fn.hmac == NULL) {
        snprintf(load_error, sizeof load_error, "%s provides no SHA256 or HMAC", loaded_name);
        return;
    }
    loaded = 1;
}

int cortex_crypto_load(void) {
    pthread_once(&once, load_once);
    return loaded;
}

const char *cortex_crypto_load_error(void) { return load_error; }

int cortex_sha256(const void *bytes, size_t count, unsigned char *out) {
    unsigned int size = 0;
    return fn.digest(bytes, count, out, &size, fn.sha256, NULL) == 1 && size == 32;
}

void *cortex_hmac_sha256_new(const unsigned char *key, size_t length) {
    EVP_MAC_CTX *ctx = fn.mac_ctx_new(fn.hmac);
    if (ctx == NULL) return NULL;
    char digest[] = "SHA256";
    OSSL_PARAM params[2];
    params[0] = fn.param_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0);
    params[1] = fn.param_end();
    if (fn.mac_init(ctx, key, length, params) != 1) {
        fn.mac_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

void cortex_hmac_sha256_free(void *context) { fn.mac_ctx_free((EVP_MAC_CTX *)context); }

int cortex_hmac_sha256(void *context, const void *bytes, size_t count, unsigned char *out) {
    EVP_MAC_CTX *ctx = fn.mac_ctx_dup((const EVP_MAC_CTX *)context);
    if (ctx == NULL) return 0;
    size_t length = 0;
    int ok = fn.mac_update(ctx, (const unsigned char *)bytes, count) == 1 && fn.mac_final(ctx, out, &length, 32) == 1
        && length == 32;
    fn.mac_ctx_free(ctx);
    return ok;
}
