//! Helpers shared by the test binaries. Each binary uses some of them.
#![allow(dead_code)]

pub mod http;
