// nl.rs - number the lines of stdin (like nl -ba): a translator in
// Rust, built with Debian's rustc for wasm32-wasi.
use std::io::{self, BufRead, Write};

fn main() {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut input = stdin.lock();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut line = Vec::new();
    let mut n: u64 = 0;
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("nl: {}", e);
                std::process::exit(1);
            }
        }
        n += 1;
        let ok = write!(out, "{:6}\t", n).and_then(|_| out.write_all(&line));
        if let Err(e) = ok {
            eprintln!("nl: {}", e);
            std::process::exit(1);
        }
    }
    if let Err(e) = out.flush() {
        eprintln!("nl: {}", e);
        std::process::exit(1);
    }
}
