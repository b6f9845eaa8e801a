//! Tests for caption/credit splitting: every marker in each language, and sentences that only
//! look like credits.

use super::*;

fn split(text: &str) -> (String, String) {
    let cc = split_credit(text);
    (cc.caption, cc.credit)
}

fn assert_split(text: &str, caption: &str, credit: &str) {
    assert_eq!(
        split(text),
        (caption.to_string(), credit.to_string()),
        "input: {text:?}"
    );
}

fn assert_no_credit(text: &str) {
    let (caption, credit) = split(text);
    assert_eq!(credit, "", "input {text:?} must not yield a credit");
    assert_eq!(caption, collapse_whitespace(text));
    assert!(
        !looks_like_caption_line(text),
        "{text:?} is not a caption line"
    );
}

#[test]
fn square_bracket_photo_slash_credit_is_split() {
    assert_split(
        "The \"Second China-Russia Innovation Dialogue\" is held at the Skolkovo Innovation Center in Moscow on October 16. [photo/safea.gov.cn]",
        "The \"Second China-Russia Innovation Dialogue\" is held at the Skolkovo Innovation Center in Moscow on October 16.",
        "safea.gov.cn",
    );
    assert_split(
        "Delegates pose for a group photo. [Photo/Xinhua]",
        "Delegates pose for a group photo.",
        "Xinhua",
    );
    assert_split(
        "A view of the venue [Photo by Li Ming/China Daily]",
        "A view of the venue",
        "Li Ming/China Daily",
    );
}

#[test]
fn parenthesised_photo_colon_credit_is_split() {
    assert_split(
        "Students at the lab. (Photo: Jane Doe)",
        "Students at the lab.",
        "Jane Doe",
    );
    assert_split(
        "Students at the lab (photo: Reuters).",
        "Students at the lab",
        "Reuters",
    );
    assert_split(
        "The new campus. (Image credit: University press office)",
        "The new campus.",
        "University press office",
    );
}

#[test]
fn agency_slash_photographer_in_brackets_is_a_credit() {
    assert_split(
        "Visitors look at a robot in Beijing on Oct 16, 2018. (Xinhua/Li Ming)",
        "Visitors look at a robot in Beijing on Oct 16, 2018.",
        "Xinhua/Li Ming",
    );
    assert_split(
        "President speaks at the White House. (AP Photo/Evan Vucci)",
        "President speaks at the White House.",
        "AP Photo/Evan Vucci",
    );
    assert_split("The summit opens. (Xinhua)", "The summit opens.", "Xinhua");
}

#[test]
fn slash_agency_tail_is_a_credit() {
    assert_split(
        "The dialogue was held in Moscow on Oct 16. /Xinhua",
        "The dialogue was held in Moscow on Oct 16.",
        "Xinhua",
    );
    assert_split(
        "Runners in the city marathon./China Daily",
        "Runners in the city marathon.",
        "China Daily",
    );
}

#[test]
fn english_unbracketed_markers_are_split() {
    assert_split(
        "Scientists at work in the lab. Photo by John Smith",
        "Scientists at work in the lab.",
        "John Smith",
    );
    assert_split(
        "Scientists at work in the lab. Photo: Reuters.",
        "Scientists at work in the lab.",
        "Reuters",
    );
    assert_split(
        "Scientists at work in the lab — Photo/IC",
        "Scientists at work in the lab",
        "IC",
    );
    assert_split(
        "Scientists at work. Photos: A. B. Carter",
        "Scientists at work.",
        "A. B. Carter",
    );
    assert_split(
        "Scientists at work. Photo courtesy of the institute",
        "Scientists at work.",
        "the institute",
    );
    assert_split("Photo: Reuters", "", "Reuters");
    assert_split(
        "A rally in town. Credit: J. Smith",
        "A rally in town.",
        "J. Smith",
    );
}

#[test]
fn russian_markers_are_split() {
    assert_split(
        "Участники диалога в Сколково. Фото: ТАСС",
        "Участники диалога в Сколково.",
        "ТАСС",
    );
    assert_split(
        "Участники диалога в Сколково. Фото Ивана Петрова",
        "Участники диалога в Сколково.",
        "Ивана Петрова",
    );
    assert_split(
        "Открытие форума. Фото из открытых источников",
        "Открытие форума.",
        "из открытых источников",
    );
    assert_split(
        "Открытие форума (фото: пресс-служба Минэкономразвития)",
        "Открытие форума",
        "пресс-служба Минэкономразвития",
    );
    assert_split(
        "Открытие форума. Фото — РИА Новости",
        "Открытие форума.",
        "РИА Новости",
    );
}

