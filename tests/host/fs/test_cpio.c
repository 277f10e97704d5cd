/* Host tests of fs/cpio.c (initramfs_unpack): newc and crc archives, concatenated archives with
 * later entries replacing earlier ones, hard links, device nodes, attributes, and malformed input
 * (every truncation of a valid archive must be rejected or accepted without crashing). */
#include "shim_fs.h"

/* ---- a tiny archive writer ---- */
struct ar { char *buf; size_t len, cap; };

static void ar_raw(struct ar *a, const void *p, size_t n) {
    if (a->len + n + 4 > a->cap) {
        a->cap = (a->len + n + 4) * 2;
        a->buf = realloc(a->buf, a->cap);
    }
    memcpy(a->buf + a->len, p, n);
    a->len += n;
}
static void ar_pad(struct ar *a) { while (a->len & 3) ar_raw(a, "", 1); }

static void ar_entry_x(struct ar *a, const char *magic, const char *name, u32 mode, u32 ino, u32 nlink,
                       const char *data, size_t dlen, u32 rmaj, u32 rmin, u32 uid, u32 gid, u32 mtime) {
    u32 sum = 0;
    for (size_t i = 0; i < dlen; i++) sum += (u8)data[i];
    char h[111];
    snprintf(h, sizeof h, "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", magic, ino, mode,
             uid, gid, nlink, mtime, (u32)dlen, 0u, 0u, rmaj, rmin, (u32)strlen(name) + 1,
             strcmp(magic, "070702") == 0 ? sum : 0u);
    ar_raw(a, h, 110);
    ar_raw(a, name, strlen(name) + 1);
    ar_pad(a);
    if (dlen) ar_raw(a, data, dlen);
    ar_pad(a);
}
static void ar_entry(struct ar *a, const char *name, u32 mode, const char *data) {
    static u32 ino = 100;
    ar_entry_x(a, "070701", name, mode, ino++, 1, data, data ? strlen(data) : 0, 0, 0, 0, 0, 1000);
}
static void ar_trailer(struct ar *a) { ar_entry_x(a, "070701", "TRAILER!!!", 0, 0, 1, "", 0, 0, 0, 0, 0, 0); }
static void ar_free(struct ar *a) { free(a->buf); memset(a, 0, sizeof *a); }

static bool has(const char *path, const char *want) {
    char buf[256];
    long n = t_get(path, buf, sizeof buf);
    return n >= 0 && strcmp(buf, want) == 0;
}

/* ---- cases ---- */

