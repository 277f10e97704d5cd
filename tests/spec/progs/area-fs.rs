// std area `fs`: files, metadata, directories, links, permissions, copy, canonicalize.
include!("mark.rs");
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};

fn main() {
    let d = "/tmp/spec-fs";
    let _ = fs::remove_dir_all(d);
    mark::begin();
    fs::create_dir_all(format!("{}/a/b", d)).unwrap();
    let p = format!("{}/file.txt", d);
    let mut f = File::create(&p).unwrap();
    f.write_all(b"hello spec\n").unwrap();
    f.sync_all().unwrap();
    f.set_len(64).unwrap();
    drop(f);
    let mut s = String::new();
    File::open(&p).unwrap().read_to_string(&mut s).unwrap();
    let mut f = OpenOptions::new().read(true).write(true).open(&p).unwrap();
    f.seek(SeekFrom::Start(6)).unwrap();
    f.write_all(b"SPEC").unwrap();
    let _ = f.metadata().unwrap().len();
    f.set_modified(std::time::SystemTime::UNIX_EPOCH).unwrap();
    drop(f);
    let mut a = OpenOptions::new().append(true).create(true).open(&p).unwrap();
    a.write_all(b"more\n").unwrap();
    drop(a);
    let m = fs::metadata(&p).unwrap();
    let _ = (m.len(), m.is_file(), m.modified().unwrap(), m.permissions().readonly());
    let _ = fs::symlink_metadata(d).unwrap().is_dir();
    let mut perm = m.permissions();
    perm.set_readonly(true);
    fs::set_permissions(&p, perm).unwrap();
    fs::copy(&p, format!("{}/copy.txt", d)).unwrap();
    fs::rename(format!("{}/copy.txt", d), format!("{}/a/moved.txt", d)).unwrap();
    fs::hard_link(&p, format!("{}/hard.txt", d)).unwrap();
    fs::write(format!("{}/a/b/w.txt", d), b"w").unwrap();
    let _ = fs::read(format!("{}/a/b/w.txt", d)).unwrap();
    let _ = fs::read_to_string(&p).unwrap();
    let mut n = 0;
    for e in fs::read_dir(d).unwrap() {
        let e = e.unwrap();
        let _ = (e.file_name(), e.file_type().unwrap().is_dir(), e.metadata().unwrap().len());
        n += 1;
    }
    assert!(n >= 3);
    let _ = fs::canonicalize(format!("{}/a/../file.txt", d)).unwrap();
    let _ = fs::exists(format!("{}/nope", d)).unwrap();
    let _ = fs::metadata(format!("{}/nope", d)).is_err();
    fs::remove_file(format!("{}/hard.txt", d)).unwrap();
    fs::create_dir(format!("{}/empty", d)).unwrap();
    fs::remove_dir(format!("{}/empty", d)).unwrap();
    fs::remove_dir_all(d).unwrap();
    mark::end();
    println!("fs ok");
}
