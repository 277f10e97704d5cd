// std area `time`: Instant, SystemTime, sleep.
include!("mark.rs");
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn main() {
    mark::begin();
    let t0 = Instant::now();
    let now = SystemTime::now();
    let _ = now.duration_since(UNIX_EPOCH).unwrap();
    std::thread::sleep(Duration::from_millis(2));
    let _ = t0.elapsed();
    let _ = Instant::now() - t0;
    mark::end();
    println!("time ok");
}
