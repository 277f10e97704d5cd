// std area `process`: Command status/output/spawn with piped stdio, env changes, kill + wait,
// process::id, a failed exec, and exit.
include!("mark.rs");
use std::io::Write;
use std::process::{self, Command, Stdio};

fn main() {
    mark::begin();
    let st = Command::new("/bin/true").status().unwrap();
    assert!(st.success());
    let out = Command::new("/bin/echo").arg("spec").output().unwrap();
    assert_eq!(out.stdout, b"spec\n");
    let mut c = Command::new("/bin/cat").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(b"piped\n").unwrap();
    let o = c.wait_with_output().unwrap();
    assert_eq!(o.stdout, b"piped\n");
    let st = Command::new("sh").arg("-c").arg("exit 3").env("SPEC", "1").env_remove("HOME")
        .current_dir("/tmp").status().unwrap();
    assert_eq!(st.code(), Some(3));
    let mut k = Command::new("/bin/sleep").arg("10").spawn().unwrap();
    k.kill().unwrap();
    let _ = k.wait().unwrap();
    let _ = k.try_wait();
    // a failed exec: an error on Linux; qemu-user turns the vfork into a fork, so it shows exit 127
    let _ = Command::new("/nonexistent/program").status();
    let _ = process::id();
    mark::end();
    println!("process ok");
    process::exit(0);
}
