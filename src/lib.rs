//! Crosscheck: compare news articles about one story.
//!
//! The pipeline (see [`pipeline`]) loads files ([`load`]), splits them into passages
//! ([`segment`]), aligns the passages that report the same event across sources ([`align`]),
//! diffs their wording ([`diff`]) and compares their facts ([`facts`]) into one [`Comparison`],
//! of which every report format ([`report`]) and the desktop app are views. This crate has no
//! dependency on any UI toolkit; the app lives behind the `gui` feature in the binary.

pub mod align;
pub mod dates;
pub mod diff;
pub mod facts;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod segment;
pub mod text;

pub use model::Comparison;
pub use pipeline::{Cancelled, Options, Progress, Source, compare_sources, compare_texts};
