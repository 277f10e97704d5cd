// std area `args`: env::args and args_os (std reads them from the values _start passed to main;
// no system call is expected).
include!("mark.rs");
fn main() {
    mark::begin();
    let a: Vec<String> = std::env::args().collect();
    let n = std::env::args_os().count();
    mark::end();
    println!("args {} {}", a.len(), n);
}
