/* Host unit tests of init/bootargs.c: Linux-style kernel command line parsing. */
#include "harness.h"
#include "init/bootargs.h"

/* Parses a fresh copy of `s` (freed right after, so ASan catches results pointing into it). */
static void parse(const char *s) {
    memset(&bootargs, 0, sizeof bootargs);
    if (!s) { bootargs_parse(NULL); return; }
    char *copy = strdup(s);
    bootargs_parse(copy);
    memset(copy, '#', strlen(copy));
    free(copy);
}

static int streq(const char *a, const char *b) { return a && b && !strcmp(a, b); }
#define S(x) ((x) ? (x) : "(null)")

/* Compares init's argv/envp with NULL-terminated lists. */
static int same_list(const char *what, int n, const char *const *got, const char *const *want) {
    int k = 0;
    while (want[k]) k++;
    if (!CHECK(n == k, "%s: %d entries, expected %d", what, n, k)) return 0;
    for (int i = 0; i < n; i++)
        if (!CHECK(streq(got[i], want[i]), "%s[%d] = \"%s\", expected \"%s\"", what, i, S(got[i]), want[i])) return 0;
    return 1;
}
#define ARGV(...) same_list("argv", bootargs.init_argc, bootargs.init_argv, (const char *[]){ __VA_ARGS__, NULL })
#define ENVP(...) same_list("envp", bootargs.init_envc, bootargs.init_envp, (const char *[]){ __VA_ARGS__, NULL })
#define NO_ARGV() CHECK(bootargs.init_argc == 0, "argc %d, expected 0", bootargs.init_argc)
#define NO_ENVP() CHECK(bootargs.init_envc == 0, "envc %d, expected 0", bootargs.init_envc)

static int all_clear(void) {
    struct bootargs zero;
    memset(&zero, 0, sizeof zero);
    return CHECK(memcmp(&zero, &bootargs, sizeof zero) == 0, "something was set");
}

static void empty_and_null(void) {
    parse("");
    EXPECT(all_clear(), "\"\"");
    parse(NULL);
    EXPECT(all_clear(), "NULL");
    parse("   \t \n  ");
    EXPECT(all_clear(), "blanks");
}

static void flags(void) {
    parse("quiet");
    EXPECT(bootargs.quiet && !bootargs.strace, "quiet");
    parse("strace");
    EXPECT(bootargs.strace && !bootargs.quiet, "strace");
    parse("  quiet\tstrace\n");
    EXPECT(bootargs.quiet && bootargs.strace, "both, with tabs and newlines");
    EXPECT(NO_ARGV() && NO_ENVP(), "flags leaked into init's argv/envp");
    parse("quietx stracey");
    EXPECT(!bootargs.quiet && !bootargs.strace, "a longer word matched a flag");
    EXPECT(ARGV("quietx", "stracey"), "unknown bare words go to init");
}

static void lv_options(void) {
    parse("lv.klog=semihost lv.exit=semihost lv.stdout=uart lv.stdin=/in lv.argv=/args lv.envp=/env");
    EXPECT(bootargs.klog_semihost && bootargs.exit_semihost && bootargs.stdout_uart, "lv.* flags");
    EXPECT(streq(bootargs.stdin_path, "/in"), "stdin %s", S(bootargs.stdin_path));
    EXPECT(streq(bootargs.argv_file, "/args"), "argv %s", S(bootargs.argv_file));
    EXPECT(streq(bootargs.envp_file, "/env"), "envp %s", S(bootargs.envp_file));
    EXPECT(NO_ARGV() && NO_ENVP(), "lv.* leaked into init's argv/envp");
    parse("lv.klog=console lv.exit=never lv.stdout=tty lv.unknown=1 lv.klog");
    EXPECT(all_clear(), "unknown lv.* values must be ignored (not env, not argv)");
    parse("lv.stdin=");
    EXPECT(streq(bootargs.stdin_path, ""), "empty lv.stdin= gives \"\", got %s", S(bootargs.stdin_path));
}

static void init_option(void) {
    parse("init=/bin/sh");
    EXPECT(streq(bootargs.init, "/bin/sh"), "init %s", S(bootargs.init));
    EXPECT(NO_ARGV() && NO_ENVP(), "init= leaked");
    parse("init=/first init=/second");
    EXPECT(streq(bootargs.init, "/second"), "the last init= wins (as on Linux), got %s", S(bootargs.init));
    parse("init=");
    EXPECT(streq(bootargs.init, ""), "init= empty");
    parse("init=/usr/bin/a.out");
    EXPECT(streq(bootargs.init, "/usr/bin/a.out"), "init with a dot in the value");
}

static void double_dash(void) {
    parse("quiet init=/bin/sh -- -c \"echo hi\" quiet init=/x FOO=bar a.b -- end");
    EXPECT(bootargs.quiet && streq(bootargs.init, "/bin/sh"), "options before --");
    EXPECT(ARGV("-c", "echo hi", "quiet", "init=/x", "FOO=bar", "a.b", "--", "end"), "argv after --");
    EXPECT(NO_ENVP(), "words after -- became env");
    parse("--");
    EXPECT(all_clear(), "a lone --");
    parse("-- ");
    EXPECT(all_clear(), "-- and a blank");
    parse("a --x b");
    EXPECT(ARGV("a", "--x", "b"), "--x is not --");
}

