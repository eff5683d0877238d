#ifndef CORTEX_CEDITLINE_SHIM_H
#define CORTEX_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <limits.h>
#include <locale.h>
#include <termios.h>
#include <unistd.h>
#include <spawn.h>
#include <signal.h>
#include <pthread.h>
/* libedit's readline-compatible API. Never <readline/readline.h>: that is GNU readline's. */
#include <editline/readline.h>

/* Swift 6 treats every C global as shared mutable state: access libedit's globals through
   functions instead. */
typedef char **(*cortex_completion_fn)(const char *, int, int);
typedef int (*cortex_command_fn)(int, int);

static inline void cortex_rl_set_completion(cortex_completion_fn f) {
    rl_attempted_completion_function = f;
    rl_attempted_completion_over = 1;
}
static inline void cortex_rl_completion_over(void) { rl_attempted_completion_over = 1; }
/* The name ~/.editrc entries are matched against (`cortex:bind ...`); libedit keeps the
   pointer, so it gets a copy that lives as long as the process. */
static inline void cortex_rl_set_name(const char *name) { rl_readline_name = strdup(name); }
static inline void cortex_rl_outstream_stderr(void) { rl_outstream = stderr; }
static inline const char *cortex_rl_line_buffer(void) { return rl_line_buffer; }
static inline int cortex_history_length(void) { return history_length; }
static inline int cortex_history_base(void) { return history_base; }
static inline void cortex_rl_set_completion_append(int c) { rl_completion_append_character = c; }

/* The streams libedit reads from and draws on; set before the first readline(). */
static inline void cortex_rl_set_streams(FILE *in, FILE *out) {
    rl_instream = in;
    rl_outstream = out;
}
static inline FILE *cortex_stdin(void) { return stdin; }
static inline FILE *cortex_stdout(void) { return stdout; }
static inline FILE *cortex_stderr(void) { return stderr; }

/* Writes text where libedit draws, so it lands in order with the prompt. */
static inline void cortex_rl_write(const char *text) {
    FILE *out = rl_outstream ? rl_outstream : stdout;
    fputs(text, out);
    fflush(out);
}

/* Words split on blanks only: service names keep their '-' and '.', and environments
   their letters, whatever libedit's default break set is. */
static inline void cortex_rl_break_on_blanks(void) {
    static const char blanks[] = " \t\n";
    rl_basic_word_break_characters = blanks;
    rl_completer_word_break_characters = (char *)blanks;
}

/* Ends the current readline() as if at end of input; readline then returns NULL. */
static inline void cortex_rl_finish(void) { rl_done = 1; }

/* Binds a key to a command function (rl_add_defun keeps the name pointer: a literal). */
static inline int cortex_rl_bind_interrupt_key(cortex_command_fn f, int key) {
    static const char name[] = "cortex-interrupt";
    return rl_add_defun(name, f, key);
}

/* A fresh copy of the edited line (rl_line_buffer may point at a buffer libedit has since
   reallocated). libedit 3.1's rl_copy_text clamps to the line and then copies one byte
   less, so the copy may lack the line's last byte: callers only rely on the text before
   the word being completed. The caller frees the result. */
static inline char *cortex_rl_copy_line(void) { return rl_copy_text(0, INT_MAX); }

/* Signals while the prompt waits. The functions below share their state, and Swift gives
   each Swift file its own copy of static inline functions and of the statics in them: call
   them all from the same Swift file.

   SIGCONT: a shell that resumes cortex after Ctrl-Z restores the terminal's settings,
   interrupt character included; libedit's own SIGCONT handler puts the terminal back in
   raw mode and then passes the signal on to this one, which switches the interrupt
   character off again so that Ctrl-C stays a key.

   SIGINT (`kill -INT`, or a terminal whose interrupt character came back some other way)
   marks the read interrupted; libedit's read() fails with EINTR and readline() returns
   NULL. A SIGINT taken by another thread is passed on to the reading thread. One that
   lands just before libedit blocks in read() is only noticed once the read returns. */
