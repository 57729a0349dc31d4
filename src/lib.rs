//! Crosscheck: compare news articles about one story.
//!
//! The pipeline (see [`pipeline`]) loads files ([`load`]), splits them into passages
//! ([`segment`]), aligns the passages that report the same event across sources ([`align`]),
//! diffs their wording ([`diff`]) and compares their facts ([`facts`]) into one [`Comparison`],
//! of which every report format ([`report`]) and the desktop app are views. The core modules never
//! touch a UI toolkit: the app (`gui`) exists only with the `gui` feature, and
//! `cargo build --no-default-features` proves the core builds without egui.

pub mod align;
pub mod copies;
pub mod dates;
pub mod diff;
pub mod facts;
pub mod fetch;
#[cfg(feature = "gui")]
pub mod gui;
pub mod inputs;
pub mod language;
pub mod load;
pub mod marks;
pub mod model;
pub mod options;
pub mod pipeline;
pub mod report;
pub mod review;
pub mod segment;
pub mod session;
pub mod text;

pub use inputs::{Compared, Input, compare_sources};
pub use model::Comparison;
pub use pipeline::{Cancelled, Options, Progress, Source, compare_texts};
