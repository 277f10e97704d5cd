// Question 1: where std's allocator gets memory. glibc's malloc serves small blocks from the brk
// heap and blocks of 128 KiB or more (M_MMAP_THRESHOLD) from their own anonymous mmap; a thread's
// stack is an mmap with a PROT_NONE guard page below it. Self-checks against sbrk(0); the trace
// checks are in tests/spec/questions.txt.
include!("mark.rs");
extern "C" {
    fn sbrk(incr: isize) -> *mut u8;
}

fn main() {
    let brk0 = unsafe { sbrk(0) } as usize;
    mark::begin();
    let small = Box::new([1u8; 64]);
    let large = vec![2u8; 1 << 20];
    let brk1 = unsafe { sbrk(0) } as usize;
    let sp = &*small as *const _ as usize;
    let lp = large.as_ptr() as usize;
    let stack_addr = std::thread::Builder::new().stack_size(1 << 20)
        .spawn(|| { let x = 0u8; &x as *const u8 as usize }).unwrap().join().unwrap();
    mark::end();
    let heap_start = brk0.saturating_sub(1 << 20);
    let small_in_brk = sp >= heap_start && sp < brk1;
    let large_in_brk = lp >= heap_start && lp < brk1;
    println!("small block in the brk heap: {}", small_in_brk);
    println!("1 MiB block in the brk heap: {}", large_in_brk);
    println!("1 MiB block is page-aligned + 16: {}", lp % 4096 == 16);
    println!("thread stack outside the brk heap: {}", !(stack_addr >= heap_start && stack_addr < brk1));
    std::process::exit(if small_in_brk && !large_in_brk && lp % 4096 == 16 { 0 } else { 1 });
}
