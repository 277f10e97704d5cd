// Question 2 (Rust): the clone flags behind thread::spawn, Command::spawn (posix_spawn: a vfork-like
// clone) and Command::spawn with pre_exec (a fork-like clone, exec errors reported over a
// socketpair). The flags are checked in the traces (tests/spec/questions.txt).
include!("mark.rs");
use std::os::unix::process::CommandExt;
use std::process::Command;

fn main() {
    mark::begin();
    std::thread::spawn(|| 1).join().unwrap();
    let a = Command::new("/bin/true").status().unwrap();
    let b = unsafe { Command::new("/bin/true").pre_exec(|| Ok(())).status().unwrap() };
    let c = unsafe { Command::new("/nonexistent").pre_exec(|| Ok(())).status() };
    mark::end();
    println!("spawn: {} {} {}", a.success(), b.success(), c.is_err());
    std::process::exit(if a.success() && b.success() && c.is_err() { 0 } else { 1 });
}
