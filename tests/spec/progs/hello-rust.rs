// Start-up and exit of a static Rust std program: everything before the begin mark is the C
// library's and std's runtime set-up, everything after the end mark is exit.
include!("mark.rs");
fn main() {
    mark::begin();
    let n = std::env::args().count();
    mark::end();
    println!("hello from Rust, {} args", n);
}
