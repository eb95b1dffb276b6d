//! `loa-sandbox [--dir DIR] [--faults P] [--seed N] [--ports FB,ZALO,WP] [--bandwidth BYTES_PER_S]`:
//! the three emulators on this computer, for trying Loa without real accounts. `loa sandbox`
//! runs the same code.

use std::process::ExitCode;

use loa_emulators::sandbox::{self, SandboxOptions};

const USAGE: &str = "usage: loa-sandbox [--dir DIR] [--faults P (0..1)] [--seed N] [--ports FB,ZALO,WP] [--bandwidth BYTES_PER_S]";

fn parse(args: &[String]) -> Result<SandboxOptions, String> {
    let mut o = SandboxOptions::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs a value"))
        };
        match a.as_str() {
            "--dir" => o.dir = val()?.into(),
            "--faults" => {
                o.fault_probability = val()?
                    .parse::<f64>()
                    .ok()
                    .filter(|p| (0.0..=1.0).contains(p))
                    .ok_or("--faults takes a number from 0 to 1")?
            }
            "--seed" => o.seed = val()?.parse().map_err(|_| "--seed takes a number")?,
            "--ports" => {
                let v = val()?;
                let p: Vec<u16> = v.split(',').filter_map(|x| x.trim().parse().ok()).collect();
                let [fb, za, wp] = p[..] else {
                    return Err("--ports takes three port numbers: FB,ZALO,WP".into());
                };
                (o.graph_port, o.zalo_port, o.wordpress_port) = (fb, za, wp);
            }
            "--bandwidth" => {
                o.bandwidth = Some(
                    val()?
                        .parse::<u64>()
                        .ok()
                        .filter(|b| *b > 0)
                        .ok_or("--bandwidth takes a number of bytes per second")?,
                )
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match parse(&args) {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("loa-sandbox: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match sandbox::run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("loa-sandbox: {e}");
            ExitCode::from(1)
        }
    }
}
