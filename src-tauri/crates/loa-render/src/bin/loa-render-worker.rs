//! A render worker and nothing else: what the tests and benchmarks of `loa-render` start. The
//! `loa` CLI and the desktop app are workers the same way, through the same call.

fn main() {
    loa_render::run_worker_if_asked();
    eprintln!("usage: loa-render-worker {}", loa_render::WORKER_ARG);
    std::process::exit(2);
}