static void quotes(void) {
    parse("init=/bin/sh \"hello world\" FOO=\"a b  c\" \"quiet\"");
    EXPECT(ARGV("hello world"), "quoted argv word");
    EXPECT(ENVP("FOO=a b  c"), "quoted env value");
    EXPECT(bootargs.quiet, "\"quiet\" (quotes stripped) is the flag");
    parse("lv.stdin=\"/my file\" x\"y z\"w");
    EXPECT(streq(bootargs.stdin_path, "/my file"), "quoted lv.stdin: %s", S(bootargs.stdin_path));
    EXPECT(ARGV("xy zw"), "quotes in the middle of a word");
    parse("a \"unterminated quote  b");
    EXPECT(ARGV("a", "unterminated quote  b"), "an unterminated quote runs to the end");
    parse("\"\" x");                         /* an empty quoted word: must not crash */
    EXPECT(bootargs.init_argc <= 2, "argc %d", bootargs.init_argc);
    parse("\"\"\"\"\"");
}

static void env_words(void) {
    parse("TERM=linux HOME=/ PATH=/usr/bin:/x.y foo.bar=1 a.b.c=d x.y =v E=");
    EXPECT(ENVP("TERM=linux", "HOME=/", "PATH=/usr/bin:/x.y", "=v", "E="), "env");
    EXPECT(NO_ARGV(), "dotted words must be ignored, not argv");
    parse("single user");
    EXPECT(ARGV("single", "user") && NO_ENVP(), "bare words");
}

static void limits(void) {
    char line[2048];
    size_t o = 0;
    for (int i = 0; i < MAX_INIT_ARGS + 8; i++) o += snprintf(line + o, sizeof line - o, "w%d ", i);
    for (int i = 0; i < MAX_INIT_ARGS + 8; i++) o += snprintf(line + o, sizeof line - o, "E%d=%d ", i, i);
    EXPECT(o < sizeof line - 1, "test line too long");
    parse(line);
    EXPECT(bootargs.init_argc == MAX_INIT_ARGS, "argc %d", bootargs.init_argc);
    EXPECT(bootargs.init_envc == MAX_INIT_ARGS, "envc %d", bootargs.init_envc);
    EXPECT(streq(bootargs.init_argv[MAX_INIT_ARGS - 1], "w31"), "last argv %s", S(bootargs.init_argv[MAX_INIT_ARGS - 1]));
    EXPECT(streq(bootargs.init_envp[0], "E0=0"), "first env");
    o = snprintf(line, sizeof line, "--");
    for (int i = 0; i < MAX_INIT_ARGS + 8; i++) o += snprintf(line + o, sizeof line - o, " a%d", i);
    parse(line);
    EXPECT(bootargs.init_argc == MAX_INIT_ARGS, "argc after -- %d", bootargs.init_argc);
}

/* Longer than the parser's buffer: truncated at a word boundary or mid-word, never overflowing. */
static void overlong(void) {
    size_t n = 10000;
    char *line = malloc(n + 1);
    memset(line, 'b', n);
    line[n] = 0;
    memcpy(line, "quiet A=", 8);
    memcpy(line + n - 20, " init=/late strace x", 20);
    parse(line);
    EXPECT(bootargs.quiet, "quiet before the cut");
    EXPECT(bootargs.init == NULL && !bootargs.strace, "words past the cut were parsed");
    EXPECT(bootargs.init_envc == 1 && !strncmp(bootargs.init_envp[0], "A=bbbb", 6), "truncated env word");
    size_t l = strlen(bootargs.init_envp[0]);
    EXPECT(l >= 1000 && l < 2048, "truncated env word length %zu", l);
    /* Every length around the buffer size, ending inside a quote, a word, or blanks. */
    for (size_t len = 2030; len < 2070; len++) {
        for (int variant = 0; variant < 3; variant++) {
            memset(line, variant == 2 ? ' ' : 'c', len);
            line[len] = 0;
            memcpy(line, "strace \"", variant == 0 ? 8 : 7);
            parse(line);
            EXPECT(bootargs.strace, "len %zu variant %d", len, variant);
            int words = bootargs.init_argc;
            EXPECT(words <= 1, "len %zu variant %d: argc %d", len, variant, words);
            if (words) EXPECT(strlen(bootargs.init_argv[0]) < 2048, "len %zu: word too long", len);
        }
    }
    /* Many short words: the cut must not produce more than MAX_INIT_ARGS entries. */
    for (size_t i = 0; i < n; i += 2) { line[i] = 'z'; line[i + 1] = ' '; }
    line[n] = 0;
    parse(line);
    EXPECT(bootargs.init_argc == MAX_INIT_ARGS, "argc %d", bootargs.init_argc);
    free(line);
}

/* The results point into the parser's own copy: they stay valid after the caller's string is gone
 * (parse() frees it; ASan would flag a use after free). */
static void results_outlive_input(void) {
    parse("init=/sbin/init lv.stdin=/dev/null X=1 -- arg");
    EXPECT(streq(bootargs.init, "/sbin/init") && streq(bootargs.stdin_path, "/dev/null"), "strings");
    EXPECT(ENVP("X=1") && ARGV("arg"), "lists");
}

int main(void) {
    h_init();
    RUN(empty_and_null);
    RUN(flags);
    RUN(lv_options);
    RUN(init_option);
    RUN(double_dash);
    RUN(quotes);
    RUN(env_words);
    RUN(limits);
    RUN(overlong);
    RUN(results_outlive_input);
    return h_finish("test_bootargs");
}
