//! Directions from a named place, read with the distance given with them: "150 nautical miles
//! west of Aden", "about 55 km south-east of Kessel". Two sources that put one distance from one
//! place in two directions contradict each other on the direction, whatever the figure; a
//! direction given with another distance is another position and is not compared.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::Cx;
use crate::model::{Fact, FactKind, Finding, FindingStatus, Span};

static DIRECTION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>nautical\s+miles?|miles?|km|kilometres?|kilometers?))\s+(?P<dir>(?i:(?:north|south)(?:-?(?:east|west))?|east|west))\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w-]*)",
    )
    .expect("valid direction regex")
});

/// Kilometres in one unit as written.
fn km_per(unit: &str) -> f64 {
    let u = unit.to_lowercase();
    if u.starts_with("nautical") {
        1.852
    } else if u.starts_with("mile") {
        1.609
    } else {
        1.0
    }
}

/// Direction facts of the sentence at `span`: the words of the direction and place as the
/// evidence, the value `west 277.8 km` (direction, then the distance in kilometres), the place
/// as the subject.
pub(crate) fn extract(text: &str, span: Span) -> Vec<Fact> {
    let sentence = &text[span.start..span.end];
    DIRECTION_RE
        .captures_iter(sentence)
        .filter_map(|c| {
            let (n, unit, dir, place) = (
                c.name("n")?,
                c.name("unit")?,
                c.name("dir")?,
                c.name("place")?,
            );
            let km = n.as_str().replace(',', "").parse::<f64>().ok()? * km_per(unit.as_str());
            let (start, end) = (span.start + dir.start(), span.start + place.end());
            let direction = dir.as_str().to_lowercase().replace('-', "");
            Some(Fact {
                kind: FactKind::Direction,
                start,
                end,
                text: text[start..end].to_string(),
                value: format!("{direction} {km:.1} km"),
                subject: place.as_str().to_string(),
                note: format!(
                    "direction from {} at {} {} as written",
                    place.as_str(),
                    n.as_str(),
                    unit.as_str()
                ),
            })
        })
        .collect()
}

/// A direction fact's value read back: (direction, kilometres).
fn read(value: &str) -> Option<(&str, f64)> {
    let mut it = value.split(' ');
    let dir = it.next()?;
    let km = it.next()?.parse().ok()?;
    Some((dir, km))
}

/// Two distances that are one figure: within a tenth of the larger (rounding, a conversion).
fn one_distance(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.1 * a.max(b)
}

// Comparison of the sources' facts of this kind.

impl Cx<'_> {
    /// Per place, the positions the sources give at one distance from it: two directions are a
    /// conflict, one direction in two sources an agreement. A direction only one source gives
    /// is shown with its distance (a figure finding), not again here.
    pub(super) fn directions(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Direction);
        let mut by_place: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &m in &members {
            by_place
                .entry(self.items[m].fact.subject.as_str())
                .or_default()
                .push(m);
        }
        let mut out = Vec::new();
        for (place, ms) in by_place {
            // Positions: mentions whose distances are one figure with the position's shortest
            // (one pass over the sorted distances, so 100, 105, 110 … never chain far).
            let mut by_distance: Vec<(f64, usize)> = ms
                .iter()
                .filter_map(|&m| read(&self.items[m].fact.value).map(|(_, km)| (km, m)))
                .collect();
            by_distance.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let mut positions: Vec<Vec<usize>> = Vec::new();
            let mut first: Option<f64> = None;
            for (km, m) in by_distance {
                match (first, positions.last_mut()) {
                    (Some(shortest), Some(p)) if one_distance(shortest, km) => p.push(m),
                    _ => {
                        positions.push(vec![m]);
                        first = Some(km);
                    }
                }
            }
            for mut p in positions {
                p.sort_unstable();
                if let Some(f) = self.position_finding(place, &p) {
                    out.push(f);
                }
            }
        }
        out
    }

    fn position_finding(&self, place: &str, ms: &[usize]) -> Option<Finding> {
        let mut dirs: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for &m in ms {
            let (dir, _) = read(&self.items[m].fact.value)?;
            dirs.entry(dir).or_default().insert(self.items[m].doc);
        }
        let docs: BTreeSet<usize> = ms.iter().map(|&m| self.items[m].doc).collect();
        if docs.len() < 2 {
            return None;
        }
        // Two sources differ when each gives a direction the other does not.
        let per_doc = |d: usize| -> BTreeSet<&str> {
            dirs.iter()
                .filter(|(_, ds)| ds.contains(&d))
                .map(|(k, _)| *k)
                .collect()
        };
        let conflict = docs.iter().any(|&a| {
            docs.iter()
                .any(|&b| a < b && per_doc(a).is_disjoint(&per_doc(b)))
        });
        let listing: Vec<String> = dirs
            .iter()
            .map(|(d, ds)| {
                let by: Vec<String> = ds.iter().map(|&x| self.source(x)).collect();
                format!("{d} ({})", by.join(", "))
            })
            .collect();
        let slot = format!("the direction from {place}");
        let (status, summary, reason) = if conflict {
            (
                FindingStatus::Conflict,
                format!("Direction from {place} differs: {}", listing.join(" vs ")),
                "one distance from one place, in two directions",
            )
        } else {
            (
                FindingStatus::Agree,
                format!("Direction from {place} agrees: {}", listing.join(", ")),
                "the same direction at one distance",
            )
        };
        let mut f = self
            .finding(FactKind::Direction, status, summary, ms, &BTreeMap::new())
            .about(slot, reason);
        f.group = None;
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directions(s: &str) -> Vec<(String, String, String)> {
        crate::facts::read_whole(s, extract)
    }

    #[test]
    fn a_direction_is_read_with_its_distance() {
        assert_eq!(
            directions("The ship was attacked 150 nautical miles west of Aden on Saturday."),
            vec![("west of Aden".into(), "west 277.8 km".into(), "Aden".into())]
        );
        assert_eq!(
            directions("The quake struck about 55 km south-east of Kessel."),
            vec![(
                "south-east of Kessel".into(),
                "southeast 55.0 km".into(),
                "Kessel".into()
            )]
        );
        // A direction with no distance is no position.
        assert!(directions("Pirates are active east of Aden.").is_empty());
        assert!(one_distance(277.8, 278.0) && !one_distance(277.8, 24.0));
    }
}