static inline volatile sig_atomic_t *cortex_sigint_flag(void) {
    static volatile sig_atomic_t seen;
    return &seen;
}
static inline pthread_t *cortex_prompt_thread(void) {
    static pthread_t reader;
    return &reader;
}
static inline int *cortex_prompt_fd(void) {
    static int fd = -1;
    return &fd;
}
static inline void cortex_note_sigint(int sig) {
    int saved = errno;
    *cortex_sigint_flag() = 1;
    if (!pthread_equal(pthread_self(), *cortex_prompt_thread()))
        pthread_kill(*cortex_prompt_thread(), sig);
    errno = saved;
}
static inline void cortex_quiet_intr_again(int sig) {
    int saved = errno;
    struct termios t;
    int fd = *cortex_prompt_fd();
    (void)sig;
    if (fd >= 0 && tcgetattr(fd, &t) == 0 && t.c_cc[VINTR] != _POSIX_VDISABLE) {
        t.c_cc[VINTR] = _POSIX_VDISABLE;
        tcsetattr(fd, TCSANOW, &t);
    }
    errno = saved;
}
/* Installs both handlers for a read on `fd`; `previous` receives the two actions to put
   back (SIGINT's first). Returns -1 when they could not be installed. */
static inline int cortex_prompt_signals_catch(int fd, struct sigaction previous[2]) {
    struct sigaction onInt, onCont;
    memset(&onInt, 0, sizeof onInt);
    memset(&onCont, 0, sizeof onCont);
    onInt.sa_handler = cortex_note_sigint;
    onCont.sa_handler = cortex_quiet_intr_again;
    sigemptyset(&onInt.sa_mask);
    sigemptyset(&onCont.sa_mask);
    *cortex_sigint_flag() = 0;
    *cortex_prompt_thread() = pthread_self();
    *cortex_prompt_fd() = fd;
    if (sigaction(SIGINT, &onInt, &previous[0]) != 0) return -1;
    if (sigaction(SIGCONT, &onCont, &previous[1]) != 0) {
        sigaction(SIGINT, &previous[0], NULL);
        return -1;
    }
    return 0;
}
static inline void cortex_prompt_signals_release(const struct sigaction previous[2]) {
    sigaction(SIGINT, &previous[0], NULL);
    sigaction(SIGCONT, &previous[1], NULL);
    *cortex_prompt_fd() = -1;
}
static inline int cortex_sigint_was_seen(void) { return *cortex_sigint_flag(); }

/* Turns the terminal's interrupt character off (so Ctrl-C reaches libedit as a key) and
   returns the settings to restore afterwards. Returns -1 when `fd` is not a terminal. */
static inline int cortex_tty_disable_intr(int fd, struct termios *saved) {
    struct termios t;
    if (tcgetattr(fd, saved) != 0) return -1;
    t = *saved;
    t.c_cc[VINTR] = _POSIX_VDISABLE;
    return tcsetattr(fd, TCSANOW, &t);
}
static inline int cortex_tty_restore(int fd, const struct termios *saved) {
    return tcsetattr(fd, TCSANOW, saved);
}

/* Pseudo-terminals, for driving the shell the way a person at a terminal does (the test
   harness). glibc declares these only under _XOPEN_SOURCE, which Swift's Glibc module is
   not built with. */
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
int ptsname_r(int fd, char *buf, size_t buflen);
static inline int cortex_posix_openpt(int flags) { return posix_openpt(flags); }
static inline int cortex_grantpt(int fd) { return grantpt(fd); }
static inline int cortex_unlockpt(int fd) { return unlockpt(fd); }
static inline int cortex_ptsname_r(int fd, char *buf, size_t len) { return ptsname_r(fd, buf, len); }
/* posix_spawn flag: start the child in a new session (glibc declares it under _GNU_SOURCE). */
static inline short cortex_spawn_setsid_flag(void) {
#ifdef POSIX_SPAWN_SETSID
    return POSIX_SPAWN_SETSID;
#else
    return 0x80;
#endif
}
#endif
