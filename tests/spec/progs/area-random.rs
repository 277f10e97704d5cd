// std area `random`: HashMap's RandomState keys (std::random via getrandom).
include!("mark.rs");
use std::collections::HashMap;
fn main() {
    mark::begin();
    let mut m = HashMap::new();
    m.insert(1, 2);
    let m2: HashMap<u8, u8> = HashMap::new();
    mark::end();
    println!("random {} {}", m.len(), m2.len());
}
