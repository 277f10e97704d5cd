// Rust std::fs on Levitate vs Linux (issue 4): every line printed must be identical, so only
// deterministic facts are shown (sizes, modes, names, contents, error kinds and errno values,
// times that the program set itself).
use std::fs::{self, File, FileTimes, OpenOptions, Permissions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const ROOT: &str = "/tmp/fs-std";

fn err<T: std::fmt::Debug>(what: &str, r: io::Result<T>) {
    match r {
        Ok(v) => println!("{what}: ok {v:?}"),
        Err(e) => println!("{what}: {:?} errno {:?}", e.kind(), e.raw_os_error()),
    }
}

fn show_meta(p: &str) {
    let m = fs::symlink_metadata(p).unwrap();
    let ft = m.file_type();
    let kind = if ft.is_symlink() { "symlink" } else if ft.is_dir() { "dir" } else { "file" };
    println!("{p}: {kind} mode {:o} nlink {} size {}", m.mode(), m.nlink(),
             if ft.is_dir() { 0 } else { m.len() });
}

fn secs(t: SystemTime) -> u64 { t.duration_since(UNIX_EPOCH).unwrap().as_secs() }

fn main() -> io::Result<()> {
    let _ = fs::remove_dir_all(ROOT);
    fs::create_dir_all(format!("{ROOT}/a/b/c"))?;
    fs::create_dir_all(format!("{ROOT}/a/b/c"))?; // already there: fine
    err("create_dir existing", fs::create_dir(format!("{ROOT}/a")));

    // create, write, read, append, seek
    let f1 = format!("{ROOT}/a/one.txt");
    fs::write(&f1, "hello\n")?;
    let mut f = OpenOptions::new().append(true).open(&f1)?;
    f.write_all(b"world\n")?;
    drop(f);
    println!("contents {:?}", fs::read_to_string(&f1)?);
    let mut f = File::open(&f1)?;
    f.seek(SeekFrom::Start(6))?;
    let mut s = String::new();
    f.read_to_string(&mut s)?;
    println!("after seek {:?}, pos {}", s, f.stream_position()?);
    println!("seek end-3 -> {}", f.seek(SeekFrom::End(-3))?);
    err("seek before start", f.seek(SeekFrom::Current(-100)));
    err("write to read-only", f.write(b"x"));
    drop(f);
    err("create_new existing", OpenOptions::new().write(true).create_new(true).open(&f1));
    err("open missing", File::open(format!("{ROOT}/missing")));
    err("read_to_string dir", fs::read_to_string(ROOT));

    // metadata, permissions, set_len, sync_all
    let f = OpenOptions::new().read(true).write(true).mode(0o640).create(true).open(format!("{ROOT}/a/two"))?;
    f.set_len(10_000)?;
    f.sync_all()?;
    f.sync_data()?;
    let m = f.metadata()?;
    println!("two: len {} blocks {} mode {:o} uid {} gid {}", m.len(), m.blocks(), m.mode(), m.uid(), m.gid());
    f.set_len(3)?;
    println!("two after set_len(3): {}", f.metadata()?.len());
    fs::set_permissions(format!("{ROOT}/a/two"), Permissions::from_mode(0o604))?;
    show_meta(&format!("{ROOT}/a/two"));
    println!("readonly? {}", fs::metadata(format!("{ROOT}/a/two"))?.permissions().readonly());
    fs::set_permissions(format!("{ROOT}/a/two"), Permissions::from_mode(0o444))?;
    println!("readonly? {}", fs::metadata(format!("{ROOT}/a/two"))?.permissions().readonly());

    // file times
    let t1 = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    let t2 = UNIX_EPOCH + Duration::from_secs(1_234_567_890);
    let f = File::options().write(true).open(&f1)?;
    f.set_times(FileTimes::new().set_accessed(t1).set_modified(t2))?;
    let m = fs::metadata(&f1)?;
    println!("times: accessed {} modified {}", secs(m.accessed()?), secs(m.modified()?));
    f.set_modified(t1)?;
    println!("set_modified: {}", secs(fs::metadata(&f1)?.modified()?));
    drop(f);

    // rename, hard_link, symlink, read_link, canonicalize
    fs::rename(&f1, format!("{ROOT}/a/b/moved.txt"))?;
    err("rename missing", fs::rename(&f1, format!("{ROOT}/x")));
    fs::hard_link(format!("{ROOT}/a/b/moved.txt"), format!("{ROOT}/a/hard"))?;
    show_meta(&format!("{ROOT}/a/hard"));
    err("hard_link existing", fs::hard_link(format!("{ROOT}/a/hard"), format!("{ROOT}/a/two")));
    symlink("b/moved.txt", format!("{ROOT}/a/sym"))?;
    symlink("c/../../sym", format!("{ROOT}/a/b/rel"))?;
    show_meta(&format!("{ROOT}/a/sym"));
    println!("read_link {:?}", fs::read_link(format!("{ROOT}/a/sym"))?);
    println!("canonicalize {:?}", fs::canonicalize(format!("{ROOT}/a/b/rel"))?);
    println!("canonicalize dots {:?}", fs::canonicalize(format!("{ROOT}/a/./b/c/../../two"))?);
    err("canonicalize missing", fs::canonicalize(format!("{ROOT}/a/nope")));
    err("read_link of a file", fs::read_link(format!("{ROOT}/a/two")));
    println!("through symlink {:?}", fs::read_to_string(format!("{ROOT}/a/b/rel"))?);
    println!("exists sym {} missing {}", Path::new(&format!("{ROOT}/a/sym")).exists(),
             Path::new(&format!("{ROOT}/a/zz")).exists());

    // copy (copy_file_range), copy of a bigger file
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    fs::write(format!("{ROOT}/big"), &big)?;
    println!("copied {}", fs::copy(format!("{ROOT}/big"), format!("{ROOT}/a/big2"))?);
    println!("same {}", fs::read(format!("{ROOT}/a/big2"))? == big);
    err("copy missing", fs::copy(format!("{ROOT}/nope"), format!("{ROOT}/x")));
    err("copy dir", fs::copy(ROOT, format!("{ROOT}/x")));

    // io::copy from a pipe (a child's stdout) into a file: std uses splice
    let mut child = Command::new("/bin/cat").arg(format!("{ROOT}/big")).stdout(Stdio::piped()).spawn()?;
    let mut out = File::create(format!("{ROOT}/from-pipe"))?;
    let n = io::copy(child.stdout.as_mut().unwrap(), &mut out)?;
    println!("cat status {} copied {}", child.wait()?.success(), n);
    println!("pipe copy same {}", fs::read(format!("{ROOT}/from-pipe"))? == big);

    // read_dir (sorted: the order itself is the filesystem's)
    let mut names: Vec<String> = fs::read_dir(format!("{ROOT}/a"))?
        .map(|e| {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            format!("{}{}", e.file_name().to_string_lossy(),
                    if t.is_dir() { "/" } else if t.is_symlink() { "@" } else { "" })
        })
        .collect();
    names.sort();
    println!("read_dir {:?}", names);
    err("read_dir of a file", fs::read_dir(format!("{ROOT}/big")).map(|_| ()));

    // removal
    err("remove_dir non-empty", fs::remove_dir(format!("{ROOT}/a")));
    err("remove_file dir", fs::remove_file(format!("{ROOT}/a")));
    fs::remove_file(format!("{ROOT}/a/hard"))?;
    show_meta(&format!("{ROOT}/a/b/moved.txt"));
    fs::remove_dir_all(ROOT)?;
    err("after remove_dir_all", fs::metadata(ROOT));
    Ok(())
}
