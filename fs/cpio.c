/* The initramfs unpacker: cpio "newc" (070701) and "crc" (070702) archives, as Linux's
 * init/initramfs.c reads them.
 *
 * Each entry is a 110-byte ASCII header (magic + 13 eight-digit hex fields), the NUL-terminated
 * name padded to 4 bytes, then the data padded to 4 bytes. "TRAILER!!!" ends an archive; more
 * archives may follow (NUL padding between them is skipped), which is how the test runner
 * appends an overlay: a later entry replaces an earlier file of the same name (the old name is
 * unlinked first, so other hard links of the old file keep their contents). Regular files with
 * nlink >= 2 sharing (ino, dev) within one archive become hard links of the first one.
 * Modes, owners and mtimes are applied exactly (no umask); directory mtimes are set at the end
 * since creating their children changes them. Missing parent directories are created (0755).
 * Malformed input stops the unpack with -EINVAL, keeping what was unpacked before it. */
#include "fs/vfs.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/dirops.h"
#include "fs/file.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "uapi/errno.h"

#define HDR_LEN 110
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJ, F_DEVMIN,
       F_RDEVMAJ, F_RDEVMIN, F_NAMESIZE, F_CHECK, NR_FIELDS };

struct link_ent { u32 ino, maj, min; char *name; };
struct dir_time { char *name; u32 mtime; };

struct unpack {
    struct link_ent *links;
    size_t nr_links, cap_links;
    struct dir_time *dirs;
    size_t nr_dirs, cap_dirs;
    char path[FS_PATH_MAX];
};

static bool grow(void **arr, size_t *cap, size_t n, size_t elem) {
    if (n < *cap) return true;
    size_t nc = *cap ? *cap * 2 : 32;
    void *a = kmalloc(nc * elem);
    if (!a) return false;
    if (*cap) memcpy(a, *arr, *cap * elem);
    kfree(*arr);
    *arr = a;
    *cap = nc;
    return true;
}

