// std area `sync`: Mutex/Condvar/RwLock/Once/OnceLock/Barrier/mpsc under contention between threads.
include!("mark.rs");
use std::sync::{mpsc, Arc, Barrier, Condvar, Mutex, Once, OnceLock, RwLock};
use std::thread;
use std::time::Duration;

static ONCE: Once = Once::new();
static CELL: OnceLock<u32> = OnceLock::new();

fn main() {
    mark::begin();
    let m = Arc::new(Mutex::new(0u64));
    let hs: Vec<_> = (0..4).map(|_| {
        let m = m.clone();
        thread::spawn(move || for _ in 0..2000 { *m.lock().unwrap() += 1; })
    }).collect();
    for h in hs { h.join().unwrap(); }
    assert_eq!(*m.lock().unwrap(), 8000);
    let pair = Arc::new((Mutex::new(false), Condvar::new()));
    let p2 = pair.clone();
    let h = thread::spawn(move || {
        thread::sleep(Duration::from_millis(10));
        *p2.0.lock().unwrap() = true;
        p2.1.notify_one();
    });
    let mut g = pair.0.lock().unwrap();
    while !*g { g = pair.1.wait(g).unwrap(); }
    drop(g);
    h.join().unwrap();
    let (g, _) = pair.1.wait_timeout(pair.0.lock().unwrap(), Duration::from_millis(5)).unwrap();
    drop(g);
    let rw = Arc::new(RwLock::new(1));
    { let _r = rw.read().unwrap(); }
    { *rw.write().unwrap() += 1; }
    ONCE.call_once(|| {});
    let _ = CELL.get_or_init(|| 7);
    let b = Arc::new(Barrier::new(2));
    let b2 = b.clone();
    let h = thread::spawn(move || { b2.wait(); });
    b.wait();
    h.join().unwrap();
    let (tx, rx) = mpsc::channel();
    let h = thread::spawn(move || for i in 0..100 { tx.send(i).unwrap(); });
    let s: i32 = rx.iter().sum();
    h.join().unwrap();
    assert_eq!(s, 4950);
    mark::end();
    println!("sync ok");
}
