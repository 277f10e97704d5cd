/* Spinlocks. Taking one masks IRQs on this CPU (saved flags restored on unlock), and the lock word
 * itself is an atomic exchange so a second CPU needs no rewrite. The kernel is not preemptible:
 * a task only loses the CPU when it sleeps or returns to user space. */
#pragma once
#include "lib/types.h"

typedef struct { volatile u32 locked; } spinlock_t;
#define SPINLOCK_INIT { 0 }

#ifdef HOST_TEST  /* host unit tests: single-threaded, no IRQs */
static inline u64 spin_lock_irqsave(spinlock_t *l) { l->locked = 1; return 0; }
static inline void spin_unlock_irqrestore(spinlock_t *l, u64 f) { (void)f; l->locked = 0; }
#else

static inline u64 irq_save(void) {
    u64 f;
    __asm__ volatile("mrs %0, daif; msr daifset, #2" : "=r"(f) :: "memory");
    return f;
}
static inline void irq_restore(u64 f) { __asm__ volatile("msr daif, %0" :: "r"(f) : "memory"); }
static inline void irq_enable(void) { __asm__ volatile("msr daifclr, #2" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("msr daifset, #2" ::: "memory"); }

static inline u64 spin_lock_irqsave(spinlock_t *l) {
    u64 f = irq_save();
    while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) { }
    return f;
}
static inline void spin_unlock_irqrestore(spinlock_t *l, u64 f) {
    __atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
    irq_restore(f);
}
#endif
