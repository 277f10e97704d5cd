// std area `os::unix`: unix-only extensions: symlinks, modes and metadata, pread/pwrite
// (FileExt), custom open flags, Unix-domain sockets (pair, listener, datagram), pre_exec and
// exec-error reporting, exit signals, raw descriptors.
include!("mark.rs");
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::{symlink, DirBuilderExt, FileExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::net::{UnixDatagram, UnixListener, UnixStream};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::Command;

fn main() {
    let d = "/tmp/spec-unix";
    let _ = fs::remove_dir_all(d);
    mark::begin();
    fs::DirBuilder::new().mode(0o750).recursive(true).create(d).unwrap();
    let p = format!("{}/f", d);
    let f = OpenOptions::new().create(true).read(true).write(true).mode(0o600)
        .custom_flags(0o4000 /* O_NONBLOCK */).open(&p).unwrap();
    f.write_at(b"0123456789", 0).unwrap();
    let mut b = [0u8; 4];
    f.read_at(&mut b, 3).unwrap();
    let m = f.metadata().unwrap();
    let _ = (m.mode(), m.ino(), m.dev(), m.nlink(), m.uid(), m.gid(), m.mtime(), m.blocks());
    let _ = m.file_type().is_fifo();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    symlink(&p, format!("{}/link", d)).unwrap();
    let _ = fs::read_link(format!("{}/link", d)).unwrap();
    std::os::unix::fs::chown(&p, Some(0), Some(0)).unwrap();
    let fd = f.as_raw_fd();
    let owned: OwnedFd = f.into();
    let f2 = File::from(owned);
    assert_eq!(f2.as_raw_fd(), fd);
    let dup = f2.try_clone().unwrap();
    drop(dup);
    let (mut a, mut c) = UnixStream::pair().unwrap();
    a.write_all(b"ping").unwrap();
    c.read_exact(&mut b).unwrap();
    let sock = format!("{}/sock", d);
    let l = UnixListener::bind(&sock).unwrap();
    let s = sock.clone();
    let t = std::thread::spawn(move || { UnixStream::connect(&s).unwrap().write_all(b"hi").unwrap(); });
    let (mut conn, _) = l.accept().unwrap();
    let mut two = [0u8; 2];
    conn.read_exact(&mut two).unwrap();
    t.join().unwrap();
    let (d1, d2) = UnixDatagram::pair().unwrap();
    d1.send(b"dg").unwrap();
    d2.recv(&mut two).unwrap();
    let st = unsafe { Command::new("/bin/true").pre_exec(|| Ok(())).status().unwrap() };
    assert!(st.success());
    let e = unsafe { Command::new("/nonexistent").pre_exec(|| Ok(())).status() };
    assert!(e.is_err());
    let st = Command::new("sh").arg("-c").arg("kill -9 $$").status().unwrap();
    assert_eq!(st.signal(), Some(9));
    let st = Command::new("/bin/true").uid(0).gid(0).process_group(0).status().unwrap();
    assert!(st.success());
    let z = unsafe { File::from_raw_fd(libc_dup(1)) };
    drop(z);
    fs::remove_dir_all(d).unwrap();
    mark::end();
    println!("unix ok");
}

fn libc_dup(fd: i32) -> i32 {
    extern "C" { fn dup(fd: i32) -> i32; }
    unsafe { dup(fd) }
}
