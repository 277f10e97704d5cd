// Rust std threads and processes: spawn/join, Mutex, Condvar, mpsc, Arc, scoped threads, thread
// names, sleep, Instant; std::process::Command (posix_spawn = clone(CLONE_VM|CLONE_VFORK)) with
// captured output, stdin piping and exit statuses. Deterministic output; exit 0 when all checks pass.
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    let mut ok = true;
    let mut check = |cond: bool, what: &str| {
        if !cond {
            ok = false;
            println!("FAIL: {}", what);
        }
    };

    // spawn + join with results
    let handles: Vec<_> = (0..8u64)
        .map(|i| thread::spawn(move || (0..100_000u64).map(|x| x * i).sum::<u64>()))
        .collect();
    let sums: Vec<u64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    println!("thread sums: {:?}", sums);
    check(sums[1] == 4_999_950_000, "thread sum");

    // Mutex + Arc counter
    let counter = Arc::new(Mutex::new(0u64));
    let hs: Vec<_> = (0..4)
        .map(|_| {
            let c = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..10_000 {
                    *c.lock().unwrap() += 1;
                }
            })
        })
        .collect();
    for h in hs {
        h.join().unwrap();
    }
    println!("mutex counter: {}", *counter.lock().unwrap());
    check(*counter.lock().unwrap() == 40_000, "mutex counter");

    // atomics + scoped threads
    let hits = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..1000 {
                    hits.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    println!("atomic hits: {}", hits.load(Ordering::SeqCst));

    // channels
    let (tx, rx) = mpsc::channel();
    for id in 0..3 {
        let tx = tx.clone();
        thread::spawn(move || {
            for j in 0..5 {
                tx.send(id * 100 + j).unwrap();
            }
        });
    }
    drop(tx);
    let mut got: Vec<i32> = rx.iter().collect();
    got.sort();
    println!("channel: {} messages, first {:?}, last {:?}", got.len(), got.first(), got.last());

    // Condvar handshake (futex wait/wake)
    let pair = Arc::new((Mutex::new(false), Condvar::new()));
    let p2 = Arc::clone(&pair);
    let h = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        let (m, c) = &*p2;
        *m.lock().unwrap() = true;
        c.notify_one();
    });
    {
        let (m, c) = &*pair;
        let mut ready = m.lock().unwrap();
        while !*ready {
            ready = c.wait(ready).unwrap();
        }
    }
    h.join().unwrap();
    println!("condvar: woken");
    // a timed wait that times out
    let (m, c) = &*pair;
    let g = m.lock().unwrap();
    let (_g, res) = c.wait_timeout(g, Duration::from_millis(10)).unwrap();
    println!("condvar wait_timeout timed out: {}", res.timed_out());

    // thread names, panics in threads
    let h = thread::Builder::new()
        .name("worker-7".into())
        .spawn(|| thread::current().name().map(|s| s.to_string()))
        .unwrap();
    println!("thread name: {:?}", h.join().unwrap());
    std::panic::set_hook(Box::new(|_| {}));
    let r = thread::spawn(|| panic!("boom")).join();
    println!("panicking thread joined with error: {}", r.is_err());
    let _ = std::panic::take_hook();

    // sleep and Instant
    let t = Instant::now();
    thread::sleep(Duration::from_millis(50));
    let e = t.elapsed();
    println!("sleep(50ms) took >= 50ms: {}", e >= Duration::from_millis(50));
    check(e < Duration::from_secs(5), "sleep took too long");

    // processes
    match Command::new("/bin/busybox").args(["echo", "from", "child"]).output() {
        Ok(o) => println!("child: status={:?} stdout={:?}", o.status.code(), String::from_utf8_lossy(&o.stdout)),
        Err(e) => { check(false, "spawn busybox echo"); println!("spawn error: {}", e); }
    }
    match Command::new("sh").args(["-c", "echo err >&2; exit 3"]).output() {
        Ok(o) => println!("sh: status={:?} stderr={:?}", o.status.code(), String::from_utf8_lossy(&o.stderr)),
        Err(e) => { check(false, "spawn sh"); println!("spawn error: {}", e); }
    }
    match Command::new("wc").arg("-c").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn() {
        Ok(mut child) => {
            child.stdin.take().unwrap().write_all(&[b'x'; 100_000]).unwrap();
            let o = child.wait_with_output().unwrap();
            println!("wc -c of 100000 piped bytes: {}", String::from_utf8_lossy(&o.stdout).trim());
        }
        Err(e) => { check(false, "spawn wc"); println!("spawn error: {}", e); }
    }
    match Command::new("sh").args(["-c", "kill -9 $$"]).status() {
        Ok(s) => {
            use std::os::unix::process::ExitStatusExt;
            println!("killed child: code={:?} signal={:?}", s.code(), s.signal());
        }
        Err(e) => { check(false, "spawn sh kill"); println!("spawn error: {}", e); }
    }
    // A missing program: with pre_exec, std forks and reports the exec error through a socketpair.
    // (Without it, std uses posix_spawn, whose vfork qemu-user turns into fork, so the oracle
    // would see a child exiting 127 instead of the error Linux reports.)
    let mut cmd = Command::new("/no/such/program");
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| Ok(()));
    }
    match cmd.status() {
        Ok(s) => println!("spawning a missing program: succeeded?! {:?}", s),
        Err(e) => println!("spawning a missing program: {:?}", e.kind()),
    }

    println!("{}", if ok { "rust-threads: ok" } else { "rust-threads: FAILED" });
    std::process::exit(if ok { 0 } else { 1 });
}
