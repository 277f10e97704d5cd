// std area `stdio`: stdout/stderr printing and flushing, stdin reading (stdin is a file).
include!("mark.rs");
use std::io::{self, BufRead, Read, Write};

fn main() {
    mark::begin();
    println!("stdout line");
    print!("no newline");
    io::stdout().flush().unwrap();
    println!();
    eprintln!("stderr line");
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line).unwrap();
    let mut rest = Vec::new();
    io::stdin().read_to_end(&mut rest).unwrap();
    let mut o = io::stdout().lock();
    writeln!(o, "read {} + {} bytes", line.len(), rest.len()).unwrap();
    drop(o);
    mark::end();
}
