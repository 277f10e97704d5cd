/* Command-line parsing, Linux style: words separated by spaces, "double quotes" group a word,
 * everything after "--" goes to init, unknown name=value words become init's environment and
 * unknown bare words its arguments. */
#include "init/bootargs.h"
#include "lib/string.h"

struct bootargs bootargs;

/* Linux passes name=value words to init as environment unless the name has a dot (module.param). */
static bool memchr_dot(const char *w, const char *eq) {
    for (const char *c = w; c < eq; c++)
        if (*c == '.') return true;
    return false;
}
static char buf[2048];

void bootargs_parse(const char *cmdline) {
    strlcpy(buf, cmdline ? cmdline : "", sizeof buf);
    char *p = buf;
    bool after_dashes = false;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        if (!*p) break;
        char *w = p, *o = p;
        bool q = false;
        while (*p && (q || (*p != ' ' && *p != '\t' && *p != '\n'))) {
            if (*p == '"') { q = !q; p++; continue; }
            *o++ = *p++;
        }
        if (*p) p++;
        *o = 0;
        if (after_dashes) {
            if (bootargs.init_argc < MAX_INIT_ARGS) bootargs.init_argv[bootargs.init_argc++] = w;
            continue;
        }
        char *eq = strchr(w, '=');
        if (strcmp(w, "--") == 0) after_dashes = true;
        else if (strcmp(w, "quiet") == 0) bootargs.quiet = true;
        else if (strcmp(w, "strace") == 0) bootargs.strace = true;
        else if (strcmp(w, "lv.profile") == 0) bootargs.profile = true;
        else if (strcmp(w, "lv.klog=semihost") == 0) bootargs.klog_semihost = true;
        else if (strcmp(w, "lv.exit=semihost") == 0) bootargs.exit_semihost = true;
        else if (strcmp(w, "lv.stdout=uart") == 0) bootargs.stdout_uart = true;
        else if (strncmp(w, "lv.stdin=", 9) == 0) bootargs.stdin_path = w + 9;
        else if (strncmp(w, "lv.argv=", 8) == 0) bootargs.argv_file = w + 8;
        else if (strncmp(w, "lv.envp=", 8) == 0) bootargs.envp_file = w + 8;
        else if (strncmp(w, "init=", 5) == 0) bootargs.init = w + 5;
        else if (eq && !memchr_dot(w, eq)) {
            if (bootargs.init_envc < MAX_INIT_ARGS) bootargs.init_envp[bootargs.init_envc++] = w;
        } else if (!eq && !strchr(w, '.')) {
            if (bootargs.init_argc < MAX_INIT_ARGS) bootargs.init_argv[bootargs.init_argc++] = w;
        }
        /* other dotted or known-elsewhere options are kernel parameters: ignored here */
    }
}
