#ifndef CORTEX_CEDITLINE_SHIM_H
#define CORTEX_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
/* libedit's readline-compatible API. Never <readline/readline.h>: that is GNU readline's. */
#include <editline/readline.h>

/* Swift 6 treats every C global as shared mutable state: access libedit's globals through
   functions instead. */
typedef char **(*cortex_completion_fn)(const char *, int, int);

static inline void cortex_rl_set_completion(cortex_completion_fn f) {
    rl_attempted_completion_function = f;
    rl_attempted_completion_over = 1;
}
static inline void cortex_rl_completion_over(void) { rl_attempted_completion_over = 1; }
static inline void cortex_rl_set_name(const char *name) { rl_readline_name = name; }
static inline void cortex_rl_outstream_stderr(void) { rl_outstream = stderr; }
static inline const char *cortex_rl_line_buffer(void) { return rl_line_buffer; }
static inline int cortex_history_length(void) { return history_length; }
static inline int cortex_history_base(void) { return history_base; }
static inline void cortex_rl_set_completion_append(int c) { rl_completion_append_character = c; }
#endif
