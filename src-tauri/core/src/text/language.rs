//! Language of a text as an ISO 639-1 code (`en`, `zh`, `ru`, …), for the `lang:` search field
//! and the analyzer's choice of stemmer.
//!
//! Chinese and Japanese are told apart by script (kana means Japanese), which is exact and free;
//! everything else goes to whatlang's trigram model (no model files, ~70 languages). When
//! whatlang is unsure, only the archive's own languages — English and Russian — are accepted:
//! a short press headline is far more likely to be one of them than a guess at Catalan.

use whatlang::{Lang, Script};

/// Detection looks at most at this much text: a few hundred words give a stable answer, and
/// whatlang's cost grows with the length.
const SAMPLE_BYTES: usize = 3 * 1024;
/// Fewer letters than this say nothing about a language.
const MIN_LETTERS: usize = 3;

/// The language of `text`, or `None` when it is too short or too ambiguous to say.
pub fn detect_language(text: &str) -> Option<String> {
    let sample = &text[..super::credit::floor_char_boundary(text, SAMPLE_BYTES)];
    let counts = ScriptCounts::of(sample);
    if counts.letters < MIN_LETTERS {
        return None;
    }
    // Han or kana on more than a third of the letters: a CJK text with Latin names in it.
    if (counts.han + counts.kana) * 3 > counts.letters {
        let japanese = counts.kana * 10 > counts.han + counts.kana;
        return Some(if japanese { "ja" } else { "zh" }.to_string());
    }
    if counts.hangul * 3 > counts.letters {
        return Some("ko".to_string());
    }
    let info = whatlang::detect(sample)?;
    let lang = info.lang();
    if info.is_reliable() || matches!(lang, Lang::Eng | Lang::Rus) {
        return iso_639_1(lang).map(str::to_string);
    }
    // Unsure between neighbours (Russian/Ukrainian/Bulgarian, English/Latin-script others):
    // prefer the archive's languages when the script allows them.
    match info.script() {
        Script::Cyrillic if counts.letters < 40 => Some("ru".to_string()),
        _ => None,
    }
}

#[derive(Default)]
struct ScriptCounts {
    letters: usize,
    han: usize,
    kana: usize,
    hangul: usize,
}

impl ScriptCounts {
    fn of(text: &str) -> Self {
        let mut counts = ScriptCounts::default();
        for c in text.chars().filter(|&c| is_letter(c)) {
            counts.letters += 1;
            match c {
                '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' => counts.kana += 1,
                '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' => counts.hangul += 1,
                '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' => {
                    counts.han += 1
                }
                _ => {}
            }
        }
        counts
    }
}

/// `char::is_alphabetic`, with the archive's common scripts answered without the Unicode
/// tables: this runs over every character of every sample.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{0400}'..='\u{0481}' | '\u{048a}'..='\u{04ff}' => true,
        '\u{4e00}'..='\u{9fff}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphabetic(),
    }
}

/// whatlang speaks ISO 639-3; the archive stores ISO 639-1.
fn iso_639_1(lang: Lang) -> Option<&'static str> {
    Some(match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(text: &str) -> Option<&'static str> {
        detect_language(text).map(|s| match s.as_str() {
            "en" => "en",
            "ru" => "ru",
            "zh" => "zh",
            "ja" => "ja",
            "ko" => "ko",
            "uk" => "uk",
            "de" => "de",
            "fr" => "fr",
            other => panic!("unexpected language {other}"),
        })
    }

    #[test]
    fn english_russian_and_chinese_paragraphs_are_recognised() {
        assert_eq!(
            lang(
                "The event aimed at strengthening the strategic dialogue between the two countries in innovation strategy and planning."
            ),
            Some("en")
        );
        assert_eq!(
            lang(
                "Мероприятие было направлено на укрепление стратегического диалога между двумя странами в области инноваций."
            ),
            Some("ru")
        );
        assert_eq!(
            lang("第二届中俄创新对话在莫斯科斯科尔科沃创新中心举行，双方签署了联合宣言。"),
            Some("zh")
        );
    }

    #[test]
    fn chinese_with_latin_names_is_still_chinese() {
        assert_eq!(
            lang("科技部副部长张建国出席 Skolkovo 创新中心的 China-Russia 对话开幕式"),
            Some("zh")
        );
    }

    #[test]
    fn kana_makes_a_text_japanese() {
        assert_eq!(
            lang("東京で開催された会議には、多くの専門家が参加しました。"),
            Some("ja")
        );
    }

    #[test]
    fn other_languages_come_back_when_the_detector_is_sure() {
        assert_eq!(
            lang(
                "Die Veranstaltung fand im Innovationszentrum Skolkowo in Moskau statt und wurde von beiden Ministerien gemeinsam organisiert."
            ),
            Some("de")
        );
        assert_eq!(
            lang(
                "Захід було спрямовано на зміцнення стратегічного діалогу між двома країнами у сфері інновацій та підприємництва."
            ),
            Some("uk")
        );
    }

    #[test]
    fn short_or_letterless_text_gives_none_or_a_home_language() {
        assert_eq!(lang(""), None);
        assert_eq!(lang("12:30 — 2018-11-02 !!!"), None);
        assert_eq!(lang("ab"), None);
        assert!(matches!(
            lang("Innovation dialogue held in Moscow"),
            Some("en") | None
        ));
        assert!(matches!(lang("Диалог в Москве"), Some("ru") | None));
    }

    #[test]
    fn huge_text_is_sampled_not_scanned() {
        let text = "The two sides signed a joint declaration. ".repeat(1_000_000);
        let started = std::time::Instant::now();
        assert_eq!(lang(&text), Some("en"));
        assert!(started.elapsed().as_millis() < 2_000);
    }

    #[test]
    fn the_letter_shortcut_agrees_with_unicode_for_every_character() {
        let disagreeing: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|&c| super::is_letter(c) != c.is_alphabetic())
            .collect();
        assert!(disagreeing.is_empty(), "{disagreeing:?}");
    }
}
