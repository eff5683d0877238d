#include "CCurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#if defined(__APPLE__)
static const char *const library_names[] = { "libcurl.4.dylib", "/usr/lib/libcurl.4.dylib", NULL };
#else
static const char *const library_names[] = { "libcurl.so.4", "libcurl-gnutls.so.4", NULL };
#endif

/* The libcurl entry points cortex uses, resolved once. */
static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_reset)(CURL *);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    char *(*version)(void);
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
        snprintf(load_error, sizeof load_error, "%s", why != NULL ? why : "libcurl.so.4 not found");
        return;
    }
    fn.global_init = (CURLcode (*)(long))resolve(lib, "curl_global_init");
    fn.easy_init = (CURL *(*)(void))resolve(lib, "curl_easy_init");
    fn.easy_reset = (void (*)(CURL *))resolve(lib, "curl_easy_reset");
    fn.easy_cleanup = (void (*)(CURL *))resolve(lib, "curl_easy_cleanup");
    fn.easy_perform = (CURLcode (*)(CURL *))resolve(lib, "curl_easy_perform");
    fn.easy_strerror = (const char *(*)(CURLcode))resolve(lib, "curl_easy_strerror");
    fn.easy_setopt = (CURLcode (*)(CURL *, CURLoption, ...))resolve(lib, "curl_easy_setopt");
    fn.easy_getinfo = (CURLcode (*)(CURL *, CURLINFO, ...))resolve(lib, "curl_easy_getinfo");
    fn.slist_append = (struct curl_slist *(*)(struct curl_slist *, const char *))resolve(lib, "curl_slist_append");
    fn.slist_free_all = (void (*)(struct curl_slist *))resolve(lib, "curl_slist_free_all");
    fn.version = (char *(*)(void))resolve(lib, "curl_version");
    if (load_error[0] != 0) return;
    if (fn.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(load_error, sizeof load_error, "curl_global_init failed");
        return;
    }
    loaded = 1;
}

int cortex_curl_load(void) {
    pthread_once(&once, load_once);
    return loaded;
}

const char *cortex_curl_load_error(void) { return load_error; }

const char *cortex_curl_library_name(void) { return library_names[0]; }

CURL *cortex_curl_easy_init(void) { return fn.easy_init(); }
void cortex_curl_easy_reset(CURL *h) { fn.easy_reset(h); }
void cortex_curl_easy_cleanup(CURL *h) { fn.easy_cleanup(h); }
CURLcode cortex_curl_easy_perform(CURL *h) { return fn.easy_perform(h); }
const char *cortex_curl_easy_strerror(CURLcode code) { return fn.easy_strerror(code); }
struct curl_slist *cortex_curl_slist_append(struct curl_slist *list, const char *line) { return fn.slist_append(list, line); }
void cortex_curl_slist_free_all(struct curl_slist *list) { fn.slist_free_all(list); }
const char *cortex_curl_version(void) { return fn.version(); }

CURLcode cortex_curl_setopt_long(CURL *h, CURLoption o, long v) { return fn.easy_setopt(h, o, v); }
CURLcode cortex_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return fn.easy_setopt(h, o, v); }
CURLcode cortex_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return fn.easy_setopt(h, o, v); }
CURLcode cortex_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return fn.easy_setopt(h, o, v); }
CURLcode cortex_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return fn.easy_setopt(h, o, v); }
CURLcode cortex_curl_setopt_write(CURL *h, CURLoption o, size_t (*f)(char *, size_t, size_t, void *)) { return fn.easy_setopt(h, o, f); }
CURLcode cortex_curl_setopt_xferinfo(CURL *h, int (*f)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t)) {
    return fn.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f);
}
CURLcode cortex_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return fn.easy_getinfo(h, i, v); }
CURLcode cortex_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return fn.easy_getinfo(h, i, v); }

CURLcode cortex_curl_setopt_blob(CURL *h, CURLoption o, const void *data, size_t len) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = len;
    blob.flags = CURL_BLOB_COPY;
    return fn.easy_setopt(h, o, &blob);
}
