// Rust std threads and processes (from the issue-3 acceptance program /tmp/rt/t.rs): 100 threads with
// thread_local!, scoped threads with mpsc, Barrier, Builder::stack_size and names, Condvar, RwLock,
// OnceLock, park/unpark; Command with captured output, exit codes, piped stdin/stdout, a missing
// program, env_clear + current_dir, spawn + kill + wait. Deterministic output (a `det` test).
//
// qemu-user turns the vfork of posix_spawn into a fork, so there a missing program is not an error
// from spawn() but a child exiting 127 (FACTS.md). The line for it reads the same either way; on
// Levitate (uname release ending in "levitate") only the Linux behaviour, Err(NotFound), prints it.
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{mpsc, Arc, Barrier, Condvar, Mutex, OnceLock, RwLock};
use std::thread;

thread_local!(static TL: std::cell::Cell<u32> = std::cell::Cell::new(0));
static ONCE: OnceLock<u32> = OnceLock::new();

#[repr(C)]
struct UtsName {
    f: [[u8; 65]; 6],
}
extern "C" {
    fn uname(buf: *mut UtsName) -> i32;
}

fn on_levitate() -> bool {
    let mut u = UtsName { f: [[0; 65]; 6] };
    if unsafe { uname(&mut u) } != 0 {
        return false;
    }
    String::from_utf8_lossy(&u.f[2]).contains("levitate")
}

fn main() {
    let m = Arc::new(Mutex::new(0u64));
    let hs: Vec<_> = (0..100)
        .map(|i| {
            let m = m.clone();
            thread::spawn(move || {
                TL.with(|t| t.set(i));
                *m.lock().unwrap() += i as u64;
                TL.with(|t| t.get())
            })
        })
        .collect();
    let s: u32 = hs.into_iter().map(|h| h.join().unwrap()).sum();
    println!("threads sum={} {}", *m.lock().unwrap(), s);

    let (tx, rx) = mpsc::channel();
    thread::scope(|sc| {
        for i in 0..4 {
            let tx = tx.clone();
            sc.spawn(move || tx.send(i).unwrap());
        }
    });
    drop(tx);
    let mut v: Vec<i32> = rx.iter().collect();
    v.sort();
    println!("mpsc {:?}", v);

    let b = Arc::new(Barrier::new(3));
    let hs: Vec<_> = (0..3)
        .map(|_| {
            let b = b.clone();
            thread::spawn(move || b.wait().is_leader())
        })
        .collect();
    println!("barrier leaders={}", hs.into_iter().map(|h| h.join().unwrap() as u32).sum::<u32>());

    let pair = Arc::new((Mutex::new(false), Condvar::new()));
    let p2 = pair.clone();
    let h = thread::Builder::new()
        .name("waker".into())
        .stack_size(256 * 1024)
        .spawn(move || {
            let (l, c) = &*p2;
            *l.lock().unwrap() = true;
            c.notify_one();
            thread::current().name().unwrap().to_string()
        })
        .unwrap();
    let (l, c) = &*pair;
    let mut g = l.lock().unwrap();
    while !*g {
        g = c.wait(g).unwrap();
    }
    drop(g);
    println!("condvar ok name={}", h.join().unwrap());

    let rw = RwLock::new(5);
    {
        let r1 = rw.read().unwrap();
        let r2 = rw.read().unwrap();
        println!("rw {}", *r1 + *r2);
    }
    println!("once {}", ONCE.get_or_init(|| 42));

    let t = thread::current();
    let h = thread::spawn(move || {
        t.unpark();
    });
    thread::park();
    h.join().unwrap();
    println!("park ok");

    let out = Command::new("/bin/echo").arg("from-child").output().unwrap();
    print!("cmd {}", String::from_utf8_lossy(&out.stdout));
    let st = Command::new("sh").args(["-c", "exit 5"]).status().unwrap();
    println!("status {:?}", st.code());
    let mut ch = Command::new("cat").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    ch.stdin.take().unwrap().write_all(b"piped data\n").unwrap();
    let o = ch.wait_with_output().unwrap();
    print!("cat {}", String::from_utf8_lossy(&o.stdout));

    let e = Command::new("/nonexistent").spawn();
    let line = match e {
        Err(e) => format!("{:?}", Some(e.kind())),
        Ok(mut c) => {
            let code = c.wait().unwrap().code();
            if !on_levitate() && code == Some(127) {
                format!("{:?}", Some(std::io::ErrorKind::NotFound)) // qemu-user: vfork is a fork
            } else {
                format!("spawn succeeded, child exited {:?}", code)
            }
        }
    };
    println!("spawn err {}", line);

    let o = Command::new("pwd").current_dir("/tests").env_clear().output().unwrap();
    print!("pwd {}", String::from_utf8_lossy(&o.stdout));
    let mut k = Command::new("sleep").arg("10").spawn().unwrap();
    k.kill().unwrap();
    println!("killed {:?}", k.wait().unwrap().code());
}
