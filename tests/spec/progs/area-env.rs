// std area `env`: variables, current directory, current_exe, temp_dir, home_dir.
include!("mark.rs");
use std::env;

fn main() {
    mark::begin();
    let _ = env::var("HOME");
    let _ = env::var_os("SPEC_UNSET");
    let n = env::vars_os().count();
    unsafe { env::set_var("SPEC_SET", "1") };
    unsafe { env::remove_var("SPEC_SET") };
    let cwd = env::current_dir().unwrap();
    env::set_current_dir("/tmp").unwrap();
    env::set_current_dir(&cwd).unwrap();
    let _ = env::current_exe();
    let _ = env::temp_dir();
    #[allow(deprecated)]
    let _ = env::home_dir();
    mark::end();
    println!("env ok {}", n > 0);
}
