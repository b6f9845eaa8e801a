//! `data/items.csv`: one row per item for spreadsheets. UTF-8 with a byte-order mark so Excel
//! reads Chinese and Russian correctly, CRLF line ends and RFC 4180 quoting.

use crate::bundle::format::BundleItem;

const COLUMNS: &[&str] = &[
    "uid",
    "kind",
    "title",
    "date",
    "language",
    "byline",
    "site",
    "url",
    "caption",
    "credit",
    "copyright",
    "keywords",
    "tags",
    "collections",
    "source_name",
    "path",
    "sha256",
];

/// The CSV of `items`; `collections_of` names the collections an item is in.
pub fn items_csv(items: &[BundleItem], collections_of: impl Fn(&str) -> Vec<String>) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, COLUMNS.iter().map(|c| (*c).to_string()));
    for item in items {
        let (byline, site, url) = match &item.article {
            Some(a) => (a.byline.clone(), a.site.clone(), a.url.clone()),
            None => (
                item.photo
                    .as_ref()
                    .map(|p| p.byline.clone())
                    .unwrap_or_default(),
                String::new(),
                String::new(),
            ),
        };
        let photo = item.photo.as_ref();
        row(
            &mut out,
            [
                item.uid.clone(),
                item.kind.clone(),
                item.title.clone(),
                item.date.clone().unwrap_or_default(),
                item.language.clone().unwrap_or_default(),
                byline,
                site,
                url,
                photo.map(|p| p.caption.clone()).unwrap_or_default(),
                photo.map(|p| p.credit.clone()).unwrap_or_default(),
                photo.map(|p| p.copyright.clone()).unwrap_or_default(),
                photo.map(|p| p.keywords.join("; ")).unwrap_or_default(),
                item.tags.join("; "),
                collections_of(&item.uid).join("; "),
                item.source_name.clone(),
                item.path.clone(),
                item.sha256.clone(),
            ],
        );
    }
    out
}

fn row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = cells.into_iter().map(|cell| quote(&cell)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Characters that make a spreadsheet read a cell as a formula, in their ASCII and full-width
/// forms.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Whether a spreadsheet could run `cell` as a formula: it starts with a formula character,
/// perhaps after spaces, tabs, line breaks or no-break spaces (which spreadsheets skip), or with
/// a tab or carriage return (which some read as the start of a new cell).
fn could_be_formula(cell: &str) -> bool {
    cell.starts_with(['\t', '\r'])
        || cell
            .trim_start_matches(|c: char| c.is_whitespace() || c.is_control())
            .starts_with(FORMULA_STARTS)
}

fn quote(cell: &str) -> String {
    let defused = if could_be_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) || defused != cell {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_with_commas_quotes_and_lines_are_quoted() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_never_run_by_a_spreadsheet() {
        assert_eq!(quote("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }

    #[test]
    fn formulas_behind_spaces_tabs_or_no_break_spaces_are_defused_too() {
        for hidden in [
            " =1+1",
            "\t=1+1",
            "\u{a0}=1+1",
            "\u{3000}@SUM(A1)",
            "\r\n+cmd",
            "\u{2003}-2",
            "＝1+1",
            "\tplain",
        ] {
            assert!(
                quote(hidden).starts_with("\"'"),
                "{hidden:?} → {}",
                quote(hidden)
            );
        }
        assert_eq!(quote("a = b"), "a = b");
        assert_eq!(quote(" plain"), " plain");
    }
}
