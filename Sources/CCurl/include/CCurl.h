#ifndef CORTEX_CCURL_H
#define CORTEX_CCURL_H
/* libcurl, loaded on first use.

   cortex links no libcurl: Debian's libcurl brings about thirty shared libraries (TLS,
   Kerberos, LDAP, SSH, IDN, ...) whose loading and relocation cost several milliseconds at
   every start, also for commands that never open a connection. The header gives curl's
   types and constants; the functions below reach libcurl through pointers that
   cortex_curl_load() resolves with dlopen/dlsym the first time a request goes out.

   curl_easy_setopt / curl_easy_getinfo are variadic and unavailable from Swift: one typed
   wrapper per argument kind. Every function other than cortex_curl_load() requires a
   successful cortex_curl_load() first. */
#include <stddef.h>
#include <curl/curl.h>

/* Loads libcurl and runs curl_global_init once per process (thread-safe). Returns 1 when
   libcurl is usable; otherwise 0, and cortex_curl_load_error() says why. */
int cortex_curl_load(void);
/* Why loading failed (dlerror's text or the missing symbol); empty after success. */
const char *cortex_curl_load_error(void);
/* The name of the library file cortex asks the dynamic loader for. */
const char *cortex_curl_library_name(void);

CURL *cortex_curl_easy_init(void);
void cortex_curl_easy_reset(CURL *h);
void cortex_curl_easy_cleanup(CURL *h);
CURLcode cortex_curl_easy_perform(CURL *h);
const char *cortex_curl_easy_strerror(CURLcode code);
struct curl_slist *cortex_curl_slist_append(struct curl_slist *list, const char *line);
void cortex_curl_slist_free_all(struct curl_slist *list);
const char *cortex_curl_version(void);

CURLcode cortex_curl_setopt_long(CURL *h, CURLoption o, long v);
CURLcode cortex_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v);
CURLcode cortex_curl_setopt_string(CURL *h, CURLoption o, const char *v);
CURLcode cortex_curl_setopt_pointer(CURL *h, CURLoption o, void *v);
CURLcode cortex_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);
CURLcode cortex_curl_setopt_write(CURL *h, CURLoption o, size_t (*f)(char *, size_t, size_t, void *));
CURLcode cortex_curl_setopt_xferinfo(CURL *h, int (*f)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t));
CURLcode cortex_curl_getinfo_long(CURL *h, CURLINFO i, long *v);
CURLcode cortex_curl_getinfo_double(CURL *h, CURLINFO i, double *v);

/* Blob options (CA bundle, client certificate and key given as bytes). libcurl copies the
   bytes (CURL_BLOB_COPY), so the caller's buffer may go away after the call. */
CURLcode cortex_curl_setopt_blob(CURL *h, CURLoption o, const void *data, size_t len);
#endif
