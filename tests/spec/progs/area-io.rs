// std area `io`: Read/Write/Seek on files and pipes, vectored I/O, io::copy (file->file and
// pipe->file), BufReader, is_terminal, io::pipe.
include!("mark.rs");
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, IoSlice, IoSliceMut, IsTerminal, Read, Seek, SeekFrom, Write};

fn main() {
    let d = "/tmp/spec-io";
    let _ = fs::remove_dir_all(d);
    fs::create_dir_all(d).unwrap();
    let src = format!("{}/src.txt", d);
    fs::write(&src, "line one\nline two\nline three\n").unwrap();
    mark::begin();
    let mut f = File::create(format!("{}/v.txt", d)).unwrap();
    f.write_vectored(&[IoSlice::new(b"ab"), IoSlice::new(b"cd\n")]).unwrap();
    f.flush().unwrap();
    drop(f);
    let mut f = File::open(format!("{}/v.txt", d)).unwrap();
    let (mut a, mut b) = ([0u8; 2], [0u8; 3]);
    f.read_vectored(&mut [IoSliceMut::new(&mut a), IoSliceMut::new(&mut b)]).unwrap();
    f.seek(SeekFrom::End(-1)).unwrap();
    let mut one = [0u8; 1];
    f.read_exact(&mut one).unwrap();
    let mut lines = 0;
    for l in BufReader::new(File::open(&src).unwrap()).lines() {
        l.unwrap();
        lines += 1;
    }
    assert_eq!(lines, 3);
    let mut r = File::open(&src).unwrap();
    let mut w = File::create(format!("{}/copy.txt", d)).unwrap();
    io::copy(&mut r, &mut w).unwrap();
    let (mut pr, mut pw) = io::pipe().unwrap();
    pw.write_all(b"through a pipe\n").unwrap();
    drop(pw);
    let mut w2 = File::create(format!("{}/frompipe.txt", d)).unwrap();
    io::copy(&mut pr, &mut w2).unwrap();
    let _ = (io::stdin().is_terminal(), io::stdout().is_terminal());
    let mut buf = Vec::new();
    File::open(&src).unwrap().read_to_end(&mut buf).unwrap();
    mark::end();
    fs::remove_dir_all(d).unwrap();
    println!("io ok");
}