#[test]
fn chinese_markers_are_split() {
    assert_split(
        "第二届中俄创新对话在莫斯科举行。摄影：张三",
        "第二届中俄创新对话在莫斯科举行。",
        "张三",
    );
    assert_split(
        "第二届中俄创新对话在莫斯科举行。摄影:张三",
        "第二届中俄创新对话在莫斯科举行。",
        "张三",
    );
    assert_split(
        "第二届中俄创新对话在莫斯科举行。图片来源：科技部",
        "第二届中俄创新对话在莫斯科举行。",
        "科技部",
    );
    assert_split(
        "第二届中俄创新对话在莫斯科举行。 记者 李明 摄",
        "第二届中俄创新对话在莫斯科举行。",
        "记者 李明",
    );
    assert_split(
        "10月16日，第二届中俄创新对话在莫斯科举行。（新华社记者 李明 摄）",
        "10月16日，第二届中俄创新对话在莫斯科举行。",
        "新华社记者 李明",
    );
    assert_split(
        "对话现场 (新华社记者 李明 摄)",
        "对话现场",
        "新华社记者 李明",
    );
    assert_split("对话现场 新华社记者李明摄", "对话现场", "新华社记者李明");
    assert_split("对话现场。 李明 摄", "对话现场。", "李明");
    assert_split("对话现场【图/视觉中国】", "对话现场", "视觉中国");
}

#[test]
fn caption_without_credit_is_returned_whole() {
    assert_split(
        "Delegates at the opening ceremony.",
        "Delegates at the opening ceremony.",
        "",
    );
    assert_split("  spaced \n  caption  ", "spaced caption", "");
    assert_split("", "", "");
}

#[test]
fn sentence_mentioning_a_photo_is_not_a_caption() {
    assert_no_credit("He showed us a photo by his grandfather.");
    assert_no_credit("He showed us a photo by his grandfather");
    assert_no_credit("Photos of the event are available on the ministry's website.");
    assert_no_credit("She took a photo/video of the scene");
    assert_no_credit(
        "The exhibition includes the photo: a portrait of the minister in 1990 taken during the first official visit to the region, which later became famous",
    );
    assert_no_credit("Фото сделано вчера в Москве");
    assert_no_credit("Он показал фото: всё в порядке");
    assert_no_credit("我们拍摄了很多照片");
    assert_no_credit("他在会上展示了照片");
    assert_no_credit("The protocol stack (TCP/IP)");
    assert_no_credit("Output rose in the period (2017/2018)");
    assert_no_credit("Choose one (and/or both)");
    assert_no_credit("See the appendix [1]");
    assert_no_credit("Photo: He said the photo was taken in Moscow. Then he left the room");
}

#[test]
fn caption_line_detection_requires_a_credit_and_a_short_line() {
    assert!(looks_like_caption_line(
        "The dialogue in Moscow on October 16. [photo/safea.gov.cn]"
    ));
    assert!(looks_like_caption_line(
        "  对话现场（新华社记者 李明 摄）  "
    ));
    assert!(!looks_like_caption_line(""));
    assert!(!looks_like_caption_line("Updated: 2018-11-02"));
    let long = format!("{} [photo/x.org]", "word ".repeat(200));
    assert!(
        !looks_like_caption_line(&long),
        "a long paragraph is not a caption"
    );
}

#[test]
fn huge_input_is_handled_in_linear_time() {
    let text = format!("{}. Photo: Reuters", "a ".repeat(5_000_000));
    let started = std::time::Instant::now();
    let (_, credit) = split(&text);
    assert_eq!(credit, "Reuters");
    assert!(!looks_like_caption_line(&text));
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn multibyte_tail_boundaries_do_not_panic() {
    for n in 0..300 {
        let text = format!("{}。摄影：张三", "中".repeat(n));
        assert_eq!(split(&text).1, "张三");
        let text = format!("{}Фото: ТАСС", "ж".repeat(n));
        let _ = split(&text);
    }
}
