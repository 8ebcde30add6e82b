//! Spinners and progress bars on stderr that exist only when someone can see them.
//!
//! Hidden when stderr is not a terminal, with `-q`, `--no-progress` or machine output; then every
//! call on the returned bars is a no-op, so commands never need to ask.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Debug, Clone, Copy)]
pub(crate) struct Progress {
    enabled: bool,
}

impl Progress {
    pub(crate) const fn new(enabled: bool) -> Progress {
        Progress { enabled }
    }

    /// A spinner with the elapsed time, for waits of unknown length.
    pub(crate) fn spinner(&self, message: impl Into<String>) -> ProgressBar {
        if !self.enabled {
            return ProgressBar::hidden();
        }
        let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        pb.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{elapsed_precise}]")
                .expect("static template"),
        );
        pb.set_message(super::escape::line(&message.into()).into_owned());
        pb.enable_steady_tick(Duration::from_millis(120));
        pb
    }

    /// A bar with count, rate and ETA; a counter with rate when the total is unknown.
    pub(crate) fn bar(&self, total: Option<u64>, message: impl Into<String>) -> ProgressBar {
        if !self.enabled {
            return ProgressBar::hidden();
        }
        let pb = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        let template = if total.is_some() {
            "{msg} [{bar:30}] {human_pos}/{human_len} {per_sec} eta {eta}"
        } else {
            "{spinner} {msg} {human_pos} {per_sec} [{elapsed_precise}]"
        };
        pb.set_style(
            ProgressStyle::with_template(template)
                .expect("static template")
                .progress_chars("=> "),
        );
        pb.set_message(super::escape::line(&message.into()).into_owned());
        pb.enable_steady_tick(Duration::from_millis(200));
        pb
    }
}

/// A task of the core (`crate::progress`), drawn by a bar or spinner (a hidden one draws
/// nothing); the import's progress is one too.
impl crate::progress::Task for ProgressBar {
    fn advance(&self, units: u64) {
        self.inc(units);
    }

    fn status(&self, text: &str) {
        self.set_message(super::escape::line(text).into_owned());
    }
}

/// A task the core started: cleared from the terminal when the core drops it.
struct Drawn(ProgressBar);

impl crate::progress::Task for Drawn {
    fn advance(&self, units: u64) {
        self.0.inc(units);
    }

    fn status(&self, text: &str) {
        self.0.set_message(super::escape::line(text).into_owned());
    }
}

impl Drop for Drawn {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

impl crate::progress::Reporter for Progress {
    fn spinner(&self, message: &str) -> Box<dyn crate::progress::Task> {
        Box::new(Drawn(Progress::spinner(self, message)))
    }
}
