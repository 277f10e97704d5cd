/* Signal state. Handlers on the user stack arrive with the process issue; today a synchronous
 * fault signal terminates the whole process with that signal as its wait status (the default
 * action of SIGSEGV, SIGBUS, SIGILL, SIGTRAP), as Linux does when no handler is installed. */
#include "proc/signal.h"
#include "proc/process.h"
#include "arch/arm64/trap.h"
#include "mm/kmalloc.h"
#include "lib/printk.h"
#include "lib/string.h"

struct sighand *sighand_new(void) {
    struct sighand *sh = kzalloc(sizeof *sh);
    if (sh) sh->refs = 1;
    return sh;
}

void sighand_put(struct sighand *sh) {
    if (--sh->refs == 0) kfree(sh);
}

void signals_reset_on_exec(struct task *t) {
    /* Caught signals go back to SIG_DFL; ignored ones stay ignored (POSIX execve). */
    for (int i = 0; i < 64; i++) {
        struct k_sigaction *a = &t->sighand->action[i];
        if (a->handler > 1) { a->handler = 0; a->flags = 0; a->mask = 0; a->restorer = 0; }
    }
}

void force_sig(int sig) {
    printk("levitate: %s[%d]: fatal signal %d at pc %#lx\n", current->comm, current->tid, sig,
           current->tf ? current->tf->pc : 0);
    do_exit_group(sig);
}
