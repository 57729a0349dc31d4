//! Only the rows in view are laid out: a list of rows of different heights inside a
//! [`egui::ScrollArea::show_viewport`], with each row's height measured when it is drawn and
//! estimated until then. Twenty sources of thousands of words scroll as smoothly as four.

use egui::{Rect, Ui, UiBuilder, pos2, vec2};

/// Measured heights of the rows of one list, kept between frames.
#[derive(Debug, Default, Clone)]
pub struct RowHeights {
    key: u64,
    heights: Vec<Option<f32>>,
    /// Estimated heights, computed once per list.
    estimates: Vec<f32>,
}

impl RowHeights {
    /// Forgets the measurements when the list changed (`key` names its content and width) and
    /// estimates every row's height once; returns true when it did.
    pub fn prepare(&mut self, key: u64, n: usize, estimate: impl Fn(usize) -> f32) -> bool {
        if self.key != key || self.heights.len() != n {
            self.key = key;
            self.heights = vec![None; n];
            self.estimates = (0..n).map(estimate).collect();
            return true;
        }
        false
    }

    pub fn height(&self, i: usize) -> f32 {
        self.heights
            .get(i)
            .copied()
            .flatten()
            .or_else(|| self.estimates.get(i).copied())
            .unwrap_or(0.0)
    }

    /// Top of row `i` in content coordinates (measured or estimated).
    pub fn top(&self, i: usize) -> f32 {
        (0..i.min(self.heights.len())).map(|j| self.height(j)).sum()
    }

    /// Lays out the rows that intersect `viewport` (plus `extra` rows on each side), leaving
    /// room for the others; `row` draws row `i` and the space it takes is measured. Returns
    /// true when a measurement changed (the caller should repaint to settle the layout).
    pub fn show(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        extra: usize,
        row: &mut dyn FnMut(&mut Ui, usize),
    ) -> bool {
        let n = self.heights.len();
        let total: f32 = (0..n).map(|i| self.height(i)).sum();
        let top = ui.max_rect().top();
        let left = ui.max_rect().left();
        let width = ui.available_width();
        ui.set_min_height(total);
        let mut y = 0.0;
        let mut first = 0;
        while first < n && y + self.height(first) < viewport.min.y {
            y += self.height(first);
            first += 1;
        }
        for _ in 0..extra.min(first) {
            first -= 1;
            y -= self.height(first);
        }
        let mut changed = false;
        let rect = Rect::from_min_size(pos2(left, top + y), vec2(width, f32::INFINITY));
        let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
        let mut i = first;
        let mut after = 0;
        while i < n && after <= extra {
            let before = child.cursor().top();
            child.push_id(("row", i), |ui| row(ui, i));
            let h = child.cursor().top() - before;
            if self.heights[i].is_none_or(|old| (old - h).abs() > 0.5) {
                changed = true;
                self.heights[i] = Some(h);
            }
            y += h;
            if y > viewport.max.y {
                after += 1;
            }
            i += 1;
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tops_use_measured_heights_and_estimates() {
        let mut r = RowHeights::default();
        let est = |_| 10.0;
        r.prepare(1, 4, est);
        r.heights[1] = Some(50.0);
        assert_eq!(r.top(0), 0.0);
        assert_eq!(r.top(2), 60.0);
        assert_eq!(r.top(4), 80.0);
        r.prepare(1, 4, est);
        assert_eq!(r.top(2), 60.0, "same key keeps the measurements");
        r.prepare(2, 4, est);
        assert_eq!(r.top(2), 20.0, "a new key forgets them");
    }
}
