//! Tests of the search analyzer: normalisation, stems, CJK bigrams and positions.

use super::*;

fn texts(analyzer: &Analyzer, text: &str) -> Vec<String> {
    analyzer.tokens(text).into_iter().map(|t| t.text).collect()
}

fn index_texts(text: &str) -> Vec<String> {
    texts(&Analyzer::for_index(), text)
}

fn query_texts(text: &str) -> Vec<String> {
    texts(&Analyzer::for_query(), text)
}

#[test]
fn english_words_are_stemmed_so_plurals_match() {
    assert_eq!(index_texts("innovation"), index_texts("Innovations"));
    assert_eq!(index_texts("Innovations dialogue"), ["innov", "dialogu"]);
}

#[test]
fn english_possessive_stems_to_the_noun() {
    assert_eq!(index_texts("Russia’s"), index_texts("russia"));
    assert_eq!(index_texts("Russia's"), index_texts("russia"));
}

#[test]
fn russian_words_are_stemmed_so_cases_match() {
    assert_eq!(index_texts("инновация"), index_texts("инновациям"));
    assert_eq!(index_texts("Сколково"), index_texts("сколкова"));
}

#[test]
fn russian_yo_and_ye_analyze_alike() {
    assert_eq!(index_texts("ещё"), index_texts("еще"));
    assert_eq!(index_texts("Актёр"), index_texts("актер"));
}

#[test]
fn russian_stress_marks_are_ignored() {
    assert_eq!(index_texts("приве\u{301}т"), index_texts("привет"));
}

#[test]
fn full_width_latin_matches_ascii() {
    assert_eq!(index_texts("ＳＫＯＬＫＯＶＯ"), index_texts("Skolkovo"));
    assert_eq!(index_texts("２０１８"), ["2018"]);
}

#[test]
fn digits_are_tokens_of_their_own() {
    assert_eq!(
        index_texts("COVID-19 in 2018"),
        ["covid", "19", "in", "2018"]
    );
    assert_eq!(index_texts("5g"), ["5", "g"]);
}

#[test]
fn chinese_runs_are_overlapping_bigrams_in_queries() {
    assert_eq!(query_texts("中小企业"), ["中小", "小企", "企业"]);
    assert_eq!(query_texts("创新"), ["创新"]);
    assert_eq!(query_texts("中俄"), ["中俄"]);
}

#[test]
fn a_single_chinese_character_is_a_unigram_query() {
    assert_eq!(query_texts("中"), ["中"]);
    assert_eq!(query_texts("在 中 国"), ["在", "中", "国"]);
}

#[test]
fn the_index_holds_every_cjk_character_and_every_bigram() {
    let tokens = Analyzer::for_index().tokens("中俄创新");
    let by_position: Vec<(usize, &str)> = tokens
        .iter()
        .map(|t| (t.position, t.text.as_str()))
        .collect();
    assert_eq!(
        by_position,
        [
            (0, "中"),
            (0, "中俄"),
            (1, "俄"),
            (1, "俄创"),
            (2, "创"),
            (2, "创新"),
            (3, "新")
        ]
    );
}

#[test]
fn query_bigram_positions_line_up_with_the_index() {
    let index: Vec<(usize, String)> = Analyzer::for_index()
        .tokens("中小企业 2018")
        .into_iter()
        .map(|t| (t.position, t.text))
        .collect();
    for token in Analyzer::for_query().tokens("中小企业 2018") {
        assert!(
            index.contains(&(token.position, token.text.clone())),
            "{token:?} not in the index at the same position"
        );
    }
}

#[test]
fn japanese_kana_and_kanji_form_one_run() {
    assert_eq!(
        query_texts("ひらがなカナ"),
        ["ひら", "らが", "がな", "なカ", "カナ"]
    );
}

#[test]
fn mixed_scripts_split_into_their_own_tokens() {
    assert_eq!(
        query_texts("Skolkovo创新中心Сколково"),
        ["skolkovo", "创新", "新中", "中心", "сколков"]
    );
}

#[test]
fn offsets_point_into_the_original_text() {
    let text = "ＳＫＯＬＫＯＶＯ 创新, Ёлки and ﬁsh";
    let tokens = Analyzer::for_index().tokens(text);
    let originals: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(
        originals,
        ["ＳＫＯＬＫＯＶＯ", "创", "创新", "新", "Ёлки", "and", "ﬁsh"]
    );
}

#[test]
fn positions_advance_once_per_word_and_once_per_cjk_character() {
    let positions: Vec<usize> = Analyzer::for_query()
        .tokens("one 创新中心 two")
        .iter()
        .map(|t| t.position)
        .collect();
    assert_eq!(positions, [0, 1, 2, 3, 5]);
}

#[test]
fn stems_keep_the_first_character_of_the_word() {
    // Snippets skip stemming words whose first character no query term starts with.
    let words = "skies dying lying tying idly gently early only singly news yearly \
                 generously innovations ugly ёлками инновациям правительством ыыы";
    let analyzer = Analyzer::for_index();
    for word in words.split_whitespace() {
        let stem = &analyzer.tokens(word)[0].text;
        let folded: String = Normalized::new(word).map(|n| n.ch).collect();
        assert_eq!(
            stem.chars().next(),
            folded.chars().next(),
            "{word} → {stem}"
        );
    }
}

#[test]
fn stemming_only_some_words_leaves_the_others_as_written() {
    let mut texts = Vec::new();
    let options = ScanOptions {
        stem_only_starting_with: Some(&['i']),
        ..ScanOptions::default()
    };
    Analyzer::for_index().scan("innovations dialogues", options, &mut |t| {
        texts.push(t.text.to_owned());
        ControlFlow::Continue(())
    });
    assert_eq!(texts, ["innov", "dialogues"]);
}

#[test]
fn a_scan_stops_when_the_sink_breaks() {
    let mut seen = 0;
    Analyzer::for_index().scan("one two 中国 three", ScanOptions::default(), &mut |_| {
        seen += 1;
        ControlFlow::Break(())
    });
    assert_eq!(seen, 1);
}

#[test]
fn punctuation_and_very_long_words_make_no_tokens() {
    assert!(query_texts("— !!! …").is_empty());
    assert!(query_texts(&"a".repeat(500)).is_empty());
}
