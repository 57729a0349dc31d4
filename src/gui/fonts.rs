//! Fonts that draw what articles contain: egui's own fonts (Latin, Greek, Cyrillic, emoji), then
//! the bundled DejaVu Sans (Arabic, Hebrew, Armenian, Georgian, the status symbols ✓ ✗ ◆ and many
//! more), then, for scripts none of those covers (Chinese, Japanese, Korean, Thai, Indic…), the
//! first system font that has them. A character nothing can draw is shown as a box, never a
//! crash.
//!
//! egui lays text out left to right and does not shape complex scripts: Arabic and Hebrew show
//! their letters in logical order, unjoined. That is a limit of the toolkit, said here so that
//! nobody mistakes it for a font problem.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// DejaVu Sans, bundled (see assets/fonts/DejaVuSans-LICENSE.txt).
const DEJAVU: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// One character of each script looked for in system fonts when no bundled font draws it.
const PROBES: &[(&str, char)] = &[
    ("Han", '中'),
    ("Kana", 'か'),
    ("Hangul", '한'),
    ("Thai", 'ก'),
    ("Devanagari", 'क'),
    ("Bengali", 'ক'),
    ("Tamil", 'த'),
    ("Ethiopic", 'ሀ'),
    ("Khmer", 'ក'),
];

/// Font definitions with the fallbacks above; `system` says whether to look at system fonts.
pub fn definitions(system: bool) -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    let mut fallbacks: Vec<(String, FontData)> =
        vec![("DejaVuSans".to_string(), FontData::from_static(DEJAVU))];
    if system {
        fallbacks.extend(system_fallbacks(&defs, &fallbacks));
    }
    for (name, data) in fallbacks {
        defs.font_data.insert(name.clone(), Arc::new(data));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            defs.families.entry(family).or_default().push(name.clone());
        }
    }
    defs
}

/// Installs the fonts in `ctx` (system fonts are looked through once per run).
pub fn install(ctx: &egui::Context) {
    static DEFS: std::sync::OnceLock<FontDefinitions> = std::sync::OnceLock::new();
    ctx.set_fonts(DEFS.get_or_init(|| definitions(true)).clone());
}

/// True when the font `data` (face `index`) has a glyph for `c`.
fn covers(data: &[u8], index: u32, c: char) -> bool {
    use read_fonts::TableProvider;
    read_fonts::FontRef::from_index(data, index)
        .ok()
        .and_then(|f| f.cmap().ok())
        .and_then(|cmap| cmap.map_codepoint(c))
        .is_some()
}

/// For each probe no font so far draws, the first system font (by family name, regular faces
/// first) that does, as (name, data).
fn system_fallbacks(
    defs: &FontDefinitions,
    bundled: &[(String, FontData)],
) -> Vec<(String, FontData)> {
    let have = |c: char, extra: &[(String, FontData)]| {
        defs.font_data
            .values()
            .map(|d| ((*d.font).as_ref(), d.index))
            .chain(extra.iter().map(|(_, d)| ((*d.font).as_ref(), d.index)))
            .any(|(data, index)| covers(data, index, c))
    };
    let missing: Vec<char> = PROBES
        .iter()
        .map(|&(_, c)| c)
        .filter(|&c| !have(c, bundled))
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
    // Regular upright faces first, then by family name, so the choice is the same every run.
    faces.sort_by_key(|f| {
        (
            f.style != fontdb::Style::Normal,
            f.weight.0.abs_diff(400),
            f.families
                .first()
                .map(|(n, _)| n.clone())
                .unwrap_or_default(),
            f.post_script_name.clone(),
        )
    });
    let mut out: Vec<(String, FontData)> = Vec::new();
    for c in missing {
        if have(c, bundled) || have(c, &out) {
            continue;
        }
        for face in &faces {
            let found = db.with_face_data(face.id, |data, index| {
                covers(data, index, c).then(|| {
                    let mut fd = FontData::from_owned(data.to_vec());
                    fd.index = index;
                    fd
                })
            });
            if let Some(Some(fd)) = found {
                out.push((format!("system:{}", face.post_script_name), fd));
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_draws_status_symbols_and_right_to_left_scripts() {
        for c in ['✓', '✗', '◆', 'ب', 'ש', 'Ж', 'é'] {
            assert!(covers(DEJAVU, 0, c), "DejaVu Sans has no {c}");
        }
        let defs = definitions(false);
        let prop = &defs.families[&FontFamily::Proportional];
        assert!(prop.iter().any(|n| n == "DejaVuSans"));
    }
}
