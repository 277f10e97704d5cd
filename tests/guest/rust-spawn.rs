// std::process::Command on its fork path and around it: pre_exec (a real fork with exec errors
// reported over a SOCK_SEQPACKET socketpair), a changed PATH, process_group, uid, arg0, exit codes
// and death by signal (ExitStatusExt), large stdout+stderr read together, large stdin, many children
// at once and spawns from several threads. Deterministic output (a `det` test); exit 0 when all
// checks passed.
use std::io::{self, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::thread;

extern "C" {
    fn write(fd: i32, buf: *const u8, n: usize) -> isize;
}

fn main() {
    let mut ok = true;
    let mut check = |c: bool, what: &str| {
        if !c {
            ok = false;
            println!("FAIL: {}", what);
        }
    };

    // pre_exec: runs in the child between fork and exec
    let mut cmd = Command::new("/bin/echo");
    cmd.arg("child").stdout(Stdio::piped());
    unsafe {
        cmd.pre_exec(|| {
            let m = b"pre_exec\n";
            write(1, m.as_ptr(), m.len());
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    print!("pre_exec output: {}", String::from_utf8_lossy(&o.stdout).replace('\n', " | "));
    println!();
    check(o.stdout == b"pre_exec\nchild\n", "pre_exec output");

    // pre_exec + a missing program: the error comes back through the socketpair
    let mut cmd = Command::new("/no/such/program");
    unsafe {
        cmd.pre_exec(|| Ok(()));
    }
    let e = cmd.spawn().err();
    println!("pre_exec + missing program: {:?} (errno {:?})", e.as_ref().map(|e| e.kind()), e.as_ref().and_then(|e| e.raw_os_error()));
    check(e.as_ref().map(|e| e.kind()) == Some(io::ErrorKind::NotFound), "missing program error");

    // pre_exec failing: its error is spawn's error
    let mut cmd = Command::new("/bin/true");
    unsafe {
        cmd.pre_exec(|| Err(io::Error::from_raw_os_error(1)));
    }
    let e = cmd.spawn().err();
    println!("pre_exec error: {:?}", e.as_ref().and_then(|e| e.raw_os_error()));
    check(e.as_ref().and_then(|e| e.raw_os_error()) == Some(1), "pre_exec error");

    // a non-executable file through the fork path
    let mut cmd = Command::new("/tests/data/hello.txt");
    unsafe {
        cmd.pre_exec(|| Ok(()));
    }
    let e = cmd.spawn().err();
    println!("pre_exec + non-executable: {:?}", e.as_ref().map(|e| e.kind()));

    // a changed PATH: std searches it itself
    let o = Command::new("echo").env("PATH", "/usr/bin:/bin").arg("via PATH").output().unwrap();
    print!("changed PATH: {}", String::from_utf8_lossy(&o.stdout));
    let e = Command::new("definitely-not-a-program").env("PATH", "/bin").spawn().err();
    println!("changed PATH, missing: {:?}", e.map(|e| e.kind()));

    // process_group(0): the child leads its own group
    let o = Command::new("sh").args(["-c", "kill -0 -$$ && echo own group"]).process_group(0).output().unwrap();
    print!("process_group: {}", String::from_utf8_lossy(&o.stdout));
    // uid/gid
    let o = Command::new("id").args(["-u"]).uid(65534).gid(65534).output().unwrap();
    print!("uid 65534: {}", String::from_utf8_lossy(&o.stdout));
    // arg0: BusyBox picks its applet by argv[0]
    let o = Command::new("/bin/busybox").arg0("echo").arg("arg0 reached the child").output().unwrap();
    print!("arg0: {}", String::from_utf8_lossy(&o.stdout));

    // exit statuses
    for script in ["exit 0", "exit 1", "exit 255", "kill -TERM $$", "kill -KILL $$", "kill -SEGV $$"] {
        let st = Command::new("sh").args(["-c", script]).status().unwrap();
        println!("{:<14} -> code {:?} signal {:?} success {}", script, st.code(), st.signal(), st.success());
    }

    // 1 MiB on stdout and on stderr at once (std polls both pipes)
    let o = Command::new("sh")
        .args(["-c", "head -c 1048576 /dev/zero & head -c 1048576 /dev/zero >&2; wait"])
        .output()
        .unwrap();
    println!("stdout {} bytes, stderr {} bytes, {:?}", o.stdout.len(), o.stderr.len(), o.status.code());
    check(o.stdout.len() == 1 << 20 && o.stderr.len() == 1 << 20, "large output");

    // 256 KiB through cat's stdin, written by a thread while we read
    let mut ch = Command::new("cat").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let mut sin = ch.stdin.take().unwrap();
    let w = thread::spawn(move || {
        let data: Vec<u8> = (0..256 * 1024).map(|i| (i % 251) as u8).collect();
        sin.write_all(&data).unwrap();
    });
    let mut back = Vec::new();
    ch.stdout.take().unwrap().read_to_end(&mut back).unwrap();
    w.join().unwrap();
    let st = ch.wait().unwrap();
    let same = back.len() == 256 * 1024 && back.iter().enumerate().all(|(i, b)| *b == (i % 251) as u8);
    println!("cat round trip: {} bytes, intact {}, {:?}", back.len(), same, st.code());
    check(same, "cat round trip");

    // 20 children at once, then wait for each
    let mut kids: Vec<_> = (0..20).map(|i| Command::new("sh").args(["-c", &format!("exit {}", i)]).spawn().unwrap()).collect();
    let codes: Vec<i32> = kids.iter_mut().map(|k| k.wait().unwrap().code().unwrap()).collect();
    println!("20 children: {:?}", codes);
    check(codes == (0..20).collect::<Vec<i32>>(), "20 children");

    // spawning from 4 threads at once (vfork with other threads running)
    let hs: Vec<_> = (0..4)
        .map(|t| {
            thread::spawn(move || {
                (0..5)
                    .map(|i| Command::new("/bin/echo").arg(format!("{}-{}", t, i)).output().unwrap().stdout.len())
                    .sum::<usize>()
            })
        })
        .collect();
    let total: usize = hs.into_iter().map(|h| h.join().unwrap()).sum();
    println!("spawns from 4 threads: {} bytes", total);
    check(total == 4 * 5 * 4, "spawns from threads");

    // the child does not inherit our descriptors (std opens everything O_CLOEXEC)
    let f = std::fs::File::open("/tests/data/hello.txt").unwrap();
    let o = Command::new("sh").args(["-c", "for fd in 3 4 5 6 7 8 9; do if { true >&$fd; } 2>/dev/null; then echo open $fd; fi; done; echo done"]).output().unwrap();
    drop(f);
    print!("inherited fds: {}", String::from_utf8_lossy(&o.stdout).replace('\n', " "));
    println!();

    println!("{}", if ok { "all checks passed" } else { "SOME CHECKS FAILED" });
    std::process::exit(if ok { 0 } else { 1 });
}