static void basic_tree(void) {
    struct ar a = { 0 };
    ar_entry(&a, ".", S_IFDIR | 0755, NULL);
    ar_entry(&a, "c1", S_IFDIR | 0750, NULL);
    ar_entry(&a, "c1/bin", S_IFDIR | 0755, NULL);
    ar_entry_x(&a, "070701", "c1/bin/prog", S_IFREG | 04711, 7, 1, "#!x\n", 4, 0, 0, 1000, 100, 1234567);
    ar_entry(&a, "c1/bin/sh", S_IFLNK | 0777, "prog");
    ar_entry(&a, "./c1/etc/", S_IFDIR | 0700, NULL);
    ar_entry(&a, "/c1/etc/motd", S_IFREG | 0644, "hello\n");
    ar_entry_x(&a, "070701", "c1/null", S_IFCHR | 0666, 9, 1, "", 0, 1, 3, 0, 0, 0);
    ar_entry_x(&a, "070701", "c1/fifo", S_IFIFO | 0600, 10, 1, "", 0, 0, 0, 0, 0, 0);
    ar_trailer(&a);
    EXPECT(initramfs_unpack(a.buf, a.len) == 0, "unpack failed");
    struct linux_stat st;
    EXPECT(t_stat("/c1/bin/prog", &st) == 0, "prog missing");
    EXPECT(st.st_mode == (S_IFREG | 04711), "prog mode %o", st.st_mode);
    EXPECT(st.st_uid == 1000 && st.st_gid == 100, "owner %u:%u", st.st_uid, st.st_gid);
    EXPECT(st.st_mtime == 1234567 && st.st_size == 4, "mtime %ld size %ld", (long)st.st_mtime, (long)st.st_size);
    EXPECT(t_lstat("/c1/bin/sh", &st) == 0 && S_ISLNK(st.st_mode) && st.st_size == 4, "symlink");
    EXPECT(has("/c1/bin/sh", "#!x\n"), "symlink does not lead to prog");
    EXPECT(has("/c1/etc/motd", "hello\n"), "motd contents");
    EXPECT(t_stat("/c1/etc", &st) == 0 && st.st_mode == (S_IFDIR | 0700), "etc mode %o", st.st_mode);
    EXPECT(t_stat("/c1", &st) == 0 && st.st_mode == (S_IFDIR | 0750) && st.st_mtime == 1000,
           "dir mode %o mtime %ld (set after its children)", st.st_mode, (long)st.st_mtime);
    EXPECT(t_stat("/c1/null", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == 0x103, "char dev rdev %lx",
           (unsigned long)st.st_rdev);
    EXPECT(t_stat("/c1/fifo", &st) == 0 && S_ISFIFO(st.st_mode), "fifo");
    /* The node opens the registered /dev/null driver. */
    long fd = t_open("/c1/null", O_RDWR, 0);
    EXPECT(fd >= 0 && t_write(fd, "x", 1) == 1 && t_read(fd, &st, 1) == 0, "node of 1:3 is not /dev/null");
    sys_close(fd);
    ar_free(&a);
}

static void hard_links(void) {
    struct ar a = { 0 };
    ar_entry(&a, "c2", S_IFDIR | 0755, NULL);
    /* GNU cpio: the data comes with the last link. */
    ar_entry_x(&a, "070701", "c2/a", S_IFREG | 0755, 42, 3, "", 0, 0, 0, 0, 0, 0);
    ar_entry_x(&a, "070701", "c2/b", S_IFREG | 0755, 42, 3, "", 0, 0, 0, 0, 0, 0);
    ar_entry_x(&a, "070701", "c2/c", S_IFREG | 0755, 42, 3, "busybox", 7, 0, 0, 0, 0, 0);
    ar_trailer(&a);
    /* Same inode number in the next archive: a different file. */
    ar_entry_x(&a, "070701", "c2/d", S_IFREG | 0644, 42, 2, "other", 5, 0, 0, 0, 0, 0);
    ar_trailer(&a);
    EXPECT(initramfs_unpack(a.buf, a.len) == 0, "unpack failed");
    struct linux_stat sa, sb, sc, sd;
    EXPECT(t_stat("/c2/a", &sa) == 0 && t_stat("/c2/b", &sb) == 0 && t_stat("/c2/c", &sc) == 0, "links missing");
    EXPECT(sa.st_ino == sb.st_ino && sb.st_ino == sc.st_ino, "not one inode");
    EXPECT(sa.st_nlink == 3, "nlink %u", sa.st_nlink);
    EXPECT(has("/c2/a", "busybox"), "data of the last link not shared");
    EXPECT(t_stat("/c2/d", &sd) == 0 && sd.st_ino != sa.st_ino && has("/c2/d", "other"),
           "link table not reset at TRAILER!!!");
    ar_free(&a);
}

static void overlay_replaces(void) {
    struct ar a = { 0 };
    ar_entry(&a, "c3", S_IFDIR | 0755, NULL);
    ar_entry_x(&a, "070701", "c3/busybox", S_IFREG | 0755, 50, 2, "", 0, 0, 0, 0, 0, 0);
    ar_entry_x(&a, "070701", "c3/sh", S_IFREG | 0755, 50, 2, "BB", 2, 0, 0, 0, 0, 0);
    ar_entry(&a, "c3/file", S_IFREG | 0644, "old");
    ar_entry(&a, "c3/link", S_IFLNK | 0777, "file");
    ar_entry(&a, "c3/dir", S_IFDIR | 0755, NULL);
    ar_entry(&a, "c3/dir/inner", S_IFREG | 0644, "in");
    ar_entry(&a, "c3/becomes_dir", S_IFREG | 0644, "f");
    ar_trailer(&a);
    for (int i = 0; i < 13; i++) ar_raw(&a, "", 1);     /* padding between archives */
    ar_pad(&a);
    ar_entry(&a, "c3/file", S_IFREG | 0600, "new!");
    ar_entry(&a, "c3/sh", S_IFREG | 0755, "script");
    ar_entry(&a, "c3/link", S_IFREG | 0644, "now a file");
    ar_entry(&a, "c3/dir", S_IFDIR | 0700, NULL);       /* over a directory: keep its contents */
    ar_entry(&a, "c3/becomes_dir", S_IFDIR | 0755, NULL);
    ar_trailer(&a);
    EXPECT(initramfs_unpack(a.buf, a.len) == 0, "unpack failed");
    EXPECT(has("/c3/file", "new!"), "later file did not replace");
    EXPECT(has("/c3/sh", "script") && has("/c3/busybox", "BB"), "replacing one hard link clobbered the other");
    struct linux_stat st;
    EXPECT(t_lstat("/c3/link", &st) == 0 && S_ISREG(st.st_mode) && has("/c3/link", "now a file"),
           "symlink not replaced by the file");
    EXPECT(has("/c3/file", "new!"), "write went through the old symlink");
    EXPECT(t_stat("/c3/dir", &st) == 0 && (st.st_mode & 07777) == 0700 && has("/c3/dir/inner", "in"),
           "directory entry over a directory");
    EXPECT(t_stat("/c3/becomes_dir", &st) == 0 && S_ISDIR(st.st_mode), "file not replaced by a directory");
    ar_free(&a);
}

static void crc_and_parents(void) {
    struct ar a = { 0 };
    ar_entry_x(&a, "070702", "c4/deep/er/file", S_IFREG | 0644, 60, 1, "crc", 3, 0, 0, 0, 0, 0);
    ar_trailer(&a);
    EXPECT(initramfs_unpack(a.buf, a.len) == 0, "crc archive failed");
    EXPECT(has("/c4/deep/er/file", "crc"), "missing parents were not created");
    ar_free(&a);
    /* A bad checksum is reported but the file is kept, as Linux does. */
    ar_entry_x(&a, "070702", "c4/bad", S_IFREG | 0644, 61, 1, "abc", 3, 0, 0, 0, 0, 0);
    memcpy(a.buf + 6 + 12 * 8, "00000001", 8);
    ar_trailer(&a);
    EXPECT(initramfs_unpack(a.buf, a.len) == 0 && has("/c4/bad", "abc"), "bad checksum entry");
    ar_free(&a);
}

static void malformed(void) {
    static const char *bad[] = {
        "070707",                                               /* odc magic: not supported */
        "07070100000001000081A4",                               /* truncated header */
        "hello world, this is no archive at all and it is long enough to hold a header!"
        "................................................................",
    };
    for (unsigned i = 0; i < ARRAY_SIZE(bad); i++)
        EXPECT(initramfs_unpack(bad[i], strlen(bad[i])) == -EINVAL, "garbage %u accepted", i);
    EXPECT(initramfs_unpack("", 0) == 0, "empty input");
    char zeros[600] = { 0 };
    EXPECT(initramfs_unpack(zeros, sizeof zeros) == 0, "only padding");

    struct ar a = { 0 };
    ar_entry(&a, "c5file", S_IFREG | 0644, "data");
    ar_trailer(&a);
    char *m = malloc(a.len);
    /* Non-hex digit in a field. */
    memcpy(m, a.buf, a.len);
    m[20] = 'G';
    EXPECT(initramfs_unpack(m, a.len) == -EINVAL, "non-hex field accepted");
    /* namesize far beyond the input, and 0. */
    memcpy(m, a.buf, a.len);
    memcpy(m + 6 + 11 * 8, "7FFFFFFF", 8);
    EXPECT(initramfs_unpack(m, a.len) == -EINVAL, "huge namesize accepted");
    memcpy(m + 6 + 11 * 8, "00000000", 8);
    EXPECT(initramfs_unpack(m, a.len) == -EINVAL, "zero namesize accepted");
    /* filesize beyond the input. */
    memcpy(m, a.buf, a.len);
    memcpy(m + 6 + 6 * 8, "FFFFFFF0", 8);
    EXPECT(initramfs_unpack(m, a.len) == -EINVAL, "huge filesize accepted");
    /* name without its NUL (namesize one short). */
    memcpy(m, a.buf, a.len);
    memcpy(m + 6 + 11 * 8, "00000006", 8);
    EXPECT(initramfs_unpack(m, a.len) == -EINVAL, "unterminated name accepted");
    free(m);
    ar_free(&a);
}

/* Every prefix of a valid archive, each in its own exact-size heap block so ASan catches any
 * read past the end: unpack must return 0 or -EINVAL, never crash. */
static void every_truncation(void) {
    struct ar a = { 0 };
    ar_entry(&a, "c6", S_IFDIR | 0755, NULL);
    ar_entry(&a, "c6/f", S_IFREG | 0644, "0123456789abcdef");
    ar_entry(&a, "c6/l", S_IFLNK | 0777, "f");
    ar_trailer(&a);
    ar_entry(&a, "c6/g", S_IFREG | 0644, "second");
    ar_trailer(&a);
    quiet(true);
    for (size_t n = 0; n <= a.len; n++) {
        char *p = malloc(n ? n : 1);
        memcpy(p, a.buf, n);
        int r = initramfs_unpack(p, n);
        free(p);
        if (r != 0 && r != -EINVAL) quiet(false);
        EXPECT(r == 0 || r == -EINVAL, "prefix %zu: %d", n, r);
    }
    quiet(false);
    EXPECT(has("/c6/g", "second"), "full archive");
    ar_free(&a);
}

static void symlink_limits(void) {
    struct ar a = { 0 };
    ar_entry(&a, "c7", S_IFDIR | 0755, NULL);
    ar_entry(&a, "c7/empty", S_IFLNK | 0777, "");    /* rejected entry, unpack goes on */
    ar_entry(&a, "c7/ok", S_IFREG | 0644, "ok");
    ar_trailer(&a);
    EXPECT(initramfs_unpack(a.buf, a.len) == 0, "unpack failed");
    struct linux_stat st;
    EXPECT(t_lstat("/c7/empty", &st) == -ENOENT, "empty symlink created");
    EXPECT(has("/c7/ok", "ok"), "entry after a bad one lost");
    ar_free(&a);
}

int main(void) {
    h_init();
    shim_boot();
    RUN(basic_tree);
    RUN(hard_links);
    RUN(overlay_replaces);
    RUN(crc_and_parents);
    RUN_ISOLATED(malformed);
    RUN_ISOLATED(every_truncation);
    RUN(symlink_limits);
    return h_finish("test_cpio");
}
