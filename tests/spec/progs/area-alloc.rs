// std area `alloc`: small and large allocations, growth (realloc), a huge try_reserve that must
// fail, and allocation from a second thread (glibc's per-thread arena).
include!("mark.rs");
fn main() {
    mark::begin();
    let small: Vec<Box<[u8; 32]>> = (0..1000).map(|_| Box::new([0u8; 32])).collect();
    let mut big: Vec<u8> = Vec::with_capacity(256 * 1024);
    big.resize(256 * 1024, 1);
    let mut grow: Vec<u8> = Vec::new();
    for i in 0..(4 << 20) { grow.push(i as u8); }
    let huge = vec![7u8; 16 << 20];
    let mut v: Vec<u8> = Vec::new();
    assert!(v.try_reserve(1usize << 46).is_err());
    let t = std::thread::spawn(|| { let v: Vec<u64> = (0..1000).collect(); v.len() });
    assert_eq!(t.join().unwrap(), 1000);
    drop(huge);
    drop(grow);
    drop(big);
    drop(small);
    mark::end();
    println!("alloc ok");
}
