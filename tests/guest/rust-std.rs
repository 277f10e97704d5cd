// A static Rust std program (glibc, +crt-static) printing deterministic output: its arguments and
// environment, a HashMap, a 10 MB Vec, a file read from the rootfs, a file written to /tmp, and a
// caught panic. Exit 0 when every internal check passed.
use std::collections::HashMap;
use std::env;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};

fn main() {
    let mut ok = true;
    let args: Vec<String> = env::args().collect();
    println!("args: {}", args.len());
    for (i, a) in args.iter().enumerate() {
        println!("  arg[{}] = {:?}", i, a);
    }

    let mut vars: Vec<(String, String)> = env::vars().collect();
    vars.sort();
    println!("env: {}", vars.len());
    for (k, v) in &vars {
        println!("  {}={}", k, v);
    }
    println!("HOME via env::var: {:?}", env::var("HOME").ok());
    println!("NOPE via env::var: {:?}", env::var("LEVITATE_NOT_SET").ok());
    println!("cwd: {}", env::current_dir().map(|p| p.display().to_string()).unwrap_or_else(|e| format!("error: {}", e)));

    // HashMap: iteration order is randomised, so print only order-independent facts.
    let mut m: HashMap<String, u64> = HashMap::new();
    for i in 0..10_000u64 {
        m.insert(format!("key{}", i), i * i);
    }
    for i in (0..10_000u64).step_by(2) {
        m.remove(&format!("key{}", i));
    }
    let sum: u64 = m.values().sum();
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort();
    println!("hashmap: len={} sum={} first={:?} last={:?} key4999={:?} key5000={:?}",
             m.len(), sum, keys.first().unwrap(), keys.last().unwrap(),
             m.get("key4999"), m.get("key5000"));
    if m.len() != 5000 { ok = false; println!("FAIL: hashmap len"); }

    // A 10 MB Vec (a fresh mmap in glibc's malloc), written and summed.
    let n = 10 * 1024 * 1024;
    let mut v: Vec<u8> = vec![0u8; n];
    let zero = v.iter().all(|&b| b == 0);
    for (i, b) in v.iter_mut().enumerate() {
        *b = (i % 251) as u8;
    }
    let s: u64 = v.iter().map(|&b| b as u64).sum();
    println!("vec: len={} zeroed={} sum={}", v.len(), zero, s);
    if !zero { ok = false; println!("FAIL: vec not zeroed"); }
    v.truncate(10);
    v.shrink_to_fit();
    println!("vec after shrink: {:?}", v);
    // growing by pushing (realloc / mremap)
    let mut w: Vec<u32> = Vec::new();
    for i in 0..1_000_000u32 { w.push(i); }
    println!("pushed: len={} last={}", w.len(), w[w.len() - 1]);
    // an absurd reservation must fail cleanly
    let mut huge: Vec<u8> = Vec::new();
    println!("try_reserve(1 << 60): {}", if huge.try_reserve(1usize << 60).is_err() { "error" } else { "ok?!" });

    // Reading a file from the rootfs.
    match fs::File::open("/tests/data/lines.txt") {
        Ok(f) => {
            let lines: Vec<String> = BufReader::new(f).lines().map(|l| l.unwrap()).collect();
            println!("lines.txt: {} lines, line 42 = {:?}", lines.len(), lines[41]);
        }
        Err(e) => { ok = false; println!("FAIL: open lines.txt: {}", e); }
    }
    match fs::read_to_string("/tests/data/hello.txt") {
        Ok(s) => println!("hello.txt: {:?}", s),
        Err(e) => { ok = false; println!("FAIL: read hello.txt: {}", e); }
    }
    match fs::metadata("/tests/data/lines.txt") {
        Ok(md) => println!("metadata: len={} is_file={} is_dir={}", md.len(), md.is_file(), md.is_dir()),
        Err(e) => { ok = false; println!("FAIL: metadata: {}", e); }
    }
    match fs::read_dir("/tests/data") {
        Ok(rd) => {
            let mut names: Vec<String> = rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
            names.sort();
            println!("read_dir: {:?}", names);
        }
        Err(e) => { ok = false; println!("FAIL: read_dir: {}", e); }
    }
    match fs::read_link("/tests/data/hello-link") {
        Ok(p) => println!("read_link: {}", p.display()),
        Err(e) => { ok = false; println!("FAIL: read_link: {}", e); }
    }
    println!("missing file: {:?}", fs::File::open("/tests/data/missing").map(|_| ()).map_err(|e| e.kind()));

    // Writing a file to /tmp and reading it back.
    let path = format!("/tmp/rust-std-{}", std::process::id());
    {
        let mut f = fs::File::create(&path).expect("create");
        for i in 0..1000 {
            writeln!(f, "row {}", i).unwrap();
        }
    }
    let mut back = String::new();
    fs::File::open(&path).unwrap().read_to_string(&mut back).unwrap();
    println!("tmp file: {} bytes, {} rows", back.len(), back.lines().count());
    fs::remove_file(&path).unwrap();
    println!("tmp file removed: {}", !std::path::Path::new(&path).exists());

    // A caught panic (unwinding through std).
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(|| {
        let v: Vec<i32> = Vec::new();
        v[3]
    });
    println!("caught panic: {}", r.is_err());

    let _ = std::io::stdout().flush();
    println!("{}", if ok { "rust-std: ok" } else { "rust-std: FAILED" });
    std::process::exit(if ok { 0 } else { 1 });
}
