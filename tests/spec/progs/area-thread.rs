// std area `thread`: spawn/join, Builder (name, stack size), sleep, park/unpark, scoped threads,
// available_parallelism, thread-locals with destructors.
include!("mark.rs");
use std::cell::RefCell;
use std::thread;
use std::time::Duration;

struct OnExit;
impl Drop for OnExit {
    fn drop(&mut self) {}
}
thread_local!(static TL: RefCell<Option<OnExit>> = RefCell::new(None));

fn main() {
    mark::begin();
    let h = thread::spawn(|| {
        TL.with(|t| *t.borrow_mut() = Some(OnExit));
        41 + 1
    });
    assert_eq!(h.join().unwrap(), 42);
    let h = thread::Builder::new().name("spec-worker".into()).stack_size(256 * 1024)
        .spawn(|| thread::current().name().map(|s| s.len())).unwrap();
    assert_eq!(h.join().unwrap(), Some(11));
    let main_t = thread::current();
    let h = thread::spawn(move || {
        thread::sleep(Duration::from_millis(5));
        main_t.unpark();
    });
    thread::park_timeout(Duration::from_secs(5));
    h.join().unwrap();
    let mut v = vec![1, 2, 3];
    thread::scope(|s| {
        s.spawn(|| v.push(4));
    });
    let _ = thread::available_parallelism();
    thread::yield_now();
    let _ = thread::current().id();
    mark::end();
    println!("thread ok {}", v.len());
}
