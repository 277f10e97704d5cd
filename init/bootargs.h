/* The kernel command line (from /chosen/bootargs), parsed once at boot. See README for options. */
#pragma once
#include "lib/types.h"

#define MAX_INIT_ARGS 32
struct bootargs {
    bool quiet;             /* quiet: no kernel log on the console */
    bool klog_semihost;     /* lv.klog=semihost: kernel log to the semihosting console */
    bool exit_semihost;     /* lv.exit=semihost: init's exit status becomes QEMU's exit code */
    bool stdout_uart;       /* lv.stdout=uart: init's fd 1/2 are the raw (non-tty) serial device */
    bool strace;            /* strace: trace every syscall */
    bool profile;           /* lv.profile: sample the interrupted pc at 2 kHz, print the top at exit */
    const char *stdin_path; /* lv.stdin=FILE */
    const char *argv_file;  /* lv.argv=FILE: NUL-separated argv */
    const char *envp_file;  /* lv.envp=FILE: NUL-separated environment */
    const char *init;       /* init=PATH */
    int init_argc;          /* words after "--" and bare words: init's argv[1..] */
    const char *init_argv[MAX_INIT_ARGS];
    int init_envc;          /* unknown key=value words: init's environment (as Linux does) */
    const char *init_envp[MAX_INIT_ARGS];
};
extern struct bootargs bootargs;
void bootargs_parse(const char *cmdline);
