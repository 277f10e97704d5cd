/* copy_from_user / copy_to_user: resolve each user page through the current address space
 * (faulting in demand-zero and COW pages as a user access would) and copy through the kernel's
 * linear map. The kernel never dereferences a user pointer, so a bad one can only give -EFAULT. */
#include "mm/uaccess.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "proc/task.h"
#include "lib/string.h"
#include "uapi/errno.h"

static int user_copy_mm(struct mm *mm, uaddr_t uaddr, void *kbuf, size_t n, int access, bool zero) {
    if (n == 0) return 0;
    if (!mm || uaddr >= USER_VA_END || n > USER_VA_END - uaddr) return -EFAULT;
    u8 *k = kbuf;
    while (n) {
        paddr_t pa = mm_user_pa(mm, uaddr, access);
        if (!pa) return -EFAULT;
        size_t chunk = MIN(n, PAGE_SIZE - (uaddr & (PAGE_SIZE - 1)));
        void *kva = phys_to_virt(pa);
        if (zero) memset(kva, 0, chunk);
        else if (access == ACCESS_WRITE) memcpy(kva, k, chunk);
        else memcpy(k, kva, chunk);
        uaddr += chunk;
        k += chunk;
        n -= chunk;
    }
    return 0;
}

static int user_copy(uaddr_t uaddr, void *kbuf, size_t n, int access, bool zero) {
    return user_copy_mm(current->mm, uaddr, kbuf, n, access, zero);
}

int copy_to_user_mm(struct mm *mm, uaddr_t dst, const void *src, size_t n) {
    return user_copy_mm(mm, dst, (void *)src, n, ACCESS_WRITE, false);
}

int copy_from_user_mm(struct mm *mm, void *dst, uaddr_t src, size_t n) {
    return user_copy_mm(mm, src, dst, n, ACCESS_READ, false);
}

int copy_from_user(void *dst, uaddr_t src, size_t n) { return user_copy(src, dst, n, ACCESS_READ, false); }
int copy_to_user(uaddr_t dst, const void *src, size_t n) { return user_copy(dst, (void *)src, n, ACCESS_WRITE, false); }
int clear_user(uaddr_t dst, size_t n) { return user_copy(dst, NULL, n, ACCESS_WRITE, true); }

long strncpy_from_user(char *dst, uaddr_t src, size_t max) {
    struct mm *mm = current->mm;
    size_t i = 0;
    if (!mm) return -EFAULT;
    while (i < max) {
        if (src + i >= USER_VA_END) return -EFAULT;
        paddr_t pa = mm_user_pa(mm, src + i, ACCESS_READ);
        if (!pa) return -EFAULT;
        const char *k = phys_to_virt(pa);
        size_t chunk = MIN(max - i, PAGE_SIZE - ((src + i) & (PAGE_SIZE - 1)));
        for (size_t j = 0; j < chunk; j++) {
            dst[i] = k[j];
            if (!k[j]) return (long)i;
            i++;
        }
    }
    return -ENAMETOOLONG;
}
