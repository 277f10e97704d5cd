// Included by every area program: marks the start and the end of the measured part with a
// faccessat() of a path that does not exist, so a trace of the program shows where the area's own
// system calls begin and end (tools/spec/tracefmt.py cuts the trace there).
#[allow(dead_code)]
mod mark {
    extern "C" {
        fn syscall(n: i64, ...) -> i64;
    }
    pub fn begin() {
        unsafe { syscall(48, -100i64, b"/@spec/begin\0".as_ptr(), 0i64) };
    }
    pub fn end() {
        unsafe { syscall(48, -100i64, b"/@spec/end\0".as_ptr(), 0i64) };
    }
}
