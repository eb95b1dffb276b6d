// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // `loa-app __render-worker …`: this process is a sandboxed template renderer started by the
    // window's own process (see loa-render); it never returns from here.
    loa_render::run_worker_if_asked();
    loa_app_lib::run();
}