static void forget_links(struct unpack *u) {
    for (size_t i = 0; i < u->nr_links; i++) kfree(u->links[i].name);
    u->nr_links = 0;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int parse_header(const char *h, u32 *f) {
    for (int i = 0; i < NR_FIELDS; i++) {
        u32 v = 0;
        for (int j = 0; j < 8; j++) {
            int d = hexval(h[6 + i * 8 + j]);
            if (d < 0) return -EINVAL;
            v = v << 4 | d;
        }
        f[i] = v;
    }
    return 0;
}

/* Set exact attributes on the new node (no symlink following). */
static void set_attrs(const char *path, u32 mode, u32 uid, u32 gid, u32 mtime) {
    struct path p;
    if (path_lookup(AT_FDCWD, path, 0, &p)) return;
    struct inode *ino = p.dentry->inode;
    if (!S_ISLNK(ino->mode)) ino->mode = (ino->mode & S_IFMT) | (mode & 07777);
    ino->uid = uid;
    ino->gid = gid;
    ino->mtime.sec = mtime;
    ino->mtime.nsec = 0;
    path_put(&p);
}

/* Make room for a new node of type `type` at path. Returns 1 if an existing directory should be
 * kept (a directory entry over a directory), 0 if the name is free, or -errno. */
static int clear_path(const char *path, u32 type) {
    struct path p;
    int err = path_lookup(AT_FDCWD, path, 0, &p);
    if (err == -ENOENT) return 0;
    if (err) return err;
    bool is_dir = d_is_dir(p.dentry);
    path_put(&p);
    if (is_dir && type == S_IFDIR) return 1;
    return do_unlinkat(AT_FDCWD, path, is_dir);
}

static int mkdir_parents(char *path) {
    for (char *s = path + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        int err = do_mkdirat(AT_FDCWD, path, 0755);
        *s = '/';
        if (err && err != -EEXIST) return err;
    }
    return 0;
}

static int write_file(const char *path, u32 mode, const u8 *data, size_t n, bool exists) {
    unsigned flags = O_WRONLY | (exists ? 0 : O_CREAT | O_EXCL);
    struct file *f = do_open(AT_FDCWD, path, flags, mode & 07777);
    if (IS_ERR(f)) return PTR_ERR(f);
    ssize_t w = n ? kernel_write(f, data, n, 0) : 0;
    file_put(f);
    if (w < 0) return w;
    return (size_t)w == n ? 0 : -ENOSPC;
}

static int make_node(struct unpack *u, const u32 *h, const u8 *data) {
    char *path = u->path;
    u32 mode = h[F_MODE], type = mode & S_IFMT;
    int err;
    if (type == S_IFREG && h[F_NLINK] >= 2) {
        for (size_t i = 0; i < u->nr_links; i++) {
            struct link_ent *l = &u->links[i];
            if (l->ino != h[F_INO] || l->maj != h[F_DEVMAJ] || l->min != h[F_DEVMIN]) continue;
            if (strcmp(l->name, path) == 0) return 0;
            if ((err = clear_path(path, type)) < 0) return err;
            if ((err = do_linkat(AT_FDCWD, l->name, AT_FDCWD, path, 0))) return err;
            /* GNU cpio stores the data with the last link: it goes into the shared inode. */
            return h[F_FILESIZE] ? write_file(path, mode, data, h[F_FILESIZE], true) : 0;
        }
    }
    if ((err = clear_path(path, type)) < 0) return err;
    bool keep_dir = err == 1;
    switch (type) {
    case S_IFDIR:
        err = keep_dir ? 0 : do_mkdirat(AT_FDCWD, path, mode);
        if (!err && grow((void **)&u->dirs, &u->cap_dirs, u->nr_dirs, sizeof(*u->dirs))) {
            char *n = kstrdup(path);
            if (n) u->dirs[u->nr_dirs++] = (struct dir_time){ n, h[F_MTIME] };
        }
        break;
    case S_IFREG:
        err = write_file(path, mode, data, h[F_FILESIZE], false);
        if (!err && h[F_NLINK] >= 2 &&
            grow((void **)&u->links, &u->cap_links, u->nr_links, sizeof(*u->links))) {
            char *n = kstrdup(path);
            if (n) u->links[u->nr_links++] = (struct link_ent){ h[F_INO], h[F_DEVMAJ], h[F_DEVMIN], n };
        }
        break;
    case S_IFLNK: {
        if (h[F_FILESIZE] == 0 || h[F_FILESIZE] >= FS_PATH_MAX) return -EINVAL;
        char *target = kmalloc(h[F_FILESIZE] + 1);
        if (!target) return -ENOMEM;
        memcpy(target, data, h[F_FILESIZE]);
        target[h[F_FILESIZE]] = 0;
        err = do_symlinkat(target, AT_FDCWD, path);
        kfree(target);
        break;
    }
    case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
        err = do_mknodat(AT_FDCWD, path, mode, MKDEV(h[F_RDEVMAJ], h[F_RDEVMIN]));
        break;
    default:
        return -EINVAL;
    }
    if (!err) set_attrs(path, mode, h[F_UID], h[F_GID], h[F_MTIME]);
    return err;
}

/* Build "/name" from an archive name ("./bin/sh", "bin/sh", "/bin/sh"; "." is the root). */
static int make_path(struct unpack *u, const char *name) {
    while (name[0] == '/' || (name[0] == '.' && name[1] == '/')) name += name[0] == '/' ? 1 : 2;
    if (name[0] == '.' && name[1] == 0) name++;
    size_t n = strlen(name);
    if (n + 2 > FS_PATH_MAX) return -ENAMETOOLONG;
    u->path[0] = '/';
    memcpy(u->path + 1, name, n + 1);
    while (n > 0 && u->path[n] == '/') u->path[n--] = 0;   /* "dir/" */
    return 0;
}

static int do_entry(struct unpack *u, const u32 *h, const char *name, const u8 *data) {
    int err = make_path(u, name);
    if (err) return err;
    if (strcmp(u->path, "/") == 0) {      /* the root itself: only its attributes */
        if ((h[F_MODE] & S_IFMT) != S_IFDIR) return -EINVAL;
        set_attrs("/", h[F_MODE], h[F_UID], h[F_GID], h[F_MTIME]);
        return 0;
    }
    err = make_node(u, h, data);
    if (err == -ENOENT && mkdir_parents(u->path) == 0) err = make_node(u, h, data);
    return err;
}

static u32 checksum(const u8 *data, size_t n) {
    u32 sum = 0;
    for (size_t i = 0; i < n; i++) sum += data[i];
    return sum;
}

int initramfs_unpack(const void *buf, size_t len) {
    const u8 *base = buf;
    size_t off = 0;
    int ret = 0, files = 0, errors = 0;
    struct unpack *u = kzalloc(sizeof(*u));
    if (!u) return -ENOMEM;
    for (;;) {
        while (off < len && base[off] == 0) off++;        /* padding between archives */
        if (off >= len) break;
        if (len - off < HDR_LEN) { ret = -EINVAL; break; }
        const char *hdr = (const char *)base + off;
        bool crc = memcmp(hdr, "070702", 6) == 0;
        if (!crc && memcmp(hdr, "070701", 6) != 0) { ret = -EINVAL; break; }
        u32 h[NR_FIELDS];
        if (parse_header(hdr, h)) { ret = -EINVAL; break; }
        u32 namesize = h[F_NAMESIZE];
        if (namesize == 0 || namesize > FS_PATH_MAX || namesize > len - off - HDR_LEN) {
            ret = -EINVAL;
            break;
        }
        const char *name = hdr + HDR_LEN;
        if (name[namesize - 1] != 0) { ret = -EINVAL; break; }
        size_t data_off = ALIGN_UP(off + HDR_LEN + namesize, 4);
        if (data_off > len || h[F_FILESIZE] > len - data_off) { ret = -EINVAL; break; }
        const u8 *data = base + data_off;
        off = ALIGN_UP(data_off + h[F_FILESIZE], 4);
        if (off > len) off = len;
        if (strcmp(name, "TRAILER!!!") == 0) { forget_links(u); continue; }
        if (crc && checksum(data, h[F_FILESIZE]) != h[F_CHECK])
            printk("initramfs: %s: bad checksum\n", name);
        int err = do_entry(u, h, name, data);
        if (err) {
            printk("initramfs: %s: error %d\n", name, err);
            errors++;
        } else {
            files++;
        }
    }
    for (size_t i = 0; i < u->nr_dirs; i++) {
        struct path p;
        if (path_lookup(AT_FDCWD, u->dirs[i].name, 0, &p) == 0) {
            p.dentry->inode->mtime.sec = u->dirs[i].mtime;
            p.dentry->inode->mtime.nsec = 0;
            path_put(&p);
        }
        kfree(u->dirs[i].name);
    }
    forget_links(u);
    kfree(u->links);
    kfree(u->dirs);
    kfree(u);
    if (ret) printk("initramfs: malformed archive at offset %lu\n", (unsigned long)off);
    if (errors) printk("initramfs: %d entries unpacked, %d failed\n", files, errors);
    return ret;
}
